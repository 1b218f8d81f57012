"""``dvgen diff``, the gate and ``dvgen migrate`` on real page histories, round 3.

Found by generating from the older of two versions of a page, committing, and running the
gate on the newer (appaction 2021 -> 2023, managedidentity 2023 -> 2025, elasticfileattachment
2023 -> 2025, activitymimeattachment 2018 -> 2025, msdyn_odatav4ds 2017 -> 2023, and the
Dynamics 365 bookingstatus 2019 -> 2024 with its "Entity Reference" layout). Every change
was a real one and rightly classified, and every migration kept the rows on SQLite and
PostgreSQL, but a Boolean whose labels change (msdyn_odatav4ds names its two values "Header"
and "Query String", "Server-side Paging" and "Client-side Paging"; an org relabels "Yes"
and "No") was ``option-label-changed``, breaking, although the label of a Boolean names
nothing a client or a database holds: the Web API property is ``Edm.Boolean``, the pydantic
field a ``bool``, the JSON Schema a ``boolean`` (the label is a ``title``), the SQL column a
boolean. The pages here are short excerpts of the real ones, in their own layouts.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import TableSet
from tests.conftest import run
from tests.pages import resolved
from tests.test_evolve_migrate import pg_catalog, pg_schema, sqlite_catalog, sqlite_db
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

# --- msdyn_odatav4ds, 2017 ("Entity Reference") and 2023 ------------------------------------

ODATA_2017 = """---
title: "msdyn_odatav4ds Entity Reference (Developer Guide for Dynamics 365 Customer \
Engagement)| MicrosoftDocs"
ms.date: 10/31/2017
ms.topic: "reference"
---
# msdyn_odatav4ds Entity Reference

Data sources used by the OData v4 data provider to access data from an external web service.

## Properties

**DisplayName**: OData v4 Data Source<br />
**SchemaName**: msdyn_odatav4ds<br />
**LogicalName**: msdyn_odatav4ds<br />
**EntitySetName**: msdyn_odatav4ds<br />
**PrimaryIdAttribute**: msdyn_odatav4dsid<br />
**PrimaryNameAttribute**: msdyn_name<br />
**OwnershipType**: OrganizationOwned<br />

## Writable attributes

- [msdyn_isparameter1header](#BKMK_msdyn_isparameter1header)
- [msdyn_name](#BKMK_msdyn_name)
- [msdyn_odatav4dsId](#BKMK_msdyn_odatav4dsId)
- [msdyn_paginationtype](#BKMK_msdyn_paginationtype)


### <a name="BKMK_msdyn_isparameter1header"></a> msdyn_isparameter1header

**Description**: Parameter1 Type<br />
**DisplayName**: Parameter1 Type<br />
**LogicalName**: msdyn_isparameter1header<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Boolean<br />
**Options**:

- **TrueOption Value**: 1 **Label**: Header
- **FalseOption Value**: 0 **Label**: Query String

**DefaultValue**: False


### <a name="BKMK_msdyn_name"></a> msdyn_name

**DisplayName**: Name<br />
**LogicalName**: msdyn_name<br />
**IsValidForRead**: True<br />
**RequiredLevel**: ApplicationRequired<br />
**Type**: String<br />
**MaxLength**: 100


### <a name="BKMK_msdyn_odatav4dsId"></a> msdyn_odatav4dsId

**DisplayName**: OData v4 Data Source<br />
**LogicalName**: msdyn_odatav4dsid<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_msdyn_paginationtype"></a> msdyn_paginationtype

**DisplayName**: Pagination Mode<br />
**LogicalName**: msdyn_paginationtype<br />
**IsValidForRead**: True<br />
**RequiredLevel**: ApplicationRequired<br />
**Type**: Picklist<br />
**Options**:

- **Value**: 0 **Label**: Client-side Paging
- **Value**: 1 **Label**: Server-side Paging
"""

ODATA_2023 = """---
title: "msdyn_odatav4ds table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
ms.topic: "reference"
---

# msdyn_odatav4ds table/entity reference

Data sources used by the OData v4 data provider to access data from an external web service.

## Properties

|Property|Value|
|--------|-----|
|DisplayName|OData v4 Data Source|
|EntitySetName|msdyn_odatav4ds|
|LogicalName|msdyn_odatav4ds|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|msdyn_odatav4dsid|
|PrimaryNameAttribute|msdyn_name|
|SchemaName|msdyn_odatav4ds|

## Writable columns/attributes

- [msdyn_isparameter1header](#BKMK_msdyn_isparameter1header)
- [msdyn_name](#BKMK_msdyn_name)
- [msdyn_odatav4dsId](#BKMK_msdyn_odatav4dsId)
- [msdyn_paginationtype](#BKMK_msdyn_paginationtype)


### <a name="BKMK_msdyn_isparameter1header"></a> msdyn_isparameter1header

|Property|Value|
|--------|-----|
|Description|Parameter1 Type|
|DisplayName|Parameter1 Type|
|IsValidForRead|True|
|LogicalName|msdyn_isparameter1header|
|RequiredLevel|None|
|Type|Boolean|

#### msdyn_isparameter1header Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Header||
|0|Query String||

**DefaultValue**: 0



### <a name="BKMK_msdyn_name"></a> msdyn_name

|Property|Value|
|--------|-----|
|DisplayName|Name|
|IsValidForRead|True|
|LogicalName|msdyn_name|
|MaxLength|100|
|RequiredLevel|ApplicationRequired|
|Type|String|


### <a name="BKMK_msdyn_odatav4dsId"></a> msdyn_odatav4dsId

|Property|Value|
|--------|-----|
|DisplayName|OData v4 Data Source|
|IsValidForRead|True|
|LogicalName|msdyn_odatav4dsid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_msdyn_paginationtype"></a> msdyn_paginationtype

|Property|Value|
|--------|-----|
|DisplayName|Pagination Mode|
|IsValidForRead|True|
|LogicalName|msdyn_paginationtype|
|RequiredLevel|ApplicationRequired|
|Type|Picklist|

#### msdyn_paginationtype Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|0|Client-side Paging||
|1|Server-side Paging||
"""


def odata(page: str) -> TableSet:
    tables, warnings = resolved(("msdyn_odatav4ds.md", page))
    assert warnings == []
    return tables


def relabelled(page: str) -> str:
    """The Boolean's true option called "HTTP header", the picklist's 1 "Server paging"."""
    return (
        page.replace("**Label**: Header", "**Label**: HTTP header")
        .replace("|1|Header||", "|1|HTTP header||")
        .replace("**Label**: Server-side Paging", "**Label**: Server paging")
        .replace("|1|Server-side Paging||", "|1|Server paging||")
    )


def test_the_2017_and_2023_layouts_of_one_table_give_no_change() -> None:
    """Bulleted Boolean options (TrueOption/FalseOption) and DefaultValue False read as the
    2023 options table and DefaultValue 0."""
    assert diff_sets(odata(ODATA_2017), odata(ODATA_2023)) == []


def test_a_boolean_relabelled_is_safe_and_a_choice_relabelled_still_breaks() -> None:
    for old, new in ((ODATA_2017, relabelled(ODATA_2023)), (ODATA_2023, relabelled(ODATA_2023))):
        changes = {c.column: c for c in diff_sets(odata(old), odata(new))}
        assert set(changes) == {"msdyn_isparameter1header", "msdyn_paginationtype"}
        boolean, choice = changes["msdyn_isparameter1header"], changes["msdyn_paginationtype"]
        assert boolean.path == ("columns", "msdyn_isparameter1header", "choices", "1", "label")
        assert (boolean.rule, boolean.breaking) == ("display-name-changed", False)
        assert (boolean.old, boolean.new) == ("Header", "HTTP header")
        assert (choice.rule, choice.breaking) == ("option-label-changed", True)


def _generate(capsys: pytest.CaptureFixture[str], page: str, out: str) -> Path:
    specs = Path("specs")
    specs.mkdir(exist_ok=True)
    (specs / "msdyn_odatav4ds.md").write_text(page, "utf-8")
    argv = ("--specs", "specs", "--out", out, "--no-cache", "-q")
    assert run(capsys, "generate", *argv)[0] == 0
    return Path(out)


def test_a_boolean_relabelled_changes_no_client_contract_and_passes_the_gate(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a client or a database holds is the same for both labels: the pydantic model,
    the $metadata and the SQL; the gate lets the change through."""
    only_boolean = ODATA_2023.replace("|1|Header||", "|1|HTTP header||")
    old = _generate(capsys, ODATA_2023, "old")
    new = _generate(capsys, only_boolean, "new")
    for target in ("pydantic", "odata", "sql"):
        files = sorted(p.relative_to(old) for p in (old / target).rglob("*") if p.is_file())
        assert files
        for name in files:
            assert (old / name).read_bytes() == (new / name).read_bytes(), name
    argv = ("--specs", "specs", "--out", "new", "--no-cache")
    code, out, _ = run(capsys, "check", "--breaking-against", str(workdir / "old/model"), *argv)
    assert code == 0, out
    code, out, _ = run(capsys, "diff", "--against", str(workdir / "old/model"), *argv[:2])
    assert "display-name-changed" in out and "msdyn_isparameter1header.choices.1.label" in out


# --- bookingstatus (Dynamics 365), 2019 ("Entity Reference") and 2024 ------------------------

BOOKING_2019 = """---
title: "BookingStatus Entity Reference (Dynamics 365 for Customer Engagement)| MicrosoftDocs"
ms.date: 04/02/2019
ms.topic: "reference"
---
# BookingStatus Entity Reference

Allows creation of multiple sub statuses mapped to a booking status option.

## Entity Properties

|Property|Value|
|--------|-----|
|DisplayName|Booking Status|
|EntitySetName|bookingstatuses|
|LogicalName|bookingstatus|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|bookingstatusid|
|PrimaryNameAttribute|name|
|SchemaName|BookingStatus|

## Writable attributes

- [BookingStatusId](#BKMK_BookingStatusId)
- [Name](#BKMK_Name)


### <a name="BKMK_BookingStatusId"></a> BookingStatusId

|Property|Value|
|--------|-----|
|DisplayName|Booking Status|
|IsValidForRead|True|
|LogicalName|bookingstatusid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|DisplayName|Name|
|IsValidForRead|True|
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|SystemRequired|
|Type|String|

## Read-only attributes

- [ExchangeRate](#BKMK_ExchangeRate)


### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|--------|-----|
|DisplayName|ExchangeRate|
|IsValidForRead|True|
|LogicalName|exchangerate|
|MaxValue|100000000000|
|MinValue|0.0000000001|
|Precision|10|
|RequiredLevel|None|
|Type|Decimal|
"""


def booking_2024(page: str) -> str:
    """The 2024 page's ExchangeRate: MinValue 1E-12, Precision 12 (as every Dynamics 365
    table's ExchangeRate from then on: characteristic, ratingvalue)."""
    return page.replace("|MinValue|0.0000000001|", "|MinValue|1E-12|").replace(
        "|Precision|10|", "|Precision|12|"
    )


def booking(page: str) -> TableSet:
    tables, warnings = resolved(("bookingstatus.md", page))
    assert warnings == []
    return tables


def test_an_exchange_rate_given_more_places_is_widened() -> None:
    changes = [(c.path[-1], c.rule, c.breaking) for c in diff_sets(*_bookings())]
    assert changes == [
        ("min_value", "range-widened", True),
        ("precision", "precision-widened", True),
    ]


def _bookings() -> tuple[TableSet, TableSet]:
    return booking(BOOKING_2019), booking(booking_2024(BOOKING_2019))


ROW = ("00000000-0000-4000-8000-000000000001", "Committed", Decimal("0.0000000001"))
WIDE = ("00000000-0000-4000-8000-000000000002", "Proposed", Decimal("0.000000000002"))
INSERT = "INSERT INTO bookingstatus (bookingstatusid, name, exchangerate) VALUES (%s, %s, %s)"
SELECT = "SELECT bookingstatusid, name, exchangerate FROM bookingstatus ORDER BY 1"


def test_the_widened_exchange_rate_migrates_on_sqlite_keeping_the_rows() -> None:
    old, new = _bookings()
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute(INSERT.replace("%s", "?"), (ROW[0], ROW[1], float(ROW[2])))
    with pytest.raises(sqlite3.IntegrityError):  # the old range refuses the new places
        conn.execute(INSERT.replace("%s", "?"), (WIDE[0], WIDE[1], float(WIDE[2])))
    conn.executescript(migration_script(old, new, "sqlite", "old").text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    conn.execute(INSERT.replace("%s", "?"), (WIDE[0], WIDE[1], float(WIDE[2])))
    assert [r[1] for r in conn.execute(SELECT)] == ["Committed", "Proposed"]


def test_on_postgres_the_widened_exchange_rate_keeps_every_place(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _bookings()
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        pg_schema(conn, "old", render(old, "postgres")[0])
        conn.execute(INSERT, ROW)
        conn.execute(migration_script(old, new, "postgres", "old").text)
        conn.execute("SET search_path TO old")
        assert pg_catalog(conn, "old") == fresh
        conn.execute(INSERT, WIDE)
        rows = [(str(i), n, rate) for i, n, rate in conn.execute(SELECT).fetchall()]
        assert rows == [ROW, WIDE]  # Decimal('1.00E-10') == Decimal('1E-10'): every place kept


# --- a column moved to an app's extension page; a status reason gone (Dynamics 365) ---------

FIELD_SERVICE_2019 = """
### <a name="BKMK_msdyn_FieldServiceStatus"></a> msdyn_FieldServiceStatus

**Added by**: Field Service Solution

|Property|Value|
|--------|-----|
|DisplayName|Field Service Status|
|IsValidForRead|True|
|LogicalName|msdyn_fieldservicestatus|
|RequiredLevel|None|
|Type|Picklist|

#### msdyn_FieldServiceStatus Options

|Value|Label|
|-----|-----|
|690970000|Scheduled|
|690970005|Canceled|

"""

FIELD_SERVICE_2025 = """---
title: "Booking Status (BookingStatus) table/entity reference (Microsoft Dynamics 365 Field \
Service)"
ms.topic: generated-reference
---

# Booking Status (BookingStatus) table/entity reference (Microsoft Dynamics 365 Field Service)

Allows creation of multiple sub statuses mapped to a booking status option.

> [!NOTE]
> The Microsoft Dynamics 365 Field Service Booking Status (BookingStatus) table extends the \
[Microsoft Dynamics 365 Booking Status (BookingStatus) table](/dynamics365/developer/reference/\
entities/bookingstatus).

## Writable columns/attributes

- [msdyn_FieldServiceStatus](#BKMK_msdyn_FieldServiceStatus)

### <a name="BKMK_msdyn_FieldServiceStatus"></a> msdyn_FieldServiceStatus

|Property|Value|
|---|---|
|Description||
|DisplayName|**Field Service Status**|
|IsValidForRead|True|
|LogicalName|`msdyn_fieldservicestatus`|
|RequiredLevel|None|
|Type|Picklist|
|DefaultFormValue|-1|
|GlobalChoiceName|`msdyn_bookingsystemstatus`|

#### msdyn_FieldServiceStatus Choices/Options

|Value|Label|
|---|---|
|690970000|**Scheduled**|
|690970005|**Canceled**|
"""


def test_a_column_an_app_page_lists_now_is_no_column_removed() -> None:
    """The 2019 page lists Field Service's column; from 2024 the Field Service page does."""
    with_column = BOOKING_2019.replace(
        "## Read-only attributes", FIELD_SERVICE_2019 + "## Read-only attributes"
    )
    with_column = with_column.replace(
        "- [Name](#BKMK_Name)\n",
        "- [Name](#BKMK_Name)\n- [msdyn_FieldServiceStatus](#BKMK_msdyn_FieldServiceStatus)\n",
    )
    old = booking(with_column)
    new, warnings = resolved(
        ("bookingstatus.md", BOOKING_2019),
        ("bookingstatus_fieldservice.md", FIELD_SERVICE_2025),
    )
    assert warnings == []
    column = new.tables[0].column("msdyn_fieldservicestatus")
    assert column is not None and [c.value for c in column.choices] == [690970000, 690970005]
    rules = {(c.column, c.rule) for c in diff_sets(old, new)}
    assert rules == {("msdyn_fieldservicestatus", "facet-changed")}  # its added_by only


def rating(reasons: str) -> TableSet:
    tables, warnings = resolved(("ratingvalue.md", RATING.replace("REASONS", reasons)))
    assert warnings == []
    return tables


RATING = """---
title: "RatingValue Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| \
MicrosoftDocs"
ms.date: 12/05/2017
ms.topic: "reference"
---
# RatingValue Entity Reference

A unique value associated with a rating model that allows providing a user friendly rating value.

## Entity Properties

|Property|Value|
|--------|-----|
|DisplayName|Rating Value|
|EntitySetName|ratingvalues|
|LogicalName|ratingvalue|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|ratingvalueid|
|PrimaryNameAttribute|name|
|SchemaName|RatingValue|

## Writable attributes

- [Name](#BKMK_Name)
- [RatingValueId](#BKMK_RatingValueId)
- [StateCode](#BKMK_StateCode)
- [StatusCode](#BKMK_StatusCode)


### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|DisplayName|Name|
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|SystemRequired|
|Type|String|


### <a name="BKMK_RatingValueId"></a> RatingValueId

|Property|Value|
|--------|-----|
|DisplayName|Rating Value|
|LogicalName|ratingvalueid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|--------|-----|
|DisplayName|Status|
|IsValidForCreate|False|
|LogicalName|statecode|
|RequiredLevel|SystemRequired|
|Type|State|

#### StateCode Options

|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Active|1|Active|
|1|Inactive|2|Inactive|



### <a name="BKMK_StatusCode"></a> StatusCode

**Added by**: Project Service Automation Solution<br />
|Property|Value|
|--------|-----|
|DisplayName|Status Reason|
|LogicalName|statuscode|
|RequiredLevel|None|
|Type|Status|

#### StatusCode Options

|Value|Label|State|
|-----|-----|-----|
REASONS
"""
REASONS_2017 = "|1|Active|0|\n|2|Inactive|1|\n|192350000|Disabled By Generation Process|1|\n"
REASONS_2024 = "|1|Active|0|\n|2|Inactive|1|\n"
RATING_INSERT = (
    "INSERT INTO ratingvalue (ratingvalueid, name, statecode, statuscode) VALUES (?, ?, ?, ?)"
)
RATING_ROWS = [
    ("00000000-0000-4000-8000-000000000001", "familiar", 0, 1),
    ("00000000-0000-4000-8000-000000000002", "retired", 1, 192350000),
]


def test_a_status_reason_gone_stops_the_migration_at_rows_holding_it() -> None:
    """Project Service's reason 192350000 (ratingvalue 2017) is gone by 2024: breaking, and
    the migration keeps every row until the rows holding it are moved to a reason left."""
    old, new = rating(REASONS_2017), rating(REASONS_2024)
    (change,) = diff_sets(old, new)
    assert (change.path, change.rule, change.breaking) == (
        ("columns", "statuscode", "choices", "192350000"),
        "option-removed",
        True,
    )
    script = migration_script(old, new, "sqlite", "old").text
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.executemany(RATING_INSERT, RATING_ROWS)
    with pytest.raises(sqlite3.IntegrityError, match="ck_ratingvalue_statuscode"):
        conn.executescript(script)
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT statuscode FROM ratingvalue ORDER BY 1").fetchall() == [
        (1,),
        (192350000,),
    ]
    conn.execute("UPDATE ratingvalue SET statuscode = 2 WHERE statuscode = 192350000")
    conn.executescript(script)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    assert conn.execute("SELECT name, statuscode FROM ratingvalue ORDER BY 1").fetchall() == [
        ("familiar", 1),
        ("retired", 2),
    ]
