"""Where a cold run's wall-clock time goes, process by process: a script that prints.

    .venv/bin/python bench/timeline.py WORK [--repeat 3] [--log FILE] [-- dvgen args]

Runs ``dvgen generate --no-cache --out out-timeline`` (or the dvgen arguments after ``--``) in
WORK (a folder holding ``specs/``) in a fresh process whose stages are wrapped to stamp
``time.perf_counter`` (one clock for every process on Linux) and ``time.process_time`` into a
log, one line per event: the command's stages, each page a parse worker parses, each page the
command receives back, each target rendered and staged in the command and in the render worker,
the wait for the worker, the commit, the run record, every garbage collection. Nothing of
dvgen is changed: the wrappers are set on its modules before it runs (the render worker is
forked, so it has them; parse workers import this module to unpickle the traced parse).

It prints, per run: the command's phases (wall and processor time), the parse workers' busy
and idle time (start, gaps, the end of one against the other), how late the command receives
each result, the render worker's targets, and the time after the command's last line until
the process had ended. Repeat it, and read min / median: the machine is shared.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOG_ENV = "DVGEN_TIMELINE_LOG"
_FD: dict[int, int] = {}


def stamp(kind: str, name: str = "-") -> None:
    """One event of this process: pid, kind, name, wall clock, processor time."""
    pid = os.getpid()
    fd = _FD.get(pid)
    if fd is None:
        fd = os.open(os.environ[LOG_ENV], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        _FD[pid] = fd
    usage = resource.getrusage(resource.RUSAGE_SELF)
    line = (
        f"{pid}\t{kind}\t{name}\t{time.perf_counter():.6f}\t{time.process_time():.6f}\t"
        f"{usage.ru_stime:.6f}\t{usage.ru_minflt}\n"
    )
    os.write(fd, line.encode())


def _gc_stamp(phase: str, info: dict[str, int]) -> None:
    stamp(f"gc-{phase}", str(info.get("generation", "?")))


def _watch_gc() -> None:
    if _gc_stamp not in gc.callbacks:
        gc.callbacks.append(_gc_stamp)


def _born() -> None:
    """Once per process: a stamp at the moment the process was made (``/proc``, to 10 ms)."""
    if os.getpid() in _FD:
        return
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    since = time.clock_gettime(time.CLOCK_BOOTTIME) - time.perf_counter()
    stamp("born", f"{ticks / os.sysconf('SC_CLK_TCK') - since:.6f}")


def traced_parse(parse: Callable[[str, bytes], Any], name: str, data: bytes) -> Any:
    """In a parse worker: the page parsed between two stamps."""
    _born()
    _watch_gc()
    stamp("parse-start", name)
    try:
        return parse(name, data)
    finally:
        stamp("parse-end", name)


def _around(owner: Any, attribute: str, label: Callable[..., str] | None = None) -> None:
    """``owner.attribute`` wrapped: a stamp before and after each call."""
    inner = getattr(owner, attribute)

    @functools.wraps(inner)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        name = label(*args, **kwargs) if label is not None else "-"
        stamp(f"{attribute}-start", name)
        try:
            return inner(*args, **kwargs)
        finally:
            stamp(f"{attribute}-end", name)

    setattr(owner, attribute, wrapped)


def _install() -> None:
    """The wrappers, set on dvgen's modules before the run imports their names."""
    from dvgen import output, parallel_render, pipeline, processes, resolve, runner
    from dvgen.targets import Target

    _watch_gc()
    inner_many = pipeline.parse_many

    def parse_many(parse: Any, items: list[tuple[str, bytes]], jobs: int) -> Iterator[Any]:
        traced = functools.partial(traced_parse, parse)
        for (name, _), result in zip(items, inner_many(traced, items, jobs), strict=True):
            stamp("received", name)
            yield result

    pipeline.parse_many = parse_many  # type: ignore[assignment]
    from multiprocessing import forkserver

    _around(forkserver.ForkServer, "ensure_running")
    _around(runner, "read_specs")
    _around(pipeline, "parse_all")
    _around(resolve, "resolve")
    _around(pipeline, "render_targets")
    _around(Target, "render", lambda self, *_: str(self.name))
    _around(output.Writer, "add", lambda self, files: next(iter(files), "-").split("/")[0])
    _around(output.Writer, "commit")
    _around(runner, "_record")
    _around(parallel_render, "_collect", lambda *a, **k: "wait" if k.get("wait") else "poll")
    _around(processes, "pool", lambda count, *a, **k: str(count))


def child(argv: list[str]) -> int:
    """The command, its stages stamped."""
    stamp("child-start")
    _install()
    stamp("installed")
    from dvgen.cli import main

    code = main(argv)
    stamp("main-returned")
    return code


@dataclass
class Event:
    pid: int
    kind: str
    name: str
    wall: float
    cpu: float
    system: float
    faults: int


@dataclass
class Run:
    seconds: float
    started: float
    events: list[Event] = field(default_factory=list)


def run_once(work: Path, dvgen: list[str], log: Path) -> Run:
    log.unlink(missing_ok=True)
    env = {**os.environ, LOG_ENV: str(log)}
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import timeline; "
        "sys.exit(timeline.child(sys.argv[1:]))"
    )
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *dvgen], cwd=work, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"dvgen {' '.join(dvgen)} failed ({done.returncode})")
    events = []
    for line in log.read_text().splitlines():
        pid, kind, name, wall, cpu, system, faults = line.split("\t")
        events.append(
            Event(int(pid), kind, name, float(wall), float(cpu), float(system), int(faults))
        )
    return Run(seconds, started, events)


def _span(events: list[Event], start: str, end: str) -> tuple[float, float]:
    """Wall and processor seconds from the first ``start`` to the last ``end``."""
    first = next(e for e in events if e.kind == start)
    last = [e for e in events if e.kind == end][-1]
    return last.wall - first.wall, last.cpu - first.cpu


def _gc_seconds(events: list[Event]) -> tuple[float, int]:
    total, count, begun = 0.0, 0, 0.0
    for event in events:
        if event.kind == "gc-start":
            begun = event.wall
        elif event.kind == "gc-stop":
            total += event.wall - begun
            count += 1
    return total, count


def analyse(run: Run) -> dict[str, float]:
    """The figures of one run (seconds), printed and kept for min / median."""
    by_pid: dict[int, list[Event]] = defaultdict(list)
    for event in run.events:
        by_pid[event.pid].append(event)
    main_pid = run.events[0].pid
    main = by_pid[main_pid]
    at = {e.kind: e for e in main}
    figures: dict[str, float] = {"total": run.seconds}
    figures["start to first line"] = main[0].wall - run.started
    figures["imports, config, read"] = at["parse_all-start"].wall - main[0].wall
    server = [e for e in main if e.kind.startswith("ensure_running")]
    if server:
        figures["fork server started in"] = server[1].wall - server[0].wall
    figures["parse stage"], figures["parse stage cpu (command)"] = _span(
        main, "parse_all-start", "parse_all-end"
    )
    figures["resolve"] = _span(main, "resolve-start", "resolve-end")[0]
    figures["resolved to render"] = at["render_targets-start"].wall - at["resolve-end"].wall
    figures["render stage"], figures["render stage cpu (command)"] = _span(
        main, "render_targets-start", "render_targets-end"
    )
    waits = [e for e in main if e.kind.startswith("_collect") and e.name == "wait"]
    if waits:
        figures["command waits for render worker"] = waits[-1].wall - waits[0].wall
    figures["commit"] = _span(main, "commit-start", "commit-end")[0]
    figures["render end to main's return"] = (
        at["main-returned"].wall - at["render_targets-end"].wall
    )
    figures["main returned to exit"] = run.started + run.seconds - at["main-returned"].wall
    figures["gc (command)"], _ = _gc_seconds(main)
    _parse_workers(by_pid, main, figures)
    _render_worker(by_pid, main_pid, figures)
    return figures


def _parse_workers(
    by_pid: dict[int, list[Event]], main: list[Event], figures: dict[str, float]
) -> None:
    parsing = {pid: ev for pid, ev in by_pid.items() if any(e.kind == "parse-start" for e in ev)}
    own = parsing.pop(main[0].pid, [])
    figures["pages parsed by the command"] = sum(e.kind == "parse-start" for e in own)
    if not parsing:
        return
    begin = next(e for e in main if e.kind == "parse_all-start").wall
    ends = []
    for index, (_, events) in enumerate(sorted(parsing.items()), 1):
        starts = [e for e in events if e.kind == "parse-start"]
        stops = [e for e in events if e.kind == "parse-end"]
        busy = sum(b.wall - a.wall for a, b in zip(starts, stops, strict=True))
        cpu = sum(b.cpu - a.cpu for a, b in zip(starts, stops, strict=True))
        span = stops[-1].wall - starts[0].wall
        born = next(float(e.name) for e in events if e.kind == "born")
        figures[f"parse worker {index} made after"] = born - begin
        figures[f"parse worker {index} starts after"] = starts[0].wall - begin
        figures[f"parse worker {index} busy (wall)"] = busy
        figures[f"parse worker {index} busy (cpu)"] = cpu
        figures[f"parse worker {index} idle between pages"] = span - busy
        figures[f"parse worker {index} pages"] = len(starts)
        figures[f"parse worker {index} gc"] = _gc_seconds(events)[0]
        ends.append(stops[-1].wall)
    figures["parse workers' last pages end apart"] = max(ends) - min(ends)
    received = [e for e in main if e.kind == "received"]
    figures["last received after last parsed"] = received[-1].wall - max(ends)
    end = next(e for e in main if e.kind == "parse_all-end").wall
    figures["parse stage end after last received"] = end - received[-1].wall


def _render_worker(
    by_pid: dict[int, list[Event]], main_pid: int, figures: dict[str, float]
) -> None:
    for events in by_pid.values():
        if events[0].pid == main_pid or not any(e.kind == "render-start" for e in events):
            continue
        starts = [e for e in events if e.kind == "render-start"]
        stops = [e for e in events if e.kind == "add-end"]
        main = by_pid[main_pid]
        begin = next(e for e in main if e.kind == "render_targets-start").wall
        figures["render worker first target after"] = starts[0].wall - begin
        figures["render worker done after"] = stops[-1].wall - begin
        figures["render worker cpu"] = stops[-1].cpu - starts[0].cpu
        figures["render worker gc"] = _gc_seconds(events)[0]
    for events in by_pid.values():
        renders = [e for e in events if e.kind in ("render-start", "render-end")]
        adds = [e for e in events if e.kind in ("add-start", "add-end")]
        who = "command" if events[0].pid == main_pid else "worker"
        for a, b in zip(renders[::2], renders[1::2], strict=True):
            figures[f"{who}: render {a.name}"] = b.wall - a.wall
            figures[f"{who}: render {a.name} cpu"] = b.cpu - a.cpu
            figures[f"{who}: render {a.name} system"] = b.system - a.system
            figures[f"{who}: render {a.name} kfaults"] = (b.faults - a.faults) / 1000
        for a, b in zip(adds[::2], adds[1::2], strict=True):
            figures[f"{who}: stage {a.name}"] = b.wall - a.wall
            figures[f"{who}: stage {a.name} cpu"] = b.cpu - a.cpu
            figures[f"{who}: stage {a.name} system"] = b.system - a.system


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("work", type=Path, help="a folder holding specs/")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--log", type=Path, default=None, help="keep the last run's log here")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    dvgen = argv[split + 1 :] or ["generate", "--no-cache", "--out", "out-timeline", "-q"]
    log = args.log or args.work / "timeline.log"
    runs: list[dict[str, float]] = []
    for count in range(args.repeat):
        shutil.rmtree(args.work / "out-timeline", ignore_errors=True)
        runs.append(analyse(run_once(args.work, dvgen, log)))
        print(f"run {count + 1}: {runs[-1]['total']:.2f} s", flush=True)
    print(f"{'seconds':<44} {'min':>7} {'median':>7} {'max':>7}")
    for key in runs[0]:
        values = [r[key] for r in runs if key in r]
        print(f"{key:<44} {min(values):7.2f} {statistics.median(values):7.2f} {max(values):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
