"""A content-addressed cache: parsed specs by file content, rendered fragments by their inputs,
and whole runs by all inputs.

Every key hashes everything its value depends on: the spec bytes, the settings, and a
fingerprint of dvgen's own code and templates. An entry that cannot be read is a miss, so a
stale or corrupt cache can only cost time; deleting the folder changes nothing but speed.

An entry is data, not code (``cachedata``: JSON of registered types; or plain JSON, for the
records every run reads first: ``get_json``): its first line names the format version, the key
and the SHA-256 of the JSON after it, all checked before the JSON is decoded. The folder is
marked as a cache the way ruff's and mypy's are: a ``.gitignore`` of ``*`` and a
``CACHEDIR.TAG`` (https://bford.info/cachedir/), so git and backups leave it out.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, overload

from dvgen import collector
from dvgen.diagnostics import Diagnostic, Location, Severity
from dvgen.hashing import digest

FORMAT = b"dvgen-cache-3"
"""The entries' format version: the first word of every entry (an older one is a miss). 3: each
dataclass as its codec's array (``cachedata``), a table with its parts' digests."""
SUFFIX = ".json"
RUNS = "run"
"""The kind of the run records (``runner``): with ``LATEST``, the kinds whose old entries no run
replaces (pruned to the newest ``RUNS_KEPT``)."""
LATEST = "latest"
"""The kind of the entries naming, per OUT folder, the run key of the last run that wrote or
checked it clean (``runner``): its record tells which files need not be read again."""
RUNS_KEPT = 8
"""Run records kept (the newest): one per OUT folder and settings a project switches between."""
GITIGNORE = "# Created by dvgen: this folder is a cache.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by dvgen.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


@cache
def _code_fingerprint() -> str:
    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json"))
    return digest(
        FORMAT,
        *(p.relative_to(package).as_posix().encode() for p in files),
        *(p.read_bytes() for p in files),
    )


def fingerprint(template_dirs: Iterable[Path]) -> str:
    """dvgen's code and every template it may render with."""
    parts = [_code_fingerprint().encode()]
    for root in template_dirs:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


Note = tuple[int, str, int, str, str]
"""A warning or a note as a row: severity, path, line, message, code."""


@dataclass(frozen=True, slots=True)
class RunRecord:
    """What a run produced: each output's hash, and the warnings to show again. Kept as plain
    JSON (``to_json``, read by ``Cache.get_json``): every run reads a record first, and at 1,000
    tables one holds 3,000 files and 12,000 notes, which plain JSON reads back at the C
    decoder's speed."""

    files: dict[str, str]
    """Path relative to OUT -> sha256 of its bytes."""
    owned: tuple[tuple[str, tuple[str, ...]], ...]
    """(folder, file patterns) of each target of the run."""
    tables: int
    notes: tuple[Note, ...]
    """The warnings (and infos) as rows: severity, path, line, message, code."""
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Path -> (size, mtime_ns) of the file as it was when its hash held (``outstats.stats``):
    a file that still shows them need not be read again (see ``outstats.matches``)."""

    @classmethod
    def of(
        cls,
        files: dict[str, str],
        owned: tuple[tuple[str, tuple[str, ...]], ...],
        tables: int,
        warnings: Iterable[Diagnostic],
        stats: dict[str, tuple[int, int]] | None = None,
    ) -> RunRecord:
        notes = tuple(
            (int(d.severity), d.location.path, d.location.line, d.message, d.code) for d in warnings
        )
        return cls(files, owned, tables, notes, stats or {})

    @property
    def warnings(self) -> Notes:
        return Notes(self.notes)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "owned": self.owned,
            "tables": self.tables,
            "notes": self.notes,
            "stats": self.stats,
        }

    @classmethod
    def from_json(cls, data: Any) -> RunRecord:
        """The record ``to_json`` wrote; ValueError for anything else (a miss)."""
        try:
            files, owned, tables = data["files"], data["owned"], data["tables"]
            notes, stats = data["notes"], data["stats"]
            record = cls(
                files,
                tuple((folder, tuple(patterns)) for folder, patterns in owned),
                tables,
                tuple(map(tuple, notes)),
                {rel: (size, mtime) for rel, (size, mtime) in stats.items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"not a run record: {exc}") from None
        if not _is_record(record):
            raise ValueError("not a run record: a field of the wrong type")
        return record


class Notes(Sequence[Diagnostic]):
    """The warnings and notes of a recorded run, made into diagnostics as they are read: a run
    with nothing changed shows only its warnings, and need not make the thousands of notes
    (``at_least``)."""

    def __init__(self, notes: tuple[Note, ...]) -> None:
        self.notes = notes

    def __len__(self) -> int:
        return len(self.notes)

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Diagnostic]: ...
    def __getitem__(self, index: int | slice) -> Diagnostic | Sequence[Diagnostic]:
        if isinstance(index, slice):
            return [_diagnostic(note) for note in self.notes[index]]
        return _diagnostic(self.notes[index])

    def __iter__(self) -> Iterator[Diagnostic]:
        return map(_diagnostic, self.notes)

    def at_least(self, severity: Severity) -> Iterator[Diagnostic]:
        """The diagnostics of ``severity`` or above, in order, made only for them."""
        return (_diagnostic(note) for note in self.notes if note[0] >= severity)


def _diagnostic(note: Note) -> Diagnostic:
    severity, path, line, message, code = note
    return Diagnostic(Severity(severity), Location(path, line), message, code)


_SEVERITIES = frozenset(int(severity) for severity in Severity)


def _is_record(record: RunRecord) -> bool:
    """Whether each field holds what its annotation says (a record is read as plain JSON)."""
    return (
        type(record.tables) is int
        and isinstance(record.files, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in record.files.items())
        and all(
            isinstance(folder, str) and all(isinstance(p, str) for p in patterns)
            for folder, patterns in record.owned
        )
        and all(
            len(note) == 5
            and note[0] in _SEVERITIES  # else showing it would fail (``Severity(99)``)
            and isinstance(note[1], str)
            and type(note[2]) is int
            and isinstance(note[3], str)
            and isinstance(note[4], str)
            for note in record.notes
        )
        and all(
            isinstance(rel, str) and type(size) is int and type(mtime) is int
            for rel, (size, mtime) in record.stats.items()
        )
    )


def encode_entry(key: str, value: Any) -> tuple[bytes, bytes]:
    """``<format> <key> <sha256 of the payload>`` as the first line, and the JSON payload (kept
    apart: a pack of fragments is tens of MB, and joining them would copy it once more)."""
    from dvgen import cachedata  # the model's codecs: not needed by a run with nothing changed

    return frame(key, cachedata.dumps(value))


def frame(key: str, payload: bytes) -> tuple[bytes, bytes]:
    """The first line of an entry holding ``payload``, and the payload."""
    header = b" ".join((FORMAT, key.encode(), hashlib.sha256(payload).hexdigest().encode()))
    return header + b"\n", payload


def decode_entry(key: str, data: bytes) -> Any:
    """The value of an entry written by ``encode_entry`` for ``key``; ValueError for any other
    bytes (another format, another key, a payload that does not hash to its header)."""
    from dvgen import cachedata

    return cachedata.loads(unframe(key, data))


def unframe(key: str, data: bytes) -> bytes:
    """The payload of an entry framed for ``key``; ValueError for any other bytes."""
    header, _, payload = data.partition(b"\n")
    parts = header.split(b" ")
    if len(parts) != 3 or parts[0] != FORMAT or parts[1] != key.encode():
        raise ValueError("not an entry of this format and key")
    if hashlib.sha256(payload).hexdigest().encode() != parts[2]:
        raise ValueError("entry content does not match its hash")
    return payload


class Cache:
    """Entries are files under ``root/<kind>``; ``root`` None disables the cache."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}{SUFFIX}"

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is there (it may still turn out unreadable: a miss)."""
        return self.root is not None and self._path(kind, key).is_file()

    def written_ns(self, kind: str, key: str) -> int | None:
        """When the entry was written (its file's mtime_ns, the clock output files are stamped
        by), None when there is none."""
        if self.root is None:
            return None
        try:
            return self._path(kind, key).stat().st_mtime_ns
        except OSError:
            return None

    def get(self, kind: str, key: str) -> Any:
        if self.root is None:
            return None
        try:
            return decode_entry(key, self._path(kind, key).read_bytes())
        except Exception:  # any unreadable entry is a miss, never an error
            return None

    def get_json(self, kind: str, key: str) -> Any:
        """The plain JSON data ``put_json`` kept (objects as dicts, arrays as lists), None for
        a miss: for the records a run reads before anything else, without the model's codecs."""
        if self.root is None:
            return None
        try:
            return json.loads(unframe(key, self._path(kind, key).read_bytes()))
        except Exception:  # any unreadable entry is a miss, never an error
            return None

    def get_many(self, kind: str, keys: list[str]) -> list[Any]:
        """``get`` of each key, the collector paused over them all (``collector.paused``)."""
        with collector.paused():
            return [self.get(kind, key) for key in keys]

    def put(self, kind: str, key: str, value: Any) -> None:
        from dvgen.cachedata import UnknownType

        if self.root is None:
            return
        try:
            data = encode_entry(key, value)
        except UnknownType:
            return  # a value the cache cannot hold is computed again next time
        self._write(kind, key, data)

    def put_json(self, kind: str, key: str, data: Any) -> None:
        """Keep ``data`` (JSON: dicts, lists and tuples, strings, numbers) as plain JSON."""
        if self.root is not None:
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            self._write(kind, key, frame(key, payload))

    def _write(self, kind: str, key: str, data: tuple[bytes, bytes]) -> None:
        path = self._path(kind, key)
        try:
            self._mark()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:
            return  # a cache that cannot be written only costs speed
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data[0])
                handle.write(data[1])
            os.replace(tmp, path)
            if kind in (RUNS, LATEST):
                self.keep_newest(kind, RUNS_KEPT)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
        except BaseException:  # Ctrl-C: no half-written entry left behind
            Path(tmp).unlink(missing_ok=True)
            raise

    def _mark(self) -> None:
        """Create the folder with its ``.gitignore`` and ``CACHEDIR.TAG`` (once)."""
        assert self.root is not None
        if (self.root / "CACHEDIR.TAG").is_file():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            if not (self.root / name).exists():
                (self.root / name).write_text(text, encoding="utf-8", newline="\n")

    def entries(self, kind: str) -> list[Path]:
        if self.root is None or not (self.root / kind).is_dir():
            return []
        return list((self.root / kind).glob(f"*/*{SUFFIX}"))

    def keep_only(self, kind: str, keys: set[str]) -> None:
        """Remove the entries of ``kind`` not in ``keys`` (the cache keeps the current set)."""
        for path in self.entries(kind):
            if path.stem not in keys:
                path.unlink(missing_ok=True)

    def keep_newest(self, kind: str, count: int) -> None:
        """Remove all but the ``count`` most recently written entries of ``kind``."""
        found = []
        for path in self.entries(kind):
            try:
                found.append((path.stat().st_mtime_ns, path.name, path))
            except OSError:
                continue
        for _, _, path in sorted(found, reverse=True)[count:]:
            path.unlink(missing_ok=True)
