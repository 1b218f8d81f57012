"""Review of round 58's made relationships, on the page format that states them.

``made_links.business_unit_user_link`` (round 58) decides a scheduling resource's
``<table>_systemuser`` where a 2019 page lists it by a link only, and leaves its
ReferencedAttribute (``systemuser.businessunitid``) unstated: stated, a placeholder
``systemuser`` declares a ``businessunitid`` Guid property that pushes out its own
``businessunitid`` navigation property (``business_unit_system_users``). The newer page states
that attribute itself: Dynamics 365's generated equipment page
(MicrosoftDocs/dynamics-365-customer-engagement ``ce/developer/reference/entities/equipment.md``)
gives ``equipment_systemuser`` ReferencedAttribute and ReferencingAttribute ``businessunitid``,
and with businessunit's page in the set dvgen left ``systemuser``'s ``businessunitid``
navigation property out (``odata-member-clash``) and declared a ``businessunitid`` property
beside ``_businessunitid_value``, which Microsoft's systemuser EntityType does not have (its
lookup is ``_businessunitid_value``, navigation ``businessunitid``, partner
``business_unit_system_users``). Now the stated attribute is left unstated as the rule leaves
it, while ``systemuser`` is outside the set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.test_odata_tools import needs_xsd
from tests.test_parse_unseen58 import (
    BUSINESS_UNIT,
    EDM,
    EQUIPMENT,
    _generate,
    _lookup,
    _navigations,
    _see,
)


def _stated(schema: str, referenced: str, single: str) -> str:
    """A many-to-one relationship as the generated page states it (excerpt of the equipment
    page's ``equipment_systemuser``, cascades cut)."""
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
        f"One-To-Many Relationship: [{referenced} {schema}]({referenced}.md#BKMK_{schema})\n\n"
        f"|Property|Value|\n|---|---|\n|ReferencedEntity|`{referenced}`|\n"
        "|ReferencedAttribute|`businessunitid`|\n|ReferencingAttribute|`businessunitid`|\n"
        f"|ReferencingEntityNavigationPropertyName|`{single}`|\n|IsHierarchical||\n"
        "|CascadeConfiguration|Assign: `NoCascade`<br />Delete: `NoCascade`|\n\n"
    )


NEWER_EQUIPMENT = EQUIPMENT.replace(
    _see("equipment_systemuser", "systemuser"),
    _stated("equipment_systemuser", "systemuser", "businessunitid_systemuser"),
).replace(
    _see("business_unit_equipment", "businessunit"),
    _stated("business_unit_equipment", "businessunit", "businessunitid_businessunit"),
)


def _members(root: etree._Element, logical: str) -> list[str]:
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == logical]
    return [p.get("Name", "") for p in entity.iter(f"{EDM}Property")]


@needs_xsd
def test_a_stated_user_relationship_keeps_the_users_business_unit_navigation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert NEWER_EQUIPMENT.count("|ReferencedAttribute|`businessunitid`|") == 2
    root, err = _generate(
        tmp_path, {"equipment": NEWER_EQUIPMENT, "businessunit": BUSINESS_UNIT}, capsys
    )
    assert "odata-member-clash" not in err and "webapi-navigation" not in err
    user = _navigations(root, "systemuser")
    assert user["businessunitid"] == "business_unit_system_users"
    assert user["equipment_systemuser"] == "businessunitid_systemuser"
    assert "businessunitid" not in _members(root, "systemuser")
    own = _navigations(root, "equipment")
    assert own["businessunitid_businessunit"] == "business_unit_equipment"
    assert own["businessunitid_systemuser"] == "equipment_systemuser"


@needs_xsd
def test_a_stated_user_relationship_alone_declares_no_business_unit_property(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without businessunit's page, the placeholder ``systemuser`` still has no
    ``businessunitid`` Guid property (the Web API's is ``_businessunitid_value``)."""
    root, _ = _generate(tmp_path, {"equipment": NEWER_EQUIPMENT}, capsys)
    assert "businessunitid" not in _members(root, "systemuser")
    assert _navigations(root, "systemuser")["equipment_systemuser"] == "businessunitid_systemuser"


USER = (
    '---\ntitle: "SystemUser Entity Reference"\n---\n# SystemUser Entity Reference\n\n'
    "## Properties\n\n|Property|Value|\n|--------|-----|\n|EntitySetName|systemusers|\n"
    "|LogicalName|systemuser|\n|PrimaryIdAttribute|systemuserid|\n|SchemaName|SystemUser|\n\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "- [SystemUserId](#BKMK_SystemUserId)\n- [BusinessUnitId](#BKMK_BusinessUnitId)\n\n\n"
    '### <a name="BKMK_SystemUserId"></a> SystemUserId\n\n|Property|Value|\n'
    "|--------|-----|\n|Description|Unique identifier.|\n|IsValidForRead|True|\n"
    "|LogicalName|systemuserid|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n"
    + _lookup("BusinessUnitId", "Business Unit", "businessunit", "SystemRequired")
)


@needs_xsd
def test_with_the_users_page_the_stated_attribute_is_its_lookups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With systemuser's page in the set, ``systemuser.businessunitid`` is its lookup: the
    stated ReferencedAttribute stays, and the constraint pairs the two lookups' values."""
    pages = {"equipment": NEWER_EQUIPMENT, "businessunit": BUSINESS_UNIT, "systemuser": USER}
    root, err = _generate(tmp_path, pages, capsys)
    assert "odata-member-clash" not in err
    assert _navigations(root, "systemuser")["businessunitid"] == "business_unit_system_users"
    [nav] = [
        n
        for n in root.iter(f"{EDM}NavigationProperty")
        if n.get("Name") == "businessunitid_systemuser"
    ]
    [constraint] = nav.iter(f"{EDM}ReferentialConstraint")
    assert constraint.get("Property") == "_businessunitid_value"
    assert constraint.get("ReferencedProperty") == "_businessunitid_value"
