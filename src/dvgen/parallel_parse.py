"""Specs parsed over worker processes when it pays, their results in the order given, so the
output never depends on how the work was shared; ``jobs=1`` parses all in this process."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dvgen import collector, pools, processes
from dvgen.diagnostics import Diagnostic
from dvgen.model import Spec
from dvgen.sharing import pickle_by_fields, share

PARALLEL_MIN_BYTES = 2_000_000
"""Below this much markdown to parse, worker processes cost more than they save."""
PARSE_CHUNKS = 32
"""Chunks per parse worker: the last one a worker takes is what the other may wait for
(at 1,000 tables, 15 pages of about 8 ms each); fewer, larger ones save little sending."""

Parsed = tuple[Spec | None, list[Diagnostic]]


pickle_by_fields()


def parse_many(
    parse: Callable[[str, bytes], Parsed], items: list[tuple[str, bytes]], jobs: int
) -> Iterator[Parsed]:
    """``parse(name, data)`` for each item, in order, over processes when it pays. What the
    workers send back is only received here (no garbage: the collector is paused, 0.4 s less
    at 1,000 tables) and its equal strings made one (``sharing``)."""
    size = sum(len(data) for _, data in items)
    count = processes.workers(jobs)
    if count < 2 or len(items) < 2 or (jobs == 0 and size < PARALLEL_MIN_BYTES):
        for name, data in items:
            yield parse(name, data)
        return
    with processes.pool(count) as pool, collector.paused():
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
