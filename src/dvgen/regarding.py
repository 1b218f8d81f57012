"""The relationships Dataverse makes between each table enabled for activities and each activity
table: an activity's ``regardingobjectid`` may hold a row of any table enabled for activities.

Found in real data, not from memory:

- ``CreateEntityRequest.HasActivities`` (the SDK's reference): "whether a custom entity is
  created that has a special relationship to activity entities and is a valid regarding object
  for the activity". An unpacked solution states it as ``<HasRelatedActivities>True`` in the
  table's ``Entity.xml`` (``cat_ComplianceCase`` of ``microsoft__Power-CAT-Copilot-Studio-Kit``
  and ``bac_Package`` of ``brendon-colburn__powerplatform-rules-engine`` in
  ``../shared/solutions``), and exports none of the relationships it makes.
- The custom table ``sample_bankaccount`` (its page in ``../shared/corpus``): a relationship to
  each activity of its org, named ``<table>_<activity CollectionSchemaName>``
  (``sample_bankaccount_ActivityPointers``, ``_Appointments``, ``_SocialActivities``, custom
  activities' ``_msfp_surveyresponses``, ``_adx_portalcomments``), by ``regardingobjectid``, its
  collection navigation property the relationship's name. ``csa_csIncident``'s export
  (``pnp__powerplatform-samples__IncidentReporting``) names a custom activity's alike:
  ``account_csa_csIncidents``, ``sa_event_csa_csIncidents`` (the table's logical name first).
- The Web API (``../shared/validators/webapi-v9``: ``appointment.yml``'s
  ``regardingobjectid_account_appointment``, partner ``Account_Appointments``; an org's custom
  ``new_interactionforemail``'s ``regardingobjectid_new_interactionforemail``, partner
  ``new_interactionforemail_ActivityPointers``): the single-valued navigation property is
  ``regardingobjectid_<table>_<activity>``, and ``regardingobjectid_<table>`` on
  ``activitypointer``.
- Cascades, from Microsoft's pages of solution-made tables enabled for activities
  (``msdyn_paymentterm``, ``entitlement``; ``sample_bankaccount``'s in the Sales reference):
  to ``activitypointer`` nothing cascades and a delete removes the link; to each activity,
  parental (assign, delete, reparent, share, unshare cascade; archive, merge, rollup view
  not), as ``csa_csIncident``'s export states it for a custom activity.
- Which activities: every one of the org but those whose regarding Dataverse narrows (Quick
  Campaign, Campaign Activity, Campaign Response), and the untracked email: the
  ``sample_bankaccount`` page and the Web API's ``entitlementtemplate`` (each of another org,
  Microsoft's and custom activities alike) relate none of them, and every other.

What dvgen does: a table is enabled for activities when its spec says so (``has_activities:
true``, a solution's ``<HasRelatedActivities>``), or, unstated, when it has its
``<table>_ActivityPointers`` relationship (a page lists it). Each such table, unless it is an
activity, is related to each activity table of the set (and to ``activitypointer``, the base
every activity derives from), unless a relationship of that ``regardingobjectid`` already relates
the two (a page's, a solution's, one the author wrote), or both are Microsoft's (their pages
describe them as an org has them). The resolved set then mirrors each onto its activity, whose
``regardingobjectid`` gains the table as a target. With no activity in the set, nothing is added.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dvgen.dataverse_tables import ACTIVITY_BASE, ACTIVITY_KEY, collection_name
from dvgen.diagnostics import Location
from dvgen.lookups import REGARDING, microsoft_name
from dvgen.model import CascadeConfiguration, CascadeType, OneToManyRelationship, Table

NARROWED = frozenset({"bulkoperation", "campaignactivity", "campaignresponse", "untrackedemail"})
"""Microsoft's activities no table enabled for activities is related to (see above)."""
PARENTAL = CascadeConfiguration(
    archive=CascadeType.NO_CASCADE,
    assign=CascadeType.CASCADE,
    delete=CascadeType.CASCADE,
    merge=CascadeType.NO_CASCADE,
    reparent=CascadeType.CASCADE,
    rollup_view=CascadeType.NO_CASCADE,
    share=CascadeType.CASCADE,
    unshare=CascadeType.CASCADE,
)
"""An activity's regarding relationship to a table: ``account_csa_csIncidents``'s export (merge
unstated), ``msdyn_paymentterm_Tasks`` and ``msdyn_paymentterm_msdyn_bookingalerts`` (merge:
NoCascade)."""
_POINTER_CASCADE = CascadeConfiguration(
    archive=CascadeType.NO_CASCADE,
    assign=CascadeType.NO_CASCADE,
    delete=CascadeType.REMOVE_LINK,
    merge=CascadeType.NO_CASCADE,
    reparent=CascadeType.NO_CASCADE,
    rollup_view=CascadeType.NO_CASCADE,
    share=CascadeType.NO_CASCADE,
    unshare=CascadeType.NO_CASCADE,
)
_POINTER = Table(ACTIVITY_BASE, "ActivityPointer", collection_schema_name="ActivityPointers")
"""``activitypointer`` as its page names it, for the set that has activities but not it."""
Pair = tuple[str, str]
"""(table, activity) related by the activity's ``regardingobjectid``."""


def relationship(target: str, activity: Table, where: Location) -> OneToManyRelationship:
    """The relationship of ``activity``'s ``regardingobjectid`` to the table ``target``, as
    Dataverse names it (``<target>_<activity CollectionSchemaName>``), located at ``where``."""
    name = f"{target}_{collection_schema_name(activity)}"
    pointer = activity.logical_name == ACTIVITY_BASE
    single = f"{REGARDING}_{target}" + ("" if pointer else f"_{activity.logical_name}")
    return OneToManyRelationship(
        name,
        referenced_entity=target,
        referencing_entity=activity.logical_name,
        referencing_attribute=REGARDING,
        referenced_entity_navigation_property_name=name,
        referencing_entity_navigation_property_name=single,
        is_hierarchical=False,
        cascade_configuration=_POINTER_CASCADE if pointer else PARENTAL,
        loc=where,
    )


def collection_schema_name(table: Table) -> str:
    """``table``'s CollectionSchemaName: stated, or the plural Dataverse gives its schema name
    (``csa_csIncident`` -> ``csa_csIncidents``, ``new_Sms`` -> ``new_Smses``)."""
    return table.collection_schema_name or collection_name(table.schema_name)


def relate(tables: list[Table]) -> list[Table]:
    """``tables``, each enabled for activities with its relationship to each activity of the
    set that nothing relates it to yet (a new tuple for a table that gains one only)."""
    activities = [t for t in tables if _regarding_activity(t)]
    if not activities:
        return tables
    if all(a.logical_name != ACTIVITY_BASE for a in activities):
        activities.append(_POINTER)
    linked, names = _related(tables)
    return [_with(table, activities, linked, names) for table in tables]


def enabled(table: Table) -> bool:
    """Whether ``table`` is enabled for activities: said so, or, unsaid, related to
    ``activitypointer`` by its ``regardingobjectid`` (``Account_ActivityPointers``)."""
    if table.primary_id_attribute == ACTIVITY_KEY:
        return False
    if table.has_activities is not None:
        return table.has_activities
    return any(
        r.referencing_entity == ACTIVITY_BASE and r.referencing_attribute == REGARDING
        for r in table.relationships.one_to_many
    )


def _regarding_activity(table: Table) -> bool:
    """An activity of the set whose ``regardingobjectid`` any table enabled for activities
    may fill."""
    return (
        table.primary_id_attribute == ACTIVITY_KEY
        and table.logical_name not in NARROWED
        and table.column(REGARDING) is not None
    )


def _related(tables: Iterable[Table]) -> tuple[set[Pair], set[str]]:
    """The (table, activity) pairs a regarding relationship of the set relates, from either
    side, and the schema names (lower case) of every one-to-many relationship."""
    linked: set[Pair] = set()
    names: set[str] = set()
    for table in tables:
        rel = table.relationships
        for item in (*rel.many_to_one, *rel.one_to_many):
            names.add(item.schema_name.lower())
            if item.referencing_attribute != REGARDING:
                continue
            referenced = item.referenced_entity or table.logical_name
            referencing = item.referencing_entity or table.logical_name
            linked.add((referenced, referencing))
    return linked, names


def _with(table: Table, activities: list[Table], linked: set[Pair], names: set[str]) -> Table:
    if not enabled(table):
        return table
    name = table.logical_name
    mine = microsoft_name(name)
    extra = []
    for activity in activities:
        if (name, activity.logical_name) in linked or (
            mine and microsoft_name(activity.logical_name)
        ):
            continue
        item = relationship(name, activity, table.loc)
        if item.schema_name.lower() not in names:
            extra.append(item)
    if not extra:
        return table
    one_to_many = (*table.relationships.one_to_many, *extra)
    relationships = dataclasses.replace(table.relationships, one_to_many=one_to_many)
    return dataclasses.replace(table, relationships=relationships)
