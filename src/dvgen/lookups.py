"""Lookup targets checked against the set: a misspelt one is a warning, not a lost key.

A lookup whose target table is outside the set gets no foreign key and no navigation
property. That is expected for a real Dataverse table the set does not hold (an ``info``,
``lookup-target-outside-set``), but a name that is neither a table of the set nor a known
Dataverse table is most likely a typo (``acount``): a warning, ``lookup-target-unknown``,
with the closest name as a suggestion.

The list of known tables cannot be complete (Microsoft adds tables every release), so a name
it lacks that nothing resembles and that only Microsoft could have given (no publisher prefix,
as no custom table can have, or one of Microsoft's prefixes) is taken for a newer Dataverse
table: an ``info`` too. A custom table's name (``contoso_invoice``) never is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher, get_close_matches

from dvgen.dataverse_tables import ACTIVITY_BASE, ACTIVITY_KEY, KNOWN_TABLES, OWNER, OWNER_TABLES
from dvgen.diagnostics import Diagnostics, Location, listing
from dvgen.model import Column, ColumnType, OneToManyRelationship, Table

OUTSIDE = "lookup-target-outside-set"
UNKNOWN = "lookup-target-unknown"
MISSING = "lookup-relationship-missing"
CONTRADICTED = "lookup-target-contradicted"

POLYMORPHIC = ("LookupStyle", "polymorphic")
"""The ``extra`` entry of a lookup an export states multi-table (``<LookupStyle>polymorphic``,
a lookup made by CreatePolymorphicLookupAttribute): it holds a row of any table a relationship
adds to it, and every solution may add one, so the tables the set reaches are not all it
holds. Customer Insights - Journeys' ``msdyn_channelinstance.msdyn_extendedentityid`` is one
(Microsoft's real-time-marketing-define-custom-channel-instance: "This attribute is a
polymorphic lookup"; each channel's solution relates its own table to it)."""


def stated_polymorphic(column: Column) -> bool:
    """Whether an export states the lookup multi-table (``POLYMORPHIC``)."""
    return POLYMORPHIC in column.extra


MICROSOFT_PREFIXES = frozenset(
    "adx li mbs ms msa msdyn msdynce msdynci msdyncrm msdynmkt mserp msevtmgt msfp msft msmrw "
    "mspcat mspp sales".split()
)
"""Publisher prefixes of Microsoft's own solutions (``msdyn_workorder``, ``mspp_webrole``;
Dynamics 365 Guides' ``msmrw_3dasset``, Customer Insights - Journeys' ``msdynci_``)."""

SIMILAR = 0.75
"""The least similarity (difflib's ratio) of a name offered as a suggestion."""


LOST = "no foreign key to it, and a record of it expanded through the lookup is untyped"


def check_lookup_targets(
    tables: Iterable[Table], diagnostics: Diagnostics, outside: frozenset[str] = frozenset()
) -> None:
    """Report each lookup target (a column's Targets, a many-to-one relationship's referenced
    table) that is not a table of ``tables``, once per column and target. ``outside`` holds
    tables the specs define but a selection left out: as well known as Dataverse's own."""
    tables = list(tables)
    names = {table.logical_name for table in tables}
    closest = Suggester(names)
    for table in tables:
        for where, column, target in _targets(table):
            if target not in names:
                what = f"lookup {table.logical_name}.{column}: target table {target!r}"
                _report(where, what, target, closest, diagnostics, outside)
        for where, what, other in _related_tables(table):
            if other not in names and other not in outside:
                _unknown_related(where, what, other, closest, diagnostics)
    _check_intersect_columns(tables, diagnostics)


INTERSECT_COLUMN = "intersect-column-missing"


def _check_intersect_columns(tables: list[Table], diagnostics: Diagnostics) -> None:
    """Each side's ``intersect_attribute`` of a hand-written many-to-many relationship is a
    column of its intersect table, when the set defines that table: it holds the side's ids,
    and a name it lacks (a slip) leaves the rows of that side without their foreign key."""
    by_name = {table.logical_name: table for table in tables}
    said: set[tuple[str, str]] = set()  # a relationship is listed by each of its tables
    for table in tables:
        for m2m in table.relationships.many_to_many:
            intersect = by_name.get(m2m.intersect_entity_name or "")
            if intersect is None or not _written_by_hand(m2m.loc):
                continue
            columns = [column.logical_name for column in intersect.columns]
            for side in (m2m.this_table, m2m.other_table):
                name = side.intersect_attribute
                if name is None or name in columns or (m2m.schema_name, name) in said:
                    continue
                said.add((m2m.schema_name, name))
                hint = get_close_matches(name, columns, n=1, cutoff=SIMILAR)
                mean = f"; did you mean {hint[0]!r}?" if hint else ""
                diagnostics.warning(
                    m2m.loc,
                    f"many-to-many relationship {m2m.schema_name!r}: intersect_attribute "
                    f"{name!r} of {side.logical_name!r} is no column of its intersect table "
                    f"{intersect.logical_name!r}{mean} (the rows get no foreign key to it)",
                    code=INTERSECT_COLUMN,
                )


def _related_tables(table: Table) -> Iterator[tuple[Location, str, str]]:
    """(location, what, table) of each table a hand-written spec relates its table to by a
    many-to-many or one-to-many relationship (a many-to-one's is its lookup's target)."""
    for m2m in table.relationships.many_to_many:
        other = m2m.other_table.logical_name
        if other and _written_by_hand(m2m.loc):
            yield m2m.loc, f"many-to-many relationship {m2m.schema_name!r}: table {other!r}", other
    for rel in table.relationships.one_to_many:
        other = rel.referencing_entity
        if other and _written_by_hand(rel.loc):
            yield rel.loc, f"one-to-many relationship {rel.schema_name!r}: table {other!r}", other


def _unknown_related(
    where: Location, what: str, other: str, closest: Suggester, diagnostics: Diagnostics
) -> None:
    """A table a hand-written relationship names that is neither in the set nor known, and
    that Microsoft could not have named: most likely misspelt, as a lookup's target
    (``_report``); a known table outside the set is expected, its placeholder a note of the
    OData target."""
    if other in KNOWN_TABLES or microsoft_name(other):
        return
    hint = closest(other)
    mean = f"; did you mean {hint!r}?" if hint else ""
    diagnostics.warning(
        where,
        f"{what} is neither a table of the set nor a known Dataverse table{mean} (no foreign "
        "key in its rows, and the related records are typed only as a placeholder)",
        code=UNKNOWN,
    )


def _report(
    where: Location,
    what: str,
    target: str,
    closest: Suggester,
    diagnostics: Diagnostics,
    outside: frozenset[str],
) -> None:
    if target in outside:
        diagnostics.info(where, f"{what} is a table the selection leaves out: {LOST}", code=OUTSIDE)
        return
    if target in KNOWN_TABLES:
        diagnostics.info(
            where, f"{what} is a Dataverse table outside the set: {LOST}", code=OUTSIDE
        )
        return
    # The closest name (a difflib scan of 1,000 names) matters only to a hand-written spec or
    # a name Microsoft could not have given: a page whose lookup lists hundreds skips them.
    by_hand, microsoft = _written_by_hand(where), microsoft_name(target)
    hint = closest(target) if by_hand or not microsoft else None
    if microsoft and (hint is None or not by_hand):
        diagnostics.info(
            where,
            f"{what} is not in dvgen's list of Dataverse tables, but only Microsoft names a "
            f"table so: taken for a Dataverse table outside the set: {LOST}",
            code=OUTSIDE,
        )
        return
    mean = f"; did you mean {hint!r}?" if hint else ""
    diagnostics.warning(
        where,
        f"{what} is neither a table of the set nor a known Dataverse table{mean} ({LOST})",
        code=UNKNOWN,
    )


def _written_by_hand(where: Location) -> bool:
    """Whether the lookup is a YAML spec's, which a slip can misspell: a reference page's or
    a solution's names a table its Dataverse has (``msdyn_forecast``), however close a table
    of the set is named (``msdyn_forecastinstance``)."""
    return where.path.lower().endswith((".yaml", ".yml"))


def _targets(table: Table) -> Iterator[tuple[Location, str, str]]:
    """(location, column, target) of every lookup of the table, each pair once."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[Location, str, str]] = []
    for column in table.columns:
        if column.type.is_lookup:
            found.extend((column.loc, column.logical_name, t) for t in column.targets)
    for rel in table.relationships.many_to_one:
        if rel.referenced_entity and rel.referencing_attribute:
            found.append((rel.loc, rel.referencing_attribute, rel.referenced_entity))
    for where, name, target in found:
        if target and (name, target) not in seen:
            seen.add((name, target))
            yield where, name, target


def check_relationships(
    tables: Iterable[Table], diagnostics: Diagnostics, outside: frozenset[str] = frozenset()
) -> None:
    """Warn of each Lookup or Customer column of a table written by hand that no many-to-one
    relationship of the resolved set names (the referenced table's one-to-many counts: it is
    the same relationship, mirrored onto this table by resolution). Dataverse creates a lookup
    only with its relationship (``CreateOneToManyRequest``; a Customer column with its two,
    ``CreateCustomerRelationshipsRequest``), and without one the lookup gets no navigation
    property and no delete cascade (its foreign key, when it has one, is NO ACTION). Owner and
    PartyList columns are exempt (Dataverse relates them itself), as are tables only Microsoft
    names (described as they are), columns a layer added (not in the table's own file),
    lookups to a table the selection left out (whose spec may hold the relationship), and an
    activity's ``regardingobjectid`` of no stated target (Dataverse relates it to each table an
    org enables activities for)."""
    for table in tables:
        if not table.hand_written or microsoft_name(table.logical_name):
            continue
        named = {
            r.referencing_attribute
            for r in table.relationships.many_to_one
            if r.referencing_entity in (None, table.logical_name)
        }
        for column in table.columns:
            if (
                column.type in (ColumnType.LOOKUP, ColumnType.CUSTOMER)
                and column.logical_name not in named
                and column.loc.path == table.loc.path
                and not outside.intersection(column.targets)
                and not _regarding_anything(table, column)
            ):
                diagnostics.warning(column.loc, _missing(table, column), code=MISSING)


def _regarding_anything(table: Table, column: Column) -> bool:
    """Whether ``column`` is an activity's regarding lookup with no target stated."""
    return (
        column.logical_name == REGARDING
        and not column.targets
        and table.primary_id_attribute == ACTIVITY_KEY
    )


REGARDING = "regardingobjectid"


def _missing(table: Table, column: Column) -> str:
    """What the warning of a lookup without relationship says: why, and what to add."""
    name = table.logical_name
    customer = column.type is ColumnType.CUSTOMER
    targets = column.targets or (("account", "contact") if customer else ("<table>",))
    used = {r.schema_name.lower() for r in table.relationships.many_to_one}
    prefix = name.partition("_")[0]
    items = []
    for target in targets:
        schema_name = f"{prefix}_{target}_{name}"
        if schema_name.lower() in used:
            schema_name += f"_{column.logical_name}"
        items.append(
            f"{{schema_name: {schema_name}, referenced_entity: {target}, "
            f"referencing_attribute: {column.logical_name}}}"
        )
    how = "with its two relationships, to account and contact" if customer else "with its own"
    return (
        f"{column.type} column {name}.{column.logical_name}: no many-to-one relationship names "
        f"it (Dataverse creates a lookup only {how}), so it gets no navigation property and no "
        f"delete cascade; add under relationships.many_to_one: {', '.join(items)}"
    )


def agreed_targets(
    table: str,
    columns: tuple[Column, ...],
    many_to_one: Iterable[OneToManyRelationship],
    activities: frozenset[str],
    diagnostics: Diagnostics,
) -> tuple[Column, ...]:
    """``columns``, each single-target Lookup whose own relationships all reference another
    table than its Targets taken as a lookup to the tables they reference, with a warning.

    A page can contradict itself: Entitlement Template Channel's ``entitlementtemplateid``
    says Targets ``entitlementchannel`` while its relationship references
    ``entitlementtemplate``. The relationship is what Dataverse enforces (its
    ReferencedEntity is the table a row's id must belong to), so it wins; merged, the two would
    make a lookup to either table, with no foreign key. A relationship to another table beside
    one to the stated target is a polymorphic lookup whose Targets is short (kept merged), and
    a lookup to ``activitypointer`` holds every activity (``activities``), each by a
    relationship of its own (and the reverse)."""
    by_column: dict[str, list[OneToManyRelationship]] = {}
    for r in many_to_one:
        if r.referencing_attribute and r.referencing_entity in (None, table):
            if r.referenced_entity not in (None, OWNER):
                by_column.setdefault(r.referencing_attribute, []).append(r)
    agreed = list(columns)
    changed = False
    for index, column in enumerate(columns):  # the tuple itself when none changes (most)
        related = by_column.get(column.logical_name)
        if related and column.type is ColumnType.LOOKUP and len(column.targets) == 1:
            agreed[index] = _agreed(table, column, related, activities, diagnostics)
            changed = changed or agreed[index] is not column
    return tuple(agreed) if changed else columns


def _agreed(
    table: str,
    column: Column,
    related: list[OneToManyRelationship],
    activities: frozenset[str],
    diagnostics: Diagnostics,
) -> Column:
    """The single-target Lookup ``column``, agreeing with its own relationships ``related``."""
    referenced = sorted({r.referenced_entity for r in related if r.referenced_entity})
    names = [r.schema_name for r in related]
    return retargeted(table, column, names, referenced, activities, diagnostics)


def retargeted(
    table: str,
    column: Column,
    names: list[str],
    referenced: list[str],
    activities: frozenset[str],
    diagnostics: Diagnostics,
    how: str = "",
) -> Column:
    """The single-target Lookup ``column`` of ``table`` taken as one to ``referenced``, the
    tables its relationships ``names`` reference (tied to it ``how``), with a warning, where
    they contradict its Targets (``contradicted``); else ``column`` itself."""
    stated = column.targets[0]
    if not referenced or not contradicted(stated, referenced, activities):
        return column
    found = listing([repr(name) for name in referenced])
    diagnostics.warning(
        column.loc,
        f"lookup {table}.{column.logical_name}: its Targets {stated!r} is not the table its "
        f"relationship {listing(sorted(repr(name) for name in names))} references "
        f"({found}){how}: the relationship is what Dataverse enforces, so the lookup is taken "
        f"as one to {found}",
        code=CONTRADICTED,
    )
    return dataclasses.replace(column, targets=tuple(referenced))


def contradicted(stated: str, referenced: list[str], activities: frozenset[str]) -> bool:
    """Whether a single-target lookup whose Targets is ``stated`` and whose relationships
    reference ``referenced`` (not empty) contradicts them: none references its target, and
    they are not an activity's base and activities (``_activity_pair``)."""
    return stated not in referenced and not _activity_pair(stated, referenced, activities)


def _activity_pair(stated: str, referenced: list[str], activities: frozenset[str]) -> bool:
    """Whether the stated target and the referenced tables are an activity's base and
    activities: a lookup to ``activitypointer`` related to ``email`` (whatever the tables:
    only an activity relates to it so, ``msdyn_bookingalert`` or an organisation's own), or
    an activity's lookup related to ``activitypointer``."""
    if stated == ACTIVITY_BASE:
        return True
    return stated in activities and referenced == [ACTIVITY_BASE]


def microsoft_name(name: str) -> bool:
    """Whether only Microsoft can have named a table so: a custom table's name always starts
    with its publisher's prefix and ``_``; Microsoft's have none, one of Microsoft's prefixes,
    or are an intersect named after a Dataverse table (``botcomponent_workflow``)."""
    prefix, underscore, _ = name.partition("_")
    return not underscore or prefix in MICROSOFT_PREFIXES or prefix in KNOWN_TABLES


def suggestion(name: str, in_set: Iterable[str]) -> str | None:
    """The table name closest to ``name``: of the set or a known Dataverse table, the set's
    first when as close, then the first by name; None when none is similar enough."""
    return Suggester(in_set)(name)


class Suggester:
    """``suggestion`` over one set, asked many times: the candidates are sorted and lowered
    once, and each name's answer is kept (at 1,000 tables, each lookup to an unknown table
    sorted the 2,000 names again and compared them all: most of resolve's time)."""

    def __init__(self, in_set: Iterable[str]) -> None:
        self.members = frozenset(in_set)
        self.candidates: list[tuple[str, str]] | None = None
        self.found: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        if name not in self.found:
            self.found[name] = self._closest(name)
        return self.found[name]

    def _closest(self, name: str) -> str | None:
        if self.candidates is None:
            self.candidates = [(c, c.lower()) for c in sorted(self.members | KNOWN_TABLES)]
        matcher = SequenceMatcher(b=name.lower())
        best: tuple[float, bool, str] | None = None
        for candidate, lowered in self.candidates:
            matcher.set_seq1(lowered)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            score = matcher.ratio()
            key = (score, candidate in self.members, candidate)
            if score >= SIMILAR and (best is None or key[:2] > best[:2]):
                best = key
        return best[2] if best else None


def lookups_of(table: Table, many_to_one: Iterable[OneToManyRelationship]) -> list[Column]:
    """A lookup for each ReferencingAttribute of ``many_to_one`` the table has no column for,
    to every table those relationships reference (in order of name), at the first's line."""
    names = {c.logical_name for c in table.columns}
    targets: dict[str, list[str]] = {}
    first: dict[str, Location] = {}
    for item in many_to_one:
        name, referenced = item.referencing_attribute, item.referenced_entity
        if name and referenced and name not in names:
            targets.setdefault(name, [])
            first.setdefault(name, item.loc)
            if referenced not in targets[name]:
                targets[name].append(referenced)
    return [_lookup(name, found, first[name]) for name, found in targets.items()]


def _lookup(name: str, targets: list[str], loc: Location) -> Column:
    """The column a relationship names: an Owner column for the ``owner`` relationship
    (``owner_accounts``: ownerid), else a Lookup to the tables referenced, in order of name."""
    kind, found = ColumnType.LOOKUP, tuple(sorted(targets))
    if targets == [OWNER]:
        kind, found = ColumnType.OWNER, OWNER_TABLES
    return Column(logical_name=name, schema_name=name, type=kind, targets=found, loc=loc)
