"""The Dataverse Web API's navigation properties of a set: every one-to-many relationship with
its lookup, its single-valued navigation property and its collection, decided once for every
target (OData, JSON Schema, pydantic).

What a page states wins. Where it is silent (reference pages up to 2023 list a many-to-one
relationship only by its schema name and a link to the other table's page), Microsoft's rules
decide (web-api-navigation-properties.md, create-edit-entity-relationships):

- the lookup a relationship belongs to is the table's lookup whose Targets include the
  referenced table; when several do, the one whose name the schema name spells
  (``lk_accountbase_createdby`` -> ``createdby``), then the one left;
- a table's own key references its base entity type's row (an activity's ``activityid`` is its
  ``activitypointer`` row, ``activity_pointer_<activity>``);
- a relationship to an activity no lookup targets belongs to a lookup to ``activitypointer``
  (``activityparty.activityid`` for ``letter_activity_parties``);
- an unstated ReferencedAttribute is the referenced table's primary id (``activityid`` for an
  activity, whether of the set or not);
- the single-valued navigation property (ReferencingEntityNavigationPropertyName) is the
  lookup's name, ``<lookup>_<table>`` per target for a lookup with several targets (Customer,
  Regarding); a key is ``<key>_<base>``;
- an activity's own lookup that ``activitypointer`` also has is ``<name>_<activity>``: the base
  type already declares ``<name>`` and CSDL members are unique across a type and its base;
- the collection (ReferencedEntityNavigationPropertyName) defaults to the schema name;
- a table owned by a user or team with an Owner column has the owner relationship to
  ``principal`` (``ownerid``) even where the page leaves it out; its schema name has no rule
  (``owner_accounts``, ``owner_connectionreference``), so such a navigation property has no
  Partner; a table whose OwnershipType is None or OrganizationOwned has none.

A relationship no rule decides is reported with its page line, code ``webapi-navigation``.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dvgen.dataverse_tables import ACTIVITIES, OWNER, key_of
from dvgen.diagnostics import Location
from dvgen.model import Column, ColumnType, OwnershipType, Table, TableSet
from dvgen.targets.odata.links import (
    ManyToManyLink,
    OneToManyLink,
    Side,
    many_to_many_links,
    one_to_many_links,
)
from dvgen.targets.odata.types import ACTIVITY, PRINCIPAL, base_of, entity_type_of
from dvgen.targets.webapi.properties import api_properties

OWNED_BY_PRINCIPALS = frozenset({None, OwnershipType.USER_OWNED, OwnershipType.TEAM_OWNED})
"""Ownership (None: not stated) of the tables whose Owner column has its owner relationship."""
REFERENCED_SUFFIX = "_referenced"
"""Dataverse's second member of a self-referencing many-to-many relationship."""
_MIN_WORD = 3
_TRAILING_NUMBER = re.compile(r"(\d+)$")
_BASE_ROW = 2000
"""A relationship named after a table and its base type holds the table's own key."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A relationship no rule decides: reported by the target that declares navigations."""

    loc: Location
    message: str


@dataclass(frozen=True, slots=True)
class ApiNavigation:
    """A navigation property of a table of the set, as a record carries it under ``$expand``."""

    name: str
    target: str
    """The related table's logical name (an entity type name, ``principal`` for owners)."""
    single: bool
    column: str | None = None
    """The lookup column a single-valued navigation property is set through (``@odata.bind``)."""


@dataclass(frozen=True, slots=True)
class WebApiLinks:
    one_to_many: tuple[OneToManyLink, ...]
    many_to_many: tuple[ManyToManyLink, ...]
    findings: tuple[Finding, ...]
    by_table: dict[str, tuple[ApiNavigation, ...]] = dataclasses.field(
        default_factory=dict, compare=False
    )

    def navigations(self, table: str) -> tuple[ApiNavigation, ...]:
        """The table's navigation properties whose both ends are named, by name."""
        return self.by_table.get(table, ())


def _by_table(
    one_to_many: Sequence[OneToManyLink], many_to_many: Sequence[ManyToManyLink]
) -> dict[str, tuple[ApiNavigation, ...]]:
    found: dict[str, dict[str, ApiNavigation]] = defaultdict(dict)
    for link in one_to_many:
        if link.referencing and link.single and link.referenced:
            nav = ApiNavigation(
                link.single, entity_type_of(link.referenced), True, link.referencing_attribute
            )
            found[link.referencing].setdefault(link.single, nav)
        if link.referenced and link.collection and link.referencing:
            nav = ApiNavigation(link.collection, link.referencing, False)
            found[link.referenced].setdefault(link.collection, nav)
    for many in many_to_many:
        for mine, other in ((many.first, many.second), (many.second, many.first)):
            if mine.table and mine.navigation and other.table:
                nav = ApiNavigation(mine.navigation, other.table, False)
                found[mine.table].setdefault(mine.navigation, nav)
    return {
        table: tuple(navs[n] for n in sorted(navs, key=lambda n: (n.casefold(), n)))
        for table, navs in found.items()
    }


def expandable(tables: TableSet, table: Table) -> tuple[ApiNavigation, ...]:
    """What a record of ``table`` may carry under ``$expand`` (and ``@odata.bind`` on write):
    its single-valued navigation properties, whatever table they lead to, and its collections
    of tables of the set; a name a property already has is left out (as the CSDL leaves it)."""
    taken = {p.name for p in api_properties(table)}
    return tuple(
        nav
        for nav in web_api_links(tables).navigations(table.logical_name)
        if nav.name not in taken and (nav.single or nav.target in tables)
    )


_COMPUTED: dict[int, tuple[weakref.ref[TableSet], WebApiLinks]] = {}


def web_api_links(tables: TableSet) -> WebApiLinks:
    """The set's relationships with every name decided (computed once per set object)."""
    entry = _COMPUTED.get(id(tables))
    if entry is not None and entry[0]() is tables:
        return entry[1]
    found = decide_links(tables.tables)
    _COMPUTED[id(tables)] = (weakref.ref(tables), found)
    weakref.finalize(tables, _COMPUTED.pop, id(tables), None)
    return found


def decide_links(tables: Sequence[Table]) -> WebApiLinks:
    by_name = {t.logical_name: t for t in tables}
    findings: list[Finding] = []
    # the stated relationships take their lookups first: an owner relationship a page names
    # without its lookup ("See owner Table") then owns the Owner column, which no synthetic
    # link claims before it
    links = _with_attributes(one_to_many_links(tables), by_name, findings)
    links = [*links, *_owner_links(tables, links)]
    shared = _activity_lookups(tables) | _given_to_activitypointer(links)
    spread = _targets_seen(links, tables)
    decided = tuple(_named(link, by_name, shared, spread) for link in links)
    many = tuple(_named_many(link) for link in many_to_many_links(tables))
    return WebApiLinks(decided, many, tuple(findings), _by_table(decided, many))


def _owner_links(tables: Sequence[Table], links: list[OneToManyLink]) -> list[OneToManyLink]:
    """The owner relationship of each Owner column the set does not name, on a table owned by
    a user or team (or whose ownership its page does not state): a table whose OwnershipType is
    None or OrganizationOwned (``bulkdeleteoperation``, ``post``'s regardingobjectownerid)
    has its Owner column's ``_<name>_value`` and no navigation property, as in the Web API."""
    owned = {
        (link.referencing, link.referencing_attribute)
        for link in links
        if link.referenced in (OWNER, PRINCIPAL.name)
    }
    added = []
    for table in tables:
        if table.ownership_type not in OWNED_BY_PRINCIPALS:
            continue
        for column in table.columns:
            key = (table.logical_name, column.logical_name)
            if column.type is ColumnType.OWNER and key not in owned:
                added.append(
                    OneToManyLink(
                        schema_name="",
                        referenced=OWNER,
                        referencing=table.logical_name,
                        referenced_attribute=PRINCIPAL.key,
                        referencing_attribute=column.logical_name,
                        single=None,
                        collection=None,
                        loc=column.loc,
                    )
                )
    return added


def _with_attributes(
    links: list[OneToManyLink], by_name: dict[str, Table], findings: list[Finding]
) -> list[OneToManyLink]:
    groups: dict[tuple[str, str], list[OneToManyLink]] = defaultdict(list)
    for link in links:
        if link.referencing in by_name and link.referenced is not None:
            groups[(link.referencing, link.referenced)].append(link)
    chosen: dict[int, str] = {}
    rules = (_targets, _holds_key, _holds_activity(_activity_names(by_name)))
    for (referencing, referenced), group in sorted(groups.items()):
        chosen.update(_match(by_name[referencing], referenced, group, rules, findings))
    return [
        dataclasses.replace(link, referencing_attribute=chosen[id(link)])
        if id(link) in chosen
        else link
        for link in links
    ]


def _targets(table: Table, column: Column, referenced: str) -> bool:
    """The lookup can hold a row of ``referenced`` (an Owner column only through ``owner``)."""
    if column.type is ColumnType.OWNER:
        return referenced in (OWNER, PRINCIPAL.name)
    return column.type.is_lookup and referenced in column.targets


def _activity_names(by_name: dict[str, Table]) -> frozenset[str]:
    """The activity tables but ``activitypointer``: those of the set by their primary id,
    the others as Microsoft's list knows them."""
    outside = {name for name in ACTIVITIES if name not in by_name}
    inside = {name for name, table in by_name.items() if _is_activity(table)}
    return frozenset((outside | inside) - {ACTIVITY.name})


def _is_activity(table: Table) -> bool:
    """Whether ``table`` is an activity: its entity type derives from ``activitypointer``."""
    return base_of(table.logical_name, table.primary_id_attribute) == ACTIVITY.name


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
    findings: list[Finding],
) -> dict[int, str]:
    """Lookup of each relationship of the group (one referencing and referenced table) whose
    page does not name it, by the first of ``rules`` that finds one: a lookup to the table,
    then a column holding its key, then a lookup to ``activitypointer`` for an activity."""
    claimed = {link.referencing_attribute for link in group}
    open_links = [link for link in group if link.referencing_attribute is None]
    chosen: dict[int, str] = {}
    for holds in rules:
        free = [
            c.logical_name
            for c in table.columns
            if holds(table, c, referenced) and c.logical_name not in claimed
        ]
        chosen.update(_assign(open_links, free, table.logical_name, referenced))
    for link in open_links:
        findings.append(
            Finding(
                link.loc,
                f"webapi: relationship {link.schema_name!r} ({table.logical_name} -> "
                f"{referenced}): no rule decides which lookup it belongs to: no navigation "
                "property",
            )
        )
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


def _activity_lookups(tables: Sequence[Table]) -> frozenset[tuple[str, str]]:
    """(lookup, target) pairs ``activitypointer`` declares: from its page, or else those the
    activities of the set share (an activity carries all of activitypointer's columns)."""
    pointer = [_lookup_pairs(t) for t in tables if t.logical_name == ACTIVITY.name]
    if pointer:
        return pointer[0]
    return _shared_by_holders(_lookup_pairs(t) for t in tables if _is_activity(t))


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


def _given_to_activitypointer(links: list[OneToManyLink]) -> frozenset[tuple[str, str]]:
    """(lookup, target) pairs a relationship of the set gives ``activitypointer`` itself
    (``sample_bankaccount_ActivityPointers``): an activity whose older page leaves that target
    out still has it, and its own navigation property must not clash with the inherited one."""
    return frozenset(
        (link.referencing_attribute, link.referenced)
        for link in links
        if link.referencing == ACTIVITY.name and link.referencing_attribute and link.referenced
    )


def _lookup_pairs(table: Table) -> frozenset[tuple[str, str]]:
    return frozenset(
        (c.logical_name, OWNER if c.type is ColumnType.OWNER else target)
        for c in table.columns
        if c.type.is_lookup
        for target in (c.targets or ("",))
    )


def _targets_seen(
    links: list[OneToManyLink], tables: Sequence[Table]
) -> dict[tuple[str, str], int]:
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
        for table in filter(_is_activity, tables):
            for column, target in _lookup_pairs(table):
                key = (ACTIVITY.name, column)
                if key in seen and target not in ("", OWNER):
                    seen[key].add(target)
    return {key: len(value) for key, value in seen.items()}


def _named(
    link: OneToManyLink,
    by_name: dict[str, Table],
    shared: frozenset[tuple[str, str]],
    spread: dict[tuple[str, str], int],
) -> OneToManyLink:
    single, collection = link.single, link.collection
    table = by_name.get(link.referencing or "")
    column = link.referencing_attribute
    if single is None and column is not None and link.referenced and link.referencing:
        if table is not None:
            seen = spread.get((link.referencing, column), 0)
            single = _single_name(table, column, link.referenced, shared, seen)
        elif spread.get((link.referencing, column), 0) > 1:  # a table outside the set
            single = f"{column}_{link.referenced}"
        else:
            single = column
    if collection is None and link.schema_name:
        collection = link.schema_name
    key = link.referenced_attribute
    if key is None and link.referenced is not None and link.referenced != OWNER:
        key = _key(link.referenced, by_name)
    return dataclasses.replace(link, single=single, collection=collection, referenced_attribute=key)


def _key(table: str, by_name: dict[str, Table]) -> str:
    """The key of ``table``: its primary id in the set; outside it, an activity's is
    ``activityid`` (its base type's), every other table's ``<logical name>id``."""
    found = by_name.get(table)
    if found is not None and found.primary_id_attribute:
        return found.primary_id_attribute
    return key_of(table)


def _single_name(
    table: Table,
    column_name: str,
    referenced: str,
    shared: frozenset[tuple[str, str]],
    seen: int = 0,
) -> str:
    """``seen``: how many tables the set's relationships tie this lookup to, more than its
    Targets on an older page (activityparty's ``activityid`` lists only activitypointer)."""
    column = table.column(column_name)
    if column is None or not column.type.is_lookup:  # a Uniqueidentifier holding a key
        return f"{column_name}_{referenced}"
    name = column_name
    if column.type is not ColumnType.OWNER and max(len(column.targets), seen) > 1:
        name = f"{column_name}_{referenced}"
    base = base_of(table.logical_name, table.primary_id_attribute)
    if base == ACTIVITY.name and (column_name, referenced) in shared:
        name = f"{name}_{table.logical_name}"
    return name


def _named_many(link: ManyToManyLink) -> ManyToManyLink:
    first, second = link.first, link.second
    if first.table is not None and first.table == second.table:
        one, two = first.navigation, second.navigation
        if one is None or two is None or one == two:
            name = (one or two or link.schema_name).removesuffix(REFERENCED_SUFFIX)
            first, second = Side(first.table, name), Side(first.table, name + REFERENCED_SUFFIX)
    else:
        first = Side(first.table, first.navigation or link.schema_name)
        second = Side(second.table, second.navigation or link.schema_name)
    return ManyToManyLink(link.schema_name, first, second, link.loc)
