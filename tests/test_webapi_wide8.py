"""An eighth round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``):
tables of Dynamics 365's apps from MicrosoftDocs/dynamics-365-customer-engagement, each read
alone and together, so that most of their relationships lead outside the set: Marketing's
``listmember`` (an intersect table with lookups, OwnershipType None) and ``bulkoperationlog``
(UserOwned, the intersect table of six many-to-many relationships, lookups to an activity and
to ``activitypointer``), Product Management's ``productsubstitute`` (a 2017 page of
``ce/developer/entities/``, two lookups to ``product``) and Sales' ``productsalesliterature``
(an intersect table), the generated reference pages of ``ce/developer/reference/entities/``.

The fault found: a table owned by a user or team whose generated reference page names no
relationship for its Owner column (``bulkoperationlog``: ``team_bulkoperationlog`` and
``user_bulkoperationlog`` but no ``owner_bulkoperationlog``) was given an ``ownerid``
navigation property without Partner, where Microsoft's ``$metadata`` has only
``_ownerid_value`` (as for ``knowledgearticleincident`` and ``entitlementchannel``, whose
pages name no owner relationship either). A generated page lists every many-to-one
relationship, the owner's where Dataverse has one (``owner_annotations``,
``owner_msdyn_workorderservice``)."""

from __future__ import annotations

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from tests.pages import resolved
from tests.test_odata_support import render_set
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_webapi_wide import partners

GENERATED = """---
title: "Bulk Operation Log (BulkOperationLog) table/entity reference (Microsoft Dynamics 365)"
ms.topic: {topic}
---

# Bulk Operation Log (BulkOperationLog) table/entity reference (Microsoft Dynamics 365)

Log used to track bulk operation execution, successes, and failures.

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Bulk Operation Log** |
| **SchemaName** | `BulkOperationLog` |
| **EntitySetName** | `bulkoperationlogs`|
| **LogicalName** | `bulkoperationlog` |
| **PrimaryIdAttribute** | `bulkoperationlogid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

- [BulkOperationLogId](#BKMK_BulkOperationLogId)
- [Name](#BKMK_Name)

### <a name="BKMK_BulkOperationLogId"></a> BulkOperationLogId

|Property|Value|
|---|---|
|LogicalName|`bulkoperationlogid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Name"></a> Name

|Property|Value|
|---|---|
|LogicalName|`name`|
|RequiredLevel|ApplicationRequired|
|Type|String|
|MaxLength|100|

## Read-only columns/attributes

- [OwnerId](#BKMK_OwnerId)
- [OwningTeam](#BKMK_OwningTeam)
- [OwningUser](#BKMK_OwningUser)

### <a name="BKMK_OwnerId"></a> OwnerId

|Property|Value|
|---|---|
|LogicalName|`ownerid`|
|RequiredLevel|ApplicationRequired|
|Type|Owner|
|Targets|systemuser, team|

### <a name="BKMK_OwningTeam"></a> OwningTeam

|Property|Value|
|---|---|
|LogicalName|`owningteam`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|team|

### <a name="BKMK_OwningUser"></a> OwningUser

|Property|Value|
|---|---|
|LogicalName|`owninguser`|
|RequiredLevel|ApplicationRequired|
|Type|Lookup|
|Targets||

## Many-to-One relationships

- [team_bulkoperationlog](#BKMK_team_bulkoperationlog)
- [user_bulkoperationlog](#BKMK_user_bulkoperationlog)
{owner_item}
### <a name="BKMK_team_bulkoperationlog"></a> team_bulkoperationlog

One-To-Many Relationship: [team team_bulkoperationlog](team.md#BKMK_team_bulkoperationlog)

|Property|Value|
|---|---|
|ReferencedEntity|`team`|
|ReferencedAttribute|`teamid`|
|ReferencingAttribute|`owningteam`|
|ReferencingEntityNavigationPropertyName|`owningteam`|

### <a name="BKMK_user_bulkoperationlog"></a> user_bulkoperationlog

One-To-Many Relationship: [systemuser user_bulkoperationlog](systemuser.md#BKMK_user_bulkoperationlog)

|Property|Value|
|---|---|
|ReferencedEntity|`systemuser`|
|ReferencedAttribute|`systemuserid`|
|ReferencingAttribute|`owninguser`|
|ReferencingEntityNavigationPropertyName|`owninguser`|
{owner_block}"""
"""``bulkoperationlog``'s generated reference page (ce/developer/reference/entities,
commit 99e7925d), cut to its owner columns and their relationships."""

OWNER_ITEM = "- [owner_bulkoperationlog](#BKMK_owner_bulkoperationlog)\n"
OWNER_BLOCK = """
### <a name="BKMK_owner_bulkoperationlog"></a> owner_bulkoperationlog

One-To-Many Relationship: [owner owner_bulkoperationlog](owner.md#BKMK_owner_bulkoperationlog)

|Property|Value|
|---|---|
|ReferencedEntity|`owner`|
|ReferencedAttribute|`ownerid`|
|ReferencingAttribute|`ownerid`|
|ReferencingEntityNavigationPropertyName|`ownerid`|
"""
"""An owner relationship as generated pages write it (``owner_msdyn_workorderservice``)."""


def _page(topic: str = "generated-reference", owner: bool = False) -> tuple[str, str]:
    text = GENERATED.format(
        topic=topic,
        owner_item=OWNER_ITEM if owner else "",
        owner_block=OWNER_BLOCK if owner else "",
    )
    return ("bulkoperationlog.md", text)


def _type(page: tuple[str, str]) -> EntityTypeDecl:
    table_set, warnings = resolved(page)
    assert warnings == []
    names = Names("Microsoft.Dynamics.CRM", "mscrm", "System")
    document = build_document(table_set, names, Diagnostics())
    return {str(t.name): t for t in document.entity_types}["bulkoperationlog"]


def test_a_generated_page_naming_no_owner_relationship_gives_no_owner_navigation() -> None:
    """``bulkoperationlog``'s page names ``team_bulkoperationlog`` and
    ``user_bulkoperationlog``, no owner relationship: Microsoft's EntityType has
    ``owningteam`` and ``owninguser`` and only ``_ownerid_value`` for the owner; dvgen gave an
    ``ownerid`` navigation property without Partner."""
    entity = _type(_page())
    assert partners(entity) == {
        "owningteam": "team_bulkoperationlog",
        "owninguser": "user_bulkoperationlog",
    }
    assert "_ownerid_value" in {str(p.name) for p in entity.properties}


def test_a_generated_page_naming_its_owner_relationship_keeps_it() -> None:
    """Where the page names it (``owner_annotations``, ``owner_msdyn_workorderservice``), the
    owner's navigation property is there with its Partner."""
    assert partners(_type(_page(owner=True)))["ownerid"] == "owner_bulkoperationlog"


@pytest.mark.parametrize("topic", ["reference", '"reference"'])
def test_an_older_page_still_has_its_owner_navigation(topic: str) -> None:
    """Pages before the generated reference (``account``'s 2023 page) leave the owner
    relationship out though Dataverse has it (``owner_accounts``): the navigation property
    stays, without Partner, as before."""
    assert partners(_type(_page(topic=topic)))["ownerid"] is None


@needs_xsd
def test_the_document_without_the_owner_navigation_is_valid_csdl() -> None:
    """The document of the page is valid against OASIS's CSDL schema."""
    table_set, warnings = resolved(_page())
    assert warnings == []
    rendered = render_set(table_set)
    assert xsd_errors(rendered.text.encode("utf-8")) == []
    assert 'Name="_ownerid_value"' in rendered.text
    assert 'NavigationProperty Name="ownerid"' not in rendered.text
