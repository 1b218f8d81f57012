"""Rendered files to disk: ``generate`` writes them, ``check`` diffs them.

Both work from the same ``{path: text}`` map and the same view of what is on disk, so a
clean ``check`` means ``generate`` would change nothing. Writing is one change: every new
file is staged first, then all are renamed in one pass (see ``staging``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path, PurePosixPath
from stat import S_ISLNK

from dvgen.staging import TEMP_EXTRA_BYTES, TEMP_NAME, Stage, staged
from dvgen.textdiff import unified_diff

Owned = tuple[tuple[str, tuple[str, ...]], ...]
"""(folder under OUT, patterns of the files owned there) of each target."""

NAME_MAX = 255 - TEMP_EXTRA_BYTES
"""Bytes in one file name: 255 (most file systems), less what its temporary file adds."""
PATH_MAX = 4095
"""Bytes in a whole path (Linux)."""


def owned_by(path: str, owned: Owned) -> bool:
    """Whether ``path`` (relative to OUT, POSIX) is a file some target writes or may delete."""
    parts = PurePosixPath(path).parts
    if len(parts) < 2:
        return False
    return _owned_parts(parts, owned)


def _owned_parts(parts: tuple[str, ...], owned: Owned) -> bool:
    """``owned_by`` of a path already split into its parts (the first one its folder)."""
    inner = parts[1:]
    return any(
        parts[0] == folder and any(_whole_match(inner, pattern) for pattern in patterns)
        for folder, patterns in owned
    )


def _whole_match(parts: tuple[str, ...], pattern: str) -> bool:
    """``parts`` match ``pattern`` part for part (``*/schema.sql``: one folder deep only),
    each part as ``PurePosixPath.match`` matches it (case counts), without making paths: a
    run with nothing to do tests every output file (measured at 1,000 tables, 3,000 files:
    the walk of OUT takes 0.01 s, 0.05 s through pathlib)."""
    wanted = _pattern_parts(pattern)
    return len(parts) == len(wanted) and all(
        fnmatchcase(part, want) for part, want in zip(parts, wanted, strict=True)
    )


@cache
def _pattern_parts(pattern: str) -> tuple[str, ...]:
    return PurePosixPath(pattern).parts


def is_leftover(path: str, owned: Owned) -> bool:
    """Whether ``path`` is the temporary file of an owned file, left by an interrupted run."""
    folder, _, name = path.rpartition("/")
    found = TEMP_NAME.fullmatch(name)
    return found is not None and owned_by(f"{folder}/{found['name']}", owned)


def matches(
    out: Path,
    files: dict[str, str],
    owned: Owned,
    known: dict[str, tuple[int, int]] | None = None,
    before: int = 0,
) -> bool:
    """Whether OUT holds exactly the files (path -> sha256) a run produced, and no stale one."""
    return verify(out, files, owned, known, before) is not None


def verify(
    out: Path,
    files: dict[str, str],
    owned: Owned,
    known: dict[str, tuple[int, int]] | None = None,
    before: int = 0,
) -> dict[str, tuple[int, int]] | None:
    """The stats (see ``stats``) of the files when OUT holds exactly the files (path -> sha256)
    a run produced, and no stale one; else None.

    A file whose size and mtime_ns are still those ``known`` is taken as unchanged without
    reading it, as git's index does, unless its mtime is not older than ``before`` (when the
    stats were recorded): a file changed again within the same tick of the clock would show
    the same stats (git's "racily clean" files), so it is read and hashed. Each file is
    stat'ed before it is read: the stats returned are never newer than the bytes hashed. One
    walk of OUT finds the owned files and their stats (at 3,000 files, 0.01 s instead of
    0.03 s for a walk and a ``stat`` of each path)."""
    known = known or {}
    on_disk = _owned_stats(out, owned)
    if not on_disk.keys() <= files.keys():
        return None  # a stale file, or one left by an interrupted run
    seen: dict[str, tuple[int, int]] = {}
    for rel, expected in files.items():
        stat = on_disk.get(rel)
        try:
            stat = stat or os.stat(out / rel)  # a file no target's patterns own, say
        except OSError:
            return None
        if S_ISLNK(stat.st_mode):  # a broken link's own stats (``_stat``): no file there
            return None
        seen[rel] = (stat.st_size, stat.st_mtime_ns)
        if unchanged(stat, known.get(rel), before):
            continue
        data = _read(out / rel)
        if data is None or hashlib.sha256(data).hexdigest() != expected:
            return None
    return seen


def unchanged(stat: os.stat_result, known: tuple[int, int] | None, before: int) -> bool:
    """Whether a file is taken as unchanged without reading it: it shows the size and mtime_ns
    ``known`` recorded, and is older than the record (``before``; else it is racily clean: a
    change within the same tick of the clock would show the same stats)."""
    return known == (stat.st_size, stat.st_mtime_ns) and stat.st_mtime_ns < before


def stats(out: Path, files: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Path -> (size, mtime_ns) of each of ``files`` under OUT that is there."""
    found: dict[str, tuple[int, int]] = {}
    for rel in files:
        try:
            stat = os.stat(out / rel)
        except OSError:
            continue
        found[rel] = (stat.st_size, stat.st_mtime_ns)
    return found


def still_written(
    out: Path,
    hashes: dict[str, str],
    before: dict[str, str],
    known: dict[str, tuple[int, int]],
    written: int,
) -> set[str]:
    """The files of ``hashes`` (path -> sha256 of the text to write) that OUT holds already,
    shown without reading them: an earlier run wrote (or checked) the same hash there, per
    ``before``, and the file still has the size and mtime_ns ``known`` then, older than the
    record (``written``; see ``matches``). After one change at 1,000 tables, ``check`` and
    ``generate`` then read the few files that changed, not 3,000."""
    same: set[str] = set()
    for rel, expected in hashes.items():
        if before.get(rel) != expected or rel not in known:
            continue
        try:
            stat = os.stat(out / rel)
        except OSError:
            continue
        if known[rel] == (stat.st_size, stat.st_mtime_ns) and stat.st_mtime_ns < written:
            same.add(rel)
    return same


@dataclass(slots=True)
class Drift:
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    """Temporary files of an interrupted run."""
    diffs: dict[str, str] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Lines added and removed, per file with a diff."""

    @property
    def clean(self) -> bool:
        return not (self.missing or self.changed or self.stale or self.leftover)

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.changed) + len(self.stale) + len(self.leftover)


@dataclass(slots=True)
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def owned_on_disk(out: Path, owned: Owned) -> set[str]:
    """Files under ``out``'s target folders that some target owns, and the temporary files of
    owned files, as POSIX paths."""
    return set(_owned_stats(out, owned))


def _owned_stats(out: Path, owned: Owned) -> dict[str, os.stat_result]:
    """``owned_on_disk``, each file with its stats (following a link, as ``os.stat`` does)."""
    found: dict[str, os.stat_result] = {}
    for folder in sorted({folder for folder, _ in owned}):
        _scan(os.path.join(out, folder), (folder,), owned, found)
    return found


def _scan(
    path: str, inside: tuple[str, ...], owned: Owned, found: dict[str, os.stat_result]
) -> None:
    """The owned files under the folder ``path`` (``inside`` OUT), as ``os.walk`` would walk
    it: not into links to folders, nor into hidden folders and ``__pycache__``."""
    try:
        entries = list(os.scandir(path))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():
                if not (entry.is_symlink() or entry.name.startswith(".")) and (
                    entry.name != "__pycache__"
                ):
                    _scan(entry.path, (*inside, entry.name), owned, found)
                continue
            parts = (*inside, entry.name)
            rel = "/".join(parts)
            if _owned_parts(parts, owned) or is_leftover(rel, owned):
                found[rel] = _stat(entry)
        except OSError:
            continue


def _stat(entry: os.DirEntry[str]) -> os.stat_result:
    """A file's stats through a link; a broken link's own (it is still a file there)."""
    try:
        return entry.stat()
    except OSError:
        return entry.stat(follow_symlinks=False)


def name_problems(out: Path, files: dict[str, str]) -> dict[str, str]:
    """Output paths that cannot be written everywhere -> why (empty when all are fine)."""
    problems: dict[str, str] = {}
    seen: dict[str, str] = {}
    base = str(out.absolute())
    for rel in sorted(files):
        problem = _name_problem(base, rel)
        other = seen.setdefault(rel.casefold(), rel)
        if not problem and other != rel:
            problem = f"differs from {other} only in case (one file where case does not count)"
        if problem:
            problems[rel] = problem
    return problems


def _name_problem(base: str, rel: str) -> str:
    """Why ``rel`` cannot be written under the folder ``base`` (OUT made absolute once: a run
    checks 3,000 names under it) ("" when it can)."""
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            return f"{part!r} is not a file name"
        if any(ord(c) < 32 or c == "\x7f" for c in part):
            return "a file name with a control character"
        try:
            size = len(part.encode("utf-8"))
        except UnicodeEncodeError:
            return "a file name that is not valid Unicode text"
        if size > NAME_MAX:
            return f"a file name of {size} bytes (at most {NAME_MAX})"
    size = len(base.encode("utf-8")) + len(rel.encode("utf-8")) + (not base.endswith(os.sep))
    return f"a path of {size} bytes (at most {PATH_MAX})" if size > PATH_MAX else ""


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def check(
    out: Path,
    files: dict[str, str],
    on_disk: set[str],
    owned: Owned = (),
    same: frozenset[str] | set[str] = frozenset(),
) -> Drift:
    """What differs between ``files`` and OUT; ``same``: files known equal (``still_written``)."""
    drift = Drift()
    for rel in sorted(files):
        if rel in same:
            continue
        expected = files[rel].encode("utf-8")
        actual = _read(out / rel)
        if actual is None:
            drift.missing.append(rel)
            _add_diff(drift, rel, "", files[rel], "/dev/null", rel)
        elif actual != expected:
            drift.changed.append(rel)
            current = actual.decode("utf-8", errors="replace")
            _add_diff(drift, rel, current, files[rel], rel, rel)
    for rel in sorted(on_disk - set(files)):
        if is_leftover(rel, owned):
            drift.leftover.append(rel)
            continue
        drift.stale.append(rel)
        current = (_read(out / rel) or b"").decode("utf-8", errors="replace")
        _add_diff(drift, rel, current, "", rel, "/dev/null")
    return drift


def _add_diff(drift: Drift, rel: str, current: str, expected: str, old: str, new: str) -> None:
    lines = list(
        unified_diff(
            current.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"a/{old}" if old != "/dev/null" else old,
            tofile=f"b/{new}" if new != "/dev/null" else new,
        )
    )
    body = lines[2:]
    added = sum(1 for line in body if line.startswith("+"))
    removed = sum(1 for line in body if line.startswith("-"))
    drift.counts[rel] = (added, removed)
    drift.diffs[rel] = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write(
    out: Path,
    files: dict[str, str],
    on_disk: set[str],
    progress: Callable[[str, int, int], None] | None = None,
    same: frozenset[str] | set[str] = frozenset(),
) -> WriteReport:
    """Write the changed files and remove the owned stale ones (and leftover temporary files),
    as one change: all new files are staged, then renamed in one pass (see ``staging``).
    ``same``: files known to hold their text already (``still_written``), not read again."""
    with staged() as stage:
        writer = Writer(out, stage, lambda rel, _: rel in same)
        for done, rel in enumerate(sorted(files), 1):
            if progress is not None:
                progress("write", done, len(files))
            writer.add({rel: files[rel]})
        return writer.commit(on_disk)


Known = Callable[[str, str], bool]
"""(path, sha256 of its text) -> whether OUT holds that text there already, unread."""


def unknown(rel: str, digest: str) -> bool:
    """No file is known to hold its text already (no earlier run over OUT)."""
    return False


@dataclass(frozen=True, slots=True)
class LastRun:
    """What the last run over OUT wrote (``Known``): a file whose hash and stats are still
    those it recorded holds its text (``still_written``). Data, so a worker can be sent it."""

    out: Path
    files: dict[str, str]
    stats: dict[str, tuple[int, int]]
    written: int

    def __call__(self, rel: str, digest: str) -> bool:
        return bool(still_written(self.out, {rel: digest}, self.files, self.stats, self.written))


@dataclass(frozen=True, slots=True)
class Handed:
    """What a ``Writer`` in a worker process staged, for the parent's writer to ``adopt``."""

    pending: list[tuple[Path, Path]]
    made: list[Path]
    hashes: dict[str, str]
    written: list[str]
    unchanged: list[str]


@dataclass(slots=True)
class Writer:
    """Files staged as they come, a target at a time (``add``), then written as one change
    (``commit``): the run need not hold every file's text at once (75 MB at 1,000 tables). A
    worker process stages what it renders with a writer of its own and hands it over (``hand``,
    ``adopt``): its text never travels. A file whose name cannot be written is not staged
    (``name_problems`` reports it)."""

    out: Path
    stage: Stage
    known: Known = unknown
    hashes: dict[str, str] = field(default_factory=dict)
    """Path -> sha256 of its text, of every file added."""
    report: WriteReport = field(default_factory=WriteReport)
    folded: set[str] = field(default_factory=set)
    base: str = field(init=False, default="")
    """OUT made absolute, once (``_name_problem``)."""

    def __post_init__(self) -> None:
        self.base = str(self.out.absolute())

    def add(self, files: dict[str, str]) -> None:
        for rel, text in files.items():
            data = text.encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()
            self.hashes[rel] = digest
            if not self._writable(rel):
                continue
            if self.known(rel, digest) or _read(self.out / rel) == data:
                self.report.unchanged.append(rel)
                continue
            self.stage.add(self.out / rel, data)
            self.report.written.append(rel)

    def _writable(self, rel: str) -> bool:
        folded = rel.casefold()
        if folded in self.folded or _name_problem(self.base, rel):
            return False
        self.folded.add(folded)
        return True

    def hand(self) -> Handed:
        """What this writer staged and found, handed over (it holds none of it any more)."""
        pending, made = self.stage.handed()
        report, self.report = self.report, WriteReport()
        hashes, self.hashes = self.hashes, {}
        return Handed(pending, made, hashes, report.written, report.unchanged)

    def adopt(self, handed: Handed) -> None:
        """Take over what a worker's writer staged: its files are renamed or removed with these."""
        self.stage.adopt(handed.pending, handed.made)
        self.hashes.update(handed.hashes)
        self.report.written += handed.written
        self.report.unchanged += handed.unchanged

    def commit(self, on_disk: set[str]) -> WriteReport:
        """Rename every staged file into place and remove the stale ``on_disk`` ones."""
        report = self.report
        report.written.sort()
        report.unchanged.sort()
        report.removed = sorted(on_disk - set(self.hashes))
        out = self.out
        self.stage.commit(
            [out / rel for rel in report.removed], lambda p: _prune_empty(out, p.parent)
        )
        return report


def _prune_empty(out: Path, directory: Path) -> None:
    """Remove folders left empty by stale files, up to (not including) ``out``."""
    while directory != out and out in directory.parents:
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent
