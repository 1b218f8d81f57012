"""Worker pools that start and stop so that no Ctrl-C, whenever it comes, can hang dvgen.

A Ctrl-C reaches the parent (a SIGINT sent to it) or, from a terminal, every process of its
group at once: the workers, the fork server and the resource tracker too. What each could do
to a ``ProcessPoolExecutor`` (CPython 3.11), and what this module does about it:

- A KeyboardInterrupt raised in ``Process.start`` leaves a child forked but not known to the
  pool: nothing sends it a sentinel, and the parent joins it at exit for ever. Workers start
  only in ``started()`` (the pool is made there, and each ``submit`` runs there), where SIGINT
  is deferred.
- A fork server still importing its preloaded modules dies of a SIGINT (it ignores SIGINT only
  once they are loaded); the parent then fails with ``EOFError`` or "Connection refused". A
  worker not yet in its initializer prints a traceback and dies; the pool is then broken. In
  ``started()`` SIGINT is also blocked in the starting thread, and a process inherits its
  parent's blocked signals: the fork server, the resource tracker and the workers (forked by
  the fork server or by this process) are born with SIGINT blocked, so a terminal's Ctrl-C never
  reaches them; the executor's threads, started there too, leave every SIGINT to the main thread.
- Waiting for the workers after an interrupt: the work not started is cancelled, and the work
  already queued to a worker is skipped (``Stopped``): a worker finishes only the item in hand,
  and hands over what it staged (``parallel_render``), so its temporary files are removed with the
  parent's. Killing it instead would leave them, and could leave the executor's thread waiting
  for the rest of a result for ever. Should a worker still not be done after ``STOP_SECONDS``,
  it is killed all the same, and the parent's end of the result pipe closed, so that the
  executor's thread reads an end instead of waiting (what it staged is then left, and removed
  by the next ``generate``).
- A second Ctrl-C while the pool ends would break its end halfway: it is deferred until the
  end is done (``STOP_SECONDS`` at most, then the kill), and raised then.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from multiprocessing.synchronize import Event
from typing import Any, ParamSpec, TypeVar

from dvgen.staging import deferred_interrupt

P = ParamSpec("P")
T = TypeVar("T")

STOP_SECONDS = 10.0
"""How long an interrupted pool waits for its workers to finish the item in hand before it kills
them (at 1,000 tables the longest item, a target's render, takes about 3 s)."""

_WORKER: dict[str, Event] = {}
"""In a worker: the event its pool sets when it stops (``stopping``)."""


class Stopped(Exception):
    """A task skipped: its pool was stopping when a worker took it."""


class Pool(ProcessPoolExecutor):
    """A ProcessPoolExecutor whose tasks are skipped once ``stopping`` is set: the tasks queued
    to a worker before the pool stopped, which cancelling does not reach."""

    def __init__(
        self,
        count: int,
        context: BaseContext,
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
    ) -> None:
        self.stopping = context.Event()
        super().__init__(
            max_workers=count,
            mp_context=context,
            initializer=_begin,
            initargs=(self.stopping, initializer, *initargs),
        )

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """The task, run unless the pool is stopping; a worker may start here (``started``)."""
        with started():
            return super().submit(_unless_stopped, fn, *args, **kwargs)  # type: ignore[arg-type]


def _unless_stopped(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    stopping = _WORKER.get("stopping")
    if stopping is not None and stopping.is_set():
        raise Stopped
    return fn(*args, **kwargs)


def _begin(stopping: Event, initializer: Callable[..., None] | None, *initargs: Any) -> None:
    """In each worker, first: Ctrl-C is the parent's to handle (SIGINT is blocked already when
    the worker started in ``started()``; ignored, a blocked one is dropped)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["stopping"] = stopping
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def started() -> Iterator[None]:
    """Where a pool is made and its workers start (its first ``submit`` or ``map``): SIGINT
    deferred until the block ends, and blocked in this thread meanwhile, so that every process
    and thread started here is born with it blocked (see the module's docstring)."""
    with deferred_interrupt():
        if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups, no mask
            yield
            return
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:  # a SIGINT held meanwhile is delivered here, to the deferring handler
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def pool(
    count: int,
    context: BaseContext,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Pool]:
    """``count`` worker processes (started in ``started()`` as tasks come). When the block
    fails or is interrupted, the pool stops: the work not started is dropped, and the workers
    end once they finished the item in hand (``stop``)."""
    with started():
        workers = Pool(count, context, initializer, initargs)
    try:
        yield workers
    except BaseException:
        with deferred_interrupt():
            stop(workers)
        raise
    with deferred_interrupt():
        end(workers)


def stop(workers: Pool) -> None:
    """Stop the pool: tasks not started cancelled, those queued to a worker skipped; then its
    end (``end``)."""
    workers.stopping.set()
    end(workers, cancel=True)


def end(workers: Pool, cancel: bool = False) -> None:
    """Shut the pool down and wait for its thread, which joins the workers; after
    ``STOP_SECONDS``, kill them and close this process's end of the result pipe: the thread
    then sees them dead, or an end where it read part of a result, and ends too. Workers
    started without the thread (a start broken off) are killed at once."""
    processes = list((getattr(workers, "_processes", None) or {}).values())
    thread = getattr(workers, "_executor_manager_thread", None)
    results = getattr(workers, "_result_queue", None)
    workers.shutdown(wait=False, cancel_futures=cancel)
    if thread is not None:
        thread.join(STOP_SECONDS)
    if thread is None or thread.is_alive():
        for process in processes:
            process.kill()
        for process in processes:
            process.join()
        if results is not None:
            results._writer.close()
        if thread is not None:
            thread.join()
    if results is not None:
        results.close()
