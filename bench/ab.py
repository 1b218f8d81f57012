"""Two versions of dvgen, a cold run of each in turns on the same pages: a script that prints.

    .venv/bin/python bench/ab.py --before DIR [--specs /tmp/w1k/specs] [--repeat 5]
        [--after DIR] [--work DIR] [-- dvgen args]

``--before`` is a copy of another version's ``src/`` and ``templates/`` (``cp -r src
templates DIR``); the version after is ``--after`` (another such copy) or the installed one.
Each round runs ``dvgen generate --no-cache`` (or the dvgen arguments after ``--``) once with
each version, which goes first alternating, each into an OUT of its own made afresh, so that
the machine's other work weighs on both alike. It prints the wall-clock time and the
processor time of the whole process tree (the command and its workers, sampled from /proc as
``cold_tree.py`` does) of every run, their min / median per version, and whether the two OUT
trees are the same, file for file and byte for byte (as ``diff -r``): a change made for speed
must not change them.

``--changed`` measures the run after one change instead: each version works in a folder of its
own (a copy of the specs, its cache, its OUT), filled by a first ``generate``; then each round
changes the first description of one page (as ``bench.py`` does, the same text in both
folders) and runs ``check`` then ``generate`` with each version, which goes first alternating.
It prints each command's wall-clock time and processor time (the command and the workers it
waited for, from ``wait4``), min / median / max per version, and whether the two versions'
``check`` printed the same diff and their ``generate`` left the same OUT, byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_tree import run  # bench/ is not a package

VERSIONS = ("before", "after")


def tree_cpu(samples: list) -> float:  # type: ignore[type-arg]
    """The processor time of every process the run had, each at its last sample."""
    last: dict[int, float] = {}
    for sample in samples:
        last.update(sample.cpu)
    return sum(last.values())


def same_trees(left: Path, right: Path) -> list[str]:
    """What differs between two folders, file for file and byte for byte (empty when none)."""
    found: list[str] = []
    compared = filecmp.dircmp(left, right)
    found += [f"only in {left}: {name}" for name in compared.left_only]
    found += [f"only in {right}: {name}" for name in compared.right_only]
    for name in compared.common_files:
        if not filecmp.cmp(left / name, right / name, shallow=False):
            found.append(f"differs: {left / name}")
    for name in compared.common_dirs:
        found += same_trees(left / name, right / name)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", type=Path, required=True, help="holds src/ and templates/")
    parser.add_argument("--after", type=Path, default=None, help="else the installed version")
    parser.add_argument("--specs", type=Path, default=Path("/tmp/w1k/specs"))
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--changed", action="store_true", help="after one change, not cold")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    dvgen = argv[split + 1 :] or ["generate", "--no-cache", "-q"]
    work = args.work or Path(tempfile.mkdtemp(prefix="dvgen-ab-"))
    if args.changed:
        return changed(args, work)
    if not (work / "specs").is_dir():
        shutil.copytree(args.specs, work / "specs")
    paths = {"before": str(args.before.resolve() / "src"), "after": ""}
    if args.after is not None:
        paths["after"] = str(args.after.resolve() / "src")
    seconds: dict[str, list[float]] = {v: [] for v in VERSIONS}
    cpu: dict[str, list[float]] = {v: [] for v in VERSIONS}
    for count in range(args.repeat):
        for version in VERSIONS if count % 2 == 0 else VERSIONS[::-1]:
            out = work / f"out-{version}"
            shutil.rmtree(out, ignore_errors=True)
            os.environ["PYTHONPATH"] = paths[version]
            argv_run = [sys.executable, "-m", "dvgen", *dvgen, "--out", out.name]
            took, samples, _ = run(argv_run, work, 0.05)
            seconds[version].append(took)
            cpu[version].append(tree_cpu(samples))
            print(
                f"round {count + 1} {version:<6} {took:6.2f} s, tree cpu {cpu[version][-1]:6.2f} s"
            )
    os.environ.pop("PYTHONPATH", None)
    for version in VERSIONS:
        wall, used = seconds[version], cpu[version]
        print(
            f"{version:<6} wall min {min(wall):6.2f} median {statistics.median(wall):6.2f} s; "
            f"tree cpu min {min(used):6.2f} median {statistics.median(used):6.2f} s"
        )
    differences = same_trees(work / "out-before", work / "out-after")
    print("outputs: the same, byte for byte" if not differences else "outputs DIFFER:")
    for line in differences[:20]:
        print(f"  {line}")
    return 1 if differences else 0


COMMANDS = ("check", "generate")


def changed(args: argparse.Namespace, work: Path) -> int:
    """``--changed``: the run after one change, each version in a folder of its own."""
    paths = {"before": str(args.before.resolve() / "src"), "after": ""}
    if args.after is not None:
        paths["after"] = str(args.after.resolve() / "src")
    for version in VERSIONS:
        folder = work / version
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(args.specs, folder / "specs")
        _dvgen(paths[version], folder, "generate")  # fills the cache
    pages = sorted((work / "before" / "specs").glob("*.md"))
    page = pages[len(pages) // 2].name
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    differences: list[str] = []
    for count in range(args.repeat):
        for version in VERSIONS:
            _change(work / version / "specs" / page, count)
        order = VERSIONS if count % 2 == 0 else VERSIONS[::-1]
        for command in COMMANDS:
            printed = {}
            for version in order:
                took, cpu, printed[version] = _dvgen(paths[version], work / version, command)
                times.setdefault((command, version), []).append((took, cpu))
                print(
                    f"round {count + 1} {command:<8} {version:<6} {took:6.2f} s, cpu {cpu:6.2f} s"
                )
            if printed["before"] != printed["after"]:
                differences.append(f"round {count + 1}: {command} printed another text")
        differences += same_trees(work / "before" / "out", work / "after" / "out")
    for (command, version), runs in times.items():
        wall, used = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"{command:<8} {version:<6} wall {min(wall):5.2f} {statistics.median(wall):5.2f} "
            f"{max(wall):5.2f} s; cpu {min(used):5.2f} {statistics.median(used):5.2f} "
            f"{max(used):5.2f} s (min median max)"
        )
    print("outputs: the same, byte for byte" if not differences else "outputs DIFFER:")
    for line in differences[:20]:
        print(f"  {line}")
    return 1 if differences else 0


def _change(page: Path, count: int) -> None:
    """Another text in the first description of ``page`` (as ``bench.py`` changes it)."""
    text = page.read_text(encoding="utf-8")
    row = re.compile(r"^\|Description\|(Changed \d+\. )?", re.MULTILINE)
    page.write_text(row.sub(f"|Description|Changed {count}. ", text, count=1), encoding="utf-8")


def _dvgen(path: str, folder: Path, command: str) -> tuple[float, float, bytes]:
    """One run of ``command`` in ``folder``: wall-clock seconds, processor seconds of the
    command and the workers it waited for, what it printed (standard output and error)."""
    env = {**os.environ, "PYTHONPATH": path}
    argv = [sys.executable, "-m", "dvgen", command, "--out", "out", "--diff-lines", "0"]
    if command == "generate":
        argv = [*argv[:-2], "-q"]
    with tempfile.TemporaryFile() as printed:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=folder, env=env, stdout=printed, stderr=printed)
        _, status, usage = os.wait4(process.pid, 0)
        took = time.perf_counter() - start
        printed.seek(0)
        text = printed.read()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed in {folder}:\n{text.decode()[-2000:]}")
    return took, usage.ru_utime + usage.ru_stime, text


if __name__ == "__main__":
    sys.exit(main())
