"""The cascading keys a database that keeps one cascade path per table (SQL Server) refuses.

SQL Server (error 1785) refuses a foreign key whose ON DELETE action (CASCADE, SET NULL) would
let a DELETE's cascading actions reach a table twice: a cycle (a table reaching itself, a
self-reference included) or a second path between two tables. Where the keys cannot all keep
their actions, some must become NO ACTION, which acts as Dataverse's Restrict: the replica then
refuses a delete while a row still references the deleted one.

Which key gives way decides which deletes the replica refuses. A Cascade key made NO ACTION
refuses deleting a parent until its children, and everything their own keys cascade to, are
deleted first: a parental relationship's children commonly exist, so most deletes of a parent
are refused. A RemoveLink key made NO ACTION refuses deleting a row only while another row still
links to it, and what Dataverse does there is one update (the link cleared). So the actions are
ranked (``kept_first``): every key of the first action is taken before any of the next, each in
the order given; a key that would close a cycle or open a second path among the keys already
kept is refused. Each refused key conflicts with the kept ones, so no fewer keys could be
refused by keeping it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from dvgen.targets.sql.keys import ForeignKeyPlan, OnDelete


def refused(keys: Sequence[ForeignKeyPlan], kept_first: Sequence[OnDelete]) -> set[ForeignKeyPlan]:
    """The keys of the ``kept_first`` actions to make NO ACTION so that every table is reached
    by one cascade path at most from any other, and none from itself."""
    rank = {action: i for i, action in enumerate(kept_first)}
    ranked = sorted((k for k in keys if k.on_delete in rank), key=lambda k: rank[k.on_delete])
    children: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    conflicts: set[ForeignKeyPlan] = set()
    for key in ranked:
        if second_path(children, parents, key.target, key.table):
            conflicts.add(key)
            continue
        children[key.target].add(key.table)
        parents[key.table].add(key.target)
    return conflicts


def second_path(
    children: dict[str, set[str]], parents: dict[str, set[str]], parent: str, child: str
) -> bool:
    """Whether a cascade from ``parent`` to ``child`` closes a cycle or reaches, from some
    table, a table it already reaches."""
    above = reach(parents, parent) | {parent}
    below = reach(children, child) | {child}
    return child in above or any(reach(children, a) & below for a in above)


def reach(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every node reachable from ``start`` (not ``start`` itself unless on a cycle)."""
    seen: set[str] = set()
    stack = list(graph.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return seen
