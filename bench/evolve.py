"""Schema evolution at corpus scale: ``diff`` and ``migrate`` figures, printed.

    .venv/bin/python bench/evolve.py [--shared ../shared]

Reads every page of ../shared/corpus as one set, makes a second version with the last column
of every table removed (one breaking change per table), and times the diff of the two (and of
the set with itself) and the migration script of each dialect. Best of three runs each.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dvgen.diagnostics import Diagnostics
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import Table, TableSet
from dvgen.parse import parse_spec
from dvgen.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]


def _best(function: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def _corpus(shared: Path) -> TableSet:
    tables = []
    for page in sorted((shared / "corpus").glob("*.md")):
        table, _ = parse_spec(str(page), page.read_bytes())
        if isinstance(table, Table):
            tables.append(table)
    return resolve(tables, Diagnostics())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    old = _corpus(args.shared)
    new = TableSet(tuple(dataclasses.replace(t, columns=t.columns[:-1]) for t in old.tables))
    columns = sum(len(t.columns) for t in old.tables)
    print(f"{len(old.tables)} tables, {columns} columns")
    seconds, changes = _best(lambda: diff_sets(old, new))
    print(f"diff, one column removed per table: {seconds * 1000:.0f} ms, {len(changes)} changes")
    seconds, _ = _best(lambda: diff_sets(old, old))
    print(f"diff of the set with itself: {seconds * 1000:.1f} ms")
    for dialect in ("postgres", "sqlite", "sqlserver"):

        def script_of(dialect: str = dialect) -> Any:
            return migration_script(old, new, dialect, "old")

        seconds, script = _best(script_of)
        size = len(script.text.encode()) / 1000
        print(f"migrate {dialect}: {seconds * 1000:.0f} ms, {size:.0f} kB script")


if __name__ == "__main__":
    main()
