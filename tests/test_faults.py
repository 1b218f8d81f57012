"""Faults: Ctrl-C, an unwritable folder, a file name no file system takes, a crash (exit 3), a
parent killed under its workers. Each leaves the disk whole and says what happened in one line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dvgen import staging
from dvgen.cli import main
from dvgen.outnames import NAME_MAX, name_problems
from tests.conftest import ROOT, corpus_pages, needs_shared, run
from tests.golden import assert_golden


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file and folder under ``root`` (folders as b"/")."""
    return {
        p.relative_to(root).as_posix(): b"/" if p.is_dir() else p.read_bytes()
        for p in root.rglob("*")
    }


def edit_spec(project: Path) -> None:
    spec = project / "specs" / "contoso_project.yaml"
    spec.write_text(spec.read_text().replace("max_length: 100", "max_length: 120"))


def interrupt_staging(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> dict[str, bytes]:
    """A run to change, and a Ctrl-C set to come while it stages its files (once ``sql/`` and
    its dialect folders were made): the disk before that run."""
    assert run(capsys, "generate")[0] == 0
    shutil.rmtree(project / "generated" / "sql")
    edit_spec(project)
    before = snapshot(project)
    real_add = staging.Stage.add

    def add(stage: staging.Stage, target: Path, data: bytes) -> None:
        real_add(stage, target, data)
        if len(stage.pending) == 4:
            raise KeyboardInterrupt

    monkeypatch.setattr(staging.Stage, "add", add)
    return before


def test_ctrl_c_while_staging_leaves_the_disk_as_it_was(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = interrupt_staging(project, capsys, monkeypatch)
    code, out, err = run(capsys, "generate", "--no-cache")
    assert (code, out, err) == (130, "", "dvgen: interrupted\n")
    assert snapshot(project) == before


def test_a_second_ctrl_c_while_the_staged_files_are_removed_leaves_none(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = interrupt_staging(project, capsys, monkeypatch)
    real_unlink = Path.unlink

    def unlink(path: Path, missing_ok: bool = False) -> None:
        if path.name.endswith(".tmp") and path.exists():
            signal.raise_signal(signal.SIGINT)  # Ctrl-C again, held until all are removed
        real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    code, out, err = run(capsys, "generate", "--no-cache")
    monkeypatch.undo()
    assert (code, out, err) == (130, "", "dvgen: interrupted\n")
    assert snapshot(project) == before


def test_ctrl_c_during_the_rename_pass_waits_for_its_end(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_spec(project)
    (project / "generated" / "model").mkdir(parents=True)
    (project / "generated" / "model" / "ghost.yaml").write_text("x: 1\n")
    real_replace = os.replace
    calls: list[str] = []

    def replace(src: str, dst: str) -> None:
        if "generated" in str(dst):
            if not calls:
                signal.raise_signal(signal.SIGINT)  # Ctrl-C: held until the pass ends
            calls.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, _, err = run(capsys, "generate")
    assert (code, err) == (130, "dvgen: interrupted\n")
    monkeypatch.setattr(os, "replace", real_replace)
    assert len(calls) > 10
    assert not (project / "generated" / "model" / "ghost.yaml").exists()
    assert run(capsys, "check", "--no-cache") == (0, "", "")


@needs_shared
def test_a_real_ctrl_c_gives_130_and_old_or_new_files_never_a_mix(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for page in corpus_pages():
        shutil.copy(page, specs / page.name)
    argv = [sys.executable, "-m", "dvgen", "generate", "--no-cache", "--jobs", "2"]
    subprocess.run(argv, cwd=tmp_path, check=True)
    old = snapshot(tmp_path / "generated")
    (specs / "account.md").unlink()
    for delay in (0.5, 1.0, 1.5, 2.0):
        process = subprocess.Popen(argv, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        now = snapshot(tmp_path / "generated")
        assert "Traceback" not in err
        assert not [p for p in now if p.endswith(".tmp")]
        if process.returncode == 130:
            assert err.endswith("dvgen: interrupted\n")
            if now != old:  # interrupted during the rename pass: it finished first
                assert "model/account.yaml" not in now
        else:
            assert process.returncode == 0
        if now != old:
            check = subprocess.run([*argv[:3], "check"], cwd=tmp_path, check=False)
            assert check.returncode == 0
            return
    # never got past staging: the disk is still the old one
    assert snapshot(tmp_path / "generated") == old


UP = """\
import os, sys

class Up:
    def find_spec(self, name, path=None, target=None):
        if name == "dvgen.cli":  # python -m dvgen is loading dvgen: Python is up
            sys.meta_path.remove(self)
            sys.stdout.write("up\\n")
            sys.stdout.flush()

if os.environ.pop("DVGEN_TEST_UP", None):  # this process only, not the ones it starts
    sys.meta_path.insert(0, Up())
"""
"""A ``sitecustomize`` saying when dvgen starts loading: a Ctrl-C before is Python's."""


@needs_shared
@pytest.mark.parametrize("group", [False, True], ids=["to-dvgen", "from-a-terminal"])
def test_a_ctrl_c_while_dvgen_starts_gives_130_or_0_and_never_a_mix(
    tmp_path: Path, group: bool
) -> None:
    """Ctrl-C in dvgen's first half second: importing, the fork server and the workers
    starting. From a terminal it signals the whole process group, workers and fork server too
    (``start_new_session`` and ``killpg`` do as a terminal does)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for page in corpus_pages():
        shutil.copy(page, specs / page.name)
    (tmp_path / "up").mkdir()
    (tmp_path / "up" / "sitecustomize.py").write_text(UP)
    path = os.pathsep.join(filter(None, [str(tmp_path / "up"), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path, "DVGEN_TEST_UP": "1"}
    argv = [sys.executable, "-m", "dvgen", "generate", "--no-cache", "--jobs", "2"]
    subprocess.run(argv, cwd=tmp_path, check=True, capture_output=True, env=env)
    old = snapshot(tmp_path / "generated")
    (specs / "account.md").unlink()
    for delay in (0.0, 0.1, 0.2, 0.35, 0.5):
        process = subprocess.Popen(
            argv,
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=group,
        )
        assert process.stdout is not None and process.stdout.readline() == "up\n"
        time.sleep(delay)
        if group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        now = snapshot(tmp_path / "generated")
        assert process.returncode in (130, 0), err
        assert "Traceback" not in err
        assert err.endswith("dvgen: interrupted\n") is (process.returncode == 130)
        assert not [p for p in now if p.endswith(".tmp")]
        if now != old:  # wholly written: the run was done before the Ctrl-C
            check = subprocess.run([*argv[:3], "check"], cwd=tmp_path, check=False)
            assert check.returncode == 0
            old = now


@pytest.mark.golden
def test_a_file_where_the_output_folder_should_be_is_exit_2_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "generated").write_text("not a folder\n")
    code, out, err = run(capsys, "generate", "--target", "model")
    assert (code, out) == (2, "")
    assert err == (
        "dvgen: error: cannot write generated/model/backgroundoperation.yaml: "
        "generated is a file, not a folder\n"
    )
    assert_golden("errors/output-folder-is-a-file.txt", err)
    assert (project / "generated").read_text() == "not a folder\n"
    assert sorted(p.name for p in project.iterdir()) == [".dvgen-cache", "generated", "specs"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_output_folder_is_exit_2_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate", "--target", "model")[0] == 0
    edit_spec(project)
    model = project / "generated" / "model"
    model.chmod(0o555)
    try:
        code, _, err = run(capsys, "generate", "--target", "model")
    finally:
        model.chmod(0o755)
    assert code == 2
    assert err == (
        "dvgen: error: cannot write generated/model/contoso_project.yaml: Permission denied\n"
    )


def test_a_folder_refusing_writes_is_exit_2_naming_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder gives a user who is not root (the test above, skipped as root)."""
    from dvgen import staging

    assert run(capsys, "generate", "--target", "model")[0] == 0
    edit_spec(project)
    before = snapshot(project / "generated")

    def refuse(*args: object, **kwargs: object) -> tuple[int, Path]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(staging, "_temporary", refuse)  # where each temporary file is made
    code, out, err = run(capsys, "generate", "--target", "model")
    assert (code, out) == (2, "")
    assert err == (
        "dvgen: error: cannot write generated/model/contoso_project.yaml: Permission denied\n"
    )
    assert snapshot(project / "generated") == before


@pytest.mark.golden
def test_every_output_name_is_checked_before_anything_is_written(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name too long for a file system stops the run before its first file, at the spec."""
    import dvgen.pipeline
    import dvgen.runner

    long_name = "contoso_project" + "x" * 240
    real = dvgen.pipeline.generate

    def generate(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        extra = {f"model/{long_name}.yaml": "x: 1\n"}
        writer = kwargs.get("writer")  # generate stages each target's files as they come
        if isinstance(writer, dvgen.runner.output.Writer):
            writer.add(extra)
        else:
            result.files.update(extra)
        return result

    monkeypatch.setattr(dvgen.pipeline, "generate", generate)  # the runner imports it to render
    for command in ("generate", "check"):
        code, out, err = run(capsys, command, "--target", "model")
        assert (code, out) == (2, "")
        assert err == (
            "specs/contoso_project.yaml:4: error: cannot write output file "
            f"generated/model/{long_name}.yaml: a file name of 260 bytes (at most {NAME_MAX})\n"
        )
        assert_golden("errors/output-file-name-too-long.txt", err)
    assert not (project / "generated").exists()


def test_a_245_character_table_name_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "new_" + "w" * 241
    (project / "specs" / "long.yaml").write_text(f"logical_name: {name}\n", encoding="utf-8")
    code, out, err = run(capsys, "generate")
    assert (code, out) == (2, "")
    assert err.startswith("specs/long.yaml:1: error: ")
    assert "Traceback" not in err
    assert not (project / "generated").exists()


def test_name_problems() -> None:
    out = Path("generated")
    ok = "x" * NAME_MAX
    assert name_problems(out, {f"model/{ok}": "", "model/a.yaml": ""}) == {}
    assert name_problems(out, {f"model/{ok}y": ""}) == {
        f"model/{ok}y": f"a file name of {NAME_MAX + 1} bytes (at most {NAME_MAX})"
    }
    assert name_problems(out, {"model/a\x00b.yaml": "", "model/../x": ""}) == {
        "model/a\x00b.yaml": "a file name with a control character",
        "model/../x": "'..' is not a file name",
    }
    assert name_problems(out, {"model/A.yaml": "", "model/a.yaml": ""}) == {
        "model/a.yaml": "differs from model/A.yaml only in case (one file where case does "
        "not count)"
    }
    deep = "/".join(["d" * 200] * 21)
    assert name_problems(out, {deep: ""})[deep].startswith("a path of ")


def test_an_internal_error_is_exit_3_in_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("dvgen.commands.run.run_check", broken)
    monkeypatch.delenv("DVGEN_DEBUG", raising=False)
    code, out, err = run(capsys, "check")
    assert (code, out) == (3, "")
    assert err == (
        "dvgen: internal error (RuntimeError: boom); please report it, with the traceback "
        "DVGEN_DEBUG=1 shows\n"
    )
    monkeypatch.setenv("DVGEN_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["check"])


def test_negative_jobs_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["generate", "--jobs", "-1"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith(
        "dvgen generate: error: argument --jobs: must be 0 (one per core) or more, not -1\n"
    )


WORKERS = """\
import os, sys, time
from dvgen import processes

def sleep(_):
    time.sleep(120)

if __name__ == "__main__":
    with processes.pool(2) as pool:
        futures = [pool.submit(sleep, i) for i in range(2)]
        print(os.getpid(), flush=True)
        time.sleep(120)
"""


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    script = tmp_path / "workers.py"
    script.write_text(WORKERS)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert parent.stdout is not None
    pid = int(parent.stdout.readline())
    deadline = time.monotonic() + 30
    while len(workers := _descendants(pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)  # two workers, and the fork server (and resource tracker)
    assert len(workers) >= 3, workers
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while [w for w in workers if _running(w)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [w for w in workers if _running(w)] == []


def test_install_tests_skip_without_a_package_index(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import conftest

    conftest.no_package_index.cache_clear()
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple/")
    for name in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        monkeypatch.delenv(name, raising=False)
    try:
        assert conftest.no_package_index() == (
            "no package index is reachable (http://127.0.0.1:9/simple/): cannot install packages"
        )
        monkeypatch.setenv("PIP_NO_INDEX", "1")
        conftest.no_package_index.cache_clear()
        assert conftest.no_package_index().startswith("PIP_NO_INDEX is set")
    finally:
        conftest.no_package_index.cache_clear()


def test_workers_never_start_by_a_bare_fork() -> None:
    from dvgen.processes import context

    assert context().get_start_method() in ("forkserver", "spawn")


def test_a_ctrl_c_once_main_is_done_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run is over (the output whole): a Ctrl-C while the interpreter shuts down its worker
    pools is ignored, so dvgen exits with its own code, never killed by the signal (-2)."""
    from dvgen import cli

    previous = signal.getsignal(signal.SIGINT)
    try:
        monkeypatch.setattr(cli, "main", lambda: 0)
        with pytest.raises(SystemExit) as exit_:
            cli.entry()
        assert exit_.value.code == 0
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN

        def interrupted() -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "main", interrupted)
        with pytest.raises(SystemExit) as exit_:
            cli.entry()
        assert exit_.value.code == 130
    finally:
        signal.signal(signal.SIGINT, previous)
