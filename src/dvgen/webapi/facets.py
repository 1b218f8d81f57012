"""What a record property may hold, decided once for both record targets (jsonschema, pydantic).

The two targets describe the same Web API record, and a record one accepts the other must
accept too; so the facts they share are computed here, from ``webapi.properties.api_properties``:

- **Option sets.** A choice column's options, deduplicated by value. Columns sharing a
  GlobalChoiceName share one option set in Dataverse, yet pages written in different years can
  list different options for it: both targets then use the union (by value, first listed
  first), each label taken from the most columns (a tie: the first table by name), and a
  warning names each column whose own list differs. A column that lists none (a solution's
  column of Microsoft's ``activitypointer_deliveryprioritycode``, which its export does not
  hold) takes the set's without a warning; one whose option set no spec lists is warned of
  (``choice-without-options``: any integer is accepted). A State or Status column's options are its
  table's own, whatever GlobalChoiceName its page prints (generated pages of 2025 print
  ``statecode`` and ``statuscode`` for some tables): Dataverse keeps them in the table
  ("StatusAttributeMetadata attributes always use local option sets", the SDK's
  InsertStatusValueRequest.OptionSetName; a status's state "must represent a valid option in
  the StateAttributeMetadata column in the same table", its StateCode).
- **Numeric ranges.** MinValue/MaxValue, within the range of the Web API type (Edm.Int32,
  Edm.Int64; Decimal ±100,000,000,000; Money ±922,337,203,685,477), defaulting to it.
- **Decimal places.** Decimal: its Precision (10 when unknown). Money: its Precision when
  PrecisionSource is 0; otherwise the currency's or the organization's precision decides at run
  time, and that is at most 4, the scale Dataverse stores money with. Double: its Precision,
  which Dataverse only displays (an annotation, never enforced).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from dvgen.diagnostics import Diagnostics
from dvgen.model import Choice, Column, ColumnType, Number, Table, TableSet
from dvgen.validate import INT32, INT64, MONEY
from dvgen.webapi.properties import KIND_OF, ApiKind, ApiProperty, api_properties

RANGES: dict[ApiKind, tuple[Number, Number]] = {
    ApiKind.INT32: INT32,
    ApiKind.INT64: INT64,
    ApiKind.DECIMAL: (-100_000_000_000, 100_000_000_000),
    ApiKind.MONEY: MONEY,
    ApiKind.DOUBLE: (-100_000_000_000, 100_000_000_000),
}
"""The values each numeric Web API type can hold: the bounds when a column states none."""

DEFAULT_PLACES: dict[ApiKind, int] = {ApiKind.DECIMAL: 10, ApiKind.MONEY: 4, ApiKind.DOUBLE: 5}
"""The decimal places a kind allows when a column states no Precision (system columns can state
more, e.g. ``exchangerate``: 12)."""

BASE64_PATTERN = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
"""An Image property's value: standard, padded base64 (no line breaks)."""
SINCE_1753 = "^(?!(?:0[0-9]{3}|1[0-6][0-9]{2}|17[0-4][0-9]|175[0-2])-)"
"""No date or date-time of a year before 1753: Dataverse holds none ("all date and time columns
support values as early as 1/1/1753", behavior-format-date-time-attribute.md). Only that: a
text that is no date at all is the ``format``'s to refuse, once."""

OPTION_KINDS = frozenset({ApiKind.CHOICE, ApiKind.CHOICES})
_LOCAL_ONLY = frozenset({ColumnType.STATE, ColumnType.STATUS})
"""Choice columns whose options are always their table's own (see the module doc)."""


@dataclass(frozen=True, slots=True)
class OptionSet:
    options: tuple[Choice, ...]
    global_name: str | None = None
    """The GlobalChoiceName, when the option set is shared (see ``OptionSets.is_shared``)."""


def number_range(
    column: Column, kind: ApiKind | None, diagnostics: Diagnostics
) -> tuple[Number, Number] | tuple[None, None]:
    """Inclusive bounds of a numeric column: its MinValue/MaxValue within its type's range.

    Every target bounds numbers with this, so a value one accepts the others accept.
    """
    bounds = RANGES.get(kind) if kind is not None else None
    if bounds is None:
        return None, None
    low, high = bounds
    minimum = low if column.min_value is None else max(low, column.min_value)
    maximum = high if column.max_value is None else min(high, column.max_value)
    if kind in (ApiKind.INT32, ApiKind.INT64):
        minimum, maximum = math.ceil(minimum), math.floor(maximum)
    if (column.min_value is not None and column.min_value < low) or (
        column.max_value is not None and column.max_value > high
    ):
        diagnostics.warning(
            column.loc,
            f"{column.logical_name}: MinValue/MaxValue exceed what the type can hold",
            code="range-beyond-type",
        )
    if minimum > maximum:
        diagnostics.warning(
            column.loc,
            f"{column.logical_name}: MinValue is above MaxValue; using the type's range",
            code="range-inverted",
        )
        return low, high
    return plain(minimum), plain(maximum)


def plain(value: Number) -> Number:
    """An integral Decimal as an int (``0`` rather than ``0E+2``); other values unchanged."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def decimal_places(prop: ApiProperty) -> int | None:
    """The most decimal places a value of this property can have (see the module doc)."""
    return places_of(prop.kind, prop.column)


def places_of(kind: ApiKind | None, column: Column) -> int | None:
    """``decimal_places`` of a column of that kind."""
    default = DEFAULT_PLACES.get(kind) if kind is not None else None
    if default is None:
        return None
    if kind is ApiKind.MONEY and column.precision_source not in (0, None):
        return default
    return default if column.precision is None else max(0, column.precision)


def enforced_places(column: Column) -> int | None:
    """The decimal places the targets hold a value of the column to (pydantic's ``JsonNumber``,
    the SQL scale): a Decimal's or a Money's ``decimal_places``; None for a Double, whose
    Precision Dataverse only displays, and any other type."""
    kind = KIND_OF.get(column.type)
    return places_of(kind, column) if kind in (ApiKind.DECIMAL, ApiKind.MONEY) else None


DEFAULT_MAX_SIZE_IN_KB: dict[ColumnType, int] = {ColumnType.IMAGE: 10_240, ColumnType.FILE: 32_768}
"""The MaxSizeInKB Dataverse gives a column whose definition states none: 10,240 (10 MB) for an
Image column, 32,768 (32 MB) for a File column (powerapps-docs image-attributes.md, "Update
image columns"; file-attributes.md, "Create file columns"; the SDK's
``ImageAttributeMetadata.MaxSizeInKB`` and ``FileAttributeMetadata.MaxSizeInKB``). Reference
pages up to 2021 leave it out of their Image columns (account's ``entityimage``), whose later
pages state ``10240``. Applied where a target enforces the size, as ``DEFAULT_PLACES`` is; the
model keeps what its source states."""


def max_size_in_kb(column: Column) -> int | None:
    """The column's MaxSizeInKB: stated, else Dataverse's default for its type (None for a
    column of another type)."""
    if column.max_size_in_kb is not None:
        return column.max_size_in_kb
    return DEFAULT_MAX_SIZE_IN_KB.get(column.type)


def image_max_length(column: Column) -> int | None:
    """Base64 characters of the largest image the column takes (MaxSizeInKB, stated or
    Dataverse's default)."""
    size = max_size_in_kb(column)
    if size is None:
        return None
    return 4 * math.ceil(size * 1024 / 3)


def choices_pattern(options: tuple[Choice, ...]) -> str:
    """A MultiSelectPicklist value: option values separated by commas (the Web API writes
    ``"1,3"``; a space after a comma is accepted, as the Web API does on write)."""
    one = "|".join(str(o.value) for o in options) if options else r"-?[0-9]+"
    return f"^(?:{one})(?:, ?(?:{one}))*$"


class OptionSets:
    """The option set of every choice property of a table set (see the module doc)."""

    def __init__(self, tables: TableSet, diagnostics: Diagnostics) -> None:
        self._own: dict[tuple[str, str], tuple[Choice, ...]] = {}
        self._users: dict[str, list[tuple[Table, Column]]] = defaultdict(list)
        unlisted: list[tuple[Table, Column]] = []
        for table in tables.tables:
            for prop in api_properties(table):
                if prop.kind in OPTION_KINDS and not self._add(table, prop.column):
                    unlisted.append((table, prop.column))
        self._merged = {
            name: _merge(name, users, self._own, diagnostics)
            for name, users in sorted(self._users.items())
        }
        for table, column in unlisted:
            if not self.of(table, column).options:
                diagnostics.warning(
                    column.loc,
                    f"{column.logical_name}: no options listed; any integer is accepted",
                    code="choice-without-options",
                )

    def _add(self, table: Table, column: Column) -> bool:
        """A choice column's options (resolution has refused repeated values); whether it
        lists any."""
        seen = {choice.value: choice for choice in column.choices}
        self._own[table.logical_name, column.logical_name] = tuple(seen.values())
        if column.global_choice_name and column.type not in _LOCAL_ONLY:
            self._users[column.global_choice_name].append((table, column))
        return bool(seen)

    def of(self, table: Table, column: Column) -> OptionSet:
        name = column.global_choice_name
        if name and name in self._merged and self.is_shared(table, column):
            return OptionSet(self._merged[name], name)
        return OptionSet(self._own.get((table.logical_name, column.logical_name), ()))

    def is_shared(self, table: Table, column: Column) -> bool:
        """A global option set: its name is not the ``<table>_<column>`` name Dataverse gives a
        local one, or more than one column uses it."""
        name = column.global_choice_name
        if not name or name not in self._users:
            return False
        local = f"{table.logical_name}_{column.logical_name}"
        return name != local or len(self._users[name]) > 1

    def users(self, global_name: str) -> list[tuple[Table, Column]]:
        """The columns using a global choice, by table then column name."""
        return list(self._users.get(global_name, ()))

    def shared_names(self) -> list[str]:
        """Every global option set some column uses as shared, sorted."""
        return [n for n in self._merged if any(self.is_shared(t, c) for t, c in self._users[n])]


def _merge(
    name: str,
    users: list[tuple[Table, Column]],
    own: dict[tuple[str, str], tuple[Choice, ...]],
    diagnostics: Diagnostics,
) -> tuple[Choice, ...]:
    lists = [own[t.logical_name, c.logical_name] for t, c in users]
    first: dict[int, Choice] = {}
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for options in lists:
        for choice in options:
            first.setdefault(choice.value, choice)
            votes[choice.value][choice.label] += 1
    merged = tuple(_most_common(first[v], votes[v], lists) for v in first)
    for (_, column), options in zip(users, lists, strict=True):
        if not options:  # lists none (an export's column of Microsoft's global choice): it
            continue  # lacks nothing, it takes the set's
        problems = _differences(options, merged, users, lists)
        if problems:
            diagnostics.warning(
                column.loc,
                f"{column.logical_name}: global choice {name!r}: {'; '.join(problems)}; "
                f"using the union of all tables' options ({len(merged)})",
                code="global-choice-differs",
            )
    return merged


def _differences(
    options: tuple[Choice, ...],
    merged: tuple[Choice, ...],
    users: list[tuple[Table, Column]],
    lists: list[tuple[Choice, ...]],
) -> list[str]:
    """What one column's options lack or label otherwise, naming the tables that differ."""
    own = {c.value: c.label for c in options}

    def where(value: int, label: str | None) -> str:
        tables = {
            t.logical_name
            for (t, _), found in zip(users, lists, strict=True)
            if any(c.value == value and (label is None or c.label == label) for c in found)
        }
        return ", ".join(sorted(tables))

    problems = [
        f"{c.value} ({c.label!r}) is missing here but listed in {where(c.value, None)}"
        for c in merged
        if c.value not in own
    ]
    problems += [
        f"{c.value} is {own[c.value]!r} here but {c.label!r} in {where(c.value, c.label)}"
        for c in merged
        if c.value in own and own[c.value] != c.label
    ]
    return problems[:3] + ([f"{len(problems) - 3} more"] if len(problems) > 3 else [])


def _most_common(first: Choice, votes: Counter[str], lists: list[tuple[Choice, ...]]) -> Choice:
    best = max(votes.values())
    if votes[first.label] == best:
        return first
    label = next(label for label, count in votes.items() if count == best)
    return next(
        c for options in lists for c in options if c.value == first.value and c.label == label
    )
