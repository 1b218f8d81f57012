"""Work shared out over processes: parsing specs, rendering targets.

Every result is keyed (a spec's index, a target's files) and put back in order, so the output
never depends on how the work was shared; ``jobs=1`` does it all in this process.

Workers start by 'forkserver' on Linux, else 'spawn' (never a bare 'fork', unsafe on macOS
and in a process with threads: see ``start_method``); they ignore SIGINT (the parent stops
them) and die with their parent, even one killed by SIGKILL.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any

from dvgen.diagnostics import Diagnostic, Diagnostics
from dvgen.model import Spec, TableSet
from dvgen.staging import deferred_interrupt

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


WATCH_SECONDS = 0.5
"""How often a worker looks whether its parent is still there."""
_PRELOAD = [
    "dvgen.parse",
    "dvgen.resolve",
    "dvgen.targets.sql.target",
    "dvgen.targets.pydantic.target",
]
"""Modules the fork server loads once, so that each worker starts with them."""


def start_method(platform: str = sys.platform) -> str:
    """'forkserver' on Linux, 'spawn' elsewhere: macOS has a fork server too, but its workers
    are forked from a process that may have loaded system frameworks, which macOS does not make
    safe to fork (Python's own default there is 'spawn'); Windows has only 'spawn'."""
    if platform == "linux" and "forkserver" in get_all_start_methods():
        return "forkserver"
    return "spawn"


def _context() -> BaseContext:
    """The context of ``start_method``, the fork server preloading dvgen's modules."""
    context = get_context(start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    return context


@contextmanager
def _pool(
    count: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> Iterator[ProcessPoolExecutor]:
    """Worker processes; when the block fails or is interrupted, the work not started is
    dropped and the workers end once they have started and finished the item in hand (killing
    them could leave the pool's feeding thread blocked on a full pipe, and leaving before they
    started would make them print multiprocessing's tracebacks)."""
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(initializer, *initargs),
    )
    try:
        yield pool
    except BaseException:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=True, cancel_futures=True)
        for process in processes:  # one started when the start of the pool broke off
            process.terminate()
            process.join()
        raise
    pool.shutdown()


def _start_worker(initializer: Callable[..., None] | None, *initargs: Any) -> None:
    """In each worker: Ctrl-C is the parent's to handle; die with the parent; then initialize."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)


def die_with_parent() -> None:
    """End this worker when the process that started it ends, even by SIGKILL: a thread waits
    on the parent's sentinel (with 'forkserver' the worker's OS parent is the fork server,
    which outlives the parent while workers live), else polls the parent's pid; on Linux the
    kernel also kills the worker when its OS parent ends."""
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None) if parent is not None else None
    if sys.platform == "linux":
        _linux_death_signal()
    if sentinel is not None:
        target: Callable[[], None] = partial(_wait_for, sentinel)
    else:
        target = partial(_poll, os.getppid())
    threading.Thread(target=target, name="dvgen-watch", daemon=True).start()


def _linux_death_signal() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # the watching thread still ends the process


def _wait_for(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(1)


def _poll(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


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
    with _pool(count) as pool:
        names = [name for name, _ in items]
        datas = [data for _, data in items]
        chunk = max(1, len(items) // (count * 8))
        with deferred_interrupt():  # the workers start here: never half started
            results = pool.map(parse, names, datas, chunksize=chunk)
        yield from results


_WORK: dict[str, tuple[list[Target], TableSet]] = {}
"""What a render worker renders, set in the worker by ``_receive``."""


def _receive(work: bytes) -> None:
    """Unpickle the worker's share (sent by the parent, not read from anywhere): the collector
    paused meanwhile, then the set frozen out of its reach, as in the parent (``pipeline``).
    Measured at 1,000 tables: 0.4 s instead of 1.3 s."""
    with paused_collector():
        _WORK["render"] = pickle.loads(work)
        gc.freeze()


@contextmanager
def paused_collector() -> Iterator[None]:
    """No garbage collection in the block: it makes many objects and no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_targets(
    targets: list[Target], tables: TableSet, jobs: int, kept: bool = False
) -> Rendered:
    """Every target's files (``folder/path`` -> text), diagnostics and seconds per target.

    ``kept``: the cache holds fragments of every target (``fragments.kept_before``), so most
    of the work is reading them; one process does it as fast as two (measured at 1,000 tables,
    one page changed: 5.9 s against 5.7 s), without a second copy of the set (300 MB)."""
    count = min(workers(jobs), 2)
    few = jobs == 0 and (kept or len(tables.tables) < PARALLEL_MIN_TABLES)
    if count < 2 or len(targets) < 2 or few:
        return _render(targets, tables)
    mine, theirs = _share(targets)
    with paused_collector():
        work = pickle.dumps((theirs, tables), protocol=pickle.HIGHEST_PROTOCOL)
    with _pool(1, _receive, (work,)) as pool:
        with deferred_interrupt():
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
