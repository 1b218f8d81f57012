"""The digest of a table: everything in it, locations included, made cheap by the cache.

A table's digest keys its per-table fragments (the model target's YAML, the SQL target's plans),
so it must change whenever anything in the table does, locations included (``repr`` leaves them
out, and a target's warnings name them). Made from the ``repr`` of every table, it took 0.37 s
at 1,000 tables after each change. Most of a table is its columns and relationships, and
resolving keeps most of them as the parse made them (95% of the columns and 87% of the
relationships at 1,000 tables): so a table's digest is made of one digest per column, message
and relationship (``part_digest``) and of the rest of the table, and a table read from the
cache arrives with its parts' digests, written with it (``carried``, ``restore``: see
``cachecodec.carry``). Only the parts that resolving made anew are digested again (0.06-0.09 s
for the set). A table no cache has seen (``--no-cache``, or rendered in a worker process)
costs more than one ``repr`` did: every part digested on its own, about 1.4 times as long.
"""

from __future__ import annotations

import hashlib
import weakref
from typing import Any

from dvgen.hashing import digest
from dvgen.model import Table

PART_DIGEST = 16
"""Bytes of a part's digest (BLAKE2b; 32 characters in hex): 60,000 of them are held and
written at 1,000 tables."""
_KNOWN: dict[int, str] = {}
"""id(part) -> its digest, for the parts of the tables written to the cache or read from it.
Each part is held while it is here (by its table's finalizer: so its id names no other
object), and dropped with its table."""
_PARTS = ("columns", "messages", "events")
"""The fields of a table whose items are parts (its relationships' are too)."""
_OWN = tuple(name for name in Table.__dataclass_fields__ if name not in ("relationships", *_PARTS))


def _parts(table: Table) -> tuple[Any, ...]:
    rel = table.relationships
    return (
        *table.columns,
        *table.messages,
        *table.events,
        *rel.many_to_one,
        *rel.one_to_many,
        *rel.many_to_many,
    )


def part_digest(part: Any) -> str:
    """The digest of a column, a message or a relationship (its ``repr``, and its location
    when it has one)."""
    found = _KNOWN.get(id(part))
    if found is not None:
        return found
    text = f"{part!r}\n{getattr(part, 'loc', None)!r}"  # a repr is one line
    return hashlib.blake2b(text.encode(), digest_size=PART_DIGEST).hexdigest()


def table_digest(table: Table) -> str:
    """A digest of everything in ``table``: its own fields (``loc`` included), how many parts
    of each kind it has, and each part's digest in order (all of one length)."""
    rel = table.relationships
    kinds = (table.columns, table.messages, table.events, rel.many_to_one, rel.one_to_many)
    own = repr(([len(kind) for kind in kinds], [getattr(table, name) for name in _OWN]))
    parts = "".join([part_digest(part) for part in _parts(table)])
    return digest(own.encode(), parts.encode())


def carried(table: Table) -> list[str]:
    """What the cache writes with a table: its parts' digests, in order (known from now on
    for this table's parts, as ``restore`` makes them known for a table read back)."""
    parts = _parts(table)
    found = [part_digest(part) for part in parts]
    _remember(table, parts, found)
    return found


def restore(table: Table, digests: Any) -> None:
    """Take the digests ``carried`` wrote for ``table``, just read."""
    parts = _parts(table)
    if type(digests) is not list or len(digests) != len(parts):
        raise ValueError(f"{len(parts)} digests expected with table {table.logical_name!r}")
    if not all(type(found) is str and len(found) == 2 * PART_DIGEST for found in digests):
        raise ValueError(f"no digests: {digests!r:.60}")
    _remember(table, parts, digests)


def _remember(table: Table, parts: tuple[Any, ...], digests: list[str]) -> None:
    """Each part's digest known until ``table`` is freed (its finalizer holds the parts)."""
    _KNOWN.update(zip(map(id, parts), digests, strict=True))
    weakref.finalize(table, _forget, parts).atexit = False


def _forget(parts: tuple[Any, ...]) -> None:
    for part in parts:
        _KNOWN.pop(id(part), None)
