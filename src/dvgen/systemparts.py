"""The columns Dataverse creates with a table, as real custom tables hold them: every facet
that ``dvgen.systemcolumns`` (which says when, and where the set was found) adds to a table
written by hand. Descriptions and labels are Dataverse's own, from the solutions' Entity.xml."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from dvgen import elasticparts
from dvgen.dataverse_tables import ACTIVITY_BASE, ACTIVITY_KEY, CREATED_STATES
from dvgen.model import (
    Choice,
    Column,
    ColumnType,
    DateTimeBehavior,
    OwnershipType,
    RequiredLevel,
    Table,
    TableType,
)
from dvgen.validate import INT32, INT64, MONEY

OWNED = frozenset({OwnershipType.USER_OWNED, OwnershipType.TEAM_OWNED})
"""Ownership types whose rows have an owner: Dataverse's "user or team" ownership."""
INT_RANGE: dict[str, Any] = {"min_value": INT32[0], "max_value": INT32[1]}
BIG_INT_RANGE: dict[str, Any] = {"min_value": INT64[0], "max_value": INT64[1]}
"""The facets of an Integer and a BigInt column holding any value (Column's keywords)."""
TIME_ZONE_RANGE = {"min_value": -1, "max_value": INT32[1]}
MONEY_RANGE = {"min_value": MONEY[0], "max_value": MONEY[1]}
READ_ONLY: dict[str, Any] = {"valid_for_create": False, "valid_for_update": False}
"""What neither a create nor an update may set (Column's keywords)."""
_CREATE_ONLY = {"valid_for_update": False}


def is_activity(table: Table) -> bool:
    """Whether ``table`` is an activity other than ``activitypointer``: Dataverse keys every
    activity, and only activities, by ``activityid`` (its base entity type's key)."""
    return table.primary_id_attribute == ACTIVITY_KEY and table.logical_name != ACTIVITY_BASE


def columns(table: Table) -> Iterator[Column]:
    """Every column Dataverse creates with ``table``, in a fixed order."""
    if table.table_type is TableType.ELASTIC:
        yield from _elastic(table)
        return
    yield from _audit()
    yield from _bookkeeping()
    yield from _state(table)
    if table.ownership_type in OWNED:
        yield from _owner(unit_required=not is_activity(table))
    elif table.ownership_type is OwnershipType.ORGANIZATION_OWNED:
        yield _organization()
    money = _money(table)
    if money:
        yield from _currency()
    for column in money:
        yield _base(column)


def platform_lookups(table: Table) -> dict[str, Column]:
    """Every lookup Dataverse may create with ``table``, whatever its ownership and columns
    (who created and changed a row, its owner, owning user, team and business unit, its
    organization, its currency), by logical name: for a table known only by the
    relationships that name them (``dvgen.solution.lookups.spelt_lookups``)."""
    unit_required = not is_activity(table)
    made = (*_audit(), *_owner(unit_required), _organization(), *_currency())
    return {column.logical_name: column for column in made if column.type.is_lookup}


def _organization() -> Column:
    return _lookup(
        "organizationid",
        "OrganizationId",
        "Organization Id",
        "organization",
        "Unique identifier for the organization",
    )


def _elastic(table: Table) -> Iterator[Column]:
    """Those of an elastic table (``dvgen.elasticparts``): no state nor time zone columns, an
    owner's business unit not required, no ``organizationid``, a partition id and a time to
    live; no currency (Dataverse refuses Money on one: ``dvgen.elastic``)."""
    yield from _audit()
    made = {c.logical_name: c for c in _bookkeeping()}
    yield from (made[name] for name in _ELASTIC_BOOKKEEPING)
    if table.ownership_type in OWNED:
        yield from _owner(unit_required=False)
    yield from elasticparts.columns()


_ELASTIC_BOOKKEEPING = ("importsequencenumber", "overriddencreatedon", "versionnumber")


def _money(table: Table) -> list[Column]:
    """The Money columns that are no other's value in the base currency: those are marked
    ``is_base_currency``, or named as Dataverse names them, ``<money column>_base``."""
    money = [c for c in table.columns if c.type is ColumnType.MONEY]
    bases = {f"{c.logical_name}_base" for c in money}
    return [c for c in money if not c.is_base_currency and c.logical_name not in bases]


def _column(
    name: str, schema: str, kind: ColumnType, label: str, text: str, **facets: Any
) -> Column:
    """A column as Dataverse names and describes it (display name, description in English)."""
    return Column(name, schema, kind, display_name=label, description=text, **facets)


def _lookup(name: str, schema: str, label: str, target: str, text: str, **facets: Any) -> Column:
    """A lookup to one table, read only unless ``facets`` say otherwise (most are Dataverse's
    to set: who created a row, its owning business unit)."""
    facets = {**READ_ONLY, **facets}
    return _column(name, schema, ColumnType.LOOKUP, label, text, targets=(target,), **facets)


def _date(name: str, schema: str, label: str, text: str, **facets: Any) -> Column:
    """A date and time in the user's time zone, its behaviour fixed, as Dataverse's own are."""
    behavior = {
        "date_time_behavior": DateTimeBehavior.USER_LOCAL,
        "can_change_date_time_behavior": False,
    }
    return _column(name, schema, ColumnType.DATE_TIME, label, text, **behavior, **facets)


def _audit() -> Iterator[Column]:
    """Who created and last changed a row, when, and on whose behalf (a delegate)."""
    for verb in ("created", "modified"):
        title = verb.capitalize()
        yield _lookup(
            f"{verb}by",
            f"{title}By",
            f"{title} By",
            "systemuser",
            f"Unique identifier of the user who {verb} the record.",
        )
        yield _date(
            f"{verb}on",
            f"{title}On",
            f"{title} On",
            f"Date and time when the record was {verb}.",
            format="DateAndTime",
            **READ_ONLY,
        )
        yield _lookup(
            f"{verb}onbehalfby",
            f"{title}OnBehalfBy",
            f"{title} By (Delegate)",
            "systemuser",
            f"Unique identifier of the delegate user who {verb} the record.",
        )


def _bookkeeping() -> Iterator[Column]:
    """A row's import, migration date, time zone and version."""
    integer = ColumnType.INTEGER
    yield _column(
        "importsequencenumber",
        "ImportSequenceNumber",
        integer,
        "Import Sequence Number",
        "Sequence number of the import that created this record.",
        **INT_RANGE,
        **_CREATE_ONLY,
    )
    yield _date(
        "overriddencreatedon",
        "OverriddenCreatedOn",
        "Record Created On",
        "Date and time that the record was migrated.",
        format="DateOnly",
        **_CREATE_ONLY,
    )
    yield _column(
        "timezoneruleversionnumber",
        "TimeZoneRuleVersionNumber",
        integer,
        "Time Zone Rule Version Number",
        "For internal use only.",
        **TIME_ZONE_RANGE,
    )
    yield _column(
        "utcconversiontimezonecode",
        "UTCConversionTimeZoneCode",
        integer,
        "UTC Conversion Time Zone Code",
        "Time zone code that was in use when the record was created.",
        **TIME_ZONE_RANGE,
    )
    yield _column(
        "versionnumber",
        "VersionNumber",
        ColumnType.BIG_INT,
        "Version Number",
        "Version Number",
        **BIG_INT_RANGE,
        **READ_ONLY,
    )


def _state(table: Table) -> Iterator[Column]:
    """statecode and statuscode: Active and Inactive (an activity's: Open, Completed, Canceled
    and Scheduled), each the other's match; one the author wrote decides the options of the
    other, so that the two agree."""
    activity = is_activity(table)
    label = "activity" if activity else table.display_name or table.logical_name
    end = "." if activity else ""
    names = CREATED_STATES[activity]
    states, statuses = _options(table.column("statecode"), table.column("statuscode"), names)
    yield _column(
        "statecode",
        "StateCode" if activity else "statecode",
        ColumnType.STATE,
        "Activity Status" if activity else "Status",
        f"Status of the {label}{end}",
        required_level=RequiredLevel.SYSTEM_REQUIRED,
        valid_for_create=False,
        choices=states,
    )
    yield _column(
        "statuscode",
        "StatusCode" if activity else "statuscode",
        ColumnType.STATUS,
        "Status Reason",
        f"Reason for the status of the {label}{end}",
        choices=statuses,
    )


def _options(
    state: Column | None, status: Column | None, names: dict[int, str]
) -> tuple[tuple[Choice, ...], tuple[Choice, ...]]:
    """The options of statecode and statuscode: Dataverse's two pairs, or those matching the
    options of the one of them the author wrote."""
    if state is not None and state.choices:
        return state.choices, tuple(
            Choice(
                c.default_status if c.default_status is not None else c.value + 1,
                c.label,
                state=c.value,
            )
            for c in state.choices
        )
    first: dict[int, int] = {}
    for c in sorted(status.choices if status is not None else (), key=lambda c: c.value):
        if c.state is not None:
            first.setdefault(c.state, c.value)
    if status is not None and first:
        return tuple(
            Choice(
                s,
                names.get(s, f"State {s}"),
                default_status=v,
                invariant_name=names.get(s),
            )
            for s, v in sorted(first.items())
        ), status.choices
    if status is not None and status.choices:  # its reasons stateless: Dataverse's states
        values = {c.value for c in status.choices}
        return tuple(
            Choice(s, text, default_status=s + 1 if s + 1 in values else None, invariant_name=text)
            for s, text in names.items()
        ), status.choices
    return tuple(
        Choice(s, text, default_status=s + 1, invariant_name=text) for s, text in names.items()
    ), tuple(Choice(s + 1, text, state=s) for s, text in names.items())


def _owner(unit_required: bool) -> Iterator[Column]:
    """A user- or team-owned table's owner, and the owning user, team and business unit (which
    an activity need not have: every activity's is RequiredLevel None, ``csa_csIncident``'s and
    the reference pages' of task, letter, fax, email, appointment, socialactivity; nor an
    elastic table: ``agentprompt``'s, ``cat_AgentTranscripts``'): ``unit_required`` else."""
    yield _column(
        "ownerid",
        "OwnerId",
        ColumnType.OWNER,
        "Owner",
        "Owner Id",
        required_level=RequiredLevel.SYSTEM_REQUIRED,
        targets=("systemuser", "team"),
    )
    yield _lookup(
        "owningbusinessunit",
        "OwningBusinessUnit",
        "Owning Business Unit",
        "businessunit",
        "Unique identifier for the business unit that owns the record",
        required_level=RequiredLevel.SYSTEM_REQUIRED if unit_required else RequiredLevel.NONE,
    )
    yield _lookup(
        "owningteam",
        "OwningTeam",
        "Owning Team",
        "team",
        "Unique identifier for the team that owns the record.",
    )
    yield _lookup(
        "owninguser",
        "OwningUser",
        "Owning User",
        "systemuser",
        "Unique identifier for the user that owns the record.",
    )


def _currency() -> Iterator[Column]:
    """The currency of a row with money, and its rate to the organization's base currency."""
    yield _lookup(
        "transactioncurrencyid",
        "TransactionCurrencyId",
        "Currency",
        "transactioncurrency",
        "Unique identifier of the currency associated with the entity.",
        valid_for_create=True,
        valid_for_update=True,
    )
    yield _column(
        "exchangerate",
        "ExchangeRate",
        ColumnType.DECIMAL,
        "Exchange Rate",
        "Exchange rate for the currency associated with the entity with respect to "
        "the base currency.",
        min_value=Decimal("0.0000000001"),
        max_value=100000000000,
        precision=12,
        **READ_ONLY,
    )


def _base(money: Column) -> Column:
    """A Money column's value in the base currency: ``<column> / exchangerate``, read only."""
    label = money.display_name or money.logical_name
    return _column(
        f"{money.logical_name}_base",
        f"{money.logical_name}_Base",
        ColumnType.MONEY,
        f"{label} (Base)",
        f"Value of the {label} in base currency.",
        precision=money.precision,
        precision_source=money.precision_source,
        is_base_currency=True,
        **MONEY_RANGE,
        **READ_ONLY,
    )
