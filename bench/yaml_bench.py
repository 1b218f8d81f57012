"""Reading dvgen's own canonical YAML: a benchmark that prints its figures.

    .venv/bin/python bench/yaml_bench.py [--sizes 90,1000] [--repeat 5] [--shared ../shared]
        [--yaml DIR ...] [--no-process]

For each size it builds the scale corpus of ``bench.py`` (renamed copies of the real pages),
writes its canonical YAML with the model target (``OUT/model``), then measures, best of
``--repeat``:

- in one process, every YAML file through ``parse_spec`` (what a run does per spec: decode,
  read, check against the spec schema, build, validate), and the parts of the reading: the
  fast path dvgen takes (``dvgen.yamlfast`` and the compiled schema), the full loader with the
  compiled schema (the path of any spec the fast reader declines), and the full loader with
  jsonschema (every spec's path before the fast one);
- a whole process, ``dvgen generate --target jsonschema --no-cache`` with that YAML as the specs
  folder (the like-for-like comparison with the peers of ``bench.py --peers``), as it runs
  (wall time: the workers of a large set are not counted in the CPU time), then with
  ``--jobs 1`` (wall and CPU time of the whole run).

In one process each figure is printed as wall time and CPU time, the least of the runs: the
CPU time moves less when others load the machine.

``--yaml DIR`` measures folders of YAML already written instead. Run it with ``PYTHONPATH``
set to another checkout's ``src`` to measure that one: the parts it does not have are skipped.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import build_corpus  # noqa: E402  (bench/ is not a package)


def best_cpu(run: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """The least wall and the least CPU seconds of ``repeat`` runs in this process (the
    machine is shared: the minimum is the figure least disturbed by others, and the CPU time
    moves less than the wall time when others load the machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def canonical_yaml(shared: Path, size: int, work: Path) -> Path:
    """The model target's YAML of the ``size``-table scale corpus, written under ``work``."""
    build_corpus(shared, size, work / "specs")
    argv = [sys.executable, "-m", "dvgen", "generate", "--specs", "specs", "--out", "out"]
    argv += ["--target", "model", "--no-cache", "-q"]
    subprocess.run(argv, cwd=work, check=True)
    return work / "out" / "model"


def in_process(folder: Path, repeat: int) -> list[tuple[str, tuple[float, float]]]:
    """(what, (wall, CPU) seconds) for every file of ``folder`` read in this process."""
    from dvgen.diagnostics import Diagnostics, Location
    from dvgen.parse import parse_spec, yaml_spec

    files = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.yaml"))]
    texts = [(Location(name), data.decode("utf-8")) for name, data in files]
    rows = [("parse_spec, every file", best_cpu(lambda: [parse_spec(*f) for f in files], repeat))]
    for what, run in _parts(yaml_spec, texts, Diagnostics).items():
        rows.append((what, best_cpu(run, repeat)))
    return rows


def _parts(yaml_spec: Any, texts: list[tuple[Any, str]], diagnostics: Any) -> dict[str, Any]:
    """The reading paths this checkout has, each over every text."""
    from dvgen import yamlio

    validator = yaml_spec._validator()

    def before(where: Any, text: str) -> Any:
        document = yamlio.load(text)
        assert document is not None and not list(validator.iter_errors(document.data))
        return yaml_spec._build(document.data, document.root, where)

    parts = {"full loader + jsonschema (before)": lambda: [before(*t) for t in texts]}
    if hasattr(yaml_spec, "_read_fast"):
        parse = yaml_spec.parse_yaml
        parts["full loader + compiled schema"] = lambda: [
            parse(text, where, diagnostics(), False) for where, text in texts
        ]
        parts["fast path (yamlfast + compiled schema)"] = lambda: [
            parse(text, where, diagnostics()) for where, text in texts
        ]
        from dvgen import yamlfast

        parts["  of which yamlfast.read"] = lambda: [yamlfast.read(text) for _, text in texts]
    return parts


def whole_process(folder: Path, repeat: int, *options: str) -> tuple[float, float]:
    """Best (wall, CPU) seconds of ``dvgen generate --target jsonschema --no-cache`` from
    ``folder``. The CPU time (user and system) counts the processes dvgen waits for: not the
    workers of a large set, whose server process is not waited for; with ``--jobs 1`` it is
    the whole run's."""
    with tempfile.TemporaryDirectory(prefix="dvgen-yaml-bench-") as tmp:
        (Path(tmp) / "pyproject.toml").write_text("", encoding="utf-8")
        argv = [sys.executable, "-m", "dvgen", "generate", "--specs", str(folder)]
        argv += ["--out", "out", "--target", "jsonschema", "--no-cache", "-q", *options]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        walls, cpus = [], []
        for _ in range(repeat):
            before = _children_cpu()
            walls.append(timed(lambda: subprocess.run(argv, cwd=tmp, check=True, env=env)))
            cpus.append(_children_cpu() - before)
        return min(walls), min(cpus)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(label: str, folder: Path, args: argparse.Namespace) -> None:
    count = len(list(folder.glob("*.yaml")))
    size = sum(p.stat().st_size for p in folder.glob("*.yaml")) / 1e6
    print(f"{label}: {count} YAML files, {size:.1f} MB ({folder})")
    print(f"  {'in one process':<45} {'wall':>7}   {'CPU':>7}")
    for what, (wall, cpu) in in_process(folder, args.repeat):
        print(f"  {what:<45} {wall:7.3f} s {cpu:7.3f} s")
    if not args.no_process:
        wall, _ = whole_process(folder, args.repeat)
        print(f"  {'process: generate --target jsonschema':<45} {wall:7.3f} s")
        wall, cpu = whole_process(folder, args.repeat, "--jobs", "1")
        print(f"  {'  the same, --jobs 1':<45} {wall:7.3f} s {cpu:7.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="90,1000", help="table counts of the scale corpora")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measure (best)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--yaml", type=Path, action="append", help="a folder of YAML specs")
    parser.add_argument("--no-process", action="store_true", help="in-process figures only")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, best of {args.repeat}")
    if args.yaml:
        for folder in args.yaml:
            report(str(folder), folder, args)
        return 0
    if not (args.shared / "corpus").is_dir():
        raise SystemExit(f"no real-page corpus at {args.shared / 'corpus'}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="dvgen-yaml-bench-") as tmp:
            report(f"{size} tables", canonical_yaml(args.shared, size, Path(tmp)), args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
