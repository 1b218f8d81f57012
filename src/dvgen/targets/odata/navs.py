"""Relationships -> navigation properties, both ends decided together so partners always match.

- one-to-many: on the referencing table, the single-valued navigation property named by
  ReferencingEntityNavigationPropertyName (``Nullable="false"``, with a ReferentialConstraint
  from its ``_x_value`` property to the referenced key); on the referenced table, the collection
  named by ReferencedEntityNavigationPropertyName; each is the other's Partner. A lookup with
  several targets has one relationship per target, hence one navigation property per target,
  all constrained by the same ``_x_value``.
- many-to-many: a collection on each side, named by that side's navigation property name.

A table outside the set that a relationship of the set leads to is a key-only placeholder
(``TypeRegistry.require``): the target of a lookup, the other side of a many-to-many
relationship, and the referencing table of a one-to-many one, which then holds its
single-valued navigation property and the lookup's ``_x_value`` that constrains it.

Names come from the relationship metadata only: Dataverse's names are irregular, so none is
derived. What cannot be declared is reported, once per table and reason.
"""

from __future__ import annotations

import enum
from collections import defaultdict

from dvgen.dataverse_tables import key_of
from dvgen.diagnostics import Diagnostics, listing
from dvgen.model import Table
from dvgen.targets.odata.names import EdmName, InvalidEdmName, try_name
from dvgen.targets.odata.registry import TypeRegistry
from dvgen.targets.odata.schema import Nav, PropertyDecl, TypeDraft
from dvgen.targets.odata.types import GUID
from dvgen.webapi.bases import KNOWN_BASES, PRINCIPAL, entity_type_of
from dvgen.webapi.links import ManyToManyLink, OneToManyLink, Side
from dvgen.webapi.navs import NOT_IN_WEB_API, WebApiLinks, decide_links
from dvgen.webapi.outside_names import outside_lookup_property
from dvgen.webapi.properties import ApiKind


class Skip(enum.StrEnum):
    NAME = (
        "the set does not name it (reference pages from 2023 and earlier list many-to-one "
        "relationships only as links to the other table's page)"
    )
    OUTSIDE = "the related table is not in the set"
    NO_KEY = "the related table is not in the set and the relationship does not name its key"


class NavigationBuilder:
    def __init__(self, registry: TypeRegistry, diagnostics: Diagnostics) -> None:
        self.registry = registry
        self.diagnostics = diagnostics
        self.skipped: dict[tuple[str, Skip], set[str]] = defaultdict(set)
        self.bases = frozenset(
            name
            for name, draft in registry.drafts.items()
            if name in KNOWN_BASES and not draft.abstract
        )
        """The base types tables of the set derive from, before any placeholder is added: a
        base declared only as a relationship's referencing table (``_outside_referencing``)
        holds no navigation property to a table outside the set, whatever the order."""
        self.activities: frozenset[str] = frozenset()
        """The tables a relationship references by ``activityid``: activities, whose
        placeholder derives from ``activitypointer`` whichever relationship declares it."""

    def build(self, tables: list[Table], view: WebApiLinks | None = None) -> None:
        """Add every navigation property the set's relationships allow to the drafts;
        ``view``: the links of exactly ``tables``, when they are decided already."""
        view = decide_links(tables) if view is None else view
        for finding in view.findings:
            self.diagnostics.warning(finding.loc, finding.message, code="webapi-navigation")
        links = list(view.one_to_many)
        self.activities = view.activities
        singles = [self._single(link) for link in links]
        for link, single in zip(links, singles, strict=True):
            self._collection(link, single)
        for many in view.many_to_many:
            self._many_to_many(many)
        by_table: dict[str | None, list[OneToManyLink]] = defaultdict(list)
        for link in links:
            by_table[link.referencing].append(link)
        for table in tables:
            if self.registry.table(table.logical_name) is not None:
                self._check_lookups(table, by_table[table.logical_name])
        self._report()

    def _name(self, text: str | None, link: OneToManyLink | ManyToManyLink) -> EdmName | None:
        if text is None:
            return None
        try:
            return EdmName(text)
        except InvalidEdmName as exc:
            self.diagnostics.warning(
                link.loc,
                f"odata: relationship {link.schema_name!r}: navigation property {exc}",
                code="odata-invalid-name",
            )
            return None

    def _skip(self, table: str | None, reason: Skip, relationship: str) -> None:
        if table is not None and self.registry.table(table) is not None:
            self.skipped[(table, reason)].add(relationship)

    def _single(self, link: OneToManyLink) -> Nav | None:
        owner = self._referencing(link)
        if owner is None:
            return None
        name = self._name(link.single, link)
        if name is None or link.referenced is None:
            self._skip(owner.name, Skip.NAME, link.schema_name)
            return None
        user = f"{owner.name}.{name}"
        target_name = entity_type_of(link.referenced)
        target = self.registry.require(target_name, link.referenced_attribute, user, link.loc)
        if target is None:
            self._skip(owner.name, Skip.NO_KEY, link.schema_name)
            return None
        nav = Nav(name, owner.name, target.name, True, link.schema_name, loc=link.loc)
        nav.constraint = self._constraint(link, owner, target)
        owner.navigations.append(nav)
        return nav

    def _referencing(self, link: OneToManyLink) -> TypeDraft | None:
        """The entity type of the relationship's referencing table: a table of the set, a base
        type tables of the set derive from, or a placeholder when the referenced table is of
        the set (``_outside_referencing``)."""
        found = self.registry.table(link.referencing) or self._base(link.referencing)
        return found if found is not None else self._outside_referencing(link)

    def _outside_referencing(self, link: OneToManyLink) -> TypeDraft | None:
        """The referencing table of a one-to-many relationship of a table of the set, when it
        is outside the set: a placeholder keyed by the primary id Dataverse gives it (as the
        other side of a many-to-many relationship is), holding the single-valued navigation
        property partnered with the collection, as Microsoft's ``$metadata`` has
        ``account``'s ``Account_AsyncOperations`` with ``asyncoperation``'s
        ``regardingobjectid_account``. None for a table the Web API does not expose or whose
        name no EDM identifier can carry. A placeholder declared already keeps the key it has,
        and a table a relationship references by ``activityid`` is an activity
        (``activities``): it derives from ``activitypointer`` and has no
        ``<logical name>id``, which Microsoft's activities do not have."""
        table, holder = link.referencing, self.registry.table(link.referenced)
        if table is None or holder is None or table in NOT_IN_WEB_API:
            return None
        name = entity_type_of(table)
        known = name in KNOWN_BASES or name in self.registry.drafts
        key = None if known else self._key_outside(table)
        user = f"{holder.name}.{link.collection or link.schema_name}"
        return self.registry.require(name, key, user, link.loc)

    def _key_outside(self, table: str) -> str:
        """The primary id Dataverse gives a table outside the set (``key_of``), ``activityid``
        for one a relationship of the set references by it (``activities``)."""
        return key_of(table, table in self.activities)

    def _base(self, name: str | None) -> TypeDraft | None:
        """A base type outside the set that tables of the set derive from (activitypointer):
        its navigation properties that the set's pages name are inherited by those tables."""
        return self.registry.drafts[name] if name in self.bases else None

    def _constraint(
        self, link: OneToManyLink, owner: TypeDraft, target: TypeDraft
    ) -> tuple[str, str] | None:
        """(Property, ReferencedProperty), of one EDM type as CSDL requires: none for a File
        column (``webresource.contentfileref``, Edm.Binary: it reads as the file's id) whose
        relationship references ``fileattachmentid``, a Guid."""
        prop: str | None
        kind: str | None
        if owner.table is None:
            prop, kind = self._lookup_value(owner, link), GUID.name
        else:
            prop = self.registry.property_name(owner.name, link.referencing_attribute)
            kind = self.registry.edm_name(owner.name, link.referencing_attribute)
        if target.table is not None:
            key = link.referenced_attribute or target.table.primary_id_attribute
            ref = self.registry.property_name(target.name, key)
            if ref is not None and self.registry.edm_name(target.name, key) != kind:
                ref = None
        elif self.registry.declares(target, link.referenced_attribute) and kind == GUID.name:
            ref = link.referenced_attribute  # a placeholder's key is a Guid
        else:
            ref = None
        if prop is None or ref is None:
            return None
        if owner.table is None and not self.registry.declares(owner, prop):
            owner.properties[prop] = PropertyDecl(EdmName(prop), GUID.name)
        return (prop, ref)

    def _lookup_value(self, owner: TypeDraft, link: OneToManyLink) -> str | None:
        """The Guid property a placeholder's single-valued navigation property is constrained
        by, declared on it: the lookup's ``_<name>_value`` (``outside_lookup_property``), or
        the key it already declares. None on a base type (``activitypointer``, whose
        navigation properties the set's pages name without its columns) or where the
        placeholder has a navigation property of that name. (Declared by ``_constraint``
        once the other end is known.)"""
        if owner.name in KNOWN_BASES:
            return None
        column = link.referencing_attribute
        if self.registry.declares(owner, column):
            return column
        name = try_name(outside_lookup_property(link) or "")
        if name is None or any(nav.name == name for nav in owner.navigations):
            return None
        return name

    def _collection(self, link: OneToManyLink, single: Nav | None) -> None:
        holder_name = entity_type_of(link.referenced) if link.referenced else None
        holder = self.registry.drafts.get(holder_name) if holder_name else None
        if holder is None:
            return
        name = self._name(link.collection, link)
        element = self._referencing(link)
        if name is None or element is None:
            reason = Skip.NAME if name is None else Skip.OUTSIDE
            self._skip(holder.name, reason, link.schema_name)
            return
        nav = Nav(name, holder.name, element.name, False, link.schema_name, loc=link.loc)
        holder.navigations.append(nav)
        if single is not None:
            single.partner, nav.partner = nav, single

    def _many_to_many(self, link: ManyToManyLink) -> None:
        first = self.registry.table(link.first.table)
        second = self.registry.table(link.second.table)
        names = (self._name(link.first.navigation, link), self._name(link.second.navigation, link))
        if first is not None and second is None:
            second = self._outside(first, link.second, names[0], link)
        elif second is not None and first is None:
            first = self._outside(second, link.first, names[1], link)
        if first is None or second is None:  # none at all for two tables outside the set
            for draft in (first, second):
                if draft is not None:
                    self._skip(draft.name, Skip.OUTSIDE, link.schema_name)
            return
        if first is second and names[0] == names[1] and names[0] is not None:
            nav = Nav(names[0], first.name, first.name, False, link.schema_name, loc=link.loc)
            nav.partner = nav
            first.navigations.append(nav)
            return
        navs: list[Nav] = []
        for draft, other, name in ((first, second, names[0]), (second, first, names[1])):
            if name is None:
                self._skip(draft.name, Skip.NAME, link.schema_name)
                continue
            nav = Nav(name, draft.name, other.name, False, link.schema_name, loc=link.loc)
            draft.navigations.append(nav)
            navs.append(nav)
        if len(navs) == 2:
            navs[0].partner, navs[1].partner = navs[1], navs[0]

    def _outside(
        self, inside: TypeDraft, side: Side, nav: EdmName | None, link: ManyToManyLink
    ) -> TypeDraft | None:
        """The side of a many-to-many relationship that is outside the set, when the other side
        is a table of it: declared as a placeholder, as a lookup's target is, keyed by the
        primary id Dataverse gives the table where nothing states it (``_key_outside``:
        ``<logical name>id``, an activity's ``activityid``), which is also what the relationship's
        intersect table holds for it (``queuemembership``: ``queueid``, ``systemuserid``).
        None for a table the Web API does not expose or a name no EDM identifier can carry."""
        if side.table is None or side.table in NOT_IN_WEB_API:
            return None
        name = entity_type_of(side.table)
        key = None if name in KNOWN_BASES else self._key_outside(side.table)
        user = f"{inside.name}.{nav if nav is not None else link.schema_name}"
        return self.registry.require(name, key, user, link.loc)

    def _check_lookups(self, table: Table, mine: list[OneToManyLink]) -> None:
        """Report lookup targets that no relationship of the table can stand for."""
        for prop in self.registry.api[table.logical_name].values():
            if prop.kind is not ApiKind.LOOKUP or not prop.targets:
                continue
            column = prop.column.logical_name
            refs = {
                entity_type_of(link.referenced)
                for link in mine
                if link.referenced and link.referencing_attribute in (column, None)
            }
            missing = [  # a target outside the set is said once, by resolve (lookup-target-*)
                t
                for t in prop.targets
                if t not in refs
                and self.registry.table(t) is not None
                and not (PRINCIPAL.name in refs and t in PRINCIPAL.derived)
            ]
            if missing:
                self.diagnostics.info(
                    prop.column.loc,
                    f"odata: lookup {column!r} has no navigation property to "
                    f"{listing(missing)}: no relationship in the set names it",
                    code="odata-navigation-missing",
                )

    def _report(self) -> None:
        for (table, reason), names in sorted(self.skipped.items()):
            draft = self.registry.drafts[table]
            self.diagnostics.info(
                draft.loc,
                f"odata: {table!r} lacks its navigation property for {len(names)} "
                f"relationship(s) because {reason}: {listing(sorted(names, key=str.lower))}",
                code="odata-navigation-missing",
            )
