"""Work shared out over processes: parsing specs, rendering targets.

Every result is keyed (a spec's index, a target's files) and put back in order, so the output
never depends on how the work was shared; ``jobs=1`` does it all in this process.

Workers start by 'forkserver' on Linux, else 'spawn' (a bare 'fork' is unsafe on macOS and in
a process with threads: see ``start_method``), except the render worker on Linux when this
process has no other thread: forked, it inherits the resolved set instead of receiving a copy
(``inheriting``). Workers ignore SIGINT (the parent stops them) and die with their parent, even
one killed by SIGKILL.
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
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache, partial
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dvgen import collector, pools
from dvgen.diagnostics import Diagnostic, Diagnostics
from dvgen.model import Spec, TableSet
from dvgen.output import Handed, Known, Writer
from dvgen.sharing import pickle_by_fields, share
from dvgen.staging import Stage, deferred_interrupt

if TYPE_CHECKING:
    from dvgen.targets import Target

PARALLEL_MIN_BYTES = 2_000_000
"""Below this much markdown to parse, worker processes cost more than they save."""
PARALLEL_MIN_TABLES = 200
"""Below this many tables, rendering in a second process costs more than it saves."""
PARSE_CHUNKS = 32
"""Chunks per parse worker: the last one a worker takes is what the other may wait for
(at 1,000 tables, 15 pages of about 8 ms each); fewer, larger ones save little sending."""

Parsed = tuple[Spec | None, list[Diagnostic]]
Rendered = tuple[dict[str, str], list[Diagnostic], dict[str, float]]
Done = tuple[int, Rendered, Handed | None] | None
"""A render worker's task: the index of the target it took (``Claims``), its files (none when
staged there) and what it staged; None when every target was taken already."""
Remote = tuple[Path, Known]
"""Where a render worker stages its files: OUT, and what the last run left there."""


pickle_by_fields()


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


def inheriting(platform: str = sys.platform) -> BaseContext | None:
    """'fork', when this process may be forked: on Linux, with no thread but this one (a thread
    holding a lock at the fork would leave the child's copy of it held for ever). A forked
    worker starts with this process's memory, the resolved set and the targets in it, shared
    until written: nothing is pickled, sent or rebuilt (at 1,000 tables the set took 0.3 s to
    pickle here and 0.4 s to rebuild there). None elsewhere: macOS does not make a process
    that may have loaded system frameworks safe to fork, and Windows cannot fork."""
    if platform != "linux" or threading.active_count() > 1:
        return None
    if "fork" not in get_all_start_methods():
        return None
    return get_context("fork")


@contextmanager
def _pool(
    count: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    context: BaseContext | None = None,
) -> Iterator[ProcessPoolExecutor]:
    """Worker processes, started in ``started()``; when the block fails or is interrupted, the
    work not started is dropped and the workers end once they finished the item in hand
    (``pools``: no Ctrl-C at any moment can hang the run)."""
    with pools.pool(count, context or _context(), _start_worker, (initializer, *initargs)) as pool:
        yield pool


def _start_worker(initializer: Callable[..., None] | None, *initargs: Any) -> None:
    """In each worker (after ``pools`` made it ignore Ctrl-C): die with the parent; then
    initialize."""
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
    """``parse(name, data)`` for each item, in order, over processes when it pays. What the
    workers send back is only received here (no garbage: the collector is paused, 0.4 s less
    at 1,000 tables) and its equal strings made one (``sharing``)."""
    size = sum(len(data) for _, data in items)
    count = workers(jobs)
    if count < 2 or len(items) < 2 or (jobs == 0 and size < PARALLEL_MIN_BYTES):
        for name, data in items:
            yield parse(name, data)
        return
    with _pool(count) as pool, collector.paused():
        names = [name for name, _ in items]
        datas = [data for _, data in items]
        chunk = max(1, len(items) // (count * PARSE_CHUNKS))
        with pools.started():  # the workers start here: never half started
            results = pool.map(parse, names, datas, chunksize=chunk)
        strings: dict[str, str] = {}
        for spec, diagnostics in results:
            if spec is not None:
                share(spec, strings)
            yield spec, diagnostics


_WORK: dict[str, tuple[list[Target], TableSet]] = {}
"""What a render worker renders, set in the worker by ``_receive``, or in the parent before a
forked worker starts (``inheriting``)."""
_CLAIMS: dict[str, Claims] = {}
"""In a render worker: the targets' claims it shares with the command (``_claiming``)."""


class Claims:
    """Which target is next, shared by the command and its render worker: each process takes
    the next one (the heaviest first) when it is free, so that neither waits while the other
    has a target it has not started. A split made beforehand by the targets' weights left the
    command waiting for the worker (at 1,000 tables, 0.7-1.2 s of a cold run): the weights
    leave out what a target costs beyond rendering (creating its files, 0.02-0.9 ms of the
    kernel's time each on one machine, and the worker's 3,000 against the command's 4), and
    the machine's other work slows one process, not both."""

    def __init__(self, context: BaseContext) -> None:
        self.next = context.Value("i", 0)

    def take(self) -> int:
        """The index of the next target, in the order of ``_ordered`` (past the last one when
        every target is taken)."""
        with self.next.get_lock():
            index: int = self.next.value
            self.next.value = index + 1
        return index


def _claiming(claims: Claims) -> None:
    """In the render worker, as it starts: the claims it shares with the command."""
    _CLAIMS["render"] = claims


def _receive(work: bytes) -> None:
    """Unpickle the worker's share (sent by the parent, not read from anywhere): the collector
    paused meanwhile, then the set frozen out of its reach, as in the parent (``pipeline``).
    Measured at 1,000 tables: 0.4 s instead of 1.3 s. A task of its own, not the pool's
    initializer, whose arguments the pool would hold to its end (12 MB at 1,000 tables)."""
    with collector.paused():
        _WORK["render"] = pickle.loads(work)
        gc.freeze()


def render_targets(
    targets: list[Target],
    tables: TableSet,
    jobs: int,
    kept: bool = False,
    writer: Writer | None = None,
) -> Rendered:
    """Every target's files (``folder/path`` -> text), diagnostics and seconds per target.

    ``kept``: the cache holds fragments of every target (``fragments.kept_before``), so most
    of the work is reading them: one process does it as fast as two that must send the set
    (measured at 1,000 tables, one page changed: 5.9 s against 5.7 s), not as fast as two
    where the worker inherits it (``inheriting``).

    ``writer``: each target's files are staged as soon as they are rendered, and not kept (the
    files returned are then none); the worker stages its own with a writer of its own, handed
    over to this one as each target is done, so that their text never travels back.

    The targets are taken in turns (``Claims``), the heaviest first and by this process, which
    starts at once; whatever process rendered a target, the results are merged in the order
    of ``targets``."""
    count = min(workers(jobs), 2)
    context = inheriting()
    sent = kept and context is None
    few = jobs == 0 and (sent or len(tables.tables) < PARALLEL_MIN_TABLES)
    if count < 2 or len(targets) < 2 or few:
        return _render(targets, tables, writer)
    order = _ordered(targets, kept)
    claims = Claims(context or _context())
    index = claims.take()
    work = None
    if context is None:
        with collector.paused():
            work = pickle.dumps((order, tables), protocol=pickle.HIGHEST_PROTOCOL)
    else:
        _WORK["render"] = (order, tables)
    remote = None if writer is None else (writer.out, writer.known)
    futures: list[Future[Done]] = []
    pending: list[Future[Done]] = []
    own: dict[int, Rendered] = {}
    try:
        with _pool(1, _claiming, (claims,), context=context) as pool:
            with pools.started():
                received = pool.submit(_receive, work) if work is not None else _received()
                tasks = len(order) - 1  # at most every target but the one taken above
                futures += [pool.submit(_render_work, len(order), remote) for _ in range(tasks)]
            del work  # freed once sent
            pending += futures
            while index < len(order):
                own[index] = _render([order[index]], tables, writer, trim=True)
                _collect(received, pending, writer, wait=False)
                index = claims.take()
            _collect(received, pending, writer, wait=True)
    except BaseException:
        if writer is not None:  # what the worker staged goes with what this process did
            with deferred_interrupt():  # all of it: a second Ctrl-C would leave some
                _adopt_done(pending, writer)
        raise
    finally:
        _WORK.pop("render", None)  # a forked worker has its own reference
    for future in futures:
        done = future.result()
        if done is not None:
            own[done[0]] = done[1]
    rank = {id(target): place for place, target in enumerate(targets)}
    return _merged([own[i] for i in sorted(own, key=lambda i: rank[id(order[i])])])


def _received() -> Future[None]:
    """What a forked worker needs no task for: the set is in it from its start."""
    done: Future[None] = Future()
    done.set_result(None)
    return done


def _collect(
    received: Future[None], pending: list[Future[Done]], writer: Writer | None, wait: bool
) -> None:
    """Take over what the worker staged for the targets it is done with (all of them when
    ``wait``), in order."""
    while pending and (wait or pending[0].done()):
        received.result()  # what the worker raised receiving the set, before its KeyError
        done = pending.pop(0).result()
        if writer is not None and done is not None and done[2] is not None:
            writer.adopt(done[2])


def _adopt_done(pending: list[Future[Done]], writer: Writer) -> None:
    """After a failure: take over what the worker staged in the tasks it finished, so that
    its temporary files are removed with this process's."""
    for future in pending:
        if future.done() and not future.cancelled() and future.exception() is None:
            done = future.result()
            if done is not None and done[2] is not None:
                writer.adopt(done[2])


def _merged(results: list[Rendered]) -> Rendered:
    files: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    timings: dict[str, float] = {}
    for found, found_diagnostics, found_timings in results:
        files.update(found)
        diagnostics += found_diagnostics
        timings.update(found_timings)
    return files, diagnostics, timings


def _ordered(targets: list[Target], kept: bool = False) -> list[Target]:
    """The targets, heaviest first (``Target.cost``: from scratch, or with the cache full when
    ``kept``): the last ones taken are the lightest, so the two processes end close together."""
    return sorted(targets, key=lambda t: -t.cost(kept))


def _render_work(count: int, remote: Remote | None) -> Done:
    """In the render worker: the next of the ``count`` targets not yet taken (None when none
    is left), its files staged here when ``remote`` (OUT, what the last run left there) says
    where, else sent back; each target on its own, so that the worker never holds more than
    one target's files. Whoever takes the last target, the worker then lets the set go."""
    index = _CLAIMS["render"].take()
    if index >= count:
        _WORK.pop("render", None)
        return None
    targets, tables = _WORK["render"] if index < count - 1 else _WORK.pop("render")
    if remote is None:
        return index, _render([targets[index]], tables), None
    writer = Writer(remote[0], Stage(), remote[1])
    try:
        rendered = _render([targets[index]], tables, writer, trim=True)
    except BaseException:
        writer.stage.discard()
        raise
    return index, rendered, writer.hand()


def _trim() -> None:
    """Give back what a target's render left (a target's own cycles collected, then the C
    heap's free pages returned: ``malloc_trim``, glibc): each target then starts from the set,
    not from what the one before left. The set is frozen (``gc.freeze``), so the collection
    walks only what rendering made. Measured at 1,000 tables, the render worker rendering the
    SQL then the OData target: its peak 158 MB instead of 179 MB."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        import ctypes

        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (Windows: no CDLL(None))
        return None
    return trim


def _render(
    targets: list[Target], tables: TableSet, writer: Writer | None = None, trim: bool = False
) -> Rendered:
    """The targets' files, or none when ``writer`` staged each target's (after ``_trim`` when
    ``trim``: the two processes of a cold run, where memory peaks)."""
    diagnostics = Diagnostics()
    files: dict[str, str] = {}
    timings: dict[str, float] = {}
    for target in targets:
        start = time.perf_counter()
        rendered = target.render(tables, diagnostics)
        found = {f"{target.folder}/{rel}": text for rel, text in rendered.items()}
        timings[target.name] = time.perf_counter() - start
        if writer is None:
            files.update(found)
        else:
            del rendered
            if trim:
                _trim()
            writer.add(found)
    return files, diagnostics.items, timings
