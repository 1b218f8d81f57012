"""Two versions of a model compared table by table, each difference classified by a rule.

The comparison walks the model's own dataclass fields, so no facet can be missed: list items
are matched by their name (columns, options, relationships, messages), an object absent on
one side compares as empty, and every leaf that differs becomes one ``Change``. What page a
table came from (its title and front matter) is provenance, not schema: never compared; nor
are a message's Web API and SDK cells, links each page generator writes its own way.

A facet that one version states and the other leaves unstated, with no rule of its own (a
length, a range and lookup targets have one), is no change: the page generations differ in
what they state (2025 pages add ImeMode and cascade rows, drop Format None and IsHierarchical),
so the silent side says nothing about the table.

A choice column whose spec lists no options in a version is compared by the options that
version's targets give it (``options.as_taken``: those another column of its global choice
lists), as its JSON Schema, pydantic model and SQL CHECK have them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from dvgen import canonical
from dvgen.createdefaults import create_default
from dvgen.evolve import classify as rules_of
from dvgen.evolve.changes import Change
from dvgen.evolve.foreign import foreign_keys_added
from dvgen.evolve.navigations import navigations_renamed
from dvgen.evolve.options import as_taken
from dvgen.listing import sources
from dvgen.model import NOWHERE, Table, TableSet

KEYED: dict[str, str] = {
    "columns": "logical_name",
    "choices": "value",
    "many_to_one": "schema_name",
    "one_to_many": "schema_name",
    "many_to_many": "schema_name",
    "messages": "name",
    "events": "name",
    "keys": "logical_name",
}
"""List fields whose items are matched by this field, not by position."""
PAIRS = frozenset({"extra", "front_matter"})
"""Fields of (key, value) pairs, compared as mappings."""
IGNORED = frozenset({"loc", "origins", "hand_written", "page", "web_api_operation", "sdk"})
"""Fields never compared: locations, provenance, and a message's documentation cells."""

Leaf = tuple[tuple[str, ...], Any, Any]


def diff_sets(old: TableSet, new: TableSet) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted by table and path."""
    changes: list[Change] = []
    options = as_taken(old, new)
    for name in sorted(set(old.by_name) | set(new.by_name)):
        before, after = old.get(name), new.get(name)
        if before is None:
            changes.append(Change(name, (), "table-added", loc=str(new.by_name[name].loc)))
        elif after is None:
            changes.append(Change(name, (), "table-removed", loc=str(before.loc)))
        else:
            changes.extend(diff_tables(*options(before, after)))
    changes.extend(foreign_keys_added(old, new, changes))
    changes.extend(navigations_renamed(old, new, changes))
    return sorted(changes, key=lambda c: (c.table, c.path, c.rule))


def diff_tables(old: Table, new: Table) -> list[Change]:
    changes = (
        Change(new.logical_name, path, rules_of.classify(old, new, path, a, b), a, b)
        for path, a, b in leaves(old, new, ())
    )
    return _located([c for c in changes if not _unstated(c, old, new)], old, new)


def _located(changes: list[Change], old: Table, new: Table) -> list[Change]:
    """Each change with the ``file:line`` a reader fixes or acknowledges it at: the deepest
    part of its path the current specs place (``dvgen show --sources``: a facet a layer set,
    else its column, option or relationship), else the deepest part the old model placed (a
    column or relationship gone: its line in REF's model file), else the table."""
    if not changes:
        return changes
    places = tuple(
        sources(t)
        | {f"keys.{k.logical_name}": str(k.loc) for k in t.keys}
        | _option_files(t)
        | _message_rows(t)
        for t in (new, old)
    )
    return [dataclasses.replace(c, loc=_place(c.path, places)) for c in changes]


def _message_rows(table: Table) -> dict[str, str]:
    """Each message's and event's own line (its row in the page's Messages or Events table,
    its item in a YAML spec or REF's model file): a message removed is read where REF listed
    it, as a column removed is, not at the current table's first line."""
    return {
        f"{kind}.{message.name}": str(message.loc)
        for kind, messages in (("messages", table.messages), ("events", table.events))
        for message in messages
        if message.loc.path != NOWHERE.path
    }


def _option_files(table: Table) -> dict[str, str]:
    """The file a column's options are written in when it is not the column's own (a
    solution's global choice, ``OptionSets/<name>.xml``: ``Choice.loc``), placing what only
    that file changes and no current option places: an option removed from the choice, which
    the column's line (naming the choice, unchanged) would stand for otherwise."""
    found: dict[str, str] = {}
    for column in table.columns:
        files = {c.loc.path for c in column.choices if c.loc.path != NOWHERE.path}
        if len(files) == 1 and column.loc.path not in files:
            found[f"columns.{column.logical_name}.choices"] = files.pop()
    return found


def _place(path: tuple[str, ...], places: tuple[dict[str, str], ...]) -> str:
    parts = [".".join(path[:size]) for size in range(len(path), 0, -1)]
    for found in places:
        for part in parts:
            if part in found:
                return found[part]
    return places[0]["table"]


def _unstated(change: Change, old: Table, new: Table) -> bool:
    """A facet only one version states, with no rule that gives the silent side a meaning,
    and no target takes otherwise: a default a version states that the other leaves unstated
    (a choice's DefaultFormValue, which the 2024 and 2025 pages state and the 2023 ones do
    not; a yes/no DefaultValue) is listed when it changes what a create that leaves the column
    out stores (``create_default``: the SQL DEFAULT, the JSON Schema ``default``), as the
    migration changes the SQL column's DEFAULT; -1, or a value none of the options is, fills
    nothing and stays unlisted. A lookup's targets no longer named (``classify._targets``)
    are listed too: the JSON Schema's ``x-dataverse-targets`` goes, and a foreign key with
    it."""
    one_sided = (change.old is None) != (change.new is None)
    if not one_sided or change.rule != "facet-changed":
        return False
    if change.path[-1] == "targets" and change.old is not None:
        return False  # a lookup's targets no longer named: its annotation and key go
    return not _default_stored(change, old, new)


def _default_stored(change: Change, old: Table, new: Table) -> bool:
    """Whether ``change`` is of a column's default and changes what its create stores."""
    path = change.path
    if len(path) != 3 or path[0] != "columns" or path[2] not in rules_of.DEFAULTS:
        return False
    before, after = old.column(path[1]), new.column(path[1])
    if before is None or after is None:
        return False
    return create_default(before) != create_default(after)


def leaves(old: Any, new: Any, path: tuple[str, ...]) -> Iterator[Leaf]:
    """(path, old data, new data) of every difference between two model objects of one class
    (either may be None: absent). Equal objects (the most, by far) are passed over whole."""
    if old == new:
        return
    cls = type(old if old is not None else new)
    for field in dataclasses.fields(cls):
        if field.name in IGNORED:
            continue
        a = getattr(old, field.name) if old is not None else None
        b = getattr(new, field.name) if new is not None else None
        where = (*path, field.name)
        if field.name in KEYED and _records(a, b):
            yield from _keyed(a or (), b or (), where, KEYED[field.name])
        elif field.name in PAIRS:
            yield from _mapping(dict(a or ()), dict(b or ()), where)
        elif dataclasses.is_dataclass(a) or dataclasses.is_dataclass(b):
            yield from leaves(a, b, where)
        else:
            yield from _leaf(a, b, where)


def _records(*values: Any) -> bool:
    """Whether a list field holds model records, matched by their ``KEYED`` field: a table's
    ``columns``, not an alternate key's, which are names (compared as one value)."""
    return any(dataclasses.is_dataclass(item) for value in values for item in value or ())


def _keyed(
    a: tuple[Any, ...], b: tuple[Any, ...], path: tuple[str, ...], key: str
) -> Iterator[Leaf]:
    before = {str(getattr(item, key)): item for item in a}
    after = {str(getattr(item, key)): item for item in b}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None or new is None:
            yield (*path, name), _data(old), _data(new)
        else:
            yield from leaves(old, new, (*path, name))


def _mapping(a: dict[str, Any], b: dict[str, Any], path: tuple[str, ...]) -> Iterator[Leaf]:
    for key in sorted(set(a) | set(b)):
        yield from _leaf(a.get(key), b.get(key), (*path, key))


def _leaf(a: Any, b: Any, path: tuple[str, ...]) -> Iterator[Leaf]:
    old, new = _data(a), _data(b)
    if old != new:
        yield path, old, new


def _data(value: Any) -> Any:
    """Canonical data; an empty list is absent, as the YAML leaves it out."""
    if value is None or value == ():
        return None
    return canonical.to_data(value)
