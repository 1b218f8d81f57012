"""How long dvgen takes to end after a Ctrl-C: a benchmark that prints its figures.

    .venv/bin/python bench/interrupt.py --specs /tmp/w1k/specs [--delays 0.5,2,4,6,8]
        [--repeat 3] [--group] [--jobs 2]

Runs ``python -m dvgen generate --no-cache --jobs N`` on SPECS (into a temporary output folder),
sends SIGINT after each delay (``--group``: to the whole process group, as a terminal's Ctrl-C
does) and prints, per delay, the exit status and the seconds from the signal to the exit of the
command (min / median / max over ``--repeat`` runs), and the temporary files left (none
expected). A run that has not ended 120 s after the signal is reported as hung and killed.
The machine is shared: read the spread.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HUNG = 120.0


def interrupted_run(specs: Path, delay: float, group: bool, jobs: int) -> tuple[str, float, int]:
    """(exit status, seconds from the signal to the exit, temporary files left)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        argv = [sys.executable, "-m", "dvgen", "generate", "--no-cache", "--jobs", str(jobs)]
        argv += ["--specs", str(specs), "--out", str(out), "-q"]
        process = subprocess.Popen(
            argv,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        sent = time.perf_counter()
        if group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        try:
            code = str(process.wait(timeout=HUNG))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            code = "hung"
        seconds = time.perf_counter() - sent
        left = len(list(out.rglob("*.tmp"))) if out.exists() else 0
    return code, seconds, left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, required=True)
    parser.add_argument("--delays", default="0.5,2,4,6,8")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--group", action="store_true")
    args = parser.parse_args()
    specs = args.specs.resolve()
    print(f"SIGINT to {'the process group' if args.group else 'dvgen'}, {specs}")
    print("delay s | exit statuses | to exit s (min / median / max) | .tmp left")
    for delay in (float(d) for d in args.delays.split(",")):
        runs = [interrupted_run(specs, delay, args.group, args.jobs) for _ in range(args.repeat)]
        codes = ",".join(code for code, _, _ in runs)
        times = sorted(seconds for _, seconds, _ in runs)
        left = sum(n for _, _, n in runs)
        spread = f"{times[0]:.2f} / {statistics.median(times):.2f} / {times[-1]:.2f}"
        print(f"{delay:7.2f} | {codes:13} | {spread:30} | {left}", flush=True)


if __name__ == "__main__":
    main()
