"""One change between two versions of a table, as a typed record."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from dvgen.evolve.rules import RULES, Rule


@dataclass(frozen=True, slots=True)
class Change:
    """``path`` locates what changed inside ``table`` by the canonical YAML's keys, list items
    by their name (``("columns", "name", "max_length")``); an empty path is the table itself.
    ``old``/``new`` are canonical data (None: absent)."""

    table: str
    path: tuple[str, ...]
    rule: str
    old: Any = None
    new: Any = None
    loc: str = field(default="", compare=False)
    """The ``file:line`` to read the change at (``diff._located``): where the current specs
    state what changed, else where the old model held what is gone; never compared."""

    @property
    def kind(self) -> Rule:
        return RULES[self.rule]

    @property
    def breaking(self) -> bool:
        return self.kind.breaking

    @property
    def column(self) -> str | None:
        """The column the change is in, if any (what an allow-list entry names)."""
        return self.path[1] if len(self.path) >= 2 and self.path[0] == "columns" else None

    @property
    def where(self) -> str:
        return ".".join((self.table, *self.path))

    def text(self) -> str:
        """One line: ``breaking column-removed appnotification.columns.expireson``."""
        label = "breaking" if self.breaking else "safe"
        line = f"{label:8} {self.rule:24} {self.where}"
        if self.old is not None and self.new is not None:
            line += f": {_short(self.old)} -> {_short(self.new)}"
        return line

    def data(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "path": list(self.path),
            "rule": self.rule,
            "breaking": self.breaking,
            "old": self.old,
            "new": self.new,
            "loc": self.loc,
        }


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."
