"""Every relationship of the set by schema name, each side completed from the other: what one
table's page leaves unstated of a relationship, the other table's may state; two hand-written
sides must agree (``parse.agreement``)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from dvgen.dataverse_tables import ACTIVITIES, ACTIVITY_KEY
from dvgen.diagnostics import Location
from dvgen.layers.apply import fill_unknowns
from dvgen.model import (
    ManyToManyRelationship,
    ManyToManySide,
    OneToManyRelationship,
    Relationships,
    Table,
)
from dvgen.parse import agreement


def kinds(rel: Relationships) -> list[tuple[str, tuple[Any, ...]]]:
    """The relationships of each kind, by the name of its field."""
    return [
        ("many_to_one", rel.many_to_one),
        ("one_to_many", rel.one_to_many),
        ("many_to_many", rel.many_to_many),
    ]


class RelationshipIndex:
    """Every relationship of the set by schema name, to complete each from its other side."""

    def __init__(self, tables: list[Table]) -> None:
        self.sides: dict[tuple[str, str], list[tuple[str, Any]]] = defaultdict(list)
        for table in tables:
            for kind, items in kinds(table.relationships):
                for item in items:
                    self.sides[(kind, item.schema_name.lower())].append((table.logical_name, item))
        self.authored = {t.logical_name: t.loc.path for t in tables if agreement.authored(t)}
        self.authored_paths = frozenset(self.authored.values())
        self.activities = ACTIVITIES | {
            t.logical_name for t in tables if t.primary_id_attribute == ACTIVITY_KEY
        }
        self.conflicts: list[tuple[Location, str]] = []

    def _other(self, kind: str, schema_name: str, owner: str | None, me: object) -> Any:
        for table, item in self.sides.get((kind, schema_name.lower()), []):
            if item is not me and (owner is None or table == owner):
                return item
        return None

    def one_to_many(self, rel: OneToManyRelationship, kind: str) -> OneToManyRelationship:
        if kind == "many_to_one":
            other = self._other("one_to_many", rel.schema_name, rel.referenced_entity, rel)
            if other is not None and self._both_authored(rel, other):
                problem = agreement.disagreement(rel, other)
                self.conflicts += [(rel.loc, problem)] if problem else []
        else:
            other = self._other("many_to_one", rel.schema_name, rel.referencing_entity, rel)
        return fill_unknowns(rel, other) if other is not None else rel

    def _both_authored(self, rel: OneToManyRelationship, other: OneToManyRelationship) -> bool:
        """Both sides stated in hand-written YAML specs, each in its table's own file."""
        theirs = self.authored.get(rel.referenced_entity or "")
        mine = rel.loc.path in self.authored_paths
        return mine and theirs is not None and other.loc.path == theirs != rel.loc.path

    def many_to_many(self, rel: ManyToManyRelationship, table: str) -> ManyToManyRelationship:
        if rel.intersect_entity_name == table and rel.this_table.logical_name is None:
            return self._seen_by_intersect(rel, table)
        owner = rel.other_table.logical_name
        other: ManyToManyRelationship | None = self._other(
            "many_to_many", rel.schema_name, owner, rel
        )
        if other is None:
            return rel
        if _stored_by(other, table):
            return _intersect_view(rel, other, table)
        mirrored = dataclasses.replace(
            other, this_table=other.other_table, other_table=other.this_table
        )
        if self._both_authored_many(rel, other, table, owner):
            problem = agreement.many_disagreement(rel, mirrored)
            self.conflicts += [(rel.loc, problem)] if problem else []
        return fill_unknowns(rel, mirrored)

    def _seen_by_intersect(self, rel: ManyToManyRelationship, table: str) -> ManyToManyRelationship:
        """The relationship as the intersect table's own page gives it (neither side), with
        what it leaves unsaid taken from an end's page that names the table its intersect."""
        other = self._other("many_to_many", rel.schema_name, None, rel)
        if other is None or not _stored_by(other, table):
            return rel
        return _intersect_view(rel, other, table)

    def _both_authored_many(
        self,
        rel: ManyToManyRelationship,
        other: ManyToManyRelationship,
        table: str,
        owner: str | None,
    ) -> bool:
        """Both tables declare it, each in its own hand-written spec (reported once, by the
        table whose name sorts first)."""
        if owner is None or table >= owner:
            return False
        mine, theirs = self.authored.get(table), self.authored.get(owner)
        return mine == rel.loc.path and theirs == other.loc.path and mine != theirs


def _stored_by(other: ManyToManyRelationship, table: str) -> bool:
    """Whether the other table's side names ``table`` as the intersect it joins through, and
    ``table`` as neither end: the relationship ``table``'s page gives is then the one it stores.

    An intersect table's own page of 2017-2020 (CompetitorProduct, SystemUserRoles) names the
    relationship as if the table were an end; ``parse.intersect`` knows most such pages by their
    columns, and this catches the others when an end's page is in the set.
    """
    ends = (other.this_table.logical_name, other.other_table.logical_name)
    return other.intersect_entity_name == table and table not in ends


def _intersect_view(
    rel: ManyToManyRelationship, other: ManyToManyRelationship, table: str
) -> ManyToManyRelationship:
    """The relationship as an intersect table's page of 2021 and later gives it: neither side,
    its name, the intersect (itself) and whether it is customizable."""
    customizable = other.is_customizable if rel.is_customizable is None else rel.is_customizable
    return dataclasses.replace(
        rel,
        intersect_entity_name=table,
        is_customizable=customizable,
        this_table=ManyToManySide(),
        other_table=ManyToManySide(),
    )
