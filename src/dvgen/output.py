"""Rendered files written to OUT as one change (``generate``): each target's files staged as
they come, by this process or a worker, then all renamed in one pass (see ``staging``), the
owned stale ones removed. ``check`` diffs the same files against the same view of OUT
(``outdiff``, ``outfiles``), so a clean ``check`` means ``generate`` would change nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dvgen import outfiles
from dvgen.outnames import name_problem
from dvgen.outstats import Known, unknown
from dvgen.staging import Stage, staged


@dataclass(slots=True)
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write(
    out: Path,
    files: dict[str, str],
    on_disk: set[str],
    progress: Callable[[str, int, int], None] | None = None,
    same: frozenset[str] | set[str] = frozenset(),
) -> WriteReport:
    """Write the changed files and remove the owned stale ones (and leftover temporary files),
    as one change: all new files are staged, then renamed in one pass (see ``staging``).
    ``same``: files known to hold their text already (``outstats.still_written``), not read
    again."""
    with staged() as stage:
        writer = Writer(out, stage, lambda rel, _: rel in same)
        for done, rel in enumerate(sorted(files), 1):
            if progress is not None:
                progress("write", done, len(files))
            writer.add({rel: files[rel]})
        return writer.commit(on_disk)


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
    (``outnames.name_problems`` reports it)."""

    out: Path
    stage: Stage
    known: Known = unknown
    hashes: dict[str, str] = field(default_factory=dict)
    """Path -> sha256 of its text, of every file added."""
    report: WriteReport = field(default_factory=WriteReport)
    folded: set[str] = field(default_factory=set)
    base: str = field(init=False, default="")
    """OUT made absolute, once (``name_problem``)."""

    def __post_init__(self) -> None:
        self.base = str(self.out.absolute())

    def add(self, files: dict[str, str]) -> None:
        for rel, text in files.items():
            data = text.encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()
            self.hashes[rel] = digest
            if not self._writable(rel):
                continue
            if self.known(rel, digest) or outfiles.read(self.out / rel) == data:
                self.report.unchanged.append(rel)
                continue
            self.stage.add(self.out / rel, data)
            self.report.written.append(rel)

    def _writable(self, rel: str) -> bool:
        folded = rel.casefold()
        if folded in self.folded or name_problem(self.base, rel):
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
