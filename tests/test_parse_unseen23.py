"""Variations met in a twenty-third round of real pages outside the corpus, the random draw of
rounds 15 to 20 continued (seed 15; 13 pages: powerapps-docs table pages of 2023 and 2024,
Dynamics 365 Customer Engagement pages of 2017 and of the generated reference, five of them
extension pages), each page run alone and with the corpus. No fault found; the readings met for
the first time are pinned here, each on a minimal page written for it."""

from __future__ import annotations

from dvgen.model import MenuConfiguration
from tests.pages import table
from tests.test_odata_support import render

# Booking Status (Dynamics 365, generated reference): the many-to-one rows name the lookups'
# navigation properties `createdbyname` and `modifiedbyname`, not the lookups' own names (the
# Field Service tables do so); a one-to-many row names its collection with an "s" its schema
# name lacks; another's menu opens a real view (a ViewId other than the empty GUID) at Order 10.
BOOKING_STATUS = """\
---
ms.topic: generated-reference
---

# Booking Status (BookingStatus) table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `BookingStatus` |
| **CollectionSchemaName** | `BookingStatus` |
| **EntitySetName** | `bookingstatuses`|
| **LogicalName** | `bookingstatus` |
| **PrimaryIdAttribute** | `bookingstatusid` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

### <a name="BKMK_BookingStatusId"></a> BookingStatusId

|Property|Value|
|---|---|
|LogicalName|`bookingstatusid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## Read-only columns/attributes

### <a name="BKMK_CreatedBy"></a> CreatedBy

|Property|Value|
|---|---|
|LogicalName|`createdby`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|systemuser|

## Many-to-One relationships

### <a name="BKMK_lk_bookingstatus_createdby"></a> lk_bookingstatus_createdby

One-To-Many Relationship: [systemuser lk_bookingstatus_createdby](systemuser.md#BKMK_lk_bookingstatus_createdby)

|Property|Value|
|---|---|
|ReferencedEntity|`systemuser`|
|ReferencedAttribute|`systemuserid`|
|ReferencingAttribute|`createdby`|
|ReferencingEntityNavigationPropertyName|`createdbyname`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `NoCascade`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|

## One-to-Many relationships

### <a name="BKMK_bookingstatus_bookableresourcebooking_BookingStatus"></a> bookingstatus_bookableresourcebooking_BookingStatus

Many-To-One Relationship: [bookableresourcebooking bookingstatus_bookableresourcebooking_BookingStatus](bookableresourcebooking.md#BKMK_bookingstatus_bookableresourcebooking_BookingStatus)

|Property|Value|
|---|---|
|ReferencingEntity|`bookableresourcebooking`|
|ReferencingAttribute|`bookingstatus`|
|ReferencedEntityNavigationPropertyName|`bookingstatus_bookableresourcebooking_BookingStatus`|
|IsCustomizable|`True`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseCollectionName`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: 10<br />QueryApi: null<br />ViewId: `9b2c044a-2553-43f0-a816-9ffe35475f85`|

### <a name="BKMK_bookingstatus_PrincipalObjectAttributeAccess"></a> bookingstatus_PrincipalObjectAttributeAccess

Many-To-One Relationship: [principalobjectattributeaccess bookingstatus_PrincipalObjectAttributeAccess](principalobjectattributeaccess.md#BKMK_bookingstatus_PrincipalObjectAttributeAccess)

|Property|Value|
|---|---|
|ReferencingEntity|`principalobjectattributeaccess`|
|ReferencingAttribute|`objectid`|
|ReferencedEntityNavigationPropertyName|`bookingstatus_PrincipalObjectAttributeAccesses`|
|IsCustomizable|`True`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseCollectionName`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: <br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|
"""


def test_a_lookup_s_navigation_property_is_the_name_the_page_gives_it() -> None:
    """The row's ``createdbyname`` is the navigation property, in the model and the CSDL, bound
    to the ``createdby`` lookup; ``createdby`` itself names no navigation property."""
    spec = table(BOOKING_STATUS, "bookingstatus.md")
    (created,) = spec.relationships.many_to_one
    assert created.referencing_attribute == "createdby"
    assert created.referencing_entity_navigation_property_name == "createdbyname"
    navs = render(spec).navs("bookingstatus")
    assert navs["createdbyname"]["Type"] == "mscrm.systemuser"
    assert navs["createdbyname"]["Partner"] == "lk_bookingstatus_createdby"
    assert navs["createdbyname"]["constraint"] == "_createdby_value->systemuserid"
    assert "createdby" not in navs


def test_a_collection_named_apart_from_its_schema_name_and_a_real_view_are_kept() -> None:
    """The one-to-many's own navigation name (with its "s") is kept, not its schema name's, and
    the menu's ViewId of a real view and its Order are read as the page gives them."""
    spec = table(BOOKING_STATUS, "bookingstatus.md")
    bookings, accesses = spec.relationships.one_to_many
    assert bookings.associated_menu_configuration == MenuConfiguration(
        available_offline=True,
        behavior="UseCollectionName",
        group="Details",
        order=10,
        view_id="9b2c044a-2553-43f0-a816-9ffe35475f85",
    )
    assert accesses.schema_name == "bookingstatus_PrincipalObjectAttributeAccess"
    assert (
        accesses.referenced_entity_navigation_property_name
        == "bookingstatus_PrincipalObjectAttributeAccesses"
    )
    menu = accesses.associated_menu_configuration
    assert menu is not None
    assert (menu.order, menu.view_id) == (None, "00000000-0000-0000-0000-000000000000")
