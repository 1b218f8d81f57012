"""What a run shows on the terminal besides diagnostics: check's file list, a progress line."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from dvgen.outdiff import Drift

Progress = Callable[[str, int, int], None]
"""(stage, done, total) callback for a progress display (``ProgressLine`` is one)."""


def list_drift(drift: Drift, out: Path, stat: bool, stream: TextIO) -> None:
    """``changed: path`` lines; with ``stat``, each with lines added and removed, and a total."""
    for label, paths in (
        ("changed", drift.changed),
        ("missing", drift.missing),
        ("stale", drift.stale),
        ("leftover", drift.leftover),
    ):
        for rel in paths:
            added, removed = drift.counts.get(rel, (0, 0))
            counts = f" | +{added} -{removed}" if stat and rel in drift.counts else ""
            stream.write(f"{label}: {out / rel}{counts}\n")
    if stat:
        added = sum(a for a, _ in drift.counts.values())
        removed = sum(r for _, r in drift.counts.values())
        stream.write(f"{drift.total} files, +{added} -{removed} lines\n")


class ProgressLine:
    """``parse 340/1000`` on one terminal line, shown once a run takes more than a moment."""

    DELAY = 0.3

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.perf_counter()
        self.shown = False
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self.started < self.DELAY or (now - self.last < 0.1 and done != total):
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r\x1b[Kdvgen: {stage} {done}/{total}")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
