"""Which paragraph mark of the redline is tracked, and whose properties each paragraph has.

In Word a paragraph's properties live on its mark, the end of the paragraph.
A paragraph whose mark is tracked as deleted (or inserted, when rejecting)
joins the next one and takes that one's properties (ISO/IEC 29500-1,
17.13.5.15). A stretch of the redline's paragraphs (up to a table or the end)
is laid out as slots, one per paragraph; each says which changes' runs it holds,
the properties it has in the new draft and in the old (the old ones go in
`w:pPrChange` where they differ) and how its mark is tracked:

- a paragraph both drafts have keeps its own, untracked mark;
- deleted paragraphs have their own marks tracked as deleted, which is also
  what Word writes when legal deletes a paragraph;
- inserted paragraphs are tracked on the mark *before* them, as Word writes a
  paragraph typed in after another: the paragraph before has its mark
  inserted, and the last inserted paragraph ends on the original mark,
  holding the old properties of the paragraph before. Rejecting then removes
  the inserted paragraphs without handing their properties to the paragraph
  after them (LibreOffice's Reject All does hand them over when each inserted
  paragraph's own mark is tracked);
- where deleted paragraphs are followed by inserted ones, the last deleted
  and the first inserted share one paragraph (the mark before the insertion);
- a stretch has nothing after it to join, so deleted paragraphs at its end
  are tracked on the mark before them too, their last one holding the new
  properties of the paragraph before (the drafts end differently: the final
  paragraph holds both endings).
Where nothing comes before a stretch of one-sided paragraphs (the start of the
document, or right after a table), their own marks are tracked.
"""

from __future__ import annotations

from dataclasses import dataclass

from letterkit.redline.compare import Change, Unit

INSERTED, DELETED = "w:ins", "w:del"


@dataclass
class Slot:
    """One paragraph of the redline."""

    changes: list[Change]  # whose runs it holds, in order
    new: Unit | None  # whose properties it has in the new draft (None: it is not in the new draft)
    old: Unit | None  # whose properties it has in the old draft
    mark: str | None = None  # INSERTED, DELETED, or None for a mark both drafts have


def slots(changes: list[Change]) -> list[Slot]:
    """The paragraphs of one stretch: kept paragraphs and, between them, gaps of one-sided ones."""
    laid: list[Slot] = []
    gap: list[Change] = []
    for change in changes:
        if change.old is not None and change.new is not None:
            laid += _gap(gap, laid[-1] if laid else None, last=False)
            laid.append(Slot([change], change.new, change.old))
            gap = []
        else:
            gap.append(change)
    return laid + _gap(gap, laid[-1] if laid else None, last=True)


def _gap(gap: list[Change], before: Slot | None, *, last: bool) -> list[Slot]:
    """Slots for a gap of deleted then inserted paragraphs after `before` (a kept paragraph's slot, whose
    mark this may track; None at the start of the stretch); `last`: the stretch ends with the gap."""
    deleted = [c for c in gap if c.new is None]
    inserted = [c for c in gap if c.old is None]
    if deleted and inserted:  # the last deletion and the first insertion share a paragraph
        shared = Slot([deleted[-1], inserted[0]], inserted[0].new, deleted[-1].old)
        return [_alone(c) for c in deleted[:-1]] + [shared] + _inserted_after(shared, inserted[1:], deleted[-1].old)
    if inserted and before is not None:
        return _inserted_after(before, inserted, before.old)
    if deleted and last and before is not None:  # nothing after to join: the mark before them goes instead
        before.mark = DELETED
        return [_alone(c) for c in deleted[:-1]] + [Slot([deleted[-1]], before.new, deleted[-1].old)]
    return [_alone(c) for c in gap]


def _inserted_after(anchor: Slot, inserted: list[Change], old: Unit | None) -> list[Slot]:
    """The slots of paragraphs inserted after `anchor`, whose mark is then tracked as inserted; the last
    one ends on the original mark, with the old properties `old` (of the paragraph it ends in the old draft)."""
    if not inserted:
        return []
    anchor.mark = INSERTED
    return [_alone(c) for c in inserted[:-1]] + [Slot([inserted[-1]], inserted[-1].new, old)]


def _alone(change: Change) -> Slot:
    """A one-sided paragraph with its own mark tracked."""
    mark = INSERTED if change.old is None else DELETED
    return Slot([change], change.new, change.old, mark)
