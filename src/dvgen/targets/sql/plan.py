"""The SQL view of a table, before any dialect: which columns it stores, of what kind, which
constraints hold. Every dialect renders the same plan; only spelling differs.

Decisions (see docs/sql.md for the reasons):

- Stored columns: every column valid for read, except PartyList (its values are rows of
  ``activityparty``), CalendarRules and plain Virtual columns (no value of their own). Those
  left out are named in a comment above the table.
- NOT NULL where the column is SystemRequired (Dataverse always fills it), except the name and
  type companions of lookups, which Dataverse derives and leaves empty when the lookup is.
- DateTime by behavior: DateOnly is a date, TimeZoneIndependent a timestamp without time zone
  (a wall-clock value), UserLocal (and unstated) an instant, a timestamp with time zone.
- Numbers are bounded as every target bounds them (``facets.number_range``: MinValue/MaxValue
  within the Web API type's range, which they default to). A CHECK holds the bounds, except
  where the SQL type holds exactly that range anyway (Integer, BigInt).
- Money keeps four decimals, as Dataverse stores it whatever its display precision; Decimal
  keeps its precision; both have as many integer digits as their bounds need.
- A File column holds the id of the file (what the Web API returns), never its bytes.
- A choice's options are its option set's (``target.plan_schema``: a global choice's merged
  over the set, ``webapi.facets.OptionSets``), as the records targets take them: its CHECK and
  its default hold to them.
- Defaults are what Dataverse stores on a create that leaves the column out
  (``createdefaults.create_default``: a yes/no column's DefaultValue, a choice's
  DefaultFormValue that is one of its options, or stated while it lists none), a new uuid
  for the primary key, the initial state and its default status.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dvgen.createdefaults import create_default
from dvgen.diagnostics import Diagnostics, Location, clip
from dvgen.model import (
    Choice,
    Column,
    ColumnType,
    DateTimeBehavior,
    Number,
    RequiredLevel,
    Table,
)
from dvgen.webapi.facets import DEFAULT_PLACES, RANGES, max_size_in_kb, number_range
from dvgen.webapi.properties import NOT_PROPERTIES, ApiKind, kind_of, lookup_companions
from dvgen.webapi.states import StateStatus, create_defaults, state_status


class SqlKind(enum.StrEnum):
    """What a column holds; each dialect maps these to its own types (``TYPE_MAPPING``)."""

    UUID = "uuid"
    TEXT = "text"
    INT32 = "int32"
    INT64 = "int64"
    DECIMAL = "decimal"
    MONEY = "money"
    DOUBLE = "double"
    DATE = "date"
    TIMESTAMP = "timestamp"
    TIMESTAMP_TZ = "timestamp_tz"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    CHOICES = "choices"
    BINARY = "binary"


KIND_OF: dict[ColumnType, SqlKind] = {
    ColumnType.UNIQUEIDENTIFIER: SqlKind.UUID,
    ColumnType.LOOKUP: SqlKind.UUID,
    ColumnType.CUSTOMER: SqlKind.UUID,
    ColumnType.OWNER: SqlKind.UUID,
    ColumnType.FILE: SqlKind.UUID,
    ColumnType.STRING: SqlKind.TEXT,
    ColumnType.MEMO: SqlKind.TEXT,
    ColumnType.ENTITY_NAME: SqlKind.TEXT,
    ColumnType.INTEGER: SqlKind.INT32,
    ColumnType.BIG_INT: SqlKind.INT64,
    ColumnType.DECIMAL: SqlKind.DECIMAL,
    ColumnType.MONEY: SqlKind.MONEY,
    ColumnType.DOUBLE: SqlKind.DOUBLE,
    ColumnType.DATE_TIME: SqlKind.TIMESTAMP_TZ,
    ColumnType.BOOLEAN: SqlKind.BOOLEAN,
    ColumnType.MANAGED_PROPERTY: SqlKind.BOOLEAN,
    ColumnType.PICKLIST: SqlKind.CHOICE,
    ColumnType.STATE: SqlKind.CHOICE,
    ColumnType.STATUS: SqlKind.CHOICE,
    ColumnType.MULTI_SELECT_PICKLIST: SqlKind.CHOICES,
    ColumnType.IMAGE: SqlKind.BINARY,
}
"""Column types stored as a column; those in ``webapi.properties.NOT_PROPERTIES`` are not."""

NOWHERE = Location("<sql>")
"""The location of what dvgen itself adds (never text from a spec)."""

_NATURAL_RANGE: dict[SqlKind, tuple[Number, Number]] = {
    SqlKind.INT32: RANGES[ApiKind.INT32],
    SqlKind.INT64: RANGES[ApiKind.INT64],
}
"""Kinds whose SQL type holds exactly the Web API type's values: a bound equal to one of
these needs no CHECK (SQLite's 64-bit INTEGER checks Integer's range itself)."""


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    logical_name: str
    kind: SqlKind
    length: int | None = None
    """TEXT: at most this many characters; BINARY: at most this many bytes."""
    memo: bool = False
    """TEXT of a Memo column: long text (notes, descriptions), whatever its length."""
    precision: int | None = None
    scale: int | None = None
    minimum: Number | None = None
    """The bound ``facets.number_range`` gives, unless the SQL type holds exactly that anyway."""
    maximum: Number | None = None
    choices: tuple[int, ...] = ()
    not_null: bool = False
    key: bool = False
    """The primary key (the table's primary id attribute)."""
    default: bool | int | None = None
    new_id: bool = False
    """Defaults to a new uuid (a Uniqueidentifier primary key)."""
    description: str | None = None
    """None when the spec gives none, or an empty text (PostgreSQL drops an empty comment)."""
    loc: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Row:
    """A row to insert (the label tables): its values, and where the spec states them."""

    values: tuple[object, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class UniquePlan:
    """An alternate key: its columns' values, together, are unique among the rows that hold
    them all (Dataverse's unique index leaves out rows where a key column is empty)."""

    logical_name: str
    columns: tuple[str, ...]
    loc: Location = field(default=NOWHERE, compare=False)
    constraint: str | None = None
    """The constraint's name; None: ``ak_<table>_<key>``, an alternate key's."""


@dataclass(frozen=True, slots=True)
class TablePlan:
    logical_name: str
    description: str | None
    columns: tuple[ColumnPlan, ...]
    primary_key: tuple[str, ...] = ()
    state_status: StateStatus | None = None
    omitted: tuple[tuple[str, str], ...] = ()
    """(column, reason) for columns that are not stored."""
    title: str | None = None
    rows: tuple[Row, ...] = ()
    """Rows to insert (the label tables)."""
    loc: Location = NOWHERE
    unique_keys: tuple[UniquePlan, ...] = ()
    """The table's alternate keys, each over stored columns."""
    by_name: dict[str, ColumnPlan] = field(init=False, repr=False, compare=False)
    """The columns by logical name (looked up for every column of a table: never a scan)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.logical_name: c for c in self.columns})


def _digits(value: Number) -> int:
    """Digits of the integer part of ``value`` (at least one)."""
    return len(str(int(Decimal(value).copy_abs())))


def _kind(column: Column) -> SqlKind:
    if column.type is ColumnType.DATE_TIME:
        if column.date_time_behavior is DateTimeBehavior.DATE_ONLY:
            return SqlKind.DATE
        if column.date_time_behavior is DateTimeBehavior.TIME_ZONE_INDEPENDENT:
            return SqlKind.TIMESTAMP
    return KIND_OF[column.type]


Bounds = tuple[Number, Number] | tuple[None, None]


def _checked(kind: SqlKind, bounds: Bounds) -> tuple[Number | None, Number | None]:
    """The bounds a CHECK enforces: each one the SQL type does not hold by itself."""
    low, high = bounds
    natural_low, natural_high = _NATURAL_RANGE.get(kind, (None, None))
    return (None if low == natural_low else low), (None if high == natural_high else high)


def _numeric(kind: SqlKind, column: Column, bounds: Bounds) -> tuple[int | None, int | None]:
    """(precision, scale) of a Decimal or Money column: its decimal places, and the integer
    digits its effective bounds need (on both sides: a stated MinValue alone leaves MaxValue
    at the type's limit)."""
    low, high = bounds
    if low is None or high is None:
        return None, None
    if kind is SqlKind.MONEY:
        scale = max(DEFAULT_PLACES[ApiKind.MONEY], column.precision or 0)
    elif kind is SqlKind.DECIMAL:
        places = column.precision
        scale = DEFAULT_PLACES[ApiKind.DECIMAL] if places is None else max(0, places)
    else:
        return None, None
    return max(_digits(low), _digits(high)) + scale, scale


def _length(kind: SqlKind, column: Column) -> int | None:
    if kind is SqlKind.TEXT and column.max_length and column.max_length > 0:
        return column.max_length
    if kind is SqlKind.BINARY:
        size = max_size_in_kb(column)  # stated, else Dataverse's default for an Image column
        if size and size > 0:
            return size * 1024
    return None


def choice_values(options: tuple[Choice, ...]) -> tuple[int, ...]:
    return tuple(sorted({choice.value for choice in options}))


Options = Callable[[Column], tuple[Choice, ...]]
"""A choice column's options: its option set's, merged over the set for a global choice
(``webapi.facets.OptionSets``), as the records targets take them."""


def own_options(column: Column) -> tuple[Choice, ...]:
    return column.choices


def plan_column(
    table: Table,
    column: Column,
    companions: frozenset[str],
    diagnostics: Diagnostics,
    options: Options = own_options,
) -> ColumnPlan:
    kind = _kind(column)
    bounds = number_range(column, kind_of(column), diagnostics)
    minimum, maximum = _checked(kind, bounds)
    precision, scale = _numeric(kind, column, bounds)
    is_key = column.logical_name == table.primary_id_attribute
    required = column.required_level is RequiredLevel.SYSTEM_REQUIRED
    return ColumnPlan(
        logical_name=column.logical_name,
        kind=kind,
        length=_length(kind, column),
        memo=column.type is ColumnType.MEMO,
        precision=precision,
        scale=scale,
        minimum=minimum,
        maximum=maximum,
        choices=choice_values(options(column)) if kind in (SqlKind.CHOICE, SqlKind.CHOICES) else (),
        not_null=is_key or (required and column.logical_name not in companions),
        key=is_key,
        default=create_default(column, options(column)),
        new_id=is_key and column.type is ColumnType.UNIQUEIDENTIFIER,
        description=column.description or None,
        loc=column.loc,
    )


def _with_state_defaults(columns: list[ColumnPlan], defaults: dict[str, int]) -> None:
    """A new row starts in the initial state with that state's default status (``defaults``:
    ``webapi.states.create_defaults``)."""
    for index, plan in enumerate(columns):
        if plan.logical_name in defaults:
            columns[index] = replace(plan, default=defaults[plan.logical_name])


def plan_table(table: Table, diagnostics: Diagnostics, options: Options = own_options) -> TablePlan:
    """The table's plan; ``options`` gives each choice column's options (its own unless
    given: ``target.plan_schema`` gives the option sets the records targets use)."""
    companions = lookup_companions(table)
    columns: list[ColumnPlan] = []
    omitted: list[tuple[str, str]] = []
    for column in table.columns:
        reason = NOT_PROPERTIES.get(column.type)
        if reason is None and not column.valid_for_read:
            reason = "not valid for read"
        if reason is None:
            columns.append(plan_column(table, column, companions, diagnostics, options))
            continue
        omitted.append((column.logical_name, reason))
        where = f"{table.logical_name}.{column.logical_name}"
        diagnostics.info(
            column.loc,
            f"sql: column {where} is not stored ({reason})",
            code="sql-column-not-stored",
        )
    plan_key = next((c for c in columns if c.key), None)
    if plan_key is None:
        diagnostics.warning(
            table.loc,
            f"sql: table {table.logical_name!r} has no primary key column",
            code="sql-no-primary-key",
        )
    else:
        columns.remove(plan_key)
        columns.insert(0, plan_key)
    present = {c.logical_name for c in columns}
    pair = state_status(table, present)
    _with_state_defaults(columns, create_defaults(table, present, pair))
    return TablePlan(
        logical_name=table.logical_name,
        description=table.description or None,
        columns=tuple(columns),
        primary_key=(plan_key.logical_name,) if plan_key else (),
        state_status=pair,
        omitted=tuple(omitted),
        title=table.display_name,
        loc=table.loc,
        unique_keys=_unique_keys(table, {c.logical_name for c in columns}, diagnostics),
    )


def _unique_keys(
    table: Table, stored: set[str], diagnostics: Diagnostics
) -> tuple[UniquePlan, ...]:
    """The alternate keys whose every column is stored; one with a column that is not (not
    valid for read) cannot be a constraint: left out, with a warning."""
    found = []
    for key in table.keys:
        missing = [name for name in key.columns if name not in stored]
        if missing:
            diagnostics.warning(
                key.loc,
                f"sql: alternate key {clip(key.logical_name)!r} of {table.logical_name!r}: "
                f"column {clip(missing[0])!r} is not stored: no unique constraint",
                code="sql-alternate-key-left-out",
            )
            continue
        found.append(UniquePlan(key.logical_name, key.columns, key.loc))
    return tuple(found)


def decimal_text(value: Number) -> str:
    """A number as a plain SQL literal (no exponent)."""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)
