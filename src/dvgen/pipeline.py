"""specs -> parse -> resolve -> targets -> ``{path: text}``: the whole generation, in memory."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location, SpecError, fatal
from dvgen.model import Spec, TableSet
from dvgen.parse import SPEC_SUFFIXES, parse_spec
from dvgen.resolve import resolve
from dvgen.targets import Target, registry

Progress = Callable[[str, int, int], None]
"""(stage, done, total) callback for a progress display."""


@dataclass(slots=True)
class Generation:
    files: dict[str, str]
    """Path relative to OUT -> text."""
    targets: list[Target]
    tables: TableSet
    timings: dict[str, float] = field(default_factory=dict)

    def owns(self, path: str) -> bool:
        return any(target.owns(path) for target in self.targets)

    @property
    def folders(self) -> list[str]:
        return [target.folder for target in self.targets]


def spec_files(specs: Path) -> list[Path]:
    """The spec files of a folder, in a stable order (top level, by name)."""
    if not specs.is_dir():
        raise fatal(Location(str(specs)), "specs folder not found")
    return sorted(
        (p for p in specs.iterdir() if p.is_file() and p.suffix.lower() in SPEC_SUFFIXES),
        key=lambda p: p.name,
    )


def select_targets(config: Config) -> list[Target]:
    known = registry()
    names = config.targets or tuple(known)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise fatal(
            Location("--target"), f"unknown target {unknown[0]!r} (known: {', '.join(known)})"
        )
    return [known[name](config) for name in known if name in names]


def parse_all(
    paths: list[Path], diagnostics: Diagnostics, progress: Progress | None = None
) -> list[Spec]:
    tables: list[Spec] = []
    for done, path in enumerate(paths, 1):
        table, found = parse_spec(str(path), path.read_bytes())
        diagnostics.extend(found)
        if table is not None:
            tables.append(table)
        if progress is not None:
            progress("parse", done, len(paths))
    return tables


def generate(
    config: Config, diagnostics: Diagnostics, progress: Progress | None = None
) -> Generation:
    """Render every selected target; raises SpecError when any spec has an error."""
    targets = select_targets(config)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    paths = spec_files(config.specs)
    tables = parse_all(paths, diagnostics, progress)
    timings["parse"] = time.perf_counter() - start
    start = time.perf_counter()
    table_set = resolve(tables, diagnostics)
    timings["resolve"] = time.perf_counter() - start
    if diagnostics.has_errors:
        raise SpecError(diagnostics.sorted())
    files: dict[str, str] = {}
    for target in targets:
        start = time.perf_counter()
        for rel, text in target.render(table_set, diagnostics).items():
            files[f"{target.folder}/{rel}"] = text
        timings[target.name] = time.perf_counter() - start
    if diagnostics.has_errors:
        raise SpecError(diagnostics.sorted())
    return Generation(dict(sorted(files.items())), targets, table_set, timings)
