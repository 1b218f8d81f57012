"""Variations met in a twelfth round of real pages outside the corpus (sets of related Sales and
Customer Service pages run together), each as a minimal page written for the test. No reader
problem was found; the tests pin what the readers took from the variations met."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from dvgen.model import CascadeType, ColumnType, TableExtension
from tests.conftest import run
from tests.pages import parse, resolved, table

RELATIONSHIPS_ONLY_EXTENSION = """\
---
title: "Case Resolution (IncidentResolution) table/entity reference (Microsoft Dynamics 365 \
Customer Service)"
ms.date: 08/26/2024
---

# Case Resolution (IncidentResolution) table/entity reference

Special type of activity that includes description of the resolution.

> [!NOTE]
> The Microsoft Dynamics 365 Customer Service Case Resolution (IncidentResolution) table extends \
the [Microsoft Dynamics 365 Case Resolution (IncidentResolution) \
table](/dynamics365/developer/entities/incidentresolution).




## Many-to-One relationships

These relationships are many-to-one. Listed by **SchemaName**.

### <a name="BKMK_ir_currency"></a> incidentresolution_transactioncurrency_transactioncurrencyid

One-To-Many Relationship: [transactioncurrency incidentresolution_transactioncurrency_\
transactioncurrencyid](transactioncurrency.md#BKMK_ir_currency)

|Property|Value|
|---|---|
|ReferencedEntity|`transactioncurrency`|
|ReferencedAttribute|`transactioncurrencyid`|
|ReferencingAttribute|`transactioncurrencyid`|
|ReferencingEntityNavigationPropertyName|`transactioncurrencyid_incidentresolution`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `Restrict`\
<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: \
`NoCascade`<br />Unshare: `NoCascade`|



### See also

[Dataverse table/entity reference](../about-entity-reference.md)
"""


def test_an_extension_page_with_only_a_many_to_one_section() -> None:
    """incidentresolution (Customer Service, 08/2024): no messages, properties or columns, only
    a ``## Many-to-One relationships`` block in backticked cells with an empty IsHierarchical
    and an Archive cascade: an extension carrying that one relationship, with no warning."""
    spec, warnings = parse(RELATIONSHIPS_ONLY_EXTENSION)
    assert warnings == []
    assert isinstance(spec, TableExtension)
    assert spec.logical_name == "incidentresolution"
    assert spec.solution == "Microsoft Dynamics 365 Customer Service"
    assert spec.columns == ()
    (one,) = spec.relationships.many_to_one
    assert (one.referenced_entity, one.referencing_entity, one.referencing_attribute) == (
        "transactioncurrency",
        "incidentresolution",
        "transactioncurrencyid",
    )
    assert one.referencing_entity_navigation_property_name == (
        "transactioncurrencyid_incidentresolution"
    )
    assert one.is_hierarchical is None
    assert one.cascade_configuration is not None
    assert one.cascade_configuration.archive is CascadeType.NO_CASCADE
    assert one.cascade_configuration.delete is CascadeType.RESTRICT


SALES_2022 = """\
---
title: "Price List Item (ProductPriceLevel)  table/entity reference (Dynamics 365 Sales)"
ms.date: 12/26/2022
---

# Price List Item (ProductPriceLevel)  table/entity reference

Information about how to price a product in the specified price level.

**Added by**: Product Management Solution

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|productpricelevels|
|LogicalName|productpricelevel|
|OwnershipType|None|
|PrimaryIdAttribute|productpricelevelid|
|SchemaName|ProductPriceLevel|

## Writable columns/attributes

### <a name="BKMK_DiscountTypeId"></a> DiscountTypeId

**Added by**: Sales Solution

|Property|Value|
|--------|-----|
|Description|Unique identifier of the discount list associated with the price list.|
|LogicalName|discounttypeid|
|RequiredLevel|None|
|Targets|discounttype|
|Type|Lookup|


### <a name="BKMK_ProductPriceLevelId"></a> ProductPriceLevelId

|Property|Value|
|--------|-----|
|LogicalName|productpricelevelid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_UoMId"></a> UoMId

|Property|Value|
|--------|-----|
|LogicalName|uomid|
|RequiredLevel|ApplicationRequired|
|Targets|uom|
|Type|Lookup|

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the \
related table. Listed by **SchemaName**.

- [unit_of_measurement_product_price_levels](#BKMK_uom)
- [discount_type_product_price_levels](#BKMK_discount)


### <a name="BKMK_uom"></a> unit_of_measurement_product_price_levels

See the [unit_of_measurement_product_price_levels](uom.md#BKMK_uom) one-to-many relationship \
for the [uom](uom.md) table/entity.

### <a name="BKMK_discount"></a> discount_type_product_price_levels

**Added by**: Sales Solution

See the [discount_type_product_price_levels](discounttype.md#BKMK_discount) one-to-many \
relationship for the [discounttype](discounttype.md) table/entity.

### See also

[About the table reference](../about-entity-reference.md)<br />
"""

UOM = """\
# Unit (UoM) table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|uoms|
|LogicalName|uom|
|OwnershipType|None|
|PrimaryIdAttribute|uomid|
|SchemaName|UoM|

## Writable columns/attributes

### <a name="BKMK_UoMId"></a> UoMId

|Property|Value|
|--------|-----|
|LogicalName|uomid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## One-To-Many Relationships

### <a name="BKMK_uom"></a> unit_of_measurement_product_price_levels

|Property|Value|
|--------|-----|
|ReferencingEntity|productpricelevel|
|ReferencingAttribute|uomid|
|ReferencedEntityNavigationPropertyName|unit_of_measurement_product_price_levels|
|CascadeConfiguration|Assign: NoCascade<br />Delete: Restrict<br />Merge: NoCascade<br />\
Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|
"""


def test_a_2022_sales_page_with_see_the_many_to_one_sentences() -> None:
    """productpricelevel (Sales, 12/2022): ``**Added by**`` above a column's table and above a
    relationship's sentence, and many-to-one relationships given only as "See the [name] one-to-many
    relationship for the [table] table/entity.": each names the table it references."""
    spec = table(SALES_2022)
    assert spec.added_by == "Product Management"
    columns = {column.logical_name: column for column in spec.columns}
    assert columns["discounttypeid"].type is ColumnType.LOOKUP
    assert columns["discounttypeid"].targets == ("discounttype",)
    assert columns["discounttypeid"].added_by == "Sales"
    named = {r.schema_name: r.referenced_entity for r in spec.relationships.many_to_one}
    assert named == {
        "unit_of_measurement_product_price_levels": "uom",
        "discount_type_product_price_levels": "discounttype",
    }


def test_the_sales_page_run_with_the_table_it_references(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run together with the uom page, the lookup's foreign key references uom with the Delete
    of the relationship the uom page states, and the OData partners point back to each other."""
    (project / "specs" / "productpricelevel.md").write_text(SALES_2022, encoding="utf-8")
    (project / "specs" / "uom.md").write_text(UOM, encoding="utf-8")
    code, _out, err = run(capsys, "generate", "--out", "out")
    assert code == 0, err
    ddl = (project / "out" / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    connection = sqlite3.connect(":memory:")
    connection.executescript(ddl)
    keys = connection.execute("PRAGMA foreign_key_list(productpricelevel)").fetchall()
    assert [(k[2], k[3], k[4], k[6]) for k in keys] == [("uom", "uomid", "uomid", "RESTRICT")]
    metadata = (project / "out" / "odata" / "metadata.xml").read_text(encoding="utf-8")
    assert (
        '<NavigationProperty Name="unit_of_measurement_product_price_levels" '
        'Type="Collection(mscrm.productpricelevel)" Partner="uomid"/>'
    ) in metadata


CUSTOMIZED_EXPONENT = """\
---
title: "Entitlement Channel (EntitlementChannel) table/entity reference (Microsoft Dynamics 365 \
Customer Service)"
ms.date: 08/26/2024
---

# Entitlement Channel (EntitlementChannel) table/entity reference

> [!NOTE]
> The Microsoft Dynamics 365 Customer Service Entitlement Channel (EntitlementChannel) table \
extends the [Microsoft Dynamics 365 Entitlement Channel (EntitlementChannel) \
table](/dynamics365/developer/entities/entitlementchannel).

## Customized columns/attributes

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

Changes from [ExchangeRate (Microsoft Dynamics 365)](/dynamics365/developer/entities/\
entitlementchannel#BKMK_ExchangeRate)

|Property|Value|
|---|---|
|MinValue|1E-12|
|Precision|12|
"""

CHANNEL = """\
# Entitlement Channel (EntitlementChannel) table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|entitlementchannels|
|LogicalName|entitlementchannel|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|entitlementchannelid|
|SchemaName|EntitlementChannel|

## Writable columns/attributes

### <a name="BKMK_EntitlementChannelId"></a> EntitlementChannelId

|Property|Value|
|--------|-----|
|LogicalName|entitlementchannelid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## Read-only columns/attributes

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|--------|-----|
|LogicalName|exchangerate|
|MaxValue|100000000000|
|MinValue|0.0000000001|
|Precision|10|
|RequiredLevel|None|
|Type|Decimal|
"""


def test_a_customized_minimum_written_with_an_exponent() -> None:
    """entitlementchannel (Customer Service, 08/2024) changes ExchangeRate's MinValue to
    ``1E-12``: read as that decimal and applied over the base page's minimum and precision."""
    tables, warnings = resolved(("channel.md", CHANNEL), ("cs.md", CUSTOMIZED_EXPONENT))
    assert warnings == []
    (channel,) = tables.tables
    rate = next(c for c in channel.columns if c.logical_name == "exchangerate")
    assert rate.min_value == Decimal("0.000000000001")
    assert rate.precision == 12


HTML_DESCRIPTION = """\
# msdyn_sessionparticipant Entity Reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|msdyn_sessionparticipants|
|LogicalName|msdyn_sessionparticipant|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|msdyn_sessionparticipantid|
|SchemaName|msdyn_sessionparticipant|

## Writable columns/attributes

### <a name="BKMK_msdyn_assignreason"></a> msdyn_assignreason

|Property|Value|
|--------|-----|
|Description|The agent assignment reason. Possible values include:<br><ul><li>AgentConsult</li>\
<li>AgentPick</li></ul>|
|LogicalName|msdyn_assignreason|
|MaxLength|100|
|RequiredLevel|ApplicationRequired|
|Type|String|

### <a name="BKMK_msdyn_sessionparticipantId"></a> msdyn_sessionparticipantId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_sessionparticipantid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_a_description_cell_holding_an_html_list() -> None:
    """msdyn_sessionparticipant (Omnichannel, 06/2024): a Description cell with ``<br>`` then a
    raw ``<ul><li>`` list: the break is a line break and the list is kept as text (spec text
    is data, escaped by each target)."""
    spec = table(HTML_DESCRIPTION)
    reason = next(c for c in spec.columns if c.logical_name == "msdyn_assignreason")
    assert reason.description == (
        "The agent assignment reason. Possible values include:\n"
        "<ul><li>AgentConsult</li><li>AgentPick</li></ul>"
    )
