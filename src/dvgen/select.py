"""Choosing tables from a specs folder that holds more than the project wants (the whole
Microsoft reference, say): by name or glob, plus the tables related to them.

Selection runs on the parsed specs, before resolution: the tables chosen, with their extension
pages, are resolved and rendered as if only their pages were in the folder. A lookup to a table
left out is then a lookup to a table outside the set (``lookup-target-outside-set``), as for
any Dataverse table the folder does not hold. Layers that are not about one table (a global
choice's customization) are always kept.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dvgen.config import Config, setting_line
from dvgen.diagnostics import Diagnostics, Location, listing
from dvgen.model import Column, Relationships, Spec, Table, TableExtension

UNMATCHED = "selection-unmatched"
"""The code of the warning for a name or glob of the selection that matches no table."""


SETTINGS_FILE = Location("pyproject.toml")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which tables a run renders: ``include`` (every table when empty) less ``exclude``, and
    the tables up to ``related`` relationships away from them, never an excluded one."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    related: int = 0
    origin: str = "include"
    """What the include list is named by in messages: ``--table`` or the setting."""
    where: Location = SETTINGS_FILE
    """Where the include list comes from (``--table``, or the settings' file)."""
    settings: Location = SETTINGS_FILE
    """Where the settings come from, for messages about ``exclude``."""

    @property
    def everything(self) -> bool:
        return not self.include and not self.exclude


def selection(config: Config) -> Selection:
    """The run's selection: ``--table`` replaces the ``include`` setting; ``--related``
    replaces ``related``; ``exclude`` always applies."""
    include, exclude = _setting("include", config), _setting("exclude", config)
    if config.only_tables:
        flag = Location("--table")
        return Selection(
            config.only_tables, config.exclude, config.related, "--table", flag, exclude
        )
    return Selection(config.include, config.exclude, config.related, "include", include, exclude)


def _setting(key: str, config: Config) -> Location:
    """The line of setting ``key`` in the settings' file (the file alone when not found)."""
    if config.source is None:
        return SETTINGS_FILE
    return Location(str(config.source), setting_line(config.source, key))


@dataclass(frozen=True, slots=True)
class Selected:
    specs: list[Spec]
    left_out: frozenset[str]
    """Tables the folder defines but the selection leaves out: outside the set, as Dataverse's."""


def select_specs(specs: list[Spec], selection: Selection, diagnostics: Diagnostics) -> Selected:
    """The specs of the selected tables (and every spec about no one table).

    An empty selection of a non-empty folder is an error: nothing would be generated."""
    if selection.everything:
        return Selected(specs, frozenset())
    names = sorted(
        {spec.logical_name for spec in specs if isinstance(spec, Table | TableExtension)}
    )
    include, unmatched = _matching(names, selection.include)
    excluded, unmatched_exclude = _matching(names, selection.exclude)
    chosen = include if selection.include else set(names)
    graph = neighbours(specs) if selection.related else {}
    chosen = closure(chosen - excluded, graph, selection.related, excluded) & set(names)
    if names and not chosen:
        diagnostics.error(selection.where, _nothing_selected(selection, names))
    else:
        for origin, where, patterns in (
            (selection.origin, selection.where, unmatched),
            ("exclude", selection.settings, unmatched_exclude),
        ):
            for pattern in patterns:
                message = f"{_named(origin)}{pattern!r} matches no table"
                diagnostics.warning(where, message, code=UNMATCHED)
    kept = [
        s for s in specs if not isinstance(s, Table | TableExtension) or s.logical_name in chosen
    ]
    return Selected(kept, frozenset(names) - chosen)


def _matching(names: list[str], patterns: tuple[str, ...]) -> tuple[set[str], list[str]]:
    """The names matching any of ``patterns`` (globs on logical names, any case), and the
    patterns that match none (when there are names at all)."""
    found: set[str] = set()
    unmatched: list[str] = []
    for pattern in patterns:
        matched = fnmatch.filter(names, pattern.lower())
        if not matched and names:
            unmatched.append(pattern)
        found.update(matched)
    return found, unmatched


def _nothing_selected(selection: Selection, names: list[str]) -> str:
    parts = [f"{selection.origin} {' '.join(selection.include)}" if selection.include else "all"]
    if selection.exclude:
        parts.append(f"exclude {' '.join(selection.exclude)}")
    return (
        f"no table to generate from: the selection ({'; '.join(parts)}) matches none of the "
        f"{len(names)} tables the specs define ({listing(names)})"
    )


def _named(origin: str) -> str:
    """Nothing for ``--table`` (the diagnostic's place says it); a setting's name."""
    return "" if origin.startswith("-") else f"[tool.dvgen] {origin}: "


def closure(
    start: set[str], graph: dict[str, set[str]], depth: int, blocked: set[str] | None = None
) -> set[str]:
    """``start`` and every table at most ``depth`` relationships away, either direction,
    never through a ``blocked`` table: excluding a hub (``systemuser``, which nearly every
    table looks up) keeps the closure from spreading over the whole reference through it."""
    reached = set(start)
    frontier = set(start)
    stop = reached | (blocked or set())
    for _ in range(depth):
        frontier = {n for name in frontier for n in graph.get(name, ())} - stop
        stop |= frontier
        if not frontier:
            break
        reached |= frontier
    return reached


def neighbours(specs: Iterable[Spec]) -> dict[str, set[str]]:
    """Table -> the tables it is related to by a lookup or a relationship, in either direction
    (a relationship one page lists is followed from the other side too)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for spec in specs:
        if not isinstance(spec, Table | TableExtension):
            continue
        for other in _related(spec.columns, spec.relationships):
            if other and other != spec.logical_name:
                graph[spec.logical_name].add(other)
                graph[other].add(spec.logical_name)
    return graph


def _related(columns: Iterable[Column], relationships: Relationships) -> Iterator[str | None]:
    for column in columns:
        yield from column.targets
    for rel in (*relationships.many_to_one, *relationships.one_to_many):
        yield rel.referenced_entity
        yield rel.referencing_entity
    for m2m in relationships.many_to_many:
        yield m2m.this_table.logical_name
        yield m2m.other_table.logical_name
        yield m2m.intersect_entity_name
