"""Variations met in a twenty-sixth round of real pages outside the corpus, the random draw of
rounds 15 to 24 continued (seed 15; 12 pages: powerapps-docs table pages of 2023 and of the
generated reference, Dynamics 365 Customer Engagement generated pages, three of them extension
pages), each page run alone and with the corpus. No fault found; the readings met for the first
time are pinned here, each on a minimal page written for it."""

from __future__ import annotations

import sqlite3

from dvgen.model import ColumnType, OwnershipType, Table
from tests.pages import resolved
from tests.test_odata_support import render_set as render_odata
from tests.test_sql_support import render as render_sql

CASCADE = (
    "Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `Cascade`<br />Merge: "
    "`NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: "
    "`NoCascade`<br />Unshare: `NoCascade`"
)
MENU = (
    "AvailableOffline: True<br />Behavior: `UseCollectionName`<br />Group: `Details`<br />"
    "Label: <br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />"
    "ViewId: `00000000-0000-0000-0000-000000000000`"
)


def _column(schema: str, kind: str, extra: str = "", required: str = "None") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|LogicalName|`{schema.lower()}`|\n|RequiredLevel|{required}|\n|Type|{kind}|\n{extra}\n"
    )


def _front(name: str, schema: str, ownership: str) -> str:
    logical = schema.lower()
    return (
        f"---\nms.topic: reference\n---\n\n# {name} table/entity reference (Microsoft Dataverse)"
        "\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **SchemaName** | `{schema}` |\n| **EntitySetName** | `{logical}s`|\n"
        f"| **LogicalName** | `{logical}` |\n| **PrimaryIdAttribute** | `{logical}id` |\n"
        f"| **TableType** | `Standard` |\n| **OwnershipType** | `{ownership}` |\n\n"
        "## Writable columns/attributes\n\n" + _column(f"{schema}Id", "Uniqueidentifier")
    )


# Process Stage (ProcessStage, powerapps-docs generated reference): a table of OwnershipType
# None whose read-only columns still list an Owner column and an OwningBusinessUnit typed
# Uniqueidentifier (no lookup, no relationship), and whose self relationship
# processstage_parentprocessstage is in both sections under anchors suffixed -many-to-one and
# -one-to-many, its single-valued navigation property `ParentProcessStageId` cased unlike its
# column `parentprocessstageid`.
NAME = "processstage_parentprocessstage"
STAGE = (
    _front("Process Stage (ProcessStage)", "ProcessStage", "None")
    + _column("ParentProcessStageId", "Lookup", "|Targets|processstage|\n", "ApplicationRequired")
    + "\n## Read-only columns/attributes\n\n"
    + _column("OwnerId", "Owner", "|Targets|systemuser, team|\n", "ApplicationRequired")
    + _column("OwningBusinessUnit", "Uniqueidentifier", required="ApplicationRequired")
    + "## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
    f"**SchemaName**.\n\n- [{NAME}](#BKMK_{NAME}-many-to-one)\n\n"
    f'### <a name="BKMK_{NAME}-many-to-one"></a> {NAME}\n\n'
    f"One-To-Many Relationship: [processstage {NAME}](#BKMK_{NAME}-one-to-many)\n\n"
    "|Property|Value|\n|---|---|\n|ReferencedEntity|`processstage`|\n"
    "|ReferencedAttribute|`processstageid`|\n|ReferencingAttribute|`parentprocessstageid`|\n"
    "|ReferencingEntityNavigationPropertyName|`ParentProcessStageId`|\n|IsHierarchical||\n"
    f"|CascadeConfiguration|{CASCADE}|\n\n\n"
    "## One-to-Many relationships\n\nThese relationships are one-to-many. Listed by "
    f"**SchemaName**.\n\n- [{NAME}](#BKMK_{NAME}-one-to-many)\n\n"
    f'### <a name="BKMK_{NAME}-one-to-many"></a> {NAME}\n\n'
    f"Many-To-One Relationship: [processstage {NAME}](#BKMK_{NAME}-many-to-one)\n\n"
    "|Property|Value|\n|---|---|\n|ReferencingEntity|`processstage`|\n"
    "|ReferencingAttribute|`parentprocessstageid`|\n"
    f"|ReferencedEntityNavigationPropertyName|`{NAME}`|\n|IsCustomizable|`False`|\n"
    f"|AssociatedMenuConfiguration|{MENU}|\n"
)
UNIT = _front("Business Unit (BusinessUnit)", "BusinessUnit", "BusinessOwned")


def _stage() -> tuple[Table, str, str]:
    """The stage page with a business unit page beside it: the table, its CSDL and SQLite DDL."""
    tables, warnings = resolved(("processstage.md", STAGE), ("businessunit.md", UNIT))
    assert warnings == []
    stage = tables.get("processstage")
    assert stage is not None
    csdl = render_odata(tables).text
    sql, _ = render_sql(tables, "sqlite")
    return stage, csdl, sql


def test_a_self_relationship_keeps_its_navigation_property_cased_unlike_its_column() -> None:
    stage, csdl, sql = _stage()
    (many,) = [r for r in stage.relationships.many_to_one if r.schema_name == NAME]
    (one,) = [r for r in stage.relationships.one_to_many if r.schema_name == NAME]
    assert (many.referenced_entity, many.referencing_attribute) == (
        "processstage",
        "parentprocessstageid",
    )
    assert many.referencing_entity_navigation_property_name == "ParentProcessStageId"
    assert (one.referencing_entity, one.referenced_entity_navigation_property_name) == (
        "processstage",
        NAME,
    )
    single = '<NavigationProperty Name="ParentProcessStageId" Type="mscrm.processstage"'
    assert single in csdl
    assert f'Partner="{NAME}"' in csdl
    collection = (
        f'<NavigationProperty Name="{NAME}" Type="Collection(mscrm.processstage)" '
        'Partner="ParentProcessStageId"/>'
    )
    assert collection in csdl
    db = sqlite3.connect(":memory:")
    db.executescript(sql)
    keys = {(row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(processstage)")}
    assert ("parentprocessstageid", "processstage") in keys


def test_a_table_owned_by_none_keeps_its_owner_and_business_unit_columns_as_stated() -> None:
    stage, _, sql = _stage()
    assert stage.ownership_type is OwnershipType.NONE
    columns = {c.logical_name: c for c in stage.columns}
    owner = columns["ownerid"]
    assert (owner.type, owner.targets, owner.valid_for_create) == (
        ColumnType.OWNER,
        ("systemuser", "team"),
        False,
    )
    assert columns["owningbusinessunit"].type is ColumnType.UNIQUEIDENTIFIER
    db = sqlite3.connect(":memory:")
    db.executescript(sql)
    keys = {(row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(processstage)")}
    assert not any(column == "owningbusinessunit" for column, _ in keys)
    names = {row[1] for row in db.execute("PRAGMA table_info(processstage)")}
    assert {"ownerid", "owningbusinessunit"} <= names
