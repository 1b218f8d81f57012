"""The page parser's processor time, in one process: a script that prints its figures.

    .venv/bin/python bench/parse_bench.py [--specs DIR | --shared ../shared] [--repeat 5]
        [--profile FILE]

It reads every ``.md`` page of a folder (by default ``/tmp/w1k/specs``, the 1,000-table corpus
``bench.py`` builds; ``--shared`` takes the real pages of ``<shared>/corpus`` instead) into
memory, then parses them all with ``dvgen.parse.parse_spec`` ``--repeat`` times and prints the
best and the median processor time (``time.process_time``: on a machine shared with others, the
figure their load moves least) and the milliseconds per page. ``--profile FILE`` parses them once
more under cProfile and writes its statistics there (read them with ``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import statistics
import time
from pathlib import Path

from dvgen.parse import parse_spec

DEFAULT_SPECS = Path("/tmp/w1k/specs")


def read_pages(folder: Path) -> list[tuple[str, bytes]]:
    """Every page of ``folder`` as (name, bytes), sorted: reading is not part of the figure."""
    return [(path.name, path.read_bytes()) for path in sorted(folder.glob("*.md"))]


def parse_all(pages: list[tuple[str, bytes]]) -> int:
    """Parse every page; returns how many gave a spec (a check that the work was done)."""
    return sum(parse_spec(name, data)[0] is not None for name, data in pages)


def timed(pages: list[tuple[str, bytes]]) -> float:
    """Processor seconds of one parse of every page, the collector's garbage taken before."""
    gc.collect()
    start = time.process_time()
    parse_all(pages)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    parser.add_argument("--shared", type=Path, help="parse <shared>/corpus instead of --specs")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="write a cProfile of one more parse here")
    args = parser.parse_args()
    folder = args.shared / "corpus" if args.shared else args.specs
    pages = read_pages(folder)
    if not pages:
        raise SystemExit(f"no .md page in {folder}")
    size = sum(len(data) for _, data in pages)
    specs = parse_all(pages)  # warms imports and per-process caches, as a parse worker has
    print(f"{len(pages)} pages ({size / 1e6:.1f} MB) in {folder}: {specs} specs")
    times = [timed(pages) for _ in range(args.repeat)]
    best, median = min(times), statistics.median(times)
    per_page = 1000 / len(pages)
    print(
        f"parse_spec, processor time over {args.repeat} runs: best {best:.3f} s "
        f"({best * per_page:.2f} ms a page), median {median:.3f} s "
        f"({median * per_page:.2f} ms a page)"
    )
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(parse_all, pages)
        profile.dump_stats(args.profile)
        print(f"profile of one more parse written to {args.profile}")


if __name__ == "__main__":
    main()
