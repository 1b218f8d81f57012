"""Targets: context builders and type tables; each renders the table set into files."""

from __future__ import annotations

import abc
import importlib
from typing import TYPE_CHECKING, ClassVar

from dvgen import collector
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics

if TYPE_CHECKING:
    from dvgen.model import TableSet


class Target(abc.ABC):
    """One output: a folder under OUT it owns, the file patterns it owns there, a renderer."""

    name: ClassVar[str]
    folder: ClassVar[str]
    patterns: tuple[str, ...]
    """Files this target owns, as patterns matched against the whole path within ``folder``
    (a target may narrow them from its settings)."""
    weight: ClassVar[float] = 1.0
    """Rendering time relative to the other targets, from scratch (see ``cost``); dvgen's
    targets give their processor seconds at 1,000 tables (``bench/targets.py``)."""
    kept_weight: ClassVar[float] = 1.0
    """The same when the cache keeps the target's fragments (a run after one change)."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def render(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        """File path within ``folder`` -> text (``files``), the collector paused meanwhile: a
        target makes a context per table and holds them, and makes no garbage in cycles
        worth collecting before it returns, while each collection would walk all it holds
        (measured at 1,000 tables, cold, in CPU time: the SQL target 2.0 s instead of 3.3 s,
        OData 0.6 s instead of 0.7 s, the same peak memory)."""
        with collector.paused():
            return self.files(tables, diagnostics)

    @abc.abstractmethod
    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        """File path within ``folder`` -> text."""

    @classmethod
    def owned_patterns(cls, config: Config) -> tuple[str, ...]:
        """Every file this target may write, whatever the settings select: what a run owns in
        ``folder`` (a one-off ``--dialect`` on the command line may narrow it)."""
        return cls.patterns

    def check_settings(self, diagnostics: Diagnostics) -> None:
        """Report this target's invalid settings, before any spec is read (none by default)."""
        return

    def cost(self, kept: bool = False) -> float:
        """Rendering time relative to other targets, to share them out between processes
        (``kept``: the cache keeps the target's fragments)."""
        return self.kept_weight if kept else self.weight


TARGETS: dict[str, str] = {
    "model": "dvgen.targets.model.target:ModelTarget",
    "jsonschema": "dvgen.targets.jsonschema.target:JsonSchemaTarget",
    "pydantic": "dvgen.targets.pydantic.target:PydanticTarget",
    "sql": "dvgen.targets.sql.target:SqlTarget",
    "odata": "dvgen.targets.odata.target:ODataTarget",
}
"""Every target by name, in the order they render; a target's module loads when it is used."""


def load_target(name: str) -> type[Target]:
    module, _, attribute = TARGETS[name].partition(":")
    target: type[Target] = getattr(importlib.import_module(module), attribute)
    return target


def registry() -> dict[str, type[Target]]:
    """Every target class by name, in render order (loads every target module)."""
    return {name: load_target(name) for name in TARGETS}
