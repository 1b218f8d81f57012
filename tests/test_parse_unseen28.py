"""Variations met in a twenty-eighth round of real pages outside the corpus, drawn at random (seed
28) from the table pages that powerapps-docs' current table of contents lists (16 pages: generated
reference pages of 2024 and 2025, two of them virtual tables, one with a File column; 2023 pages
with an Image column, a three-state status and empty lookup targets; a 2021 fiscal calendar of
OwnershipType None with Money columns), then four more from further down the same order (a 2023
solutioncomponent and entityrecordfilter, an intersect table, a calendar rule with two lookups
to one table). Each page was run alone, with the corpus, and all together with the corpus,
through every target and the real tools (sqlite3, PostgreSQL 15, sqlglot, the OASIS CSDL XSD, the
2020-12 metaschema, the pydantic package on a record); navigation names were compared with
Microsoft's own published typings of flowcapacityassignment and solutioncomponent.

No fault was found. These tests pin, on minimal pages written for the test, what the readers and
targets took from the three variations that no earlier test held."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from dvgen.model import ColumnType, Table
from tests.pages import resolved
from tests.test_jsonschema_validators import render_schemas
from tests.test_odata_support import render_set as render_odata
from tests.test_sql_support import render as render_sql

NO_CASCADE = (
    "Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `NoCascade`<br />Merge: "
    "`NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: "
    "`NoCascade`<br />Unshare: `NoCascade`"
)
CASCADE = (
    "Archive: `Cascade`<br />Assign: `Cascade`<br />Delete: `Cascade`<br />Merge: `NoCascade`"
    "<br />Reparent: `Cascade`<br />RollupView: `NoCascade`<br />Share: `Cascade`<br />Unshare: "
    "`Cascade`"
)


def _column(schema: str, kind: str, extra: str = "", required: str = "None") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|LogicalName|`{schema.lower()}`|\n|RequiredLevel|{required}|\n|Type|{kind}|\n{extra}\n"
    )


def _front(schema: str) -> str:
    return (
        f"---\nms.topic: reference\n---\n\n# {schema} table/entity reference (Microsoft Dataverse)"
        "\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **SchemaName** | `{schema}` |\n| **EntitySetName** | `{schema}s`|\n"
        f"| **LogicalName** | `{schema}` |\n| **PrimaryIdAttribute** | `{schema}id` |\n"
        "| **TableType** | `Standard` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
        "## Writable columns/attributes\n\n" + _column(f"{schema}Id", "Uniqueidentifier")
    )


def _many_to_one(name: str, target: str, navigation: str, cascade: str) -> str:
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\n'
        f"One-To-Many Relationship: [{target} {name}]({target}.md#BKMK_{name})\n\n"
        f"|Property|Value|\n|---|---|\n|ReferencedEntity|`{target}`|\n"
        f"|ReferencedAttribute|`{target}id`|\n|ReferencingAttribute|`regarding`|\n"
        f"|ReferencingEntityNavigationPropertyName|`{navigation}`|\n|IsHierarchical||\n"
        f"|CascadeConfiguration|{cascade}|\n\n"
    )


# Flow Capacity Assignment (flowcapacityassignment, generated reference): a polymorphic lookup
# that is not called regardingobjectid but `regarding`, its type in an EntityName column
# `regardingIdType`, one relationship per target whose single-valued navigation property is
# named `regarding_<target>`. One of the targets, flowmachinegroup, is in the set.
TARGETS = ("flowmachine", "flowmachinegroup", "workflow")
ASSIGNMENT = (
    _front("flowcapacityassignment")
    + _column("regarding", "Lookup", "|Targets|flowmachine, flowmachinegroup, workflow|\n")
    + _column("regardingIdType", "EntityName")
    + "\n## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
    "**SchemaName**.\n\n"
    + "".join(
        _many_to_one(f"flowcapacityassignment_{t}", t, f"regarding_{t}", CASCADE) for t in TARGETS
    )
)
GROUP = _front("flowmachinegroup")


def _assignment() -> tuple[Table, str, str, dict[str, Any]]:
    tables, warnings = resolved(
        ("flowcapacityassignment.md", ASSIGNMENT), ("flowmachinegroup.md", GROUP)
    )
    assert warnings == []
    table = tables.get("flowcapacityassignment")
    assert table is not None
    csdl = render_odata(tables).text
    sql, _ = render_sql(tables, "sqlite")
    schema = render_schemas(tables)["flowcapacityassignment.schema.json"]
    return table, csdl, sql, schema


def test_a_polymorphic_lookup_named_regarding_keeps_one_navigation_per_target() -> None:
    table, csdl, _, schema = _assignment()
    columns = {c.logical_name: c for c in table.columns}
    assert (columns["regarding"].type, columns["regarding"].targets) == (ColumnType.LOOKUP, TARGETS)
    assert columns["regardingidtype"].type is ColumnType.ENTITY_NAME
    navigations = {
        r.referenced_entity: r.referencing_entity_navigation_property_name
        for r in table.relationships.many_to_one
    }
    assert navigations == {t: f"regarding_{t}" for t in TARGETS}
    for target in TARGETS:
        assert (
            f'<NavigationProperty Name="regarding_{target}" Type="mscrm.{target}" '
            in csdl.replace('Nullable="false" ', "")
        )
    group = '<NavigationProperty Name="flowcapacityassignment_flowmachinegroup" '
    assert f'{group}Type="Collection(mscrm.flowcapacityassignment)" Partner="regarding_' in csdl
    assert '<Property Name="_regarding_value" Type="Edm.Guid"' in csdl
    assert 'Name="regardingidtype"' not in csdl
    properties = schema["properties"]
    assert properties["_regarding_value"]["x-dataverse-targets"] == list(TARGETS)
    assert "regardingidtype" not in properties


def test_a_polymorphic_lookup_named_regarding_gets_no_foreign_key_in_sql() -> None:
    _, _, sql, _ = _assignment()
    db = sqlite3.connect(":memory:")
    db.executescript(sql)
    keys = {row[3] for row in db.execute("PRAGMA foreign_key_list(flowcapacityassignment)")}
    assert "regarding" not in keys
    names = {row[1] for row in db.execute("PRAGMA table_info(flowcapacityassignment)")}
    assert {"regarding", "regardingidtype"} <= names


# flowmachinegroup (2023 page, G1 property tables): a State column of three states whose
# Status reasons are not in state order: reason 4 (KeyExpired) belongs to state 1 and reason 5
# (HmgIslandMove) to state 2, after reason 3 of state 2.
G1_STATUS = """\
---
title: "flowmachinegroup table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
---

# flowmachinegroup table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|flowmachinegroups|
|LogicalName|flowmachinegroup|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|flowmachinegroupid|
|SchemaName|flowmachinegroup|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [flowmachinegroupId](#BKMK_flowmachinegroupId)
- [statecode](#BKMK_statecode)
- [statuscode](#BKMK_statuscode)


### <a name="BKMK_flowmachinegroupId"></a> flowmachinegroupId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|flowmachinegroupid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_statecode"></a> statecode

|Property|Value|
|--------|-----|
|Description|Status of the Flow Machine Group|
|DisplayName|Status|
|IsValidForCreate|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|statecode|
|RequiredLevel|SystemRequired|
|Type|State|

#### statecode Choices/Options

|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Active|1|Active|
|1|Inactive|2|Inactive|
|2|Maintenance|3|Maintenance|



### <a name="BKMK_statuscode"></a> statuscode

|Property|Value|
|--------|-----|
|Description|Reason for the status of the Flow Machine Group|
|DisplayName|Status Reason|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|statuscode|
|RequiredLevel|None|
|Type|Status|

#### statuscode Choices/Options

|Value|Label|State|
|-----|-----|-----|
|1|Active|0|
|2|Inactive|1|
|3|ManualMaintenance|2|
|4|KeyExpired|1|
|5|HmgIslandMove|2|

"""


@pytest.mark.parametrize(
    ("state", "reason", "accepted"),
    [(0, 1, True), (1, 2, True), (1, 4, True), (2, 3, True), (2, 5, True), (0, 4, False),
     (1, 3, False), (2, 4, False)],
)  # fmt: skip
def test_three_states_keep_the_reasons_the_page_gives_each(
    state: int, reason: int, accepted: bool
) -> None:
    tables, warnings = resolved(("flowmachinegroup.md", G1_STATUS))
    assert warnings == []
    table = tables.get("flowmachinegroup")
    assert table is not None
    columns = {c.logical_name: c for c in table.columns}
    states = columns["statecode"]
    assert [(c.value, c.default_status) for c in states.choices] == [(0, 1), (1, 2), (2, 3)]
    assert states.valid_for_create is False
    assert {c.value: c.state for c in columns["statuscode"].choices} == {
        1: 0,
        2: 1,
        3: 2,
        4: 1,
        5: 2,
    }
    sql, _ = render_sql(tables, "sqlite")
    db = sqlite3.connect(":memory:")
    db.executescript(sql)
    insert = 'INSERT INTO "flowmachinegroup" ("statecode", "statuscode") VALUES (?, ?)'
    if accepted:
        db.execute(insert, (state, reason))
    else:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(insert, (state, reason))


# SolutionComponent (2023 page, G1): no writable section; RootSolutionComponentId is typed
# Uniqueidentifier, not Lookup, yet a relationship of the table to itself names it, in the
# one-to-many section (with its collection's name) and the many-to-one one ("See the ..."; no
# navigation name). Microsoft's own typings of the table name the single-valued navigation
# `rootsolutioncomponentid_solutioncomponent` and keep the column as a plain Guid property.
SELF = "solutioncomponent_parent_solutioncomponent"
LINK = f"[{SELF}](solutioncomponent.md#BKMK_{SELF})"
TABLE = "[solutioncomponent](solutioncomponent.md) table/entity."
SAME = f"Same as the {LINK} many-to-one relationship for the {TABLE}"
SEE = f"See the {LINK} one-to-many relationship for the {TABLE}"
G1_CASCADE = (
    "Assign: Cascade<br />Delete: Cascade<br />Merge: NoCascade<br />Reparent: Cascade<br />"
    "Share: Cascade<br />Unshare: Cascade"
)
COMPONENT = f"""\
---
title: "SolutionComponent table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 03/07/2023
---

# SolutionComponent table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|solutioncomponents|
|LogicalCollectionName|solutioncomponentss|
|LogicalName|solutioncomponent|
|OwnershipType|None|
|PrimaryIdAttribute|solutioncomponentid|
|PrimaryNameAttribute||
|SchemaName|SolutionComponent|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [RootSolutionComponentId](#BKMK_RootSolutionComponentId)
- [SolutionComponentId](#BKMK_SolutionComponentId)


### <a name="BKMK_RootSolutionComponentId"></a> RootSolutionComponentId

|Property|Value|
|--------|-----|
|Description|The parent ID of the subcomponent, which will be a root|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|rootsolutioncomponentid|
|RequiredLevel|None|
|Type|Uniqueidentifier|


### <a name="BKMK_SolutionComponentId"></a> SolutionComponentId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the solution component.|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|solutioncomponentid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.


### <a name="BKMK_{SELF}"></a> {SELF}

{SAME}

|Property|Value|
|--------|-----|
|ReferencingEntity|solutioncomponent|
|ReferencingAttribute|rootsolutioncomponentid|
|IsHierarchical|False|
|IsCustomizable|False|
|ReferencedEntityNavigationPropertyName|{SELF}|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |
|CascadeConfiguration|{G1_CASCADE}|

<a name="manytoone"></a>

## Many-To-One Relationships

- [{SELF}](#BKMK_{SELF})


### <a name="BKMK_{SELF}"></a> {SELF}

{SEE}
"""


def test_a_self_relationship_on_a_guid_column_is_navigable_as_microsoft_names_it() -> None:
    tables, warnings = resolved(("solutioncomponent.md", COMPONENT))
    assert warnings == []
    table = tables.get("solutioncomponent")
    assert table is not None
    column = {c.logical_name: c for c in table.columns}["rootsolutioncomponentid"]
    assert column.type is ColumnType.UNIQUEIDENTIFIER
    csdl = render_odata(tables).text.replace('Nullable="false" ', "")
    single = (
        '<NavigationProperty Name="rootsolutioncomponentid_solutioncomponent" '
        f'Type="mscrm.solutioncomponent" Partner="{SELF}"'
    )
    assert single in csdl
    collection = (
        f'<NavigationProperty Name="{SELF}" Type="Collection(mscrm.solutioncomponent)" '
        'Partner="rootsolutioncomponentid_solutioncomponent"'
    )
    assert collection in csdl
    assert '<Property Name="rootsolutioncomponentid" Type="Edm.Guid"' in csdl
    assert "_rootsolutioncomponentid_value" not in csdl
    sql, _ = render_sql(tables, "sqlite")
    db = sqlite3.connect(":memory:")
    db.executescript(sql)
    assert list(db.execute("PRAGMA foreign_key_list(solutioncomponent)")) == []
