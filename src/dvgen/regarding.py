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

What Dataverse refuses or settles otherwise, said (``docs/spec-format.md``):

- An activity is never enabled for activities: Microsoft's "Custom activities" (powerapps-docs,
  ``developer/data-platform/custom-activities.md``) sets ``CreateEntityRequest.HasActivities``
  ``false``: "A custom activity table must not have a relationship with activities". Nor is an
  elastic table: "Cascading is not supported. Cascading behavior must be set to
  ``Cascade.None``" (``create-elastic-tables.md``), and every regarding relationship but
  ``activitypointer``'s cascades (``PARENTAL``). A spec or customization saying so is an error
  (``refusal``); a solution's table, a warning, its word dropped. Virtual tables are left: the
  docs say one "cannot represent an activity" (``IsActivity``), not that none may be regarded.
- ``has_activities: false`` beside a regarding relationship of the set (a page's
  ``<table>_ActivityPointers``): the relationship wins, as Dataverse makes it only with
  activities and never disables them once enabled; the table is enabled, with a warning.
- A relationship Dataverse would name as it names a regarding one, which the author gave to
  another relationship: no regarding relationship is added under that name, with a warning.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dvgen.dataverse_tables import ACTIVITIES, ACTIVITY_BASE, ACTIVITY_KEY, collection_name
from dvgen.diagnostics import Diagnostics, Location
from dvgen.lookups import REGARDING, microsoft_name
from dvgen.model import (
    CascadeConfiguration,
    CascadeType,
    OneToManyRelationship,
    Table,
    TableType,
)

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
REFUSED = "activities-refused"
CONTRADICTED = "has-activities-contradicted"
NAME_TAKEN = "regarding-name-taken"
"""The codes of the warnings above."""


def refusal(primary_id: object, table_type: object) -> str | None:
    """Why Dataverse cannot enable a table of this primary id and type for activities, or
    None when it can."""
    if primary_id == ACTIVITY_KEY:
        return (
            "an activity (key activityid) cannot be enabled for activities: a custom activity "
            "is created with HasActivities false and must not have a relationship with "
            'activities (Microsoft\'s "Custom activities")'
        )
    if table_type == TableType.ELASTIC:
        return (
            "an elastic table cannot be enabled for activities: its relationships cascade "
            "nothing (Cascade.None), and each activity's regarding relationship to a table "
            "enabled for activities cascades assign, delete, reparent, share and unshare"
        )
    return None


def relationship(target: str, activity: Table, where: Location) -> OneToManyRelationship:
    """The relationship of ``activity``'s ``regardingobjectid`` to the table ``target``, as
    Dataverse names it (``regarding_name``), located at ``where``."""
    name = regarding_name(target, activity)
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


def regarding_name(target: str, activity: Table) -> str:
    """The schema name Dataverse gives the relationship of ``activity``'s ``regardingobjectid``
    to the table ``target``: ``<target>_<activity CollectionSchemaName>``."""
    return f"{target}_{collection_schema_name(activity)}"


def collection_schema_name(table: Table) -> str:
    """``table``'s CollectionSchemaName: stated, or the plural Dataverse gives its schema name
    (``csa_csIncident`` -> ``csa_csIncidents``, ``new_Sms`` -> ``new_Smses``)."""
    return table.collection_schema_name or collection_name(table.schema_name)


def relate(tables: list[Table], diagnostics: Diagnostics) -> list[Table]:
    """``tables``, each enabled for activities with its relationship to each activity of the
    set that nothing relates it to yet (a new tuple for a table that gains one only); what
    Dataverse refuses or settles otherwise said in ``diagnostics`` (see above)."""
    tables = [_allowed(table, diagnostics) for table in tables]
    linked, names = _related(tables)
    kinds = {
        *ACTIVITIES,
        *(t.logical_name for t in tables if t.primary_id_attribute == ACTIVITY_KEY),
    }
    regarded = {pair for pair in linked if pair[1] in kinds}
    tables = [_settled(table, regarded, diagnostics) for table in tables]
    activities = [t for t in tables if _regarding_activity(t)]
    if not activities:
        return tables
    if all(a.logical_name != ACTIVITY_BASE for a in activities):
        activities.append(_POINTER)
    return [_with(table, activities, linked, names, diagnostics) for table in tables]


def _allowed(table: Table, diagnostics: Diagnostics) -> Table:
    """``table``, its word that it is enabled for activities dropped (with a warning) when
    Dataverse could not enable it: a solution's (a spec's or a customization's is an error
    where it is read)."""
    reason = refusal(table.primary_id_attribute, table.table_type)
    if not table.has_activities or reason is None:
        return table
    message = f"table {table.logical_name!r} is said enabled for activities, but {reason}"
    diagnostics.warning(table.loc, f"{message}: read as not", REFUSED)
    return dataclasses.replace(table, has_activities=None)


def _settled(table: Table, regarded: set[Pair], diagnostics: Diagnostics) -> Table:
    """``table``, enabled for activities when its spec says it is not but a regarding
    relationship of the set relates it to an activity (``regarded``, with a warning): Dataverse
    makes one only for a table enabled for activities, and never disables them."""
    if table.has_activities is not False:
        return table
    name = table.logical_name
    related = sorted(activity for owner, activity in regarded if owner == name)
    if not related:
        return table
    diagnostics.warning(
        table.loc,
        f"table {name!r} says has_activities: false, but the set relates it to "
        f"{', '.join(map(repr, related))} by regardingobjectid, which Dataverse does only for "
        "a table enabled for activities (and never disables them): read as enabled; write "
        "has_activities: true, or leave the relationship out",
        CONTRADICTED,
    )
    return dataclasses.replace(table, has_activities=True)


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


def made_for_activities(name: str, table: Table, others: Iterable[Table]) -> str | None:
    """What the relationship ``name`` (lower case) is, said as "which ...", when it is one
    resolution adds between ``table`` and a table of ``others`` for activities (``relate``),
    which a layer cannot remove as the layer applies: None for any other name. With no activity
    in the set, resolution adds none, not even ``activitypointer``'s."""
    if enabled(table):
        activities = [t for t in others if _regarding_activity(t)]
        outside = activities and ACTIVITY_BASE not in {t.logical_name for t in activities}
        for activity in (*activities, *([_POINTER] if outside else [])):
            made = regarding_name(table.logical_name, activity)
            if made.lower() == name:
                return (
                    f"dvgen adds between {activity.logical_name}.{REGARDING} and "
                    f"{table.logical_name!r}, a table enabled for activities"
                )
    if _regarding_activity(table):
        for other in filter(enabled, others):
            made = regarding_name(other.logical_name, table)
            if made.lower() == name:
                return (
                    f"dvgen adds between {table.logical_name}.{REGARDING} and "
                    f"{other.logical_name!r}, a table enabled for activities"
                )
    return None


def _regarding_activity(table: Table) -> bool:
    """An activity of the set whose ``regardingobjectid`` any table enabled for activities
    may fill."""
    return (
        table.primary_id_attribute == ACTIVITY_KEY
        and table.logical_name not in NARROWED
        and table.column(REGARDING) is not None
    )


def _related(tables: Iterable[Table]) -> tuple[set[Pair], dict[str, OneToManyRelationship]]:
    """The (table, activity) pairs a regarding relationship of the set relates, from either
    side, and every one-to-many relationship by schema name (lower case; the first met)."""
    linked: set[Pair] = set()
    names: dict[str, OneToManyRelationship] = {}
    for table in tables:
        rel = table.relationships
        for item in (*rel.many_to_one, *rel.one_to_many):
            names.setdefault(item.schema_name.lower(), item)
            if item.referencing_attribute != REGARDING:
                continue
            referenced = item.referenced_entity or table.logical_name
            referencing = item.referencing_entity or table.logical_name
            linked.add((referenced, referencing))
    return linked, names


def _with(
    table: Table,
    activities: list[Table],
    linked: set[Pair],
    names: dict[str, OneToManyRelationship],
    diagnostics: Diagnostics,
) -> Table:
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
        holder = names.get(item.schema_name.lower())
        if holder is None:
            extra.append(item)
        elif not _by_link(holder, item):
            _name_taken(table, activity, holder, diagnostics)
    if not extra:
        return table
    one_to_many = (*table.relationships.one_to_many, *extra)
    relationships = dataclasses.replace(table.relationships, one_to_many=one_to_many)
    return dataclasses.replace(table, relationships=relationships)


def _by_link(holder: OneToManyRelationship, item: OneToManyRelationship) -> bool:
    """Whether ``holder`` is the regarding relationship ``item`` itself, named only by a link:
    a page up to 2023 lists an activity's many-to-one relationship by its schema name and the
    other table (``See account Entity [Account_Tasks]``), without its ReferencingAttribute,
    which the Web API target decides later (``webapi.lookup_links``)."""
    return (
        holder.referencing_attribute is None
        and holder.referencing_entity == item.referencing_entity
        and holder.referenced_entity == item.referenced_entity
    )


def _name_taken(
    table: Table, activity: Table, holder: OneToManyRelationship, diagnostics: Diagnostics
) -> None:
    """The warning that ``holder``, another relationship, has the name Dataverse gives the
    relationship of ``activity``'s ``regardingobjectid`` to ``table``."""
    joins = (
        f"{holder.referencing_entity}.{holder.referencing_attribute} to {holder.referenced_entity}"
    )
    diagnostics.warning(
        holder.loc if holder.loc.path else table.loc,
        f"relationship {holder.schema_name!r} ({joins}) has the name Dataverse gives the "
        f"relationship of {activity.logical_name}.{REGARDING} to {table.logical_name!r}, a "
        f"table enabled for activities (at {table.loc}): that one is not added, so "
        f"{activity.logical_name!r} rows cannot regard {table.logical_name!r} rows here; "
        "rename this relationship",
        NAME_TAKEN,
    )
