"""Variations met in a forty-third round of real pages outside the corpus, drawn with
random.Random(43) from the reference's table of contents less the corpus, the seed and the tables
of earlier rounds (198 left), preferring File and Image columns, BigInt, Double, choices of
several values and Dynamics 365's Field Service tables. (Docstring completed at the end of the
round.)

Faults found, each pinned below: (1) a table's regarding relationships to Field Service's
Approval and Universal Resource Scheduling's Booking Alert (``msdyn_approval``,
``msdyn_bookingalert``), activities Dynamics 365's solutions made, were partnered with the bare
``regardingobjectid``, where Microsoft's ``msdyn_resourceterritory`` EntityType
(MicrosoftDocs/dynamics365-docs-odata-apis) has
``regardingobjectid_msdyn_resourceterritory_msdyn_bookingalert`` and
``regardingobjectid_msdyn_resourceterritory_msdyn_approval``, as for the platform's activities
(``regardingobjectid_msdyn_resourceterritory_task``): Microsoft's ``activitypointer``
EntityType lists them among its derived types, with LinkedIn's three and Customer Voice's
three.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_parse_unseen38 import entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _partners(folder: Path, logical: str, text: str) -> dict[str, str | None]:
    entity = entity_type_alone(folder, logical, text)
    return {
        n.get("Name", ""): n.get("Partner")
        for n in entity.iter(f"{EDM}NavigationProperty")
        if n.get("Type", "").startswith("Collection(")
    }


def _regarding_2017(table: str, activity: str, plural: str) -> str:
    """A one-to-many relationship of the 2017 Dynamics 365 layout, an activity's Regarding."""
    schema = f"{table}_{plural}"
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
        f"Same as {activity} entity [{schema}]({activity}.md#BKMK_{schema}) Many-To-One "
        "relationship.\n\n"
        f"**ReferencingEntity**: {activity}<br />\n"
        "**ReferencingAttribute**: regardingobjectid<br />\n"
        "**IsHierarchical**: False<br />\n**IsCustomizable**: True<br />\n"
        f"**ReferencedEntityNavigationPropertyName**: {schema}<br />\n"
        "**AssociatedMenuConfiguration**:\n\n- **Behavior**: DoNotDisplay\n- **Group**: Details\n"
        "- **Label**: \n- **Order**: \n\n**CascadeConfiguration**:\n\n- **Assign**: Cascade\n"
        "- **Delete**: Cascade\n- **Merge**: NoCascade\n- **Reparent**: Cascade\n"
        "- **Share**: Cascade\n- **Unshare**: Cascade\n\n\n"
    )


_RESOURCETERRITORY = (
    '---\ntitle: "msdyn_resourceterritory Entity Reference (Developer Guide for Dynamics 365 '
    'Customer Engagement)| MicrosoftDocs"\nms.date: 10/31/2017\n---\n'
    "# msdyn_resourceterritory Entity Reference\n\n"
    "Allows to specify for which territory a resource could provide services for\n\n"
    "**Added by**: Unified Resource Scheduling Solution<br />\n\n"
    "## Properties\n\n**DisplayName**: Resource Territory<br />\n"
    "**SchemaName**: msdyn_resourceterritory<br />\n"
    "**LogicalName**: msdyn_resourceterritory<br />\n"
    "**EntitySetName**: msdyn_resourceterritories<br />\n"
    "**PrimaryIdAttribute**: msdyn_resourceterritoryid<br />\n"
    "**PrimaryNameAttribute**: msdyn_name<br />\n**OwnershipType**: UserOwned<br />\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "- [msdyn_resourceterritoryId](#BKMK_msdyn_resourceterritoryId)\n\n\n"
    '### <a name="BKMK_msdyn_resourceterritoryId"></a> msdyn_resourceterritoryId\n\n'
    "**Description**: Shows the entity instances.<br />\n"
    "**DisplayName**: Resource Territory<br />\n"
    "**LogicalName**: msdyn_resourceterritoryid<br />\n**IsValidForForm**: False<br />\n"
    "**IsValidForRead**: True<br />\n**RequiredLevel**: SystemRequired<br />\n"
    "**IsValidForUpdate**: False<br />\n**Type**: Uniqueidentifier<br />\n\n"
    '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\nListed by **SchemaName**.\n\n'
    "- [msdyn_resourceterritory_ActivityPointers](#BKMK_msdyn_resourceterritory_ActivityPointers)\n"
    "- [msdyn_resourceterritory_Tasks](#BKMK_msdyn_resourceterritory_Tasks)\n"
    "- [msdyn_resourceterritory_msdyn_bookingalerts]"
    "(#BKMK_msdyn_resourceterritory_msdyn_bookingalerts)\n"
    "- [msdyn_resourceterritory_msdyn_approvals](#BKMK_msdyn_resourceterritory_msdyn_approvals)\n"
    "\n\n"
    + _regarding_2017("msdyn_resourceterritory", "activitypointer", "ActivityPointers")
    + _regarding_2017("msdyn_resourceterritory", "task", "Tasks")
    + _regarding_2017("msdyn_resourceterritory", "msdyn_bookingalert", "msdyn_bookingalerts")
    + _regarding_2017("msdyn_resourceterritory", "msdyn_approval", "msdyn_approvals")
)


def test_the_regarding_of_a_dynamics_365_solutions_activity_is_named_as_an_activitys(
    tmp_path: Path,
) -> None:
    """The table's page names its relationship to ``activitypointer``, so each activity's
    Regarding ends with the activity's name (``outside_names``)."""
    partners = _partners(tmp_path, "msdyn_resourceterritory", _RESOURCETERRITORY)
    assert partners == {
        "msdyn_resourceterritory_ActivityPointers": "regardingobjectid_msdyn_resourceterritory",
        "msdyn_resourceterritory_Tasks": "regardingobjectid_msdyn_resourceterritory_task",
        "msdyn_resourceterritory_msdyn_bookingalerts": (
            "regardingobjectid_msdyn_resourceterritory_msdyn_bookingalert"
        ),
        "msdyn_resourceterritory_msdyn_approvals": (
            "regardingobjectid_msdyn_resourceterritory_msdyn_approval"
        ),
    }
