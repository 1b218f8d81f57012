"""Variations met in a twenty-fourth round of real pages outside the corpus, the random draw of
rounds 15 to 23 continued (seed 15; 12 pages: powerapps-docs table pages of 2023 and 2024, one
of them 288,416 characters long, Dynamics 365 Customer Engagement pages of 2017 and of the
generated reference, three of them extension pages), each page run alone and with the corpus.
No fault found; the readings met for the first time are pinned here, each on a minimal page
written for it."""

from __future__ import annotations

import sqlite3

from dvgen.model import Table
from dvgen.targets.sql.keys import lookup_targets
from tests.pages import resolved, table
from tests.test_odata_support import render as render_odata
from tests.test_sql_support import render as render_sql

FRONT = """\
---
ms.topic: generated-reference
---

# {name} table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `{schema}` |
| **EntitySetName** | `{logical}s`|
| **LogicalName** | `{logical}` |
| **PrimaryIdAttribute** | `{logical}id` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

"""

CASCADE = (
    "Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `{delete}`<br />Merge: "
    "`NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: "
    "`NoCascade`<br />Unshare: `NoCascade`"
)


def _column(schema: str, kind: str, extra: str = "") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|LogicalName|`{schema.lower()}`|\n|RequiredLevel|None|\n|Type|{kind}|\n{extra}\n"
    )


def _many_to_one(name: str, entity: str, key: str, column: str, nav: str, delete: str) -> str:
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\nOne-To-Many Relationship: [{entity} {name}]'
        f"({entity}.md#BKMK_{name})\n\n|Property|Value|\n|---|---|\n"
        f"|ReferencedEntity|`{entity}`|\n|ReferencedAttribute|`{key}`|\n"
        f"|ReferencingAttribute|`{column}`|\n|ReferencingEntityNavigationPropertyName|`{nav}`|\n"
        f"|IsHierarchical||\n|CascadeConfiguration|{CASCADE.format(delete=delete)}|\n\n"
    )


def _page(name: str, schema: str, columns: str, relationships: str) -> str:
    logical = schema.lower()
    return (
        FRONT.format(name=name, schema=schema, logical=logical)
        + _column(f"{schema}Id", "Uniqueidentifier")
        + columns
        + "## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
        "**SchemaName**.\n\n" + relationships
    )


# Property (DynamicProperty, Dynamics 365 generated reference): the Regarding lookup's Targets
# row names only `product`, yet a second many-to-one relationship on the same column references
# `productassociation`. The row is kept as the page gives it; the relationship makes the lookup
# point at either table, so SQL gives it no single foreign key and the CSDL binds a navigation
# property per relationship to the one `_regardingobjectid_value`.
PROPERTY = _page(
    "Property (DynamicProperty)",
    "DynamicProperty",
    _column("RegardingObjectId", "Lookup", "|Targets|product|\n"),
    _many_to_one(
        "Product_DynamicProperty",
        "product",
        "productid",
        "regardingobjectid",
        "regardingobjectid_product",
        "Cascade",
    )
    + _many_to_one(
        "ProductAssociation_DynamicProperty",
        "productassociation",
        "productassociationid",
        "regardingobjectid",
        "regardingobjectid_productassociation",
        "Cascade",
    ),
)
PRODUCT = FRONT.format(name="Product (Product)", schema="Product", logical="product") + _column(
    "ProductId", "Uniqueidentifier"
)


def _property_set() -> tuple[Table, str]:
    tables, warnings = resolved(("dynamicproperty.md", PROPERTY), ("product.md", PRODUCT))
    assert warnings == []
    spec = tables.get("dynamicproperty")
    assert spec is not None
    sql, _ = render_sql(tables, "sqlite")
    return spec, sql


def test_a_relationship_beyond_the_targets_row_makes_the_lookup_polymorphic() -> None:
    spec, sql = _property_set()
    regarding = next(c for c in spec.columns if c.logical_name == "regardingobjectid")
    assert regarding.targets == ("product",)
    assert lookup_targets(spec, regarding) == ("product", "productassociation")
    assert "polymorphic lookup to product, productassociation: no foreign key" in sql
    assert 'REFERENCES "product"' not in sql
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(sql)
    association = "00000000-0000-0000-0000-0000000000a1"
    connection.execute(
        'INSERT INTO "dynamicproperty" ("dynamicpropertyid", "regardingobjectid") VALUES (?, ?)',
        ("00000000-0000-0000-0000-000000000001", association),
    )
    assert connection.execute('SELECT count(*) FROM "dynamicproperty"').fetchone() == (1,)


def test_each_relationship_on_the_lookup_keeps_its_navigation_property() -> None:
    navs = render_odata(table(PROPERTY, "dynamicproperty.md")).navs("dynamicproperty")
    product = navs["regardingobjectid_product"]
    association = navs["regardingobjectid_productassociation"]
    assert (product["Type"], product["constraint"]) == (
        "mscrm.product",
        "_regardingobjectid_value->productid",
    )
    assert (association["Type"], association["constraint"]) == (
        "mscrm.productassociation",
        "_regardingobjectid_value->productassociationid",
    )


# Field Sharing (PrincipalObjectAttributeAccess, powerapps-docs, 288,416 characters): a page of
# many-to-one relationships only (303), no PrimaryNameAttribute row, two lookups reaching the
# same tables (ObjectId and PrincipalId both to systemuser and team, the second pair's names
# ending in `_principalid`), activities joined on `activityid`.
SHARING = _page(
    "Field Sharing (PrincipalObjectAttributeAccess)",
    "PrincipalObjectAttributeAccess",
    _column("ObjectId", "Lookup", "|Targets|account, appointment, systemuser, team|\n")
    + _column("PrincipalId", "Lookup", "|Targets|systemuser, team|\n"),
    _many_to_one(
        "appointment_principalobjectattributeaccess",
        "appointment",
        "activityid",
        "objectid",
        "objectid_appointment",
        "Cascade",
    )
    + _many_to_one(
        "systemuser_principalobjectattributeaccess",
        "systemuser",
        "systemuserid",
        "objectid",
        "objectid_systemuser",
        "NoCascade",
    )
    + _many_to_one(
        "systemuser_principalobjectattributeaccess_principalid",
        "systemuser",
        "systemuserid",
        "principalid",
        "principalid_systemuser",
        "NoCascade",
    )
    + _many_to_one(
        "team_principalobjectattributeaccess_principalid",
        "team",
        "teamid",
        "principalid",
        "principalid_team",
        "Cascade",
    ),
)


def test_a_page_of_many_to_one_relationships_only_and_no_primary_name() -> None:
    spec = table(SHARING, "principalobjectattributeaccess.md")
    assert spec.primary_name_attribute is None
    assert spec.relationships.one_to_many == ()
    by_column = {r.schema_name: r.referencing_attribute for r in spec.relationships.many_to_one}
    assert by_column == {
        "appointment_principalobjectattributeaccess": "objectid",
        "systemuser_principalobjectattributeaccess": "objectid",
        "systemuser_principalobjectattributeaccess_principalid": "principalid",
        "team_principalobjectattributeaccess_principalid": "principalid",
    }
    objectid = next(c for c in spec.columns if c.logical_name == "objectid")
    assert lookup_targets(spec, objectid) == ("account", "appointment", "systemuser", "team")


def test_two_lookups_to_the_same_tables_bind_their_own_navigation_properties() -> None:
    navs = render_odata(table(SHARING, "principalobjectattributeaccess.md")).navs(
        "principalobjectattributeaccess"
    )
    assert navs["objectid_systemuser"]["constraint"] == "_objectid_value->systemuserid"
    assert navs["principalid_systemuser"]["constraint"] == "_principalid_value->systemuserid"
    assert navs["principalid_team"]["constraint"] == "_principalid_value->teamid"
    assert navs["objectid_appointment"]["constraint"] == "_objectid_value->activityid"
    assert navs["principalid_systemuser"]["Partner"] == (
        "systemuser_principalobjectattributeaccess_principalid"
    )
