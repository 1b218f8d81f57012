"""Reading the cache back, at the benchmark's scale: a script that prints its figures.

    .venv/bin/python bench/decode_bench.py [--specs DIR | --tables 1000 --shared ../shared]
        [--repeat 5] [--check]

It parses the specs (by default a corpus of ``--tables`` tables built as ``bench.py`` builds
it) once into a cache of its own (a temporary folder, so it never shares one), then prints,
best of ``--repeat``, in this process: (a) reading every cached parse back into model objects
as ``pipeline.parse_all`` does (``Cache.get_many``: each file read, its header and hash
checked, its JSON decoded), and (b) ``fragments.table_digest`` over every table of the
resolved set (the key of the model target's fragments and of the SQL target's plans). Each
decoded value is checked to be the parsed one (``==``, and the same bytes when encoded again:
types and locations included).
``--check`` adds the stage times of ``dvgen check`` after one page changed (the cache filled by
a ``generate`` before, one process, in a copy of the specs), each the best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dvgen import cachedata, fragments
from dvgen.cache import Cache
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import parse_all
from dvgen.resolve import resolve
from dvgen.runkey import open_cache
from dvgen.runner import run_check, run_generate
from dvgen.specfiles import read_specs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, build_corpus, change  # bench/ is not a package: the script beside


def best(repeat: int, work: Callable[[], Any]) -> float:
    """The shortest of ``repeat`` timed calls of ``work`` (what it returns freed after)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        made = work()
        times.append(time.perf_counter() - start)
        del made  # freeing what it made is not part of the figure
    return min(times)


def decoding(specs: Path, work: Path, repeat: int) -> list[Any]:
    """Fill a cache with the parses, time decoding its entries; returns the parsed specs."""
    config = Config(specs=specs, cache=True, cache_dir=work / "cache")
    parsed = parse_all(read_specs(specs), open_cache(config), Diagnostics())
    cache = Cache(config.cache_dir)
    paths = sorted(cache.entries("spec"))
    size = sum(path.stat().st_size for path in paths)
    print(f"cached parses: {len(paths)} entries, {size / 1e6:.1f} MB")
    keys = [path.stem for path in paths]
    seconds = best(repeat, lambda: cache.get_many("spec", keys))
    print(f"(a) reading the cached parses back: {seconds:.3f} s (best of {repeat})")
    again = parse_all(read_specs(specs), open_cache(config), Diagnostics())
    assert again == parsed, "a decoded spec differs from its parse"
    assert cachedata.dumps(again) == cachedata.dumps(parsed), "types or locations differ"
    return parsed


def digesting(parsed: list[Any], repeat: int) -> None:
    tables = resolve(parsed, Diagnostics()).tables

    def digest_all() -> None:
        fragments._DIGESTS.clear()  # each time from scratch, as a run does
        for table in tables:
            fragments.table_digest(table)

    seconds = best(repeat, digest_all)
    print(f"(b) table_digest over {len(tables)} resolved tables: {seconds:.3f} s")


def checking(specs: Path, work: Path, repeat: int) -> None:
    """``check`` after one page changed (another change each time), in this process, one
    job: the shortest time of each stage over ``repeat`` runs."""
    copy = work / "specs"
    shutil.copytree(specs, copy)
    config = Config(specs=copy, out=work / "out", cache_dir=work / "cache", jobs=1)
    run_generate(dataclasses.replace(config, jobs=0), Diagnostics())  # the cache filled
    pages = sorted(copy.glob("*.md"))
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    for count in range(repeat):
        change(pages[len(pages) // 2], count)  # as bench.py does
        start = time.perf_counter()
        outcome = run_check(config, Diagnostics())
        totals.append(time.perf_counter() - start)
        for name, seconds in outcome.timings.items():
            stages.setdefault(name, []).append(seconds)
    shown = ", ".join(f"{name} {min(times):.2f} s" for name, times in stages.items())
    print(f"(c) check after one page changed: {min(totals):.2f} s (best of {repeat}); {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, help="the specs (else a corpus, as bench.py's)")
    parser.add_argument("--tables", type=int, default=1000, help="the corpus's size")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--check", action="store_true", help="also time check after one page changed, by stage"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="decode-bench-") as folder:
        work = Path(folder)
        specs = args.specs
        if specs is None:
            specs = work / "corpus"
            build_corpus(args.shared, args.tables, specs)
        parsed = decoding(specs, work, args.repeat)
        digesting(parsed, args.repeat)
        del parsed
        if args.check:
            checking(specs, work, args.repeat)


if __name__ == "__main__":
    main()
