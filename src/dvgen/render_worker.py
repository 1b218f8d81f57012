"""The render worker's side of ``parallel_render``: the set it renders (sent to it, or
inherited when forked), and the targets it takes in turn (``claims``), each one's files staged
there or sent back."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from dvgen import collector
from dvgen.claims import Claims
from dvgen.model import TableSet
from dvgen.output import Handed, Writer
from dvgen.outstats import Known
from dvgen.render_local import Rendered, render
from dvgen.sharing import pickle_by_fields
from dvgen.staging import Stage

if TYPE_CHECKING:
    from dvgen.targets import Target

Done = tuple[int, Rendered, Handed | None] | None
"""A render worker's task: the index of the target it took (``Claims``), its files (none when
staged there) and what it staged; None when every target was taken already."""
Remote = tuple[Path, Known]
"""Where a render worker stages its files: OUT, and what the last run left there."""

_WORK: dict[str, tuple[list[Target], TableSet]] = {}
"""What the render worker renders, set in the worker by ``receive``, or in the parent before a
forked worker starts (``hold``)."""
_CLAIMS: dict[str, Claims] = {}
"""In the render worker: the targets' claims it shares with the command (``claiming``)."""


pickle_by_fields()


def hold(targets: list[Target], tables: TableSet) -> None:
    """In the parent, before it forks the worker (``processes.inheriting``): what the worker
    renders, in it from its start."""
    _WORK["render"] = (targets, tables)


def let_go() -> None:
    """Drop the set (in the parent once the worker ended: a forked worker has its own
    reference)."""
    _WORK.pop("render", None)


def claiming(claims: Claims) -> None:
    """In the render worker, as it starts: the claims it shares with the command."""
    _CLAIMS["render"] = claims


def receive(work: bytes) -> None:
    """Unpickle the worker's share (sent by the parent, not read from anywhere): the collector
    paused meanwhile, then the set frozen out of its reach, as in the parent (``pipeline``).
    Measured at 1,000 tables: 0.4 s instead of 1.3 s. A task of its own, not the pool's
    initializer, whose arguments the pool would hold to its end (12 MB at 1,000 tables)."""
    with collector.paused():
        _WORK["render"] = pickle.loads(work)
        gc.freeze()


def render_work(count: int, remote: Remote | None) -> Done:
    """In the render worker: the next of the ``count`` targets not yet taken (None when none
    is left), its files staged here when ``remote`` (OUT, what the last run left there) says
    where, else sent back; each target on its own, so that the worker never holds more than
    one target's files. Whoever takes the last target, the worker then lets the set go."""
    index = _CLAIMS["render"].take()
    if index >= count:
        let_go()
        return None
    targets, tables = _WORK["render"] if index < count - 1 else _WORK.pop("render")
    if remote is None:
        return index, render([targets[index]], tables), None
    writer = Writer(remote[0], Stage(), remote[1])
    try:
        rendered = render([targets[index]], tables, writer, trim=True)
    except BaseException:
        writer.stage.discard()
        raise
    return index, rendered, writer.hand()
