"""A new user's first ten minutes: a wheel of this checkout in a fresh virtual environment, then
the README's Install and Quick start sections, verbatim, in a project of their own (a new git
repository), down to the ``repo: local`` pre-commit hook passing on a clean tree and stopping a
commit whose outputs drifted.

The blocks come from README.md itself (``tests/docpages.py`` runs them by the rules of
docs/development.md), so the README cannot drift from what works. It needs a package index, for
dvgen's dependencies and the tools the quick start installs; without one it is skipped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED, no_package_index
from tests.docpages import ROOT, Block, Page, new_project, read_page, run_page

SECTIONS = ("## Install", "## Quick start")


def quick_start() -> Page:
    """The blocks of the README's Install and Quick start sections, in order."""
    page = read_page(ROOT / "README.md")
    sections = [(n, title) for n, title in page.headings if title.startswith("## ")]
    spans = []
    for number, (start, title) in enumerate(sections):
        end = sections[number + 1][0] if number + 1 < len(sections) else sys.maxsize
        if title in SECTIONS:
            spans.append((start, end))
    assert len(spans) == len(SECTIONS), f"README.md lacks a section of {SECTIONS}"
    blocks = [b for b in page.blocks if any(a < b.line < z for a, z in spans)]
    return Page(page.name, blocks, page.setup)


def _pip(python: Path, *args: str, cwd: Path) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        cwd=cwd,
        check=True,
        timeout=600,
    )


def _fresh_environment(folder: Path) -> Path:
    """A new virtual environment holding a wheel of this checkout and its dependencies; its
    scripts folder."""
    wheels = folder / "wheels"
    isolation = ["--no-build-isolation"] if _has("hatchling") else []  # else fetched from the index
    _pip(
        Path(sys.executable),
        "wheel",
        "--no-deps",
        *isolation,
        "-w",
        str(wheels),
        str(ROOT),
        cwd=folder,
    )
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    (wheel,) = wheels.glob("dvgen-*.whl")
    _pip(venv / "bin" / "python", "install", str(wheel), cwd=folder)
    return venv / "bin"


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def test_the_quick_start_covers_install_generate_and_the_local_hook() -> None:
    """What the quick start must show, whatever its wording: so the test below cannot pass on
    a README that lost its hook or its drift."""
    blocks = quick_start().blocks
    config = [b for b in blocks if b.file == ".pre-commit-config.yaml"]
    assert config and "repo: local" in config[0].text and "entry: dvgen check" in config[0].text
    commands = [
        line for b in blocks if b.lang == "sh" and not b.skip for line in b.text.splitlines()
    ]
    assert "dvgen generate" in commands
    assert any(c.startswith("pre-commit run") for c in commands)
    assert any("commit" in c and c.endswith("# exit 1") for c in commands), "no drift shown"
    assert any(b.lang == "python" for b in blocks) and any(b.lang == "sql" for b in blocks)


@pytest.mark.skipif(bool(no_package_index()), reason=no_package_index() or "index reachable")
def test_the_readme_quick_start_works_from_a_wheel(tmp_path: Path) -> None:
    bin_dir = _fresh_environment(tmp_path)
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import dvgen; print(dvgen.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert Path(where).is_relative_to(bin_dir.parent), f"dvgen imported from {where}"
    page = quick_start()
    project = tmp_path / "project"
    env = new_project(project, page, SHARED, bin_dir)
    skipped = run_page(page, project, env)
    assert [b.line for b in skipped] == [_install_line(page)]
    git = ["git", "log", "--format=%s"]
    log = subprocess.run(git, cwd=project, env=env, capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 2, log.stdout  # the drifted commit was stopped
    status = ["git", "status", "--porcelain"]
    clean = subprocess.run(status, cwd=project, env=env, capture_output=True, text=True, check=True)
    assert clean.stdout == ""


def _install_line(page: Page) -> int:
    """The one block not run: installing dvgen from its git URL, for which the wheel stands."""
    installs: list[Block] = [
        b for b in page.blocks if "pip install" in b.text and "dvgen" in b.text
    ]
    return installs[0].line
