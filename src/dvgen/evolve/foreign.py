"""Foreign keys a column of a table both versions have gains: the one change of the SQL DDL
that no table's own definition shows.

A lookup gets a foreign key when its one target is a table of the set (``dvgen.targets.sql.keys``).
So a table that joins the set (a spec added for it, or the setting ``related``) gives every
lookup of the other tables that targets it a key; so does a lookup whose target comes to be
stated. A database created from the old DDL holds that column's values with no table to check
them against: ids of rows it never stored. The migration creates the new table empty, then adds
the key, which validates the rows there are and refuses them: breaking for databases, as a new
alternate key is (``foreign-key-added``). Web API clients are unaffected: Dataverse always
had the relationship.
"""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics
from dvgen.evolve.changes import Change
from dvgen.listing import sources
from dvgen.model import TableSet
from dvgen.targets.sql.target import plan_schema

RULE = "foreign-key-added"
SAID = frozenset({"lookup-target-removed", "type-changed"})
"""The breaking changes of a column that already say its references no longer hold; any other
(``required-raised``, ``property-renamed``...) is acknowledged apart from the new key."""


def foreign_keys_added(old: TableSet, new: TableSet, changes: list[Change]) -> list[Change]:
    """A ``foreign-key-added`` change for each column of a table in both versions that has a
    foreign key now and had none (a column the old version lacks holds no rows' values), unless
    a breaking change of that column already says its references no longer hold (``SAID``:
    a target removed, a type changed)."""
    before, after = _keys(old), _keys(new)
    flagged = {(c.table, c.column) for c in changes if c.rule in SAID and c.column}
    found: list[Change] = []
    for (table, column), target in sorted(after.items()):
        was = old.get(table)
        if (table, column) in before or (table, column) in flagged:
            continue
        if was is None or was.column(column) is None:
            continue
        at = sources(new.by_name[table])
        loc = at.get(f"columns.{column}", at["table"])
        found.append(Change(table, ("columns", column, "foreign_key"), RULE, None, target, loc))
    return found


def _keys(tables: TableSet) -> dict[tuple[str, str], str]:
    """(table, column) -> the table its foreign key references, as the SQL target plans them."""
    plan = plan_schema(tables, Diagnostics(), labels=False, choices="open", sources=False)
    return {(key.table, key.column): key.target for key in plan.keys}
