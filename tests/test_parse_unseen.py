"""Variations met in real reference pages outside the corpus (2017-2025 generations and the
Dynamics 365 apps' extension pages), each as a minimal page written for the test: what dvgen
reads from it, and, through ``dvgen generate``, that a set of them generates with only the
warnings the pages deserve."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.model import CascadeType, Table, TableExtension
from tests.conftest import run
from tests.pages import parse, resolved

# A 2017 Dynamics 365 Customer Engagement page: a docfx include before the description,
# "**Added by**" ending in <br />, a relationship table glued to its paragraph, "## See also".
OLD_2017 = """\
---
title: "Widget Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| MicrosoftDocs"
ms.date: 12/05/2017
---
# Widget Entity Reference

[!INCLUDE[](../../includes/cc_applies_to_update_9_0_0.md)]

Entity for widgets

**Added by**: Service Solution<br />

## Entity Properties

|Property|Value|
|--------|-----|
|EntitySetName|widgets|
|LogicalName|widget|
|PrimaryIdAttribute|widgetid|
|SchemaName|Widget|

<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_WidgetId"></a> WidgetId

|Property|Value|
|--------|-----|
|LogicalName|widgetid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**.

### <a name="BKMK_Lcid"></a> Lcid

|Property|Value|
|--------|-----|
|Format|Locale|
|LogicalName|lcid|
|MaxValue|2147483647|
|MinValue|0|
|RequiredLevel|None|
|Type|Integer|

<a name="onetomany"></a>

## One-To-Many Relationships

### <a name="BKMK_widget_AsyncOperations"></a> widget_AsyncOperations

Same as asyncoperation entity [widget_AsyncOperations](asyncoperation.md#BKMK_widget_AsyncOperations) Many-To-One relationship.
|Property|Value|
|--------|-----|
|ReferencingEntity|asyncoperation|
|ReferencingAttribute|regardingobjectid|
|CascadeConfiguration|Assign: NoCascade<br />Delete: Cascade<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|

## See also

[About the Entity Reference](../about-entity-reference.md)<br />
[!INCLUDE[footer-include](../../includes/footer-banner.md)]
"""

# A 2025 page the extension pages below change: a Virtual table with Events, a choice with
# described options and a lookup with its many-to-one relationship.
BASE_2025 = """\
---
title: "Gadget (gadget) table/entity reference (Microsoft Dataverse)"
ms.topic: generated-reference
---

# Gadget (gadget) table/entity reference (Microsoft Dataverse)

Gadgets.

## Events

|Name|Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `BulkRetain`|<xref:Microsoft.Dynamics.CRM.BulkRetain?displayProperty=nameWithType /> |[Use messages](/x)|

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `gadget` |
| **EntitySetName** | `gadgets`|
| **LogicalName** | `gadget` |
| **PrimaryIdAttribute** | `gadgetid` |
| **TableType** | `Virtual` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

### <a name="BKMK_gadgetId"></a> gadgetId

|Property|Value|
|---|---|
|LogicalName|`gadgetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Community"></a> Community

|Property|Value|
|---|---|
|Description|**Where it came from**|
|LogicalName|`community`|
|RequiredLevel|None|
|Type|MultiSelectPicklist|
|DefaultFormValue||
|GlobalChoiceName|`gadget_community`|

#### Community Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|0|Other|Other default|
|1|Facebook|Facebook item.|

### <a name="BKMK_OwnerLog"></a> OwnerLog

|Property|Value|
|---|---|
|Description|**The log**|
|LogicalName|`ownerlog`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|fileattachment|

## Many-to-One relationships

### <a name="BKMK_FileAttachment_gadget_OwnerLog"></a> FileAttachment_gadget_OwnerLog

One-To-Many Relationship: [fileattachment FileAttachment_gadget_OwnerLog](fileattachment.md#BKMK_FileAttachment_gadget_OwnerLog)

|Property|Value|
|---|---|
|ReferencedEntity|`fileattachment`|
|ReferencedAttribute|`fileattachmentid`|
|ReferencingAttribute|`ownerlog`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|
"""

# A Dynamics 365 Sales extension page: options re-listed with no label (``****``), a
# description broken over lines and blank lines, one closed by a lone ``|``, and relationship
# changes, one to a relationship the base page does not have.
SALES = """\
---
title: "Gadget (gadget) table/entity reference (Microsoft Dynamics 365 Sales) | Microsoft Docs"
---

# Gadget (gadget) table/entity reference

> [!NOTE]
> The Microsoft Dynamics 365 Sales Gadget (gadget) table extends [Gadget (gadget) table (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/gadget).

## Customized columns/attributes

### <a name="BKMK_Community"></a> Community

Changes from [Community (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/gadget#BKMK_Community):

#### Community Choices/Options

|Value|Label|
|---|---|
|5|**Cortana**|
|1|****|
|0|****|

### <a name="BKMK_OwnerLog"></a> OwnerLog

Changes from [OwnerLog (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/gadget#BKMK_OwnerLog):

|Property|Value|
|---|---|
|Description|Swagger value that is upserted.

Example:

{
  "info": { "x": 1 }
}

Adds x in info.|

### <a name="BKMK_gadgetId"></a> gadgetId

Changes from [gadgetId (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/gadget#BKMK_gadgetId):

|Property|Value|
|---|---|
|Description|Unique identifier of the gadget.
|

## Customized relationships

### Customized Many-to-One relationships

#### <a name="BKMK_FileAttachment_gadget_OwnerLog"></a> FileAttachment_gadget_OwnerLog

Changes from [FileAttachment_gadget_OwnerLog (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/gadget#BKMK_FileAttachment_gadget_OwnerLog)

|Property|Value|
|---|---|
|CascadeConfiguration|Archive: `RemoveLink`|

#### <a name="BKMK_FileAttachment_gadget_Other"></a> FileAttachment_gadget_Other

Changes from [FileAttachment_gadget_Other (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/gadget#BKMK_FileAttachment_gadget_Other)

|Property|Value|
|---|---|
|CascadeConfiguration|Archive: `RemoveLink`|
"""

# An extension page of a product not named "Microsoft ...".
CATALOG = """\
---
title: "Gadget (gadget) table/entity reference (Power Platform Catalog Manager)"
---

# Gadget (gadget) table/entity reference

> [!NOTE]
> The Power Platform Catalog Manager Gadget (gadget) table extends the [Microsoft Dataverse Gadget (gadget) table](/power-apps/developer/data-platform/reference/entities/gadget).

## One-to-Many relationships

### <a name="BKMK_gadget_mspcat_Installs"></a> gadget_mspcat_Installs

Many-To-One Relationship: [mspcat_install gadget_mspcat_Installs](mspcat_install.md#BKMK_gadget_mspcat_Installs)

|Property|Value|
|---|---|
|ReferencingEntity|`mspcat_install`|
|ReferencingAttribute|`regardingobjectid`|
|IsCustomizable|`True`|
"""


# A 2018 page written as bold key lines: options as bullets, "Entity Properties".
OLD_2018 = """\
---
title: "Sprocket Entity Reference (Common Data Service for Apps)| Microsoft Docs"
ms.date: 03/07/2018
---
# Sprocket Entity Reference

## Entity Properties

**LogicalName**: sprocket<br />
**SchemaName**: Sprocket<br />
**EntitySetName**: sprockets<br />
**PrimaryIdAttribute**: sprocketid<br />
**PrimaryNameAttribute**: <br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_SprocketId"></a> SprocketId

**LogicalName**: sprocketid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

### <a name="BKMK_IsBent"></a> IsBent

**LogicalName**: isbent<br />
**RequiredLevel**: None<br />
**Type**: Boolean<br />
**Options**:

- **TrueOption Value**: 1 **Label**: Check
- **FalseOption Value**: 0 **Label**: Uncheck

**DefaultValue**: False

### <a name="BKMK_StateCode"></a> StateCode

**LogicalName**: statecode<br />
**RequiredLevel**: SystemRequired<br />
**Type**: State<br />
**Options**:

- **Value**: 0 **Label**: Active **DefaultStatus**: 1 **InvariantName**: Active
"""

# A 2019-2021 page: "#### X Options", an escaped label, an empty Boolean options table, an
# "**Added by**" line in a column block, single-item sections without their bullet list.
OLD_2021 = """\
---
title: "Cog table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 05/20/2021
---

# Cog table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|cogs|
|LogicalName|cog|
|PrimaryIdAttribute|cogid|
|SchemaName|Cog|

## Writable columns/attributes


### <a name="BKMK_Kind"></a> Kind

|Property|Value|
|--------|-----|
|LogicalName|kind|
|RequiredLevel|None|
|Type|Picklist|

#### Kind Options

|Value|Label|
|-----|-----|
|1|Service\\-Maintenance Based|

## Read-only columns/attributes

- [CogId](#BKMK_CogId)
- [IsDenormalized](#BKMK_IsDenormalized)

### <a name="BKMK_CogId"></a> CogId

|Property|Value|
|--------|-----|
|LogicalName|cogid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_IsDenormalized"></a> IsDenormalized

**Added by**: Metadata Extension Solution

|Property|Value|
|--------|-----|
|LogicalName|isdenormalized|
|RequiredLevel|None|
|Type|Boolean|

#### IsDenormalized Choices/Options

|Value|Label|
|-----|-----|
"""


def test_added_by_is_the_solution_name_without_the_line_break() -> None:
    widget, found = parse(OLD_2017)
    assert found == []
    assert isinstance(widget, Table)
    assert widget.added_by == "Service"


def test_a_docfx_include_is_not_part_of_the_description() -> None:
    widget, _ = parse(OLD_2017)
    assert isinstance(widget, Table)
    assert widget.description == "Entity for widgets"


def test_a_relationship_table_glued_to_its_paragraph_is_read() -> None:
    widget, _ = parse(OLD_2017)
    assert isinstance(widget, Table)
    (async_operations,) = widget.relationships.one_to_many
    assert async_operations.referencing_attribute == "regardingobjectid"
    assert async_operations.cascade_configuration is not None
    assert async_operations.cascade_configuration.delete is CascadeType.CASCADE
    lcid = widget.column("lcid")
    assert lcid is not None and lcid.format == "Locale" and lcid.valid_for_create is False


def _changes(name: str) -> dict[str, object]:
    sales, found = parse(SALES, "gadget-sales.md")
    assert found == []
    assert isinstance(sales, TableExtension)
    change = next(c for c in sales.column_changes if c.logical_name == name)
    return dict(change.changes)


def test_a_cell_broken_over_lines_and_blank_lines_is_one_value() -> None:
    assert _changes("ownerlog")["description"] == (
        'Swagger value that is upserted.\n\nExample:\n\n{\n  "info": { "x": 1 }\n}\n\n'
        "Adds x in info."
    )


def test_a_cell_closed_by_a_lone_pipe_on_the_next_line() -> None:
    assert _changes("gadgetid")["description"] == "Unique identifier of the gadget."


def test_an_open_row_before_a_new_row_stays_a_row_of_its_own() -> None:
    table, found = parse(BASE_2025.replace("|Description|**The log**|", "|Description|**The log**"))
    assert found == []
    assert isinstance(table, Table)
    owner_log = table.column("ownerlog")
    assert owner_log is not None and owner_log.description == "The log"
    assert owner_log.targets == ("fileattachment",)


def test_options_relisted_without_a_label_keep_the_base_label_and_description() -> None:
    tables, found = resolved(("gadget.md", BASE_2025), ("gadget-sales.md", SALES))
    community = tables.by_name["gadget"].column("community")
    assert community is not None
    labels = {c.value: (c.label, c.description) for c in community.choices}
    assert labels == {
        0: ("Other", "Other default"),
        1: ("Facebook", "Facebook item."),
        5: ("Cortana", None),
    }
    assert found == [
        "gadget-sales.md:61: warning: relationship 'FileAttachment_gadget_Other' is not a "
        "relationship of table 'gadget'; its changes are not applied "
        "[extension-relationship-unknown]"
    ]


def test_a_relationship_change_overrides_what_the_base_page_says() -> None:
    tables, _ = resolved(("gadget.md", BASE_2025), ("gadget-sales.md", SALES))
    (owner_log,) = tables.by_name["gadget"].relationships.many_to_one
    assert owner_log.schema_name == "FileAttachment_gadget_OwnerLog"
    cascade = owner_log.cascade_configuration
    assert cascade is not None
    assert (cascade.archive, cascade.delete) == (CascadeType.REMOVE_LINK, CascadeType.REMOVE_LINK)
    assert owner_log.referenced_entity == "fileattachment"
    assert owner_log.added_by is None


def test_an_extension_page_of_a_product_not_named_microsoft() -> None:
    catalog, found = parse(CATALOG, "gadget-catalog.md")
    assert found == []
    assert isinstance(catalog, TableExtension)
    assert (catalog.logical_name, catalog.solution) == ("gadget", "Power Platform Catalog Manager")
    tables, _ = resolved(("gadget.md", BASE_2025), ("gadget-catalog.md", CATALOG))
    (installs,) = tables.by_name["gadget"].relationships.one_to_many
    assert installs.added_by == "Power Platform Catalog Manager"


def test_generate_reads_every_variation(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    specs = workdir / "specs"
    specs.mkdir()
    pages = {
        "cog.md": OLD_2021,
        "sprocket.md": OLD_2018,
        "widget.md": OLD_2017,
        "gadget.md": BASE_2025,
        "gadget-sales.md": SALES,
        "gadget-zcatalog.md": CATALOG,
    }
    for name, text in pages.items():
        (specs / name).write_text(text, encoding="utf-8")

    code, _, err = run(capsys, "generate", "--target", "model")

    assert code == 0, err
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert warnings == [
        "specs/gadget-sales.md:61: warning: relationship 'FileAttachment_gadget_Other' is not "
        "a relationship of table 'gadget'; its changes are not applied "
        "[extension-relationship-unknown]"
    ]
    widget = (workdir / "generated" / "model" / "widget.yaml").read_text(encoding="utf-8")
    assert "description: Entity for widgets\n" in widget
    assert "added_by: Service\n" in widget
    gadget = (workdir / "generated" / "model" / "gadget.yaml").read_text(encoding="utf-8")
    assert "table_type: Virtual\n" in gadget
    assert "    label: Facebook\n    description: Facebook item.\n" in gadget
    assert "      archive: RemoveLink\n" in gadget
    assert "added_by: Power Platform Catalog Manager\n" in gadget
    sprocket = (workdir / "generated" / "model" / "sprocket.yaml").read_text(encoding="utf-8")
    assert "  - value: 1\n    label: Check\n" in sprocket
    assert "    default_status: 1\n    invariant_name: Active\n" in sprocket
    cog = (workdir / "generated" / "model" / "cog.yaml").read_text(encoding="utf-8")
    assert "    label: Service-Maintenance Based\n" in cog
    assert "  added_by: Metadata Extension\n" in cog


# A custom table's 2025 page gives activitypointer and task their regarding relationships; the
# 2021 task page is older than the custom table, so its regardingobjectid does not list it.
THING_2025 = """\
---
ms.topic: generated-reference
---
# Thing (contoso_thing) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `contoso_thing` |
| **EntitySetName** | `contoso_things`|
| **LogicalName** | `contoso_thing` |
| **PrimaryIdAttribute** | `contoso_thingid` |
| **TableType** | `Standard` |

## Writable columns/attributes

### <a name="BKMK_contoso_thingId"></a> contoso_thingId

|Property|Value|
|---|---|
|LogicalName|`contoso_thingid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## One-to-Many relationships

- [contoso_thing_ActivityPointers](#BKMK_contoso_thing_ActivityPointers)
- [contoso_thing_Tasks](#BKMK_contoso_thing_Tasks)

### <a name="BKMK_contoso_thing_ActivityPointers"></a> contoso_thing_ActivityPointers

Many-To-One Relationship: [activitypointer contoso_thing_ActivityPointers](activitypointer.md#BKMK_contoso_thing_ActivityPointers)

|Property|Value|
|---|---|
|ReferencingEntity|`activitypointer`|
|ReferencingAttribute|`regardingobjectid`|
|ReferencedEntityNavigationPropertyName|`contoso_thing_ActivityPointers`|

### <a name="BKMK_contoso_thing_Tasks"></a> contoso_thing_Tasks

Many-To-One Relationship: [task contoso_thing_Tasks](task.md#BKMK_contoso_thing_Tasks)

|Property|Value|
|---|---|
|ReferencingEntity|`task`|
|ReferencingAttribute|`regardingobjectid`|
|ReferencedEntityNavigationPropertyName|`contoso_thing_Tasks`|
"""

TASK_2021 = """\
---
ms.date: 10/05/2021
---
# Task table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|tasks|
|LogicalName|task|
|PrimaryIdAttribute|activityid|
|SchemaName|Task|

## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|--------|-----|
|LogicalName|activityid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

|Property|Value|
|--------|-----|
|LogicalName|regardingobjectid|
|RequiredLevel|None|
|Targets|account,contact|
|Type|Lookup|
"""


def test_an_activity_page_older_than_a_custom_table_keeps_its_regarding_navigation(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """activitypointer declares regardingobjectid_contoso_thing (the custom table's page says
    so), so task's own one is regardingobjectid_contoso_thing_task, as in the Web API, rather
    than a clash that left it out."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "contoso_thing.md").write_text(THING_2025, encoding="utf-8")
    (specs / "task.md").write_text(TASK_2021, encoding="utf-8")

    code, _, err = run(capsys, "generate", "--target", "odata")

    assert code == 0, err
    assert "odata-member-clash" not in err
    xml = (workdir / "generated" / "odata" / "metadata.xml").read_text(encoding="utf-8")
    assert '<NavigationProperty Name="regardingobjectid_contoso_thing_task"' in xml
    assert 'Partner="regardingobjectid_contoso_thing_task"' in xml


# A 2021 page whose lookup lists one target (activitypointer) while the set ties it to more
# tables (letter's page names its relationship to the lookup), as activityparty's activityid.
PARTY_2021 = """\
---
ms.date: 10/05/2021
---
# contoso_party table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|contoso_parties|
|LogicalName|contoso_party|
|PrimaryIdAttribute|contoso_partyid|
|SchemaName|contoso_party|

## Writable columns/attributes

### <a name="BKMK_contoso_partyId"></a> contoso_partyId

|Property|Value|
|--------|-----|
|LogicalName|contoso_partyid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|--------|-----|
|LogicalName|activityid|
|RequiredLevel|SystemRequired|
|Targets|activitypointer|
|Type|Lookup|

<a name="manytoone"></a>

## Many-To-One Relationships

- [letter_contoso_parties](#BKMK_letter_contoso_parties)
- [activitypointer_contoso_parties](#BKMK_activitypointer_contoso_parties)


### <a name="BKMK_letter_contoso_parties"></a> letter_contoso_parties

See letter Table [letter_contoso_parties](letter.md#BKMK_letter_contoso_parties) One-To-Many relationship.

### <a name="BKMK_activitypointer_contoso_parties"></a> activitypointer_contoso_parties

See activitypointer Table [activitypointer_contoso_parties](activitypointer.md#BKMK_activitypointer_contoso_parties) One-To-Many relationship.
"""

LETTER_2021 = """\
---
ms.date: 10/05/2021
---
# Letter table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|letters|
|LogicalName|letter|
|PrimaryIdAttribute|activityid|
|SchemaName|Letter|

## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|--------|-----|
|LogicalName|activityid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="onetomany"></a>

## One-To-Many Relationships

### <a name="BKMK_letter_contoso_parties"></a> letter_contoso_parties

Same as contoso_party table [letter_contoso_parties](contoso_party.md#BKMK_letter_contoso_parties) Many-To-One relationship.

|Property|Value|
|--------|-----|
|ReferencingEntity|contoso_party|
|ReferencingAttribute|activityid|
|ReferencedEntityNavigationPropertyName|letter_contoso_parties|
"""


def test_a_lookup_tied_to_more_tables_than_its_targets_names_one_navigation_per_table(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each relationship gets ``<lookup>_<table>`` (``activityid_letter``,
    ``activityid_activitypointer``), as in the Web API, rather than ``activityid`` twice and a
    clash that left one out."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "contoso_party.md").write_text(PARTY_2021, encoding="utf-8")
    (specs / "letter.md").write_text(LETTER_2021, encoding="utf-8")

    code, _, err = run(capsys, "generate", "--target", "odata")

    assert code == 0, err
    assert "odata-member-clash" not in err
    xml = (workdir / "generated" / "odata" / "metadata.xml").read_text(encoding="utf-8")
    assert '<NavigationProperty Name="activityid_letter"' in xml
    assert '<NavigationProperty Name="activityid_activitypointer"' in xml


# A 2019 page (the generator still said "entity"): a many-to-many relationship's two sides
# under ``#### Entity 1`` / ``#### Entity 2``, as 2021-2023 pages put them under ``Table 1/2``.
LIST_2019 = """\
---
ms.date: 04/02/2019
---
# list Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|EntitySetName|lists|
|LogicalName|list|
|PrimaryIdAttribute|listid|
|SchemaName|List|

<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_ListId"></a> ListId

|Property|Value|
|--------|-----|
|LogicalName|listid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="manytomany"></a>

## Many-To-Many Relationships

Relationship details provided where the list entity is the first entity in the relationship. Listed by **SchemaName**.


### <a name="BKMK_listaccount_association"></a> listaccount_association

IntersectEntityName: listmember<br />
#### Entity 1

|Property|Value|
|--------|-----|
|IntersectAttribute|listid|
|IsCustomizable|False|
|LogicalName|list|
|NavigationPropertyName|listaccount_association|
|AssociatedMenuConfiguration|Behavior: UseLabel<br />Group: Details<br />Label: Marketing Lists<br />Order: 10|

#### Entity 2

|Property|Value|
|--------|-----|
|LogicalName|account|
|IntersectAttribute|entityid|
|NavigationPropertyName|listaccount_association|
|AssociatedMenuConfiguration|Behavior: UseLabel<br />Group: Details<br />Label: Marketing Lists<br />Order: 10|
"""


def test_many_to_many_sides_titled_entity_1_and_entity_2_are_read() -> None:
    spec, warnings = parse(LIST_2019, "list.md")
    assert warnings == []
    (m2m,) = spec.relationships.many_to_many
    assert (m2m.intersect_entity_name, m2m.is_customizable) == ("listmember", False)
    assert (m2m.this_table.logical_name, m2m.this_table.intersect_attribute) == ("list", "listid")
    assert (m2m.other_table.logical_name, m2m.other_table.intersect_attribute) == (
        "account",
        "entityid",
    )
    assert m2m.other_table.navigation_property_name == "listaccount_association"
    menu = m2m.this_table.associated_menu_configuration
    assert menu is not None and menu.label == "Marketing Lists"


# A 2018 page (properties as ``**Key**: value`` lines): a many-to-many relationship's sides as
# ``**Entity1LogicalName**`` lines and ``- **Entity1IntersectAttribute**`` lists, the menu as a
# nested list, the other table as a link.
PRIVILEGE_2018 = """\
---
ms.date: 03/07/2018
---
# Privilege Entity Reference

Permission to perform an action.

## Entity Properties

**DisplayName**: Privilege<br />
**SchemaName**: Privilege<br />
**LogicalName**: privilege<br />
**EntitySetName**: privileges<br />
**PrimaryIdAttribute**: privilegeid<br />
**OwnershipType**: None<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_PrivilegeId"></a> PrivilegeId

**Description**: Unique identifier of the privilege.<br />
**DisplayName**: Privilege<br />
**LogicalName**: privilegeid<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

<a name="manytomany"></a>

## Many-To-Many Relationships

Relationship details provided where the Privilege entity is the first entity in the relationship. Listed by **SchemaName**.


### <a name="BKMK_roleprivileges_association"></a> roleprivileges_association

**IntersectEntityName**: roleprivileges<br />
**Entity1LogicalName**: privilege<br />

- **Entity1IntersectAttribute**: privilegeid
- **Entity1NavigationPropertyName**: roleprivileges_association
- **Entity1AssociatedMenuConfiguration**:

  - **Behavior**: DoNotDisplay
  - **Group**: Details
  - **Label**: 
  - **Order**: 

**Entity2LogicalName**: [role](role.md)<br />

- **Entity2IntersectAttribute**: roleid
- **Entity2NavigationPropertyName**: roleprivileges_association
- **Entity2AssociatedMenuConfiguration**:

  - **Behavior**: DoNotDisplay
  - **Group**: Details
  - **Label**: 
  - **Order**: 
"""


def test_many_to_many_sides_written_as_entity1_and_entity2_lines_are_read() -> None:
    spec, warnings = parse(PRIVILEGE_2018, "privilege.md")
    assert warnings == []
    (m2m,) = spec.relationships.many_to_many
    assert (m2m.intersect_entity_name, m2m.entity1) == ("roleprivileges", "privilege")
    mine, other = m2m.this_table, m2m.other_table
    assert (mine.logical_name, mine.intersect_attribute) == ("privilege", "privilegeid")
    assert (other.logical_name, other.intersect_attribute) == ("role", "roleid")
    assert other.navigation_property_name == "roleprivileges_association"
    menu = other.associated_menu_configuration
    assert menu is not None and (menu.behavior, menu.group) == ("DoNotDisplay", "Details")
    assert [c.logical_name for c in spec.columns] == ["privilegeid"]
