"""The breaking-change gate on real page history, round 5, and on a maker's YAML edits.

Found by generating from the older of two versions, committing, and running the gate and the
migrations (SQLite, PostgreSQL 15, rows kept) on the newer: bulkdeletefailure 2021 -> 2023,
botcomponent 2021 -> 2023, bot 2021 -> 2023, flowsession 2023 -> 2025 (MicrosoftDocs/
powerapps-docs), the shared environmentvariabledefinition 2020 -> 2021, and two YAML projects
edited as a maker would (a column renamed by its display name only, an option removed, a
lookup target added, the primary name column changed; a table added to the specs).

Every change of a table was a real one and rightly classified, and every migration kept the
rows, but one change of the DDL shows in no table's definition: a lookup gets a foreign key
when its one target is a table of the set. A table added to the specs (contoso_site, which
contoso_visit's lookup has always targeted), or a lookup whose target comes to be stated
(environmentvariabledefinition's ParentDefinitionId: Targets empty in 2020, itself in 2021),
gave the old database a key on a column holding ids of rows it never stored. The gate said
``table-added`` (or ``lookup-target-added``), safe, exit 0; the migration creates the new table
empty, adds the key and stops on those rows. ``foreign-key-added`` now says so (breaking for
databases, like ``key-added``). And a SystemRequired column only Dataverse fills (not valid
for create: duplicaterulecondition's ComponentIdUnique and SolutionId 2021 -> 2023, as the table
became solution aware) was ``column-added``, safe, though the SQL stores it NOT NULL with no
default: the migration stops on every old row. It is ``required-column-added`` now, as a column
clients can create with was. The pages here are short excerpts of the real ones.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import TableSet
from tests.pages import resolved
from tests.test_evolve_migrate import pg_catalog, pg_schema, sqlite_catalog, sqlite_db
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

# --- a maker's YAML project: contoso_visit, and contoso_site that it looks up -------------------

SITE = """logical_name: contoso_site
schema_name: contoso_Site
display_name: Site
entity_set_name: contoso_sites
primary_id_attribute: contoso_siteid
primary_name_attribute: contoso_name
ownership_type: OrganizationOwned
columns:
  - logical_name: contoso_siteid
    schema_name: contoso_SiteId
    type: Uniqueidentifier
    display_name: Site
    required_level: SystemRequired
    valid_for_update: false
  - logical_name: contoso_name
    schema_name: contoso_Name
    type: String
    display_name: Name
    max_length: 100
  - logical_name: contoso_code
    schema_name: contoso_Code
    type: String
    display_name: Site code
    max_length: 20
"""

REGION = """logical_name: contoso_region
schema_name: contoso_Region
display_name: Region
entity_set_name: contoso_regions
primary_id_attribute: contoso_regionid
primary_name_attribute: contoso_name
ownership_type: OrganizationOwned
columns:
  - logical_name: contoso_regionid
    schema_name: contoso_RegionId
    type: Uniqueidentifier
    display_name: Region
    required_level: SystemRequired
    valid_for_update: false
  - logical_name: contoso_name
    schema_name: contoso_Name
    type: String
    display_name: Name
    max_length: 100
"""

VISIT = """logical_name: contoso_visit
schema_name: contoso_Visit
display_name: Visit
entity_set_name: contoso_visits
primary_id_attribute: contoso_visitid
primary_name_attribute: contoso_name
ownership_type: OrganizationOwned
columns:
  - logical_name: contoso_visitid
    schema_name: contoso_VisitId
    type: Uniqueidentifier
    display_name: Visit
    required_level: SystemRequired
    valid_for_update: false
  - logical_name: contoso_name
    schema_name: contoso_Name
    type: String
    display_name: Subject
    max_length: 200
  - logical_name: contoso_outcome
    schema_name: contoso_Outcome
    type: Picklist
    display_name: Outcome
    choices:
      - {value: 100000000, label: Completed}
      - {value: 100000001, label: Cancelled}
      - {value: 100000002, label: No show}
  - logical_name: contoso_siteid
    schema_name: contoso_SiteId
    type: Lookup
    display_name: Site
    targets: [contoso_site]
relationships:
  many_to_one:
    - schema_name: contoso_site_contoso_visit
      referenced_entity: contoso_site
      referenced_attribute: contoso_siteid
      referencing_entity: contoso_visit
      referencing_attribute: contoso_siteid
      referencing_entity_navigation_property_name: contoso_SiteId
      cascade_configuration: {delete: RemoveLink}
"""

REGION_RELATIONSHIP = """    - schema_name: contoso_region_contoso_visit
      referenced_entity: contoso_region
      referenced_attribute: contoso_regionid
      referencing_entity: contoso_visit
      referencing_attribute: contoso_siteid
      referencing_entity_navigation_property_name: contoso_SiteId_contoso_region
      cascade_configuration: {delete: RemoveLink}
"""

VISIT_ID = "11111111-1111-4111-8111-111111111111"
SITE_ID = "22222222-2222-4222-8222-222222222222"


def _set(**texts: str) -> TableSet:
    tables, _ = resolved(*[(f"{name}.yaml", text) for name, text in texts.items()])
    return tables


def _rules(old: TableSet, new: TableSet) -> set[tuple[str, str, bool]]:
    return {(c.where, c.rule, c.breaking) for c in diff_sets(old, new)}


def test_a_table_added_to_the_specs_gives_the_lookups_to_it_a_key_the_gate_flags() -> None:
    """contoso_visit's lookup always targeted contoso_site: only the key is new."""
    old, new = _set(contoso_visit=VISIT), _set(contoso_visit=VISIT, contoso_site=SITE)
    changes = diff_sets(old, new)
    assert {(c.where, c.rule, c.breaking) for c in changes} == {
        ("contoso_site", "table-added", False),
        ("contoso_visit.columns.contoso_siteid.foreign_key", "foreign-key-added", True),
    }
    [key] = [c for c in changes if c.rule == "foreign-key-added"]
    assert (key.column, key.new) == ("contoso_siteid", "contoso_site")
    assert key.loc == str(new.by_name["contoso_visit"].column("contoso_siteid").loc)  # type: ignore[union-attr]


def _visit_row(conn: Any, site: str | None) -> None:
    conn.execute(
        "INSERT INTO contoso_visit (contoso_visitid, contoso_name, contoso_siteid) "
        f"VALUES ('{VISIT_ID}', 'Inspection', {'NULL' if site is None else repr(site)})"
    )


def test_why_on_sqlite_the_old_rows_stop_the_migration_until_their_ids_are_cleared() -> None:
    old, new = _set(contoso_visit=VISIT), _set(contoso_visit=VISIT, contoso_site=SITE)
    script = migration_script(old, new, "sqlite", "old").text
    conn = sqlite_db(render(old, "sqlite")[0])
    _visit_row(conn, SITE_ID)
    with pytest.raises(sqlite3.IntegrityError, match="rows reference rows that do not exist"):
        conn.executescript(script)
    conn = sqlite_db(render(old, "sqlite")[0])
    _visit_row(conn, None)
    conn.executescript(script)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    assert conn.execute("SELECT contoso_name FROM contoso_visit").fetchall() == [("Inspection",)]


def test_why_on_postgres_the_old_rows_stop_the_migration(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _set(contoso_visit=VISIT), _set(contoso_visit=VISIT, contoso_site=SITE)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        pg_schema(conn, "old", render(old, "postgres")[0])
        _visit_row(conn, SITE_ID)
        script = migration_script(old, new, "postgres", "old").text
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute(script)
        conn.execute("ROLLBACK")
        conn.execute("SET search_path TO old")
        conn.execute("UPDATE contoso_visit SET contoso_siteid = NULL")
        conn.execute(script)
        conn.execute("SET search_path TO old")
        assert pg_catalog(conn, "old") == fresh
        assert conn.execute("SELECT contoso_name FROM contoso_visit").fetchall() == [
            ("Inspection",)
        ]


def test_a_key_both_versions_have_or_a_target_already_flagged_is_no_new_key() -> None:
    both = _set(contoso_visit=VISIT, contoso_site=SITE)
    assert _rules(both, both) == set()
    polymorphic = VISIT.replace("[contoso_site]", "[contoso_site, contoso_region]")
    old = _set(
        contoso_visit=polymorphic + REGION_RELATIONSHIP, contoso_site=SITE, contoso_region=REGION
    )
    new = _set(contoso_visit=VISIT, contoso_site=SITE, contoso_region=REGION)
    assert (
        "contoso_visit.columns.contoso_siteid.targets",
        "lookup-target-removed",
        True,
    ) in _rules(old, new)
    assert not any(rule == "foreign-key-added" for _, rule, _ in _rules(old, new))


def test_a_makers_edits_are_classified_as_dataverse_takes_them() -> None:
    """A column renamed by its display name only, an option removed, a lookup target added
    (the lookup becomes polymorphic: its key goes, a navigation property is added), the
    primary name column changed (no request or stored value depends on it)."""
    sets = dict(contoso_site=SITE, contoso_region=REGION)
    old = _set(contoso_visit=VISIT, **sets)
    edited_site = SITE.replace("Site code", "Site number").replace(
        "primary_name_attribute: contoso_name", "primary_name_attribute: contoso_code"
    )
    visit = VISIT.replace("      - {value: 100000002, label: No show}\n", "")
    visit = visit.replace("[contoso_site]", "[contoso_site, contoso_region]") + REGION_RELATIONSHIP
    new = _set(contoso_visit=visit, contoso_site=edited_site, contoso_region=REGION)
    assert _rules(old, new) == {
        ("contoso_site.columns.contoso_code.display_name", "display-name-changed", False),
        ("contoso_site.primary_name_attribute", "facet-changed", False),
        ("contoso_visit.columns.contoso_outcome.choices.100000002", "option-removed", True),
        ("contoso_visit.columns.contoso_siteid.targets", "lookup-target-added", False),
        (
            "contoso_visit.relationships.many_to_one.contoso_region_contoso_visit",
            "relationship-added",
            False,
        ),
        (
            "contoso_region.relationships.one_to_many.contoso_region_contoso_visit",
            "relationship-added",
            False,
        ),
    }


# --- environmentvariabledefinition, 2020 -> 2021: ParentDefinitionId's target stated ---------

ENVVAR = """---
title: "EnvironmentVariableDefinition table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: {date}
ms.topic: "reference"
---

# EnvironmentVariableDefinition table/entity reference

Contains information about the settable variable: its type, default value, and etc.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|environmentvariabledefinitions|
|DisplayCollectionName|Environment Variable Definitions|
|DisplayName|Environment Variable Definition|
|EntitySetName|environmentvariabledefinitions|
|IsBPFEntity|False|
|LogicalCollectionName|environmentvariabledefinitions|
|LogicalName|environmentvariabledefinition|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|environmentvariabledefinitionid|
|PrimaryNameAttribute|schemaname|
|SchemaName|environmentvariabledefinition|

<a name="writable-attributes"></a>

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** \
(usually both). Listed by **SchemaName**.

- [EnvironmentVariableDefinitionId](#BKMK_EnvironmentVariableDefinitionId)
- [ParentDefinitionId](#BKMK_ParentDefinitionId)


### <a name="BKMK_EnvironmentVariableDefinitionId"></a> EnvironmentVariableDefinitionId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|Environment Variable Definition|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|environmentvariabledefinitionid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_ParentDefinitionId"></a> ParentDefinitionId

|Property|Value|
|--------|-----|
|Description|Unique identifier for Environment Variable Definition associated with Environment \
Variable Definition.|
|DisplayName|Parent Definition|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|parentdefinitionid|
|RequiredLevel|None|
|Targets|{targets}|
|Type|Lookup|
"""


def test_a_lookup_whose_target_comes_to_be_stated_gains_a_key_the_gate_flags() -> None:
    """The 2020 page leaves ParentDefinitionId's Targets empty (no key: any id fits); the
    2021 page states the table itself, whose rows the key then requires."""
    pages = [
        resolved(("envvar.md", ENVVAR.format(date=date, targets=targets)))[0]
        for date, targets in (("11/14/2020", ""), ("10/05/2021", "environmentvariabledefinition"))
    ]
    where = "environmentvariabledefinition.columns.parentdefinitionid"
    assert _rules(*pages) == {
        (f"{where}.targets", "lookup-target-added", False),
        (f"{where}.foreign_key", "foreign-key-added", True),
    }


# --- real pairs the gate already got right: kept as they are -----------------------------------

BULKDELETEFAILURE = """---
title: "BulkDeleteFailure table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 05/20/2021
ms.topic: "reference"
---

# BulkDeleteFailure table/entity reference

Record that was not deleted during a bulk deletion job.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|BulkDeleteFailures|
|DisplayName|Bulk Delete Failure|
|EntitySetName|bulkdeletefailures|
|LogicalName|bulkdeletefailure|
|OwnershipType|None|
|PrimaryIdAttribute|bulkdeletefailureid|
|PrimaryNameAttribute||
|SchemaName|BulkDeleteFailure|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

These columns/attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. \
Listed by **SchemaName**.

### <a name="BKMK_BulkDeleteFailureId"></a> BulkDeleteFailureId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the bulk deletion failure record.|
|DisplayName|Bulk Deletion Failure|
|LogicalName|bulkdeletefailureid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the record that can not be deleted.|
|DisplayName|Name|
|LogicalName|regardingobjectid|
|RequiredLevel|None|
|Targets|{targets}|
|Type|Lookup|


### <a name="BKMK_RegardingObjectIdName"></a> RegardingObjectIdName

|Property|Value|
|--------|-----|
|Description||
|DisplayName||
|FormatName|Text|
|LogicalName|regardingobjectidname|
|MaxLength|{length}|
|RequiredLevel|None|
|Type|String|
"""


def test_bulkdeletefailure_regarding_targets_removed_and_added_is_one_breaking_change() -> None:
    """2021 -> 2023: appnotification left the regarding targets (its rows are refused) while
    appaction and chat joined; the name companion widened from 800 to 850, which the Web API
    carries as an annotation of the lookup, no property the record targets bound."""
    old, new = (
        resolved(("bulkdeletefailure.md", BULKDELETEFAILURE.format(targets=t, length=n)))[0]
        for t, n in (
            ("account,appnotification,bot,contact", 800),
            ("account,appaction,bot,chat,contact", 850),
        )
    )
    where = "bulkdeletefailure.columns"
    assert _rules(old, new) == {
        (f"{where}.regardingobjectid.targets", "lookup-target-removed", True),
        (f"{where}.regardingobjectidname.max_length", "facet-widened-unenforced", False),
    }
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute(
        "INSERT INTO bulkdeletefailure (bulkdeletefailureid, regardingobjectid, "
        f"regardingobjectidname) VALUES ('{VISIT_ID}', '{SITE_ID}', '{'n' * 800}')"
    )
    conn.executescript(migration_script(old, new, "sqlite", "old").text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    assert conn.execute(
        "SELECT length(regardingobjectidname) FROM bulkdeletefailure"
    ).fetchall() == [(800,)]


# --- duplicaterulecondition, 2021 -> 2023: the table became solution aware ----------------------
#
# The 2023 page adds ComponentIdUnique, SolutionId (SystemRequired, valid for read, not for
# create: Dataverse fills them) and SupportingSolutionId (not valid for read: not stored). The
# SQL stores the first two NOT NULL, with no default, so the migration stops on every old row,
# and that database's own inserts, which leave them out, are refused; the gate said
# column-added, safe (only a column clients can create with was required-column-added).

DRC = """---
title: "DuplicateRuleCondition table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: {date}
ms.topic: "reference"
---

# DuplicateRuleCondition table/entity reference

Condition of a duplicate detection rule.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|DuplicateRuleConditions|
|DisplayName|Duplicate Rule Condition|
|EntitySetName|duplicateruleconditions|
|LogicalName|duplicaterulecondition|
|OwnershipType|None|
|PrimaryIdAttribute|duplicateruleconditionid|
|PrimaryNameAttribute||
|SchemaName|DuplicateRuleCondition|

<a name="writable-attributes"></a>

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** \
(usually both). Listed by **SchemaName**.

### <a name="BKMK_DuplicateRuleConditionId"></a> DuplicateRuleConditionId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the condition.|
|DisplayName|Duplicate Rule Condition|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|duplicateruleconditionid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

These columns/attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. \
Listed by **SchemaName**.
{added}"""

SOLUTION_AWARE = """
### <a name="BKMK_ComponentIdUnique"></a> ComponentIdUnique

**Added by**: Basic Solution Solution

|Property|Value|
|--------|-----|
|Description|For internal use only.|
|DisplayName|Row id unique|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|componentidunique|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_SolutionId"></a> SolutionId

**Added by**: Basic Solution Solution

|Property|Value|
|--------|-----|
|Description|Unique identifier of the associated solution.|
|DisplayName|Solution|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|solutionid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_SupportingSolutionId"></a> SupportingSolutionId

**Added by**: Basic Solution Solution

|Property|Value|
|--------|-----|
|Description|For internal use only.|
|DisplayName|Solution|
|IsValidForForm|False|
|IsValidForRead|False|
|LogicalName|supportingsolutionid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def _drc() -> tuple[TableSet, TableSet]:
    old = resolved(("drc.md", DRC.format(date="03/04/2021", added="")))[0]
    new = resolved(("drc.md", DRC.format(date="02/15/2023", added=SOLUTION_AWARE)))[0]
    return old, new


def test_system_columns_only_dataverse_fills_are_required_columns_the_database_lacks() -> None:
    old, new = _drc()
    where = "duplicaterulecondition.columns"
    assert _rules(old, new) == {
        (f"{where}.componentidunique", "required-column-added", True),
        (f"{where}.solutionid", "required-column-added", True),
        (f"{where}.supportingsolutionid", "column-added", False),  # not valid for read: not stored
    }
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute(
        f"INSERT INTO duplicaterulecondition (duplicateruleconditionid) VALUES ('{VISIT_ID}')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        conn.executescript(migration_script(old, new, "sqlite", "old").text)


def test_a_new_lookup_name_companion_stays_a_safe_column_added() -> None:
    """A SystemRequired *YomiName companion: the SQL leaves it nullable, the Web API carries it
    as an annotation of the lookup, and Dataverse derives it."""
    lookup = VISIT.replace(
        "relationships:",
        "  - {logical_name: contoso_ownerid, type: Lookup, targets: [systemuser]}\nrelationships:",
    )
    companion = lookup.replace(
        "relationships:",
        "  - {logical_name: contoso_owneridyominame, type: String, max_length: 100, "
        "required_level: SystemRequired, valid_for_create: false, valid_for_update: false, "
        "attribute_of: contoso_ownerid}\nrelationships:",
    )
    old, new = _set(contoso_visit=lookup), _set(contoso_visit=companion)
    assert _rules(old, new) == {
        ("contoso_visit.columns.contoso_owneridyominame", "column-added", False)
    }


# --- bookableresourcegroup (Dynamics 365), 2018 -> 2024: bounds written another way -----------

BRG_2018 = """---
title: "BookableResourceGroup Entity Reference (Dynamics 365 for Customer Engagement apps)"
ms.date: 01/04/2018
ms.topic: "reference"
---

# BookableResourceGroup Entity Reference

Associates resources with resource groups that they are a member of.

## Entity Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|BookableResourceGroup|
|DisplayName|Bookable Resource Group|
|EntitySetName|bookableresourcegroups|
|LogicalName|bookableresourcegroup|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|bookableresourcegroupid|
|PrimaryNameAttribute|name|
|SchemaName|BookableResourceGroup|

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**.

### <a name="BKMK_BookableResourceGroupId"></a> BookableResourceGroupId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the resource group.|
|DisplayName|Bookable Resource Group|
|LogicalName|bookableresourcegroupid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|--------|-----|
|Description|Exchange rate for the currency associated with the bookableresourcegroup with \
respect to the base currency.|
|DisplayName|ExchangeRate|
|IsValidForRead|True|
|LogicalName|exchangerate|
|MaxValue|100000000000|
|MinValue|0.0000000001|
|Precision|10|
|RequiredLevel|None|
|Type|Decimal|
"""

BRG_2024 = """---
title: "Bookable Resource Group (BookableResourceGroup) table/entity reference (Microsoft \
Dynamics 365 Sales)"
ms.date: 08/21/2024
ms.topic: generated-reference
---

# Bookable Resource Group (BookableResourceGroup) table/entity reference (Microsoft Dynamics 365 \
Sales)

Associates resources with resource groups that they are a member of.

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Bookable Resource Group** |
| **SchemaName** | `BookableResourceGroup` |
| **CollectionSchemaName** | `BookableResourceGroup` |
| **EntitySetName** | `bookableresourcegroups`|
| **LogicalName** | `bookableresourcegroup` |
| **PrimaryIdAttribute** | `bookableresourcegroupid` |
| **PrimaryNameAttribute** |`name` |
| **OwnershipType** | `UserOwned` |

## Read-only columns/attributes

These columns/attributes return false for both **IsValidForCreate** and **IsValidForUpdate**.

### <a name="BKMK_BookableResourceGroupId"></a> BookableResourceGroupId

|Property|Value|
|---|---|
|Description|**Unique identifier of the resource group.**|
|DisplayName|**Bookable Resource Group**|
|LogicalName|`bookableresourcegroupid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|---|---|
|Description|**Exchange rate for the currency associated with the bookableresourcegroup with \
respect to the base currency.**|
|DisplayName|**ExchangeRate**|
|IsValidForRead|True|
|LogicalName|`exchangerate`|
|RequiredLevel|None|
|Type|Decimal|
|ImeMode|Disabled|
|MaxValue|100000000000|
|MinValue|1E-12|
|Precision|12|
|SourceTypeMask|0|
"""


def test_an_exchange_rate_bound_in_e_notation_widens_and_the_rows_keep_their_values(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    """MinValue 0.0000000001 (2018) and 1E-12 (2024) are numbers: the range and the precision
    widen (breaking for the last version's readers: its JSON Schema and pydantic model refuse
    the smaller rates Dataverse now returns), and a rate stored with ten decimals survives
    both migrations unchanged."""
    import psycopg

    old = resolved(("brg.md", BRG_2018))[0]
    new = resolved(("brg.md", BRG_2024))[0]
    where = "bookableresourcegroup.columns.exchangerate"
    assert _rules(old, new) == {
        (f"{where}.min_value", "range-widened", True),
        (f"{where}.precision", "precision-widened", True),
    }
    insert = (
        "INSERT INTO bookableresourcegroup (bookableresourcegroupid, exchangerate) "
        f"VALUES ('{VISIT_ID}', 0.0000000001)"
    )
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute(insert)
    conn.executescript(migration_script(old, new, "sqlite", "old").text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    assert conn.execute("SELECT exchangerate FROM bookableresourcegroup").fetchall() == [(1e-10,)]
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as pg:
        pg_schema(pg, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(pg, "fresh")
        pg_schema(pg, "old", render(old, "postgres")[0])
        pg.execute(insert)
        pg.execute(migration_script(old, new, "postgres", "old").text)
        pg.execute("SET search_path TO old")
        assert pg_catalog(pg, "old") == fresh
        [(rate,)] = pg.execute("SELECT exchangerate FROM bookableresourcegroup").fetchall()
        assert rate == Decimal("0.0000000001")
