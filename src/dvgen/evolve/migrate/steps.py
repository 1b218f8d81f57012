"""A migration as steps: each a titled list of statements, destructive or not."""

from __future__ import annotations

from dataclasses import dataclass, field

from dvgen.targets.sql.context import comment_text
from dvgen.targets.sql.names import SqlText


@dataclass(slots=True)
class Step:
    title: SqlText
    """A ``--`` comment line's text (escaped)."""
    statements: list[SqlText] = field(default_factory=list)
    destructive: SqlText | None = None
    """What this step destroys or narrows, in a few words; None: nothing."""


def step(title: str, *statements: str, destructive: bool = False) -> Step:
    """A step whose title is said in the destructive list too when it is destructive."""
    text = comment_text(title)
    return Step(text, [SqlText(s) for s in statements], text if destructive else None)


@dataclass(slots=True)
class Migration:
    steps: list[Step]
    preamble: list[SqlText] = field(default_factory=list)
    postamble: list[SqlText] = field(default_factory=list)

    @property
    def destructive(self) -> list[SqlText]:
        return [s.destructive for s in self.steps if s.destructive is not None]
