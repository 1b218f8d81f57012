"""Faults the comparison with Microsoft's own Web API EntityTypes found on pages outside the
corpus, tables M to Z (``bench/webapi_compare.py``), each on a minimal page written here."""

from __future__ import annotations

import pytest

from tests.test_webapi_wide import entity_type, partners

PAGE = """---
title: "x_kpi table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 10/05/2021
---

# x_kpi table/entity reference

A key performance indicator.

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|x_kpis|
|LogicalName|x_kpi|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|x_kpiid|
|SchemaName|x_kpi|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [x_kpiId](#BKMK_x_kpiId)
- [Regarding](#BKMK_Regarding)
- [RegardingEntityID](#BKMK_RegardingEntityID)


### <a name="BKMK_x_kpiId"></a> x_kpiId

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|x_kpiid|
|Type|Uniqueidentifier|


### <a name="BKMK_Regarding"></a> Regarding

|Property|Value|
|--------|-----|
|Description|The record the indicator is tracked for.|
|DisplayName|Regarding|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|regarding|
|Targets|account|
|Type|Lookup|


### <a name="BKMK_RegardingEntityID"></a> RegardingEntityID

|Property|Value|
|--------|-----|
|Description||
|DisplayName|Regarding ID|
|FormatName|Text|
|IsValidForForm|True|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|regardingentityid|
|MaxLength|100|
|Type|String|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [RegardingIdName](#BKMK_RegardingIdName)
- [RegardingYomiName](#BKMK_RegardingYomiName)


### <a name="BKMK_RegardingIdName"></a> RegardingIdName

|Property|Value|
|--------|-----|
|Description|RegardingName|
|DisplayName|RegardingName|
|FormatName|Text|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|regardingidname|
|MaxLength|800|
|Type|String|


### <a name="BKMK_RegardingYomiName"></a> RegardingYomiName

|Property|Value|
|--------|-----|
|Description|RegardingYomiName|
|DisplayName|RegardingYomiName|
|FormatName|Text|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|regardingyominame|
|MaxLength|800|
|Type|String|
"""


def test_the_name_of_a_lookup_whose_schema_name_lacks_id_is_no_property() -> None:
    """``slakpiinstance.regarding`` (2021 page): its display name is ``regardingidname``, which
    the page describes ("RegardingName") and lists read-only, not valid for forms. Microsoft's
    EntityType has ``_regarding_value`` and ``regardingentityid`` (a String the client writes
    on create), not ``regardingidname`` nor ``regardingyominame``."""
    kpi = entity_type("x_kpi", PAGE)
    properties = {str(p.name) for p in kpi.properties}
    assert properties == {"x_kpiid", "_regarding_value", "regardingentityid"}


TERRITORY = """---
title: "x_geo table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 05/20/2021
---

# x_geo table/entity reference

A sales region.

**Added by**: Application Common Solution


## Properties

|Property|Value|
|--------|-----|
|EntitySetName|x_geos|
|LogicalName|x_geo|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|x_geoid|
|SchemaName|x_geo|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [x_geoId](#BKMK_x_geoId)
- [ParentGeoId](#BKMK_ParentGeoId)


### <a name="BKMK_x_geoId"></a> x_geoId

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|x_geoid|
|Type|Uniqueidentifier|


### <a name="BKMK_ParentGeoId"></a> ParentGeoId

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|parentgeoid|
|Targets|x_geo|
|Type|Lookup|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [CreatedBy](#BKMK_CreatedBy)


### <a name="BKMK_CreatedBy"></a> CreatedBy

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|createdby|
|Targets|systemuser|
|Type|Lookup|

<a name="manytoone"></a>

## Many-To-One Relationships

- [{createdby}](#BKMK_{createdby})
- [x_geo_parent_x_geo](#BKMK_x_geo_parent_x_geo)


### <a name="BKMK_{createdby}"></a> {createdby}

**Added by**: System Solution Solution

See systemuser Table [{createdby}](systemuser.md#BKMK_{createdby}) One-To-Many relationship.

### <a name="BKMK_x_geo_parent_x_geo"></a> x_geo_parent_x_geo

See x_geo Table [x_geo_parent_x_geo](x_geo.md#BKMK_x_geo_parent_x_geo) One-To-Many relationship.
"""


@pytest.mark.parametrize(
    ("createdby", "nav"),
    [("lk_x_geobase_createdby", "parentgeoid"), ("lk_x_geo_createdby", "ParentGeoId")],
    ids=["made before solutions", "a solution's"],
)
def test_a_table_the_platform_made_before_solutions_keeps_logical_names(
    createdby: str, nav: str
) -> None:
    """``territory``'s 2021 page says Application Common added it, yet Microsoft's EntityType
    has ``managerid``, ``parentterritoryid``, ``transactioncurrencyid``, not the SchemaNames a
    table a solution created gets (``appnotification.AppModuleId``). Its relationships tell:
    ``lk_territorybase_createdby``, the ``<table>base`` of the tables the platform made before
    solutions held them (``lk_sharepointsitebase_createdby``, ``lk_userformbase_...``), where
    a solution's table has ``lk_appnotification_createdby``."""
    found = partners(entity_type("x_geo", TERRITORY.format(createdby=createdby)))
    assert found[nav] == "x_geo_parent_x_geo"
    assert found["x_geo_parent_x_geo"] == nav
