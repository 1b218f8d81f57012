"""The spec files known unchanged by their stats, as git's index knows a file: the run's key
without reading them.

With nothing changed, reading and hashing the 1,000 pages of the whole reference (28 MB) was
0.12 s of a 0.3 s run. So each run that reads the specs records, per specs folder, every spec
file's size and modification time (nanoseconds, as seen before it was read) with its hash; a
later run whose files all show those stats takes the recorded hashes for theirs and reads none
(``quick_hashes``). A file whose time is not older than the record is read anyway ("racily
clean" in git's words: changed again within the same tick of the clock, it would show the same
stats). Like git, dvgen does not see an edit that keeps a file's size and sets its time back
by hand. A specs folder holding a sub-folder or a ``.zip`` (perhaps a solution, many files) is
always read, and so is one holding a file dvgen may no longer read (a ``chmod`` keeps its size
and time): reading it is the error an unreadable spec is, where its record would pass it.
"""

from __future__ import annotations

import os
from pathlib import Path

from dvgen.cache import Cache
from dvgen.hashing import digest
from dvgen.outstats import unchanged
from dvgen.specfiles import HIDDEN, ZIP_SUFFIX, SpecFile, is_spec_name, spec_folder

KIND = "spec-stats"
Recorded = dict[str, tuple[int, int, str]]
"""Each spec file's name -> (size, mtime_ns, SHA-256 of its bytes)."""


def quick_hashes(specs: Path, cache: Cache) -> list[tuple[str, str]] | None:
    """(name, hash) of each spec file, from the record where every file shows its recorded
    stats; None when any must be read (new, changed, racily clean, perhaps a solution; no
    record)."""
    folder = spec_folder(specs)
    key = _key(folder)
    recorded = _recorded(cache.get_json(KIND, key))
    written = cache.written_ns(KIND, key)
    if recorded is None or written is None:
        return None
    hashes: list[tuple[str, str]] = []
    try:
        entries = sorted(os.scandir(specs), key=lambda entry: entry.name)
        for entry in entries:
            if entry.name.startswith(HIDDEN):
                continue
            if entry.is_dir() or entry.name.lower().endswith(ZIP_SUFFIX):
                return None
            if not entry.is_file() or not is_spec_name(entry.name):
                continue
            stat = entry.stat()
            found = recorded.get(entry.name)
            if found is None or not unchanged(stat, found[:2], written):
                return None
            if not os.access(entry.path, os.R_OK):  # chmod keeps the stats: read, and refuse
                return None
            hashes.append((str(folder / entry.name), found[2]))
    except OSError:
        return None
    return hashes


def remember(
    specs: Path, cache: Cache, files: list[SpecFile], hashes: list[tuple[str, str]]
) -> None:
    """Record the stats each spec file showed before it was read, with its hash (``hashes``:
    each file's name and hash, in the order of ``files``)."""
    recorded: Recorded = {
        spec.path.name: (*spec.stat, hashed)
        for spec, (_, hashed) in zip(files, hashes, strict=True)
        if spec.stat is not None
    }
    key = _key(spec_folder(specs))
    if _recorded(cache.get_json(KIND, key)) != recorded:
        cache.put_json(KIND, key, recorded)


def _key(folder: Path) -> str:
    return digest(KIND.encode(), str(folder).encode())


def _recorded(data: object) -> Recorded | None:
    """The record ``remember`` kept (plain JSON), None for anything else."""
    if not isinstance(data, dict):
        return None
    recorded: Recorded = {}
    for name, item in data.items():
        if not (
            isinstance(item, list)
            and len(item) == 3
            and type(item[0]) is int
            and type(item[1]) is int
            and isinstance(item[2], str)
        ):
            return None
        recorded[name] = (item[0], item[1], item[2])
    return recorded
