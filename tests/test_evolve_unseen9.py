"""The breaking-change gate on real page history, round 9: defaults and state models.

This round's SQL DEFAULTs come from a choice's DefaultFormValue, a yes/no DefaultValue and the
state model (``createdefaults``, ``webapi.states.create_defaults``), and the gate's
``_filled`` takes a defaulted SystemRequired column as one no create must send. Examined by
generating from the older version, committing, and running ``dvgen check
--breaking-against HEAD`` and ``dvgen migrate`` (SQLite, PostgreSQL 15, rows kept) on the
newer: appmodulecomponent's 2021 page (MicrosoftDocs/powerapps-docs 003343e9) against its
2023 page (09770ae5), whose yes/no defaults change spelling only (``False`` -> ``0``); and,
in the 2025 layout, its choice and yes/no defaults changed, removed and raised to
SystemRequired, and bulkdeleteoperation's state model (2023 layout, 09770ae5) with a stale
DefaultStatus, a default status changed, a status reason moved and its Status raised.

One fault: a SystemRequired choice whose DefaultFormValue became -1 (or a value none of its
options is) was ``facet-changed``, safe, though Dataverse then refuses the creates that left
it out, which it completed with the default before, and the migrated SQL column, NOT NULL,
drops its DEFAULT, so the old database's inserts that leave it out fail: ``default-removed``,
breaking. A default changed to another option, added, or a yes/no default flipped, stays
``facet-changed``, and its migration changes the DEFAULT without rewriting stored rows.

The pages here are short excerpts of the real ones.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.evolve.rules import RULES
from dvgen.model import TableSet
from tests.pages import resolved
from tests.test_evolve_unseen7 import _migrates_keeping_rows
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

# --- appmodulecomponent: the 2021 page (003343e9) and the 2023 one (09770ae5) -------------

AMC_2021 = """---
title: "AppModuleComponent table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 10/05/2021
ms.topic: "reference"
---

# AppModuleComponent table/entity reference

A component available in a business app.

## Messages

|Message|Web API Operation|SDK Assembly|
|-|-|-|
|Retrieve|GET [*org URI*]/api/data/v9.0/appmodulecomponents(*appmodulecomponentid*)|RetrieveRequest|

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|App Module Components|
|DisplayCollectionName|App Module Components|
|DisplayName|App Module Component|
|EntitySetName|appmodulecomponents|
|IsBPFEntity|False|
|LogicalCollectionName|appmodulecomponents|
|LogicalName|appmodulecomponent|
|OwnershipType|None|
|PrimaryIdAttribute|appmodulecomponentid|
|PrimaryNameAttribute||
|SchemaName|AppModuleComponent|

<a name="writable-attributes"></a>

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or
**IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [AppModuleComponentId](#BKMK_AppModuleComponentId)
- [ComponentType](#BKMK_ComponentType)
- [IsDefault](#BKMK_IsDefault)
- [IsMetadata](#BKMK_IsMetadata)


### <a name="BKMK_AppModuleComponentId"></a> AppModuleComponentId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|App Module Component|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|appmodulecomponentid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_ComponentType"></a> ComponentType

|Property|Value|
|--------|-----|
|Description|The object type code of the component.|
|DisplayName|Object Type Code|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|componenttype|
|RequiredLevel|ApplicationRequired|
|Type|Picklist|

#### ComponentType Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Entities||
|26|Views||
|60|Forms||



### <a name="BKMK_IsDefault"></a> IsDefault

|Property|Value|
|--------|-----|
|Description|Is Default|
|DisplayName|Is Default|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|isdefault|
|RequiredLevel|ApplicationRequired|
|Type|Boolean|

#### IsDefault Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Yes|
|0|No|

**DefaultValue**: False



### <a name="BKMK_IsMetadata"></a> IsMetadata

|Property|Value|
|--------|-----|
|Description|Is Metadata|
|DisplayName|Is Metadata|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|ismetadata|
|RequiredLevel|None|
|Type|Boolean|

#### IsMetadata Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Metadata|
|0|Data|

**DefaultValue**: False

"""

AMC_2023 = (
    AMC_2021.replace("ms.date: 10/05/2021", "ms.date: 02/15/2023")
    .replace("|SDK Assembly|", "|SDK class or method|")
    .replace("v9.0", "v9.2")
    .replace("|1|Yes|\n", "|1|Yes||\n")
    .replace("|0|No|\n", "|0|No||\n")
    .replace("|1|Metadata|\n", "|1|Metadata||\n")
    .replace("|0|Data|\n", "|0|Data||\n")
    .replace("**DefaultValue**: False", "**DefaultValue**: 0")
)


def _set(name: str, text: str) -> TableSet:
    tables, warnings = resolved((name, text))
    assert warnings == []
    return tables


def _rules(old: TableSet, new: TableSet) -> dict[str, tuple[str, bool]]:
    return {c.where: (c.rule, c.breaking) for c in diff_sets(old, new)}


def test_a_yes_no_default_spelled_false_then_0_is_no_change() -> None:
    assert _rules(_set("amc.md", AMC_2021), _set("amc.md", AMC_2023)) == {}


# --- its columns in the 2025 layout, defaults edited ---------------------------------------

AMC_2025 = """---
title: "App Module Component (AppModuleComponent) table/entity reference (Microsoft Dataverse)"
ms.topic: reference
---

# App Module Component (AppModuleComponent) table/entity reference (Microsoft Dataverse)

A component available in a business app.

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **App Module Component** |
| **SchemaName** | `AppModuleComponent` |
| **EntitySetName** | `appmodulecomponents`|
| **LogicalName** | `appmodulecomponent` |
| **PrimaryIdAttribute** | `appmodulecomponentid` |
| **TableType** | `Standard` |
| **OwnershipType** | `None` |

## Writable columns/attributes

### <a name="BKMK_AppModuleComponentId"></a> AppModuleComponentId

|Property|Value|
|---|---|
|Description|**Unique identifier for entity instances**|
|DisplayName|**App Module Component**|
|LogicalName|`appmodulecomponentid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_ComponentType"></a> ComponentType

|Property|Value|
|---|---|
|Description|**The object type code of the component.**|
|DisplayName|**Object Type Code**|
|LogicalName|`componenttype`|
|RequiredLevel|{ct_req}|
|Type|Picklist|
|DefaultFormValue|{ct_def}|
|GlobalChoiceName|`appmodulecomponent_componenttype`|

#### ComponentType Choices/Options

|Value|Label|
|---|---|
|1|**Entities**|
|26|**Views**|
|60|**Forms**|

### <a name="BKMK_IsDefault"></a> IsDefault

|Property|Value|
|---|---|
|Description|**Is Default**|
|DisplayName|**Is Default**|
|LogicalName|`isdefault`|
|RequiredLevel|{id_req}|
|Type|Boolean|
|GlobalChoiceName|`appmodulecomponent_isdefault`|
|DefaultValue|{id_def}|
|True Label|Yes|
|False Label|No|
"""


def _amc(**changes: str) -> TableSet:
    facets = {"ct_req": "SystemRequired", "ct_def": "26", "id_req": "None", "id_def": "False"}
    return _set("amc.md", AMC_2025.format(**(facets | changes)))


COMPONENT = "appmodulecomponent.columns.componenttype"


@pytest.mark.parametrize("default", ["-1", "99"])
def test_a_system_required_choice_losing_its_default_breaks(default: str) -> None:
    """-1, or a value none of its options is: no default fills the column any more."""
    changes = _rules(_amc(), _amc(ct_def=default))
    assert changes == {f"{COMPONENT}.default_form_value": ("default-removed", True)}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({}, {"ct_def": "60"}),
        ({"ct_def": "-1"}, {"ct_def": "26"}),
        ({"ct_req": "None"}, {"ct_req": "None", "ct_def": "-1"}),
        ({}, {"id_def": "True"}),
    ],
)
def test_a_default_changed_added_or_of_an_optional_column_is_safe(
    before: dict[str, str], after: dict[str, str]
) -> None:
    changes = _rules(_amc(**before), _amc(**after))
    assert [rule for rule, _ in changes.values()] == ["facet-changed"]


@pytest.mark.parametrize("column", ["componenttype", "isdefault"])
def test_a_defaulted_column_raised_to_system_required_breaks_databases(column: str) -> None:
    """Dataverse fills it on create; the rows an old database holds without a value stop the
    migration's NOT NULL."""
    level = "ct_req" if column == "componenttype" else "id_req"
    optional = {"ct_req": "None", "id_req": "None"}
    changes = _rules(_amc(**optional), _amc(**(optional | {level: "SystemRequired"})))
    where = f"appmodulecomponent.columns.{column}.required_level"
    assert changes == {where: ("required-raised", True)}
    assert "a default fills" in RULES["required-raised"].reason  # databases only, as it says


_INSERT = "INSERT INTO appmodulecomponent (appmodulecomponentid) VALUES (?)"


def test_an_old_database_keeps_its_rows_and_refuses_inserts_without_the_column() -> None:
    old, new = _amc(), _amc(ct_def="-1", id_def="True")
    conn = sqlite3.connect(":memory:")
    conn.executescript(render(old, "sqlite")[0])
    conn.execute(_INSERT, ("11111111-1111-4111-8111-111111111111",))
    conn.executescript(migration_script(old, new, "sqlite", "old").text)
    assert list(conn.execute("SELECT componenttype, isdefault FROM appmodulecomponent")) == [
        (26, 0)
    ]
    with pytest.raises(sqlite3.IntegrityError, match="componenttype"):
        conn.execute(_INSERT, ("22222222-2222-4222-8222-222222222222",))


def test_the_default_migrations_keep_the_rows_on_sqlite_and_postgres(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    _migrates_keeping_rows(_amc(), _amc(ct_def="-1", id_def="True"), postgres, psycopg)
    _migrates_keeping_rows(_amc(ct_def="-1"), _amc(ct_def="60"), postgres, psycopg)


# --- bulkdeleteoperation's state model (2023 layout, 09770ae5) -----------------------------

BDO_2023 = """---
title: "BulkDeleteOperation table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
---

# BulkDeleteOperation table/entity reference

User-submitted bulk deletion job.

## Properties

|Property|Value|
|--------|-----|
|DisplayName|Bulk Delete Operation|
|EntitySetName|bulkdeleteoperations|
|LogicalName|bulkdeleteoperation|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|bulkdeleteoperationid|
|PrimaryNameAttribute|name|
|SchemaName|BulkDeleteOperation|

<a name="writable-attributes"></a>

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or
**IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [BulkDeleteOperationId](#BKMK_BulkDeleteOperationId)
- [StateCode](#BKMK_StateCode)
- [StatusCode](#BKMK_StatusCode)

### <a name="BKMK_BulkDeleteOperationId"></a> BulkDeleteOperationId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the bulk deletion job.|
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|bulkdeleteoperationid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|--------|-----|
|Description|Status of the bulk deletion job.|
|DisplayName|Status|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|statecode|
|RequiredLevel|SystemRequired|
|Type|State|

#### StateCode Choices/Options

|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Ready|{d0}|Ready|
|1|Suspended|2|Suspended|
|2|Locked|2|Locked|
|3|Completed|2|Completed|



### <a name="BKMK_StatusCode"></a> StatusCode

|Property|Value|
|--------|-----|
|Description|Reason for the status of the bulk deletion job.|
|DisplayName|Status Reason|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|statuscode|
|RequiredLevel|{sreq}|
|Type|Status|

#### StatusCode Choices/Options

|Value|Label|State|
|-----|-----|-----|
|0|Waiting For Resources|0|
|1|Waiting|{s1}|
|2|In Progress|2|
|30|Succeeded|3|
|32|Canceled|3|
"""


def _bdo(**changes: str) -> TableSet:
    return _set("bdo.md", BDO_2023.format(**({"d0": "1", "sreq": "None", "s1": "1"} | changes)))


STATES = "bulkdeleteoperation.columns"


def _status_default(tables: TableSet) -> Any:
    (line,) = [
        line
        for line in render(tables, "postgres")[0].splitlines()
        if '"statuscode" integer' in line
    ]
    return line.split("DEFAULT ")[1].split()[0]


def test_a_stale_default_status_corrected_changes_no_default() -> None:
    """State 0's DefaultStatus 1 is a reason of state 1: a row starts with state 0's first
    reason, 0, before and after the page names it."""
    old, new = _bdo(), _bdo(d0="0")
    assert _rules(old, new) == {
        f"{STATES}.statecode.choices.0.default_status": ("facet-changed", False)
    }
    assert _status_default(old) == _status_default(new) == "0"
    assert "statuscode" not in migration_script(old, new, "postgres", "old").text


def test_a_status_reason_moved_with_the_default_status_breaks_and_moves_the_default() -> None:
    old, new = _bdo(d0="0"), _bdo(d0="1", s1="0")
    assert _rules(old, new) == {
        f"{STATES}.statecode.choices.0.default_status": ("facet-changed", False),
        f"{STATES}.statuscode.choices.1.state": ("status-reason-moved", True),
    }
    assert (_status_default(old), _status_default(new)) == ("0", "1")


def test_the_state_model_migrations_keep_the_rows_on_sqlite_and_postgres(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    _migrates_keeping_rows(_bdo(d0="0"), _bdo(d0="1", s1="0"), postgres, psycopg)
    _migrates_keeping_rows(_bdo(), _bdo(sreq="SystemRequired"), postgres, psycopg)
