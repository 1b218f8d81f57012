"""Diagnostics: collected, located, printed as ``file:line: severity: message``."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    INFO = 0
    """Expected and harmless (a related table outside the set, say): shown with --verbose."""
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


CLIP = 80
"""Characters of echoed input shown in a message; the rest is counted."""


def clip(text: str, limit: int = CLIP) -> str:
    """``text`` cut to ``limit`` characters, the rest counted: echoed input stays short (a
    value in a spec may be megabytes long)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit} more characters)"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a spec file: path as the user gave it, 1-based line (0 = whole file)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def at(self, line: int) -> Location:
        return Location(self.path, line)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    location: Location
    message: str
    code: str = ""
    """A short kebab-case name of the kind of warning (``lookup-target-unknown``), by which
    it can be silenced (``--ignore``, ``ignore = [...]``); errors need none."""

    def __str__(self) -> str:
        suffix = f" [{self.code}]" if self.code else ""
        return f"{self.location}: {self.severity}: {self.message}{suffix}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, -self.severity, self.message)


@dataclass(slots=True)
class Diagnostics:
    """An ordered, append-only collection of diagnostics for one run or one file."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.items.append(Diagnostic(Severity.ERROR, location, message))

    def warning(self, location: Location, message: str, code: str) -> None:
        self.items.append(Diagnostic(Severity.WARNING, location, message, code))

    def info(self, location: Location, message: str, code: str) -> None:
        self.items.append(Diagnostic(Severity.INFO, location, message, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=lambda d: d.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class SpecError(Exception):
    """Raised to abandon one spec file; carries the diagnostics gathered so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def listing(items: list[str], limit: int = 8) -> str:
    """``a, b, c and 5 more``: names in a message, at most ``limit`` of them."""
    shown = ", ".join(items[:limit])
    more = len(items) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def fatal(location: Location, message: str) -> SpecError:
    """A SpecError holding a single error."""
    return SpecError([Diagnostic(Severity.ERROR, location, message)])


UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
"""The byte-order marks of UTF-16, which Windows PowerShell 5 writes a redirect (``>``) in."""


def not_utf8(data: bytes, error: UnicodeDecodeError) -> tuple[int, str]:
    """The line and the message of a file that is no UTF-8 text: UTF-16 by its byte-order mark,
    else the first byte that cannot be decoded."""
    if data[:2] in UTF16_MARKS:
        mark = data[:2].hex(" ")
        return 1, f"not UTF-8 text but UTF-16 (byte-order mark {mark}): save the file as UTF-8"
    byte = data[error.start : error.start + 1].hex()
    line = data.count(b"\n", 0, error.start) + 1
    return line, f"not UTF-8 text: byte 0x{byte} at offset {error.start} cannot be decoded"
