"""Targets rendered by the command and one worker process, taken in turns (``claims``), the
results merged in the order of the targets, so the output never depends on which process
rendered what; the worker's side is ``render_worker``."""

from __future__ import annotations

import pickle
from concurrent.futures import Future
from typing import TYPE_CHECKING

from dvgen import collector, pools, processes, render_worker
from dvgen.claims import Claims, ordered
from dvgen.model import TableSet
from dvgen.output import Writer
from dvgen.render_local import Rendered, merged, render
from dvgen.render_worker import Done
from dvgen.staging import deferred_interrupt

if TYPE_CHECKING:
    from dvgen.targets import Target

PARALLEL_MIN_TABLES = 200
"""Below this many tables, rendering in a second process costs more than it saves."""


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
    where the worker inherits it (``processes.inheriting``).

    ``writer``: each target's files are staged as soon as they are rendered, and not kept (the
    files returned are then none); the worker stages its own with a writer of its own, handed
    over to this one as each target is done, so that their text never travels back.

    The targets are taken in turns (``Claims``), the heaviest first and by this process, which
    starts at once; whatever process rendered a target, the results are merged in the order
    of ``targets``."""
    count = min(processes.workers(jobs), 2)
    context = processes.inheriting()
    sent = kept and context is None
    few = jobs == 0 and (sent or len(tables.tables) < PARALLEL_MIN_TABLES)
    if count < 2 or len(targets) < 2 or few:
        return render(targets, tables, writer)
    order = ordered(targets, kept)
    claims = Claims(context or processes.context())
    index = claims.take()
    work = None
    if context is None:
        with collector.paused():
            work = pickle.dumps((order, tables), protocol=pickle.HIGHEST_PROTOCOL)
    else:
        render_worker.hold(order, tables)
    remote = None if writer is None else (writer.out, writer.known)
    futures: list[Future[Done]] = []
    pending: list[Future[Done]] = []
    own: dict[int, Rendered] = {}
    try:
        with processes.pool(1, render_worker.claiming, (claims,), start=context) as pool:
            with pools.started():
                received = (
                    pool.submit(render_worker.receive, work) if work is not None else _received()
                )
                tasks = len(order) - 1  # at most every target but the one taken above
                futures += [
                    pool.submit(render_worker.render_work, len(order), remote) for _ in range(tasks)
                ]
            del work  # freed once sent
            pending += futures
            while index < len(order):
                own[index] = render([order[index]], tables, writer, trim=True)
                _collect(received, pending, writer, wait=False)
                index = claims.take()
            _collect(received, pending, writer, wait=True)
    except BaseException:
        if writer is not None:  # what the worker staged goes with what this process did
            with deferred_interrupt():  # all of it: a second Ctrl-C would leave some
                _adopt_done(pending, writer)
        raise
    finally:
        render_worker.let_go()  # a forked worker has its own reference
    for future in futures:
        done = future.result()
        if done is not None:
            own[done[0]] = done[1]
    rank = {id(target): place for place, target in enumerate(targets)}
    return merged([own[i] for i in sorted(own, key=lambda i: rank[id(order[i])])])


def _received() -> Future[None]:
    """What a forked worker needs no task for: the set is in it from its start."""
    done: Future[None] = Future()
    done.set_result(None)
    return done


def _collect(
    received: Future[None], pending: list[Future[Done]], writer: Writer | None, wait: bool
) -> None:
    """Take over what the worker staged for the targets it is done with (all of them when
    ``wait``), in order. A task leaves ``pending`` only once taken over: a Ctrl-C while this
    waits for it leaves it there, for ``_adopt_done`` to take over when the worker has done it
    (taken over twice, by a Ctrl-C between the two steps, its files are removed twice: no
    harm)."""
    while pending and (wait or pending[0].done()):
        received.result()  # what the worker raised receiving the set, before its KeyError
        done = pending[0].result()
        if writer is not None and done is not None and done[2] is not None:
            writer.adopt(done[2])
        pending.pop(0)


def _adopt_done(pending: list[Future[Done]], writer: Writer) -> None:
    """After a failure: take over what the worker staged in the tasks it finished, so that
    its temporary files are removed with this process's."""
    for future in pending:
        if future.done() and not future.cancelled() and future.exception() is None:
            done = future.result()
            if done is not None and done[2] is not None:
                writer.adopt(done[2])
