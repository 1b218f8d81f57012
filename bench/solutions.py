"""Reading unpacked solutions: a benchmark that prints its figures.

    .venv/bin/python bench/solutions.py [--shared ../shared] [--repeat 3]

For each real solution in ../shared/solutions: its size, the time to gather its table files into
one unit (``bundle``) and to read that unit into specs (``read_solution``, best of --repeat), and
what it holds; then, each in a fresh process, ``dvgen generate`` of all of them in one specs
folder cold (no cache), again filling the cache, again with nothing changed, and ``dvgen check``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dvgen.model import Table, TableExtension
from dvgen.solution import bundle, read_solution, solution_root

ROOT = Path(__file__).resolve().parents[1]


def best(repeat: int, action: object) -> float:
    assert callable(action)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def per_solution(folders: list[Path], repeat: int) -> None:
    print(f"{'solution':<34} {'KB':>6} {'bundle s':>9} {'read s':>7} {'tables':>6} {'layers':>6}")
    total = 0.0
    for folder in folders:
        root = solution_root(folder)
        assert root is not None
        data = bundle(root)
        gather = best(repeat, lambda root=root: bundle(root))
        name = folder.name
        read = best(repeat, lambda name=name, data=data: read_solution(name, data, 1033))
        specs, _, _ = read_solution(name, data, 1033)
        tables = sum(isinstance(s, Table) for s in specs)
        layers = sum(isinstance(s, TableExtension) for s in specs)
        name = folder.name.split("__")[-1][:34]
        print(
            f"{name:<34} {len(data) // 1024:>6} {gather:>9.3f} {read:>7.3f} {tables:>6} {layers:>6}"
        )
        total += gather + read
    print(f"{'all':<34} {'':>6} {'':>9} {total:>7.3f}")


def whole_run(folders: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as work:
        specs = Path(work) / "specs"
        specs.mkdir()
        for folder in folders:
            (specs / folder.name).symlink_to(folder, target_is_directory=True)
        dvgen = [sys.executable, "-m", "dvgen"]
        for label, argv in (
            ("generate, cold, no cache", ["generate", "--no-cache", "-q"]),
            ("generate, filling the cache", ["generate", "-q"]),
            ("generate, nothing changed", ["generate", "-q"]),
            ("check, nothing changed", ["check", "-q"]),
        ):
            start = time.perf_counter()
            subprocess.run(
                [*dvgen, *argv, "--specs", str(specs), "--out", f"{work}/out"],
                cwd=work,
                check=True,
                capture_output=True,
            )
            print(f"{label:<34} {time.perf_counter() - start:>7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folders = sorted(p for p in (args.shared / "solutions").glob("*") if p.is_dir())
    if not folders:
        sys.exit(f"no solutions under {args.shared / 'solutions'}")
    per_solution(folders, args.repeat)
    whole_run(folders)


if __name__ == "__main__":
    main()
