"""Writing outputs: atomic per file, only changed files, stale owned files removed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dvgen import outfiles, output
from dvgen.staging import WriteError


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "model" / "t.yaml"
    target.parent.mkdir()
    target.write_text("old\n")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError, match=r"cannot write .*t\.yaml: No space left"):
        output.write(tmp_path, {"model/t.yaml": "new\n"}, set())
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["t.yaml"]


def test_only_changed_files_are_written_and_owned_stale_ones_removed(tmp_path: Path) -> None:
    owned = (("model", ("*.yaml",)), ("sql", ("*/schema.sql",)))
    files = {"model/a.yaml": "a\n", "model/b.yaml": "b\n", "sql/postgres/schema.sql": "s\n"}
    output.write(tmp_path, files, set())
    (tmp_path / "model" / "notes.txt").write_text("mine\n")
    (tmp_path / "model" / "deeper").mkdir()
    (tmp_path / "model" / "deeper" / "c.yaml").write_text("mine too\n")
    (tmp_path / "sql" / "x" / "postgres").mkdir(parents=True)
    (tmp_path / "sql" / "x" / "postgres" / "schema.sql").write_text("and mine\n")
    on_disk = outfiles.owned_on_disk(tmp_path, owned)
    assert on_disk == set(files)

    report = output.write(tmp_path, {"model/a.yaml": "a\n"}, on_disk)

    assert (report.written, report.unchanged, report.removed) == (
        [],
        ["model/a.yaml"],
        ["model/b.yaml", "sql/postgres/schema.sql"],
    )
    assert not (tmp_path / "sql" / "postgres").exists()
    assert (tmp_path / "model" / "notes.txt").read_text() == "mine\n"
    assert (tmp_path / "model" / "deeper" / "c.yaml").is_file()


def test_written_files_are_lf_and_readable_by_all(tmp_path: Path) -> None:
    output.write(tmp_path, {"sql/postgres/schema.sql": "x\n"}, set())
    path = tmp_path / "sql" / "postgres" / "schema.sql"
    assert path.read_bytes() == b"x\n"
    assert path.stat().st_mode & 0o777 == 0o644
