"""Spec files in a sub-folder of the specs folder (``specs/standard/account.md``), which dvgen
does not read: it reads the spec files at the specs folder's top level and the solutions in its
sub-folders. Such a folder is reported, never silently passed over, since the tables its files
define would be missing from every output."""

from __future__ import annotations

from pathlib import Path

from dvgen.diagnostics import Diagnostics, Location
from dvgen.solution.folder import BUNDLE
from dvgen.specfiles import MODEL_FILE_START, SPEC_SUFFIXES

LOOSE = BUNDLE + b"spec-files\n"
"""The first bytes of what a sub-folder of ``specs/`` holding spec files yields: their names,
one a line, reported rather than read."""
LOOSE_CODE = "specs-subfolder"
GENERATED = MODEL_FILE_START.encode()
"""The first bytes of a model file dvgen writes (``targets.model``)."""


def loose_spec_files(folder: Path) -> bytes | None:
    """What ``folder`` (a sub-folder of the specs folder without a solution) yields when it
    holds spec files of its own: their names; None when it holds none. The model files dvgen
    writes are outputs, not specs (an output folder inside the specs folder)."""
    names = sorted(
        path.name
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() in SPEC_SUFFIXES
        and not path.name.startswith(".")
        and not _generated(path)
    )
    return LOOSE + "".join(f"{name}\n" for name in names).encode() if names else None


def _generated(path: Path) -> bool:
    """Whether ``path`` is a model file dvgen wrote (its first line says so)."""
    with path.open("rb") as file:
        return file.read(len(GENERATED)) == GENERATED


def report_loose(name: str, data: bytes, diagnostics: Diagnostics) -> None:
    """The warning naming the spec files of a sub-folder, which no run reads."""
    names = data[len(LOOSE) :].decode().splitlines()
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    diagnostics.warning(
        Location(name),
        f"spec files in a sub-folder are not read ({shown}): dvgen reads the spec files at the "
        "top level of the specs folder, and solutions in its sub-folders; move or link them up",
        LOOSE_CODE,
    )
