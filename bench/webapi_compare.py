"""dvgen's Web API shape for any folder of reference pages against Microsoft's own EntityTypes.

    .venv/bin/python -m bench.webapi_compare --pages PAGES [--pages MORE] \\
        --entitytypes YMLS [--entitytypes MORE] [--only NAME...] [--warnings]

Every page of the ``--pages`` folders is parsed and resolved together (as ``dvgen generate``
does); every table that also has ``<name>.yml`` in an ``--entitytypes`` folder (Microsoft's
``YamlMime:OData`` EntityType files, from MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``) is compared as
``tests/test_webapi_faithful.py`` compares the corpus (``bench/webapi_oracle.py``): the
properties Microsoft exposes that the CSDL lacks and the ones it declares that Microsoft does
not, Edm types, single- and collection-valued navigation properties (name, type, partner) where
the related table is in the set, keys, base types and entity set names. It prints a summary,
then each difference grouped by kind. The EntityTypes are Microsoft's of mid 2021 and the pages
newer: a column or relationship added since is a version difference, not a fault.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from bench.webapi_oracle import Comparison, Tally, compare, load_reference

from dvgen.diagnostics import Diagnostic, Diagnostics, Severity
from dvgen.model import Table, TableSet
from dvgen.parse import parse_spec
from dvgen.resolve import resolve


def parse_pages(folders: Iterable[Path]) -> tuple[TableSet, list[Diagnostic]]:
    """Every page of the folders (a later folder's page of a table wins), resolved together;
    the warnings and errors met on the way."""
    tables: dict[str, Table] = {}
    found: list[Diagnostic] = []
    for folder in folders:
        for path in sorted(folder.glob("*.md")):
            table, met = parse_spec(str(path), path.read_bytes())
            found += met
            if isinstance(table, Table):
                tables[table.logical_name] = table
    diagnostics = Diagnostics()
    table_set = resolve(list(tables.values()), diagnostics)
    found += diagnostics.items
    return table_set, [d for d in found if d.severity >= Severity.WARNING]


def _share(part: int, tally: Tally) -> str:
    return f"{part}/{tally.total} ({100 * tally.share(part):.1f}%)"


def summary(result: Comparison) -> list[str]:
    typed, single, collection = result.typed, result.single, result.collection
    flagged, lookups, binds = result.flagged, result.lookups, result.binds
    return [
        f"tables compared: {len(result.tables)}",
        f"Microsoft's properties declared: {_share(typed.present, typed)}, "
        f"with its Edm type: {_share(typed.partnered, typed)}",
        f"properties declared that Microsoft does not expose: {len(result.extra)}",
        f"single-valued navigation properties present: {_share(single.present, single)}, "
        f"partnered as Microsoft's: {_share(single.partnered, single)} "
        f"({len(result.unknown)} missing lead to tables no page of the set names)",
        f"inherited from activitypointer (not counted above): {result.inherited.present}"
        f"/{result.inherited.total}",
        "collection-valued ones between tables of the set present: "
        f"{_share(collection.present, collection)}, "
        f"partnered: {_share(collection.partnered, collection)}",
        "collection-valued ones to tables outside the set present: "
        f"{_share(result.outside.present, result.outside)}, "
        f"partnered: {_share(result.outside.partnered, result.outside)}",
        f"navigation properties on a lookup Microsoft exposes as _x_value only: "
        f"{len(result.invented)}, on no lookup Microsoft lists: {len(result.unexpected)}",
        f"Microsoft's properties with isreadonly declared: {_share(flagged.present, flagged)}, "
        f"read-only as Microsoft's: {_share(flagged.partnered, flagged)} "
        f"(iscomputed true on {result.computed})",
        f"Microsoft's _x_value properties declared: {_share(lookups.present, lookups)}, "
        f"set through the same navigation properties: {_share(lookups.partnered, lookups)}",
        f"Microsoft's navigation properties a lookup backs with a bind key: "
        f"{_share(binds.present, binds)}, on a lookup the page lists writable: "
        f"{_share(binds.partnered, binds)}; bind keys on read-only lookups: "
        f"{len(result.bound_read_only)}",
        f"keys differing: {len(result.keys)}, alternate keys declared: "
        f"{len(result.alternate_keys)}, base types: {len(result.bases)}, "
        f"entity set names: {len(result.entity_sets)}",
    ]


KINDS = (
    ("absent", "Microsoft's properties not declared"),
    ("extra", "declared properties Microsoft does not expose"),
    ("mistyped", "Edm types differing"),
    ("missing", "single-valued navigation properties missing (or of another type)"),
    ("unpartnered", "single-valued navigation properties partnered otherwise"),
    ("collection_missing", "collection-valued navigation properties missing"),
    ("collection_unpartnered", "collection-valued navigation properties partnered otherwise"),
    ("outside_missing", "collection-valued ones to tables outside the set missing"),
    ("outside_unpartnered", "collection-valued ones to tables outside the set partnered otherwise"),
    ("invented", "navigation properties where Microsoft has only the _x_value"),
    ("unexpected", "single-valued navigation properties Microsoft does not declare"),
    ("read_only", "read-only flags differing from Microsoft's isreadonly"),
    ("lookup_navs", "_x_value properties set through other navigation properties"),
    ("unbound", "navigation properties a lookup backs without a bind key"),
    ("keys", "keys"),
    ("alternate_keys", "alternate keys"),
    ("bases", "base types"),
    ("entity_sets", "entity set names"),
)


def listing(result: Comparison) -> list[str]:
    lines: list[str] = []
    for attribute, title in KINDS:
        found: dict[str, str] | list[str] = getattr(result, attribute)
        if attribute == "missing":
            found = {k: v for k, v in result.missing.items() if k not in result.unknown}
            unknown = {k: v for k, v in result.missing.items() if k in result.unknown}
            if unknown:
                lines += ["", f"## {title}, to a table no page of the set names ({len(unknown)})"]
                lines += [f"{key}: {why}" for key, why in sorted(unknown.items())]
        if not found:
            continue
        lines += ["", f"## {title} ({len(found)})"]
        if isinstance(found, dict):
            lines += [f"{key}: {why}" for key, why in sorted(found.items())]
        else:
            lines += sorted(found)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, action="append", required=True)
    parser.add_argument("--entitytypes", type=Path, action="append", required=True)
    parser.add_argument("--only", nargs="*", help="compare these tables only (all: default)")
    parser.add_argument("--warnings", action="store_true", help="print the warnings too")
    args = parser.parse_args(argv)
    table_set, problems = parse_pages(args.pages)
    errors = [d for d in problems if d.severity is Severity.ERROR]
    reference = load_reference(*args.entitytypes)
    if args.only:
        reference = {name: reference[name] for name in args.only if name in reference}
    result = compare(table_set, reference)
    for each in problems if args.warnings else errors:
        print(each, file=sys.stderr)
    print(f"pages: {len(table_set.tables)} tables, {len(problems)} warnings and errors")
    print("\n".join(summary(result) + listing(result)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
