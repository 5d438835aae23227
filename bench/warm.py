"""A warm letter against the warm floor: what each letter of a batch costs once the process is started.

    .venv/bin/python bench/warm.py [--letters 40]

In one process, alternating letter by letter after a warm-up:
- letterkit: `batch._draft` of the Callisto example, all formats, as a batch worker
  drafts each letter (the template store opened once, the worker's font configuration
  shared by its letters);
- the floor: WeasyPrint's `write_pdf` of the very HTML letterkit wrote, with
  letterkit's PDF options and one font configuration shared by every letter, and
  python-docx writing a DOCX with the text output's paragraphs.
Prints the median wall and CPU time of each and their ratio (target <= 1.10).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "letters" / "callisto-2007-shareholder-letter.yaml"
ASSETS = ROOT / "templates" / "assets"
TARGET = 1.10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=40, help="letters of each kind timed (default 40)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file (bench/run.py reads it)")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1168214400")
    from letterkit import batch, drafting
    from letterkit.writers import pdf_writer

    with tempfile.TemporaryDirectory(prefix="letterkit-warm-") as tmp:
        out = Path(tmp)
        options = batch.Options(project_letter=EXAMPLE)
        store = batch._template_store(options)
        job = batch.plan([EXAMPLE], out=out / "letterkit")[0]
        pdf_writer.own_font_configuration()
        first = batch._draft(job, options, store, False)
        assert first.ok, first.error
        # The HTML the PDF was laid out from (the saved .html loads no font: see bench/run.py).
        from letterkit.writers.html_writer import render_html

        _, composition = drafting.compose_letter(EXAMPLE)
        html = render_html(composition.document, stylesheet=composition.stylesheet)
        text = next(job.out_dir.glob("*.txt")).read_text(encoding="utf-8")
        floor = _Floor(html, text)
        floor.letter()  # warm-up of the floor's own caches
        ours, theirs = [], []
        for _ in range(args.letters):
            ours.append(_timed(lambda: batch._draft(job, options, store, False)))
            theirs.append(_timed(floor.letter))
    wall = statistics.median(w for w, _ in ours), statistics.median(w for w, _ in theirs)
    cpu = statistics.median(c for _, c in ours), statistics.median(c for _, c in theirs)
    print(f"warm letter, {args.letters} of each, load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
    print(f"letterkit (batch worker, all formats)   {1000 * wall[0]:7.1f} ms  (CPU {1000 * cpu[0]:.1f} ms)")
    print(f"floor (shared font configuration)       {1000 * wall[1]:7.1f} ms  (CPU {1000 * cpu[1]:.1f} ms)")
    if args.json:
        figures = {"letterkit": {"wall": wall[0], "cpu": cpu[0]}, "floor": {"wall": wall[1], "cpu": cpu[1]}}
        args.json.write_text(json.dumps(figures), encoding="utf-8")
    verdict = "met" if cpu[0] / cpu[1] <= TARGET else "NOT met"
    print(f"  letterkit / floor: wall {wall[0] / wall[1]:.3f}, CPU {cpu[0] / cpu[1]:.3f}   target <= {TARGET:.2f} {verdict}")


class _Floor:
    """bench/floor.py's work (WeasyPrint and python-docx alone), one font configuration for every letter."""

    def __init__(self, html: str, text: str) -> None:
        import floor  # bench/floor.py, beside this script
        from weasyprint.text.fonts import FontConfiguration

        self._floor = floor
        self._fonts = FontConfiguration()
        self._html, self._text = html, text
        self._base = ASSETS.resolve().as_uri() + "/"

    def letter(self) -> None:
        self._floor.floor_pdf(self._html, self._base, font_config=self._fonts)
        self._floor.floor_docx(self._text, io.BytesIO())


def _timed(run) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    sys.exit(main())
