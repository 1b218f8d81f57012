"""A table's text kept under what its context reads, so that a run need not build the context.

A fragment keyed by its context (``Fragments.template``) saves rendering, but every run still
builds every table's context to find its key. A target whose context for one table reads only
the table itself, a few facts of the tables its navigation properties lead to
(``navigation_inputs``) and decisions the target makes once for the whole set (option sets,
names claimed across a package) keys the table's text by those instead, gathered without
building anything: the table by ``fragments.table_digest`` (its locations too), the rest by
``repr``. What the target's scope holds (dvgen's code, templates, settings) is in every key.

The text is kept with the warnings building its context gave (a column's MinValue beyond its
type, say): a run that reads the text says them again, so its warnings are a cold run's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeGuard

from dvgen.diagnostics import Diagnostic, Diagnostics
from dvgen.fragments import Fragments, table_digest
from dvgen.model import Table, TableSet
from dvgen.webapi.navs import ApiNavigation, expandable

Kept = tuple[str, list[Diagnostic]]
"""A kept text and the warnings building it gave."""
NavigationInputs = tuple[tuple[ApiNavigation, str | None], ...]


def navigation_inputs(tables: TableSet, table: Table, closed: bool = False) -> NavigationInputs:
    """What the table's navigation properties take from the set: each property (its name,
    target, whether single-valued, its lookup) with its target's entity set name when the set
    holds the target (``""`` when it names none; None: not in the set)."""
    found = []
    for nav in expandable(tables, table, closed):
        target = tables.get(nav.target)
        found.append((nav, None if target is None else target.entity_set_name or ""))
    return tuple(found)


def table_inputs(table: Table, *reads: object) -> str:
    """The key's inputs: the table's digest and ``repr`` of everything else its context reads."""
    return repr((table_digest(table), reads))


def kept_text(
    kept: Fragments,
    name: str,
    inputs: Callable[[], str],
    diagnostics: Diagnostics,
    make: Callable[[Diagnostics], str],
) -> str:
    """The text ``make`` made before from the same ``inputs()``, its warnings added to
    ``diagnostics`` again; else ``make``'s text now, kept with its warnings. Without a cache
    (``--no-cache``) no key is computed: the text is made."""
    if not kept.keeping:
        return make(diagnostics)
    key = kept.key(name, inputs())
    found = kept.get(key)
    if _is_kept(found):
        text, warnings = found
        diagnostics.extend(warnings)
        return text
    own = Diagnostics()
    text = make(own)
    diagnostics.extend(own.items)
    kept.put(key, (text, list(own.items)))
    return text


def _is_kept(found: object) -> TypeGuard[Kept]:
    return (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], str)
        and isinstance(found[1], list)
        and all(isinstance(item, Diagnostic) for item in found[1])
    )
