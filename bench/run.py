"""letterkit's benchmark: drafting against the rendering floor, start-up, batch throughput.

    .venv/bin/python bench/run.py             # everything: about 3 minutes on 2 cores
    .venv/bin/python bench/run.py --quick     # fewer runs and a batch of 20: about 40 s

Every figure is a median over several runs made in this one invocation, each
run a whole cold process (`letterkit …` as a user types it), timed with
time.perf_counter around the subprocess. CPU time (user + system, the
process and everything it waited for) is shown beside wall time: on a busy
machine wall times move, CPU times much less.

1. `letterkit draft` of the example, all formats, divided by the floor
   (bench/floor.py: only WeasyPrint and python-docx, laying out the very HTML
   letterkit wrote and writing a DOCX with the same paragraphs). Targets: wall time
   <= 1.0 of the floor's, CPU time <= 1.10.
2. `letterkit --help` (target <= 0.10 s) and `letterkit validate` (<= 0.25 s).
   A warm letter (bench/warm.py: as a batch worker drafts each letter) against the
   warm floor with one shared font configuration, CPU time: target <= 1.10.
3. Batch: one `letterkit draft FOLDER` call over N copies of the example
   (N = 50 and 200), letters per second against the single-letter in-process
   rate times the cores (target >= 0.8), and the peak memory of each worker
   process (read from /proc while it runs; target: no growth from 50 to 200).
4. Where pandoc is installed: the same HTML through pandoc -> docx and
   pandoc --pdf-engine=weasyprint -> pdf, as a peer figure.

The subprocesses run without PYTHONDONTWRITEBYTECODE, after one warm-up run,
so Python's bytecode cache is warm as on any installed system. Linux only
(/proc, os.wait4). Timings are never asserted by the test suite.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
EXAMPLE = ROOT / "data" / "letters" / "callisto-2007-shareholder-letter.yaml"
ASSETS = ROOT / "templates" / "assets"
BIN = Path(sys.executable).parent
LETTERKIT = BIN / "letterkit"

WALL_RATIO_TARGET = 1.0  # cold draft / floor, wall time (an idle 2-core machine)
CPU_RATIO_TARGET = 1.10  # cold draft / floor, CPU time
HELP_TARGET = 0.10  # seconds
VALIDATE_TARGET = 0.25  # seconds
WARM_TARGET = 1.10  # a warm letter / the warm floor with a shared font configuration, CPU time
BATCH_TARGET = 0.8  # of the in-process rate times the cores
FLAT_TOLERANCE = 1.05  # peak per worker at the largest N may exceed the smallest N's by 5 %


@dataclass
class Run:
    wall: float
    cpu: float
    max_rss_kb: int
    returncode: int
    others: float  # cores' worth of CPU that other processes on the machine used meanwhile
    worker_peaks_kb: list[int] = field(default_factory=list)  # batch runs: each worker's VmHWM
    parent_peak_kb: int = 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per single-process figure (default 7)")
    parser.add_argument("--batch", default="50,200", help="batch sizes (default 50,200)")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs per batch size (default 3)")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for the batch runs (default: letterkit's)")
    parser.add_argument("--quick", action="store_true", help="3 runs, a batch of 20, 1 batch run")
    parser.add_argument("--skip-batch", action="store_true", help="leave out the batch figures")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each part, wait up to this long for other processes to leave the CPUs idle",
    )
    args = parser.parse_args()
    if args.quick:
        args.runs, args.batch, args.batch_runs = 3, "20", 1
    sizes = [int(n) for n in args.batch.split(",") if n.strip()]

    work = Path(tempfile.mkdtemp(prefix="letterkit-bench-"))
    try:
        results = _benchmark(
            work, args.runs, [] if args.skip_batch else sizes, args.batch_runs, args.jobs, args.wait_quiet
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _print_html(letter: Path, target: Path) -> Path:
    """The HTML the draft's PDF is laid out from (the print stylesheet, loading the house fonts).

    The saved .html loads no file (it names the fonts and falls back to the reader's), so the
    floor lays out this one, not that one: the same pages in the same fonts.
    """
    from letterkit import drafting
    from letterkit.writers.html_writer import render_html

    _, composition = drafting.compose_letter(letter)
    target.write_text(render_html(composition.document, stylesheet=composition.stylesheet), encoding="utf-8")
    return target


def _benchmark(work: Path, runs: int, sizes: list[int], batch_runs: int, jobs: int | None, quiet: float) -> dict:
    shutil.copytree(ROOT / "data", work / "data")
    letter = work / "data" / "letters" / EXAMPLE.name
    env = _child_env()
    results: dict = {"machine": _machine(), "runs": runs}
    _wait_quiet(quiet)
    results["parallelism"] = _parallelism()

    # 1. One cold draft against the floor, interleaved so both see the same machine.
    draft_cmd = [str(LETTERKIT), "draft", str(letter), "--out", str(work / "draft")]
    stem = work / "draft" / EXAMPLE.stem
    floor_cmd = [
        sys.executable,
        str(BENCH / "floor.py"),
        str(_print_html(letter, work / "print.html")),
        f"{stem}.txt",
        str(work / "floor"),
        str(ASSETS),
    ]
    _check(_timed(draft_cmd, work, env), "letterkit draft")  # warm-up: bytecode cache, OS file cache
    floor_env = {**env, "SOURCE_DATE_EPOCH": str(calendar.timegm(_release_date(stem).timetuple()))}
    _check(_timed(floor_cmd, work, floor_env), "floor")
    _wait_quiet(quiet)
    drafts, floors, strict_floors = [], [], []
    for _ in range(runs):
        drafts.append(_check(_timed(draft_cmd, work, env), "letterkit draft"))
        floors.append(_check(_timed(floor_cmd, work, floor_env), "floor"))
        strict_floors.append(_check(_timed([*floor_cmd, "--by-soname"], work, floor_env), "floor --by-soname"))
    results["draft"] = _summary(drafts)
    results["floor"] = _summary(floors)
    results["strict_floor"] = _summary(strict_floors)
    results["ratio_wall"] = results["draft"]["wall"] / results["floor"]["wall"]
    results["ratio_cpu"] = results["draft"]["cpu"] / results["floor"]["cpu"]
    results["strict_ratio_wall"] = results["draft"]["wall"] / results["strict_floor"]["wall"]
    results["strict_ratio_cpu"] = results["draft"]["cpu"] / results["strict_floor"]["cpu"]
    results["floor_pdf_same"] = _same_rendering(
        (work / "floor" / "floor.pdf").read_bytes(), Path(f"{stem}.pdf").read_bytes()
    )

    # 2. Start-up: commands that should not pay for what they do not use.
    _wait_quiet(quiet)
    for name, cmd in (
        ("help", [str(LETTERKIT), "--help"]),
        ("validate", [str(LETTERKIT), "validate", str(letter)]),
    ):
        _timed(cmd, work, env)
        results[name] = _summary([_check(_timed(cmd, work, env), name) for _ in range(runs)])

    # 3. A warm letter, as a batch worker drafts each, against the warm floor (bench/warm.py).
    _wait_quiet(quiet)
    warm_json = work / "warm.json"
    subprocess.run(
        [sys.executable, str(BENCH / "warm.py"), "--letters", str(max(10, 5 * runs)), "--json", str(warm_json)],
        cwd=work,
        env=env,
        capture_output=True,
        check=True,
    )
    results["warm"] = json.loads(warm_json.read_text(encoding="utf-8"))

    # 4. Batch drafting against the in-process single-letter rate times the cores. Each batch run
    #    is paired with an in-process run just before it, so that both see the same machine.
    if sizes:
        results["cores"] = _cores()
        inprocess_folder = _copies(work / "inprocess", letter, 22)
        results["batch"] = {}
        rates, others = [], []
        for size in sizes:
            folder = _copies(work / f"batch-{size}", letter, size)
            cmd = [str(LETTERKIT), "draft", str(folder), "--out", str(work / f"batch-{size}" / "out")]
            if jobs:
                cmd += ["--jobs", str(jobs)]
            done, ratios = [], []
            for _ in range(batch_runs):
                _wait_quiet(quiet)
                rate, other = _inprocess_rate(work, inprocess_folder, env)
                rates.append(rate)
                others.append(other)
                done.append(_check(_timed(cmd, work, env, watch_children=True), f"batch {size}"))
                ratios.append(size / done[-1].wall / (rate * results["cores"]))
            summary = _summary(done)
            summary["rate"] = size / summary["wall"]
            summary["ratio"] = statistics.median(ratios)
            summary["ratios"] = [round(ratio, 3) for ratio in ratios]
            summary["worker_peak_kb"] = max(max(r.worker_peaks_kb, default=0) for r in done)
            summary["workers"] = max(len(r.worker_peaks_kb) for r in done)
            summary["parent_peak_kb"] = max(r.parent_peak_kb for r in done)
            results["batch"][str(size)] = summary
            shutil.rmtree(work / f"batch-{size}")
        results["inprocess_rate"] = statistics.median(rates)
        results["inprocess_others"] = statistics.median(others)

    # 5. A peer: pandoc, where it is installed.
    pandoc = shutil.which("pandoc")
    if pandoc:
        pandoc_env = {**env, "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}  # its weasyprint engine
        for name, target in (("pandoc_docx", "docx"), ("pandoc_pdf", "pdf")):
            cmd = [pandoc, f"{stem}.html", "-o", str(work / f"pandoc.{target}")]
            if target == "pdf":
                cmd.append("--pdf-engine=weasyprint")
            if _timed(cmd, work, pandoc_env).returncode == 0:
                results[name] = _summary([_timed(cmd, work, pandoc_env) for _ in range(runs)])
    return results


# --- running and measuring ------------------------------------------------------------


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a normal installation caches bytecode
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _timed(cmd: list[str], cwd: Path, env: dict[str, str], *, watch_children: bool = False) -> Run:
    """Run `cmd` to completion; wall time, CPU time and peak memory of it and its children."""
    with tempfile.TemporaryFile() as log:
        busy_before = _machine_busy()
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        peaks: dict[int, int] = {}
        parent_peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if watch_children else 0)
            if pid:
                break
            parent_peak = max(parent_peak, _peak_kb(process.pid))
            for child in _descendants(process.pid):
                if _is_worker(child):
                    peaks[child] = max(peaks.get(child, 0), _peak_kb(child))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        others = max(0.0, (_machine_busy() - busy_before - cpu) / wall)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            sys.stderr.write(log.read().decode("utf-8", "replace")[-2000:])
    return Run(wall, cpu, usage.ru_maxrss, process.returncode, others, list(peaks.values()), parent_peak)


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        try:
            children = Path(f"/proc/{stack.pop()}/task").glob("*/children")
            pids = [int(p) for path in children for p in path.read_text().split()]
        except OSError:
            continue
        found += pids
        stack += pids
    return found


def _is_worker(pid: int) -> bool:
    """A process-pool worker (forked, or spawned), not multiprocessing's resource tracker."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"resource_tracker" not in cmdline


def _machine_busy() -> float:
    """CPU seconds every process on the machine has used since boot (/proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _wait_quiet(limit: float) -> None:
    """Wait (up to `limit` seconds) until other processes use under a tenth of a core."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        busy, start = _machine_busy(), time.perf_counter()
        time.sleep(1.0)
        if (_machine_busy() - busy) / (time.perf_counter() - start) < 0.1:
            return


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _check(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"bench: {what} failed with exit code {run.returncode}")
    return run


def _summary(runs: list[Run]) -> dict:
    return {
        "wall": statistics.median(r.wall for r in runs),
        "cpu": statistics.median(r.cpu for r in runs),
        "max_rss_kb": max(r.max_rss_kb for r in runs),
        "others": statistics.median(r.others for r in runs),
        "walls": [round(r.wall, 3) for r in runs],
    }


def _inprocess_rate(work: Path, folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """Letters per second of one process drafting one letter after another, warm; others' CPU."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from letterkit import batch\n"
        "jobs = batch.plan(batch.collect_letters([Path(sys.argv[1])]), out=Path(sys.argv[2]))\n"
        "batch.draft_all(jobs[:2], workers=1)\n"  # warm-up: imports, fonts, templates
        "start = time.perf_counter()\n"
        "outcomes = batch.draft_all(jobs[2:], workers=1)\n"
        "assert all(o.ok for o in outcomes)\n"
        "print(len(outcomes) / (time.perf_counter() - start))\n"
    )
    busy, own, start = _machine_busy(), _children_cpu(), time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(work / "inprocess" / "out")],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    return float(result.stdout.strip()), max(0.0, (_machine_busy() - busy - (_children_cpu() - own)) / wall)


def _same_rendering(one: bytes, other: bytes) -> bool | None:
    """Same pages (content streams) and same embedded font programs: the same layout and subsetting work."""
    try:
        from pypdf import PdfReader  # installed by scripts/setup --test
    except ImportError:
        return None
    import io

    def rendering(pdf: bytes) -> tuple[list[bytes], list[bytes]]:
        reader = PdfReader(io.BytesIO(pdf))
        pages = [page.get_contents().get_data() for page in reader.pages]
        fonts = []
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                descriptor = (
                    font.get_object().get("/FontDescriptor")
                    or font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                )
                program = descriptor.get_object().get("/FontFile2") or descriptor.get_object().get("/FontFile3")
                fonts.append(program.get_object().get_data())
        return pages, fonts

    return rendering(one) == rendering(other)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _copies(folder: Path, letter: Path, count: int) -> Path:
    """`count` copies of `letter` (different stems) with its company profile beside them."""
    letters = folder / "letters"
    letters.mkdir(parents=True)
    shutil.copytree(letter.parent.parent / "companies", folder / "companies")
    text = letter.read_text(encoding="utf-8")
    for index in range(1, count + 1):
        (letters / f"{letter.stem}-{index:04d}.yaml").write_text(text, encoding="utf-8")
    return letters


def _release_date(stem: Path) -> datetime.date:
    document = json.loads(Path(f"{stem}.document.json").read_text(encoding="utf-8"))
    return datetime.date.fromisoformat(document["metadata"]["date"])


def _parallelism() -> float:
    """How many cores' worth of CPU-bound work the machine runs at once right now (a shared or
    throttled machine gives less than its core count: the batch figures depend on it)."""
    code = (
        "import time\n"
        "end, count = time.perf_counter() + 1.0, 0\n"
        "while time.perf_counter() < end:\n"
        "    sum(i * i for i in range(2000)); count += 1\n"
        "print(count)\n"
    )

    def loops(processes: int) -> int:
        started = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE) for _ in range(processes)]
        return sum(int(process.communicate()[0]) for process in started)

    return loops(_cores()) / loops(1)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# --- the machine --------------------------------------------------------------------------


def _machine() -> dict[str, str]:
    code = (
        "import importlib.metadata as m, ctypes, weasyprint\n"
        "from weasyprint.text import ffi\n"
        "hb = ctypes.CDLL('libharfbuzz.so.0'); hb.hb_version_string.restype = ctypes.c_char_p\n"
        "fast = ffi.harfbuzz_subset is not None and ffi.harfbuzz.hb_version_atleast(4, 1, 0)\n"
        "print(weasyprint.__version__, m.version('python-docx'), hb.hb_version_string().decode(),\n"
        "      'harfbuzz-subset' if fast else 'fontTools')\n"
    )
    versions = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": str(_cores()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "weasyprint": versions[0],
        "python-docx": versions[1],
        "harfbuzz": versions[2],
        "subsetting": versions[3],
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


# --- the report ---------------------------------------------------------------------------


def _print(r: dict) -> None:
    m = r["machine"]
    print(f"letterkit benchmark, {m['date']}: medians of {r['runs']} runs of each whole process")
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['os']}")
    print(
        f"         Python {m['python']}, WeasyPrint {m['weasyprint']}, python-docx {m['python-docx']}, "
        f"HarfBuzz {m['harfbuzz']} (subsetting: {m['subsetting']})"
    )
    print(f"CPU-bound processes ran {r['parallelism']:.2f} x as fast on {m['cores']} cores as on one when it started")
    print("others: cores' worth of CPU that other processes used during the runs (0 = the machine was ours)")
    print()
    rows = [("measure", "median", "target", "", "others")]

    def timing(label: str, figure: dict, target: str = "", met: str = "") -> None:
        rows.append((label, f"{figure['wall']:.3f} s  (CPU {figure['cpu']:.3f} s)", target, met, _cores_used(figure)))

    timing("letterkit draft, all formats (cold)", r["draft"])
    timing("floor: WeasyPrint + python-docx only", r["floor"])
    rows += [
        (
            "  draft / floor, wall",
            f"{r['ratio_wall']:.2f}",
            f"<= {WALL_RATIO_TARGET:.2f}",
            _met(r["ratio_wall"] <= WALL_RATIO_TARGET),
            "",
        ),
        (
            "  draft / floor, CPU",
            f"{r['ratio_cpu']:.2f}",
            f"<= {CPU_RATIO_TARGET:.2f}",
            _met(r["ratio_cpu"] <= CPU_RATIO_TARGET),
            "",
        ),
        (
            "  floor's pages and fonts = letterkit's",
            {True: "yes", False: "NO", None: "not checked (no pypdf)"}[r["floor_pdf_same"]],
            "",
            "",
            "",
        ),
    ]
    timing("stricter floor: libraries by soname", r["strict_floor"])
    rows += [
        ("  draft / stricter floor, wall", f"{r['strict_ratio_wall']:.2f}", "(info)", "", ""),
        ("  draft / stricter floor, CPU", f"{r['strict_ratio_cpu']:.2f}", "(info)", "", ""),
    ]
    for name, label, target in (
        ("help", "letterkit --help", HELP_TARGET),
        ("validate", "letterkit validate", VALIDATE_TARGET),
    ):
        timing(label, r[name], f"<= {target:.2f} s", _met(r[name]["wall"] <= target))
    warm, warm_floor = r["warm"]["letterkit"], r["warm"]["floor"]
    timing("warm letter (as a batch worker drafts it)", warm)
    timing("warm floor, one shared font configuration", warm_floor)
    ratio = warm["cpu"] / warm_floor["cpu"]
    rows.append(("  warm letter / warm floor, CPU", f"{ratio:.2f}", f"<= {WARM_TARGET:.2f}", _met(ratio <= WARM_TARGET), ""))
    if "batch" in r:
        rate = f"{r['inprocess_rate']:.2f} letters/s"
        rows.append(("in-process, one letter after another", rate, "", "", f"{r['inprocess_others']:.2f}"))
        for size, b in r["batch"].items():
            rows.append(
                (f"batch of {size}, {b['workers']} workers", f"{b['rate']:.2f} letters/s", "", "", _cores_used(b))
            )
            rows.append(
                (
                    f"  / ({r['cores']} x in-process run just before)",
                    f"{b['ratio']:.3f}  (runs: {', '.join(f'{x:.3f}' for x in b['ratios'])})",
                    f">= {BATCH_TARGET}",
                    _met(b["ratio"] >= BATCH_TARGET),
                    "",
                )
            )
            memory = f"{b['worker_peak_kb'] / 1024:.0f} MB / {b['parent_peak_kb'] / 1024:.0f} MB"
            rows.append(("  peak memory: each worker / parent", memory, "", "", ""))
        peaks = [b["worker_peak_kb"] for b in r["batch"].values()]
        if len(peaks) > 1:
            flat = peaks[-1] <= peaks[0] * FLAT_TOLERANCE
            sizes = " -> ".join(r["batch"])
            change = " -> ".join(f"{p / 1024:.0f}" for p in peaks)
            rows.append((f"  worker peak, batch of {sizes}", f"{change} MB", "flat (+5 % at most)", _met(flat), ""))
    for name, label in (("pandoc_docx", "pandoc -> docx (peer)"), ("pandoc_pdf", "pandoc -> pdf, WeasyPrint (peer)")):
        if name in r:
            timing(label, r[name])
    if "pandoc_docx" not in r:
        rows.append(("pandoc (peer)", "not installed", "", "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _cores_used(figure: dict) -> str:
    return f"{figure['others']:.2f}" if "others" in figure else ""  # in-process figures (warm.py) have none


def _met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


if __name__ == "__main__":
    main()
