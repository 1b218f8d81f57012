"""Shared fixtures: the real-page corpus (skipped when ../shared is absent) and helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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


def page_params() -> list[object]:
    pages = corpus_pages()
    if not pages:
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_SHARED), id="no-corpus")]
    return [pytest.param(p, id=p.stem) for p in pages]


def parse_file(path: Path) -> Table:
    table, diagnostics = parse_spec(str(path), path.read_bytes())
    errors = [str(d) for d in diagnostics]
    assert table is not None, errors
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
