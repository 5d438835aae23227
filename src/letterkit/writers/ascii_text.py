"""Typography to plain ASCII, for wires (or their downstream feeds) that carry only ASCII.

Only typographic marks are replaced, each by its usual typewriter form:
straight quotes, "--" for an em dash, "-" for an en dash (number ranges),
"..." for an ellipsis, "*" for a bullet, "(TM)" for ™. Letters are never
changed: "Tomás" has no ASCII spelling that is still the person's name, so it
stays as it is and `letterkit check --ascii` reports it.
"""

from __future__ import annotations

ASCII_FORMS: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",  # ‘ ’ ‚ ‛ ′
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',  # “ ” „ ‟ ″
    "\u2014": "--", "\u2015": "--",  # — ―
    "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",  # – ‒ ‐ ‑ −
    "\u2026": "...",  # …
    "\u2022": "*",  # •
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",  # no-break, figure, thin spaces
    "\u00ad": "", "\u200b": "", "\u2060": "",  # soft hyphen, zero-width space, word joiner
    "\u2122": "(TM)", "\u00ae": "(R)", "\u00a9": "(C)",  # ™ ® ©
}  # fmt: skip

_TABLE = str.maketrans(ASCII_FORMS)


def to_ascii(text: str) -> str:
    return text.translate(_TABLE)
