"""``generate`` and ``check`` as library calls: the same rendering, then write or diff.

When the cache holds a record of a run with exactly these inputs, and OUT holds exactly that
run's files, nothing needs rendering: both commands finish after hashing inputs and outputs,
having imported nothing of the model, the readers or the targets (``pipeline`` is imported
only to render).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dvgen import outdiff, outfiles, outnames, output, outstats
from dvgen.cache import LATEST, RUNS, Cache, Notes, RunRecord
from dvgen.config import Config
from dvgen.diagnostics import Diagnostic, Diagnostics, Location, Severity, SpecError
from dvgen.display import Progress
from dvgen.hashing import digest, sha256
from dvgen.runkey import key_of, open_cache
from dvgen.specfiles import SpecFile, read_specs
from dvgen.specstats import quick_hashes, remember
from dvgen.staging import staged

if TYPE_CHECKING:
    from dvgen.model import TableSet
    from dvgen.pipeline import Generation


@dataclass(slots=True)
class Outcome:
    tables: int
    files: int
    warnings: Sequence[Diagnostic]
    """The run's warnings and notes, in order (a recorded run's are made as they are read)."""
    report: output.WriteReport = field(default_factory=output.WriteReport)
    drift: outdiff.Drift = field(default_factory=outdiff.Drift)
    cached: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    def at_least(self, severity: Severity) -> Iterator[Diagnostic]:
        """The warnings and notes of ``severity`` or above, in order."""
        if isinstance(self.warnings, Notes):
            return self.warnings.at_least(severity)
        return (d for d in self.warnings if d.severity >= severity)


def _up_to_date(config: Config, key: str) -> RunRecord | None:
    """The record of a run with these inputs, when OUT still holds exactly its files. When a
    file had to be read to show it (its stats changed: touched, checked out again; or written
    in the tick the record was), the record is written again with the stats seen, so the next
    run need not read it (as ``git status`` refreshes git's index)."""
    cache = open_cache(config)
    record = _read_record(cache, key)
    if record is None:
        return None
    written = cache.written_ns(RUNS, key) or 0
    seen = outstats.verify(config.out, record.files, record.owned, record.stats, written)
    if seen is None:
        return None
    racy = any(mtime >= written for _, mtime in seen.values())  # hashed, not trusted
    if seen != record.stats or racy:
        cache.put_json(RUNS, key, dataclasses.replace(record, stats=seen).to_json())
    return record


def _read_record(cache: Cache, key: str) -> RunRecord | None:
    try:
        return RunRecord.from_json(cache.get_json(RUNS, key))
    except ValueError:
        return None


def _from_record(record: RunRecord) -> Outcome:
    outcome = Outcome(record.tables, len(record.files), record.warnings, cached=True)
    outcome.report.unchanged.extend(sorted(record.files))
    return outcome


def run_generate(
    config: Config, diagnostics: Diagnostics, progress: Progress | None = None
) -> Outcome:
    """Render and write; raises SpecError (nothing written) when a spec is bad."""
    return _run(config, diagnostics, progress, write=True)


def run_check(
    config: Config, diagnostics: Diagnostics, progress: Progress | None = None
) -> Outcome:
    """Render and compare with OUT; raises SpecError when a spec is bad."""
    return _run(config, diagnostics, progress, write=False)


def _run(
    config: Config, diagnostics: Diagnostics, progress: Progress | None, write: bool
) -> Outcome:
    cache = open_cache(config)
    quick = quick_hashes(config.specs, cache) if cache.root is not None else None
    if quick is not None:  # every spec file shows the stats recorded with its hash
        record = _up_to_date(config, key_of(config, quick))
        if record is not None:
            return _from_record(record)
    specs = read_specs(config.specs)
    spec_hashes = [(spec.name, sha256(spec.data)) for spec in specs]
    key = key_of(config, spec_hashes)
    if cache.root is not None:
        remember(config.specs, cache, specs, spec_hashes)
    record = _up_to_date(config, key)
    if record is not None:
        return _from_record(record)
    if write:
        return _generate(config, diagnostics, progress, specs, cache, key)
    from dvgen.pipeline import generate  # the model, readers and targets: only to render

    result = generate(config, diagnostics, progress, specs)
    check_names(config, result.files, result.tables)
    outcome = Outcome(
        len(result.tables.tables), len(result.files), result.warnings, timings=result.timings
    )
    hashes = {path: sha256(text.encode("utf-8")) for path, text in result.files.items()}
    known = _still_written(config, cache)
    same = {rel for rel, digest in hashes.items() if known(rel, digest)}
    on_disk = outfiles.owned_on_disk(config.out, result.owned)
    stats = outstats.stats(config.out, result.files)  # before reading: what the check saw
    outcome.drift = outdiff.check(config.out, result.files, on_disk, result.owned, same)
    if outcome.drift.clean:
        _record(config, cache, key, result, hashes, stats)
    return outcome


def _generate(
    config: Config,
    diagnostics: Diagnostics,
    progress: Progress | None,
    specs: list[SpecFile],
    cache: Cache,
    key: str,
) -> Outcome:
    """Render and write as one change, each target's files staged as soon as they are rendered
    (``output.Writer``) and let go: the run never holds all the text (75 MB at 1,000 tables).
    Nothing is renamed into place before the whole set rendered without error and every name
    was checked; what was staged is removed otherwise."""
    from dvgen.pipeline import generate, owned_scope

    on_disk = outfiles.owned_on_disk(config.out, owned_scope(config))  # before staging
    with staged() as stage:
        writer = output.Writer(config.out, stage, _still_written(config, cache))
        result = generate(config, diagnostics, progress, specs, writer=writer)
        check_names(config, writer.hashes, result.tables)
        report = writer.commit(on_disk)
    outcome = Outcome(
        len(result.tables.tables),
        len(writer.hashes),
        result.warnings,
        report,
        timings=result.timings,
    )
    _record(config, cache, key, result, writer.hashes, outstats.stats(config.out, writer.hashes))
    return outcome


def _record(
    config: Config,
    cache: Cache,
    key: str,
    result: Generation,
    hashes: dict[str, str],
    stats: dict[str, tuple[int, int]],
) -> None:
    """The run's record, and the entry naming it as the last run over OUT."""
    tables = len(result.tables.tables)
    record = RunRecord.of(hashes, result.owned, tables, result.warnings, stats)
    cache.put_json(RUNS, key, record.to_json())
    cache.put_json(LATEST, _latest_key(config), key)


def _latest_key(config: Config) -> str:
    """The key of the entry naming the last run that left OUT as it wrote or checked it."""
    return digest(LATEST.encode(), str(config.out.resolve()).encode())


def _still_written(config: Config, cache: Cache) -> outstats.Known:
    """Whether OUT holds a file's text already as the last run over it left it, unread
    (``outstats.still_written``)."""
    last = cache.get_json(LATEST, _latest_key(config))
    record = _read_record(cache, last) if isinstance(last, str) else None
    if record is None or not isinstance(last, str):
        return outstats.unknown
    written = cache.written_ns(RUNS, last) or 0
    return outstats.LastRun(config.out, record.files, record.stats, written)


def check_names(config: Config, files: dict[str, str], tables: TableSet) -> None:
    """Every output path (the keys of ``files``) can be written, checked before anything is:
    else an error at the spec of the table whose name made the path."""
    problems = outnames.name_problems(config.out, files)
    if not problems:
        return
    diagnostics = Diagnostics()
    for rel, problem in problems.items():
        where = _source(rel, tables) or Location(str(config.out / rel))
        diagnostics.error(where, f"cannot write output file {config.out / rel}: {problem}")
    raise SpecError(diagnostics.sorted())


def _source(rel: str, tables: TableSet) -> Location | None:
    """The table whose logical name is in ``rel``'s file name (the longest such)."""
    name = rel.rsplit("/", 1)[-1]
    found = [t for t in tables.tables if t.logical_name and t.logical_name in name]
    if not found:
        return None
    return max(found, key=lambda t: len(t.logical_name)).loc
