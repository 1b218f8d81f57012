"""Rendered files to disk: ``generate`` writes them atomically, ``check`` diffs them.

Both work from the same ``{path: text}`` map and the same view of what is on disk, so a
clean ``check`` means ``generate`` would change nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dvgen.textdiff import unified_diff

Owned = tuple[tuple[str, tuple[str, ...]], ...]
"""(folder under OUT, patterns of the files owned there) of each target."""


def owned_by(path: str, owned: Owned) -> bool:
    """Whether ``path`` (relative to OUT, POSIX) is a file some target writes or may delete."""
    parts = PurePosixPath(path).parts
    if len(parts) < 2:
        return False
    inner = PurePosixPath(*parts[1:])
    return any(
        parts[0] == folder and any(_whole_match(inner, pattern) for pattern in patterns)
        for folder, patterns in owned
    )


def _whole_match(path: PurePosixPath, pattern: str) -> bool:
    """``path`` matches ``pattern`` part for part (``*/schema.sql``: one folder deep only)."""
    return len(path.parts) == len(PurePosixPath(pattern).parts) and path.match(pattern)


def matches(out: Path, files: dict[str, str], owned: Owned) -> bool:
    """Whether OUT holds exactly the files (path -> sha256) a run produced, and no stale one."""
    for rel, expected in files.items():
        data = _read(out / rel)
        if data is None or hashlib.sha256(data).hexdigest() != expected:
            return False
    return owned_on_disk(out, owned) <= set(files)


@dataclass(slots=True)
class Drift:
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.changed or self.stale)


@dataclass(slots=True)
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def owned_on_disk(out: Path, owned: Owned) -> set[str]:
    """Files under ``out``'s target folders that some target owns, as POSIX paths."""
    found: set[str] = set()
    for folder in sorted({folder for folder, _ in owned}):
        root = out / folder
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
            for filename in filenames:
                rel = Path(dirpath, filename).relative_to(out).as_posix()
                if owned_by(rel, owned):
                    found.add(rel)
    return found


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def check(out: Path, files: dict[str, str], on_disk: set[str]) -> Drift:
    drift = Drift()
    for rel in sorted(files):
        expected = files[rel].encode("utf-8")
        actual = _read(out / rel)
        if actual is None:
            drift.missing.append(rel)
            drift.diffs[rel] = _diff(rel, "", files[rel], "/dev/null", rel)
        elif actual != expected:
            drift.changed.append(rel)
            current = actual.decode("utf-8", errors="replace")
            drift.diffs[rel] = _diff(rel, current, files[rel], rel, rel)
    for rel in sorted(on_disk - set(files)):
        drift.stale.append(rel)
        current = (_read(out / rel) or b"").decode("utf-8", errors="replace")
        drift.diffs[rel] = _diff(rel, current, "", rel, "/dev/null")
    return drift


def _diff(rel: str, current: str, expected: str, old: str, new: str) -> str:
    lines = unified_diff(
        current.splitlines(keepends=True),
        expected.splitlines(keepends=True),
        fromfile=f"a/{old}" if old != "/dev/null" else old,
        tofile=f"b/{new}" if new != "/dev/null" else new,
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write(
    out: Path,
    files: dict[str, str],
    on_disk: set[str],
    progress: Callable[[str, int, int], None] | None = None,
) -> WriteReport:
    """Write changed files atomically (temp file + rename) and remove owned stale files."""
    report = WriteReport()
    for done, rel in enumerate(sorted(files), 1):
        if progress is not None:
            progress("write", done, len(files))
        data = files[rel].encode("utf-8")
        target = out / rel
        if _read(target) == data:
            report.unchanged.append(rel)
            continue
        _atomic_write(target, data)
        report.written.append(rel)
    for rel in sorted(on_disk - set(files)):
        (out / rel).unlink(missing_ok=True)
        report.removed.append(rel)
        _prune_empty(out, (out / rel).parent)
    return report


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty(out: Path, directory: Path) -> None:
    """Remove folders left empty by stale files, up to (not including) ``out``."""
    while directory != out and out in directory.parents:
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent
