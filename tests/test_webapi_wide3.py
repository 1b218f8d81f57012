"""Faults the comparison with Microsoft's own Web API EntityTypes found on a third set of pages
outside the corpus (``bench/webapi_compare.py``: intersect, virtual, file and image tables,
solution components, Customer Voice and AI Builder tables), each on a minimal page written
here."""

from __future__ import annotations

from tests.test_webapi_wide import entity_type, partners

COMPONENT = """---
title: "x_fieldrule table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 12/07/2022
---

# x_fieldrule table/entity reference

A rule a solution holds.


## Properties

|Property|Value|
|--------|-----|
|EntitySetName|x_fieldrules|
|LogicalName|x_fieldrule|
|OwnershipType|None|
|PrimaryIdAttribute|x_fieldruleid|
|SchemaName|x_fieldrule|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [x_fieldruleId](#BKMK_x_fieldruleId)
- [StageId](#BKMK_StageId)


### <a name="BKMK_x_fieldruleId"></a> x_fieldruleId

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|x_fieldruleid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_StageId"></a> StageId

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|stageid|
|RequiredLevel|None|
|Type|Uniqueidentifier|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [SolutionId](#BKMK_SolutionId)


### <a name="BKMK_SolutionId"></a> SolutionId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the associated solution.|
|DisplayName|Solution|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|solutionid|
|RequiredLevel|SystemRequired|
|Type|{solution_type}|{solution_targets}

<a name="manytoone"></a>

## Many-To-One Relationships

- [processstage_x_fieldrule](#BKMK_processstage_x_fieldrule)
- [solution_x_fieldrule](#BKMK_solution_x_fieldrule)


### <a name="BKMK_processstage_x_fieldrule"></a> processstage_x_fieldrule

See the [processstage_x_fieldrule](processstage.md#BKMK_processstage_x_fieldrule) one-to-many relationship for the [processstage](processstage.md) table/entity.

### <a name="BKMK_solution_x_fieldrule"></a> solution_x_fieldrule

See the [solution_x_fieldrule](solution.md#BKMK_solution_x_fieldrule) one-to-many relationship for the [solution](solution.md) table/entity.

### See also

[Dataverse table/entity reference](../about-entity-reference.md)
"""


def test_a_solution_components_solutionid_is_named_by_its_relationship() -> None:
    """``fieldpermission`` (2022 page): its ``solutionid`` is a Uniqueidentifier, not a
    lookup, and the page lists ``solution_fieldpermission`` by name only. Microsoft's
    EntityType names that single-valued navigation property by the relationship's schema
    name, partnered with the collection of the same name on ``solution``, as it does for
    ``fieldsecurityprofile``, ``privilege``, ``role`` (``solution_role``), ``canvasapp``
    (``FK_CanvasApp_Solution``) and ``package``, and as later pages of ``privilege``,
    ``role`` and ``canvasapp`` state it; not ``solutionid_solution``. The ``stageid`` of a
    table a solution made (``x_``) is a lookup in the Web API, its navigation property
    ``stageid`` (``account``'s, the platform's, keeps ``stageid_processstage``:
    tests/test_parse_unseen47.py)."""
    page = COMPONENT.format(solution_type="Uniqueidentifier", solution_targets="")
    found = partners(entity_type("x_fieldrule", page))
    assert found["solution_x_fieldrule"] == "solution_x_fieldrule"
    assert "solutionid_solution" not in found
    assert found["stageid"] == "processstage_x_fieldrule"


def test_a_lookup_to_the_solution_keeps_its_name() -> None:
    """``solutioncomponent.solutionid`` is a Lookup to ``solution``: Microsoft's EntityType
    names its navigation property ``solutionid`` (partner ``solution_solutioncomponent``), as
    any lookup of the base system."""
    page = COMPONENT.format(solution_type="Lookup", solution_targets="\n|Targets|solution|")
    found = partners(entity_type("x_fieldrule", page))
    assert found["solutionid"] == "solution_x_fieldrule"
    assert "solution_x_fieldrule" not in found
