"""Importing one model of a 1,000-table generated pydantic package: time and peak memory.

    .venv/bin/python bench/import_bench.py [--tables 1000] [--model account] [--shared ../shared]

It builds the scale corpus of ``bench.py`` (renamed copies of the real pages in
../shared/corpus), generates the pydantic package from it, then, each in a fresh interpreter,
times ``from dataverse_models.<model> import <Class>`` (best of several runs) and reads the
process's peak resident memory (``ru_maxrss``), beside a bare ``import pydantic`` (the floor no
generated package can go below), ``import dataverse_models`` (the package alone), and the
model's first use (pydantic completes it then, importing the models it names). It counts the
package's modules each loads. Targets: under 0.5 s and 50 MB for one model.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import PYTHON, ROOT, build_corpus  # the sibling script

PROBE = """
import json, resource, sys, time
start = time.perf_counter()
{statement}
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
loaded = sum(1 for m in sys.modules if m.startswith("dataverse_models"))
print(json.dumps([seconds, peak, loaded]))
"""
RUNS = 5


def probe(statement: str, cwd: Path) -> tuple[float, float, int]:
    """(best seconds, peak MB of that run, package modules loaded) over fresh interpreters."""
    best: tuple[float, float, int] | None = None
    for _ in range(RUNS):
        done = subprocess.run(
            [PYTHON, "-c", PROBE.format(statement=statement)],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, peak, loaded = json.loads(done.stdout)
        if best is None or seconds < best[0]:
            best = (seconds, peak, loaded)
    assert best is not None
    return best


def class_name(package: Path, module: str) -> str:
    """The model class a module defines (its ``class X(DataverseModel)`` line)."""
    for line in (package / f"{module}.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("class ") and "(DataverseModel)" in line:
            return line.removeprefix("class ").split("(", 1)[0]
    raise SystemExit(f"no model class in {module}.py")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--model", default="account", help="table of the first copy to import")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        raise SystemExit(f"no real-page corpus at {args.shared / 'corpus'}")
    work = Path(tempfile.mkdtemp(prefix="dvgen-import-bench-"))
    try:
        build_corpus(args.shared, args.tables, work / "specs")
        subprocess.run(
            [PYTHON, "-m", "dvgen", "generate", "-q", "--no-cache", "--target", "pydantic"],
            cwd=work,
            check=True,
        )
        folder = work / "generated" / "pydantic"
        package = folder / "dataverse_models"
        modules = len(
            [p for p in package.glob("*.py") if p.stem not in ("__init__", "_base", "choices")]
        )
        module = f"u0_{args.model}"
        name = class_name(package, module)
        print(f"package: {modules} model modules, {args.tables} tables; best of {RUNS} runs")
        rows = [
            ("import pydantic (floor)", "import pydantic"),
            ("import dataverse_models", "import dataverse_models"),
            (f"from dataverse_models.{module} import {name}", None),
            (f"from dataverse_models import {name}", None),
            (
                f"... and its first use ({name}.model_rebuild())",
                f"from dataverse_models.{module} import {name}; {name}.model_rebuild()",
            ),
        ]
        print(f"  {'':<58} {'time':>8}   {'peak RSS':>8}   modules")
        for label, statement in rows:
            seconds, peak, loaded = probe(statement or label, folder)
            print(f"  {label:<58} {seconds:6.3f} s   {peak:5.0f} MB   {loaded:7d}")
        print("target for one model: under 0.5 s and 50 MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
