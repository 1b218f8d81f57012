"""The spec files of a specs folder: which files they are, their one name, their bytes read once.

Kept apart from the pipeline: a run with nothing changed knows its specs by their stats
(``specstats``) before it imports anything of the model or the readers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dvgen.diagnostics import Diagnostic, Location, Severity, SpecError, fatal

SPEC_SUFFIXES = (".md", ".yaml", ".yml")
HIDDEN = "."
"""How the name of a file or folder of the specs folder that is no input starts: a tool's own
(``.pre-commit-config.yaml`` in a project whose specs folder is its root, ``.github``) or
macOS's (``._account.md``, the AppleDouble file a copy to a shared drive adds beside a page)."""
MODEL_FILE_START = "# dvgen canonical model of table "
"""How a model file dvgen writes begins (``targets.model``'s ``HEADER``): such a file in the specs
folder is dvgen's output read back, not a spec written by hand."""
ZIP_SUFFIX = ".zip"
"""An exported solution, read as one unit (``solution.units``)."""
MAX_SPEC = 8_000_000
"""Bytes above which a spec file is refused, unread: four times the largest real page
(``parse.LARGEST_PAGE``; a page just under it parses in about 1.1 s with 140 MB; the 50 MB page
of issue 9 took 138 s)."""


@dataclass(frozen=True, slots=True)
class SpecFile:
    path: Path
    data: bytes
    stat: tuple[int, int] | None = None
    """(size, mtime_ns) seen before the file was read (``specstats``); None for a solution."""

    @property
    def name(self) -> str:
        return str(self.path)


def read_specs(specs: Path) -> list[SpecFile]:
    """The spec files of a folder (top level, by name), read once, named by ``spec_folder``."""
    from dvgen.solution.units import find_solutions

    if not specs.is_dir():
        raise fatal(Location(str(specs)), "specs folder not found")
    folder = spec_folder(specs)
    paths = sorted(
        (p for p in specs.iterdir() if p.is_file() and is_spec_name(p.name)),
        key=lambda p: p.name,
    )
    stats = {path: path.stat() for path in paths}  # before reading: what ``specstats`` records
    sizes = {path: stat.st_size for path, stat in stats.items()}
    too_large = [path for path in paths if sizes[path] > MAX_SPEC]
    if too_large:
        raise SpecError(
            Diagnostic(
                Severity.ERROR,
                Location(str(folder / path.name), 1),
                f"spec file is {sizes[path] / 1e6:.1f} MB, over the "
                f"{MAX_SPEC / 1e6:.0f} MB limit: not read",
            )
            for path in too_large
        )
    files = [
        SpecFile(folder / path.name, path.read_bytes(), (sizes[path], stats[path].st_mtime_ns))
        for path in paths
    ]
    return files + [SpecFile(name, data) for name, data in find_solutions(specs, folder)]


def is_spec_name(name: str) -> bool:
    """Whether a file of the specs folder is a spec by its name: ``*.md``, ``*.yaml``,
    ``*.yml``, not hidden (``HIDDEN``)."""
    return not name.startswith(HIDDEN) and os.path.splitext(name)[1].lower() in SPEC_SUFFIXES


def spec_folder(specs: Path) -> Path:
    """One name for a folder however it was given (``./specs``, ``specs/../specs``, absolute):
    relative to the current folder (absolute on another drive). It names the spec files in
    diagnostics and in the cache's keys, so every spelling shares the cache's entries."""
    absolute = os.path.normpath(os.path.abspath(specs))
    try:
        return Path(os.path.relpath(absolute))
    except ValueError:
        return Path(absolute)
