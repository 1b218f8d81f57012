"""Generate stages each target's files as soon as they are rendered, the render worker its own
(``output.Writer``, ``parallel_render.render_targets``); parsed specs share their equal strings
(``sharing``); what was staged goes away whatever fails."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from dvgen import claims, parallel_render, processes, render_worker, targets
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.output import Writer
from dvgen.parse import parse_spec
from dvgen.pipeline import generate, select_targets
from dvgen.runner import run_generate
from dvgen.sharing import share
from dvgen.staging import Stage, staged
from dvgen.targets.jsonschema.target import JsonSchemaTarget
from dvgen.targets.model.target import ModelTarget

PAGE = """\
# Project table/entity reference

## Properties

|Property|Value|
|---|---|
|LogicalName|`contoso_project`|
|SchemaName|`contoso_Project`|
|PrimaryIdAttribute|contoso_projectid|

## Writable columns/attributes

### <a name="BKMK_contoso_name"></a> contoso_name

|Property|Value|
|---|---|
|Description|The name of the project, shown in every view.|
|DisplayName|Name|
|LogicalName|`contoso_name`|
|SchemaName|`contoso_Name`|
|Type|String|
"""


def _all_files(out: Path) -> dict[str, bytes]:
    if not out.exists():
        return {}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _tables(project: Path) -> tuple[Config, TableSet]:
    config = Config(specs=project / "specs", out=project / "out", cache=False, jobs=1)
    return config, generate(config, Diagnostics()).tables


@pytest.fixture(params=["inherited", "sent"])
def handover(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """How the render worker gets the set: forked with it (Linux, one thread), or sent a copy
    (elsewhere, or with threads running). Each is checked to be the one taken."""
    if request.param == "sent":
        monkeypatch.setattr(processes, "inheriting", lambda: None)
    elif processes.inheriting() is None:
        pytest.skip("this platform cannot fork a worker safely")
    else:  # a forked worker is never sent the set (it would fail here)
        monkeypatch.setattr(render_worker, "receive", _never)
    return str(request.param)


def _never(work: bytes) -> None:
    raise AssertionError("the set was sent to a worker that inherits it")


def test_the_worker_stages_its_files_and_none_come_back(project: Path, handover: str) -> None:
    config, tables = _tables(project)
    chosen = select_targets(config)
    expected, _, _ = parallel_render.render_targets(chosen, tables, jobs=1)
    with staged() as stage:
        writer = Writer(config.out, stage)
        files, _, timings = parallel_render.render_targets(chosen, tables, jobs=2, writer=writer)
        assert files == {}
        assert set(timings) == {target.name for target in chosen}
        digests = {rel: hashlib.sha256(text.encode()).hexdigest() for rel, text in expected.items()}
        assert writer.hashes == digests
        assert not _all_files(config.out).keys() & expected.keys()  # staged, not yet renamed
        writer.commit(set())
    assert _all_files(config.out) == {rel: text.encode() for rel, text in expected.items()}


def test_generate_writes_what_it_renders_in_memory(project: Path) -> None:
    config, _ = _tables(project)
    expected = generate(config, Diagnostics()).files
    outcome = run_generate(dataclasses.replace(config, jobs=2), Diagnostics())
    assert _all_files(config.out) == {rel: text.encode() for rel, text in expected.items()}
    assert outcome.report.written == sorted(expected)
    again = run_generate(dataclasses.replace(config, jobs=2), Diagnostics())
    assert (again.report.written, again.report.unchanged) == ([], sorted(expected))


class SlowModel(ModelTarget):
    """The model target, leaving a mark once rendered (in the worker: the lighter one)."""

    name = "slow_model"
    weight = 0.1

    def render(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        files = super().render(tables, diagnostics)
        (self.config.out.parent / "rendered").write_text("")
        return files


class Broken(JsonSchemaTarget):
    """Fails in this process once the worker has rendered (and is staging) its target."""

    name = "broken"
    weight = 9.0

    def render(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        deadline = time.monotonic() + 60
        while not (self.config.out.parent / "rendered").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        raise RuntimeError("broken target")


def test_a_failure_leaves_no_file_of_either_process(
    project: Path, monkeypatch: pytest.MonkeyPatch, handover: str
) -> None:
    monkeypatch.setitem(targets.TARGETS, "slow_model", f"{__name__}:SlowModel")
    monkeypatch.setitem(targets.TARGETS, "broken", f"{__name__}:Broken")
    config = Config(
        specs=project / "specs", out=project / "out", cache=False, jobs=2,
        targets=("slow_model", "broken"),
    )  # fmt: skip
    with pytest.raises(RuntimeError, match="broken target"):
        run_generate(config, Diagnostics())
    assert (project / "rendered").exists()  # the worker's target was staged, then removed
    assert not config.out.exists()


class Pid(ModelTarget):
    """Renders the id of the process that renders it."""

    name = "pid"
    weight = 0.1
    kept_weight = 0.01  # the lighter target: the worker's

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        (self.config.out.parent / "pid-rendered").write_text("")
        return {"pid": str(os.getpid())}


def _wait_for(mark: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not mark.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


class AfterPid(ModelTarget):
    """The model target, rendered once ``Pid`` was: the command takes it (the heavier one)
    and leaves ``Pid`` to the worker, however late the worker starts."""

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        _wait_for(self.config.out.parent / "pid-rendered")
        return super().files(tables, diagnostics)


def test_inheriting_forks_only_on_linux_and_only_with_no_other_thread() -> None:
    assert processes.inheriting("darwin") is None
    assert processes.inheriting("win32") is None
    if sys.platform != "linux":
        return
    forked = processes.inheriting("linux")
    assert forked is not None and forked.get_start_method() == "fork"
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert processes.inheriting("linux") is None
    finally:
        release.set()
        thread.join()


@pytest.mark.parametrize("forks", [True, False])
def test_a_run_after_a_change_renders_in_two_processes_only_when_the_worker_inherits(
    project: Path, monkeypatch: pytest.MonkeyPatch, forks: bool
) -> None:
    """With the cache full (``kept``), sending the set costs what the worker would save."""
    if forks and processes.inheriting() is None:
        pytest.skip("this platform cannot fork a worker safely")
    if not forks:
        monkeypatch.setattr(processes, "inheriting", lambda: None)
    monkeypatch.setattr(parallel_render, "PARALLEL_MIN_TABLES", 1)
    config, tables = _tables(project)
    chosen = [Pid(config), AfterPid(config)]
    files, _, _ = parallel_render.render_targets(chosen, tables, jobs=0, kept=True)
    assert (files["model/pid"] != str(os.getpid())) is forks


def test_targets_are_taken_heaviest_first_from_scratch_or_with_the_cache_full() -> None:
    """Measured at 1,000 tables (``bench/targets.py``): from scratch the three SQL dialects
    weigh most, then the model's YAML; with every fragment kept the model's YAML costs little
    and the SQL plan much: the order differs."""
    chosen = select_targets(Config())
    for kept in (False, True):
        order = claims.ordered(chosen, kept)
        assert sorted(order, key=chosen.index) == chosen
        costs = [t.cost(kept) for t in order]
        assert costs == sorted(costs, reverse=True)
    cold = [t.name for t in claims.ordered(chosen, False)]
    warm = [t.name for t in claims.ordered(chosen, True)]
    assert (cold[:2], warm[-1]) == (["sql", "model"], "model")


class Stamped(ModelTarget):
    """Renders the id of the process that renders it, under its own name."""

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        (self.config.out.parent / f"{self.name}-rendered").write_text("")
        return {f"{self.name}.pid": str(os.getpid())}


class Quick(Stamped):
    name = "quick"
    weight = 5.0  # the heaviest by its weight: the command's, done once the worker took one

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        _wait_for(self.config.out.parent / "slow-started")
        return super().files(tables, diagnostics)


class Slow(Stamped):
    name = "slow"
    weight = 3.0  # the worker's: rendered once ``last`` was

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        (self.config.out.parent / "slow-started").write_text("")
        _wait_for(self.config.out.parent / "last-rendered", 40)
        return super().files(tables, diagnostics)


class Last(Stamped):
    name = "last"
    weight = 1.0  # by weight the worker's too (3 + 1 < 5), if the work were split beforehand


def test_a_process_that_is_free_takes_the_next_target(
    project: Path, monkeypatch: pytest.MonkeyPatch, handover: str
) -> None:
    """The weights would give ``slow`` and ``last`` to the worker and ``quick`` to the
    command; ``slow`` takes long (until ``last`` is rendered), so the command, free first,
    takes ``last``. Split beforehand, the worker would render ``last`` only after ``slow``
    gave up waiting (40 s). The files merge in the order of the targets given."""
    monkeypatch.setattr(parallel_render, "PARALLEL_MIN_TABLES", 1)
    config, tables = _tables(project)
    chosen = [Slow(config), Last(config), Quick(config)]
    started = time.monotonic()
    files, _, timings = parallel_render.render_targets(chosen, tables, jobs=2)
    assert time.monotonic() - started < 30
    assert list(timings) == ["slow", "last", "quick"]
    pids = {rel.split("/")[1]: text for rel, text in files.items()}
    assert pids["quick.pid"] == pids["last.pid"] == str(os.getpid()) != pids["slow.pid"]


def test_a_stage_takes_over_folders_made_elsewhere_and_removes_them_deepest_first(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    (out / "sql").mkdir(parents=True)
    (out / "model").mkdir()
    mine = Stage(made=[out / "model"])  # made after the worker had made OUT itself
    mine.adopt([], [out, out / "sql"])
    mine.discard()
    assert not out.exists()


def test_a_folder_made_meanwhile_by_another_stage_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    real = Path.is_dir
    seen: list[Path] = []

    def late(path: Path) -> bool:  # the other process makes it just after this one looked
        if path == folder and path not in seen:
            seen.append(path)
            return False
        return real(path)

    monkeypatch.setattr(Path, "is_dir", late)
    stage = Stage()
    stage.add(folder / "a.txt", b"a\n")
    assert stage.made == []  # not this stage's to remove
    stage.discard()
    assert folder.is_dir() and not list(folder.iterdir())


def test_parsed_specs_share_their_equal_strings() -> None:
    first, _ = parse_spec("specs/a.md", PAGE.encode())
    second, _ = parse_spec("specs/b.md", PAGE.encode())
    assert first == second
    assert first is not None and second is not None
    described = [first.columns[0].description, second.columns[0].description]
    assert described[0] == described[1] and described[0] is not described[1]
    strings: dict[str, str] = {}
    share(first, strings)
    share(second, strings)
    assert first == second
    assert second.columns[0].description is first.columns[0].description
    assert second.logical_name is first.logical_name
    assert second.loc.path == "specs/b.md"  # a Location is left as it is


def test_the_model_crosses_processes_by_its_fields() -> None:
    import copyreg
    import pickle

    from dvgen.model import Column

    spec, _ = parse_spec("specs/a.md", PAGE.encode())
    assert spec is not None
    assert Column in copyreg.dispatch_table  # not dataclasses' per-object fields() walk
    again = pickle.loads(pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == spec
    assert again.columns[0].loc == spec.columns[0].loc  # outside ==: carried all the same


def test_the_spec_files_bytes_are_let_go_once_parsed(project: Path) -> None:
    from dvgen.specfiles import read_specs

    config, _ = _tables(project)
    specs = read_specs(config.specs)
    assert specs
    generate(config, Diagnostics(), specs=specs)
    assert specs == []  # not held while the set renders
