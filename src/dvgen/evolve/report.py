"""Changes as text or JSON, and the breaking-change gate's verdict."""

from __future__ import annotations

import json
from collections.abc import Sequence

from dvgen.evolve.allow import Allowance, acknowledgement
from dvgen.evolve.changes import Change


def as_text(changes: Sequence[Change]) -> str:
    """Per table, one line a change; the table's own changes first."""
    if not changes:
        return "no change\n"
    lines: list[str] = []
    table = None
    for change in changes:
        if change.table != table:
            table = change.table
            lines.append(f"{table}:")
        lines.append("  " + change.text())
    breaking = sum(c.breaking for c in changes)
    lines.append(f"{len(changes)} change(s), {breaking} breaking")
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[Change]) -> str:
    data = {
        "changes": [c.data() for c in changes],
        "breaking": sum(c.breaking for c in changes),
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, default=str) + "\n"


def unacknowledged(changes: Sequence[Change], allow: Sequence[Allowance]) -> list[Change]:
    """The breaking changes no allow-list entry covers."""
    return [c for c in changes if c.breaking and not any(a.covers(c) for a in allow)]


def gate_text(problems: Sequence[Change], ref: str) -> str:
    """What fails the gate, and the TOML that acknowledges each change."""
    lines = [f"breaking change(s) since {ref}, not acknowledged:"]
    lines += [f"  {_at(c)}{c.rule}: {c.where} ({c.kind.reason})" for c in problems]
    lines.append("")
    lines.append("To accept them, add to [tool.dvgen] in pyproject.toml (say why in reason):")
    lines.append("")
    entries = dict.fromkeys(acknowledgement(c) for c in problems)
    lines.append("\n".join(entries).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _at(change: Change) -> str:
    """``file:line: `` before a change's line, when the change has a place."""
    return f"{change.loc}: " if change.loc else ""
