"""Where a cold run's memory and processor time go, process by process: a script that prints.

    .venv/bin/python bench/cold_tree.py WORK [--repeat 1] [--every 0.05] [-- dvgen args]

Runs ``python -m dvgen generate --no-cache --out out-cold`` (or the dvgen arguments after
``--``) in WORK (a folder holding ``specs/``, e.g. one ``bench.py --keep`` built), sampling
every ``--every`` seconds the proportional set size (PSS, as ``bench.py`` sums it for the tree)
and the processor time of the command and each of its descendants. It prints the run's time,
the tree's peak and what each process held then, each process's own peak and processor time,
and a timeline of the tree at twenty moments. Processes are named by their role: the command,
the fork server, the resource tracker, and workers by the order they started (on Linux the
parse workers come first, then the render worker).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import _family  # bench/ is not a package

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Sample:
    seconds: float
    pss: dict[int, float] = field(default_factory=dict)
    """pid -> MB."""
    cpu: dict[int, float] = field(default_factory=dict)
    """pid -> seconds of processor time so far."""


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _role(pid: int, root: int, order: dict[int, int]) -> str:
    """What a process is: the command, its fork server or resource tracker (its children,
    told apart by their command lines), or a worker (any other descendant)."""
    if pid == root:
        return "command"
    try:
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, ValueError, IndexError):
        return "?"
    if parent == root and "resource_tracker" in line:
        return "resource tracker"
    if parent == root and "forkserver" in line:
        return "fork server"
    return f"worker {order.setdefault(pid, len(order) + 1)}"


def run(argv: list[str], cwd: Path, every: float) -> tuple[float, list[Sample], dict[int, str]]:
    """Run ``argv`` in ``cwd``, sampling its process tree: (seconds, samples, pid -> role)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples: list[Sample] = []
    roles: dict[int, str] = {}
    order: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(every):
            now = Sample(time.perf_counter() - start)
            for pid in sorted(_family(process.pid)):
                if roles.get(pid, "?") == "?" or now.seconds < 1:  # a child execs at first
                    roles[pid] = _role(pid, process.pid, order)
                now.pss[pid] = _pss_mb(pid)
                now.cpu[pid] = _cpu_seconds(pid)
            samples.append(now)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    thread.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr.decode()}")
    return seconds, samples, roles


def report(seconds: float, samples: list[Sample], roles: dict[int, str]) -> None:
    peak = max(samples, key=lambda s: sum(s.pss.values()))
    total = sum(peak.pss.values())
    print(f"  time {seconds:.2f} s; tree peak {total:.0f} MB at {peak.seconds:.2f} s:")
    for pid, mb in sorted(peak.pss.items(), key=lambda item: -item[1]):
        print(f"    {roles[pid]:<18} {mb:6.0f} MB")
    print("  each process: peak PSS, processor time")
    for pid, role in roles.items():
        own = max((s.pss.get(pid, 0.0) for s in samples), default=0.0)
        cpu = max((s.cpu.get(pid, 0.0) for s in samples), default=0.0)
        print(f"    {role:<18} {own:6.0f} MB {cpu:7.2f} s")
    print("  timeline: seconds, tree MB | each process MB")
    step = max(1, len(samples) // 20)
    for moment in samples[::step]:
        parts = " ".join(f"{roles[pid]}={mb:.0f}" for pid, mb in moment.pss.items())
        print(f"    {moment.seconds:6.2f} {sum(moment.pss.values()):6.0f} | {parts}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("work", type=Path, help="a folder holding specs/")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--every", type=float, default=0.05, help="seconds between samples")
    parser.add_argument("dvgen", nargs="*", help="dvgen's arguments (after --)")
    args = parser.parse_args()
    dvgen = args.dvgen or ["generate", "--no-cache", "--out", "out-cold"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for count in range(args.repeat):
        shutil.rmtree(args.work / "out-cold", ignore_errors=True)
        print(f"run {count + 1}: dvgen {' '.join(dvgen)}")
        report(*run([sys.executable, "-m", "dvgen", *dvgen], args.work, args.every))
    return 0


if __name__ == "__main__":
    sys.exit(main())
