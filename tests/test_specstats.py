"""With nothing changed, a run knows the spec files by their stats and reads none of them; any
file whose stats do not show the recorded ones (or that may have changed within the record's
tick of the clock) is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dvgen import runner, specstats
from dvgen.cache import Cache
from dvgen.specfiles import spec_folder
from dvgen.specstats import KIND
from tests.conftest import run

PAGE = "specs/backgroundoperation.md"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The specs folders the runs read (``read_specs``)."""
    seen: list[Path] = []
    read = runner.read_specs

    def counted(specs: Path) -> list[runner.SpecFile]:
        seen.append(specs)
        return read(specs)

    monkeypatch.setattr(runner, "read_specs", counted)
    return seen


def test_nothing_changed_reads_no_spec(
    project: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]
) -> None:
    assert run(capsys, "generate")[0] == 0
    assert len(reads) == 1
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "generate")[0] == 0
    assert len(reads) == 1  # both known by their stats


def test_an_edit_of_the_same_size_is_read(
    project: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]
) -> None:
    assert run(capsys, "generate")[0] == 0
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("|Description|", "|Descriptioz|", 1), encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert len(reads) == 2
    assert code == 1 and "backgroundoperation" in out


def test_a_file_as_new_as_the_record_is_read(
    project: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]
) -> None:
    """Racily clean: a file changed within the tick its record was written shows the recorded
    size and time, so a file not older than the record is read all the same. Here the record
    holds the stats the edited page shows (a time after the record's) and the old hash."""
    assert run(capsys, "generate")[0] == 0
    cache = Cache(project / ".dvgen-cache")
    key = specstats._key(spec_folder(Path("specs")))
    recorded = cache.get_json(KIND, key)
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("|Description|", "|Descriptioz|", 1), encoding="utf-8")
    late = (cache.written_ns(KIND, key) or 0) + 10**12  # not older than the record
    os.utime(page, ns=(late, late))
    recorded[page.name] = [page.stat().st_size, late, recorded[page.name][2]]
    cache.put_json(KIND, key, recorded)
    assert run(capsys, "check")[0] == 1
    assert len(reads) == 2


def test_a_folder_that_may_hold_a_solution_is_always_read(
    project: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]
) -> None:
    (project / "specs" / "notes").mkdir()
    assert run(capsys, "generate")[0] == 0
    assert run(capsys, "check")[0] == 0
    assert len(reads) == 2


def test_a_removed_spec_is_seen(
    project: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]
) -> None:
    assert run(capsys, "generate")[0] == 0
    (project / "specs" / "contoso_project.yaml").unlink()
    assert run(capsys, "check")[0] == 1
    assert len(reads) == 2


def test_the_record_holds_each_file_stats_and_hash(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate")[0] == 0
    key = specstats._key(spec_folder(Path("specs")))
    recorded = Cache(project / ".dvgen-cache").get_json(KIND, key)
    page = project / PAGE
    size, mtime, hashed = recorded[page.name]
    assert (size, mtime) == (page.stat().st_size, page.stat().st_mtime_ns)
    assert hashed == runner.sha256(page.read_bytes())
