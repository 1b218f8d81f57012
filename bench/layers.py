"""What layers cost: applying many YAML customizations to the real-page corpus, in process.

    .venv/bin/python bench/layers.py [--shared ../shared] [--files 5] [--columns 20]

Every table of ../shared/corpus gets ``--files`` customizations, each adding ``--columns``
columns; the first also changes the description of ten of the table's columns. It prints the
time of ``apply_layers`` (best of five) beside the same call with no layer.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dvgen.diagnostics import Diagnostics, Location
from dvgen.layers.apply import apply_layers
from dvgen.model import Column, ColumnChange, ColumnType, LayerKind, Table, TableExtension
from dvgen.parse import parse_spec

ROOT = Path(__file__).resolve().parents[1]


def customizations(table: Table, files: int, columns: int) -> list[TableExtension]:
    found = []
    for n in range(files):
        where = Location(f"specs/{table.logical_name}_{n}.yaml")
        added = tuple(
            Column(f"new_c{n}_{k}", f"new_C{n}_{k}", ColumnType.STRING, max_length=100)
            for k in range(columns)
        )
        changed = tuple(
            ColumnChange(c.logical_name, (("description", f"changed by {n}"),), where.at(50))
            for c in table.columns[:10]
            if n == 0
        )
        found.append(
            TableExtension(
                table.logical_name,
                columns=added,
                column_changes=changed,
                kind=LayerKind.CUSTOMIZATION,
                loc=where.at(1),
            )
        )
    return found


def best_of(runs: int, tables: list[Table], layers: list[TableExtension]) -> float:
    best = float("inf")
    for _ in range(runs):
        diagnostics = Diagnostics()
        start = time.perf_counter()
        apply_layers(tables, layers, diagnostics)
        best = min(best, time.perf_counter() - start)
        assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--files", type=int, default=5)
    parser.add_argument("--columns", type=int, default=20)
    args = parser.parse_args()
    pages = sorted((args.shared / "corpus").glob("*.md"))
    if not pages:
        raise SystemExit(f"no corpus pages in {args.shared / 'corpus'}")
    parsed = (parse_spec(str(p), p.read_bytes())[0] for p in pages)
    tables = [t for t in parsed if isinstance(t, Table)]
    layers = [c for t in tables for c in customizations(t, args.files, args.columns)]
    base = sum(len(t.columns) for t in tables)
    with_layers = best_of(5, tables, layers)
    without = best_of(5, tables, [])
    print(
        f"{len(tables)} tables, {base} columns; {len(layers)} customizations adding "
        f"{len(layers) * args.columns} columns"
    )
    print(
        f"apply_layers: {with_layers * 1000:.1f} ms (best of 5); with no layer: "
        f"{without * 1000:.2f} ms; {with_layers / len(layers) * 1e6:.0f} us a customization"
    )


if __name__ == "__main__":
    main()
