"""Variations met in an eighteenth round of real pages outside the corpus, drawn at random (seed
18) from the OLDER generations: the common-data-service folder (2018 bold lines, 2019 tables),
Dataverse's G0 (11/2020), 2021 and 2022 pages, a Dynamics 365 for Customer Engagement page of
12/2017, and Dynamics 365 Sales pages that only list what Sales changes in a table. Each page
was run alone and with the corpus. One reader problem was found and fixed (the first test);
the others pin, on minimal pages written for the test, what the readers took from variations
met there for the first time."""

from __future__ import annotations

from dvgen.model import (
    ColumnChange,
    ColumnType,
    ManyToManyRelationship,
    OwnershipType,
    Table,
    TableExtension,
    TableSet,
)
from tests.pages import parse, resolved, table


def _table(tables: TableSet, name: str) -> Table:
    return next(t for t in tables.tables if t.logical_name == name)


def _many(spec: Table, name: str) -> ManyToManyRelationship:
    return next(r for r in spec.relationships.many_to_many if r.schema_name == name)


# An intersect table's own page (Dynamics 365 CompetitorProduct, 12/2017): its many-to-many
# section names only the relationship it stores, and links to one of the two tables it joins.
INTERSECT_2017 = """\
---
ms.date: 12/05/2017
---
# contoso_WidgetPart Entity Reference

Association between a widget and a part.

## Entity Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName||
|EntitySetName|contoso_widgetparts|
|LogicalCollectionName||
|LogicalName|contoso_widgetpart|
|OwnershipType|None|
|PrimaryIdAttribute|contoso_widgetpartid|
|PrimaryNameAttribute||
|SchemaName|contoso_WidgetPart|

<a name="writable-attributes"></a>

## Writable attributes

These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

### <a name="BKMK_contoso_WidgetPartId"></a> contoso_WidgetPartId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the widget part.|
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|contoso_widgetpartid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="manytomany"></a>

## Many-To-Many Relationships

Relationship details provided where the contoso_WidgetPart entity is the first entity in the relationship. Listed by **SchemaName**.


### <a name="BKMK_contoso_widgetpart_association"></a> contoso_widgetpart_association

See contoso_widget Entity [contoso_widgetpart_association](contoso_widget.md#BKMK_contoso_widgetpart_association) Many-To-Many Relationship.
"""

# One of the two tables it joins, as its 2024 page gives the relationship.
WIDGET_2024 = """\
---
ms.topic: generated-reference
---
# Widget (contoso_widget) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `contoso_widget` |
| **EntitySetName** | `contoso_widgets`|
| **LogicalName** | `contoso_widget` |
| **PrimaryIdAttribute** | `contoso_widgetid` |
| **TableType** | `Standard` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

### <a name="BKMK_contoso_widgetId"></a> contoso_widgetId

|Property|Value|
|---|---|
|Description|**Unique identifier of the widget.**|
|LogicalName|`contoso_widgetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## Many-to-Many relationships

These relationships are many-to-many. Listed by **SchemaName**.

### <a name="BKMK_contoso_widgetpart_association"></a> contoso_widgetpart_association

See [contoso_part contoso_widgetpart_association Many-To-Many Relationship](contoso_part.md#BKMK_contoso_widgetpart_association)

|Property|Value|
|---|---|
|IntersectEntityName|`contoso_widgetpart`|
|IsCustomizable|False|
|SchemaName|`contoso_widgetpart_association`|
|IntersectAttribute|`contoso_widgetid`|
|NavigationPropertyName|`contoso_widgetpart_association`|
"""


def test_an_intersect_table_s_2017_page_is_neither_side_of_the_relationship_it_stores() -> None:
    """Real problem fixed: the 2017/2018 page of an intersect table reads as a many-to-many
    between itself and the table it links to (the page alone cannot tell). With that table's
    page in the set, its relationship named this table as the intersect, yet resolution
    completed the intersect's from it: the model said contoso_widgetpart is joined to
    contoso_widget through itself, with contoso_widget's navigation property. The other side's
    IntersectEntityName now shows it is seen from the intersect table: neither side, as the
    intersect pages of 2021 and later give it."""
    tables, warnings = resolved(
        ("contoso_widgetpart.md", INTERSECT_2017), ("contoso_widget.md", WIDGET_2024)
    )
    assert warnings == []
    own = _many(_table(tables, "contoso_widgetpart"), "contoso_widgetpart_association")
    assert own.intersect_entity_name == "contoso_widgetpart"
    assert own.this_table.logical_name is None
    assert own.other_table.logical_name is None
    assert own.other_table.navigation_property_name is None
    assert own.is_customizable is False
    widget = _many(_table(tables, "contoso_widget"), "contoso_widgetpart_association")
    assert widget.this_table.logical_name == "contoso_widget"
    assert widget.this_table.intersect_attribute == "contoso_widgetid"
    assert widget.other_table.logical_name == "contoso_part"


# A self-referencing relationship as a 2023 page gives it (Connection Role's
# connectionroleassociation_association): the intersect named above "#### Table 1".
ROLE_2023 = """\
---
ms.date: 03/07/2023
---
# contoso_Role table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|contoso_roles|
|LogicalName|contoso_role|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|contoso_roleid|
|SchemaName|contoso_Role|

<a name="writable-attributes"></a>

## Writable columns/attributes

### <a name="BKMK_contoso_RoleId"></a> contoso_RoleId

|Property|Value|
|--------|-----|
|LogicalName|contoso_roleid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="manytomany"></a>

## Many-To-Many Relationships

Relationship details provided where the contoso_Role table is the first table in the relationship. Listed by **SchemaName**.


### <a name="BKMK_contoso_roleassociation_association"></a> contoso_roleassociation_association

IntersectEntityName: contoso_roleassociation<br />
#### Table 1

|Property|Value|
|--------|-----|
|IntersectAttribute|contoso_roleid|
|IsCustomizable|False|
|LogicalName|contoso_role|
|NavigationPropertyName|contoso_roleassociation_association|

#### Table 2

|Property|Value|
|--------|-----|
|LogicalName|contoso_role|
|IntersectAttribute|contoso_associatedroleid|
|NavigationPropertyName|contoso_roleassociation_association|
"""

ROLE_ASSOCIATION_2017 = (
    INTERSECT_2017.replace("contoso_WidgetPart", "contoso_RoleAssociation")
    .replace("contoso_widgetpart", "contoso_roleassociation")
    .replace("contoso_widget", "contoso_role")
)


def test_the_intersect_page_of_a_self_referencing_relationship() -> None:
    """connectionroleassociation (2017) with connectionrole (2023): before the fix its model
    said it is joined to connectionrole through itself, its own side holding
    ``associatedconnectionroleid``; both sides of the 2023 page are now left to connectionrole."""
    tables, warnings = resolved(
        ("contoso_roleassociation.md", ROLE_ASSOCIATION_2017), ("contoso_role.md", ROLE_2023)
    )
    assert warnings == []
    own = _many(_table(tables, "contoso_roleassociation"), "contoso_roleassociation_association")
    assert own.intersect_entity_name == "contoso_roleassociation"
    assert own.this_table.logical_name is None and own.other_table.logical_name is None
    assert own.this_table.intersect_attribute is None
    role = _many(_table(tables, "contoso_role"), "contoso_roleassociation_association")
    assert (role.this_table.intersect_attribute, role.other_table.intersect_attribute) == (
        "contoso_roleid",
        "contoso_associatedroleid",
    )


def test_an_intersect_table_s_2017_page_alone_keeps_what_it_says() -> None:
    """Without the other table's page nothing says the table is the intersect: the page's own
    reading stays (a many-to-many with the table it links to), as round 10 pinned it."""
    tables, warnings = resolved(("contoso_widgetpart.md", INTERSECT_2017))
    assert warnings == []
    own = _many(_table(tables, "contoso_widgetpart"), "contoso_widgetpart_association")
    assert own.this_table.logical_name == "contoso_widgetpart"
    assert own.other_table.logical_name == "contoso_widget"
    assert own.intersect_entity_name is None


# A base for the Dynamics 365 Sales pages below: the table as its own spec gives it.
GADGET_BASE = """\
logical_name: contoso_gadget
schema_name: contoso_Gadget
display_name: Gadget
entity_set_name: contoso_gadgets
primary_id_attribute: contoso_gadgetid
primary_name_attribute: contoso_name
ownership_type: UserOwned
columns:
  - logical_name: contoso_gadgetid
    schema_name: contoso_GadgetId
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: contoso_name
    schema_name: contoso_Name
    type: String
    max_length: 100
  - logical_name: contoso_enabled
    schema_name: contoso_Enabled
    type: Boolean
    required_level: None
  - logical_name: contoso_target
    schema_name: contoso_Target
    type: Picklist
    choices:
      - {value: 1, label: Account}
relationships:
  one_to_many:
    - schema_name: contoso_gadget_AsyncOperations
      referenced_entity: contoso_gadget
      referencing_entity: asyncoperation
      referencing_attribute: regardingobjectid
      is_customizable: true
"""

SALES_HEAD = """\
---
title: "Gadget (contoso_gadget) table/entity reference (Microsoft Dynamics 365 Sales)"
ms.topic: generated-reference
---

# Gadget (contoso_gadget) table/entity reference (Microsoft Dynamics 365 Sales)

Gadgets.

> [!NOTE]
> The Microsoft Dynamics 365 Sales Gadget (contoso_gadget) table extends the [Microsoft Dynamics 365 Gadget (contoso_gadget) table](/dynamics365/developer/reference/entities/contoso_gadget).



"""

SEE_ALSO = """

### See also

[Dataverse table/entity reference](/power-apps/developer/data-platform/reference/about-entity-reference)  
<xref:Microsoft.Dynamics.CRM.contoso_gadget?displayProperty=fullName>
"""

# Sales adds a column (Copilot component's Dependencies, a 2025 page): the extension page
# gives it under "Writable columns/attributes", values bold and backticked.
SALES_NEW_COLUMN = (
    SALES_HEAD
    + """\
## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

### <a name="BKMK_contoso_Dependencies"></a> contoso_Dependencies

|Property|Value|
|---|---|
|Description|**Used to store dependencies between gadgets.**|
|DisplayName|**Dependencies**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`contoso_dependencies`|
|RequiredLevel|None|
|Type|Memo|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|1048576|
"""
    + SEE_ALSO
)


def test_a_sales_page_adds_a_column_under_writable_columns() -> None:
    """Copilot component (Sales, 2025): the page extends the Dynamics 365 table and adds a Memo
    column; the column joins the base table, writable, with its bold texts unwrapped."""
    spec, warnings = parse(SALES_NEW_COLUMN, "contoso_gadget-sales.md")
    assert warnings == []
    assert isinstance(spec, TableExtension) and spec.logical_name == "contoso_gadget"
    assert spec.solution == "Microsoft Dynamics 365 Sales"
    tables, warnings = resolved(
        ("contoso_gadget.yaml", GADGET_BASE), ("contoso_gadget-sales.md", SALES_NEW_COLUMN)
    )
    assert warnings == []
    column = _table(tables, "contoso_gadget").column("contoso_dependencies")
    assert column is not None
    assert column.type is ColumnType.MEMO
    assert column.max_length == 1048576
    assert column.description == "Used to store dependencies between gadgets."
    assert column.display_name == "Dependencies"
    assert column.added_by == "Microsoft Dynamics 365 Sales"
    assert (column.valid_for_create, column.valid_for_update, column.valid_for_form) == (
        True,
        True,
        True,
    )


# Sales changes one column (Organization, 2025): one item, so no bullet list; a "Changes
# from" link, then a table of the one property it changes.
SALES_ONE_CHANGE = (
    SALES_HEAD
    + """\
## Customized columns/attributes

Microsoft Dynamics 365 Sales modifies the definition of columns/attributes defined in other solutions. Listed by **SchemaName**.

### <a name="BKMK_contoso_Enabled"></a> contoso_Enabled

Changes from [contoso_Enabled (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/contoso_gadget#BKMK_contoso_Enabled)

|Property|Value|
|---|---|
|RequiredLevel|SystemRequired|
"""
    + SEE_ALSO
)


def test_a_sales_page_changing_one_column_without_a_bullet_list() -> None:
    spec, warnings = parse(SALES_ONE_CHANGE, "contoso_gadget-sales.md")
    assert warnings == []
    assert isinstance(spec, TableExtension)
    (change,) = spec.column_changes
    assert isinstance(change, ColumnChange) and change.logical_name == "contoso_enabled"
    tables, warnings = resolved(
        ("contoso_gadget.yaml", GADGET_BASE), ("contoso_gadget-sales.md", SALES_ONE_CHANGE)
    )
    assert warnings == []
    column = _table(tables, "contoso_gadget").column("contoso_enabled")
    assert column is not None and column.required_level is not None
    assert column.required_level.value == "SystemRequired"


# Sales adds options to a column by a Choices/Options table alone (Data Map's TargetEntity,
# 2025: 496 entity type codes): bold labels, one in square brackets, one label twice.
SALES_OPTIONS = (
    SALES_HEAD
    + """\
## Customized columns/attributes

Microsoft Dynamics 365 Sales modifies the definition of columns/attributes defined in other solutions. Listed by **SchemaName**.

### <a name="BKMK_contoso_Target"></a> contoso_Target

Changes from [contoso_Target (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/contoso_gadget#BKMK_contoso_Target)

#### contoso_Target Choices/Options

|Value|Label|
|---|---|
|10555|**Forecast**|
|10960|**[Deprecated] Dynamics Customer Service Analytics**|
|10966|**Forecast**|
"""
    + SEE_ALSO
)


def test_a_sales_page_adds_options_by_a_choices_table_alone() -> None:
    tables, warnings = resolved(
        ("contoso_gadget.yaml", GADGET_BASE), ("contoso_gadget-sales.md", SALES_OPTIONS)
    )
    assert warnings == []
    column = _table(tables, "contoso_gadget").column("contoso_target")
    assert column is not None
    assert [(c.value, c.label) for c in column.choices] == [
        (1, "Account"),
        (10555, "Forecast"),
        (10960, "[Deprecated] Dynamics Customer Service Analytics"),
        (10966, "Forecast"),
    ]


# Sales changes only IsCustomizable of relationships (Territory, 2025): "Customized
# relationships", then "### Customized One-to-Many relationships" and "####" items.
SALES_RELATIONSHIPS = (
    SALES_HEAD
    + """\

## Customized relationships

### Customized One-to-Many relationships

- [contoso_gadget_AsyncOperations](#BKMK_contoso_gadget_AsyncOperations)

#### <a name="BKMK_contoso_gadget_AsyncOperations"></a> contoso_gadget_AsyncOperations

Changes from [contoso_gadget_AsyncOperations (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/contoso_gadget#BKMK_contoso_gadget_AsyncOperations)

|Property|Value|
|---|---|
|IsCustomizable|False|
"""
    + SEE_ALSO
)


def test_a_sales_page_changes_only_whether_a_relationship_is_customizable() -> None:
    tables, warnings = resolved(
        ("contoso_gadget.yaml", GADGET_BASE), ("contoso_gadget-sales.md", SALES_RELATIONSHIPS)
    )
    assert warnings == []
    # the hand-written table has the six of dvgen.platformlinks; the page restates one
    by_name = {r.schema_name: r for r in _table(tables, "contoso_gadget").relationships.one_to_many}
    assert len(by_name) == 6
    rel = by_name["contoso_gadget_AsyncOperations"]
    assert rel.is_customizable is False
    assert {r.is_customizable for r in by_name.values() if r is not rel} == {None}
    assert rel.referencing_attribute == "regardingobjectid"


# A G0 page (11/14/2020, ProvisionLanguageForUser): the table's "Added by" line, an Integer
# column in the Locale format, a read-only section of one column (no bullet list) and
# one-to-many blocks each opening with their own "Added by" line above the "Same as" link.
G0_2020 = """\
---
title: "contoso_Provision entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 11/14/2020
---
# contoso_Provision entity reference

> [!NOTE]
> Effective Nov 2020, Common Data Service has been renamed to [Microsoft Dataverse](/powerapps/maker/data-platform/data-platform-intro).



**Added by**: msft_LocalizationExtension Solution


## Entity properties

|Property|Value|
|--------|-----|
|EntitySetName|contoso_provisions|
|LogicalName|contoso_provision|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|contoso_provisionid|
|PrimaryNameAttribute||
|SchemaName|contoso_Provision|

<a name="writable-attributes"></a>

## Writable attributes

These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [contoso_Lcid](#BKMK_contoso_Lcid)
- [contoso_ProvisionId](#BKMK_contoso_ProvisionId)


### <a name="BKMK_contoso_Lcid"></a> contoso_Lcid

|Property|Value|
|--------|-----|
|Description||
|DisplayName|Lcid|
|Format|Locale|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|contoso_lcid|
|MaxValue|2147483647|
|MinValue|0|
|RequiredLevel|None|
|Type|Integer|


### <a name="BKMK_contoso_ProvisionId"></a> contoso_ProvisionId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|contoso_provisionid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="read-only-attributes"></a>

## Read-only attributes

These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. Listed by **SchemaName**.


### <a name="BKMK_OrganizationId"></a> OrganizationId

|Property|Value|
|--------|-----|
|Description|Unique identifier for the organization|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|organizationid|
|RequiredLevel|None|
|Type|Uniqueidentifier|

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

- [contoso_provision_SyncErrors](#BKMK_contoso_provision_SyncErrors)


### <a name="BKMK_contoso_provision_SyncErrors"></a> contoso_provision_SyncErrors

**Added by**: System Solution Solution

Same as syncerror entity [contoso_provision_SyncErrors](syncerror.md#BKMK_contoso_provision_SyncErrors) Many-To-One relationship.

|Property|Value|
|--------|-----|
|ReferencingEntity|syncerror|
|ReferencingAttribute|regardingobjectid|
|IsHierarchical|False|
|IsCustomizable|True|
|ReferencedEntityNavigationPropertyName|contoso_provision_SyncErrors|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |
|CascadeConfiguration|Assign: NoCascade<br />Delete: Cascade<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|


### See also

[About entity reference](../about-entity-reference.md)<br />
<xref href="Microsoft.Dynamics.CRM.contoso_provision?text=contoso_provision EntityType" />

[!INCLUDE[footer-include](../../../../includes/footer-banner.md)]"""


def test_a_g0_page_with_added_by_lines_in_its_relationship_blocks() -> None:
    spec = table(G0_2020)
    assert spec.added_by == "msft_LocalizationExtension"
    assert spec.primary_name_attribute is None
    lcid = spec.column("contoso_lcid")
    assert lcid is not None and lcid.format == "Locale" and lcid.min_value == 0
    organization = spec.column("organizationid")
    assert organization is not None
    assert (organization.valid_for_create, organization.valid_for_update) == (False, False)
    (rel,) = spec.relationships.one_to_many
    assert rel.added_by == "System Solution"
    assert (rel.referencing_entity, rel.referencing_attribute) == ("syncerror", "regardingobjectid")
    assert rel.cascade_configuration is not None
    assert rel.cascade_configuration.delete is not None
    assert rel.cascade_configuration.delete.value == "Cascade"


# A Common Data Service page of 04/2019 (EntityDataProvider): "Entity Properties" as a table,
# option tables of two columns under "#### X Options", a Boolean's "**DefaultValue**: False",
# and its one many-to-one relationship without a bullet list, "See organization Entity".
CDS_2019 = """\
---
title: "contoso_Provider Entity Reference (Common Data Service)| MicrosoftDocs"
ms.date: 04/01/2019
---
# contoso_Provider Entity Reference

Providers.


## Entity Properties

|Property|Value|
|--------|-----|
|EntitySetName|contoso_providers|
|LogicalName|contoso_provider|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|contoso_providerid|
|PrimaryNameAttribute||
|SchemaName|contoso_Provider|

<a name="writable-attributes"></a>

## Writable attributes

These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [contoso_ProviderId](#BKMK_contoso_ProviderId)
- [IsCustomizable](#BKMK_IsCustomizable)


### <a name="BKMK_contoso_ProviderId"></a> contoso_ProviderId

|Property|Value|
|--------|-----|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|contoso_providerid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_IsCustomizable"></a> IsCustomizable

|Property|Value|
|--------|-----|
|Description|Information that specifies whether this component can be customized.|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|iscustomizable|
|RequiredLevel|SystemRequired|
|Type|ManagedProperty|

<a name="read-only-attributes"></a>

## Read-only attributes

These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. Listed by **SchemaName**.

- [ComponentState](#BKMK_ComponentState)
- [IsManaged](#BKMK_IsManaged)


### <a name="BKMK_ComponentState"></a> ComponentState

|Property|Value|
|--------|-----|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|componentstate|
|RequiredLevel|SystemRequired|
|Type|Picklist|

#### ComponentState Options

|Value|Label|
|-----|-----|
|0|Published|
|1|Unpublished|
|2|Deleted|
|3|Deleted Unpublished|



### <a name="BKMK_IsManaged"></a> IsManaged

|Property|Value|
|--------|-----|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|ismanaged|
|RequiredLevel|SystemRequired|
|Type|Boolean|

#### IsManaged Options

|Value|Label|
|-----|-----|
|1|Managed|
|0|Unmanaged|

**DefaultValue**: False

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related entity. Listed by **SchemaName**.


### <a name="BKMK_organization_contoso_provider"></a> organization_contoso_provider

See organization Entity [organization_contoso_provider](organization.md#BKMK_organization_contoso_provider) One-To-Many relationship.

### See also

[About the Entity Reference](../about-entity-reference.md)<br />
<xref href="Microsoft.Dynamics.CRM.contoso_provider?text=contoso_provider EntityType" />"""


def test_a_2019_common_data_service_page_in_property_tables() -> None:
    spec = table(CDS_2019)
    assert spec.ownership_type is OwnershipType.ORGANIZATION_OWNED
    state = spec.column("componentstate")
    assert state is not None and state.type is ColumnType.PICKLIST
    assert [(c.value, c.label) for c in state.choices] == [
        (0, "Published"),
        (1, "Unpublished"),
        (2, "Deleted"),
        (3, "Deleted Unpublished"),
    ]
    managed = spec.column("ismanaged")
    assert managed is not None and managed.default_value is False
    assert [(c.value, c.label) for c in managed.choices] == [(1, "Managed"), (0, "Unmanaged")]
    customizable = spec.column("iscustomizable")
    assert customizable is not None and customizable.type is ColumnType.MANAGED_PROPERTY
    (rel,) = spec.relationships.many_to_one
    assert rel.schema_name == "organization_contoso_provider"
    assert (rel.referenced_entity, rel.referencing_entity) == ("organization", "contoso_provider")
