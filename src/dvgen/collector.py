"""The garbage collector paused where dvgen makes many objects and no garbage in cycles:
parsing a spec, decoding the cache, reading YAML, receiving parse results, resolving, rendering
a target. Each collection there would walk every object made so far and free nothing (measured
at 1,000 tables: decoding the cache 1.6 s against 0.7 s; the SQL target, cold, 3.3 s against
2.0 s)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection in the block; the collector as it was afterwards (a block within another
    leaves it paused)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
