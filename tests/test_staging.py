"""A stage's temporary files: named as an interrupted run's leftovers are recognised, readable
by all whatever the umask, each folder looked for once per stage (``staging``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dvgen import staging
from dvgen.outfiles import is_leftover
from dvgen.staging import TEMP_NAME, Stage


def test_a_temporary_file_is_named_beside_its_file_and_readable_by_all(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        stage = Stage()
        stage.add(tmp_path / "model" / "a.yaml", b"a\n")
    finally:
        os.umask(previous)
    [(tmp, target)] = stage.pending
    assert tmp.parent == target.parent and TEMP_NAME.fullmatch(tmp.name)
    assert is_leftover(f"model/{tmp.name}", (("model", ("*.yaml",)),))
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o644
    assert tmp.read_bytes() == b"a\n"
    stage.commit([], lambda _: None)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["a.yaml"]


def test_each_folder_is_looked_for_once_per_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1,000 tables a folder holds 1,000 files: its parents were looked at (a ``stat`` of
    each) for every file."""
    looked: list[Path] = []
    real = Path.is_dir

    def counted(path: Path) -> bool:
        looked.append(path)
        return real(path)

    monkeypatch.setattr(Path, "is_dir", counted)
    stage = Stage()
    for name in ("a", "b", "c"):
        stage.add(tmp_path / "out" / "model" / f"{name}.yaml", name.encode())
    assert looked.count(tmp_path / "out" / "model") == 1
    stage.discard()
    assert not (tmp_path / "out").exists()
    stage.add(tmp_path / "out" / "model" / "d.yaml", b"d")  # removed: made again
    assert (tmp_path / "out" / "model").is_dir()
    stage.discard()


def test_a_name_taken_is_tried_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = iter(["0000beef", "0000beef", "0000cafe"])
    monkeypatch.setattr(staging.secrets, "token_hex", lambda _: next(names))
    stage = Stage()
    stage.add(tmp_path / "a.txt", b"1")
    stage.add(tmp_path / "a.txt", b"2")  # its first name is the first file's
    assert sorted(tmp.name for tmp, _ in stage.pending) == [
        ".a.txt.0000beef.tmp",
        ".a.txt.0000cafe.tmp",
    ]
    stage.discard()
    assert list(tmp_path.iterdir()) == []
