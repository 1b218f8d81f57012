"""Targets: context builders and type tables; each renders the table set into files."""

from __future__ import annotations

import abc
from pathlib import PurePosixPath
from typing import ClassVar

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet


class Target(abc.ABC):
    """One output: a folder under OUT it owns, the file patterns it owns there, a renderer."""

    name: ClassVar[str]
    folder: ClassVar[str]
    patterns: ClassVar[tuple[str, ...]]
    """Files this target owns, as patterns matched against the path within ``folder``."""

    def __init__(self, config: Config) -> None:
        self.config = config

    @abc.abstractmethod
    def render(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        """File path within ``folder`` -> text."""

    def owns(self, path: str) -> bool:
        """Whether ``path`` (relative to OUT) is a file this target writes or may delete."""
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] != self.folder:
            return False
        inner = PurePosixPath(*parts[1:])
        return any(inner.match(pattern) for pattern in self.patterns)


def registry() -> dict[str, type[Target]]:
    """Every target by name, in the order they render (imports here keep start-up fast)."""
    from dvgen.targets.model_yaml import ModelTarget

    return {
        "model": ModelTarget,
    }
