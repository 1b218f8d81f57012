"""Across tables: canonical order, set-wide checks, relationship details from the other side.

Resolution reads only the tables as parsed, so its result does not depend on input order,
and it is idempotent: resolving a resolved set changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from dvgen import collector, elastic, regarding
from dvgen.choicedefaults import check_global_defaults
from dvgen.diagnostics import Diagnostics, Location
from dvgen.layers.apply import apply_layers
from dvgen.linked_lookups import agree_with_links
from dvgen.lookups import agreed_targets, check_lookup_targets, check_relationships, lookups_of
from dvgen.model import (
    Column,
    ColumnType,
    OneToManyRelationship,
    Relationships,
    Spec,
    Table,
    TableSet,
)
from dvgen.platformlinks import with_file_link
from dvgen.relationship_sides import RelationshipIndex, kinds

T = TypeVar("T")
ADDED_LOOKUP = "lookup-from-relationship"
"""The code of the note that a table's own relationship gave it the lookup its page lacks."""


def resolve(
    specs: Iterable[Spec],
    diagnostics: Diagnostics,
    folder: str | None = None,
    outside: frozenset[str] = frozenset(),
    missing_base: str = "shell",
) -> TableSet:
    """The set's tables, extensions applied, in canonical order, relationships completed.

    Lookup targets are checked against the set (see ``lookups``; ``outside`` names tables a
    selection left out, known like Dataverse's); a set with no table is an error (unless a
    spec failed: its errors say why), at ``folder`` (the specs folder) when there is no spec
    at all. The collector is paused meanwhile: resolution makes a new object for each table,
    relationship and column it changes, and no garbage in cycles."""
    with collector.paused():
        return _resolve(list(specs), diagnostics, folder, outside, missing_base)


def _resolve(
    specs: list[Spec],
    diagnostics: Diagnostics,
    folder: str | None,
    outside: frozenset[str],
    missing_base: str,
) -> TableSet:
    incomplete = diagnostics.has_errors  # a spec failed: its table is missing from the set
    tables = [spec for spec in specs if isinstance(spec, Table)]
    layers = [spec for spec in specs if not isinstance(spec, Table)]
    unique = _unique_tables(tables, diagnostics)
    ordered = apply_layers(unique, layers, diagnostics, missing_base)  # docs/customizations.md
    ordered = regarding.relate(ordered, diagnostics)  # activities to each table enabled for them
    ordered = [with_file_link(table) for table in ordered]  # the file store's: platformlinks
    index = RelationshipIndex(ordered)
    resolved = [_resolve_table(table, index, diagnostics) for table in ordered]
    resolved = agree_with_links(resolved, index.activities, diagnostics)  # linked by name only
    for loc, message in index.conflicts:  # two hand-written sides of one relationship
        diagnostics.error(loc, message)
    if not incomplete:  # else a lookup to the failed spec's table would be called unknown
        check_lookup_targets(resolved, diagnostics, outside)
    check_global_defaults(resolved, diagnostics)  # options another column lists
    if not resolved and not diagnostics.has_errors:
        _report_empty(specs, folder, diagnostics)
    mirrored = _add_mirrors(resolved)
    elastic.check(mirrored, diagnostics)  # what Dataverse refuses on an elastic table
    if not diagnostics.has_errors:  # once mirrored: the other side's relationship counts
        check_relationships(mirrored, diagnostics, outside)
    return TableSet(tuple(mirrored))


def _report_empty(specs: list[Spec], folder: str | None, diagnostics: Diagnostics) -> None:
    """No table: every target would write an empty (valid) artifact, which is never meant.
    Said at the first spec (an extension page) or, with none, at the specs folder."""
    if specs:
        where = Location(min(spec.loc for spec in specs).path)
        held = "the specs are only pages that extend tables no spec defines"
    elif folder is not None:
        where, held = Location(folder), "no spec in the specs folder defines a table"
    else:
        return
    diagnostics.error(where, f"no table to generate from: {held}")


def _unique_tables(tables: Iterable[Table], diagnostics: Diagnostics) -> list[Table]:
    by_name: dict[str, Table] = {}
    for table in sorted(tables, key=lambda t: (t.logical_name, t.loc)):
        first = by_name.get(table.logical_name)
        if first is not None:
            diagnostics.error(
                table.loc,
                f"table {table.logical_name!r} is already defined at {first.loc}",
            )
            continue
        by_name[table.logical_name] = table
    return list(by_name.values())


def _resolve_table(table: Table, index: RelationshipIndex, diagnostics: Diagnostics) -> Table:
    _check_columns(table, diagnostics)
    rel = table.relationships
    name = table.logical_name
    many_to_one = _by_schema(index.one_to_many(r, "many_to_one") for r in rel.many_to_one)
    return dataclasses.replace(
        table,
        columns=agreed_targets(
            name,
            _own_lookups(table, many_to_one, diagnostics),
            many_to_one,
            index.activities,
            diagnostics,
        ),
        messages=tuple(sorted(table.messages, key=lambda m: m.name)),
        events=tuple(sorted(table.events, key=lambda m: m.name)),
        relationships=Relationships(
            many_to_one=many_to_one,
            one_to_many=_by_schema(index.one_to_many(r, "one_to_many") for r in rel.one_to_many),
            many_to_many=_by_schema(index.many_to_many(r, name) for r in rel.many_to_many),
        ),
    )


def _own_lookups(
    table: Table, many_to_one: tuple[OneToManyRelationship, ...], diagnostics: Diagnostics
) -> tuple[Column, ...]:
    """The table's columns, normalised and in order, with the lookup of each of its own
    many-to-one relationships whose ReferencingAttribute (its page's, or the other side's)
    no column holds: Dataverse has that column wherever it has the relationship, and a page
    that leaves it out (one cut short, or an extension page read without its table's own) would
    otherwise lose its foreign key and navigation property. Noted, since the page did not
    list it; one column however many tables its relationships reach (a polymorphic lookup)."""
    columns = [_normal(c) for c in table.columns]
    lookups = lookups_of(table, many_to_one)
    for column in lookups:
        relationships = ", ".join(
            repr(r.schema_name)
            for r in many_to_one
            if r.referencing_attribute == column.logical_name
        )
        diagnostics.info(
            column.loc,
            f"table {table.logical_name!r} has no column {column.logical_name!r}, the "
            f"ReferencingAttribute of its relationship {relationships}: added as a lookup to "
            f"{', '.join(column.targets)}, as Dataverse creates it with the relationship",
            code=ADDED_LOOKUP,
        )
    return tuple(sorted([*columns, *lookups], key=lambda c: c.logical_name))


def _add_mirrors(tables: list[Table]) -> list[Table]:
    """Give each table the relationships other tables of the set declare with it.

    A hand-written spec can relate a custom table to a table read from a reference page;
    the page cannot list that relationship, so it is added to the page's table here.
    """
    names = {t.logical_name for t in tables}
    known = {
        (t.logical_name, kind, r.schema_name.lower())
        for t in tables
        for kind, items in kinds(t.relationships)
        for r in items
    }
    added: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))

    def offer(owner: str | None, kind: str, rel: Any) -> None:
        if owner in names and (owner, kind, rel.schema_name.lower()) not in known:
            known.add((owner, kind, rel.schema_name.lower()))
            added[owner][kind].append(rel)

    for table in tables:
        rel = table.relationships
        for item in rel.many_to_one:
            offer(item.referenced_entity, "one_to_many", item)
        for item in rel.one_to_many:
            offer(item.referencing_entity, "many_to_one", item)
        for m2m in rel.many_to_many:
            mirrored = dataclasses.replace(
                m2m, this_table=m2m.other_table, other_table=m2m.this_table
            )
            offer(m2m.other_table.logical_name, "many_to_many", mirrored)
    return [_with_added(t, added.get(t.logical_name)) for t in tables]


def _with_lookups(table: Table, added: list[OneToManyRelationship]) -> tuple[Column, ...]:
    """The table's columns and the lookup of each relationship another table declares with it
    that it has no column for: creating a one-to-many relationship creates its lookup on the
    referencing table, which a reference page of that table (Microsoft's ``contact``, say)
    cannot list when the relationship is an organisation's own (``sample_BankAccount_Contacts``
    on a custom table's page). Expected, so not noted. A lookup the table has gains the tables
    such a relationship references that its Targets lack: an organisation's activity-enabled
    table (``sample_bankaccount``) is a target of Microsoft's ``appointment.regardingobjectid``
    in its Dataverse, though Microsoft's page cannot list it."""
    lookups = lookups_of(table, added)
    columns = tuple(_with_targets(column, added) for column in table.columns)
    if not lookups:
        return columns
    return tuple(sorted([*columns, *lookups], key=lambda c: c.logical_name))


def _with_targets(column: Column, added: list[OneToManyRelationship]) -> Column:
    """``column`` (a Lookup or Customer column) with the tables ``added`` relationships held
    by it reference, after its own Targets, in order of name."""
    if column.type not in (ColumnType.LOOKUP, ColumnType.CUSTOMER):
        return column
    new = sorted(
        {
            item.referenced_entity
            for item in added
            if item.referencing_attribute == column.logical_name
            and item.referenced_entity
            and item.referenced_entity not in column.targets
        }
    )
    return dataclasses.replace(column, targets=(*column.targets, *new)) if new else column


def _with_added(table: Table, extra: dict[str, list[Any]] | None) -> Table:
    if not extra:
        return table
    rel = table.relationships
    return dataclasses.replace(
        table,
        columns=_with_lookups(table, extra.get("many_to_one", [])),
        relationships=Relationships(
            many_to_one=_by_schema([*rel.many_to_one, *extra.get("many_to_one", [])]),
            one_to_many=_by_schema([*rel.one_to_many, *extra.get("one_to_many", [])]),
            many_to_many=_by_schema([*rel.many_to_many, *extra.get("many_to_many", [])]),
        ),
    )


def _by_schema(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(sorted(items, key=lambda r: getattr(r, "schema_name", "")))


def _check_columns(table: Table, diagnostics: Diagnostics) -> None:
    seen: dict[str, Any] = {}
    for column in table.columns:
        first = seen.get(column.logical_name)
        if first is not None:
            diagnostics.error(
                column.loc,
                f"column {column.logical_name!r} of table {table.logical_name!r} is already "
                f"defined at {first.loc}",
            )
        seen[column.logical_name] = column
        _check_choices(table, column, diagnostics)
    if table.primary_id_attribute and table.primary_id_attribute not in seen and table.columns:
        diagnostics.warning(
            table.loc,
            f"primary id attribute {table.primary_id_attribute!r} is not among the columns",
            code="primary-id-missing",
        )


def _normal(column: Column) -> Column:
    """A Boolean's two options as ``[false, true]``, whatever order the spec gives."""
    if column.type is ColumnType.BOOLEAN and column.choices:
        ordered = tuple(sorted(column.choices, key=lambda c: c.value))
        if ordered != column.choices:
            return dataclasses.replace(column, choices=ordered)
    return column


def _check_choices(table: Table, column: Column, diagnostics: Diagnostics) -> None:
    values: set[int] = set()
    for choice in column.choices:
        if choice.value in values:
            diagnostics.error(
                column.loc,
                f"column {column.logical_name!r} of table {table.logical_name!r}: choice value "
                f"{choice.value} appears twice",
            )
        values.add(choice.value)
    if column.choices and not column.type.has_options:
        diagnostics.warning(
            column.loc,
            f"column {column.logical_name!r} of table {table.logical_name!r}: a {column.type} "
            "column lists choices",
            code="choices-on-non-choice",
        )
