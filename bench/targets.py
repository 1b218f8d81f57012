"""Stage times of the targets and resolve, measured in-process, best of ``--repeat``.

    .venv/bin/python bench/targets.py [--specs /tmp/w1k/specs] [--work DIR] [--repeat 3]

Two runs, each a fresh process (``--jobs 1``, so every target renders in that process) that
prints ``Generation.timings``:

- warm, one page changed: the cache filled by a first run, then ``--repeat`` times another
  text in the first description of one page (as ``bench.py`` changes it) and the run again:
  what ``check`` and ``generate`` spend before they diff or write;
- cold: ``--no-cache``.

For each stage it prints the best of the runs (the machine is shared: the best is the least
disturbed), as the CPU time the process spent in it (``--wall`` for wall-clock time; with
``--jobs 1`` every stage runs in the process). ``--profile FILE`` also writes a cProfile of
the last warm run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PYTHON = sys.executable
RUN = """
import json, sys, time, cProfile
if sys.argv[3] == "cpu":
    time.perf_counter = time.process_time  # the stages' times, as CPU time of this process
from pathlib import Path
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import generate
config = Config(specs=Path("specs"), out=Path("out"), cache=sys.argv[1] == "cache", jobs=1)
profile = cProfile.Profile() if sys.argv[2] else None
if profile is not None:
    profile.enable()
result = generate(config, Diagnostics())
if profile is not None:
    profile.disable()
    profile.dump_stats(sys.argv[2])
print(json.dumps(result.timings))
"""


def run(work: Path, cache: bool, profile: str = "", cpu: bool = True) -> dict[str, float]:
    """One run in a fresh process: its stage times (CPU time of the process, unless not
    ``cpu``: on a shared machine, wall-clock time counts the other processes' turns too)."""
    argv = [PYTHON, "-c", RUN, "cache" if cache else "none", profile, "cpu" if cpu else "wall"]
    out = subprocess.run(argv, cwd=work, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    timings: dict[str, float] = json.loads(out.stdout)
    return timings


def change(page: Path, count: int) -> None:
    """Another text in the first description of ``page`` (a change that reaches no other table)."""
    text = page.read_text(encoding="utf-8")
    row = re.compile(r"^\|Description\|(Changed \d+\. )?", re.MULTILINE)
    page.write_text(row.sub(f"|Description|Changed {count}. ", text, count=1), encoding="utf-8")


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    return {stage: min(r[stage] for r in runs) for stage in runs[0]}


def show(title: str, runs: list[dict[str, float]]) -> None:
    print(f"{title} (best of {len(runs)}):")
    figures = best(runs)
    for stage, seconds in figures.items():
        print(f"  {stage:<12} {seconds:6.2f} s")
    rendered = sum(v for k, v in figures.items() if k not in {"parse", "resolve"})
    print(f"  {'targets':<12} {rendered:6.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, default=Path("/tmp/w1k/specs"))
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default="")
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="dvgen-targets-"))
    shutil.rmtree(work / "specs", ignore_errors=True)
    shutil.rmtree(work / ".dvgen-cache", ignore_errors=True)
    shutil.copytree(args.specs, work / "specs")
    pages = sorted((work / "specs").glob("*.md"))
    page = pages[len(pages) // 2]
    cpu = not args.wall
    run(work, cache=True)  # fills the cache
    warm = []
    for count in range(args.repeat):
        change(page, count)
        last = count == args.repeat - 1
        warm.append(run(work, cache=True, profile=args.profile if last else "", cpu=cpu))
    show("warm, one page changed, --jobs 1", warm)
    if not args.skip_cold:
        cold = [run(work, cache=False, cpu=cpu) for _ in range(args.repeat)]
        show("cold, --no-cache --jobs 1", cold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
