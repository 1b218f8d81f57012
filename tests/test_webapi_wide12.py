"""A twelfth round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``):
8 tables of Outlook and Exchange synchronisation and Power Automate, from
MicrosoftDocs/powerapps-docs, pages of 2021-2024, each read alone and together:
``exchangesyncidmapping``, ``subscriptionmanuallytrackedobject``,
``subscriptionsyncentryoutlook``, ``subscriptionsyncentryoffline``,
``subscriptionstatisticsoutlook``, ``subscriptionstatisticsoffline``,
``interactionforemail`` and ``flowmachinegroup``, comparing Edm types, read-only flags,
``_<name>_value`` properties, navigation properties and their Partners, bind keys, keys and
alternate keys.

No fault of dvgen's was found: every property Microsoft exposes is declared with its Edm type
and read-only flag, every lookup's ``_<name>_value`` and navigation property is there. The
differences left are the pages' silence or Microsoft's 2021 names: the owner relationship
``exchangesyncidmapping``'s page does not list (``owner_exchangesyncidmapping``, a name no rule
gives), ``interactionforemail``'s relationships, renamed since the table was
``new_interactionforemail`` (Microsoft's partners keep ``lk_new_interactionforemail_createdby``,
``regardingobjectid_new_interactionforemail``, which only the other tables' pages state), the
navigation property ``FlowMachineGroupId`` of ``flowmachine``, a table outside the set, and
``flowmachinegroup``'s columns added after 2021. These tests hold the facts that agree, from
short excerpts of the pages, so that later rounds keep them."""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import Document, EntityTypeDecl, NavigationDecl
from dvgen.webapi.navs import expandable
from tests.pages import resolved
from tests.test_odata_support import render_set
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_webapi_wide import partners

NAMES = Names("Microsoft.Dynamics.CRM", "mscrm", "System")


def _generated(schema: str, entity_set: str, key: str, writable: str, read_only: str = "") -> str:
    """A generated page (2023-2024, ``| **EntitySetName** |`` rows) of a table without
    owner, as ``subscriptionstatisticsoutlook``'s (powerapps-docs, commit 0658c019) is."""
    logical = schema.lower()
    page = f"""---
title: "{schema} table/entity reference (Microsoft Dataverse)"
ms.topic: reference
---

# {schema} table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `{schema}` |
| **EntitySetName** | `{entity_set}`|
| **LogicalName** | `{logical}` |
| **PrimaryIdAttribute** | `{key}` |
| **TableType** | `Standard` |
| **OwnershipType** | `None` |

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.
{writable}"""
    if read_only:
        page += f"""
## Read-only columns/attributes

These columns/attributes return false for both **IsValidForCreate** and **IsValidForUpdate**. Listed by **SchemaName**.
{read_only}"""
    return page


def _column(schema: str, kind: str, extra: str = "") -> str:
    return f"""
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|---|---|
|Description|**{schema}**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`{schema.lower()}`|
|RequiredLevel|SystemRequired|
|Type|{kind}|
{extra}"""


BIGINT = "|MaxValue|9223372036854775807|\n|MinValue|-9223372036854775808|\n"
BOOLEAN = "|DefaultValue|True|\n|True Label|Yes|\n|False Label|No|\n"

STATISTICS = _generated(
    "SubscriptionStatisticsOutlook",
    "subscriptionstatisticsoutlookset",
    "subscriptionid",
    _column("FullSyncRequired", "Boolean", BOOLEAN)
    + _column("ObjectTypeCode", "Integer", "|MaxValue|2147483647|\n|MinValue|0|\n")
    + _column("SubscriptionId", "Uniqueidentifier"),
)
"""``subscriptionstatisticsoutlook``'s page, cut to its three columns."""

TRACKED = _generated(
    "SubscriptionManuallyTrackedObject",
    "subscriptionmanuallytrackedobjects",
    "subscriptionmanuallytrackedobjectid",
    _column("ObjectTypeCode", "EntityName")
    + _column("SubscriptionManuallyTrackedObjectId", "Uniqueidentifier")
    + _column("Track", "Boolean", BOOLEAN),
    _column("VersionNumber", "BigInt", BIGINT),
)
"""``subscriptionmanuallytrackedobject``'s page (commit 256c49f5): an EntityName column, and
``VersionNumber`` among the read-only columns."""

SYNC_ENTRY = _generated(
    "SubscriptionSyncEntryOutlook",
    "subscriptionsyncentriesoutlook",
    "subscriptionid",
    _column("SubscriptionId", "Uniqueidentifier")
    + _column("SyncState", "Integer", "|MaxValue||\n|MinValue||\n")
    + _column("VersionNumber", "BigInt", BIGINT),
)
"""``subscriptionsyncentryoutlook``'s page (commit 0298582b): ``VersionNumber`` among the
writable columns, and ``SyncState`` with empty bounds."""


def _document(*pages: tuple[str, str]) -> Document:
    table_set, warnings = resolved(*pages)
    assert warnings == []
    return build_document(table_set, NAMES, Diagnostics())


def _types(*pages: tuple[str, str]) -> dict[str, EntityTypeDecl]:
    return {str(t.name): t for t in _document(*pages).entity_types}


def _properties(entity: EntityTypeDecl) -> dict[str, tuple[str, bool]]:
    """Each property's Edm type and whether it is read-only (Core.Computed)."""
    return {str(p.name): (p.type, p.computed) for p in entity.properties}


def _nav(entity: EntityTypeDecl, name: str) -> NavigationDecl:
    return next(n for n in entity.navigations if str(n.name) == name)


def test_a_subscription_table_keeps_its_entity_set_and_key() -> None:
    """Microsoft's ``subscriptionstatisticsoutlook`` (dynamics-ce-odata-9, 2355fac3): the set
    ``subscriptionstatisticsoutlookset``, the key ``subscriptionid``, ``fullsyncrequired``
    Edm.Boolean and ``objecttypecode`` Edm.Int32, all writable."""
    document = _document(("subscriptionstatisticsoutlook.md", STATISTICS))
    sets = {str(s.name): s.entity_type for s in document.entity_sets}
    assert sets == {
        "subscriptionstatisticsoutlookset": "Microsoft.Dynamics.CRM.subscriptionstatisticsoutlook"
    }
    entity = next(
        t for t in document.entity_types if str(t.name) == "subscriptionstatisticsoutlook"
    )
    assert entity.key == "subscriptionid"
    assert _properties(entity) == {
        "fullsyncrequired": ("Edm.Boolean", False),
        "objecttypecode": ("Edm.Int32", False),
        "subscriptionid": ("Edm.Guid", False),
    }


def test_the_read_only_flag_follows_the_pages_lists() -> None:
    """Microsoft's ``subscriptionmanuallytrackedobject``: ``objecttypecode`` (EntityName)
    Edm.String, ``versionnumber`` isreadonly true; its ``subscriptionsyncentryoutlook``:
    ``versionnumber`` isreadonly false, as the pages list them."""
    types = _types(
        ("subscriptionmanuallytrackedobject.md", TRACKED),
        ("subscriptionsyncentryoutlook.md", SYNC_ENTRY),
    )
    tracked = _properties(types["subscriptionmanuallytrackedobject"])
    assert tracked["objecttypecode"] == ("Edm.String", False)
    assert tracked["track"] == ("Edm.Boolean", False)
    assert tracked["versionnumber"] == ("Edm.Int64", True)
    entry = _properties(types["subscriptionsyncentryoutlook"])
    assert entry["versionnumber"] == ("Edm.Int64", False)
    assert entry["syncstate"] == ("Edm.Int32", False)


def _exchange_lookup(schema: str, target: str) -> str:
    return f"""
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|--------|-----|
|Description||
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|{schema.lower()}|
|RequiredLevel|None|
|Targets|{target}|
|Type|Lookup|
"""


EXCHANGE = (
    """---
title: "ExchangeSyncIdMapping table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 10/05/2021
ms.topic: "reference"
---

# ExchangeSyncIdMapping table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|exchangesyncidmappings|
|LogicalName|exchangesyncidmapping|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|exchangesyncidmappingid|
|PrimaryNameAttribute||
|SchemaName|ExchangeSyncIdMapping|

<a name="writable-attributes"></a>

## Writable columns/attributes


### <a name="BKMK_ExchangeSyncIdmappingId"></a> ExchangeSyncIdmappingId

|Property|Value|
|--------|-----|
|Description||
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|exchangesyncidmappingid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_OwnerId"></a> OwnerId

|Property|Value|
|--------|-----|
|Description||
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|ownerid|
|RequiredLevel|SystemRequired|
|Targets|systemuser,team|
|Type|Owner|

<a name="read-only-attributes"></a>

## Read-only columns/attributes
"""
    + _exchange_lookup("OwningBusinessUnit", "businessunit")
    + _exchange_lookup("OwningUser", "systemuser")
    + """
<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related table. Listed by **SchemaName**.

- [user_exchangesyncidmapping](#BKMK_user_exchangesyncidmapping)
- [business_unit_exchangesyncidmapping](#BKMK_business_unit_exchangesyncidmapping)


### <a name="BKMK_user_exchangesyncidmapping"></a> user_exchangesyncidmapping

See systemuser Table [user_exchangesyncidmapping](systemuser.md#BKMK_user_exchangesyncidmapping) One-To-Many relationship.

### <a name="BKMK_business_unit_exchangesyncidmapping"></a> business_unit_exchangesyncidmapping

See businessunit Table [business_unit_exchangesyncidmapping](businessunit.md#BKMK_business_unit_exchangesyncidmapping) One-To-Many relationship.
"""
)
"""``exchangesyncidmapping``'s page of 10/05/2021 (powerapps-docs, commit 003343e9), cut to its
key, owner and two owning lookups, with relationships listed by a link only and no owner
relationship."""


def test_a_user_owned_table_without_an_owner_relationship() -> None:
    """Microsoft's ``exchangesyncidmapping``: ``ownerid`` (``principal``) backed by
    ``_ownerid_value``; ``owninguser`` partnered with ``user_exchangesyncidmapping`` and
    ``owningbusinessunit`` with ``business_unit_exchangesyncidmapping``, as the links name them.
    Microsoft partners ``ownerid`` with ``owner_exchangesyncidmapping``, a relationship the
    page leaves out and whose name no rule gives (``owner_importlogs`` of round 11): none."""
    entity = _types(("exchangesyncidmapping.md", EXCHANGE))["exchangesyncidmapping"]
    owner = _nav(entity, "ownerid")
    assert owner.type == "mscrm.principal"
    assert owner.constraint == ("_ownerid_value", "ownerid")
    assert partners(entity) == {
        "ownerid": None,
        "owningbusinessunit": "business_unit_exchangesyncidmapping",
        "owninguser": "user_exchangesyncidmapping",
    }
    assert _nav(entity, "owninguser").constraint == ("_owninguser_value", "systemuserid")


def test_the_owner_is_bound() -> None:
    """The JSON Schema and pydantic models set the owner through ``ownerid@odata.bind``,
    the navigation property Microsoft's ``_ownerid_value`` backs."""
    table_set, _ = resolved(("exchangesyncidmapping.md", EXCHANGE))
    table = table_set.get("exchangesyncidmapping")
    assert table is not None
    bound = {nav.name: nav for nav in expandable(table_set, table) if nav.single}
    assert bound["ownerid"].column == "ownerid"


FLOW_MACHINE_GROUP = """---
title: "flowmachinegroup table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
ms.topic: "reference"
---

# flowmachinegroup table/entity reference

**Added by**: Microsoft Flow Extensions core package Solution

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|flowmachinegroups|
|LogicalName|flowmachinegroup|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|flowmachinegroupid|
|PrimaryNameAttribute|name|
|SchemaName|flowmachinegroup|

<a name="writable-attributes"></a>

## Writable columns/attributes


### <a name="BKMK_flowmachinegroupId"></a> flowmachinegroupId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|Flow Machine Group|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|flowmachinegroupid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

- [flowmachinegroup_flowsession_MachineGroupId](#BKMK_flowmachinegroup_flowsession_MachineGroupId)


### <a name="BKMK_flowmachinegroup_flowsession_MachineGroupId"></a> flowmachinegroup_flowsession_MachineGroupId

Same as the [flowmachinegroup_flowsession_MachineGroupId](flowsession.md#BKMK_flowmachinegroup_flowsession_MachineGroupId) many-to-one relationship for the [flowsession](flowsession.md) table/entity.

|Property|Value|
|--------|-----|
|ReferencingEntity|flowsession|
|ReferencingAttribute|machinegroupid|
|IsHierarchical|False|
|IsCustomizable|False|
|ReferencedEntityNavigationPropertyName|flowmachinegroup_flowsession_MachineGroupId|
"""
"""``flowmachinegroup``'s page of 02/15/2023 (powerapps-docs, commit 09770ae5), cut to its key
and its relationship to ``flowsession``."""


def test_a_flow_relationship_ending_with_the_lookups_schema_name() -> None:
    """Microsoft's ``flowmachinegroup`` (3c0b946a): ``flowmachinegroup_flowsession_MachineGroupId``
    to ``flowsession``, partnered with ``MachineGroupId``."""
    entity = _types(("flowmachinegroup.md", FLOW_MACHINE_GROUP))["flowmachinegroup"]
    assert partners(entity)["flowmachinegroup_flowsession_MachineGroupId"] == "MachineGroupId"
    assert _nav(entity, "flowmachinegroup_flowsession_MachineGroupId").type == (
        "Collection(mscrm.flowsession)"
    )


@needs_xsd
def test_the_csdl_stays_valid() -> None:
    table_set, _ = resolved(
        ("subscriptionstatisticsoutlook.md", STATISTICS),
        ("subscriptionmanuallytrackedobject.md", TRACKED),
        ("subscriptionsyncentryoutlook.md", SYNC_ENTRY),
        ("exchangesyncidmapping.md", EXCHANGE),
        ("flowmachinegroup.md", FLOW_MACHINE_GROUP),
    )
    rendered = render_set(table_set)
    assert xsd_errors(rendered.text.encode("utf-8")) == []
    assert '<EntitySet Name="subscriptionstatisticsoutlookset"' in rendered.text
