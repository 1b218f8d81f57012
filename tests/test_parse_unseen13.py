"""Variations met in a fourteenth round of real pages outside the corpus, run as whole app sets
together (Field Service work order types, incident types, work order incidents and the customer
asset extension of 08/2024 with the Dynamics 365 customer asset page of 2025; the omnichannel
agent script pages of 09/2020; each with the corpus and earlier rounds' pages of the same app),
each as a minimal page written for the test. No reader problem was found; these tests pin what the readers and the
resolver took from the variations met, alone and together."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen.model import Table
from tests.conftest import run
from tests.pages import resolved, table

# Incident Type (Field Service, 08/2024), abridged: a custom action row, a lookup whose column
# is not named after the table it targets, a pair of one-to-many relationships to one table
# told apart by their lookups (one not customizable, both labelled menus) and a many-to-many
# block whose NavigationPropertyName is an empty code span and whose intersect name is cut
# short by Dataverse.
INCIDENT_TYPE = """\
---
ms.date: 08/21/2024
---

# Incident Type (msdyn_incidenttype) table/entity reference

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /msdyn_incidenttypes<br />See [Create](/powerapps/developer/data-platform/webapi/create-entity-web-api) |[Create records](/power-apps/developer/data-platform/org-service/entity-operations-create#basic-create)|
| `msdyn_FieldServiceWorkOrderIncidentCopyAction`<br />Event: False |**msdyn_FieldServiceWorkOrderIncidentCopyAction action** |[Learn to use messages with the SDK for .NET](/power-apps/developer/data-platform/org-service/use-messages)|

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_incidenttype` |
| **EntitySetName** | `msdyn_incidenttypes`|
| **LogicalName** | `msdyn_incidenttype` |
| **PrimaryIdAttribute** | `msdyn_incidenttypeid` |
| **PrimaryNameAttribute** |`msdyn_name` |

## Writable columns/attributes

### <a name="BKMK_msdyn_DefaultWorkOrderType"></a> msdyn_DefaultWorkOrderType

|Property|Value|
|---|---|
|LogicalName|`msdyn_defaultworkordertype`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|msdyn_workordertype|

### <a name="BKMK_msdyn_incidenttypeId"></a> msdyn_incidenttypeId

|Property|Value|
|---|---|
|LogicalName|`msdyn_incidenttypeid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_name"></a> msdyn_name

|Property|Value|
|---|---|
|LogicalName|`msdyn_name`|
|RequiredLevel|ApplicationRequired|
|Type|String|
|MaxLength|100|

## Many-to-One relationships

### <a name="BKMK_msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType"></a> msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType

One-To-Many Relationship: [msdyn_workordertype msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType](msdyn_workordertype.md#BKMK_msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType)

|Property|Value|
|---|---|
|ReferencedEntity|`msdyn_workordertype`|
|ReferencedAttribute|`msdyn_workordertypeid`|
|ReferencingAttribute|`msdyn_defaultworkordertype`|
|ReferencingEntityNavigationPropertyName|`msdyn_defaultworkordertype`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|

## One-to-Many relationships

### <a name="BKMK_msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentType"></a> msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentType

Many-To-One Relationship: [msdyn_incidenttyperecommendationresult msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentType](msdyn_incidenttyperecommendationresult.md#BKMK_msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentType)

|Property|Value|
|---|---|
|ReferencingEntity|`msdyn_incidenttyperecommendationresult`|
|ReferencingAttribute|`msdyn_incidenttype`|
|ReferencedEntityNavigationPropertyName|`msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentType`|
|IsCustomizable|`True`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseLabel`<br />Group: `Details`<br />Label: Incident Type Suggestions<br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|

### <a name="BKMK_msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentTypeForMerge"></a> msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentTypeForMerge

Many-To-One Relationship: [msdyn_incidenttyperecommendationresult msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentTypeForMerge](msdyn_incidenttyperecommendationresult.md#BKMK_msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentTypeForMerge)

|Property|Value|
|---|---|
|ReferencingEntity|`msdyn_incidenttyperecommendationresult`|
|ReferencingAttribute|`msdyn_incidenttypeformerge`|
|ReferencedEntityNavigationPropertyName|`msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentTypeForMerge`|
|IsCustomizable|`False`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseLabel`<br />Group: `Details`<br />Label: Incident Type Merge Suggestions<br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|

## Many-to-Many relationships

### <a name="BKMK_msdyn_incidenttype_knowledgebaserecord"></a> msdyn_incidenttype_knowledgebaserecord

See [knowledgebaserecord msdyn_incidenttype_knowledgebaserecord Many-To-Many Relationship](knowledgebaserecord.md#BKMK_msdyn_incidenttype_knowledgebaserecord)

|Property|Value|
|---|---|
|IntersectEntityName|`msdyn_msdyn_incidenttype_knowledgebaserec`|
|IsCustomizable|True|
|SchemaName|`msdyn_incidenttype_knowledgebaserecord`|
|IntersectAttribute|`msdyn_incidenttypeid`|
|NavigationPropertyName|``|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseCollectionName`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|
"""


# Work Order Type (Field Service, 08/2024), abridged: the one-to-many side of the default work
# order type lookup the incident type page names from its side.
WORK_ORDER_TYPE = """\
# Work Order Type (msdyn_workordertype) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_workordertype` |
| **EntitySetName** | `msdyn_workordertypes`|
| **LogicalName** | `msdyn_workordertype` |
| **PrimaryIdAttribute** | `msdyn_workordertypeid` |

## Writable columns/attributes

### <a name="BKMK_msdyn_workordertypeId"></a> msdyn_workordertypeId

|Property|Value|
|---|---|
|LogicalName|`msdyn_workordertypeid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## One-to-Many relationships

### <a name="BKMK_msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType"></a> msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType

Many-To-One Relationship: [msdyn_incidenttype msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType](msdyn_incidenttype.md#BKMK_msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType)

|Property|Value|
|---|---|
|ReferencingEntity|`msdyn_incidenttype`|
|ReferencingAttribute|`msdyn_defaultworkordertype`|
|ReferencedEntityNavigationPropertyName|`msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType`|
|IsCustomizable|`True`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseCollectionName`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|
"""


# Incident Type Recommendation Result: in the set with no lookup blocks of its own (as an
# abridged or older page): the incident type page's one-to-many relationships name both.
RECOMMENDATION = """\
# Incident Type Recommendation Result (msdyn_incidenttyperecommendationresult) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_incidenttyperecommendationresult` |
| **EntitySetName** | `msdyn_incidenttyperecommendationresults`|
| **LogicalName** | `msdyn_incidenttyperecommendationresult` |
| **PrimaryIdAttribute** | `msdyn_incidenttyperecommendationresultid` |

## Writable columns/attributes

### <a name="BKMK_msdyn_incidenttyperecommendationresultId"></a> msdyn_incidenttyperecommendationresultId

|Property|Value|
|---|---|
|LogicalName|`msdyn_incidenttyperecommendationresultid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_a_custom_action_row_is_a_message_that_is_no_event() -> None:
    """The bold "<name> action" cell, kept as printed, is the Web API operation of a message
    that is no event."""
    spec = table(INCIDENT_TYPE)
    assert [(m.name, m.is_event) for m in spec.messages] == [
        ("Create", True),
        ("msdyn_FieldServiceWorkOrderIncidentCopyAction", False),
    ]
    assert spec.messages[1].web_api_operation == (
        "**msdyn_FieldServiceWorkOrderIncidentCopyAction action**"
    )


def test_an_empty_code_span_is_no_navigation_name_and_a_cut_intersect_name_is_kept() -> None:
    """``NavigationPropertyName|``|`` names nothing; the intersect name is read as printed."""
    (many,) = table(INCIDENT_TYPE).relationships.many_to_many
    assert many.intersect_entity_name == "msdyn_msdyn_incidenttype_knowledgebaserec"
    assert many.this_table.logical_name == "msdyn_incidenttype"
    assert many.this_table.intersect_attribute == "msdyn_incidenttypeid"
    assert many.this_table.navigation_property_name is None
    assert many.other_table.logical_name == "knowledgebaserecord"


def test_a_pair_to_one_table_keeps_its_lookups_labels_and_customizable_flags() -> None:
    """Both one-to-many blocks to the recommendation table stay apart, each with its lookup,
    its menu label and its own IsCustomizable."""
    pair = table(INCIDENT_TYPE).relationships.one_to_many
    assert [(r.referencing_attribute, r.is_customizable) for r in pair] == [
        ("msdyn_incidenttype", True),
        ("msdyn_incidenttypeformerge", False),
    ]
    labels = [
        (m.behavior, m.label, m.order)
        for m in (r.associated_menu_configuration for r in pair)
        if m is not None
    ]
    assert labels == [
        ("UseLabel", "Incident Type Suggestions", 10000),
        ("UseLabel", "Incident Type Merge Suggestions", 10000),
    ]


def _by_name(tables: tuple[Table, ...], name: str) -> Table:
    """The table of that logical name in a resolved set."""
    (found,) = [t for t in tables if t.logical_name == name]
    return found


def test_run_together_each_lookup_refers_to_the_table_its_relationship_names() -> None:
    """The default work order type lookup keeps its own column name and target, and the
    recommendation table gains the two lookups the pair names, each to the incident type."""
    result, warnings = resolved(
        ("msdyn_incidenttype.md", INCIDENT_TYPE),
        ("msdyn_workordertype.md", WORK_ORDER_TYPE),
        ("msdyn_incidenttyperecommendationresult.md", RECOMMENDATION),
    )
    assert warnings == []
    incident_type = _by_name(result.tables, "msdyn_incidenttype")
    (default,) = incident_type.relationships.many_to_one
    assert (default.referencing_attribute, default.referenced_entity) == (
        "msdyn_defaultworkordertype",
        "msdyn_workordertype",
    )
    recommendation = _by_name(result.tables, "msdyn_incidenttyperecommendationresult")
    lookups = {c.logical_name: c.targets for c in recommendation.columns if c.targets}
    assert lookups == {
        "msdyn_incidenttype": ("msdyn_incidenttype",),
        "msdyn_incidenttypeformerge": ("msdyn_incidenttype",),
    }


def test_the_set_generates_foreign_keys_and_partners_that_agree(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end, in SQLite with foreign keys on and in the CSDL: each foreign key references
    the table its relationship names (RemoveLink -> SET NULL), and each navigation property's
    partner points back, the pair to one table kept apart."""
    specs = workdir / "specs"
    specs.mkdir()
    for name, text in (
        ("msdyn_incidenttype", INCIDENT_TYPE),
        ("msdyn_workordertype", WORK_ORDER_TYPE),
        ("msdyn_incidenttyperecommendationresult", RECOMMENDATION),
    ):
        (specs / f"{name}.md").write_text(text, encoding="utf-8")
    for target in (["odata"], ["sql", "--dialect", "sqlite"]):
        code, _, err = run(capsys, "generate", "--target", *target)
        assert code == 0, err
        assert "warning" not in err
    ddl = (workdir / "generated" / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(ddl)
    wot, it, other = (
        "11111111-1111-1111-1111-111111111111",
        "22222222-2222-2222-2222-222222222222",
        "33333333-3333-3333-3333-333333333333",
    )
    db.execute('INSERT INTO "msdyn_workordertype" ("msdyn_workordertypeid") VALUES (?)', (wot,))
    db.execute(
        'INSERT INTO "msdyn_incidenttype" ("msdyn_incidenttypeid", "msdyn_name", '
        '"msdyn_defaultworkordertype") VALUES (?, ?, ?)',
        (it, "Leak", wot),
    )
    db.execute(
        'INSERT INTO "msdyn_incidenttyperecommendationresult" '
        '("msdyn_incidenttyperecommendationresultid", "msdyn_incidenttype", '
        '"msdyn_incidenttypeformerge") VALUES (?, ?, ?)',
        (other, it, it),
    )
    db.commit()
    db.execute('DELETE FROM "msdyn_workordertype"')
    db.commit()
    assert db.execute(
        'SELECT "msdyn_defaultworkordertype" FROM "msdyn_incidenttype"'
    ).fetchone() == (None,)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            'UPDATE "msdyn_incidenttyperecommendationresult" SET "msdyn_incidenttypeformerge" = ?',
            (wot,),
        )
        db.commit()
    xml = (workdir / "generated" / "odata" / "metadata.xml").read_text(encoding="utf-8")
    for single, collection in (
        (
            "msdyn_defaultworkordertype",
            "msdyn_msdyn_workordertype_msdyn_incidenttype_DefaultWorkOrderType",
        ),
        (
            "msdyn_incidenttype",
            "msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentType",
        ),
        (
            "msdyn_incidenttypeformerge",
            "msdyn_msdyn_incidenttype_msdyn_incidenttyperecommendationresult_IncidentTypeForMerge",
        ),
    ):
        assert f'Name="{single}" ' in xml and f'Partner="{collection}"' in xml
        assert f'Name="{collection}" ' in xml and f'Partner="{single}"' in xml


# Customer Asset: the Dynamics 365 page (generated reference, 2025) holds a self relationship
# whose two blocks carry "-many-to-one" / "-one-to-many" anchors; the Field Service page of
# 08/2024 extends that table: a lookup of its own, a changed display name and a changed menu
# label of the self relationship's collection.
ASSET_2025 = """\
---
ms.topic: generated-reference
---

# Customer Asset (msdyn_customerasset) table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_customerasset` |
| **EntitySetName** | `msdyn_customerassets`|
| **LogicalName** | `msdyn_customerasset` |
| **PrimaryIdAttribute** | `msdyn_customerassetid` |

## Writable columns/attributes

### <a name="BKMK_msdyn_customerassetId"></a> msdyn_customerassetId

|Property|Value|
|---|---|
|LogicalName|`msdyn_customerassetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_MasterAsset"></a> msdyn_MasterAsset

|Property|Value|
|---|---|
|Description|**Top level Customer Asset, (if this customer asset is a sub customer asset)**|
|DisplayName|**Master Customer Asset**|
|LogicalName|`msdyn_masterasset`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|msdyn_customerasset|

## Many-to-One relationships

- [msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset](#BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset-many-to-one)

### <a name="BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset-many-to-one"></a> msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset

One-To-Many Relationship: [msdyn_customerasset msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset](#BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset-one-to-many)

|Property|Value|
|---|---|
|ReferencedEntity|`msdyn_customerasset`|
|ReferencedAttribute|`msdyn_customerassetid`|
|ReferencingAttribute|`msdyn_masterasset`|
|ReferencingEntityNavigationPropertyName|`msdyn_masterasset_msdyn_customerasset`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|

## One-to-Many relationships

- [msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset](#BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset-one-to-many)

### <a name="BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset-one-to-many"></a> msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset

Many-To-One Relationship: [msdyn_customerasset msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset](#BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset-many-to-one)

|Property|Value|
|---|---|
|ReferencingEntity|`msdyn_customerasset`|
|ReferencingAttribute|`msdyn_masterasset`|
|ReferencedEntityNavigationPropertyName|`msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset`|
|IsCustomizable|`True`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseLabel`<br />Group: `Details`<br />Label: Items of Top-Level Asset<br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|
"""


ASSET_FIELD_SERVICE_2024 = """\
---
ms.date: 08/21/2024
---

# Customer Asset (msdyn_customerasset) table/entity reference

Specify Customer Asset.

> [!NOTE]
> The Microsoft Dynamics 365 Field Service Customer Asset (msdyn_customerasset) table extends the [Microsoft Dynamics 365 Customer Asset (msdyn_customerasset) table](/dynamics365/developer/entities//msdyn_customerasset).



## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

### <a name="BKMK_msdyn_WorkOrderProduct"></a> msdyn_WorkOrderProduct

|Property|Value|
|---|---|
|Description|**Indicates a link to the Work Order Product from where this Asset was auto created by the system.**|
|DisplayName|**Work Order Product**|
|LogicalName|`msdyn_workorderproduct`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|msdyn_workorderproduct|


## Customized columns/attributes

Microsoft Dynamics 365 Field Service modifies the definition of columns/attributes defined in other solutions. Listed by **SchemaName**.

### <a name="BKMK_msdyn_MasterAsset"></a> msdyn_MasterAsset

Changes from [msdyn_MasterAsset (Microsoft Dynamics 365)](/dynamics365/developer/entities//msdyn_customerasset#BKMK_msdyn_MasterAsset)

|Property|Value|
|---|---|
|DisplayName|**Top-Level Asset**|
|Description|Top-Level Asset, (if this asset is a sub asset)|


## Customized relationships

### Customized One-to-Many relationships

#### <a name="BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset"></a> msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset

Changes from [msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset (Microsoft Dynamics 365)](/dynamics365/developer/entities//msdyn_customerasset#BKMK_msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset)

|Property|Value|
|---|---|
|AssociatedMenuConfiguration|Label: `Items of Master Asset`|
"""


def test_a_2024_extension_changes_a_2025_self_relationship_and_adds_a_lookup() -> None:
    """The extension's display name and menu label win, its lookup joins the table, and the
    self relationship stays one pair: the lookup ``msdyn_masterasset_msdyn_customerasset`` and
    the collection named by the relationship."""
    result, warnings = resolved(
        ("msdyn_customerasset-d365-2025.md", ASSET_2025),
        ("msdyn_customerasset-fieldservice-2024.md", ASSET_FIELD_SERVICE_2024),
    )
    assert warnings == []
    (asset,) = result.tables
    columns = {c.logical_name: c for c in asset.columns}
    assert set(columns) == {"msdyn_customerassetid", "msdyn_masterasset", "msdyn_workorderproduct"}
    master = columns["msdyn_masterasset"]
    assert (master.display_name, master.description) == (
        "Top-Level Asset",
        "Top-Level Asset, (if this asset is a sub asset)",
    )
    assert columns["msdyn_workorderproduct"].targets == ("msdyn_workorderproduct",)
    (many,) = asset.relationships.many_to_one
    (one,) = asset.relationships.one_to_many
    for relationship in (many, one):
        menu = relationship.associated_menu_configuration
        assert menu is not None
        assert (menu.behavior, menu.label) == ("UseLabel", "Items of Master Asset")
        assert (
            relationship.referencing_attribute,
            relationship.referencing_entity_navigation_property_name,
            relationship.referenced_entity_navigation_property_name,
        ) == (
            "msdyn_masterasset",
            "msdyn_masterasset_msdyn_customerasset",
            "msdyn_msdyn_customerasset_msdyn_customerasset_MasterAsset",
        )


# msdyn_agentscript / msdyn_agentscriptstep (omnichannel, 09/2020): the step page names its two
# many-to-one relationships to the script without a body; only the script page's one-to-many
# blocks say which lookup each uses and how a delete cascades.
AGENT_SCRIPT_2020 = """\
# msdyn_agentscript Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|EntitySetName|msdyn_agentscripts|
|LogicalName|msdyn_agentscript|
|PrimaryIdAttribute|msdyn_agentscriptid|
|SchemaName|msdyn_agentscript|

## Writable attributes

### <a name="BKMK_msdyn_agentscriptId"></a> msdyn_agentscriptId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_agentscriptid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## One-To-Many Relationships

Listed by **SchemaName**.

### <a name="BKMK_msdyn_msdyn_agentscript_msdyn_agentscriptstep"></a> msdyn_msdyn_agentscript_msdyn_agentscriptstep

Same as msdyn_agentscriptstep entity [msdyn_msdyn_agentscript_msdyn_agentscriptstep](msdyn_agentscriptstep.md#BKMK_msdyn_msdyn_agentscript_msdyn_agentscriptstep) Many-To-One relationship.

|Property|Value|
|--------|-----|
|ReferencingEntity|msdyn_agentscriptstep|
|ReferencingAttribute|msdyn_agentscriptid|
|IsHierarchical|False|
|IsCustomizable|False|
|ReferencedEntityNavigationPropertyName|msdyn_msdyn_agentscript_msdyn_agentscriptstep|
|AssociatedMenuConfiguration|Behavior: UseCollectionName<br />Group: Details<br />Label: <br />Order: 10000|
|CascadeConfiguration|Assign: NoCascade<br />Delete: Cascade<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|


### <a name="BKMK_msdyn_msdyn_agentscript_routeaction"></a> msdyn_msdyn_agentscript_routeaction

Same as msdyn_agentscriptstep entity [msdyn_msdyn_agentscript_routeaction](msdyn_agentscriptstep.md#BKMK_msdyn_msdyn_agentscript_routeaction) Many-To-One relationship.

|Property|Value|
|--------|-----|
|ReferencingEntity|msdyn_agentscriptstep|
|ReferencingAttribute|msdyn_routeactionid|
|IsHierarchical|False|
|IsCustomizable|False|
|ReferencedEntityNavigationPropertyName|msdyn_msdyn_agentscript_routeaction|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: 10000|
|CascadeConfiguration|Assign: NoCascade<br />Delete: RemoveLink<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|
"""


AGENT_SCRIPT_STEP_2020 = """\
# msdyn_agentscriptstep Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|EntitySetName|msdyn_agentscriptsteps|
|LogicalName|msdyn_agentscriptstep|
|PrimaryIdAttribute|msdyn_agentscriptstepid|
|SchemaName|msdyn_agentscriptstep|

## Writable attributes

### <a name="BKMK_msdyn_AgentScriptId"></a> msdyn_AgentScriptId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_agentscriptid|
|RequiredLevel|None|
|Targets|msdyn_agentscript|
|Type|Lookup|

### <a name="BKMK_msdyn_agentscriptstepId"></a> msdyn_agentscriptstepId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_agentscriptstepid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_RouteActionId"></a> msdyn_RouteActionId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_routeactionid|
|RequiredLevel|None|
|Targets|msdyn_agentscript|
|Type|Lookup|

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related entity. Listed by **SchemaName**.

### <a name="BKMK_msdyn_msdyn_agentscript_msdyn_agentscriptstep"></a> msdyn_msdyn_agentscript_msdyn_agentscriptstep

See msdyn_agentscript Entity [msdyn_msdyn_agentscript_msdyn_agentscriptstep](msdyn_agentscript.md#BKMK_msdyn_msdyn_agentscript_msdyn_agentscriptstep) One-To-Many relationship.

### <a name="BKMK_msdyn_msdyn_agentscript_routeaction"></a> msdyn_msdyn_agentscript_routeaction

See msdyn_agentscript Entity [msdyn_msdyn_agentscript_routeaction](msdyn_agentscript.md#BKMK_msdyn_msdyn_agentscript_routeaction) One-To-Many relationship.
"""


def test_two_bodyless_relationships_to_one_table_take_their_lookups_from_the_other_page(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run together, each bodyless many-to-one gets its own lookup and cascade; in SQLite,
    deleting the script deletes the step that belongs to it and clears the other step's
    target script."""
    result, warnings = resolved(
        ("msdyn_agentscript.md", AGENT_SCRIPT_2020),
        ("msdyn_agentscriptstep.md", AGENT_SCRIPT_STEP_2020),
    )
    assert warnings == []
    step = _by_name(result.tables, "msdyn_agentscriptstep")
    assert [
        (
            r.schema_name,
            r.referencing_attribute,
            r.cascade_configuration.delete if r.cascade_configuration else None,
        )
        for r in step.relationships.many_to_one
    ] == [
        ("msdyn_msdyn_agentscript_msdyn_agentscriptstep", "msdyn_agentscriptid", "Cascade"),
        ("msdyn_msdyn_agentscript_routeaction", "msdyn_routeactionid", "RemoveLink"),
    ]
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "msdyn_agentscript.md").write_text(AGENT_SCRIPT_2020, encoding="utf-8")
    (specs / "msdyn_agentscriptstep.md").write_text(AGENT_SCRIPT_STEP_2020, encoding="utf-8")
    code, _, err = run(capsys, "generate", "--target", "sql", "--dialect", "sqlite")
    assert code == 0, err
    ddl = (workdir / "generated" / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(ddl)
    script, other = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"
    db.executemany(
        'INSERT INTO "msdyn_agentscript" ("msdyn_agentscriptid") VALUES (?)', [(script,), (other,)]
    )
    db.executemany(
        'INSERT INTO "msdyn_agentscriptstep" ("msdyn_agentscriptstepid", "msdyn_agentscriptid", '
        '"msdyn_routeactionid") VALUES (?, ?, ?)',
        [
            ("33333333-3333-3333-3333-333333333333", script, other),
            ("44444444-4444-4444-4444-444444444444", other, script),
        ],
    )
    db.commit()
    db.execute('DELETE FROM "msdyn_agentscript" WHERE "msdyn_agentscriptid" = ?', (script,))
    db.commit()
    assert db.execute(
        'SELECT "msdyn_agentscriptstepid", "msdyn_agentscriptid", "msdyn_routeactionid" '
        'FROM "msdyn_agentscriptstep"'
    ).fetchall() == [("44444444-4444-4444-4444-444444444444", other, None)]


# Functional Location: the Field Service page of 08/2024 names the table it extends by its
# SchemaName (msdyn_FunctionalLocation), adds a column, raises a column's RequiredLevel only, and
# changes only the Delete cascade of a many-to-one relationship of the Dynamics 365 page.
LOCATION_2025 = """\
# Functional Location (msdyn_FunctionalLocation) table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_FunctionalLocation` |
| **EntitySetName** | `msdyn_functionallocations`|
| **LogicalName** | `msdyn_functionallocation` |
| **PrimaryIdAttribute** | `msdyn_functionallocationid` |

## Writable columns/attributes

### <a name="BKMK_msdyn_FunctionalLocationId"></a> msdyn_FunctionalLocationId

|Property|Value|
|---|---|
|LogicalName|`msdyn_functionallocationid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_FunctionalLocationType"></a> msdyn_FunctionalLocationType

|Property|Value|
|---|---|
|LogicalName|`msdyn_functionallocationtype`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|msdyn_functionallocationtype|

### <a name="BKMK_msdyn_Name"></a> msdyn_Name

|Property|Value|
|---|---|
|LogicalName|`msdyn_name`|
|RequiredLevel|Recommended|
|Type|String|
|MaxLength|60|

## Many-to-One relationships

### <a name="BKMK_msdyn_FunctionalLocation_FunctionalLocationTyp"></a> msdyn_FunctionalLocation_FunctionalLocationTyp

One-To-Many Relationship: [msdyn_functionallocationtype msdyn_FunctionalLocation_FunctionalLocationTyp](msdyn_functionallocationtype.md#BKMK_msdyn_FunctionalLocation_FunctionalLocationTyp)

|Property|Value|
|---|---|
|ReferencedEntity|`msdyn_functionallocationtype`|
|ReferencedAttribute|`msdyn_functionallocationtypeid`|
|ReferencingAttribute|`msdyn_functionallocationtype`|
|ReferencingEntityNavigationPropertyName|`msdyn_FunctionalLocationType`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|
"""

LOCATION_TYPE = """\
# Functional Location Type (msdyn_functionallocationtype) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_functionallocationtype` |
| **EntitySetName** | `msdyn_functionallocationtypes`|
| **LogicalName** | `msdyn_functionallocationtype` |
| **PrimaryIdAttribute** | `msdyn_functionallocationtypeid` |

## Writable columns/attributes

### <a name="BKMK_msdyn_functionallocationtypeId"></a> msdyn_functionallocationtypeId

|Property|Value|
|---|---|
|LogicalName|`msdyn_functionallocationtypeid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

LOCATION_FIELD_SERVICE_2024 = """\
---
title: "Functional Location (msdyn_FunctionalLocation) table/entity reference (Microsoft Dynamics 365 Field Service)"
ms.date: 08/21/2024
---

# Functional Location (msdyn_FunctionalLocation) table/entity reference



> [!NOTE]
> The Microsoft Dynamics 365 Field Service Functional Location (msdyn_FunctionalLocation) table extends the [Microsoft Dynamics 365 Functional Location (msdyn_FunctionalLocation) table](/dynamics365/developer/entities//msdyn_functionallocation).



## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [msdyn_City](#BKMK_msdyn_City)

### <a name="BKMK_msdyn_City"></a> msdyn_City

|Property|Value|
|---|---|
|Description|**City**|
|DisplayName|**City**|
|LogicalName|`msdyn_city`|
|RequiredLevel|None|
|Type|String|
|MaxLength|80|


## Customized columns/attributes

Microsoft Dynamics 365 Field Service modifies the definition of columns/attributes defined in other solutions. Listed by **SchemaName**.

### <a name="BKMK_msdyn_Name"></a> msdyn_Name

Changes from [msdyn_Name (Microsoft Dynamics 365)](/dynamics365/developer/entities//msdyn_functionallocation#BKMK_msdyn_Name)

|Property|Value|
|---|---|
|RequiredLevel|ApplicationRequired|


## Customized relationships

### Customized Many-to-One relationships

#### <a name="BKMK_msdyn_FunctionalLocation_FunctionalLocationTyp"></a> msdyn_FunctionalLocation_FunctionalLocationTyp

Changes from [msdyn_FunctionalLocation_FunctionalLocationTyp (Microsoft Dynamics 365)](/dynamics365/developer/entities//msdyn_functionallocation#BKMK_msdyn_FunctionalLocation_FunctionalLocationTyp)

|Property|Value|
|---|---|
|CascadeConfiguration|Delete: `Restrict`|
"""


def test_an_extension_named_by_schema_name_changes_only_what_it_lists(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The extension finds ``msdyn_functionallocation`` though its title says
    ``msdyn_FunctionalLocation``; its column joins, ``msdyn_name`` becomes ApplicationRequired
    and the relationship's Delete becomes Restrict, its other cascades kept. In SQLite a type
    still used by a location can then not be deleted."""
    result, warnings = resolved(
        ("msdyn_functionallocation-d365-2025.md", LOCATION_2025),
        ("msdyn_functionallocationtype.md", LOCATION_TYPE),
        ("msdyn_functionallocation-fieldservice-2024.md", LOCATION_FIELD_SERVICE_2024),
    )
    assert warnings == []
    location = _by_name(result.tables, "msdyn_functionallocation")
    columns = {c.logical_name: c for c in location.columns}
    assert "msdyn_city" in columns
    assert columns["msdyn_name"].required_level == "ApplicationRequired"
    assert columns["msdyn_name"].max_length == 60
    (relationship,) = location.relationships.many_to_one
    cascade = relationship.cascade_configuration
    assert cascade is not None
    assert (cascade.delete, cascade.archive, cascade.merge) == (
        "Restrict",
        "NoCascade",
        "NoCascade",
    )
    specs = workdir / "specs"
    specs.mkdir()
    for name, text in (
        ("msdyn_functionallocation-d365-2025", LOCATION_2025),
        ("msdyn_functionallocationtype", LOCATION_TYPE),
        ("msdyn_functionallocation-fieldservice-2024", LOCATION_FIELD_SERVICE_2024),
    ):
        (specs / f"{name}.md").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "generate", "--target", "sql", "--dialect", "sqlite")
    assert code == 0, err
    assert "warning" not in err
    ddl = (workdir / "generated" / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(ddl)
    kind, place = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"
    db.execute(
        'INSERT INTO "msdyn_functionallocationtype" ("msdyn_functionallocationtypeid") VALUES (?)',
        (kind,),
    )
    db.execute(
        'INSERT INTO "msdyn_functionallocation" ("msdyn_functionallocationid", "msdyn_name", '
        '"msdyn_functionallocationtype") VALUES (?, ?, ?)',
        (place, "Plant", kind),
    )
    db.commit()
    with pytest.raises(sqlite3.IntegrityError):
        db.execute('DELETE FROM "msdyn_functionallocationtype"')
        db.commit()
