"""A choice column's options as the targets take them, where its own spec lists none.

A Picklist or MultiSelectPicklist whose spec lists no options (a solution's column naming a
global choice its export does not carry: IncidentReporting's ``csa_csIncident``
``deliveryprioritycode``, of Microsoft's ``activitypointer_deliveryprioritycode``) takes the
options another column of the set lists for that global choice (``facets.OptionSets``: the
email page's three), else none: any integer (``choice-without-options``). So its options
change with the set, not only with its own spec: the page that states them added, or taken
away. Such a column (its own options listed by one version only, or by neither) is compared
by the options each version's targets give it, as its JSON Schema, pydantic model and SQL
CHECK have them.

So is a column that lists its own options in both versions, when a version's targets give it
others: a global choice's options are merged over the set (``OptionSets``: Dataverse has one
option set for every column naming the choice), so an option another table's spec adds to
the choice is one this column's JSON Schema ``oneOf``, pydantic enum and SQL CHECK take too,
and one the last version's refuse. It is a change of this column as well as of the column
whose spec states it; a column whose own options are what its targets take in both versions
is compared by its own, as before.

Which rule an option of it falls under is ``classify``'s: options stated where a version took
any integer are ``options-stated`` (``options-stated-closed`` with closed choices), no longer
stated ``options-unstated``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import NOWHERE, Choice, Column, ColumnType, Table, TableSet
from dvgen.webapi.facets import OptionSets

GLOBAL_TYPES = frozenset({ColumnType.PICKLIST, ColumnType.MULTI_SELECT_PICKLIST})
"""Choices whose options may come from another column of the set (a State's or a Status's
are always its table's own; a Boolean's two are true and false whatever they are labelled)."""

Pair = Callable[[Table, Table], tuple[Table, Table]]
"""Two versions of a table -> the same, their columns' options as the targets take them."""


def as_taken(old: TableSet, new: TableSet) -> Pair:
    """The function giving two versions of a table (of ``old`` and ``new``) with the options
    of each column that lists none in a version, or whose targets take others than it lists
    (``_merged``), replaced, in both, by the options that version's targets give it. The
    option sets are built once for each version, and only if a column needs them: one naming
    a global choice, or listing no options."""
    found: dict[int, OptionSets] = {}

    def sets(version: TableSet) -> OptionSets:
        if id(version) not in found:
            found[id(version)] = OptionSets(version, Diagnostics())
        return found[id(version)]

    def pair(before: Table, after: Table) -> tuple[Table, Table]:
        merged = _merged(before, after, lambda: sets(old), lambda: sets(new))
        names = _unlisted(before, after) | merged
        if not names:
            return before, after
        return (
            _with_options(before, names, merged, sets(old)),
            _with_options(after, names, merged, sets(new)),
        )

    return pair


def _unlisted(before: Table, after: Table) -> frozenset[str]:
    """The columns both versions have, of one type whose options a global choice may give,
    naming a global choice, whose own options one version (or both) leaves unlisted."""
    names: set[str] = set()
    for column in before.columns:
        other = after.column(column.logical_name)
        if other is None or other.type is not column.type or column.type not in GLOBAL_TYPES:
            continue
        if not (column.global_choice_name or other.global_choice_name):
            continue
        if not column.choices or not other.choices:
            names.add(column.logical_name)
    return frozenset(names)


def _merged(
    before: Table, after: Table, old: Callable[[], OptionSets], new: Callable[[], OptionSets]
) -> frozenset[str]:
    """The columns both versions have, of one type whose options a global choice may give,
    listing their own options in both, whose targets take other options in a version: a
    shared global choice whose options another column of the set lists otherwise (a column
    naming no global choice in either takes its own)."""
    names: set[str] = set()
    for column in before.columns:
        other = after.column(column.logical_name)
        if other is None or other.type is not column.type or column.type not in GLOBAL_TYPES:
            continue
        if not column.choices or not other.choices:
            continue  # ``_unlisted``'s
        if not (column.global_choice_name or other.global_choice_name):
            continue
        own = (column.choices, other.choices)
        if (taken(before, column, old()), taken(after, other, new())) != own:
            names.add(column.logical_name)
    return frozenset(names)


def _with_options(
    table: Table, names: frozenset[str], merged: frozenset[str], sets: OptionSets
) -> Table:
    """``table`` with the columns ``names`` holding the options their targets take; those of
    ``merged`` (listing their own) with each option at its line (``_placed``). A column that
    lists none is read at its own line: it names the choice whose options it takes."""

    def options(column: Column) -> tuple[Choice, ...]:
        found = taken(table, column, sets)
        return _placed(column, found, sets) if column.logical_name in merged else found

    columns = tuple(
        dataclasses.replace(c, choices=options(c)) if c.logical_name in names else c
        for c in table.columns
    )
    return dataclasses.replace(table, columns=columns)


def _placed(column: Column, options: tuple[Choice, ...], sets: OptionSets) -> tuple[Choice, ...]:
    """``options`` each at the line it is written at (``Choice.loc``, which the gate prints):
    one the column lists at its own line (else the column's), one only another column of its
    global choice lists at that column's (incident's ``caseorigincode`` stating the option
    entitlementchannel's ``channel`` takes), so the gate reads the change where it was made."""
    own = {choice.value: choice for choice in column.choices}
    return tuple(
        dataclasses.replace(
            option,
            loc=_at(own[option.value], column)
            if option.value in own
            else _stated_at(option, column, sets),
        )
        for option in options
    )


def _stated_at(option: Choice, column: Column, sets: OptionSets) -> Location:
    """Where another column of ``column``'s global choice lists ``option``."""
    for _, other in sets.users(column.global_choice_name or ""):
        for choice in other.choices:
            if choice.value == option.value:
                return _at(choice, other)
    return _at(option, column)


def _at(choice: Choice, column: Column) -> Location:
    return choice.loc if choice.loc.path != NOWHERE.path else column.loc


def taken(table: Table, column: Column, sets: OptionSets) -> tuple[Choice, ...]:
    """The options the targets give ``column`` (none: any integer)."""
    if sets.is_shared(table, column):
        return sets.of(table, column).options
    return column.choices
