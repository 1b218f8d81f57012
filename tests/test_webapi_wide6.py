"""A sixth round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``), on
kinds of tables few rounds had compared: tables whose owner follows a parent (OwnershipType
None: ``knowledgearticleviews``, 2023 page; ``customeraddress``, 2025; ``activitymimeattachment``,
2025), tables related to themselves (``subject``, ``category``, 2023; ``feedback``, 2020, by its
polymorphic regarding), Customer lookups (``socialprofile``, 2022), knowledge tables
(``knowledgebaserecord``, ``kbarticletemplate``, ``msdyn_knowledgearticletemplate``, 2023),
Field Service's ``msdyn_customerasset`` (Remote Assist's page of 2024, which lists no
relationship) and Project Service Automation's ``msdyn_projecttaskdependency`` (2017). 197 of
Microsoft's 206 properties are declared with its Edm type and 185 of 185 with its read-only
flag; 75 of its 105 single-valued navigation properties, 71 partnered (72 and 68 before the fix
below), and 22 of 32 collections between the tables. What is left is what the pages do not say
(see the tests' docstrings and docs/odata.md): navigation properties a solution named its own
way (``feedback.ContactId``, ``category.lk_category_createdby``), the relationships a page
without any relationship section leaves out, and columns newer or older than Microsoft's 2021
files.

The fault found: a Project Service Automation table's own lookups were named by their logical
names, as Field Service's are, because its page is a Dynamics 365 app's."""

from __future__ import annotations

from tests.test_webapi_wide import entity_type, partners
from tests.test_webapi_wide4 import _page, _types

DEPENDENCY = [
    ("CreatedBy", "createdby", "systemuser", "lk_x_dependency_createdby"),
    ("msdyn_PredecessorTask", "msdyn_predecessortask", "msdyn_projecttask", "x_task_x_dependency"),
    ("msdyn_Project", "msdyn_project", "msdyn_project", "x_project_x_dependency_Project"),
]


def _dependency(added: str) -> dict[str, str | None]:
    """The navigation properties of a 2017 page of a table ``added`` made, with two lookups of
    its own whose SchemaNames are not their logical names."""
    types = _types(("x_dependency.md", _page("x_dependency", "x_Dependency", added, DEPENDENCY)))
    return partners(types["x_dependency"])


def test_a_project_service_tables_own_lookups_keep_their_schema_names() -> None:
    """Microsoft's ``$metadata`` names every lookup of Project Service Automation's tables by
    its SchemaName, the app page notwithstanding: ``msdyn_projecttaskdependency`` (2017 page,
    ce/developer/entities) has ``msdyn_PredecessorTask``, ``msdyn_Project`` and
    ``msdyn_SuccessorTask`` (Partners ``msdyn_msdyn_projecttask_msdyn_projecttaskdependency_
    PredecessorTask``...), ``msdyn_project`` ``msdyn_ContractOrganizationalUnitId`` and
    ``msdyn_ProjectTemplate``, ``msdyn_userworkhistory`` ``msdyn_Bookableresource``; dvgen gave
    ``msdyn_predecessortask``, as for Field Service's tables. The platform's lookups keep their
    logical names (``createdby``)."""
    assert _dependency("Project Service Automation") == {
        "createdby": "lk_x_dependency_createdby",
        "msdyn_PredecessorTask": "x_task_x_dependency",
        "msdyn_Project": "x_project_x_dependency_Project",
    }


def test_a_field_service_tables_lookups_keep_their_logical_names() -> None:
    """Field Service's tables do not: ``msdyn_workorder`` has ``msdyn_serviceaccount`` and 21
    more logical names in Microsoft's ``$metadata``, ``msdyn_customerasset`` ``msdyn_account``,
    ``msdyn_product``, ``msdyn_workorderproduct``."""
    assert set(_dependency("Field Service")) == {
        "createdby",
        "msdyn_predecessortask",
        "msdyn_project",
    }


VIEWS = """---
title: "x_views table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 03/07/2023
---

# x_views table/entity reference

Views of an article per day.

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|x_viewses|
|LogicalName|x_views|
|OwnershipType|None|
|PrimaryIdAttribute|x_viewsid|
|SchemaName|x_views|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [x_viewsId](#BKMK_x_viewsId)


### <a name="BKMK_x_viewsId"></a> x_viewsId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the views|
|DisplayName|View|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|x_viewsid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [OwnerId](#BKMK_OwnerId)
- [OwningBusinessUnit](#BKMK_OwningBusinessUnit)


### <a name="BKMK_OwnerId"></a> OwnerId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the user or team who owns the views.|
|DisplayName|Owner|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|ownerid|
|RequiredLevel|ApplicationRequired|
|Targets|systemuser,team|
|Type|Owner|


### <a name="BKMK_OwningBusinessUnit"></a> OwningBusinessUnit

|Property|Value|
|--------|-----|
|Description|Unique identifier of the business unit that owns the views.|
|DisplayName|Owning Business Unit|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|owningbusinessunit|
|RequiredLevel|ApplicationRequired|
|Type|Uniqueidentifier|
"""


def test_an_owner_that_follows_the_parent_has_no_navigation_property() -> None:
    """``knowledgearticleviews`` (OwnershipType None, 2023 page): Microsoft's EntityType has
    ``_ownerid_value`` without a navigation property and ``owningbusinessunit`` as a plain
    Guid, the page's Uniqueidentifier; so has ``customeraddress``, whose owning business unit
    is a Lookup no relationship of the page names."""
    views = entity_type("x_views", VIEWS)
    properties = {str(p.name): p.type for p in views.properties}
    assert properties["_ownerid_value"] == "Edm.Guid"
    assert properties["owningbusinessunit"] == "Edm.Guid"
    assert partners(views) == {}


PROFILE = """---
title: "x_profile table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 05/23/2022
---

# x_profile table/entity reference

A social profile of a customer, and the profile it was merged into.

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|x_profiles|
|LogicalName|x_profile|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|x_profileid|
|SchemaName|x_profile|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [CustomerId](#BKMK_CustomerId)
- [ParentProfile](#BKMK_ParentProfile)
- [x_profileId](#BKMK_x_profileId)


### <a name="BKMK_CustomerId"></a> CustomerId

|Property|Value|
|--------|-----|
|Description|Shows the customer that this social profile belongs to.|
|DisplayName|Customer|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|customerid|
|RequiredLevel|None|
|Targets|account,contact|
|Type|Customer|


### <a name="BKMK_ParentProfile"></a> ParentProfile

|Property|Value|
|--------|-----|
|Description|The profile this one was merged into.|
|DisplayName|Parent Profile|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|parentprofile|
|RequiredLevel|None|
|Targets|x_profile|
|Type|Lookup|


### <a name="BKMK_x_profileId"></a> x_profileId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the profile.|
|DisplayName|Profile|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|x_profileid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

- [x_profile_parent_profile](#BKMK_x_profile_parent_profile)


### <a name="BKMK_x_profile_parent_profile"></a> x_profile_parent_profile

Same as the [x_profile_parent_profile](x_profile.md#BKMK_x_profile_parent_profile) many-to-one relationship for the [x_profile](x_profile.md) table/entity.

|Property|Value|
|--------|-----|
|ReferencingEntity|x_profile|
|ReferencingAttribute|parentprofile|
|IsHierarchical|True|
|IsCustomizable|False|
|ReferencedEntityNavigationPropertyName|x_profile_parent_profile|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |
|CascadeConfiguration|Assign: NoCascade<br />Delete: RemoveLink<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related table. Listed by **SchemaName**.

- [x_profile_customer_accounts](#BKMK_x_profile_customer_accounts)
- [x_profile_customer_contacts](#BKMK_x_profile_customer_contacts)
- [x_profile_parent_profile](#BKMK_x_profile_parent_profile)


### <a name="BKMK_x_profile_customer_accounts"></a> x_profile_customer_accounts

See the [x_profile_customer_accounts](account.md#BKMK_x_profile_customer_accounts) one-to-many relationship for the [account](account.md) table/entity.

### <a name="BKMK_x_profile_customer_contacts"></a> x_profile_customer_contacts

See the [x_profile_customer_contacts](contact.md#BKMK_x_profile_customer_contacts) one-to-many relationship for the [contact](contact.md) table/entity.

### <a name="BKMK_x_profile_parent_profile"></a> x_profile_parent_profile

See the [x_profile_parent_profile](x_profile.md#BKMK_x_profile_parent_profile) one-to-many relationship for the [x_profile](x_profile.md) table/entity.
"""


def test_a_customer_lookup_and_a_self_relationship_are_named_as_microsoft_names_them() -> None:
    """``socialprofile`` (2022 page): ``customerid_account`` and ``customerid_contact``,
    partnered with ``Socialprofile_customer_accounts`` and ``..._contacts``; ``subject``,
    ``category`` (2023 pages): the parent lookup keeps its name (``parentsubject``), partnered
    with the relationship's collection on the same type (``subject_parent_subject``), which is
    partnered back."""
    navigations = partners(entity_type("x_profile", PROFILE))
    assert navigations == {
        "customerid_account": "x_profile_customer_accounts",
        "customerid_contact": "x_profile_customer_contacts",
        "parentprofile": "x_profile_parent_profile",
        "x_profile_parent_profile": "parentprofile",
    }
