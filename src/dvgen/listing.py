"""What a set holds, for ``dvgen list`` and ``dvgen show``: read the specs as ``generate``
does (settings, selection, extensions applied), render nothing, write nothing.

``list`` answers "which tables, of what kind, how big, from which file"; ``show`` answers
"what does dvgen make of this table, and where did each part come from": the canonical model
exactly as ``generated/model/<table>.yaml`` holds it, each column, relationship and choice
followed by the ``file:line`` it was read from, so a surprising value leads straight to the
line of the page or spec to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dvgen import canonical
from dvgen.config import Config
from dvgen.dataverse_tables import KNOWN_TABLES
from dvgen.diagnostics import Diagnostics, Location, fatal, listing
from dvgen.lookups import microsoft_name
from dvgen.model import NOWHERE, Choice, Column, Table, TableSet, TableType
from dvgen.pipeline import generate
from dvgen.targets.model.target import table_yaml


def load_tables(config: Config, diagnostics: Diagnostics) -> TableSet:
    """The resolved, selected tables of the run ``config`` describes: ``generate``'s own
    reading, with only the model target (cheap) rendered; raises SpecError when a spec is bad,
    as ``generate`` would."""
    return generate(config.with_options(targets=("model",)), diagnostics).tables


def kind(table: Table) -> str:
    """What kind of table this is, as far as its spec tells: ``elastic`` or ``virtual`` (its
    TableType), ``activity`` (keyed by ``activityid``, as every activity table is), ``custom``
    (a publisher's prefix that is not Microsoft's) or ``standard``."""
    if table.table_type in (TableType.ELASTIC, TableType.VIRTUAL):
        return str(table.table_type).lower()
    if table.primary_id_attribute == "activityid":
        return "activity"
    name = table.logical_name
    if name not in KNOWN_TABLES and not microsoft_name(name):
        return "custom"
    return "standard"


@dataclass(frozen=True, slots=True)
class Row:
    table: str
    schema_name: str
    display_name: str
    kind: str
    columns: int
    relationships: int
    source: str


def rows(tables: TableSet) -> list[Row]:
    return [
        Row(
            table=t.logical_name,
            schema_name=t.schema_name,
            display_name=t.display_name or "",
            kind=kind(t),
            columns=len(t.columns),
            relationships=sum(len(items) for _, items in _relationships(t)),
            source=str(t.loc),
        )
        for t in tables.tables
    ]


def list_text(tables: TableSet) -> str:
    """One aligned line per table, under a header line."""
    found = rows(tables)
    header = ("TABLE", "TYPE", "COLUMNS", "RELATIONSHIPS", "SOURCE")
    lines = [header] + [
        (r.table, r.kind, str(r.columns), str(r.relationships), r.source) for r in found
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    out = []
    for line in lines:
        cells = [
            cell.rjust(width) if 1 < i < 4 else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=False))
        ]
        out.append("  ".join([*cells, line[-1]]))
    return "\n".join(out) + "\n"


def list_json(tables: TableSet) -> str:
    data = [
        {
            "table": r.table,
            "schema_name": r.schema_name,
            "display_name": r.display_name,
            "type": r.kind,
            "columns": r.columns,
            "relationships": r.relationships,
            "source": r.source,
        }
        for r in rows(tables)
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def find_table(tables: TableSet, name: str) -> Table:
    """The table of logical name ``name`` (any case), else an error naming the closest."""
    wanted = name.lower()
    for table in tables.tables:
        if table.logical_name == wanted:
            return table
    names = [t.logical_name for t in tables.tables]
    from dvgen.lookups import suggestion

    hint = suggestion(wanted, names)
    if hint is not None and hint not in names:
        hint = None
    mean = f"; did you mean {hint!r}?" if hint else f" (the set: {listing(names)})"
    raise fatal(Location(name), f"no table {name!r} in the set{mean}")


def sources(table: Table) -> dict[str, str]:
    """Each part of the table -> the ``file:line`` it comes from: the table, each column
    (``columns.<name>``), its choices (``columns.<name>.choices.<value>``: the option list in
    the column's block), each relationship (``relationships.<kind>.<schema name>``); then
    what layers set (``Table.origins``), each facet under its own name
    (``columns.<name>.required_level``: the solution that made the column required)."""
    found = {"table": str(table.loc)}
    for column in table.columns:
        found[f"columns.{column.logical_name}"] = str(column.loc)
        for choice in column.choices:
            found[f"columns.{column.logical_name}.choices.{choice.value}"] = str(
                _at(choice, column)
            )
    for kind_name, items in _relationships(table):
        for rel in items:
            found[f"relationships.{kind_name}.{rel.schema_name}"] = str(rel.loc)
    layered = {part: str(where) for part, where in table.origins if where.path}
    for part in found.keys() & layered.keys():
        found[part] = layered.pop(part)  # an option a layer added or relabelled
    return found | dict(sorted(layered.items()))


def _at(choice: Choice, column: Column) -> Location:
    """Where an option is written: its own line when it has one (an option of a solution's
    global choice, in ``OptionSets/``), else its column's (the option list in the column's
    block)."""
    return choice.loc if choice.loc.path != NOWHERE.path else column.loc


def show_yaml(table: Table) -> str:
    """The canonical YAML of ``table``, as the model target writes it, each column,
    relationship and choice item followed by a ``# file:line`` comment: the same data for a
    YAML reader."""
    return "".join(_annotated(table_yaml(table).splitlines(keepends=True), table))


def show_json(table: Table) -> str:
    data = {"table": canonical.to_data(table), "sources": sources(table)}
    return json.dumps(data, indent=2, ensure_ascii=False, default=_number) + "\n"


def _number(value: object) -> int | float:
    """A Decimal bound (``max_value: 922337203685477``) as a JSON number."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")


def sources_text(table: Table) -> str:
    return "".join(f"{part}: {where}\n" for part, where in sources(table).items())


_KEY = re.compile(r"^( *)(- )?([a-z_]+):")
_LITERAL = re.compile(r": [|][-+]?[0-9]?$")


def _annotated(lines: list[str], table: Table) -> Iterator[str]:
    """``lines`` with a ``# file:line`` comment after the table's first line and the first
    line of each column, choice and relationship item (items are in the model's order, and
    the text inside a literal block is passed over), and after each facet of the table or of
    a column that a layer set (``Table.origins``: where it was set, not the item's file)."""
    layered = dict(table.origins)
    queues: dict[tuple[str, ...], list[Location]] = {
        ("columns",): [c.loc for c in table.columns],
        ("columns", "choices"): [
            layered.get(f"columns.{c.logical_name}.choices.{choice.value}", _at(choice, c))
            for c in table.columns
            for choice in c.choices
        ],
        **{("relationships", k): [r.loc for r in items] for k, items in _relationships(table)},
    }
    names = [c.logical_name for c in table.columns]
    column = ""
    path: list[str] = []
    literal = -1
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if literal >= 0 and (indent > literal or not line.strip()):
            yield line
            continue
        literal = -1
        comment: Location | None = table.loc if index == 1 else None
        key = _KEY.match(line)
        if key:
            depth = (indent + (2 if key.group(2) else 0)) // 2
            item = tuple(path[:depth]) if key.group(2) else ()
            if queues.get(item):
                comment = queues[item].pop(0)
                column = names.pop(0) if item == ("columns",) else column
            path = [*path[:depth], key.group(3)]
            comment = _layered(layered, path, column) or comment
            if _LITERAL.search(line.rstrip("\n")):
                literal = indent + (2 if key.group(2) else 0)
        yield _with_comment(line, comment)


def _layered(layered: dict[str, Location], path: list[str], column: str) -> Location | None:
    """Where a layer set the facet at ``path`` (a table's, ``[display_name]``, or the current
    column's, ``[columns, required_level]``), if one did."""
    if len(path) == 1 and path[0] not in ("columns", "relationships"):
        return layered.get(path[0])
    if len(path) == 2 and path[0] == "columns" and path[1] != "logical_name":
        return layered.get(f"columns.{column}.{path[1]}")
    return None


def _with_comment(line: str, where: Location | None) -> str:
    if where is None or not where.path:
        return line
    return f"{line.rstrip(chr(10))}  # {where}\n"


def _relationships(table: Table) -> list[tuple[str, tuple[Any, ...]]]:
    rel = table.relationships
    return [
        ("many_to_one", rel.many_to_one),
        ("one_to_many", rel.one_to_many),
        ("many_to_many", rel.many_to_many),
    ]
