"""The breaking-change gate on real page history, round 6, and on a maker's YAML edits.

Found by generating from the older of two versions, committing, and running the gate and the
migrations (SQLite, PostgreSQL 15, rows kept) on the newer, for ten pairs of real pages of
tables no earlier round used (MicrosoftDocs/powerapps-docs: customapi 2020 -> 2023 and
2023 -> 2025, pluginassembly 2018 -> 2023, sharepointdocumentlocation 2018 -> 2023,
customapirequestparameter 2020 -> 2024, environmentvariablevalue 2021 -> 2024 beside its
definition, sdkmessagefilter 2023 -> 2025, catalog 2021 -> 2024; dynamics-365-customer-engagement:
msdyn_customerasset and bookableresourcecharacteristic 2019 -> 2024), and two YAML projects
edited as a maker would (a column renamed by its display name only, an option removed, a lookup
target added, the primary name column changed, an alternate key's columns written in another
order).

Every change of the pages was classified as Dataverse takes it and every migration kept the
rows. Three faults, all in the YAML projects:

- an alternate key whose columns were written in another order was ``key-changed``, breaking,
  and the gate stopped the build, though it is the same key: a URL names each key value
  (``/rsv_bookings(rsv_code='A-1',rsv_day=2024-05-01)``, OData's key-value pairs, in any order)
  and a unique constraint refuses the same rows whatever its columns' order. It is
  ``facet-changed`` now; the migration still rewrites the constraint, as the DDL spells it;
- navigation property names a relationship left unstated, then stated otherwise, renamed what
  the ``$metadata``, JSON Schema and pydantic models carry, yet the diff said "no change";
- a Decimal's Precision stated where none was narrowed the column (``numeric(22, 10)`` to
  ``numeric(14, 2)``, a destructive migration step), yet the diff said "no change".

The pages here are short excerpts of the real ones.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import TableSet
from tests.conftest import CORPUS, needs_shared, run
from tests.pages import resolved
from tests.test_evolve_migrate import pg_catalog, pg_schema, sqlite_catalog, sqlite_db
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

# --- a maker's YAML project: rsv_booking, keyed by its code and day ------------------------

BOOKING = """logical_name: rsv_booking
schema_name: rsv_Booking
display_name: Booking
entity_set_name: rsv_bookings
primary_id_attribute: rsv_bookingid
primary_name_attribute: rsv_name
ownership_type: OrganizationOwned
columns:
  - logical_name: rsv_bookingid
    type: Uniqueidentifier
    display_name: Booking
    required_level: SystemRequired
    valid_for_update: false
  - {logical_name: rsv_name, type: String, display_name: Name, max_length: 100}
  - logical_name: rsv_code
    type: String
    display_name: Code
    max_length: 20
    required_level: SystemRequired
  - {logical_name: rsv_day, type: DateTime, display_name: Day, date_time_behavior: DateOnly}
  - logical_name: rsv_channel
    schema_name: rsv_Channel
    type: Picklist
    display_name: Channel
    choices:
      - {value: 100000000, label: Phone}
      - {value: 100000001, label: Web}
      - {value: 100000002, label: Walk-in}
keys:
  - logical_name: rsv_codeday
    display_name: Code and day
    columns: [rsv_code, rsv_day]
"""
REORDERED = BOOKING.replace("[rsv_code, rsv_day]", "[rsv_day, rsv_code]")
OTHER_COLUMNS = BOOKING.replace("[rsv_code, rsv_day]", "[rsv_day, rsv_name]")


def _booking(text: str) -> TableSet:
    tables, warnings = resolved(("rsv_booking.yaml", text))
    assert warnings == []
    return tables


def _rules(old: TableSet, new: TableSet) -> set[tuple[str, str, bool]]:
    return {(c.where, c.rule, c.breaking) for c in diff_sets(old, new)}


def test_a_key_whose_columns_are_written_in_another_order_is_the_same_key() -> None:
    """The same columns, so the same rows are unique and the same URLs address them."""
    where = "rsv_booking.keys.rsv_codeday.columns"
    assert _rules(_booking(BOOKING), _booking(REORDERED)) == {(where, "facet-changed", False)}
    assert _rules(_booking(BOOKING), _booking(OTHER_COLUMNS)) == {(where, "key-changed", True)}


def test_a_makers_edits_beside_the_reordered_key_are_classified_as_dataverse_takes_them() -> None:
    """A column renamed by its display name only, an option removed, the primary name
    column changed: only the option removed breaks."""
    edited = REORDERED.replace("display_name: Code\n", "display_name: Booking code\n")
    edited = edited.replace("      - {value: 100000002, label: Walk-in}\n", "")
    edited = edited.replace("primary_name_attribute: rsv_name", "primary_name_attribute: rsv_code")
    assert _rules(_booking(BOOKING), _booking(edited)) == {
        ("rsv_booking.columns.rsv_channel.choices.100000002", "option-removed", True),
        ("rsv_booking.columns.rsv_code.display_name", "display-name-changed", False),
        ("rsv_booking.keys.rsv_codeday.columns", "facet-changed", False),
        ("rsv_booking.primary_name_attribute", "facet-changed", False),
    }


def test_the_gate_lets_a_reordered_key_through(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "rsv_booking.yaml").write_text(BOOKING, "utf-8")
    assert run(capsys, "generate", "--specs", "specs", "--out", "old", "--no-cache", "-q")[0] == 0
    argv = ("--specs", "specs", "--out", "new", "--no-cache")
    against = ("--breaking-against", str(workdir / "old/model"))
    for text in (REORDERED, OTHER_COLUMNS):
        (specs / "rsv_booking.yaml").write_text(text, "utf-8")
        assert run(capsys, "generate", *argv, "-q")[0] == 0
        code, out, _ = run(capsys, "check", *against, *argv)
        if text == REORDERED:
            assert code == 0, out
    assert code == 1
    assert "key-changed: rsv_booking.keys.rsv_codeday.columns" in out


ROWS = (
    "INSERT INTO rsv_booking (rsv_bookingid, rsv_name, rsv_code, rsv_day) VALUES "
    "('11111111-1111-4111-8111-111111111111', 'Morning', 'A-1', '2024-05-01'), "
    "('22222222-2222-4222-8222-222222222222', 'Evening', 'A-1', '2024-05-02')"
)
AGAIN = (
    "INSERT INTO rsv_booking (rsv_bookingid, rsv_name, rsv_code, rsv_day) VALUES "
    "('33333333-3333-4333-8333-333333333333', 'Repeat', 'A-1', '2024-05-02')"
)


def test_on_sqlite_the_reordered_key_migrates_keeping_the_rows_and_what_is_unique() -> None:
    old, new = _booking(BOOKING), _booking(REORDERED)
    script = migration_script(old, new, "sqlite", "old")
    assert script.destructive == ()
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute(ROWS)
    conn.executescript(script.text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    names = conn.execute("SELECT rsv_name FROM rsv_booking ORDER BY rsv_day").fetchall()
    assert names == [("Morning",), ("Evening",)]
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(AGAIN)


def test_on_postgres_the_reordered_key_migrates_keeping_the_rows_and_what_is_unique(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _booking(BOOKING), _booking(REORDERED)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        pg_schema(conn, "old", render(old, "postgres")[0])
        conn.execute(ROWS)
        conn.execute(migration_script(old, new, "postgres", "old").text)
        conn.execute("SET search_path TO old")
        assert pg_catalog(conn, "old") == fresh
        names = conn.execute("SELECT rsv_name FROM rsv_booking ORDER BY rsv_day").fetchall()
        assert names == [("Morning",), ("Evening",)]
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(AGAIN)


# --- navigation property names a version leaves unstated --------------------------------------
#
# A relationship's navigation properties are what the spec states, else the names dvgen decides
# as Dataverse names them (the lookup's name, the schema name); those are what that version's
# $metadata, JSON Schema and pydantic models carry. A maker who then states other names renamed
# what clients $expand and @odata.bind; the diff said "no change" and the gate let it through.

RESOURCE = """logical_name: rsv_resource
display_name: Resource
entity_set_name: rsv_resources
primary_id_attribute: rsv_resourceid
primary_name_attribute: rsv_name
ownership_type: OrganizationOwned
columns:
  - {logical_name: rsv_resourceid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: rsv_name, type: String, max_length: 100}
"""
VISIT = """logical_name: rsv_visit
display_name: Visit
entity_set_name: rsv_visits
primary_id_attribute: rsv_visitid
primary_name_attribute: rsv_name
ownership_type: OrganizationOwned
columns:
  - {logical_name: rsv_visitid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: rsv_name, type: String, max_length: 100}
  - {logical_name: rsv_resourceid, schema_name: rsv_ResourceId, type: Lookup, targets: [rsv_resource]}
relationships:
  many_to_one:
    - schema_name: rsv_resource_rsv_visit
      referenced_entity: rsv_resource
      referencing_attribute: rsv_resourceid
      cascade_configuration: {delete: RemoveLink}
@NAMES@  many_to_many:
    - schema_name: rsv_visit_resource
      intersect_entity_name: rsv_visit_resource
      this_table: {logical_name: rsv_visit, intersect_attribute: rsv_visitid@MINE@}
      other_table: {logical_name: rsv_resource, intersect_attribute: rsv_resourceid}
"""
NAMED = (
    "      referencing_entity_navigation_property_name: rsv_Resource\n"
    "      referenced_entity_navigation_property_name: rsv_visits\n"
)


def _visit(names: str = "", mine: str = "") -> str:
    return VISIT.replace("@NAMES@", names).replace("@MINE@", mine)


def _visits(names: str = "", mine: str = "") -> TableSet:
    text = _visit(names, mine)
    tables, _ = resolved(("rsv_visit.yaml", text), ("rsv_resource.yaml", RESOURCE))
    return tables


def test_a_navigation_property_named_where_it_was_left_unstated_is_renamed() -> None:
    """Unstated, the single-valued navigation property is the lookup's name, the collection
    and a many-to-many's collection the schema name: naming them otherwise renames them. A
    many-to-many side no spec names takes the other side's name (``webapi.navs._named_many``),
    so naming ``rsv_visit``'s renames ``rsv_resource``'s too."""
    old = _visits()
    new = _visits(NAMED, ", navigation_property_name: rsv_resources")
    changes = {(c.where, c.old, c.new, c.breaking) for c in diff_sets(old, new)}
    rel = "relationships.many_to_one.rsv_resource_rsv_visit"
    assert changes == {
        (
            f"rsv_visit.{rel}.referencing_entity_navigation_property_name",
            "rsv_resourceid",
            "rsv_Resource",
            True,
        ),
        (
            "rsv_resource.relationships.one_to_many.rsv_resource_rsv_visit."
            "referenced_entity_navigation_property_name",
            "rsv_resource_rsv_visit",
            "rsv_visits",
            True,
        ),
        (
            "rsv_visit.relationships.many_to_many.rsv_visit_resource.this_table."
            "navigation_property_name",
            "rsv_visit_resource",
            "rsv_resources",
            True,
        ),
        (
            "rsv_resource.relationships.many_to_many.rsv_visit_resource.this_table."
            "navigation_property_name",
            "rsv_visit_resource",
            "rsv_resources",
            True,
        ),
    }
    assert {c.rule for c in diff_sets(old, new)} == {"navigation-renamed"}


def test_stating_the_names_dvgen_decides_is_no_change() -> None:
    same = (
        "      referencing_entity_navigation_property_name: rsv_resourceid\n"
        "      referenced_entity_navigation_property_name: rsv_resource_rsv_visit\n"
    )
    stated = _visits(same, ", navigation_property_name: rsv_visit_resource")
    assert diff_sets(_visits(), stated) == []
    assert diff_sets(stated, _visits()) == []


def _navigations(metadata: Path) -> set[str]:
    """The navigation properties of every entity type of a $metadata document, read by XML."""
    import xml.etree.ElementTree as ET

    ns = "{http://docs.oasis-open.org/odata/ns/edm}"
    root = ET.parse(metadata).getroot()
    return {
        f"{entity.get('Name')}.{nav.get('Name')}"
        for entity in root.iter(f"{ns}EntityType")
        for nav in entity.iter(f"{ns}NavigationProperty")
    }


def test_the_gate_stops_a_navigation_property_named_anew(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The $metadata of the two versions name the navigation properties differently: the
    gate says so, where it said nothing."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "rsv_resource.yaml").write_text(RESOURCE, "utf-8")
    (specs / "rsv_visit.yaml").write_text(_visit(), "utf-8")
    assert run(capsys, "generate", "--specs", "specs", "--out", "old", "--no-cache", "-q")[0] == 0
    (specs / "rsv_visit.yaml").write_text(_visit(NAMED), "utf-8")
    argv = ("--specs", "specs", "--out", "new", "--no-cache")
    assert run(capsys, "generate", *argv, "-q")[0] == 0
    gone = _navigations(workdir / "old/odata/metadata.xml") - _navigations(
        workdir / "new/odata/metadata.xml"
    )
    assert gone == {"rsv_visit.rsv_resourceid", "rsv_resource.rsv_resource_rsv_visit"}
    code, out, _ = run(capsys, "check", "--breaking-against", str(workdir / "old/model"), *argv)
    assert code == 1
    assert "navigation-renamed: rsv_visit.relationships.many_to_one.rsv_resource_rsv_visit." in out
    assert 'table = "rsv_resource"\nrule = "navigation-renamed"' in out


# environmentvariablevalue, 2021 -> 2024, beside its definition: the 2021 page states no
# navigation property of its many-to-one, the 2024 page states EnvironmentVariableDefinitionId,
# the name dvgen gives a one-target lookup of a table a solution added (its SchemaName), as
# Microsoft's $metadata has it. No change.

DEFINITION = """---
title: "EnvironmentVariableDefinition table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 10/05/2021
ms.topic: "reference"
---

# EnvironmentVariableDefinition table/entity reference

Contains information about the settable variable: its type, default value, and etc.

**Added by**: Environment Variables Solution

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|environmentvariabledefinitions|
|LogicalName|environmentvariabledefinition|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|environmentvariabledefinitionid|
|PrimaryNameAttribute|schemaname|
|SchemaName|EnvironmentVariableDefinition|

## Writable columns/attributes

- [EnvironmentVariableDefinitionId](#BKMK_EnvironmentVariableDefinitionId)

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
"""
VALUE_2021 = """---
title: "EnvironmentVariableValue table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 10/05/2021
ms.topic: "reference"
---

# EnvironmentVariableValue table/entity reference

Holds the value for the associated EnvironmentVariableDefinition entity.

**Added by**: Environment Variables Solution

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|environmentvariablevalues|
|LogicalName|environmentvariablevalue|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|environmentvariablevalueid|
|PrimaryNameAttribute|schemaname|
|SchemaName|EnvironmentVariableValue|

## Writable columns/attributes

- [EnvironmentVariableDefinitionId](#BKMK_EnvironmentVariableDefinitionId)

### <a name="BKMK_EnvironmentVariableDefinitionId"></a> EnvironmentVariableDefinitionId

|Property|Value|
|--------|-----|
|Description|Unique identifier for Environment Variable Definition associated with Environment Variable Value.|
|DisplayName|Environment Variable Definition|
|IsValidForForm|True|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|environmentvariabledefinitionid|
|RequiredLevel|ApplicationRequired|
|Targets|environmentvariabledefinition|
|Type|Lookup|

## Many-To-One Relationships

- [environmentvariabledefinition_environmentvariablevalue](#BKMK_environmentvariabledefinition_environmentvariablevalue)

### <a name="BKMK_environmentvariabledefinition_environmentvariablevalue"></a> environmentvariabledefinition_environmentvariablevalue

See the [environmentvariabledefinition_environmentvariablevalue](environmentvariabledefinition.md#BKMK_environmentvariabledefinition_environmentvariablevalue) one-to-many relationship for the [environmentvariabledefinition](environmentvariabledefinition.md) table/entity.
"""
VALUE_2024 = """---
title: "Environment Variable Value (EnvironmentVariableValue) table/entity reference (Microsoft Dataverse)"
ms.date: 11/09/2024
ms.service: powerapps
ms.topic: reference
---

# Environment Variable Value (EnvironmentVariableValue) table/entity reference

Holds the value for the associated EnvironmentVariableDefinition entity.

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `EnvironmentVariableValue` |
| **EntitySetName** | `environmentvariablevalues`|
| **LogicalName** | `environmentvariablevalue` |
| **PrimaryIdAttribute** | `environmentvariablevalueid` |
| **PrimaryNameAttribute** |`schemaname` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

- [EnvironmentVariableDefinitionId](#BKMK_EnvironmentVariableDefinitionId)

### <a name="BKMK_EnvironmentVariableDefinitionId"></a> EnvironmentVariableDefinitionId

|Property|Value|
|---|---|
|Description|**Unique identifier for Environment Variable Definition associated with Environment Variable Value.**|
|DisplayName|**Environment Variable Definition**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`environmentvariabledefinitionid`|
|RequiredLevel|ApplicationRequired|
|Type|Lookup|
|Targets|environmentvariabledefinition|

## Many-to-One relationships

- [environmentvariabledefinition_environmentvariablevalue](#BKMK_environmentvariabledefinition_environmentvariablevalue)

### <a name="BKMK_environmentvariabledefinition_environmentvariablevalue"></a> environmentvariabledefinition_environmentvariablevalue

One-To-Many Relationship: [environmentvariabledefinition environmentvariabledefinition_environmentvariablevalue](environmentvariabledefinition.md#BKMK_environmentvariabledefinition_environmentvariablevalue)

|Property|Value|
|---|---|
|ReferencedEntity|`environmentvariabledefinition`|
|ReferencedAttribute|`environmentvariabledefinitionid`|
|ReferencingAttribute|`environmentvariabledefinitionid`|
|ReferencingEntityNavigationPropertyName|`EnvironmentVariableDefinitionId`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `Cascade`<br />Delete: `Cascade`<br />Merge: `NoCascade`<br />Reparent: `Cascade`<br />RollupView: `NoCascade`<br />Share: `Cascade`<br />Unshare: `Cascade`|
"""


def test_a_page_that_comes_to_state_the_name_dvgen_gave_is_no_change() -> None:
    """The definition's one-to-many side states no cascade in either version: the 2024
    page's Delete Cascade is one side's only."""
    old, _ = resolved(("def.md", DEFINITION), ("value.md", VALUE_2021))
    new, _ = resolved(("def.md", DEFINITION), ("value.md", VALUE_2024))
    assert [c.rule for c in diff_sets(old, new)] == ["column-access-added"]


@needs_shared
def test_a_second_activity_joining_the_set_renames_nothing_a_client_names() -> None:
    """With two activities, a fax's own lookups are named as Microsoft's $metadata names them
    (``createdby_fax``, ``regardingobjectid_contact_fax``); ``createdby`` and
    ``regardingobjectid_contact``, inherited from ``activitypointer``, are still the fax's."""
    fax = ("fax.md", (CORPUS / "fax.md").read_text("utf-8"))
    letter = ("letter.md", (CORPUS / "letter.md").read_text("utf-8"))
    alone, _ = resolved(fax)
    both, _ = resolved(fax, letter)
    assert [c.rule for c in diff_sets(alone, both)] == ["table-added"]


# --- real pages whose changes were classified as Dataverse takes them (pinned) ----------------

# customapirequestparameter, 2020 ("Table Properties", "Options") -> 2024: OwnerId moved to the
# read-only columns (a create or update naming it is refused), OwnershipType printed None, and
# the Type choice gained StringArray and Guid.

PARAMETER_2020 = """---
title: "CustomAPIRequestParameter table reference (Common Data Service)| MicrosoftDocs"
ms.date: 11/07/2020
ms.topic: "reference"
---
# CustomAPIRequestParameter table reference

Entity that defines a request parameter for a custom API

## Table Properties

|Property|Value|
|--------|-----|
|EntitySetName|customapirequestparameters|
|LogicalName|customapirequestparameter|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|customapirequestparameterid|
|PrimaryNameAttribute|name|
|SchemaName|CustomAPIRequestParameter|

<a name="writable-attributes"></a>

## Writable Columns

- [OwnerId](#BKMK_OwnerId)
- [Type](#BKMK_Type)

### <a name="BKMK_OwnerId"></a> OwnerId

**Added by**: Active Solution Solution

|Property|Value|
|--------|-----|
|Description|Owner Id|
|DisplayName|Owner|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|ownerid|
|RequiredLevel|SystemRequired|
|Targets|systemuser,team|
|Type|Owner|


### <a name="BKMK_Type"></a> Type

|Property|Value|
|--------|-----|
|Description|The data type of the custom API request parameter|
|DisplayName|Type|
|IsValidForForm|True|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|type|
|RequiredLevel|SystemRequired|
|Type|Picklist|

#### Type Options

|Value|Label|
|-----|-----|
|0|Boolean|
|10|String|
"""
PARAMETER_2024 = """---
title: "Custom API Request Parameter (CustomAPIRequestParameter) table/entity reference (Microsoft Dataverse)"
ms.date: 08/30/2024
ms.service: powerapps
ms.topic: reference
---

# Custom API Request Parameter (CustomAPIRequestParameter) table/entity reference

Entity that defines a request parameter for a custom API

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `CustomAPIRequestParameter` |
| **EntitySetName** | `customapirequestparameters`|
| **LogicalName** | `customapirequestparameter` |
| **PrimaryIdAttribute** | `customapirequestparameterid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `None` |

## Writable columns/attributes

- [Type](#BKMK_Type)

### <a name="BKMK_Type"></a> Type

|Property|Value|
|---|---|
|Description|**The data type of the custom API request parameter**|
|DisplayName|**Type**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`type`|
|RequiredLevel|SystemRequired|
|Type|Picklist|
|DefaultFormValue|0|
|GlobalChoiceName|`customapifieldtype`|

#### Type Choices/Options

|Value|Label|
|---|---|
|0|**Boolean**|
|10|**String**|
|11|**StringArray**|
|12|**Guid**|

## Read-only columns/attributes

- [OwnerId](#BKMK_OwnerId)

### <a name="BKMK_OwnerId"></a> OwnerId

|Property|Value|
|---|---|
|Description|**Owner Id**|
|DisplayName|**Owner**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`ownerid`|
|RequiredLevel|SystemRequired|
|Type|Owner|
|Targets|systemuser, team|
"""


def test_customapirequestparameter_2020_to_2024_is_classified_as_dataverse_takes_it() -> None:
    old, _ = resolved(("customapirequestparameter.md", PARAMETER_2020))
    new, _ = resolved(("customapirequestparameter.md", PARAMETER_2024))
    where = "customapirequestparameter"
    assert _rules(old, new) == {
        (f"{where}.columns.ownerid.valid_for_create", "column-access-removed", True),
        (f"{where}.columns.ownerid.valid_for_update", "column-access-removed", True),
        (f"{where}.columns.type.choices.11", "option-added", False),
        (f"{where}.columns.type.choices.12", "option-added", False),
        # the 2024 page states DefaultFormValue 0 (Boolean), the 2020 page none: the SQL
        # DEFAULT and the JSON Schema default come with it (round 14)
        (f"{where}.columns.type.default_form_value", "facet-changed", False),
        (f"{where}.columns.type.valid_for_update", "column-access-added", False),
        (f"{where}.ownership_type", "facet-changed", False),
    }


# bookableresourcecharacteristic, 2019 -> 2024 (dynamics-365-customer-engagement): Project
# Service Automation's msdyn_supportingrecord, a lookup of the table to itself, is gone with
# both sides of its relationship.

CHARACTERISTIC_2019 = """---
title: "BookableResourceCharacteristic Entity Reference (Dynamics 365 for Customer Engagement)| MicrosoftDocs"
ms.date: 04/02/2019
ms.topic: "reference"
---
# BookableResourceCharacteristic Entity Reference

Associates resources with their characteristics and specifies the proficiency level of a resource for that characteristic.

**Added by**: Scheduling Solution

## Entity Properties

|Property|Value|
|--------|-----|
|EntitySetName|bookableresourcecharacteristics|
|LogicalName|bookableresourcecharacteristic|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|bookableresourcecharacteristicid|
|PrimaryNameAttribute|name|
|SchemaName|BookableResourceCharacteristic|

<a name="writable-attributes"></a>

## Writable attributes

- [BookableResourceCharacteristicId](#BKMK_BookableResourceCharacteristicId)
- [msdyn_supportingrecord](#BKMK_msdyn_supportingrecord)
- [Name](#BKMK_Name)

### <a name="BKMK_BookableResourceCharacteristicId"></a> BookableResourceCharacteristicId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the resource characteristic.|
|DisplayName|Bookable Resource Characteristic|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|bookableresourcecharacteristicid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_msdyn_supportingrecord"></a> msdyn_supportingrecord

**Added by**: Project Service Automation Solution

|Property|Value|
|--------|-----|
|Description||
|DisplayName|Supporting Record|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|msdyn_supportingrecord|
|RequiredLevel|None|
|Targets|bookableresourcecharacteristic|
|Type|Lookup|


### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|Description|Type the name of the association between the resource and characteristic.|
|DisplayName|Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|

<a name="onetomany"></a>

## One-To-Many Relationships

- [msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord](#BKMK_msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord)

### <a name="BKMK_msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord"></a> msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord

**Added by**: Project Service Automation Solution

Same as bookableresourcecharacteristic entity [msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord](bookableresourcecharacteristic.md#BKMK_msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord) Many-To-One relationship.

|Property|Value|
|--------|-----|
|ReferencingEntity|bookableresourcecharacteristic|
|ReferencingAttribute|msdyn_supportingrecord|
|IsHierarchical|False|
|IsCustomizable|True|
|ReferencedEntityNavigationPropertyName|msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord|
|AssociatedMenuConfiguration|Behavior: UseCollectionName<br />Group: Details<br />Label: <br />Order: 10000|
|CascadeConfiguration|Assign: NoCascade<br />Delete: RemoveLink<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|
"""
CHARACTERISTIC_2024 = """---
title: "Bookable Resource Characteristic (BookableResourceCharacteristic) table/entity reference (Microsoft Dynamics 365)"
ms.date: 08/21/2024
ms.service: powerapps
ms.topic: reference
---

# Bookable Resource Characteristic (BookableResourceCharacteristic) table/entity reference

Associates resources with their characteristics and specifies the proficiency level of a resource for that characteristic.

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `BookableResourceCharacteristic` |
| **EntitySetName** | `bookableresourcecharacteristics`|
| **LogicalName** | `bookableresourcecharacteristic` |
| **PrimaryIdAttribute** | `bookableresourcecharacteristicid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

- [BookableResourceCharacteristicId](#BKMK_BookableResourceCharacteristicId)
- [Name](#BKMK_Name)

### <a name="BKMK_BookableResourceCharacteristicId"></a> BookableResourceCharacteristicId

|Property|Value|
|---|---|
|Description|**Unique identifier of the resource characteristic.**|
|DisplayName|**Bookable Resource Characteristic**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`bookableresourcecharacteristicid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Name"></a> Name

|Property|Value|
|---|---|
|Description|**Type the name of the association between the resource and characteristic.**|
|DisplayName|**Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`name`|
|RequiredLevel|None|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|100|
"""
FIRST = "11111111-1111-4111-8111-111111111111"
SECOND = "22222222-2222-4222-8222-222222222222"
SUPPORTED = (
    "INSERT INTO bookableresourcecharacteristic "
    "(bookableresourcecharacteristicid, name, msdyn_supportingrecord) VALUES "
    f"('{FIRST}', 'Welding', NULL), ('{SECOND}', 'Welding, certified', '{FIRST}')"
)


def _characteristic() -> tuple[TableSet, TableSet]:
    old, _ = resolved(("bookableresourcecharacteristic.md", CHARACTERISTIC_2019))
    new, _ = resolved(("bookableresourcecharacteristic.md", CHARACTERISTIC_2024))
    return old, new


def test_a_lookup_of_a_table_to_itself_gone_with_its_relationship_is_breaking() -> None:
    old, new = _characteristic()
    rel = "msdyn_bookableresourcecharacteristic_bookableresourcecharacteristic_supportingrecord"
    # The key is create-only in both: the 2019 page prints IsValidForUpdate False, the 2024
    # layout prints no access flag and the key is create-only on every table
    # (tests/test_parse_unseen41.py); it was reported column-access-added.
    assert _rules(old, new) == {
        ("bookableresourcecharacteristic.columns.msdyn_supportingrecord", "column-removed", True),
        (
            f"bookableresourcecharacteristic.relationships.many_to_one.{rel}",
            "relationship-removed",
            True,
        ),
        (
            f"bookableresourcecharacteristic.relationships.one_to_many.{rel}",
            "relationship-removed",
            True,
        ),
    }


def test_on_sqlite_and_postgres_the_self_lookup_drops_keeping_rows_that_referenced_each_other(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _characteristic()
    sqlite_script = migration_script(old, new, "sqlite", "old")
    assert sqlite_script.destructive == (
        "rebuild table bookableresourcecharacteristic (drop column msdyn_supportingrecord)",
    )
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(SUPPORTED)
    conn.executescript(sqlite_script.text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    query = "SELECT name FROM bookableresourcecharacteristic ORDER BY name"
    assert conn.execute(query).fetchall() == [("Welding",), ("Welding, certified",)]
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as pg:
        pg_schema(pg, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(pg, "fresh")
        pg_schema(pg, "old", render(old, "postgres")[0])
        pg.execute(SUPPORTED)
        pg.execute(migration_script(old, new, "postgres", "old").text)
        pg.execute("SET search_path TO old")
        assert pg_catalog(pg, "old") == fresh
        assert pg.execute(query).fetchall() == [("Welding",), ("Welding, certified",)]


# --- a Precision one version leaves unstated ---------------------------------------------------
#
# The targets hold a Decimal without a Precision to 10 places (the SQL's numeric(22, 10),
# pydantic's JsonNumber) and a Money to 4; a maker who then states Precision 2 narrowed the
# column: the migration narrows numeric(22, 10) to numeric(14, 2), a destructive step, and
# pydantic refuses the third place; the diff said "no change" and the gate let it through
# (a precision stated once was no change). A Double's Precision Dataverse only displays.

PRICE = """logical_name: rsv_price
display_name: Price
entity_set_name: rsv_prices
primary_id_attribute: rsv_priceid
primary_name_attribute: rsv_name
ownership_type: OrganizationOwned
columns:
  - {logical_name: rsv_priceid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: rsv_name, type: String, max_length: 100}
  - {logical_name: rsv_rate, type: Decimal@RATE@}
  - {logical_name: rsv_amount, type: Money@AMOUNT@}
  - {logical_name: rsv_ratio, type: Double@RATIO@}
"""


def _price(rate: str = "", amount: str = "", ratio: str = "") -> TableSet:
    text = PRICE.replace("@RATE@", rate).replace("@AMOUNT@", amount).replace("@RATIO@", ratio)
    tables, _ = resolved(("rsv_price.yaml", text))
    return tables


def test_a_precision_stated_narrower_than_the_unstated_one_narrows() -> None:
    where = "rsv_price.columns"
    changes = _rules(_price(), _price(rate=", precision: 2", amount=", precision: 2"))
    assert changes == {
        (f"{where}.rsv_rate.precision", "precision-narrowed", True),
        (f"{where}.rsv_amount.precision", "precision-narrowed", True),
        (f"{where}.rsv_amount_base.precision", "precision-narrowed", True),
    }
    assert _rules(_price(rate=", precision: 2"), _price()) == {
        (f"{where}.rsv_rate.precision", "precision-widened", True)
    }


def test_a_precision_that_holds_values_to_the_same_places_is_no_change() -> None:
    """Stating the unstated places, a Money's Precision while the currency's decides
    (PrecisionSource 2), or a Double's, which Dataverse only displays."""
    assert diff_sets(_price(), _price(rate=", precision: 10", amount=", precision: 4")) == []
    currency = ", precision_source: 2, precision: "
    for old, new in (
        (_price(amount=currency + "4"), _price(amount=currency + "2")),
        (_price(ratio=", precision: 5"), _price(ratio=", precision: 1")),
    ):
        assert {(c.rule, c.breaking) for c in diff_sets(old, new)} == {("facet-changed", False)}


PRICES = (
    "INSERT INTO rsv_price (rsv_priceid, rsv_name, rsv_rate) VALUES "
    "('11111111-1111-4111-8111-111111111111', 'Day', 12.5), "
    "('22222222-2222-4222-8222-222222222222', 'Night', 7.25)"
)
FINER = (
    "INSERT INTO rsv_price (rsv_priceid, rsv_name, rsv_rate) VALUES "
    "('33333333-3333-4333-8333-333333333333', 'Hour', 0.125)"
)


def test_on_postgres_the_narrowed_precision_keeps_rows_that_fit_and_stops_at_one_that_does_not(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _price(), _price(rate=", precision: 2")
    script = migration_script(old, new, "postgres", "old")
    assert script.destructive == ("rsv_price.rsv_rate: narrow numeric(22, 10) to numeric(14, 2)",)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        pg_schema(conn, "old", render(old, "postgres")[0])
        conn.execute(PRICES)
        conn.execute(FINER)
        with pytest.raises(psycopg.errors.RaiseException, match=r"rsv_price\.rsv_rate"):
            conn.execute(script.text)
        conn.execute("ROLLBACK")
        conn.execute("SET search_path TO old")
        conn.execute("DELETE FROM rsv_price WHERE rsv_name = 'Hour'")
        conn.execute(script.text)
        conn.execute("SET search_path TO old")
        assert pg_catalog(conn, "old") == fresh
        rows = conn.execute("SELECT rsv_name, rsv_rate FROM rsv_price ORDER BY rsv_name")
        assert [(n, str(r)) for n, r in rows.fetchall()] == [("Day", "12.50"), ("Night", "7.25")]


def test_on_sqlite_the_narrowed_precision_migrates_keeping_the_rows() -> None:
    old, new = _price(), _price(rate=", precision: 2")
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute(PRICES)
    conn.executescript(migration_script(old, new, "sqlite", "old").text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    rows = conn.execute("SELECT rsv_name FROM rsv_price ORDER BY rsv_name").fetchall()
    assert rows == [("Day",), ("Night",)]
