"""The cache and the worker processes change only the speed, never a byte of output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import generate
from tests.conftest import ROOT, corpus_pages, needs_shared, run


def cache_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / ".dvgen-cache").rglob("*.pickle"))


def test_a_second_run_is_served_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate", "-v")[0] == 0
    assert [p.parent.parent.name for p in cache_files(project)].count("run") == 1
    code, _, err = run(capsys, "generate", "-v")
    assert code == 0
    assert "0 written" in err
    assert run(capsys, "check") == (0, "", "")


def test_a_corrupt_cache_is_a_miss(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "generate")
    expected = sorted((project / "generated").rglob("*"))
    for entry in cache_files(project):
        entry.write_bytes(b"\x80\x05 not a pickle")
    assert run(capsys, "check") == (0, "", "")
    for entry in cache_files(project):
        entry.write_bytes(b"")
    assert run(capsys, "generate")[0] == 0
    assert sorted((project / "generated").rglob("*")) == expected


def test_a_stale_cache_never_hides_drift(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "generate")
    model = project / "generated" / "model" / "contoso_project.yaml"
    model.write_text(model.read_text() + "# edited\n")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "changed: generated/model/contoso_project.yaml" in out
    run(capsys, "generate")
    spec = project / "specs" / "contoso_project.yaml"
    spec.write_text(spec.read_text().replace("max_length: 100", "max_length: 120"))
    code, out, _ = run(capsys, "check", "--target", "model")
    assert code == 1 and "-  max_length: 100\n+  max_length: 120" in out
    (project / "generated" / "model" / "ghost.yaml").write_text("x: 1\n")
    spec.write_text(spec.read_text().replace("max_length: 120", "max_length: 100"))
    code, out, _ = run(capsys, "check")
    assert code == 1 and "stale: generated/model/ghost.yaml" in out


def test_a_warning_is_shown_again_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (ROOT / "specs" / "backgroundoperation.md").read_text()
    (project / "specs" / "backgroundoperation.md").write_text(
        page.replace("|ImeMode|", "|Wobble|", 1)
    )
    first = run(capsys, "generate")
    second = run(capsys, "generate")
    assert "unknown property row 'Wobble'" in first[2]
    assert first == second


@needs_shared
def test_cache_and_workers_give_the_same_bytes(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for page in corpus_pages():
        shutil.copy(page, specs / page.name)
    plain = generate(Config(specs=specs, cache=False, jobs=1), Diagnostics()).files
    cached = Config(specs=specs, cache=True, cache_dir=tmp_path / "cache", jobs=2)
    first = generate(cached, Diagnostics()).files
    again = generate(cached, Diagnostics()).files
    assert first == plain
    assert again == plain


def test_every_spelling_of_the_specs_folder_shares_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dvgen.runner import run_generate

    first = run_generate(Config(specs=Path("specs")), Diagnostics())
    assert not first.cached
    for spelling in ("./specs/", "specs/../specs", str(project / "specs")):
        again = run_generate(Config(specs=Path(spelling)), Diagnostics())
        assert again.cached, spelling
        assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
    code, _, err = run(capsys, "generate", "-v", "--specs", str(project / "specs"))
    assert code == 0 and "specs/contoso_project.yaml:" in err and str(project) not in err


def test_every_setting_that_changes_output_is_in_the_run_key() -> None:
    import dataclasses

    from dvgen.pipeline import _NOT_OUTPUT, run_key

    base = Config()
    for f in dataclasses.fields(Config):
        if f.name in _NOT_OUTPUT:
            continue
        value = getattr(base, f.name)
        changed = (
            (*value, "x")
            if isinstance(value, tuple)
            else (not value if isinstance(value, bool) else f"{value}x")
        )
        other = dataclasses.replace(base, **{f.name: changed})
        assert run_key(other, []) != run_key(base, []), f.name
