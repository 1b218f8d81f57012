"""Worker processes: how they start, what they inherit, and that they die with their parent.

Workers start by 'forkserver' on Linux, else 'spawn' (a bare 'fork' is unsafe on macOS and in
a process with threads: see ``start_method``), except the render worker on Linux when this
process has no other thread: forked, it inherits the resolved set instead of receiving a copy
(``inheriting``). Workers ignore SIGINT (the parent stops them: ``pools``) and die with their
parent, even one killed by SIGKILL (``die_with_parent``).
"""

from __future__ import annotations

import multiprocessing
import os
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
from typing import Any

from dvgen import pools

WATCH_SECONDS = 0.5
"""How often a worker looks whether its parent is still there."""
_PRELOAD = [
    "dvgen.parse",
    "dvgen.resolve",
    "dvgen.targets.sql.target",
    "dvgen.targets.pydantic.target",
]
"""Modules the fork server loads once, so that each worker starts with them."""


def workers(jobs: int) -> int:
    return jobs or (os.cpu_count() or 1)


def start_method(platform: str = sys.platform) -> str:
    """'forkserver' on Linux, 'spawn' elsewhere: macOS has a fork server too, but its workers
    are forked from a process that may have loaded system frameworks, which macOS does not make
    safe to fork (Python's own default there is 'spawn'); Windows has only 'spawn'."""
    if platform == "linux" and "forkserver" in get_all_start_methods():
        return "forkserver"
    return "spawn"


def context() -> BaseContext:
    """The context of ``start_method``, the fork server preloading dvgen's modules."""
    found = get_context(start_method())
    if found.get_start_method() == "forkserver":
        found.set_forkserver_preload(_PRELOAD)
    return found


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
def pool(
    count: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    start: BaseContext | None = None,
) -> Iterator[ProcessPoolExecutor]:
    """Worker processes, started in ``pools.started()`` (by ``start``, else ``context()``);
    when the block fails or is interrupted, the work not started is dropped and the workers end
    once they finished the item in hand (``pools``: no Ctrl-C at any moment can hang the run)."""
    with pools.pool(count, start or context(), _start_worker, (initializer, *initargs)) as found:
        yield found


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
