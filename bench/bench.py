"""dvgen at the scale of the whole Dataverse reference: a benchmark that prints its figures.

    .venv/bin/python bench/bench.py [--tables 1000] [--repeat 3] [--shared ../shared]
        [--keep DIR] [--peers] [--sizes 90,1000] [--only-cold]

It builds a scale corpus of N tables from the real pages in ../shared/corpus (renamed copies:
copy k of every page prefixes each table name the corpus defines with ``u<k>_``, so names stay
unique and relationships stay inside their copy), then measures, each in a fresh process:
``dvgen generate`` from cold (all targets, all dialects, no cache), ``generate`` again with
nothing changed, ``check`` with nothing changed, ``check`` after one page changed; the time per
stage; and beside them the floor (markdown-it-py's default parser tokenising every page and
nothing else). Each timed run repeats ``--repeat`` times: figures are min / median / max (the
machine is shared: read the spread). ``--peers`` adds LinkML and datamodel-code-generator
against dvgen's matching targets, whole process against whole process (``peers.py``), at each
of ``--sizes``. It also times importing one model of the generated pydantic package in a fresh
process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import available, run_peers  # noqa: E402  (bench/ is not a package)

Run = tuple[float, float, float, str]


def build_corpus(shared: Path, count: int, specs: Path) -> int:
    """Write ``count`` renamed copies of the corpus pages into ``specs``; returns bytes written."""
    pages = sorted((shared / "corpus").glob("*.md"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in pages}
    names = set(texts)
    for text in texts.values():
        names.update(re.findall(r"EntitySetName\*?\*?\s*\|\s*`?([a-z0-9_]+)`?", text))
    pattern = re.compile(
        r"(?<![A-Za-z0-9_])("
        + "|".join(sorted(names, key=len, reverse=True))
        + r")(?![A-Za-z0-9_])"
    )
    specs.mkdir(parents=True, exist_ok=True)
    written = 0
    for index in range(count):
        copy, stem = divmod(index, len(pages))
        name = pages[stem].stem
        prefix = f"u{copy}_"
        text = pattern.sub(prefix + r"\1", texts[name])
        data = text.encode("utf-8")
        (specs / f"{prefix}{name}.md").write_bytes(data)
        written += len(data)
    return written


def _family(root: int) -> set[int]:
    """A process and its descendants: from each process's ``children`` file (cheap), else from
    a scan of every process's parent (a kernel without that file)."""
    family = {root}
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except FileNotFoundError:
            return _family_by_scan(root) if pid == root else family
        except OSError:
            continue
        children = {int(child) for child in found} - family
        family |= children
        todo += children
    return family


def _family_by_scan(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return family


def _tree_pss_mb(root: int) -> float:
    """Memory of a process and all its descendants (Linux /proc), in MB.

    PSS (proportional set size) counts a page shared by n processes (a forked worker's
    copy-on-write pages) as 1/n in each, so the sum is the tree's real footprint.
    """
    total = 0
    for pid in _family(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def measure(argv: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """(seconds, peak MB of the largest process, peak MB of the process tree, stderr).

    The largest process is its peak resident set (``ru_maxrss``); the tree's figure is the
    peak, sampled every 50 ms, of the proportional set sizes summed over the command and its
    worker processes (found through ``/proc/<pid>/task/<pid>/children``: scanning every
    process at each sample took a good part of a core from the command measured).
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    tree_peak = 0.0
    sampler = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not sampler.wait(0.05):
            tree_peak = max(tree_peak, _tree_pss_mb(process.pid))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.set()
    thread.join()
    largest = usage.ru_maxrss / 1024  # this command and the workers it waited for
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr}")
    return seconds, largest, tree_peak, stderr


def stage_times(work: Path) -> dict[str, float]:
    """Per-stage seconds of one cold, single-process, uncached run, measured in-process."""
    script = (
        "import json, time\n"
        "from pathlib import Path\n"
        "from dvgen.config import Config\n"
        "from dvgen.diagnostics import Diagnostics\n"
        "from dvgen import output\n"
        "from dvgen.pipeline import generate\n"
        "config = Config(specs=Path('specs'), out=Path('out-stages'), cache=False, jobs=1)\n"
        "result = generate(config, Diagnostics())\n"
        "t = time.perf_counter()\n"
        "output.write(config.out, result.files, set())\n"
        "result.timings['write'] = time.perf_counter() - t\n"
        "print(json.dumps(result.timings))\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", script], cwd=work, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    timings: dict[str, float] = json.loads(out.stdout)
    return timings


def floor(specs: Path) -> float:
    """markdown-it-py's default parser over every page, in one process, doing nothing else."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from markdown_it import MarkdownIt\n"
        "texts = [p.read_text(encoding='utf-8') for p in sorted(Path(sys.argv[1]).glob('*.md'))]\n"
        "md = MarkdownIt('commonmark').enable('table')\n"
        "t = time.perf_counter()\n"
        "for text in texts: md.parse(text)\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", script, str(specs)], capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def import_figure(work: Path) -> str:
    """``from <package> import Account`` in a fresh process: seconds of the import, peak RSS."""
    package = work / "out" / "pydantic"
    script = (
        "import resource, time\n"
        "t = time.perf_counter()\n"
        "from dataverse_models import Account\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", script], cwd=package, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        return f"import of Account failed: {out.stderr.strip().splitlines()[-1:]}"
    seconds, rss = out.stdout.split()
    return f"{float(seconds):.2f} s, peak RSS {int(rss) / 1024:.0f} MB (target < 0.5 s)"


def spread(runs: list[Run]) -> str:
    times = [r[0] for r in runs]
    trees = [r[2] for r in runs]
    return (
        f"{min(times):6.2f} {statistics.median(times):6.2f} {max(times):6.2f} s"
        f"   {max(r[1] for r in runs):6.0f} MB   {max(trees):6.0f} MB"
    )


def change(page: Path, count: int) -> None:
    """Another text in the first description of ``page`` (a change that reaches no other table)."""
    text = page.read_text(encoding="utf-8")
    row = re.compile(r"^\|Description\|(Changed \d+\. )?", re.MULTILINE)
    text = row.sub(f"|Description|Changed {count}. ", text, count=1)
    page.write_text(text, encoding="utf-8")


def timed_rows(
    work: Path, specs: Path, repeat: int, only_cold: bool = False
) -> list[tuple[str, list[Run]]]:
    dvgen = [PYTHON, "-m", "dvgen"]
    cold = []
    for _ in range(repeat):
        shutil.rmtree(work / "out", ignore_errors=True)
        cold.append(measure([*dvgen, "generate", "--out", "out", "--no-cache"], work))
    if only_cold:
        return [("generate, cold (no cache), all targets", cold)]
    shutil.rmtree(work / ".dvgen-cache", ignore_errors=True)
    fill = [measure([*dvgen, "generate", "--out", "out2"], work)]
    again = [measure([*dvgen, "generate", "--out", "out2"], work) for _ in range(repeat)]
    check = [measure([*dvgen, "check", "--out", "out2"], work) for _ in range(repeat)]
    pages = sorted(specs.glob("*.md"))
    page = pages[len(pages) // 2]
    changed_check, changed_generate = [], []
    for count in range(repeat):
        change(page, count)
        changed_check.append(measure([*dvgen, "check", "--out", "out2"], work))
        changed_generate.append(measure([*dvgen, "generate", "--out", "out2"], work))
    return [
        ("generate, cold (no cache), all targets", cold),
        ("generate, cold, filling the cache", fill),
        ("generate again, nothing changed", again),
        ("check, nothing changed", check),
        ("check after one page changed", changed_check),
        ("generate after one page changed", changed_generate),
    ]


def peers_at(shared: Path, sizes: list[int], repeat: int) -> None:
    why = available()
    if why is not None:
        print(f"peers: {why}")
        return
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix="dvgen-peers-"))
        build_corpus(shared, size, work / "specs")
        measure([PYTHON, "-m", "dvgen", "generate", "--out", "out", "--no-cache"], work)
        print(f"peers at {size} tables (whole processes, min / median / max of {repeat}):")
        for line in run_peers(work, measure, repeat):
            print(line)
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timed command")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--keep", type=Path, help="build and keep the scale corpus in this folder")
    parser.add_argument("--peers", action="store_true", help="also run the peers (slow)")
    parser.add_argument("--sizes", default="90,1000", help="table counts of the peer runs")
    parser.add_argument("--only-peers", action="store_true", help="the peers alone")
    parser.add_argument(
        "--only-cold", action="store_true", help="the cold row, stages and floor alone"
    )
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        raise SystemExit(f"no real-page corpus at {args.shared / 'corpus'}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if not args.only_peers:
        scale(args)
    if args.peers or args.only_peers:
        peers_at(args.shared, [int(n) for n in args.sizes.split(",")], args.repeat)
    return 0


def scale(args: argparse.Namespace) -> None:
    work = args.keep or Path(tempfile.mkdtemp(prefix="dvgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    specs = work / "specs"
    if specs.exists():
        shutil.rmtree(specs)
    size = build_corpus(args.shared, args.tables, specs)
    for stale in (work / "out", work / "out2", work / ".dvgen-cache"):
        shutil.rmtree(stale, ignore_errors=True)
    print(f"scale corpus: {args.tables} tables, {size / 1e6:.1f} MB of markdown, in {work}")
    rows = timed_rows(work, specs, args.repeat, args.only_cold)
    print(f"  {'':<42} {'min':>6} {'median':>6} {'max':>6}     largest     tree (peak)")
    for label, runs in rows:
        print(f"  {label:<42} {spread(runs)}")
    timings = stage_times(work)
    print("stages (one process, no cache):")
    for stage, seconds in timings.items():
        print(f"  {stage:<42} {seconds:7.2f} s")
    floor_seconds = floor(specs)
    cold = statistics.median(run[0] for run in rows[0][1])
    print(
        f"floor: markdown-it-py commonmark+table, tokenising only  {floor_seconds:7.2f} s "
        f"({size / 1e6 / floor_seconds:.2f} MB/s)"
    )
    print(f"  ratio generate cold (median) / floor: {cold / floor_seconds:.2f} (target <= 0.4)")
    print(f"import of one model (Account) of the generated package: {import_figure(work)}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
