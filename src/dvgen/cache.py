"""A content-addressed cache: parsed specs by file content, and whole runs by all inputs.

Every key hashes everything its value depends on: the spec bytes, the settings, and a
fingerprint of dvgen's own code and templates. An entry that cannot be read is a miss, so a
stale or corrupt cache can only cost time; deleting the folder changes nothing but speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

FORMAT = b"dvgen-cache-1"


def digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


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


@dataclass(frozen=True, slots=True)
class RunRecord:
    """What a run produced: each output's hash, and the warnings to show again."""

    files: dict[str, str]
    """Path relative to OUT -> sha256 of its bytes."""
    owned: tuple[tuple[str, tuple[str, ...]], ...]
    """(folder, file patterns) of each target of the run."""
    tables: int
    warnings: tuple[Any, ...]


class Cache:
    """Entries are pickles under ``root``; ``root`` None disables the cache."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any:
        if self.root is None:
            return None
        try:
            with self._path(kind, key).open("rb") as handle:
                entry = pickle.load(handle)
        except Exception:  # any unreadable entry is a miss, never an error
            return None
        if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != key:
            return None
        return entry[1]

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:
            return  # a cache that cannot be written only costs speed
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
        except BaseException:  # Ctrl-C: no half-written entry left behind
            Path(tmp).unlink(missing_ok=True)
            raise

    def keep_only(self, kind: str, keys: set[str]) -> None:
        """Remove the entries of ``kind`` not in ``keys`` (the cache keeps the current set)."""
        if self.root is None or not (self.root / kind).is_dir():
            return
        for path in (self.root / kind).glob("*/*.pickle"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)
