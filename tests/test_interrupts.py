"""A Ctrl-C at the moments that could hang dvgen or end it with no word of its own, each made
to happen on purpose in a process of its own: exit 130, "dvgen: interrupted", promptly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any, cast

import pytest

from dvgen import interrupts, parallel_render
from tests.conftest import ROOT

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([".", str(ROOT / "src")])}
HANG = 60
"""Seconds after which a run that should end in a few is taken as hung."""
linux_only = pytest.mark.skipif(
    not Path("/proc/self/status").exists() or not hasattr(signal, "pthread_sigmask"),
    reason="needs /proc and signal masks (Linux)",
)


def _python(folder: Path, *argv: str, group: bool = False) -> subprocess.CompletedProcess[str]:
    """``python ARGV`` in ``folder`` (``group``: in a process group of its own)."""
    return subprocess.run(
        [sys.executable, *argv],
        cwd=folder,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
        start_new_session=group,
    )


EXEC_INTERRUPTED = """\
from dvgen import cli

def _command(args):
    exec("raise KeyboardInterrupt")  # as a Ctrl-C in a dataclass's generated __init__

cli._command = _command
cli.entry()
"""


def test_python_m_dvgen_exits_130_after_a_ctrl_c_caught_in_exec_code(tmp_path: Path) -> None:
    """Caught, and still ``python -m`` would end by SIGINT (-2) without ``interrupts.forget``."""
    (tmp_path / "interrupted_in_exec.py").write_text(EXEC_INTERRUPTED)
    done = _python(tmp_path, "-m", "interrupted_in_exec", "generate")
    assert (done.returncode, done.stderr) == (130, "dvgen: interrupted\n")


LOADING = """\
import builtins, runpy, sys

real = builtins.__import__

def interrupted_import(name, *args, **kwargs):
    if name == "dvgen.commands.run":
        {raise_}
    return real(name, *args, **kwargs)

builtins.__import__ = interrupted_import
sys.argv = ["dvgen", "generate"]
runpy._run_module_as_main("dvgen")  # what python -m dvgen does
"""


@pytest.mark.parametrize(
    "raise_",
    [
        "raise KeyboardInterrupt",
        "raise RuntimeError('Error calling __set_name__') from KeyboardInterrupt()",
    ],
    ids=["interrupt", "class-body-broken-off"],
)
def test_a_ctrl_c_while_dvgen_loads_is_exit_130_in_one_line(tmp_path: Path, raise_: str) -> None:
    (tmp_path / "load.py").write_text(LOADING.format(raise_=raise_))
    done = _python(tmp_path, "load.py")
    assert (done.returncode, done.stderr) == (130, "dvgen: interrupted\n")


SCRIPT = """\
import builtins, sys
from importlib.metadata import entry_points

real = builtins.__import__

def interrupted_import(name, *args, **kwargs):
    if name == "dvgen.commands.run":
        raise KeyboardInterrupt
    return real(name, *args, **kwargs)

builtins.__import__ = interrupted_import
sys.argv = ["dvgen", "generate"]
(script,) = entry_points(group="console_scripts", name="dvgen")
sys.exit(script.load()())  # what the installed ``dvgen`` script does
"""


def test_a_ctrl_c_while_the_dvgen_command_loads_is_exit_130_in_one_line(tmp_path: Path) -> None:
    """The console script imports the module it names before it calls anything: that module
    must be the one that loads the rest under ``interrupts.loading``."""
    (tmp_path / "script.py").write_text(SCRIPT)
    done = _python(tmp_path, "script.py")
    assert (done.returncode, done.stderr) == (130, "dvgen: interrupted\n")


def test_caused_by_interrupt() -> None:
    assert interrupts.caused_by_interrupt(KeyboardInterrupt())
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise OSError("broken off") from None
    except OSError as error:
        assert interrupts.caused_by_interrupt(error)  # its context, though not its cause
    assert not interrupts.caused_by_interrupt(RuntimeError("boom"))
    assert not interrupts.caused_by_interrupt(None)


MASKS = """\
import os
from dvgen import parallel_parse

def mask(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1], 16)

def probe(name, data):
    parent = os.getppid()  # the fork server
    return None, [(mask("self", "SigBlk"), mask("self", "SigIgn"), mask(parent, "SigBlk"))]

if __name__ == "__main__":
    for _, found in parallel_parse.parse_many(probe, [(str(i), b"") for i in range(4)], 2):
        print(*found[0])
"""


@linux_only
def test_the_fork_server_and_the_workers_are_born_with_sigint_blocked(tmp_path: Path) -> None:
    """A terminal's Ctrl-C signals the whole group: none of it may reach a process that is
    still starting (the fork server importing, a worker not yet ignoring SIGINT)."""
    (tmp_path / "masks.py").write_text(MASKS)
    done = _python(tmp_path, "masks.py")
    assert done.returncode == 0, done.stderr
    sigint = 1 << (signal.SIGINT - 1)
    for line in done.stdout.splitlines():
        blocked, ignored, server_blocked = map(int, line.split())
        assert blocked & sigint and ignored & sigint and server_blocked & sigint


GROUP_AT_FORK_SERVER = """\
import os, signal, sys
from multiprocessing import forkserver
from dvgen import cli

real = forkserver.ForkServer.ensure_running

def ensure_running(self):
    real(self)
    os.killpg(0, signal.SIGINT)  # a terminal's Ctrl-C while the fork server starts

if __name__ == "__main__":
    forkserver.ForkServer.ensure_running = ensure_running
    cli.entry()
"""


@linux_only
def test_a_terminal_ctrl_c_while_the_fork_server_starts_is_exit_130(project: Path) -> None:
    """Without SIGINT blocked, the fork server dies of it (importing its modules) and the run
    fails with EOFError or "Connection refused" instead."""
    (project / "group.py").write_text(GROUP_AT_FORK_SERVER)
    done = _python(project, "group.py", "generate", "--jobs", "2", group=True)
    assert (done.returncode, done.stderr) == (130, "dvgen: interrupted\n")
    assert not (project / "generated").exists()


@linux_only
def test_a_run_started_with_sigint_ignored_ignores_the_groups_ctrl_c(project: Path) -> None:
    """A shell starts a background job (``dvgen generate &`` in a script) with SIGINT ignored:
    the terminal's Ctrl-C is not for it. dvgen, its fork server and its workers keep ignoring
    it, and the run ends as if nothing happened."""
    (project / "group.py").write_text(GROUP_AT_FORK_SERVER)
    done = subprocess.run(
        [sys.executable, "group.py", "generate", "--jobs", "2"],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (project / "generated" / "model" / "backgroundoperation.yaml").is_file()


QUEUED = """\
import sys, time
from pathlib import Path
from dvgen import pools, processes

def mark(name, seconds):
    Path(name + ".started").touch()
    time.sleep(seconds)
    Path(name).touch()

if __name__ == "__main__":
    pools.STOP_SECONDS = float(sys.argv[1])
    items = {items}
    try:
        with processes.pool(1) as pool:
            futures = [pool.submit(mark, name, seconds) for name, seconds in items]
            while not Path(items[0][0] + ".started").exists():  # in hand; the next queued
                time.sleep(0.01)
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""


def test_an_interrupted_pool_skips_the_work_queued_to_its_worker(tmp_path: Path) -> None:
    """The item in hand is finished (what it staged is handed over and removed); the work
    already queued to the worker is skipped, the rest cancelled: none of it runs."""
    items = [("in-hand", 1.0), ("queued", 0.0), ("pending", 0.0)]
    (tmp_path / "queued.py").write_text(QUEUED.format(items=items))
    done = _python(tmp_path, "queued.py", "30")
    assert (done.returncode, done.stdout, done.stderr) == (0, "interrupted\n", "")
    done_files = sorted(p.name for p in tmp_path.iterdir())
    assert done_files == ["in-hand", "in-hand.started", "queued.py"]


def test_a_worker_still_busy_after_stop_seconds_is_killed(tmp_path: Path) -> None:
    """Whatever holds a worker up, an interrupted pool ends: the worker is killed."""
    (tmp_path / "queued.py").write_text(QUEUED.format(items=[("stuck", 600.0)]))
    done = _python(tmp_path, "queued.py", "0.5")  # else killed as hung after HANG seconds
    assert (done.returncode, done.stdout, done.stderr) == (0, "interrupted\n", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["queued.py", "stuck.started"]


class _Interrupted(Future[Any]):
    """A worker's task whose result a Ctrl-C interrupts the first wait for; done afterwards
    (the pool's stop lets the worker finish the item in hand)."""

    def __init__(self) -> None:
        super().__init__()
        self.waits = 0

    def result(self, timeout: float | None = None) -> Any:
        self.waits += 1
        if self.waits == 1:
            raise KeyboardInterrupt
        return super().result(timeout)


class _Adopting:
    def __init__(self) -> None:
        self.adopted: list[Any] = []

    def adopt(self, handed: Any) -> None:
        self.adopted.append(handed)


def test_what_the_worker_staged_while_a_ctrl_c_broke_the_wait_for_it_is_taken_over() -> None:
    """A Ctrl-C while the command waits for the worker's last target left that target's
    temporary files in OUT (``.metadata.xml.<random>.tmp``): the task had left ``pending``
    before its result came, so ``_adopt_done`` never took over what the worker staged."""
    received: Future[None] = Future()
    received.set_result(None)
    handed = ([(Path("out/.metadata.xml.0123abcd.tmp"), Path("out/metadata.xml"))], [])
    task = _Interrupted()
    pending: list[Future[Any]] = [task]
    writer = _Adopting()
    with pytest.raises(KeyboardInterrupt):
        parallel_render._collect(received, pending, cast(Any, writer), wait=True)
    task.set_running_or_notify_cancel()
    task.set_result((1, None, handed))
    parallel_render._adopt_done(pending, cast(Any, writer))
    assert writer.adopted == [handed]
