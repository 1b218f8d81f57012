"""Which lookup each one-to-many relationship of a set belongs to, for ``webapi.navs`` to name
navigation properties by.

A reference page up to 2023 lists a many-to-one relationship only by its schema name and a
link to the other table's page, without its ReferencingAttribute. The lookup it belongs to is
then decided here by Microsoft's rules (web-api-navigation-properties.md): the table's lookup
whose Targets include the referenced table, else a Uniqueidentifier holding its key, else a
lookup to ``activitypointer`` for an activity, else, for ``activitypointer``, a lookup to
activities only; among several, the one the schema name spells best (a relationship Dataverse
makes to every table, ``Team_AsyncOperations``, its lookup of any table); failing all, the lookup
whose name ends the schema name (``_entitlementtemplateid``), whatever its Targets, then the
lookup printed without Targets named as the referenced table's key (``organizationid``); last, the
one relationship of a table no rule decides and the one lookup of it no relationship claims
belong together (``ownermapping.targetsystemuserid``, printed with Targets ``businessunit``).
Before them, three relationships Dataverse makes itself are decided by name
(``webapi.made_links``). A relationship no rule decides becomes a ``Finding``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from dvgen.dataverse_tables import ACTIVITIES, OWNER
from dvgen.diagnostics import Location
from dvgen.model import Column, ColumnType, Table
from dvgen.platformlinks import PLATFORM_LINKS
from dvgen.webapi.activity_lookups import is_activity
from dvgen.webapi.bases import ACTIVITY, PRINCIPAL, base_of
from dvgen.webapi.links import OneToManyLink
from dvgen.webapi.made_links import business_unit_user_link, flow_link, sla_link

_MIN_WORD = 3
_TRAILING_NUMBER = re.compile(r"(\d+)$")
_BASE_ROW = 2000
"""A relationship named after a table and its base type holds the table's own key."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A relationship no rule decides: reported by the target that declares navigations."""

    loc: Location
    message: str


def with_attributes(
    links: list[OneToManyLink], by_name: dict[str, Table], findings: list[Finding]
) -> list[OneToManyLink]:
    """``links`` with the lookup of each relationship its page does not name, grouped by
    referencing and referenced table so that the relationships of a group share the lookups
    left; what no rule decides is added to ``findings``."""
    links = [
        business_unit_user_link(flow_link(sla_link(link, by_name), by_name), by_name)
        for link in links
    ]
    groups: dict[tuple[str, str], list[OneToManyLink]] = defaultdict(list)
    for link in links:
        if link.referencing in by_name and link.referenced is not None:
            groups[(link.referencing, link.referenced)].append(link)
    chosen: dict[int, str] = {}
    activities = _activity_names(by_name)
    rules = (_targets, _holds_key, _holds_activity(activities), _to_activities(activities))
    left: dict[str, list[OneToManyLink]] = defaultdict(list)
    keyed = _keyed(by_name, {referencing for referencing, _ in groups})
    for (referencing, referenced), group in sorted(groups.items()):
        chosen.update(_match(keyed[referencing], referenced, group, rules, left[referencing]))
    for referencing, open_links in sorted(left.items()):
        table = keyed[referencing]
        own = [link for link in links if link.referencing == referencing]
        chosen.update(_last_left(table, open_links, own, chosen))
        findings.extend(_undecided(table, link) for link in open_links)
    return [
        dataclasses.replace(link, referencing_attribute=chosen[id(link)])
        if id(link) in chosen
        else link
        for link in links
    ]


def _keyed(by_name: dict[str, Table], names: set[str]) -> dict[str, Table]:
    """Each of the tables ``names`` with only the columns a rule here may give a
    relationship: its lookups and Uniqueidentifiers. The rules scan a table's columns once
    for each rule and each table its relationships reference (``asyncoperation``'s
    ``regardingobjectid`` relates it to hundreds), and most columns are neither."""
    return {
        name: dataclasses.replace(
            by_name[name],
            columns=tuple(
                column
                for column in by_name[name].columns
                if column.type.is_lookup or column.type is ColumnType.UNIQUEIDENTIFIER
            ),
        )
        for name in names
    }


def _targets(table: Table, column: Column, referenced: str) -> bool:
    """The lookup can hold a row of ``referenced`` (an Owner column only through ``owner``)."""
    if column.type is ColumnType.OWNER:
        return referenced in (OWNER, PRINCIPAL.name)
    return column.type.is_lookup and referenced in column.targets


def _activity_names(by_name: dict[str, Table]) -> frozenset[str]:
    """The activity tables but ``activitypointer``: those of the set by their primary id,
    the others as Microsoft's list knows them."""
    outside = {name for name in ACTIVITIES if name not in by_name}
    inside = {name for name, table in by_name.items() if is_activity(table)}
    return frozenset((outside | inside) - {ACTIVITY.name})


def _holds_activity(activities: frozenset[str]) -> Callable[[Table, Column, str], bool]:
    """Whether a lookup to ``activitypointer`` holds a row of ``referenced``, one of
    ``activities``: Dataverse relates ``activityparty.activityid`` (Targets: activitypointer)
    to each activity table by a relationship of its own (``letter_activity_parties``, whose
    navigation property is ``activityid_letter``), which a page names only by a link."""

    def holds(table: Table, column: Column, referenced: str) -> bool:
        return (
            column.type.is_lookup and ACTIVITY.name in column.targets and referenced in activities
        )

    return holds


def _to_activities(activities: frozenset[str]) -> Callable[[Table, Column, str], bool]:
    """Whether a lookup whose Targets are activities only holds the ``activitypointer`` row
    of a relationship to ``activitypointer``: an activity's key is its ``activitypointer``
    row's. Dataverse relates ``campaignactivityitem.campaignactivityid`` (Targets:
    campaignactivity) to ``activitypointer`` (``ActivityPointer_CampaignActivityItems``, whose
    navigation property is ``campaignactivityid``), which a page of 2017-2022 names only by a
    link."""

    def holds(table: Table, column: Column, referenced: str) -> bool:
        return (
            referenced == ACTIVITY.name
            and column.type.is_lookup
            and bool(column.targets)
            and all(target in activities for target in column.targets)
        )

    return holds


def _holds_key(table: Table, column: Column, referenced: str) -> bool:
    """A Uniqueidentifier column that holds a ``referenced`` row's key: named as that key
    (``<table>id``) or as its last word (``stageid`` for ``processstage``), or the table's own
    key when ``referenced`` is its base entity type."""
    if column.type is not ColumnType.UNIQUEIDENTIFIER:
        return False
    stem = column.logical_name.removesuffix("id")
    if stem == referenced or (len(stem) > _MIN_WORD and referenced.endswith(stem)):
        return True
    if column.logical_name == table.primary_id_attribute:
        return base_of(table.logical_name, column.logical_name) == referenced
    return False


def _match(
    table: Table,
    referenced: str,
    group: list[OneToManyLink],
    rules: tuple[Callable[[Table, Column, str], bool], ...],
    left: list[OneToManyLink],
) -> dict[int, str]:
    """Lookup of each relationship of the group (one referencing and referenced table) whose
    page does not name it, by the first of ``rules`` that finds one: a lookup to the table,
    then a column holding its key, then a lookup to ``activitypointer`` for an activity, then
    (for ``activitypointer``) a lookup to activities only. What none decides is added to
    ``left``."""
    claimed = {link.referencing_attribute for link in group}
    open_links = [link for link in group if link.referencing_attribute is None]
    chosen: dict[int, str] = _regarding(table, referenced, open_links, claimed)
    for holds in rules:
        free = [
            c.logical_name
            for c in table.columns
            if holds(table, c, referenced) and c.logical_name not in claimed
        ]
        chosen.update(_assign(open_links, free, table.logical_name, referenced))
    chosen.update(_named_at_end(table, open_links, claimed | set(chosen.values())))
    chosen.update(_named_at_start(table, referenced, open_links, claimed | set(chosen.values())))
    chosen.update(_named_as_key(table, referenced, open_links, claimed | set(chosen.values())))
    left.extend(open_links)
    return chosen


_REGARDING = "regardingobjectid"


def _regarding(
    table: Table, referenced: str, open_links: list[OneToManyLink], claimed: set[str | None]
) -> dict[int, str]:
    """An activity's relationship named ``<referenced>_<the activity's CollectionSchemaName>``
    belongs to its Regarding lookup, which Dataverse made it with when it enabled the
    referenced table for activities (``Account_ServiceAppointments``), though another lookup
    of the activity also targets that table: Service Activity's 2019 page lists
    ``site_ServiceAppointments`` and ``site_service_appointments`` by name alone, both spelling
    ``siteid`` alike, and Microsoft's ``$metadata`` partners the first with
    ``regardingobjectid_site_serviceappointment``, the second with ``siteid``. Only where the
    page states the CollectionSchemaName and the Regarding lookup's Targets hold the table."""
    collection = table.collection_schema_name
    column = table.column(_REGARDING)
    if (
        not collection
        or column is None
        or _REGARDING in claimed
        or not is_activity(table)
        or not _targets(table, column, referenced)
    ):
        return {}
    name = f"{referenced}_{collection}".lower()
    for link in open_links:
        if link.schema_name.lower() == name:
            open_links.remove(link)
            claimed.add(_REGARDING)
            return {id(link): _REGARDING}
    return {}


def _undecided(table: Table, link: OneToManyLink) -> Finding:
    return Finding(
        link.loc,
        f"webapi: relationship {link.schema_name!r} ({table.logical_name} -> "
        f"{link.referenced}): no rule decides which lookup it belongs to: no navigation "
        "property",
    )


def _last_left(
    table: Table,
    open_links: list[OneToManyLink],
    own: list[OneToManyLink],
    chosen: dict[int, str],
) -> dict[int, str]:
    """The one relationship of ``table`` no rule decides belongs to its one lookup that no
    relationship of the set claims, whatever that lookup's printed Targets: a page's Targets
    can be wrong where its relationships are not. ``ownermapping``'s 2023 page prints
    ``targetsystemuserid`` ("Target System User") with Targets ``businessunit`` and lists
    ``OwnerMapping_SystemUser`` (from ``systemuser``), which no other lookup takes; Microsoft's
    ``$metadata`` has ``targetsystemuserid``, of type ``systemuser``, partnered with it. Only
    one of each, and the lookup's name must name the related table (``targetsystemuserid``,
    ``systemuser``): two relationships, two such lookups or a lookup named otherwise
    (``x_activityid`` with Targets ``account`` against ``ActivityPointer_X_Items``) leave the
    page's word standing (a lookup whose relationship the page does not list keeps no
    navigation property)."""
    if len(open_links) != 1 or not open_links[0].referenced:
        return {}
    taken = {link.referencing_attribute for link in own} | {
        chosen[id(link)] for link in own if id(link) in chosen
    }
    free = [
        c.logical_name
        for c in table.columns
        if c.type.is_lookup and c.type is not ColumnType.OWNER and c.logical_name not in taken
    ]
    if len(free) != 1 or open_links[0].referenced not in free[0]:
        return {}
    return {id(open_links.pop()): free[0]}


def _named_at_end(
    table: Table, open_links: list[OneToManyLink], taken: set[str | None]
) -> dict[int, str]:
    """A relationship no rule above decides whose schema name ends with one of the table's
    lookups (``_<lookup>``, as Dataverse names a relationship made with its lookup) belongs
    to it, whatever that lookup's printed Targets: ``entitlementtemplatechannel``'s 2019 page
    prints ``entitlementtemplateid`` with Targets ``entitlementchannel`` and lists
    ``entitlementtemplate_entitlementchannel_entitlementtemplateid`` (from
    ``entitlementtemplate``), whose navigation property Microsoft's ``$metadata`` has:
    ``entitlementtemplateid``, of type ``entitlementtemplate``."""

    def fits(link: OneToManyLink, column: Column) -> bool:
        return (
            column.type.is_lookup
            and column.type is not ColumnType.OWNER
            and link.schema_name.lower().endswith(f"_{column.logical_name}")
        )

    return _sole_fits(table, open_links, taken, fits)


def _named_at_start(
    table: Table, referenced: str, open_links: list[OneToManyLink], taken: set[str | None]
) -> dict[int, str]:
    """A relationship still undecided whose schema name, underscores aside, opens with the
    name of exactly one of the table's free lookups to the referenced table less its ``id``
    belongs to it: ``calendarrule``'s 2021 page lists ``calendar_calendar_rules`` and
    ``inner_calendar_calendar_rules``, both to ``calendar``, by name alone, and Microsoft's
    ``$metadata`` partners them with ``calendarid`` and ``innercalendarid`` (the words of each
    name spell both lookups alike, so the scores above tie)."""

    def fits(link: OneToManyLink, column: Column) -> bool:
        name = column.logical_name
        return (
            _targets(table, column, referenced)
            and name.endswith("id")
            and len(name) - 2 >= _MIN_WORD
            and link.schema_name.lower().replace("_", "").startswith(name[:-2].replace("_", ""))
        )

    return _sole_fits(table, open_links, taken, fits)


def _named_as_key(
    table: Table, referenced: str, open_links: list[OneToManyLink], taken: set[str | None]
) -> dict[int, str]:
    """A relationship still undecided belongs to the table's free lookup named as the
    referenced table's key (``<referenced>id``) when the page prints that lookup without
    Targets: the page then says nothing of what it holds, and Dataverse names the platform's
    lookups after the key they hold. ``roleeditorlayout``'s 2023 page prints
    ``organizationid`` with an empty Targets row and lists ``organization_roleeditorlayout``
    by name alone; every page that states an ``organization_<table>`` relationship's
    ReferencingAttribute says ``organizationid`` (``recordfilter``'s, ``msdyn_*``'s of
    2024 on), and Microsoft's EntityTypes partner ``organizationid`` with each
    ``organization_<table>`` (11 of 11 among the corpus tables')."""

    def fits(link: OneToManyLink, column: Column) -> bool:
        return (
            column.type.is_lookup
            and column.type is not ColumnType.OWNER
            and not column.targets
            and column.logical_name == f"{referenced}id"
        )

    return _sole_fits(table, open_links, taken, fits)


def _sole_fits(
    table: Table,
    open_links: list[OneToManyLink],
    taken: set[str | None],
    fits: Callable[[OneToManyLink, Column], bool],
) -> dict[int, str]:
    """Each relationship of ``open_links`` that exactly one column of ``table`` not yet
    ``taken`` ``fits`` belongs to that column: it is taken, and the relationship leaves
    ``open_links``."""
    chosen: dict[int, str] = {}
    for link in list(open_links):
        found = [
            c.logical_name for c in table.columns if c.logical_name not in taken and fits(link, c)
        ]
        if len(found) == 1:
            chosen[id(link)] = found[0]
            taken.add(found[0])
            open_links.remove(link)
    return chosen


def _assign(
    open_links: list[OneToManyLink], free: list[str], table: str, referenced: str
) -> dict[int, str]:
    """Pairs relationships with columns (both lists lose what is paired)."""
    chosen: dict[int, str] = {}
    while open_links and free:
        if len(open_links) == 1 and len(free) == 1:
            pick = (open_links[0], free[0])
        else:
            found = _best(open_links, free, table, referenced)
            if found is None:
                break
            pick = found
        chosen[id(pick[0])] = pick[1]
        open_links.remove(pick[0])
        free.remove(pick[1])
    return chosen


def _best(
    links: list[OneToManyLink], columns: list[str], table: str, referenced: str
) -> tuple[OneToManyLink, str] | None:
    """The pair whose schema name spells its lookup best, when no other lookup ties."""
    best: tuple[int, OneToManyLink, str] | None = None
    for link in links:
        scored = sorted(
            ((_score(c, link.schema_name, table, referenced), c) for c in columns), reverse=True
        )
        top, column = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0
        if top > runner_up and (best is None or top > best[0]):
            best = (top, link, column)
    return (best[1], best[2]) if best is not None else None


def _score(column: str, schema_name: str, table: str, referenced: str) -> int:
    if _names_the_base_row(column, schema_name, table, referenced):
        return _BASE_ROW
    if _named_as_platform_made(column, schema_name, table):
        return _BASE_ROW
    text = _after_referenced(schema_name.lower(), referenced)
    if column in text:
        return 1000 + len(column)
    words = [
        w
        for w in text.split("_")
        if len(w) >= 3 and not w.startswith(table) and not w.startswith(referenced)
    ]
    return sum(len(w) for w in words if w in column) + _numbered(column, text)


def _names_the_base_row(column: str, schema_name: str, table: str, referenced: str) -> bool:
    """The relationship of a table's own key to its base type's row is named after the two
    tables alone (``activity_pointer_campaignresponse``): Campaign Response's 2017 page also
    names ``activity_campaignresponse`` (``originatingactivityid``) to ``activitypointer``,
    which, spelling the key's word ``activity``, took ``activityid`` from it."""
    if base_of(table, column) != referenced:
        return False
    rest = schema_name.lower().replace(table, "", 1)
    return rest.replace("_", "") == referenced


def _named_as_platform_made(column: str, schema_name: str, table: str) -> bool:
    """The relationship Dataverse makes from one of its own tables to every table
    (``platformlinks.PLATFORM_LINKS``) is named ``<table>_<what>`` and holds the referencing
    table's lookup of any table: ``Team_AsyncOperations`` is ``asyncoperation.regardingobjectid``.
    asyncoperation's 2021 page lists it by name alone beside ``team_asyncoperation``, and both
    spell ``owningteam`` and ``regardingobjectid`` alike (no word): neither had a navigation
    property, where Microsoft's ``$metadata`` partners ``regardingobjectid_team`` with
    ``Team_AsyncOperations`` and ``owningteam`` with ``team_asyncoperation``. Only among the
    lookups whose Targets hold the referenced table (``_targets``): ``owningextensionid``
    alone holds a ``sdkmessageprocessingstep``, whose ``SdkMessageProcessingStep_AsyncOperations``
    it keeps. Not by a name ending in the referencing table's own name (``_ProcessSession`` on
    ``processsession``): Dataverse names an owner's relationship so too, ``team_processsession``
    being ``owningteam``'s where the system job's is ``Team_ProcessSessions`` (Microsoft's
    processsession EntityType; its 2023 page lists both by name alone)."""
    name = schema_name.lower()
    return any(
        table == referencing
        and column == lookup
        and what.lower() != table
        and name.endswith(f"_{what.lower()}")
        for referencing, lookup, what in PLATFORM_LINKS
    )


def _after_referenced(text: str, referenced: str) -> str:
    """The schema name without the leading ``[<prefix>_]<referenced>`` Dataverse starts it with
    (``<prefix>_<referenced>_<referencing>_<lookup>``): those words name the referenced table,
    not a lookup, though a lookup may bear the same name. Solution Health Rule's
    ``msdyn_workflow_msdyn_solutionhealthrule_resolutionaction`` belongs to
    ``msdyn_resolutionaction``, not to ``msdyn_workflow``."""
    if text.startswith(referenced + "_"):
        return text[len(referenced) :]
    prefix, _, rest = text.partition("_")
    if prefix and rest.startswith(referenced + "_"):
        return rest[len(referenced) :]
    return text


def _numbered(column: str, schema_name: str) -> int:
    """1 when the schema name ends in a number the lookup's name holds: connection's pairs
    ``account_connections1`` / ``account_connections2`` belong to ``record1id`` / ``record2id``
    (``connection_role_connections1`` to ``record1roleid``), which no word of theirs spells."""
    number = _TRAILING_NUMBER.search(schema_name)
    if number is None:
        return 0
    return 1 if re.search(rf"(?<!\d){number.group(1)}(?!\d)", column) else 0
