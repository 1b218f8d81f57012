"""Foreign keys from lookups, with the delete behaviour of their relationship.

A Lookup column gets a foreign key when it has exactly one target table and that table is in
the set. The relationship is the table's many-to-one relationship whose referencing attribute
is the column; its cascade configuration's Delete gives ON DELETE (Cascade -> CASCADE,
RemoveLink -> SET NULL, Restrict -> RESTRICT, anything else -> NO ACTION).

An intersect table (the rows of a many-to-many relationship) gets a key on each column that
holds the id of a table of the set, ON DELETE CASCADE: Dataverse disassociates the rows of a
deleted record.

A lookup that can point at several tables (Customer, Owner, regarding, any Lookup with several
targets) gets no foreign key: one column cannot reference several tables, and a key to one of
them would reject every row that points at another. Its targets are named in a comment and, with
``sql-label-tables``, listed in TargetMetadata.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from dvgen.dataverse_tables import OWNER, key_of
from dvgen.diagnostics import Diagnostics, Location, listing
from dvgen.lookups import stated_polymorphic
from dvgen.model import (
    CascadeType,
    Column,
    ColumnType,
    ManyToManyRelationship,
    OneToManyRelationship,
    Table,
    TableSet,
)
from dvgen.targets.sql.plan import TablePlan


class OnDelete(enum.StrEnum):
    CASCADE = "CASCADE"
    SET_NULL = "SET NULL"
    RESTRICT = "RESTRICT"
    NO_ACTION = "NO ACTION"


ON_DELETE: dict[CascadeType, OnDelete] = {
    CascadeType.CASCADE: OnDelete.CASCADE,
    CascadeType.REMOVE_LINK: OnDelete.SET_NULL,
    CascadeType.RESTRICT: OnDelete.RESTRICT,
}
"""Dataverse's Delete cascade -> SQL; NoCascade (and values Delete cannot take): NO ACTION."""


@dataclass(frozen=True, slots=True)
class ForeignKeyPlan:
    table: str
    column: str
    target: str
    target_column: str
    on_delete: OnDelete
    relationship: str | None
    """The relationship's schema name and Delete cascade, for the comment beside the key."""
    loc: Location


def relationships_of(table: Table, column: str) -> list[OneToManyRelationship]:
    """The many-to-one relationships whose referencing attribute is ``column``."""
    return [
        r
        for r in table.relationships.many_to_one
        if r.referencing_attribute == column
        and r.referencing_entity in (None, table.logical_name)
        and r.referenced_entity
    ]


OUTSIDE_NOTE = "not in this set: no foreign key"
"""The note of a lookup whose one target is not a table of the set."""


_NO_TABLES = TableSet(())
"""No set: each table keyed as Dataverse keys it when nothing states it (``key_of``)."""


def lookup_targets(table: Table, column: Column, tables: TableSet = _NO_TABLES) -> tuple[str, ...]:
    """Every table the lookup can point at: its Targets and its relationships' tables (not
    ``owner``, the principal an owner relationship references: an Owner column's tables are
    its Targets, users and teams; nor a table whose key the relationship does not reference:
    ``tables``, the set, states the keys of its own)."""
    found = dict.fromkeys(column.targets)
    for relationship in relationships_of(table, column.logical_name):
        entity = relationship.referenced_entity
        if entity and entity != OWNER and _references_key(relationship, entity, tables):
            found.setdefault(entity)
    return tuple(found)


def _references_key(relationship: OneToManyRelationship, entity: str, tables: TableSet) -> bool:
    """Whether the relationship joins on ``entity``'s primary id (the one its spec states,
    else ``<name>id`` or an activity's ``activityid``), as a lookup's does: usersettings is
    keyed by ``systemuserid``. A D365 page joins a column on another table's copy of the same
    value (constraintbasedgroup's ``businessunitid`` to systemuser's ``businessunitid``): the
    column holds a business unit, not a user, so that table is no target of it (and does not
    make it polymorphic, which would cost it its foreign key)."""
    attribute = relationship.referenced_attribute
    if not attribute or attribute in (key_of(entity), key_of(entity, activity=True)):
        return True
    stated = tables.get(entity)
    return stated is not None and attribute == stated.primary_id_attribute


def _relationship_text(relationship: OneToManyRelationship | None) -> str | None:
    if relationship is None:
        return None
    config = relationship.cascade_configuration
    delete = config.delete if config is not None and config.delete is not None else None
    return relationship.schema_name + (f", Delete: {delete}" if delete else "")


_LISTED = 8
"""Targets a note names before it says how many more there are."""


def intersect_columns(
    tables: TableSet, shared: dict[str, dict[str, tuple[str, ...]]]
) -> dict[str, dict[str, tuple[str, str]]]:
    """Intersect table -> its column -> (the table whose id it holds, relationship). A column
    ``shared`` by relationships to different tables (``shared_intersect_columns``) is left out."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for table in tables.tables:
        for relationship in table.relationships.many_to_many:
            side = relationship.this_table
            intersect = relationship.intersect_entity_name
            if side.logical_name != table.logical_name or not side.intersect_attribute:
                continue
            if intersect and intersect != table.logical_name:
                columns = found.setdefault(intersect, {})
                for own in _own_sides(table, relationship):
                    if own not in shared.get(intersect, {}):
                        columns.setdefault(own, (table.logical_name, relationship.schema_name))
    return found


def shared_intersect_columns(tables: TableSet) -> dict[str, dict[str, tuple[str, ...]]]:
    """Intersect table -> each column that the set's many-to-many relationships fill with the
    ids of more than one table -> those tables. One intersect table can serve several
    relationships: campaignitem holds a campaign's items, its ``entityid`` the id of a campaign,
    list, product or sales literature (``entitytype`` says which), so a key to one of them would
    reject every row of the others."""
    holders: dict[str, dict[str, dict[str, None]]] = {}
    for table in tables.tables:
        for relationship in table.relationships.many_to_many:
            intersect = relationship.intersect_entity_name
            for side in (relationship.this_table, relationship.other_table):
                if intersect and side.logical_name not in (None, intersect):
                    column = side.intersect_attribute
                    if column:
                        kept = holders.setdefault(intersect, {}).setdefault(column, {})
                        kept.setdefault(side.logical_name)
    shared = {
        intersect: {name: tuple(sorted(held)) for name, held in columns.items() if len(held) > 1}
        for intersect, columns in holders.items()
    }
    return {intersect: columns for intersect, columns in shared.items() if columns}


def _own_sides(table: Table, relationship: ManyToManyRelationship) -> list[str]:
    """The intersect columns holding ``table``'s id: both of a self-referencing relationship
    (connectionroleassociation's ``connectionroleid`` and ``associatedconnectionroleid``)."""
    own = [relationship.this_table.intersect_attribute or ""]
    other = relationship.other_table
    if other.logical_name == table.logical_name and other.intersect_attribute:
        own.append(other.intersect_attribute)
    return own


INTERSECT_ABSENT = "sql-intersect-absent"


def report_absent_intersects(
    tables: TableSet, plans: dict[str, TablePlan], diagnostics: Diagnostics
) -> None:
    """Note each many-to-many relationship between two tables of the schema whose intersect
    table no spec defines: its rows (which record is associated with which) have no table.
    Dataverse creates that table with the relationship, but what columns it holds beyond the
    two ids is not stated, so dvgen does not invent it: a spec of it (or its page) adds it."""
    noted: set[str] = set()
    for table in tables.tables:
        for relationship in table.relationships.many_to_many:
            intersect = relationship.intersect_entity_name
            ends = (relationship.this_table.logical_name, relationship.other_table.logical_name)
            if not intersect or intersect in plans or relationship.schema_name in noted:
                continue
            if table.logical_name == intersect or not all(end in plans for end in ends):
                continue
            noted.add(relationship.schema_name)
            diagnostics.info(
                relationship.loc,
                f"sql: many-to-many {relationship.schema_name!r} of {ends[0]!r} and {ends[1]!r}: "
                f"no spec defines its intersect table {intersect!r}, so its rows have no table "
                "(add a spec of it to store them)",
                code=INTERSECT_ABSENT,
            )


class KeyPlanner:
    """Foreign keys of every table of a set, and notes for the lookups that get none."""

    def __init__(
        self, tables: TableSet, plans: dict[str, TablePlan], diagnostics: Diagnostics
    ) -> None:
        self.tables = tables
        self.plans = plans
        self.diagnostics = diagnostics
        self.shared = shared_intersect_columns(tables)
        self.intersects = intersect_columns(tables, self.shared)
        report_absent_intersects(tables, plans, diagnostics)

    def plan(self, table: Table) -> tuple[list[ForeignKeyPlan], dict[str, str]]:
        keys: list[ForeignKeyPlan] = []
        notes: dict[str, str] = {}
        own = self.plans[table.logical_name]
        for column in table.columns:
            if column.logical_name not in own.by_name:
                continue
            if column.type.is_lookup:
                key, note = self._key(table, column)
            else:
                key, note = self._intersect_key(table, column), self._shared_note(table, column)
            if key is not None:
                keys.append(key)
            if note is not None:
                notes[column.logical_name] = note
                if not note.endswith(OUTSIDE_NOTE):  # said once, by resolve (lookup-target-*)
                    where = f"{table.logical_name}.{column.logical_name}"
                    self.diagnostics.info(
                        column.loc, f"sql: {where}: {note}", code="sql-no-foreign-key"
                    )
        return keys, notes

    def _intersect_key(self, table: Table, column: Column) -> ForeignKeyPlan | None:
        found = self.intersects.get(table.logical_name, {}).get(column.logical_name)
        target = self.plans.get(found[0]) if found else None
        if found is None or target is None or len(target.primary_key) != 1:
            return None
        return ForeignKeyPlan(
            table=table.logical_name,
            column=column.logical_name,
            target=target.logical_name,
            target_column=target.primary_key[0],
            on_delete=OnDelete.CASCADE,
            relationship=f"{found[1]} (many-to-many): deleting a row disassociates it",
            loc=column.loc,
        )

    def _shared_note(self, table: Table, column: Column) -> str | None:
        held = self.shared.get(table.logical_name, {}).get(column.logical_name)
        if not held:
            return None
        return (
            f"intersect column of the ids of {listing(list(held), _LISTED)}: no foreign key "
            "(one column cannot reference several tables)"
        )

    def _key(self, table: Table, column: Column) -> tuple[ForeignKeyPlan | None, str | None]:
        targets = lookup_targets(table, column, self.tables)
        if column.type is not ColumnType.LOOKUP or len(targets) > 1:
            kind = "lookup" if column.type is ColumnType.LOOKUP else f"{column.type} lookup"
            listed = listing(list(targets), _LISTED) or "tables not stated"
            return None, (
                f"polymorphic {kind} to {listed}: no foreign key "
                "(one column cannot reference several tables)"
            )
        if not targets:
            return None, "lookup target not stated: no foreign key"
        if stated_polymorphic(column):
            return None, (
                f"polymorphic lookup to {targets[0]} and any table a relationship adds "
                "(<LookupStyle>polymorphic): no foreign key (one column cannot reference "
                "several tables)"
            )
        target = self.plans.get(targets[0])
        if target is None:
            return None, f"lookup to {targets[0]}, {OUTSIDE_NOTE}"
        relationship = next(
            (
                r
                for r in relationships_of(table, column.logical_name)
                if r.referenced_entity == target.logical_name
            ),
            None,
        )
        return self._checked(table, column, target, relationship)

    def _checked(
        self,
        table: Table,
        column: Column,
        target: TablePlan,
        relationship: OneToManyRelationship | None,
    ) -> tuple[ForeignKeyPlan | None, str | None]:
        where = relationship.loc if relationship is not None else column.loc
        key_column = target.primary_key[0] if len(target.primary_key) == 1 else None
        if key_column is None:  # said once, at the table (sql-no-primary-key)
            return None, f"lookup to {target.logical_name}, which has no key column: no foreign key"
        referenced = (relationship.referenced_attribute if relationship else None) or key_column
        if referenced != key_column:
            self.diagnostics.warning(
                where,
                f"lookup {table.logical_name}.{column.logical_name} references "
                f"{target.logical_name}.{referenced}, which is not a primary key column: "
                "no foreign key",
                code="sql-key-not-primary",
            )
            return None, f"lookup to {target.logical_name}.{referenced}: no foreign key (not a key)"
        config = relationship.cascade_configuration if relationship else None
        delete = config.delete if config is not None else None
        key = ForeignKeyPlan(
            table=table.logical_name,
            column=column.logical_name,
            target=target.logical_name,
            target_column=key_column,
            on_delete=ON_DELETE.get(delete, OnDelete.NO_ACTION) if delete else OnDelete.NO_ACTION,
            relationship=_relationship_text(relationship),
            loc=where,
        )
        note = None if relationship else "no relationship stated: ON DELETE NO ACTION"
        return key, note
