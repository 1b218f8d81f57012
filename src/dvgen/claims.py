"""Targets taken in turns by the command and its render worker, the heaviest first."""

from __future__ import annotations

from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dvgen.targets import Target


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
        """The index of the next target, in the order of ``ordered`` (past the last one when
        every target is taken)."""
        with self.next.get_lock():
            index: int = self.next.value
            self.next.value = index + 1
        return index


def ordered(targets: list[Target], kept: bool = False) -> list[Target]:
    """The targets, heaviest first (``Target.cost``: from scratch, or with the cache full when
    ``kept``): the last ones taken are the lightest, so the two processes end close together."""
    return sorted(targets, key=lambda t: -t.cost(kept))
