"""Settings are found as black and ruff find theirs: the nearest pyproject.toml holding a
``[tool.dvgen]`` table, walking up from the current folder to the filesystem root."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.config import find_pyproject, load_config
from tests.conftest import run, settings


def test_a_subfolder_run_uses_the_project_settings_with_paths_from_their_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings(project, 'specs = "specs"\nout = "build/out"\ntargets = ["jsonschema"]')
    package = project / "pkg"
    (package / "src" / "inner").mkdir(parents=True)
    (package / "pyproject.toml").write_text('[project]\nname = "pkg"\n[tool.ruff]\n')
    (package / ".git").mkdir()  # a nested repository does not end the search
    monkeypatch.chdir(package / "src" / "inner")
    assert find_pyproject() == Path("../../../pyproject.toml")
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert sorted(p.name for p in (project / "build" / "out").iterdir()) == ["jsonschema"]
    assert not (package / "src" / "inner" / "generated").exists()


def test_the_nearest_section_wins(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings(project, 'out = "outer"')
    sub = project / "sub"
    sub.mkdir()
    settings(sub, 'out = "inner"')
    monkeypatch.chdir(sub / ".")
    assert load_config().out == Path("inner")
    deeper = sub / "a"
    deeper.mkdir()
    monkeypatch.chdir(deeper)
    assert load_config().out == Path("../inner")


def test_without_any_section_the_defaults_apply(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    (workdir / "sub").mkdir()
    assert find_pyproject(workdir / "sub") is None
    config = load_config()
    assert (config.specs, config.out, config.source) == (Path("specs"), Path("generated"), None)
