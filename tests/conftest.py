"""Shared fixtures: the real-page corpus (skipped when ../shared is absent) and helpers."""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.diagnostics import Diagnostics
from dvgen.model import Table, TableSet
from dvgen.parse import parse_spec
from dvgen.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DVGEN_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "backgroundoperation.md"
VALIDATORS = SHARED / "validators"
NO_SHARED = "../shared (the real-page corpus) is absent; set DVGEN_SHARED to run these tests"


def corpus_pages() -> list[Path]:
    """Every real page: the corpus, plus the seed when it is not already one of them."""
    if not CORPUS.is_dir():
        return []
    pages = sorted(CORPUS.glob("*.md"))
    if SEED.is_file() and all(p.read_bytes() != SEED.read_bytes() for p in pages):
        pages.append(SEED)
    return pages


needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C as a terminal delivers it, whoever started the suite: a shell starts a background
    job (``scripts/test &``, a CI step run so) with SIGINT ignored, and Python, dvgen and the
    processes the tests start would keep ignoring it, as they should (tests/test_interrupts.py
    shows dvgen does). The interrupt tests are about a run that can be interrupted."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@functools.cache
def no_package_index() -> str:
    """Why pip can reach no package index ("" when it can): tests that install from one skip
    with this reason. An index is pip's index-url (default PyPI), an extra-index-url or a
    find-links folder, from the environment or pip's configuration."""
    if os.environ.get("PIP_NO_INDEX", "").lower() in ("1", "true", "yes", "on"):
        return "PIP_NO_INDEX is set: no package index to install from"
    urls = _pip_sources()
    for url in urls:
        if url.startswith(("http://", "https://")):
            try:
                with urllib.request.urlopen(url, timeout=5):
                    return ""
            except (OSError, ValueError):
                continue
        elif Path(url.removeprefix("file://")).is_dir():
            return ""
    return f"no package index is reachable ({', '.join(urls)}): cannot install packages"


def _pip_sources() -> list[str]:
    """pip's index (default PyPI), extra indexes and find-links, environment first."""
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    config = [line.split("=", 1) for line in listed.splitlines() if "=" in line]

    def values(key: str) -> list[str]:
        env = os.environ.get(f"PIP_{key.upper().replace('-', '_')}", "").split()
        return env + [v for k, v in config if k.endswith(f".{key}") for v in v.strip("'").split()]

    return [
        *(values("index-url")[:1] or ["https://pypi.org/simple/"]),
        *values("extra-index-url"),
        *values("find-links"),
    ]


def page_params() -> list[object]:
    pages = corpus_pages()
    if not pages:
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_SHARED), id="no-corpus")]
    return [pytest.param(p, id=p.stem) for p in pages]


def parse_file(path: Path) -> Table:
    table, diagnostics = parse_spec(str(path), path.read_bytes())
    errors = [str(d) for d in diagnostics]
    assert isinstance(table, Table), errors
    return table


def resolve_clean(tables: list[Table]) -> TableSet:
    diagnostics = Diagnostics()
    table_set = resolve(tables, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return table_set


@pytest.fixture(scope="session")
def corpus_set() -> TableSet:
    """Every corpus page and the seed, parsed and resolved together."""
    pages = corpus_pages()
    if not pages:
        pytest.skip(NO_SHARED)
    return resolve_clean([parse_file(p) for p in pages])


@pytest.fixture(scope="session")
def seed_set() -> TableSet:
    """The repo's own specs/ (the seed page and the hand-written specs), resolved."""
    specs = sorted((ROOT / "specs").iterdir())
    return resolve_clean([parse_file(p) for p in specs if p.suffix in (".md", ".yaml")])


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary working folder (no pyproject.toml) as the current directory."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture()
def project(workdir: Path) -> Path:
    """The working folder holding a copy of the repo's own ``specs/``."""
    shutil.copytree(ROOT / "specs", workdir / "specs")
    return workdir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``dvgen ARGV`` in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def settings(project: Path, text: str) -> None:
    """``[tool.dvgen]`` holding ``text``, in ``project``'s pyproject.toml."""
    (project / "pyproject.toml").write_text(f"[tool.dvgen]\n{text}\n", encoding="utf-8")
