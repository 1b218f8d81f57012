"""Per-table outputs kept between runs: a table whose inputs did not change is not rendered again.

A fragment is the text one template made from one context (or a target made from one table),
kept under the digest of exactly what made it: dvgen's code and templates and the target's
settings (the scope, see ``scope``), the template's name, and the context's ``repr``. The
context a target builds for a table holds everything its text takes from other tables (related
tables' entity set names and keys, navigation partners, global choices, the names the set
claims), so a change elsewhere that reaches the table changes its key, and one that does not
reaches nothing. Only rendering is saved: a target still builds every context, which is cheap
beside the template. Warnings are never cached here: they come from building contexts (the
SQL target's blocks keep theirs with their claims: ``targets.sql.blocks``).

A target's fragments are one cache entry, its pack: one file read and one written per run
rather than one per table.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dvgen.cache import Cache, digest
from dvgen.model import Table

if TYPE_CHECKING:
    from dvgen.render import Template
    from dvgen.targets import Target

KIND = "fragments"


class Fragments:
    """The fragments of one target: one cache entry (a pack, read once, written once) holding
    the fragments the last run used, under their keys. ``finish`` writes the pack when the run
    made or dropped any (so a fragment the run did not use is pruned)."""

    def __init__(self, cache: Cache, target: str, scope: str) -> None:
        self.cache = cache
        self.pack = pack_key(target)
        self.scope = scope.encode()
        self.found: dict[str, Any] | None = None
        self.used: dict[str, Any] = {}
        self.rendered = 0

    def key(self, name: str, inputs: str) -> str:
        """The key of what ``name`` (a template, a kind of entry) makes from ``inputs``."""
        return digest(self.scope, name.encode(), inputs.encode())

    def get(self, key: str) -> Any:
        """The fragment under ``key`` (None when there is none); the run keeps it."""
        if self.cache.root is None:
            return None
        if self.found is None:
            pack = self.cache.get(KIND, self.pack)
            self.found = pack if isinstance(pack, dict) else {}
        value = self.used.get(key)
        if value is None:
            value = self.found.pop(key, None)  # held once: by ``used`` from now on
            if value is not None:
                self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Keep ``value``, made this run, under ``key``."""
        self.rendered += 1
        self.hold(key, value)

    def hold(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key``: made this run, or one found made into another type
        (so that the text is held once)."""
        if self.cache.root is not None:  # without a cache, no run reads it: hold nothing
            self.used[key] = value

    def text(self, name: str, inputs: str, make: Callable[[], str]) -> str:
        """``make()``, or the text it made before from the same ``inputs`` (a ``repr``)."""
        key = self.key(name, inputs)
        found = self.get(key)
        if isinstance(found, str):
            return found
        text = make()
        self.put(key, text)
        return text

    def template(self, template: Template, **context: Any) -> str:
        """``template(**context)``, kept under the template's name and the context's repr."""
        inputs = repr(sorted(context.items()))
        return self.text(template.inner.name or "", inputs, lambda: template(**context))

    def finish(self) -> None:
        """Write the pack: the fragments this run used, when it made or dropped any."""
        if self.rendered or self.found:  # made some, or some left unused
            self.cache.put(KIND, self.pack, self.used)


def fragments(target: Target) -> Fragments:
    """The fragment store of ``target``, under its run's cache (none with ``--no-cache``)."""
    return Fragments(_cache(target), target.name, scope(target))


def kept_before(targets: list[Target]) -> bool:
    """Whether the cache holds fragments of every target: most of a run will then be read,
    not rendered, and sharing the targets out between processes would cost more (a second
    copy of the set) than it saves."""
    return bool(targets) and all(_cache(t).has(KIND, pack_key(t.name)) for t in targets)


def pack_key(target: str) -> str:
    """The key of the entry holding a target's fragments."""
    return digest(KIND.encode(), target.encode())


def _cache(target: Target) -> Cache:
    return Cache(target.config.cache_dir if target.config.cache else None)


def scope(target: Target) -> str:
    """What every fragment of ``target`` depends on beyond its context: dvgen's code, the
    templates (their folders and content), the settings that change output."""
    from dvgen.cache import fingerprint
    from dvgen.pipeline import output_settings, template_dirs

    folders = template_dirs(target.config)
    return digest(
        fingerprint(folders).encode(),
        str([str(folder.resolve()) for folder in folders]).encode(),
        target.name.encode(),
        output_settings(target.config).encode(),
    )


_DIGESTS: dict[int, tuple[weakref.ref[Table], str]] = {}


def table_digest(table: Table) -> str:
    """A digest of everything in ``table``, locations included (``repr`` leaves them out, and
    a target's warnings name them): computed once per table object, shared by the targets."""
    found = _DIGESTS.get(id(table))
    if found is not None and found[0]() is table:
        return found[1]
    locations = (table.loc, [column.loc for column in table.columns])
    value = digest(repr(table).encode(), repr(locations).encode())
    _DIGESTS[id(table)] = (weakref.ref(table), value)
    weakref.finalize(table, _DIGESTS.pop, id(table), None)
    return value
