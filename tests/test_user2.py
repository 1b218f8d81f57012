"""A demanding user's second walk through dvgen: a project of its own layout, pre-commit, and the
bad input users really make (a folder dvgen may not read, a page saved from a browser, a file
Notepad saved empty, a flag given twice). Each fault met is kept fixed here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run
from tests.solution_support import write_solution


def test_a_solution_folder_dvgen_may_not_read_is_an_error_not_a_missing_folder(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A solution's ``Entities/`` without read permission (copied from another account, say)
    was passed over as if absent: its tables were built from their relationships alone, with a
    warning that the folder lacks their files, and exit 0. Root reads any folder, so the
    refusal is the operating system's, simulated."""
    write_solution(workdir / "specs/ContosoSites")
    refused = workdir / "specs/ContosoSites/Entities"
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path).resolve() == refused.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run(capsys, "generate", "--no-cache")
    assert code == 2, err
    assert err == "dvgen: error: specs/ContosoSites/Entities: Permission denied\n"
    assert not (workdir / "generated").exists()
