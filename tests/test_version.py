"""One version, shown by ``dvgen --version`` and ``dvgen.__version__`` and written into the
wheel's metadata; the wheel ships the license and ``py.typed``."""

from __future__ import annotations

import email
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import dvgen
from tests.conftest import ROOT, run

VERSION = re.compile(r"\d+\.\d+\.\d+")


def test_version_flag_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "--version")
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"dvgen {dvgen.__version__}\n"
    assert VERSION.fullmatch(dvgen.__version__)


def test_the_version_is_written_once() -> None:
    """pyproject.toml takes it from ``dvgen/__init__.py`` (hatch's dynamic version)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "src/dvgen/__init__.py"


def test_ci_tools_are_pinned_and_dev_includes_test() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    pinned = {r.split("==")[0]: r for r in extras["test"] + extras["dev"] if "==" in r}
    assert sorted(pinned) == ["black", "mypy", "ruff"]
    assert "dvgen[test]" in extras["dev"]
    assert "'.[dev]'" in (ROOT / "scripts" / "test").read_text(encoding="utf-8")


def test_changelog_has_an_unreleased_section() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Keep a Changelog" in text
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## ", 1)[0]
    for feature in ("--version", "dvgen list", "dvgen show", "--table", "lazily"):
        assert feature in unreleased, feature


def test_the_wheel_ships_license_py_typed_and_metadata(tmp_path: Path) -> None:
    """Built offline (no build isolation) with the hatchling the test extra installs."""
    pytest.importorskip("hatchling", reason="hatchling comes with dvgen's test extra")
    subprocess.run(
        [
            sys.executable,
            *("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"),
            *("-w", str(tmp_path), str(ROOT)),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("dvgen-*.whl")
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "dvgen/py.typed" in names
    info = f"dvgen-{dvgen.__version__}.dist-info"
    assert f"{info}/licenses/LICENSE" in names
    license_text = archive.read(f"{info}/licenses/LICENSE").decode()
    assert "Copyright (c) 2026 The dvgen authors" in license_text
    metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
    assert metadata["Version"] == dvgen.__version__
    assert metadata["License-Expression"] == "MIT"
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])
    assert metadata["Requires-Python"] == ">=3.11"
