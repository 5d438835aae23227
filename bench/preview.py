"""How fast `letterkit preview` follows a save: the warm redraw of the HTML view (target ≤ 150 ms).

    .venv/bin/python bench/preview.py [LETTER.yaml] [--runs N]

Draws once (cold: imports, templates), then touches the letter and redraws N times;
prints the cold time and the median and slowest warm redraw. The file watcher's own
delay (debounce 50 ms) comes on top of the redraw.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from letterkit.preview import LetterPreview

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("letter", nargs="?", default=ROOT / "data/letters/callisto-2007-shareholder-letter.yaml")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    preview = LetterPreview(Path(args.letter))
    start = time.perf_counter()
    preview.current()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(args.runs):
        os.utime(args.letter)
        start = time.perf_counter()
        preview.redraw()
        warm.append(time.perf_counter() - start)
    print(f"preview: cold drawing {cold * 1000:.0f} ms; warm redraw median {statistics.median(warm) * 1000:.0f} ms, "
          f"slowest {max(warm) * 1000:.0f} ms (target 150 ms), {args.runs} runs, load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
