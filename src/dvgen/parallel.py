"""Work shared out over processes: parsing specs, rendering targets.

Every result is keyed (a spec's index, a target's files) and put back in order, so the output
never depends on how the work was shared; ``jobs=1`` does it all in this process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING

from dvgen.diagnostics import Diagnostic, Diagnostics
from dvgen.model import Spec, TableSet

if TYPE_CHECKING:
    from dvgen.targets import Target

PARALLEL_MIN_BYTES = 2_000_000
"""Below this much markdown to parse, worker processes cost more than they save."""
PARALLEL_MIN_TABLES = 200
"""Below this many tables, rendering in a second process costs more than it saves."""

Parsed = tuple[Spec | None, list[Diagnostic]]
Rendered = tuple[dict[str, str], list[Diagnostic], dict[str, float]]


def workers(jobs: int) -> int:
    return jobs or (os.cpu_count() or 1)


def _context() -> BaseContext:
    """Fork where the platform has it: workers then share the parent's loaded code and data."""
    return get_context("fork" if "fork" in get_all_start_methods() else "spawn")


def parse_many(
    parse: Callable[[str, bytes], Parsed], items: list[tuple[str, bytes]], jobs: int
) -> Iterator[Parsed]:
    """``parse(name, data)`` for each item, in order, over processes when it pays."""
    size = sum(len(data) for _, data in items)
    count = workers(jobs)
    if count < 2 or len(items) < 2 or (jobs == 0 and size < PARALLEL_MIN_BYTES):
        for name, data in items:
            yield parse(name, data)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=count, mp_context=_context()) as pool:
        names = [name for name, _ in items]
        datas = [data for _, data in items]
        chunk = max(1, len(items) // (count * 8))
        yield from pool.map(parse, names, datas, chunksize=chunk)


_WORK: dict[str, tuple[list[Target], TableSet]] = {}
"""What a render worker renders, set in the worker by ``_receive``."""


def _receive(targets: list[Target], tables: TableSet) -> None:
    _WORK["render"] = (targets, tables)


def render_targets(targets: list[Target], tables: TableSet, jobs: int) -> Rendered:
    """Every target's files (``folder/path`` -> text), diagnostics and seconds per target."""
    count = min(workers(jobs), 2)
    forkable = "fork" in get_all_start_methods()
    if (
        count < 2
        or len(targets) < 2
        or not forkable
        or (jobs == 0 and len(tables.tables) < PARALLEL_MIN_TABLES)
    ):
        return _render(targets, tables)
    mine, theirs = _share(targets)
    from concurrent.futures import ProcessPoolExecutor

    # The worker is forked: it receives the targets and tables by inheritance, not pickling.
    with ProcessPoolExecutor(
        max_workers=1, mp_context=_context(), initializer=_receive, initargs=(theirs, tables)
    ) as pool:
        future = pool.submit(_render_work)
        files, diagnostics, timings = _render(mine, tables)
        other_files, other_diagnostics, other_timings = future.result()
    return (
        {**files, **other_files},
        [*diagnostics, *other_diagnostics],
        {**timings, **other_timings},
    )


def _share(targets: list[Target]) -> tuple[list[Target], list[Target]]:
    """Two groups of about equal cost, the heaviest target first."""
    groups: tuple[list[Target], list[Target]] = ([], [])
    totals = [0.0, 0.0]
    for target in sorted(targets, key=lambda t: -t.cost()):
        lighter = 0 if totals[0] <= totals[1] else 1
        groups[lighter].append(target)
        totals[lighter] += target.cost()
    return groups


def _render_work() -> Rendered:
    return _render(*_WORK["render"])


def _render(targets: list[Target], tables: TableSet) -> Rendered:
    diagnostics = Diagnostics()
    files: dict[str, str] = {}
    timings: dict[str, float] = {}
    for target in targets:
        start = time.perf_counter()
        for rel, text in target.render(tables, diagnostics).items():
            files[f"{target.folder}/{rel}"] = text
        timings[target.name] = time.perf_counter() - start
    return files, diagnostics.items, timings
