"""The SQL view of a table, before any dialect: which columns it stores, of what kind, which
constraints hold. Every dialect renders the same plan; only spelling differs.

Decisions (see the README's SQL section for the reasons):

- Stored columns: every column valid for read, except PartyList (its values are rows of
  ``activityparty``), CalendarRules and plain Virtual columns (no value of their own). Those
  left out are named in a comment above the table.
- NOT NULL where the column is SystemRequired (Dataverse always fills it), except the name and
  type companions of lookups, which Dataverse derives and leaves empty when the lookup is.
- DateTime by behavior: DateOnly is a date, TimeZoneIndependent a timestamp without time zone
  (a wall-clock value), UserLocal (and unstated) an instant, a timestamp with time zone.
- Money keeps four decimals, as Dataverse stores it whatever its display precision; Decimal
  keeps its precision; both are as wide as their MinValue/MaxValue need.
- A File column holds the id of the file (what the Web API returns), never its bytes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from decimal import Decimal

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import (
    Choice,
    Column,
    ColumnType,
    DateTimeBehavior,
    Number,
    RequiredLevel,
    Table,
)
from dvgen.targets.webapi import lookup_companions


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
"""Column types stored as a column; PartyList, CalendarRules and Virtual are not."""

NOT_STORED: dict[ColumnType, str] = {
    ColumnType.PARTY_LIST: "PartyList: its parties are rows of activityparty",
    ColumnType.CALENDAR_RULES: "CalendarRules: its rules are rows of calendarrule",
    ColumnType.VIRTUAL: "Virtual: it has no stored value",
}

INT32_RANGE = (-(2**31), 2**31 - 1)
INT64_RANGE = (-(2**63), 2**63 - 1)
_NATURAL_RANGE = {SqlKind.INT32: INT32_RANGE, SqlKind.INT64: INT64_RANGE}
_DEFAULT_DIGITS = {SqlKind.DECIMAL: 12, SqlKind.MONEY: 15}
"""Integer digits when MinValue/MaxValue are not stated: Dataverse's widest ranges,
±100,000,000,000 for Decimal and ±922,337,203,685,477 for Money."""
_DECIMAL_SCALE = 10
_MONEY_SCALE = 4


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    logical_name: str
    kind: SqlKind
    length: int | None = None
    """TEXT: at most this many characters; BINARY: at most this many bytes."""
    precision: int | None = None
    scale: int | None = None
    minimum: Number | None = None
    """Only when narrower than what the kind holds anyway."""
    maximum: Number | None = None
    choices: tuple[int, ...] = ()
    not_null: bool = False
    key: bool = False
    """The primary key (the table's primary id attribute)."""
    default: bool | int | None = None
    new_id: bool = False
    """Defaults to a new uuid (a Uniqueidentifier primary key)."""
    description: str | None = None
    loc: Location = field(default=Location("<sql>"), compare=False)


@dataclass(frozen=True, slots=True)
class StateStatus:
    """Which Status values belong to which State value: a table-level CHECK."""

    state: str
    status: str
    pairs: tuple[tuple[int, tuple[int, ...]], ...]


@dataclass(slots=True)
class TablePlan:
    logical_name: str
    description: str | None
    columns: list[ColumnPlan]
    primary_key: tuple[str, ...] = ()
    state_status: StateStatus | None = None
    omitted: list[tuple[str, str]] = field(default_factory=list)
    """(column, reason) for columns that are not stored."""
    title: str | None = None
    rows: list[tuple[object, ...]] = field(default_factory=list)
    """Rows to insert (the label tables)."""
    loc: Location = field(default_factory=lambda: Location("<sql>"))

    def column(self, logical_name: str) -> ColumnPlan | None:
        return next((c for c in self.columns if c.logical_name == logical_name), None)


def clean_text(text: str | None, loc: Location, diagnostics: Diagnostics) -> str | None:
    """Text as a database can store it: NUL (which none can) becomes U+FFFD, reported.
    An empty text is no text: PostgreSQL drops an empty comment."""
    if not text:
        return None
    if "\x00" in text:
        diagnostics.warning(loc, "text holds a NUL character, which SQL cannot store: U+FFFD")
        return text.replace("\x00", "\ufffd")
    return text


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


def _range(kind: SqlKind, column: Column) -> tuple[Number | None, Number | None]:
    if kind not in (*_NATURAL_RANGE, SqlKind.DECIMAL, SqlKind.MONEY, SqlKind.DOUBLE):
        return None, None
    low, high = _NATURAL_RANGE.get(kind, (None, None))
    minimum = column.min_value if column.min_value is not None and column.min_value != low else None
    maximum = (
        column.max_value if column.max_value is not None and column.max_value != high else None
    )
    if low is not None and high is not None:
        minimum = None if minimum is not None and minimum < low else minimum
        maximum = None if maximum is not None and maximum > high else maximum
    return minimum, maximum


def _numeric(kind: SqlKind, column: Column) -> tuple[int | None, int | None]:
    """(precision, scale) of a Decimal or Money column."""
    if kind not in _DEFAULT_DIGITS:
        return None, None
    if kind is SqlKind.MONEY:
        scale = max(_MONEY_SCALE, column.precision or 0)
    else:
        scale = column.precision if column.precision is not None else _DECIMAL_SCALE
    bounds = [v for v in (column.min_value, column.max_value) if v is not None]
    digits = max((_digits(v) for v in bounds), default=_DEFAULT_DIGITS[kind])
    return digits + scale, scale


def _length(kind: SqlKind, column: Column) -> int | None:
    if kind is SqlKind.TEXT and column.max_length and column.max_length > 0:
        return column.max_length
    if kind is SqlKind.BINARY and column.max_size_in_kb and column.max_size_in_kb > 0:
        return column.max_size_in_kb * 1024
    return None


def choice_values(column: Column) -> tuple[int, ...]:
    return tuple(sorted({choice.value for choice in column.choices}))


def plan_column(
    table: Table, column: Column, companions: frozenset[str], diagnostics: Diagnostics
) -> ColumnPlan:
    kind = _kind(column)
    minimum, maximum = _range(kind, column)
    precision, scale = _numeric(kind, column)
    is_key = column.logical_name == table.primary_id_attribute
    required = column.required_level is RequiredLevel.SYSTEM_REQUIRED
    return ColumnPlan(
        logical_name=column.logical_name,
        kind=kind,
        length=_length(kind, column),
        precision=precision,
        scale=scale,
        minimum=minimum,
        maximum=maximum,
        choices=choice_values(column) if kind in (SqlKind.CHOICE, SqlKind.CHOICES) else (),
        not_null=is_key or (required and column.logical_name not in companions),
        key=is_key,
        default=column.default_value if kind is SqlKind.BOOLEAN else None,
        new_id=is_key and column.type is ColumnType.UNIQUEIDENTIFIER,
        description=clean_text(column.description, column.loc, diagnostics),
        loc=column.loc,
    )


def _state_status(table: Table, columns: list[ColumnPlan]) -> StateStatus | None:
    stored = {c.logical_name for c in columns}
    states = [c for c in table.columns if c.type is ColumnType.STATE and c.logical_name in stored]
    statuses = [
        c for c in table.columns if c.type is ColumnType.STATUS and c.logical_name in stored
    ]
    if len(states) != 1 or len(statuses) != 1 or not states[0].choices:
        return None
    if not statuses[0].choices or any(s.state is None for s in statuses[0].choices):
        return None
    pairs = tuple(
        (state, tuple(sorted({s.value for s in statuses[0].choices if s.state == state})))
        for state in choice_values(states[0])
    )
    return StateStatus(states[0].logical_name, statuses[0].logical_name, pairs)


def _initial_state(choices: tuple[Choice, ...]) -> Choice:
    """The state a new row starts in: 0 (Active) where there is one."""
    return next((c for c in choices if c.value == 0), min(choices, key=lambda c: c.value))


def _with_state_defaults(columns: list[ColumnPlan], table: Table, pair: StateStatus) -> None:
    """A new row starts in the initial state with that state's default status."""
    state_column = table.column(pair.state)
    assert state_column is not None
    initial = _initial_state(state_column.choices)
    statuses = dict(pair.pairs).get(initial.value, ())
    status = initial.default_status if initial.default_status in statuses else None
    if status is None and statuses:
        status = statuses[0]
    defaults = {pair.state: initial.value, pair.status: status}
    for index, plan in enumerate(columns):
        if plan.logical_name in defaults and defaults[plan.logical_name] is not None:
            columns[index] = replace(plan, default=defaults[plan.logical_name])


def plan_table(table: Table, diagnostics: Diagnostics) -> TablePlan:
    companions = lookup_companions(table)
    columns: list[ColumnPlan] = []
    omitted: list[tuple[str, str]] = []
    for column in table.columns:
        reason = NOT_STORED.get(column.type)
        if reason is None and not column.valid_for_read:
            reason = "not valid for read"
        if reason is None:
            columns.append(plan_column(table, column, companions, diagnostics))
            continue
        omitted.append((column.logical_name, reason))
        where = f"{table.logical_name}.{column.logical_name}"
        diagnostics.info(column.loc, f"sql: column {where} is not stored ({reason})")
    plan_key = next((c for c in columns if c.key), None)
    if plan_key is None:
        diagnostics.warning(
            table.loc, f"sql: table {table.logical_name!r} has no primary key column"
        )
    else:
        columns.remove(plan_key)
        columns.insert(0, plan_key)
    pair = _state_status(table, columns)
    if pair is not None:
        _with_state_defaults(columns, table, pair)
    return TablePlan(
        logical_name=table.logical_name,
        description=clean_text(table.description, table.loc, diagnostics),
        columns=columns,
        primary_key=(plan_key.logical_name,) if plan_key else (),
        state_status=pair,
        omitted=omitted,
        title=table.display_name,
        loc=table.loc,
    )


def decimal_text(value: Number) -> str:
    """A number as a plain SQL literal (no exponent)."""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)
