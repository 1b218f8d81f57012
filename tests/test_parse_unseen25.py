"""Variations met in a twenty-fifth round of real pages outside the corpus, drawn at random (seed
25) from the OLD folders only: ce/developer/entities (Dynamics 365 Customer Engagement, 2017 bold
lines and property tables, 2019) and the common-data-service reference folder (2018 bold lines,
2019 property tables). Each page was run alone and with the corpus through every target and the
real tools.

One fault was found, in SQL rather than in a reader: campaign's 2017 page gives four
many-to-many relationships that share one intersect table, campaignitem, whose ``entityid`` holds
the id of a campaign, a list, a product or a sales literature (``entitytype`` says which). With
campaignitem's page in the set, SQL keyed ``entityid`` to campaign (the relationship of campaign
to itself names it), so every row that links a list, product or sales literature was refused.
Such a shared intersect column now gets no key, like any column that can hold several tables'
ids. The other tests pin, on minimal pages written for the test, what the readers took from
variations that no earlier test held."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dvgen.cli import main
from dvgen.model import ColumnType, Table, TableSet
from dvgen.targets.sql.keys import shared_intersect_columns
from tests.pages import resolved, table


def _table(tables: TableSet, name: str) -> Table:
    return next(t for t in tables.tables if t.logical_name == name)


def _many_to_many(name: str, other: str) -> str:
    menu = (
        "  - **Behavior**: DoNotDisplay\n  - **Group**: Details\n  - **Label**: \n  - **Order**: \n"
    )
    return f"""
### <a name="BKMK_{name}"></a> {name}

**IntersectEntityName**: campaignitem<br />
**Entity1LogicalName**: campaign<br />

- **Entity1IntersectAttribute**: campaignid
- **Entity1NavigationPropertyName**: {name}
- **Entity1AssociatedMenuConfiguration**:

{menu}
**Entity2LogicalName**: [{other}]({other}.md)<br />

- **Entity2IntersectAttribute**: entityid
- **Entity2NavigationPropertyName**: {name}
- **Entity2AssociatedMenuConfiguration**:

{menu}
**IsCustomizable**: False<br />
"""


# campaign's 2017 page (ce/developer/entities, bold lines): its many-to-many relationships all
# use campaignitem, one of them joining campaign to itself.
CAMPAIGN = (
    """\
---
title: "Campaign Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| MicrosoftDocs"
ms.date: 10/31/2017
---
# Campaign Entity Reference

Container for campaign activities and responses.

## Properties

**DisplayName**: Campaign<br />
**SchemaName**: Campaign<br />
**LogicalName**: campaign<br />
**EntitySetName**: campaigns<br />
**PrimaryIdAttribute**: campaignid<br />
**OwnershipType**: UserOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [CampaignId](#BKMK_CampaignId)


### <a name="BKMK_CampaignId"></a> CampaignId

**Description**: Unique identifier of the campaign.<br />
**DisplayName**: Campaign<br />
**LogicalName**: campaignid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />

<a name="manytomany"></a>

## Many-To-Many Relationships

Relationship details provided where the Campaign entity is the first entity in the relationship. Listed by **SchemaName**.

- [campaigncampaign_association](#BKMK_campaigncampaign_association)
- [campaignlist_association](#BKMK_campaignlist_association)

"""
    + _many_to_many("campaigncampaign_association", "campaign")
    + _many_to_many("campaignlist_association", "list")
    + """
## See also

[About the Entity Reference](../about-entity-reference.md)<br />
"""
)

CAMPAIGNITEM = """\
logical_name: campaignitem
schema_name: CampaignItem
entity_set_name: campaignitems
primary_id_attribute: campaignitemid
columns:
  - {logical_name: campaignitemid, schema_name: CampaignItemId, type: Uniqueidentifier}
  - {logical_name: campaignid, schema_name: CampaignId, type: Uniqueidentifier}
  - {logical_name: entityid, schema_name: EntityId, type: Uniqueidentifier}
"""


def test_both_sides_of_a_self_referencing_many_to_many_page_are_read() -> None:
    campaign = table(CAMPAIGN, "campaign.md")
    own = {r.schema_name: r for r in campaign.relationships.many_to_many}
    self_join = own["campaigncampaign_association"]
    assert (self_join.intersect_entity_name, self_join.entity1) == ("campaignitem", "campaign")
    assert (self_join.this_table.logical_name, self_join.this_table.intersect_attribute) == (
        "campaign",
        "campaignid",
    )
    assert (self_join.other_table.logical_name, self_join.other_table.intersect_attribute) == (
        "campaign",
        "entityid",
    )
    assert own["campaignlist_association"].other_table.logical_name == "list"


def test_an_intersect_column_shared_by_several_tables_is_known() -> None:
    tables, warnings = resolved(("campaign.md", CAMPAIGN))
    assert warnings == []
    assert shared_intersect_columns(tables) == {"campaignitem": {"entityid": ("campaign", "list")}}


def test_an_intersect_column_shared_by_several_tables_gets_no_key(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "campaign.md").write_text(CAMPAIGN)
    (folder / "campaignitem.yaml").write_text(CAMPAIGNITEM)
    out = tmp_path / "out"
    argv = ["generate", "--specs", str(folder), "--out", str(out), "--no-cache", "-q"]
    assert main([*argv, "--target", "sql"]) == 0
    schema = (out / "sql" / "sqlite" / "schema.sql").read_text()
    with sqlite3.connect(":memory:") as db:
        db.executescript(schema)
        keys = db.execute("PRAGMA foreign_key_list('campaignitem')").fetchall()
        campaign, item = (
            "11111111-1111-1111-1111-111111111111",
            "22222222-2222-2222-2222-222222222222",
        )
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("INSERT INTO campaign (campaignid) VALUES (?)", (campaign,))
        # a list's id: no campaign has it, and the row is still taken
        db.execute(
            "INSERT INTO campaignitem (campaignitemid, campaignid, entityid) VALUES (?, ?, ?)",
            (item, campaign, "33333333-3333-3333-3333-333333333333"),
        )
    assert [(row[3], row[2], row[4]) for row in keys] == [("campaignid", "campaign", "campaignid")]
    assert "intersect column of the ids of campaign, list: no foreign key" in schema


# A 2018 page of the common-data-service folder (hierarchyrule): a Many-To-One section without
# its list of links, and after its last relationship a stray line holding the table's name.
STRAY_NAME = """\
---
title: "HierarchyRule Entity Reference (Common Data Service for Apps)| Microsoft Docs"
ms.date: 03/07/2018
---
# HierarchyRule Entity Reference

Organization-owned entity customizations.

## Entity Properties

**DisplayName**: Hierarchy Rule<br />
**SchemaName**: HierarchyRule<br />
**LogicalName**: hierarchyrule<br />
**EntitySetName**: hierarchyrules<br />
**PrimaryIdAttribute**: hierarchyruleid<br />
**OwnershipType**: OrganizationOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [HierarchyRuleID](#BKMK_HierarchyRuleID)


### <a name="BKMK_HierarchyRuleID"></a> HierarchyRuleID

**Description**: Unique identifier of the record type hierarchy rule.<br />
**DisplayName**: <br />
**LogicalName**: hierarchyruleid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. Listed by **SchemaName**.

- [OrganizationId](#BKMK_OrganizationId)


### <a name="BKMK_OrganizationId"></a> OrganizationId

**Description**: Unique identifier of the organization.<br />
**DisplayName**: <br />
**LogicalName**: organizationid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Lookup<br />
**Targets**: organization

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related entity. Listed by **SchemaName**.


### <a name="BKMK_organization_hierarchyrules"></a> organization_hierarchyrules

See organization Entity [organization_hierarchyrules](organization.md#BKMK_organization_hierarchyrules) One-To-Many relationship.
hierarchyrule

"""


def test_a_stray_table_name_after_the_last_relationship_is_no_relationship() -> None:
    rule = table(STRAY_NAME, "hierarchyrule.md")
    assert [c.logical_name for c in rule.columns] == ["hierarchyruleid", "organizationid"]
    (only,) = rule.relationships.many_to_one
    assert (only.schema_name, only.referenced_entity) == (
        "organization_hierarchyrules",
        "organization",
    )
    assert rule.relationships.one_to_many == () and rule.relationships.many_to_many == ()


# A 2018 page (annualfiscalcalendar): no primary name ("**PrimaryNameAttribute**: <br />"), no
# ownership, and a column whose schema name (Period1) is not its logical name (annual).
SCHEMA_NOT_LOGICAL = """\
---
title: "AnnualFiscalCalendar Entity Reference (Common Data Service for Apps)| Microsoft Docs"
ms.date: 03/07/2018
---
# AnnualFiscalCalendar Entity Reference

Year long fiscal calendar of an organization.

## Entity Properties

**DisplayName**: Annual Fiscal Calendar<br />
**SchemaName**: AnnualFiscalCalendar<br />
**LogicalName**: annualfiscalcalendar<br />
**EntitySetName**: annualfiscalcalendars<br />
**PrimaryIdAttribute**: userfiscalcalendarid<br />
**PrimaryNameAttribute**: <br />
**OwnershipType**: None<br />
<a name="writable-attributes"></a>

## Writable attributes

- [Period1](#BKMK_Period1)
- [UserFiscalCalendarId](#BKMK_UserFiscalCalendarId)


### <a name="BKMK_Period1"></a> Period1

**Description**: Sales quota for the first period in the fiscal year.<br />
**DisplayName**: <br />
**LogicalName**: annual<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Money<br />
**MaxValue**: 100000000000<br />
**MinValue**: 0<br />
**Precision**: 2<br />
**PrecisionSource**: 2


### <a name="BKMK_UserFiscalCalendarId"></a> UserFiscalCalendarId

**Description**: Unique identifier of the user associated with the annual fiscal calendar.<br />
**DisplayName**: <br />
**LogicalName**: userfiscalcalendarid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />

"""


def test_a_column_whose_schema_name_is_not_its_logical_name() -> None:
    calendar = table(SCHEMA_NOT_LOGICAL, "annualfiscalcalendar.md")
    assert calendar.primary_id_attribute == "userfiscalcalendarid"
    assert calendar.primary_name_attribute is None
    annual = calendar.columns[0]
    assert (annual.logical_name, annual.schema_name, annual.type) == (
        "annual",
        "Period1",
        ColumnType.MONEY,
    )
    assert (annual.min_value, annual.max_value, annual.precision) == (0, 100000000000, 2)
    assert annual.required_level is not None and annual.required_level.value == "SystemRequired"
