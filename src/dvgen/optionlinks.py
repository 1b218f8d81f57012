"""The relationships Dataverse makes from its own tables to a table when one of its options is
turned on, which a solution's export states as a flag of the table and never as relationships.

Four options, each with relationships through lookups that hold a row of any table
(``dataverse_tables.MANY_TABLE_LOOKUPS``, and ``feedback.regardingobjectid``), named by the
table's logical name:

- connections (``<IsConnectionsEnabled>1``): ``<logical name>_connections1`` from
  ``connection.record1id`` and ``<logical name>_connections2`` from ``connection.record2id``;
- duplicate detection (``<IsDuplicateCheckSupported>1``): ``<logical name>_DuplicateBaseRecord``
  from ``duplicaterecord.baserecordid`` and ``<logical name>_DuplicateMatchingRecord`` from
  ``duplicaterecord.duplicaterecordid``;
- service level agreements (``<IsSLAEnabled>1``): ``<logical name>_SLAKPIInstances`` from
  ``slakpiinstance.regarding``;
- feedback (``<HasRelatedFeedback>True``): ``<logical name>_Feedback`` from
  ``feedback.regardingobjectid``.

Each is partnered ``<lookup>_<logical name>``. A connection's, a duplicate's and a feedback's
cascade the delete only (every other action NoCascade); an SLA KPI instance's cascade assign,
delete, reparent, share and unshare (archive, merge and rollup view not).

Found in real data: the portal table ``adx_invitation`` states both options
(``<IsConnectionsEnabled>1``, ``<IsDuplicateCheckSupported>1`` in
``hmcts__pre-rec-evidence__dts_pre_recorded_evidence/Entities/adx_invitation/Entity.xml``) and
Microsoft's ``adx_invitation`` EntityType (MicrosoftDocs/dynamics-365-customer-engagement,
progref/webapireference/entitytypes/adx_invitation.md) has all four collections,
``adx_invitation_connections1`` partnered ``record1id_adx_invitation`` ...
``adx_invitation_DuplicateMatchingRecord`` partnered ``duplicaterecordid_adx_invitation``, and
none of queues, feedback or SharePoint locations, options it does not state. The connection
page (powerapps-docs, reference/entities/connection.md) names every solution-made table's pair
so (``mspp_website_connections1``, ``adx_inviteredemption_connections2``, and the activities'
``email_connections1``), each cascading Delete and nothing else; the pages of the solution-made
``activityfileattachment``, ``environmentvariabledefinition`` and
``environmentvariablevalue`` (``../shared/corpus``) list both duplicate relationships so, Delete
Cascade and every other action NoCascade. Microsoft's docs: a table is enabled for connections by
setting ``IsConnectionsEnabled`` (power-apps/developer/data-platform/connection-entities).

The SLA option: Microsoft's pages of the SLA-enabled solution-made tables state it
(powerapps-docs, reference/entities: ``mspcat_certificationrequest``'s
``mspcat_certificationrequest_SLAKPIInstances``, ``slakpiinstance.regarding``, navigation
property ``regarding_mspcat_certificationrequest``, Assign, Delete, Reparent, Share and Unshare
Cascade, Archive, Merge and RollupView NoCascade; Field Service's
``msdyn_workorder_SLAKPIInstances`` so; ``msdyn_aiagentstatus_SLAKPIInstances`` beside its
``manualsla_`` and ``sla_`` relationships). Met on GDFujitsu/GD's ``new_Notifiableevent`` (2019,
``<IsSLAEnabled>1``, its ``SLAId`` and ``SLAInvokedId`` lookups to ``sla``), whose export lists
the two SLA relationships and, as every export, not this one. The platform's tables name theirs
otherwise (``slakpiinstance_account``) and are left to their pages.

The feedback option: ``CreateEntityRequest.HasFeedback`` (the SDK's reference) is "whether the
table will have a special relationship to the Feedback table", which "can only be enabled
once"; the Dataverse reference's feedback page (powerapps-docs, reference/entities/feedback.md)
lists that relationship of every solution-made table so enabled, named and cascading alike:
``adx_casedeflection_Feedback``, ``adx_webpage_Feedback``, ``msdyn_ocliveworkitem_Feedback``
and ``msfp_surveyinvite_Feedback`` of the custom activities, ``msdyncrm_customerjourney_
Feedback``... each ``regardingobjectid``, navigation property ``regardingobjectid_<table>``,
Delete Cascade and every other action NoCascade; the live EntityType of ``msfp_alert`` has
``msfp_alert_Feedback`` partnered so. Met on TheMarkChristie/FoodbankModelDrivenApp's custom
activity ``com_Collection`` (``<HasRelatedFeedback>True``, its export listing no
``com_collection_Feedback``) and pnp IncidentReporting's ``csa_csIncident``. The platform's
tables name theirs otherwise (``Contact_Feedback``, navigation property ``ContactId``) and are
left to their pages.

Left out, as no evidence holds on several solution-made tables: queues (an export states no
``IsValidForQueue``), document management (``<IsDocumentManagementEnabled>``), mail merge and
OneNote (no relationships of the table's own), and knowledge management, whose two many-to-many
relationships the export lists itself (GDFujitsu/GD's ``Other/Relationships.xml``:
``msdyn_new_notifiableevent_knowledgearticle``, ``new_notifiableevent_knowledgebaserecord`` beside
``<IsKnowledgeManagementEnabled>1``).

In ``$metadata`` each is a collection of the table whose partner is the lookup's navigation
property on a key-only placeholder of the referencing table (``webapi.outside_names``);
no SQL table holds the referencing rows, so the SQL is unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dvgen.model import CascadeConfiguration, CascadeType, OneToManyRelationship, Table
from dvgen.platformlinks import lacking

CONNECTIONS = "IsConnectionsEnabled"
DUPLICATE_DETECTION = "IsDuplicateCheckSupported"
FEEDBACK = "HasRelatedFeedback"
SERVICE_LEVELS = "IsSLAEnabled"
"""The elements of an export's ``<EntityInfo>/<entity>`` that turn an option on."""

OPTION_LINKS: dict[str, tuple[tuple[str, str, str], ...]] = {
    CONNECTIONS: (
        ("connection", "record1id", "connections1"),
        ("connection", "record2id", "connections2"),
    ),
    DUPLICATE_DETECTION: (
        ("duplicaterecord", "baserecordid", "DuplicateBaseRecord"),
        ("duplicaterecord", "duplicaterecordid", "DuplicateMatchingRecord"),
    ),
    FEEDBACK: (("feedback", "regardingobjectid", "Feedback"),),
    SERVICE_LEVELS: (("slakpiinstance", "regarding", "SLAKPIInstances"),),
}
"""Per option: (referencing table, its lookup, the relationship's name after ``<table>_``)."""

_NONE = CascadeType.NO_CASCADE
DELETE_ONLY = CascadeConfiguration(
    archive=_NONE,
    assign=_NONE,
    delete=CascadeType.CASCADE,
    merge=_NONE,
    reparent=_NONE,
    rollup_view=_NONE,
    share=_NONE,
    unshare=_NONE,
)
"""The cascade of each relationship of ``OPTION_LINKS`` (connection.md: ``mspp_website_
connections1``; activityfileattachment.md: ``activityfileattachment_DuplicateBaseRecord``) but
an SLA KPI instance's."""
_ALL = CascadeType.CASCADE
KPI_INSTANCES = CascadeConfiguration(
    archive=_NONE,
    assign=_ALL,
    delete=_ALL,
    merge=_NONE,
    reparent=_ALL,
    rollup_view=_NONE,
    share=_ALL,
    unshare=_ALL,
)
"""The cascade of ``<table>_SLAKPIInstances`` (mspcat_certificationrequest.md,
slakpiinstance.md of Field Service: ``msdyn_workorder_SLAKPIInstances``)."""
CASCADES = {"slakpiinstance": KPI_INSTANCES}
"""The referencing tables whose option relationships do not cascade ``DELETE_ONLY``."""


def option_links(table: Table, options: Iterable[str]) -> Table:
    """``table`` (a solution's own standard table) with the relationships of each of its
    enabled ``options`` (keys of ``OPTION_LINKS``) it lacks: none of that name, nor one of
    that referencing table and lookup (what the export states wins)."""
    added = option_relationships(table, options)
    if not added:
        return table
    have = table.relationships.one_to_many
    relationships = dataclasses.replace(table.relationships, one_to_many=(*have, *added))
    return dataclasses.replace(table, relationships=relationships)


def option_relationships(table: Table, options: Iterable[str]) -> list[OneToManyRelationship]:
    """The relationships of each of the enabled ``options`` a standard ``table`` lacks
    (``platformlinks.lacking``), located at the table."""
    links = [link for option in sorted(set(options)) for link in OPTION_LINKS.get(option, ())]
    name = table.logical_name
    return [
        OneToManyRelationship(
            f"{name}_{suffix}",
            referenced_entity=name,
            referencing_entity=referencing,
            referencing_attribute=lookup,
            referenced_entity_navigation_property_name=f"{name}_{suffix}",
            referencing_entity_navigation_property_name=f"{lookup}_{name}",
            is_hierarchical=False,
            cascade_configuration=CASCADES.get(referencing, DELETE_ONLY),
            loc=table.loc,
        )
        for referencing, lookup, suffix in lacking(table, links)
    ]
