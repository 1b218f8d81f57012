"""The allow list: breaking changes acknowledged in ``[[tool.dvgen.breaking.allow]]``.

An entry names a table, a rule, a reason and optionally a column; it acknowledges every
change of that rule in that table (in that column, when it names one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dvgen.diagnostics import Location, SpecError, fatal
from dvgen.evolve.changes import Change
from dvgen.evolve.rules import unknown_rule

SECTION = "[[tool.dvgen.breaking.allow]]"
_KEYS = {"table": True, "column": False, "rule": True, "reason": True}
"""Each key of an entry, and whether it is required."""


@dataclass(frozen=True, slots=True)
class Allowance:
    table: str
    rule: str
    reason: str
    column: str | None = None

    def covers(self, change: Change) -> bool:
        return (
            change.table == self.table
            and change.rule == self.rule
            and (self.column is None or change.column == self.column)
        )


def read_allow_list(section: Any, where: Location) -> tuple[Allowance, ...]:
    """``[tool.dvgen.breaking]`` (a table holding ``allow``, a list of tables), checked."""
    if not isinstance(section, dict) or set(section) - {"allow"}:
        raise fatal(where, f"[tool.dvgen.breaking]: holds only 'allow' entries ({SECTION})")
    entries = section.get("allow", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise fatal(where, f"{SECTION}: must be a list of tables")
    return tuple(_entry(entry, n, where) for n, entry in enumerate(entries, 1))


def _entry(entry: dict[str, Any], number: int, where: Location) -> Allowance:
    def problem(message: str) -> SpecError:
        return fatal(where, f"{SECTION} entry {number}: {message}")

    for key in entry:
        if key not in _KEYS:
            raise problem(f"unknown key {key!r} (known: {', '.join(_KEYS)})")
    for key, needed in _KEYS.items():
        value = entry.get(key)
        if value is None and not needed:
            continue
        if not isinstance(value, str) or not value.strip():
            raise problem(f"{key} must be a non-empty string")
    unknown = unknown_rule(entry["rule"])
    if unknown is not None:
        raise problem(unknown)
    return Allowance(entry["table"], entry["rule"], entry["reason"], entry.get("column"))


def acknowledgement(change: Change) -> str:
    """The TOML entry that acknowledges ``change``."""
    lines = [SECTION, f"table = {_toml(change.table)}"]
    if change.column is not None:
        lines.append(f"column = {_toml(change.column)}")
    lines += [f"rule = {_toml(change.rule)}", 'reason = "why clients can take this change"']
    return "\n".join(lines) + "\n"


def _toml(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'
