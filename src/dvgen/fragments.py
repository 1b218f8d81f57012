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

A target's fragments are two cache entries, its pack and the pack's delta: two files read per
run rather than one per table. A run that made or dropped a few fragments writes only the delta
(what it made, and what of the pack it did not use), not the whole pack again (80 MB over all
targets at 1,000 tables: 0.5 s); once the delta holds more than ``COMPACT`` of the fragments,
the run writes the pack again, whole, and an empty delta.
"""

from __future__ import annotations

import secrets
import weakref
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeGuard

from dvgen import digests
from dvgen.cache import Cache
from dvgen.hashing import digest
from dvgen.model import Table

if TYPE_CHECKING:
    from dvgen.render import Template
    from dvgen.targets import Target

KIND = "fragments"
COMPACT = 0.25
"""The share of a run's fragments that its delta may hold before the pack is written again."""
Pack = tuple[str, dict[str, Any]]
"""A pack: its token (new each time it is written whole) and the fragments under their keys."""
Delta = tuple[str, dict[str, Any], tuple[str, ...]]
"""A delta: the token of the pack it applies to, the fragments made since, the keys dropped."""


class Fragments:
    """The fragments of one target: its pack and delta (read once, on first use) holding the
    fragments the last run used, under their keys. ``finish`` writes what the run made or
    dropped (so a fragment the run did not use is pruned)."""

    def __init__(self, cache: Cache, target: str, scope: str) -> None:
        self.cache = cache
        self.pack = pack_key(target)
        self.delta = delta_key(target)
        self.scope = scope.encode()
        self.token: str | None = None
        """The token of the pack read, None when there was none."""
        self.packed: frozenset[str] = frozenset()
        """The keys the pack read holds (dropped ones too)."""
        self.found: dict[str, Any] | None = None
        self.used: dict[str, Any] = {}
        self.made: set[str] = set()
        self.rendered = 0

    @property
    def keeping(self) -> bool:
        """Whether this run has a cache: without one (``--no-cache``) no run reads what it
        keeps, so nothing is held and no key is worth making."""
        return self.cache.root is not None

    def key(self, name: str, inputs: str) -> str:
        """The key of what ``name`` (a template, a kind of entry) makes from ``inputs``."""
        return digest(self.scope, name.encode(), inputs.encode())

    def load(self) -> dict[str, Any]:
        """The fragments the last run left: the pack, with its delta applied when the delta
        was made for this pack (its token), else the pack alone."""
        if self.found is None:
            pack = self.cache.get(KIND, self.pack)
            if not _is_pack(pack):
                self.found = {}
                return self.found
            self.token, self.found = pack
            self.packed = frozenset(self.found)
            delta = self.cache.get(KIND, self.delta)
            if _is_delta(delta) and delta[0] == self.token:
                for gone in delta[2]:
                    self.found.pop(gone, None)
                self.found.update(delta[1])
        return self.found

    def get(self, key: str) -> Any:
        """The fragment under ``key`` (None when there is none); the run keeps it."""
        if not self.keeping:
            return None
        found = self.load()
        value = self.used.get(key)
        if value is None:
            value = found.pop(key, None)  # held once: by ``used`` from now on
            if value is not None:
                self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Keep ``value``, made this run, under ``key``."""
        self.rendered += 1
        self.made.add(key)
        self.hold(key, value)

    def hold(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key``: made this run, or one found made into another type
        (so that the text is held once)."""
        if self.keeping:
            self.used[key] = value

    def text(self, name: str, inputs: str | Callable[[], str], make: Callable[[], str]) -> str:
        """``make()``, or the text it made before from the same ``inputs`` (a ``repr``, or
        what makes it). Without a cache (``--no-cache``) no key is made: nothing would read
        it (at 1,000 tables, the tables' digests and the contexts' ``repr``: 0.5 s)."""
        if not self.keeping:
            return make()
        key = self.key(name, inputs if isinstance(inputs, str) else inputs())
        found = self.get(key)
        if isinstance(found, str):
            return found
        text = make()
        self.put(key, text)
        return text

    def template(self, template: Template, **context: Any) -> str:
        """``template(**context)``, kept under the template's name and the context's repr."""
        inputs = partial(_context_repr, context)
        return self.text(template.inner.name or "", inputs, lambda: template(**context))

    def finish(self) -> None:
        """Write what changed, when the run made some fragment or left some unused: the delta
        from the pack read, or, when that would hold more than ``COMPACT`` of the fragments
        (or there is no pack), the pack whole (a new token) and an empty delta."""
        if not (self.rendered or self.found):  # made none, and used all it found
            return
        new = {k: v for k, v in self.used.items() if k in self.made or k not in self.packed}
        gone = tuple(sorted(self.packed - self.used.keys()))
        if self.token is not None and len(new) + len(gone) <= COMPACT * len(self.used):
            self.cache.put(KIND, self.delta, (self.token, new, gone))
            return
        token = secrets.token_hex(8)
        self.cache.put(KIND, self.pack, (token, self.used))
        self.cache.put(KIND, self.delta, (token, {}, ()))


def _context_repr(context: dict[str, Any]) -> str:
    return repr(sorted(context.items()))


def _is_pack(value: Any) -> TypeGuard[Pack]:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], dict)
    )


def _is_delta(value: Any) -> TypeGuard[Delta]:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], str)
        and isinstance(value[1], dict)
        and isinstance(value[2], tuple)
    )


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


def delta_key(target: str) -> str:
    """The key of the entry holding what changed since a target's pack was written."""
    return digest(KIND.encode(), target.encode(), b"delta")


def _cache(target: Target) -> Cache:
    return Cache(target.config.cache_dir if target.config.cache else None)


def scope(target: Target) -> str:
    """What every fragment of ``target`` depends on beyond its context: dvgen's code, the
    templates (their folders and content), the settings that change output."""
    from dvgen.cache import fingerprint
    from dvgen.runkey import output_settings, template_dirs

    folders = template_dirs(target.config)
    return digest(
        fingerprint(folders).encode(),
        str([str(folder.resolve()) for folder in folders]).encode(),
        target.name.encode(),
        output_settings(target.config).encode(),
    )


_DIGESTS: dict[int, tuple[weakref.ref[Table], str]] = {}


def table_digest(table: Table) -> str:
    """A digest of everything in ``table``, locations included (``digests``: most of it
    arrives from the cache with the table's parse): computed once per table object, shared by
    the targets."""
    found = _DIGESTS.get(id(table))
    if found is not None and found[0]() is table:
        return found[1]
    value = digests.table_digest(table)
    _DIGESTS[id(table)] = (weakref.ref(table), value)
    weakref.finalize(table, _DIGESTS.pop, id(table), None)
    return value
