"""An eleventh round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``):
12 tables of kinds little compared so far, from MicrosoftDocs/powerapps-docs, pages of
2020-2024, each read alone and together: data import (``import``, ``importdata``,
``importlog``, ``importentitymapping``, ``importmap``), goals and metrics (``metric``, ``rollupfield``),
mobile offline (``mobileofflineprofile``, ``mobileofflineprofileitem``,
``mobileofflineprofileitemassociation``), document management
(``personaldocumenttemplate``) and AI Builder (``msdyn_aiodimage``), comparing Edm types,
read-only flags, ``_<name>_value`` properties, navigation properties and their Partners, bind
keys, keys and alternate keys.

The faults found:

- ``importdata``'s page of 03/04/2021 lists its owner relationship by a link only ("See owner
  Table [owner_importdatas](owner.md#...) One-To-Many relationship."), without its
  ReferencedAttribute. dvgen tied it to ``ownerid`` but left the relationship keyed by
  nothing, so the navigation property ``ownerid`` had its Partner and no
  ReferentialConstraint: ``_ownerid_value`` was set through no navigation property, where
  Microsoft's ``importdata`` EntityType has ``_ownerid_value`` backing ``ownerid``, as every
  owner's does (``principal``'s key is ``ownerid``), and as dvgen had it for the same table
  when its page named no owner relationship at all.
- ``mobileofflineprofile``'s page lists
  ``mobileofflineprofile_teammobileofflineprofilemembership_MobileOfflineProfileId``, to a
  table outside the set, by its ReferencingAttribute ``mobileofflineprofileid`` only; dvgen
  partnered the collection with ``mobileofflineprofileid`` where Microsoft's ``$metadata``
  has ``MobileOfflineProfileId``: a relationship named ``<referenced>_<referencing>_<Lookup>``
  ends with the lookup's SchemaName, by which Dataverse names its navigation property (as
  ``characteristic_bookableresourcecharacteristic_Characteristic`` and
  ``ratingvalue_bookableresourcecharacteristic_RatingValue`` of round 3 are, and as
  ``plugin``'s current page states ``CustomAPI`` for the corpus's
  ``customapi_plugin_CustomAPI``). A lookup with a publisher's prefix is left as it was:
  Microsoft spells ``msdyn_UnitSchedule`` but ``msdyn_ratingvalue`` for two relationships of
  that shape (round 56: the referencing table decides, Field Service's
  ``msdyn_workordercharacteristic`` keeping logical names).
- ``msdyn_aiodimage``'s page (a table AI Builder's solution made) lists
  ``msdyn_aiodimage_msdyn_aiodtrainingimage`` by its ReferencingAttribute; the kin rule
  (``kin_lookups``) named the kin table's lookup ``msdyn_AIOdImageId`` only when the page's
  table showed lookups of its own named by SchemaName, and it has none: dvgen had
  ``msdyn_aiodimageid``. A table a solution made counts as one that does."""

from __future__ import annotations

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from dvgen.webapi.navs import expandable
from tests.pages import resolved
from tests.test_odata_support import render_set
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_webapi_wide import partners

NAMES = Names("Microsoft.Dynamics.CRM", "mscrm", "System")


def _column(schema: str, logical: str, kind: str, targets: str = "") -> str:
    rows = f"|Targets|{targets}|\n" if targets else ""
    return f"""
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|--------|-----|
|Description|{schema}.|
|DisplayName|{schema}|
|IsValidForForm|True|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|{logical}|
|RequiredLevel|SystemRequired|
{rows}|Type|{kind}|

"""


def import_data(owner_listed: bool = True) -> str:
    """``importdata``'s page of 03/04/2021 (powerapps-docs, commit 12f48dc3), cut to its key,
    its owner and ``createdby``, and their many-to-one relationships listed by a link only."""
    relationships = {"lk_importdatabase_createdby": "systemuser"}
    if owner_listed:
        relationships["owner_importdatas"] = "owner"
    return (
        """---
title: "ImportData table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 03/04/2021
ms.topic: "reference"
---

# ImportData table/entity reference

Unprocessed data from imported files.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|ImportDatas|
|EntitySetName|importdataset|
|LogicalCollectionName|importdatas|
|LogicalName|importdata|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|importdataid|
|PrimaryNameAttribute|data|
|SchemaName|ImportData|

<a name="writable-attributes"></a>

## Writable columns/attributes
"""
        + _column("ImportDataId", "importdataid", "Uniqueidentifier")
        + _column("OwnerId", "ownerid", "Owner", "systemuser,team")
        + """
<a name="read-only-attributes"></a>

## Read-only columns/attributes
"""
        + _column("CreatedBy", "createdby", "Lookup", "systemuser")
        + """
<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related table. Listed by **SchemaName**.

"""
        + "".join(f"- [{s}](#BKMK_{s})\n" for s in relationships)
        + "".join(
            f'\n### <a name="BKMK_{s}"></a> {s}\n\nSee {t} Table [{s}]({t}.md#BKMK_{s}) '
            "One-To-Many relationship.\n"
            for s, t in relationships.items()
        )
    )


def _types(*pages: tuple[str, str]) -> dict[str, EntityTypeDecl]:
    table_set, warnings = resolved(*pages)
    assert warnings == []
    document = build_document(table_set, NAMES, Diagnostics())
    return {str(t.name): t for t in document.entity_types}


def _nav(entity: EntityTypeDecl, name: str) -> object:
    return next(n for n in entity.navigations if str(n.name) == name)


@pytest.mark.parametrize("owner_listed", [True, False], ids=["listed by a link", "unlisted"])
def test_an_owner_relationship_listed_by_a_link_backs_ownerid(owner_listed: bool) -> None:
    """Microsoft's ``importdata`` EntityType (dynamics-ce-odata-9, 2355fac3): ``ownerid`` of
    type ``principal``, partnered with ``owner_importdatas``, set through ``_ownerid_value``.
    The owner relationship the page names by a link only is keyed by the principal's
    ``ownerid`` as one the page leaves out is."""
    types = _types(("importdata.md", import_data(owner_listed)))
    nav = _nav(types["importdata"], "ownerid")
    assert str(nav.type) == "mscrm.principal"  # type: ignore[attr-defined]
    assert nav.constraint == ("_ownerid_value", "ownerid")  # type: ignore[attr-defined]
    expected = "owner_importdatas" if owner_listed else None
    assert partners(types["importdata"])["ownerid"] == expected
    created = _nav(types["importdata"], "createdby")
    assert created.constraint == ("_createdby_value", "systemuserid")  # type: ignore[attr-defined]


def test_the_owner_gets_its_bind_key() -> None:
    """The JSON Schema and pydantic models set the owner through ``ownerid@odata.bind``."""
    table_set, _ = resolved(("importdata.md", import_data()))
    table = table_set.get("importdata")
    assert table is not None
    bound = {nav.name: nav for nav in expandable(table_set, table) if nav.single}
    assert bound["ownerid"].column == "ownerid"


def mobile_offline_profile(*relationships: tuple[str, str, str]) -> str:
    """``mobileofflineprofile``'s generated page (powerapps-docs, commit 0658c019), cut to its
    key and one-to-many relationships ``(schema name, referencing table, attribute)``."""
    blocks = "".join(
        f"""
### <a name="BKMK_{name}"></a> {name}

Many-To-One Relationship: [{table} {name}]({table}.md#BKMK_{name})

|Property|Value|
|---|---|
|ReferencingEntity|`{table}`|
|ReferencingAttribute|`{column}`|
|ReferencedEntityNavigationPropertyName|`{name}`|
|IsCustomizable|`False`|
"""
        for name, table, column in relationships
    )
    return (
        """---
title: "Mobile Offline Profile (MobileOfflineProfile) table/entity reference (Microsoft Dataverse)"
ms.topic: reference
---

# Mobile Offline Profile (MobileOfflineProfile) table/entity reference (Microsoft Dataverse)

Information to administer and manage the data available to mobile devices in offline mode.

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `MobileOfflineProfile` |
| **EntitySetName** | `mobileofflineprofiles`|
| **LogicalName** | `mobileofflineprofile` |
| **PrimaryIdAttribute** | `mobileofflineprofileid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

### <a name="BKMK_MobileOfflineProfileId"></a> MobileOfflineProfileId

|Property|Value|
|---|---|
|Description|**Unique identifier of the mobile offline profile.**|
|DisplayName|**Mobile Offline Profile**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`mobileofflineprofileid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## One-to-Many relationships

These relationships are one-to-many. Listed by **SchemaName**.

"""
        + "".join(f"- [{name}](#BKMK_{name})\n" for name, _, _ in relationships)
        + blocks
    )


MEMBERSHIP = "mobileofflineprofile_teammobileofflineprofilemembership_MobileOfflineProfileId"


@pytest.mark.parametrize(
    ("relationship", "partner"),
    [
        (
            (MEMBERSHIP, "teammobileofflineprofilemembership", "mobileofflineprofileid"),
            "MobileOfflineProfileId",
        ),
        (
            (
                "mobileofflineprofile_mobileofflineprofile",
                "mobileofflineprofileitemfilter",
                "mobileofflineprofileid",
            ),
            "mobileofflineprofileid",
        ),
        (
            ("MobileOfflineProfile_SystemUser", "systemuser", "mobileofflineprofileid"),
            "mobileofflineprofileid",
        ),
        (
            (
                "mobileofflineprofile_x_item_MobileOfflineProfile",
                "x_item",
                "mobileofflineprofileid",
            ),
            "mobileofflineprofileid",
        ),
        (
            ("mobileofflineprofile_x_item_profileId", "x_item", "profileid"),
            "profileid",
        ),
        (
            ("msdyn_mobileofflineprofile_msdyn_item_Profile", "msdyn_item", "msdyn_profile"),
            "msdyn_Profile",
        ),
        (
            (
                "msdyn_mobileofflineprofile_msdyn_workordercharacteristic_Profile",
                "msdyn_workordercharacteristic",
                "msdyn_profile",
            ),
            "msdyn_profile",
        ),
    ],
    ids=[
        "schema name",
        "lower case",
        "other shape",
        "other lookup",
        "opens small",
        "prefixed",
        "prefixed, kept logical",
    ],
)
def test_a_relationship_ending_with_the_lookups_schema_name_names_it(
    relationship: tuple[str, str, str], partner: str
) -> None:
    """Microsoft's ``mobileofflineprofile`` EntityType (2355fac3) partners
    ``mobileofflineprofile_teammobileofflineprofilemembership_MobileOfflineProfileId`` with
    ``MobileOfflineProfileId``, and ``MobileOfflineProfile_SystemUser`` with
    ``mobileofflineprofileid``: only a last part that spells the lookup's logical name,
    opening with a capital, after ``<referenced>_<referencing>`` names it."""
    types = _types(("mobileofflineprofile.md", mobile_offline_profile(relationship)))
    assert partners(types["mobileofflineprofile"])[relationship[0]] == partner
    outside = types[relationship[1]]
    nav = _nav(outside, partner)
    assert nav.partner == relationship[0]  # type: ignore[attr-defined]
    assert nav.constraint == (f"_{relationship[2]}_value", "mobileofflineprofileid")  # type: ignore[attr-defined]


@needs_xsd
def test_the_csdl_stays_valid() -> None:
    table_set, _ = resolved(
        ("importdata.md", import_data()),
        (
            "mobileofflineprofile.md",
            mobile_offline_profile(
                (MEMBERSHIP, "teammobileofflineprofilemembership", "mobileofflineprofileid")
            ),
        ),
    )
    rendered = render_set(table_set)
    assert xsd_errors(rendered.text.encode("utf-8")) == []
    assert 'NavigationProperty Name="MobileOfflineProfileId"' in rendered.text
    assert '<ReferentialConstraint Property="_ownerid_value" ReferencedProperty="ownerid"/>' in (
        rendered.text
    )


def ai_od_image(added_by: str) -> str:
    """``msdyn_aiodimage``'s page of 02/15/2023 (powerapps-docs, commit 09770ae5), cut to its key
    and its one-to-many relationship to ``msdyn_aiodtrainingimage``; ``added_by`` the
    table-level **Added by** line, or none."""
    return (
        f"""---
title: "msdyn_AIOdImage table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
ms.topic: "reference"
---

# msdyn_AIOdImage table/entity reference

{added_by}

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|msdyn_aiodimages|
|LogicalName|msdyn_aiodimage|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|msdyn_aiodimageid|
|PrimaryNameAttribute|msdyn_name|
|SchemaName|msdyn_AIOdImage|

<a name="writable-attributes"></a>

## Writable columns/attributes
"""
        + _column("msdyn_AIOdImageId", "msdyn_aiodimageid", "Uniqueidentifier")
        + """
<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

- [msdyn_aiodimage_msdyn_aiodtrainingimage](#BKMK_msdyn_aiodimage_msdyn_aiodtrainingimage)


### <a name="BKMK_msdyn_aiodimage_msdyn_aiodtrainingimage"></a> msdyn_aiodimage_msdyn_aiodtrainingimage

Same as the [msdyn_aiodimage_msdyn_aiodtrainingimage](msdyn_aiodtrainingimage.md#BKMK_msdyn_aiodimage_msdyn_aiodtrainingimage) many-to-one relationship for the [msdyn_aiodtrainingimage](msdyn_aiodtrainingimage.md) table/entity.

|Property|Value|
|--------|-----|
|ReferencingEntity|msdyn_aiodtrainingimage|
|ReferencingAttribute|msdyn_aiodimageid|
|IsHierarchical|False|
|IsCustomizable|False|
|ReferencedEntityNavigationPropertyName|msdyn_aiodimage_msdyn_aiodtrainingimage|
"""
    )


@pytest.mark.parametrize(
    ("added_by", "partner"),
    [
        ("**Added by**: AI Solution deprecated templates Solution", "msdyn_AIOdImageId"),
        ("", "msdyn_aiodimageid"),
    ],
    ids=["a solution's table", "the page says nothing"],
)
def test_a_solutions_table_names_its_kins_lookup_by_schema_name(
    added_by: str, partner: str
) -> None:
    """Microsoft's ``msdyn_aiodimage`` EntityType (2355fac3) partners
    ``msdyn_aiodimage_msdyn_aiodtrainingimage`` with ``msdyn_AIOdImageId``: a table a solution
    made (its page's **Added by**) counts as one naming its lookups by SchemaName for the kin
    rule, though it has no lookup of its own to show it; a page that says nothing of its
    solution keeps the logical name."""
    types = _types(("msdyn_aiodimage.md", ai_od_image(added_by)))
    name = "msdyn_aiodimage_msdyn_aiodtrainingimage"
    assert partners(types["msdyn_aiodimage"])[name] == partner
