"""Which lookups ``activitypointer`` declares, and how many tables each lookup of a set refers
to, for ``webapi.navs`` to name an activity's navigation properties by: how an activity's
lookup is named depends on whether ``activitypointer`` declares it too (CSDL members are
unique across a type and its base). They are counted from ``activitypointer``'s page, or else
by a vote of the set's activities."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from dvgen.dataverse_tables import OWNER, POINTER_LOOKUPS, made_by_a_solution
from dvgen.model import ColumnType, Table
from dvgen.webapi.bases import ACTIVITY, base_of
from dvgen.webapi.links import OneToManyLink


def is_activity(table: Table) -> bool:
    """Whether ``table`` is an activity: its entity type derives from ``activitypointer``."""
    return base_of(table.logical_name, table.primary_id_attribute) == ACTIVITY.name


def activity_lookups(tables: Sequence[Table]) -> frozenset[tuple[str, str]]:
    """(lookup, target) pairs ``activitypointer`` declares: from its page, or else those the
    activities of the set share (an activity carries all of activitypointer's columns); and
    each an activity a solution made holds of activitypointer's lookups (``POINTER_LOOKUPS``),
    whatever its target: ``activitypointer``'s Regarding holds every table enabled for
    activities, which alone an activity's Regarding holds, so such an activity names each apart
    (``regardingobjectid_adx_ad_adx_portalcomment``) though no other page of the set says
    ``activitypointer`` has it, and a lone activity as one among others."""
    pointer = [_lookup_pairs(t) for t in tables if t.logical_name == ACTIVITY.name]
    if pointer:
        found = pointer[0]
    else:
        found = _shared_by_holders(_lookup_pairs(t) for t in tables if is_activity(t))
    return found | _inherited_by_solutions_activities(tables)


def _inherited_by_solutions_activities(tables: Sequence[Table]) -> frozenset[tuple[str, str]]:
    """The (lookup, target) pairs of ``activitypointer``'s lookups each activity of the set a
    solution made holds (``dataverse_tables.made_by_a_solution``)."""
    return frozenset(
        (column, target)
        for table in tables
        if is_activity(table) and made_by_a_solution(table.logical_name)
        for column, target in _lookup_pairs(table)
        if column in POINTER_LOOKUPS
    )


def _shared_by_holders(
    activities: Iterable[frozenset[tuple[str, str]]],
) -> frozenset[tuple[str, str]]:
    """The targets more than half the activities holding a lookup give it, for a lookup more
    than half the activities (and two at least) hold. A page listing only a few of its table's
    columns (``phonecall``'s 11, an older page's 19) leaves ``createdby`` out rather than stating
    something else: requiring every activity to hold it would name each activity's own
    navigation property as the one it inherits (``createdby`` for ``createdby_appointment``).
    A lookup a solution adds to a few activities only stays theirs. Likewise a target: an
    activity whose own lookup Dataverse narrows (Quick Campaign's ``regardingobjectid``:
    ``campaignactivity, list``) is outvoted rather than emptying what the others share."""
    held: dict[str, list[frozenset[str]]] = defaultdict(list)
    count = 0
    for pairs in activities:
        count += 1
        targets: dict[str, set[str]] = defaultdict(set)
        for column, target in pairs:
            targets[column].add(target)
        for column, found in targets.items():
            held[column].append(frozenset(found))
    return frozenset(
        (column, target)
        for column, sets in held.items()
        if len(sets) > 1 and 2 * len(sets) > count
        for target, votes in Counter(t for found in sets for t in found).items()
        if 2 * votes > len(sets)
    )


def _lookup_pairs(table: Table) -> frozenset[tuple[str, str]]:
    return frozenset(
        (c.logical_name, OWNER if c.type is ColumnType.OWNER else target)
        for c in table.columns
        if c.type.is_lookup
        for target in (c.targets or ("",))
    )


def targets_seen(links: list[OneToManyLink], tables: Sequence[Table]) -> dict[tuple[str, str], int]:
    """How many tables each (table, lookup) of the links refers to. A lookup of
    ``activitypointer`` outside the set also refers to every target the set's activities give
    their lookup of that name (an activity carries its base's columns, narrowed at most): a
    Campaign Activity page alone names only ``CampaignActivity_ActivityPointers`` on it, yet
    its Regarding is ``regardingobjectid_campaignactivity``, not the activity's own
    ``regardingobjectid`` (which the clash of names then left out)."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        if link.referencing and link.referencing_attribute and link.referenced:
            seen[(link.referencing, link.referencing_attribute)].add(link.referenced)
    if all(t.logical_name != ACTIVITY.name for t in tables):
        for table in filter(is_activity, tables):
            for column, target in _lookup_pairs(table):
                key = (ACTIVITY.name, column)
                if key in seen and target not in ("", OWNER):
                    seen[key].add(target)
    return {key: len(value) for key, value in seen.items()}
