"""How cost grows with the letter: each command at 1x, 10x, 100x and 1,000x the example's paragraphs.

    .venv/bin/python bench/scaling.py            # all sizes (a few minutes on 2 cores)
    .venv/bin/python bench/scaling.py --sizes 1,10,100 --cap 60
    .venv/bin/python bench/scaling.py --commands "draft docx,draft pdf" --runs 1

Commands: validate, check, draft txt, draft docx, draft pdf (each format alone, so that
a writer that grows faster than the letter shows in its own row), redline.

The letter is the Callisto example with its body replaced by N times its own
paragraph count of short, distinct paragraphs (in text blocks of at most 500,
the schema's list limit; short, so that 1,000x stays under the 1 MB input
limit). The revision edits every paragraph. Each command runs as a cold
process, as a user types it; the figure is the median of --runs runs, and
time per paragraph beyond the smallest letter's ("beyond 1x": start-up and
templates taken out) is what must stay flat as the letter grows. A run over
--cap seconds is stopped and shown as "over".
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LETTERKIT = [str(ROOT / ".venv" / "bin" / "letterkit")]
EXAMPLE = ROOT / "data" / "letters" / "callisto-2007-shareholder-letter.yaml"
EXAMPLE_PARAGRAPHS = 15  # the example's letter paragraphs (opening, milestones, financing, goals, closing)
BLOCK = 500  # paragraphs per text block (each well under the 50,000 characters a Markdown field may hold)
WORDS = ("trial", "partner", "filing", "grant", "study", "site", "plan", "review")


def paragraph(number: int, *, edited: bool) -> str:
    word = WORDS[number % len(WORDS)]
    verb = "advanced" if edited else "moved ahead"
    return f"Item {number}: our {word} work {verb} on plan."


def write_letter(folder: Path, paragraphs: int, *, edited: bool) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    letter = data["letter"]
    for key in ("opening", "milestones", "financings", "goals_intro", "goals", "goals_style", "closing"):
        letter.pop(key, None)
    texts = [paragraph(number, edited=edited) for number in range(paragraphs)]
    letter["body"] = [{"text": "\n\n".join(texts[start : start + BLOCK])} for start in range(0, paragraphs, BLOCK)]
    path = folder / "data" / "letters" / f"{'revised' if edited else 'letter'}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return path


def timed(command: list[str], cwd: Path, cap: float) -> float | None:
    started = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode not in (0, 4):  # 4: release-check findings, still a finished run
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=float, default=120.0)
    parser.add_argument("--commands", type=lambda text: text.split(","), default=None,
                        help="only these, comma-separated (validate,check,draft txt,draft docx,draft pdf,redline)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")
    header = (
        f"{'command':<11} {'size':>6} {'paragraphs':>10} {'median s':>9} {'ms/paragraph':>13} {'beyond 1x':>10}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="letterkit-scaling-") as scratch:
        workspace = Path(scratch)
        shutil.copytree(ROOT / "data", workspace / "data")
        first: dict[str, tuple[int, float]] = {}  # command -> (paragraphs, seconds) at the smallest size
        for size in sizes:
            count = size * EXAMPLE_PARAGRAPHS
            letter = write_letter(workspace, count, edited=False)
            revised = write_letter(workspace, count, edited=True)
            commands = {
                "validate": ["validate", str(letter)],
                "check": ["check", str(letter)],
                "draft txt": ["draft", str(letter), "-f", "txt", "--out", "out"],
                "draft docx": ["draft", str(letter), "-f", "docx", "--out", "out"],
                "draft pdf": ["draft", str(letter), "-f", "pdf", "--out", "out"],
                "redline": ["redline", str(letter), str(revised), "--out", "review/r.docx", "--format", "docx"],
            }
            for name, command in commands.items():
                if args.commands and name not in args.commands:
                    continue
                times = []
                for _ in range(args.runs):
                    took = timed([*LETTERKIT, *command], workspace, args.cap)
                    if took is None:
                        break
                    times.append(took)
                if len(times) < args.runs:
                    print(f"{name:<11} {size:>5}x {count:>10} {'over':>9} {f'(> {args.cap:.0f} s)':>13}", flush=True)
                    continue
                median = statistics.median(times)
                first.setdefault(name, (count, median))
                base_count, base = first[name]
                # The cost of each paragraph beyond the smallest letter's: start-up and templates taken out.
                marginal = f"{1000 * (median - base) / (count - base_count):.2f}" if count > base_count else "-"
                line = f"{name:<11} {size:>5}x {count:>10} {median:>9.2f} {1000 * median / count:>13.2f} {marginal:>10}"
                print(line, flush=True)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
