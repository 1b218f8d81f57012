"""Variations met in a forty-third round of real pages outside the corpus, drawn with
random.Random(43) from the reference's table of contents less the corpus, the seed and the tables
of earlier rounds (198 left), preferring File and Image columns, BigInt, choices of several
values and Dynamics 365's Field Service and Marketing tables. MicrosoftDocs/powerapps-docs
(``powerapps-docs/developer/data-platform/reference/entities/``), in the order drawn:
athenareconciliationinfo (drawn 1st, generated-reference with Events, commit 8fa06797),
gitbranch (4th, a Virtual table with no relationships, commit 457d0676), msdyn_timelinepin (5th,
an Elastic table, 08/30/2024, commit 06abccfe), userrating (8th, 03/07/2023, commit 05cfff53) and
sideloadedaiplugin (7th, commit 0298582b), privilegecheckerrun (11th, commit 0298582b) and
desktopflowbinary (50th, taken for its File column ``data`` and its ``fileattachment``
relationship, commit 0658c019). Passed over for want of time: msdyn_entityrefreshhistory,
solutioncomponentrelationshipconfiguration, msdyn_knowledgesearchfilter (read, 2024 layout,
plain columns) and powerpagesite (read in part).
Older versions: msdyn_slakpi of 11/07/2020 (``developer/common-data-service/``, "Table
Properties" / "Writable Columns" headings, commit 73221c1a) and msdyn_solutionhealthruleset of
04/12/2020 (commit 33bc0031). MicrosoftDocs/dynamics-365-customer-engagement:
msdyn_resourceterritory (``ce/developer/entities/``, Universal Resource Scheduling, 10/31/2017,
commit 0b1fd92a: lookups to bookableresource and territory, regarding relationships of every
activity), msdyncrm_contentblock and msdyncrm_tag (``ce/field-service/entities/``, Marketing
tables on Field Service's pages, ``ms.date: 07.24.2024``, commit bf6869cb: two Image columns, one
primary, a multi-select choice, a Boolean defaulting to True, statuscode values 192350000+, and
the many-to-many relationship between them, read together and alone).

Faults found, each pinned below: (1) a table's regarding relationships to Field Service's
Approval and Universal Resource Scheduling's Booking Alert (``msdyn_approval``,
``msdyn_bookingalert``), activities Dynamics 365's solutions made, were partnered with the bare
``regardingobjectid``, where Microsoft's ``msdyn_resourceterritory`` EntityType
(MicrosoftDocs/dynamics365-docs-odata-apis) has
``regardingobjectid_msdyn_resourceterritory_msdyn_bookingalert`` and
``regardingobjectid_msdyn_resourceterritory_msdyn_approval``, as for the platform's activities
(``regardingobjectid_msdyn_resourceterritory_task``): Microsoft's ``activitypointer``
EntityType lists them among its derived types, with LinkedIn's three and Customer Voice's
three, and its ``msdyn_incidenttypeservice`` partners ``..._li_inmails`` with
``regardingobjectid_msdyn_incidenttypeservice_li_inmail`` and ``..._msfp_alerts`` with
``regardingobjectid_msdyn_incidenttypeservice_msfp_alert``.

The CSDL was compared by eye with Microsoft's EntityTypes: msdyn_resourceterritory 21 of 21
properties, 10 of 10 single-valued navigation properties and, after the fix, 24 of 24
collections partnered as Microsoft's (dvgen adds
``msdyn_resourceterritory_SharePointDocuments``, which the 2017 page lists and Microsoft's 2020
EntityType has not: left, no rule tells); msdyn_slakpi (2020 page) 31 of 33 properties (two
columns newer than the page), 8 of 8 and 8 of 9 (``msdyn_msdyn_slakpi_slaitem`` is partnered
``msdyn_SLAKPIID``, a SchemaName no page of the set spells: left); msdyn_solutionhealthruleset
(2020) 18 of 18, 5 of 5 and 8 of 10 (its two collections to the checker's own tables are
partnered ``msdyn_SolutionHealthRuleSetId`` and ``msdyn_solutionhealthrulesetId``, spelt two
ways: left). The other tables have no EntityType there; privilegecheckerlog's page names its
lookup to privilegecheckerrun ``PrivilegeCheckerRunId`` where dvgen, from privilegecheckerrun's
page alone, says ``privilegecheckerrunid``: Microsoft's EntityTypes name a key-named lookup of
an unprefixed table so only on tables made lately (``customapi``'s ``SdkMessageId`` against
``sdkmessagefilter``'s ``sdkmessageid``), which no page of the referenced table tells (left).
Statecode is update-only and the key create-only on every 2024-on page here (round 41's rule),
the Image columns carry ``_timestamp``, ``_url`` and ``id`` companions as Microsoft's
``account`` does, and no page has a ``...title`` companion (round 42). Every output loaded into
sqlite3 and PostgreSQL 15, parsed as T-SQL, passed the OASIS CSDL XSD and the JSON Schema
2020-12 metaschema, and the pydantic models imported and validated a record (the multi-select
choice as a list of its values, a wrong value refused).
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
