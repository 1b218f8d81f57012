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
from tests.test_parse_unseen58 import BUSINESS_UNIT, EDM, EQUIPMENT, _generate, _navigations, _see


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
