"""Property rows (``|Key|Value|``) to model fields, driven by one table per kind of block."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import CascadeConfiguration, CascadeType, MenuConfiguration
from dvgen.parse import cells
from dvgen.parse.tree import Row, TableBlock

Convert = Callable[[str], Any]


def present(values: dict[str, Any]) -> dict[str, Any]:
    """The values a page states (None: the row is absent or empty)."""
    return {key: value for key, value in values.items() if value is not None}


def text(raw: str) -> str | None:
    """A cell's plain text, None when empty (``cells.plain_or_none``, one call less)."""
    value = cells.plain(raw)
    return value if value else None


def enum_of(kind: type[enum.StrEnum]) -> Convert:
    by_key = {member.value.lower(): member for member in kind}

    def convert(raw: str) -> enum.StrEnum | None:
        value = cells.plain(raw)
        if not value:
            return None
        try:
            return by_key[value.lower()]
        except KeyError:
            allowed = ", ".join(member.value for member in kind)
            raise cells.CellError(f"expected one of {allowed}, got {value!r}") from None

    return convert


def _camel_to_snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


_CASCADE = enum_of(CascadeType)


def cascade(raw: str) -> CascadeConfiguration | None:
    """``Assign: NoCascade<br />Delete: `Cascade`...`` -> CascadeConfiguration."""
    known = CascadeConfiguration.__dataclass_fields__
    pairs = _key_values(raw, "'Action: CascadeType'", "cascade action", known)
    values = {key: _CASCADE(value) for key, value in pairs}
    return CascadeConfiguration(**values) if values else None


def _key_values(
    raw: str, expected: str, what: str, known: Container[str]
) -> Iterator[tuple[str, str]]:
    """The ``Key: value`` parts of a ``<br />``-separated cell, each key in snake case and
    one of ``known`` (else a ``CellError`` naming ``what`` it is)."""
    for part in cells.br_parts(raw):
        if not part:
            continue
        pair = cells.key_value(part)
        if pair is None:
            raise cells.CellError(f"expected {expected}, got {part!r}")
        key = _camel_to_snake(pair[0])
        if key not in known:
            raise cells.CellError(f"unknown {what} {pair[0]!r}")
        yield key, pair[1]


def nullable_text(raw: str) -> str | None:
    value = text(raw)
    return None if value is None or value.lower() == "null" else value


_MENU_FIELDS: dict[str, Convert] = {
    "available_offline": cells.parse_bool,
    "behavior": text,
    "group": text,
    "label": text,
    "menu_id": nullable_text,
    "order": cells.parse_int,
    "query_api": nullable_text,
    "view_id": nullable_text,
}


def menu(raw: str) -> MenuConfiguration | None:
    """``Behavior: DoNotDisplay<br />Group: Details<br />Order: `` -> MenuConfiguration."""
    pairs = _key_values(raw, "'Key: value'", "menu configuration key", _MENU_FIELDS)
    values = {key: _MENU_FIELDS[key](value) for key, value in pairs}
    return MenuConfiguration(**values) if values else None


@lru_cache(maxsize=4096)
def normal_key(key: str) -> str:
    """Row keys compare without case, spaces or emphasis: ``**True Label**`` -> ``truelabel``."""
    return cells.unwrap(key).replace(" ", "").lower()


@dataclass(frozen=True, slots=True)
class RowSpec:
    """The rows one kind of property table knows: normal key -> (field, converter)."""

    fields: Mapping[str, tuple[str, Convert]]

    @classmethod
    def of(cls, **rows: tuple[str, Convert]) -> RowSpec:
        return cls({normal_key(key): value for key, value in rows.items()})


@dataclass(slots=True)
class RowValues:
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    extra: list[tuple[str, str]] = field(default_factory=list)


def read_rows(
    spec: RowSpec,
    table: TableBlock,
    where: Location,
    what: str,
    diagnostics: Diagnostics,
    into: RowValues | None = None,
) -> RowValues:
    """Apply every row of ``table``; unknown rows go to ``extra`` with a warning. A row's
    ``_Here`` is made only to report on it: most rows have nothing to report."""
    result = into if into is not None else RowValues()
    fields, lines = spec.fields, result.lines
    width = len(table.header)
    for row in _joined_rows(table):
        row_cells = row.cells
        key = _key_text(row_cells[0]) if row_cells else ""
        raw = row_cells[1] if len(row_cells) > 1 else ""
        if row.raw_cell_count > max(2, width):
            _Here(where, row.line, what, diagnostics).warning(
                f"row {key!r} has {row.raw_cell_count} cells where the table has "
                f"{width}; an unescaped '|' in a value? extra cells ignored",
                "row-cells",
            )
        if not key:
            if cells.plain(raw):
                _Here(where, row.line, what, diagnostics).error("row without a property name")
        elif (known := fields.get(normal_key(key))) is None:
            here = _Here(where, row.line, what, diagnostics)
            here.warning(f"unknown property row {key!r} kept in 'extra'", "property-unknown")
            result.extra.append((key, cells.plain(raw)))
        elif known[0] in lines:
            _Here(where, row.line, what, diagnostics).error(
                f"row {key!r} repeats line {lines[known[0]]}"
            )
        elif (problem := _convert(result, known, raw, row.line)) is not None:
            _Here(where, row.line, what, diagnostics).error(f"{key}: {problem}")
    return result


def _convert(result: RowValues, known: tuple[str, Convert], raw: str, line: int) -> str | None:
    """Set the row's field; what is wrong with its cell, if anything (nothing is set then)."""
    name, convert = known
    try:
        result.values[name] = convert(raw)
    except cells.CellError as exc:
        return str(exc)
    result.lines[name] = line
    return None


@dataclass(frozen=True, slots=True)
class _Here:
    """Where a row is, to report on it: ``file:line: <what>: message``."""

    where: Location
    line: int
    what: str
    diagnostics: Diagnostics

    def warning(self, message: str, code: str) -> None:
        self.diagnostics.warning(self.where.at(self.line), f"{self.what}: {message}", code)

    def error(self, message: str) -> None:
        self.diagnostics.error(self.where.at(self.line), f"{self.what}: {message}")


@lru_cache(maxsize=4096)
def _key_text(cell: str) -> str:
    return cells.plain(cell)


def _joined_rows(table: TableBlock) -> list[Row]:
    """Rows with cells broken over two source lines joined again.

    A row whose source line has a single cell and does not open with ``|`` continues the
    value of the row before it (seen in Dynamics 365 pages with a literal newline in a cell).
    """
    rows: list[Row] = []
    for row in table.rows:
        if rows and not row.leading_pipe and row.raw_cell_count == 1:
            previous = rows[-1]
            if previous.cells:
                joined = [*previous.cells[:-1], previous.cells[-1] + "\n" + row.cells[0]]
                rows[-1] = Row(joined, previous.line, previous.raw_cell_count)
                continue
        rows.append(row)
    return rows
