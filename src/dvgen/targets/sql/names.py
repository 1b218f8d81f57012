"""SQL names and text: ``SqlText`` (SQL ready to write), a quoted identifier value type and the
namespaces that hand identifiers out.

Every identifier is quoted, so keywords (``user``, ``order``, ``from``, ``key``) need no
renaming. A name is changed only when quoting cannot save it: longer than the dialect allows
(shortened to a prefix plus a hash of the whole name, so it is deterministic and never collides
with a shortening of another name), a name the dialect keeps for itself (PostgreSQL's system
columns, SQLite's ``sqlite_`` tables), or a clash with a name already taken in the namespace
(identifiers are case-insensitive in SQLite and SQL Server).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

_HASH_LENGTH = 8


class SqlText(str):
    """SQL written into a script as it is: an escaped literal, a quoted identifier, a comment
    made safe, a type or a whole clause. Text from a spec becomes one only through a dialect's
    escaping (``Dialect.string``, ``Dialect.comment``), so a template prints nothing else: what
    a template receives as ``SqlText`` is already inert, whatever the spec said."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class SqlIdentifier:
    """A name as it is in the database, and how one dialect writes it in a statement."""

    name: str
    opening: str = '"'
    closing: str = '"'

    @property
    def quoted(self) -> SqlText:
        return SqlText(
            self.opening + self.name.replace(self.closing, self.closing * 2) + self.closing
        )

    def __str__(self) -> str:
        return self.quoted


@dataclass(frozen=True, slots=True)
class NameRules:
    """What a dialect allows in a name: its quotes, its length limit, the names it keeps."""

    opening: str = '"'
    closing: str = '"'
    max_length: int | None = None
    """In UTF-8 bytes; None means no limit."""
    case_insensitive: bool = False
    reserved: frozenset[str] = frozenset()
    """Names that cannot be used even when quoted (compared case-insensitively)."""
    reserved_prefixes: tuple[str, ...] = ()


def _digest(name: str, attempt: int) -> str:
    text = name if attempt == 0 else f"{name}#{attempt}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HASH_LENGTH]


def _fit(name: str, limit: int | None) -> str:
    """``name`` cut to ``limit`` UTF-8 bytes, whole characters only."""
    if limit is None:
        return name
    return name.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def _size(name: str) -> int:
    """``name``'s length in UTF-8 bytes (its length when it is ASCII: no encoding)."""
    return len(name) if name.isascii() else len(name.encode("utf-8"))


@dataclass(slots=True)
class Namespace:
    """Names that must be distinct from each other (the tables of a schema, the columns of one
    table), handed out in a deterministic order: the same requests give the same names."""

    rules: NameRules
    taken: set[str] = field(default_factory=set)

    def _key(self, name: str) -> str:
        return name.casefold() if self.rules.case_insensitive else name

    def problem(self, name: str) -> str | None:
        """Why ``name`` cannot be used as it is, or None."""
        return self._problem(name, name.casefold())

    def _problem(self, name: str, folded: str) -> str | None:
        rules = self.rules
        limit = rules.max_length
        if limit is not None and _size(name) > limit:
            return f"longer than {limit} bytes"
        if folded in rules.reserved or (
            rules.reserved_prefixes and folded.startswith(rules.reserved_prefixes)
        ):
            return "a name the database keeps for itself"
        if (folded if rules.case_insensitive else name) in self.taken:
            return "already taken" + (" (names ignore case)" if rules.case_insensitive else "")
        return None

    def _candidates(self, name: str) -> Iterator[str]:
        """The variants of ``name`` it cannot be itself (see the module doc)."""
        limit = self.rules.max_length
        room = None if limit is None else limit - _HASH_LENGTH - 1
        prefix = _fit(name, room).rstrip("_") or "x"
        if prefix.casefold().startswith(self.rules.reserved_prefixes):
            prefix = _fit("x" + prefix, room)
        for attempt in range(100):
            yield f"{prefix}_{_digest(name, attempt)}"

    def claim(self, name: str) -> SqlIdentifier:
        """The identifier for ``name``: itself when usable, else a deterministic variant."""
        return self.claim_checked(name)[0]

    def claim_checked(self, name: str) -> tuple[SqlIdentifier, str | None]:
        """``claim(name)``, and why ``name`` itself could not be used (``problem``, None when
        it is): each candidate is checked once (a schema claims 150,000 names at 1,000
        tables)."""
        rules = self.rules
        folded = name.casefold()
        first = self._problem(name, folded)
        if first is None:
            self.taken.add(folded if rules.case_insensitive else name)
            return SqlIdentifier(name, rules.opening, rules.closing), None
        for candidate in self._candidates(name):
            folded = candidate.casefold()
            if self._problem(candidate, folded) is None:
                self.taken.add(folded if rules.case_insensitive else candidate)
                return SqlIdentifier(candidate, rules.opening, rules.closing), first
        raise ValueError(f"no usable SQL name for {name!r}")  # pragma: no cover - 100 hashes

    def claim_all(self, names: Sequence[str]) -> list[tuple[SqlIdentifier, str | None]]:
        """``claim_checked`` of each name, in order. When the names are distinct and each is
        usable as it is (``_problem``), each gets itself, and the namespace takes them at once
        (a table's columns: 35,000 names per dialect at 1,000 tables)."""
        rules = self.rules
        if self._claim_as_they_are(names):
            return [(SqlIdentifier(name, rules.opening, rules.closing), None) for name in names]
        return [self.claim_checked(name) for name in names]

    def claim_names(self, names: Sequence[str]) -> list[str]:
        """The names ``claim_all`` gives (each identifier's ``name``), without making the
        identifiers: a run after one change claims a schema's 60,000 constraint names again
        only to compare them with the names they got before (``quoted_all``)."""
        if self._claim_as_they_are(names):
            return list(names)
        return [self.claim_checked(name)[0].name for name in names]

    def quoted_all(self, names: Iterable[str]) -> list[str]:
        """Each name as its identifier writes it (``SqlIdentifier.quoted``)."""
        opening, closing = self.rules.opening, self.rules.closing
        doubled = closing * 2
        return [opening + name.replace(closing, doubled) + closing for name in names]

    def _claim_as_they_are(self, names: Sequence[str]) -> bool:
        """Take the names as they are when they are distinct and each is usable as it is
        (True); else take none (False)."""
        folded = [name.casefold() for name in names]
        keys = folded if self.rules.case_insensitive else list(names)
        if len(set(keys)) == len(keys) and self._all_usable(names, folded, keys):
            self.taken.update(keys)
            return True
        return False

    def _all_usable(self, names: Sequence[str], folded: list[str], keys: list[str]) -> bool:
        """Whether no name has a ``_problem``, tested for all of them at once (by set and
        C-level operations: a call of ``_problem`` per name took a third of the SQL
        target's run after one change)."""
        rules = self.rules
        limit = rules.max_length
        if limit is not None and names:
            ascii_only = all(map(str.isascii, names))
            if (max(map(len, names)) if ascii_only else max(map(_size, names))) > limit:
                return False
        if not rules.reserved.isdisjoint(folded) or not self.taken.isdisjoint(keys):
            return False
        prefixes = rules.reserved_prefixes
        return not (prefixes and any(name.startswith(prefixes) for name in folded))
