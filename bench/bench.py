"""dvgen at the scale of the whole Dataverse reference: a benchmark that prints its figures.

    .venv/bin/python bench/bench.py [--tables 1000] [--shared ../shared] [--keep DIR]

It builds a scale corpus of N tables from the real pages in ../shared/corpus (renamed copies:
copy k of every page prefixes each table name the corpus defines with ``u<k>_``, so names stay
unique and relationships stay inside their copy), then measures, each in a fresh process:
``dvgen generate`` from cold (all targets, all dialects, no cache), ``generate`` again with
nothing changed, ``check`` with nothing changed, ``check`` after one page changed; the time per
stage; and beside them the floor (markdown-it-py's default parser tokenising every page and
nothing else) and a peer (datamodel-code-generator turning our JSON Schemas into pydantic models).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


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
        text = pattern.sub(lambda m, p=prefix: p + m.group(1), texts[name])
        data = text.encode("utf-8")
        (specs / f"{prefix}{name}.md").write_bytes(data)
        written += len(data)
    return written


def _tree_pss_mb(root: int) -> float:
    """Memory of a process and all its descendants (Linux /proc), in MB.

    PSS (proportional set size) counts a page shared by n processes (a forked worker's
    copy-on-write pages) as 1/n in each, so the sum is the tree's real footprint.
    """
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
    total = 0
    for pid in family:
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
    peak, sampled every 20 ms, of the proportional set sizes summed over the command and its
    worker processes.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    tree_peak = 0.0
    sampler = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not sampler.wait(0.02):
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


def peer(schemas: Path, work: Path) -> float | None:
    """datamodel-code-generator over our JSON Schemas (seconds), or None when not installed."""
    tool = Path(PYTHON).with_name("datamodel-codegen")
    if not tool.exists():
        return None
    target = work / "peer"
    seconds, _, _, err = measure(
        [
            str(tool),
            "--input",
            str(schemas),
            "--input-file-type",
            "jsonschema",
            "--output",
            str(target),
            "--output-model-type",
            "pydantic_v2.BaseModel",
        ],
        work,
    )
    if not target.exists():
        print(f"datamodel-codegen produced nothing:\n{err}", file=sys.stderr)
        return None
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--keep", type=Path, help="build and keep the scale corpus in this folder")
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        raise SystemExit(f"no real-page corpus at {args.shared / 'corpus'}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="dvgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    specs = work / "specs"
    if specs.exists():
        shutil.rmtree(specs)
    size = build_corpus(args.shared, args.tables, specs)
    dvgen = [PYTHON, "-m", "dvgen"]
    for stale in (work / "out", work / ".dvgen-cache"):
        shutil.rmtree(stale, ignore_errors=True)

    print(f"scale corpus: {args.tables} tables, {size / 1e6:.1f} MB of markdown, in {work}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    rows = []
    cold = measure([*dvgen, "generate", "--out", "out", "--no-cache"], work)
    rows.append(("generate, cold (no cache), all targets", cold))
    rows.append(
        ("generate, cold, filling the cache", measure([*dvgen, "generate", "--out", "out2"], work))
    )
    rows.append(
        ("generate again, nothing changed", measure([*dvgen, "generate", "--out", "out2"], work))
    )
    rows.append(("check, nothing changed", measure([*dvgen, "check", "--out", "out2"], work)))
    page = sorted(specs.glob("*.md"))[len(list(specs.glob("*.md"))) // 2]
    page.write_text(
        page.read_text(encoding="utf-8").replace("|Description|", "|Description|Changed. ", 1),
        encoding="utf-8",
    )
    rows.append(("check after one page changed", measure([*dvgen, "check", "--out", "out2"], work)))
    rows.append(
        ("generate after one page changed", measure([*dvgen, "generate", "--out", "out2"], work))
    )
    print(f"  {'':<42} {'time':>9}   {'largest process':>15}   {'process tree':>12}")
    for label, (seconds, largest, tree, _) in rows:
        print(f"  {label:<42} {seconds:7.2f} s   {largest:12.0f} MB   {tree:9.0f} MB")

    timings = stage_times(work)
    print("stages (one process, no cache):")
    for stage, seconds in timings.items():
        print(f"  {stage:<42} {seconds:7.2f} s")

    floor_seconds = floor(specs)
    print(
        f"floor: markdown-it-py commonmark+table, tokenising only  {floor_seconds:7.2f} s "
        f"({size / 1e6 / floor_seconds:.2f} MB/s)"
    )
    print(f"  ratio generate cold / floor: {cold[0] / floor_seconds:.2f} (target < 1.0)")
    peer_seconds = peer(work / "out" / "jsonschema", work)
    if peer_seconds is None:
        print("peer: datamodel-code-generator not installed (pip install datamodel-code-generator)")
    else:
        ours = timings.get("pydantic", 0.0)
        print(f"peer: datamodel-code-generator, JSON Schema -> pydantic  {peer_seconds:7.2f} s")
        print(
            f"  our pydantic step {ours:.2f} s; "
            f"peer / ours: {peer_seconds / ours:.1f}x (target >= 10)"
        )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
