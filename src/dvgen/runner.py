"""``generate`` and ``check`` as library calls: the same rendering, then write or diff.

When the cache holds a record of a run with exactly these inputs, and OUT holds exactly that
run's files, nothing needs rendering: both commands finish after hashing inputs and outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dvgen import output
from dvgen.cache import RunRecord
from dvgen.config import Config
from dvgen.diagnostics import Diagnostic, Diagnostics, Location, SpecError
from dvgen.model import TableSet
from dvgen.pipeline import Generation, Progress, generate, open_cache, read_specs, run_key


@dataclass(slots=True)
class Outcome:
    tables: int
    files: int
    warnings: list[Diagnostic]
    report: output.WriteReport = field(default_factory=output.WriteReport)
    drift: output.Drift = field(default_factory=output.Drift)
    cached: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def _up_to_date(config: Config, key: str) -> RunRecord | None:
    record = open_cache(config).get("run", key)
    if isinstance(record, RunRecord) and output.matches(config.out, record.files, record.owned):
        return record
    return None


def _from_record(record: RunRecord) -> Outcome:
    outcome = Outcome(record.tables, len(record.files), list(record.warnings), cached=True)
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
    specs = read_specs(config.specs)
    key = run_key(config, specs)
    record = _up_to_date(config, key)
    if record is not None:
        return _from_record(record)
    result = generate(config, diagnostics, progress, specs)
    check_names(config, result)
    outcome = Outcome(
        len(result.tables.tables), len(result.files), result.warnings, timings=result.timings
    )
    on_disk = output.owned_on_disk(config.out, result.owned)
    if write:
        outcome.report = output.write(config.out, result.files, on_disk, progress)
    else:
        outcome.drift = output.check(config.out, result.files, on_disk, result.owned)
    if write or outcome.drift.clean:
        open_cache(config).put("run", key, result.record())
    return outcome


def check_names(config: Config, result: Generation) -> None:
    """Every output path can be written, checked before anything is: else an error at the
    spec of the table whose name made the path."""
    problems = output.name_problems(config.out, result.files)
    if not problems:
        return
    diagnostics = Diagnostics()
    for rel, problem in problems.items():
        where = _source(rel, result.tables) or Location(str(config.out / rel))
        diagnostics.error(where, f"cannot write output file {config.out / rel}: {problem}")
    raise SpecError(diagnostics.sorted())


def _source(rel: str, tables: TableSet) -> Location | None:
    """The table whose logical name is in ``rel``'s file name (the longest such)."""
    name = rel.rsplit("/", 1)[-1]
    found = [t for t in tables.tables if t.logical_name and t.logical_name in name]
    if not found:
        return None
    return max(found, key=lambda t: len(t.logical_name)).loc
