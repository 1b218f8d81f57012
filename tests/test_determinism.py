"""Same bytes whatever the run, hash seed or input order; the wheel carries the templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import generate
from dvgen.resolve import resolve
from dvgen.targets.model.target import table_yaml
from tests.conftest import ROOT, corpus_pages, needs_shared, no_package_index, parse_file


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@needs_shared
def test_output_is_identical_across_hash_seeds(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for page in corpus_pages():
        shutil.copy(page, specs / page.name)
    shutil.copy(ROOT / "specs" / "contoso_project.yaml", specs)
    outputs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "dvgen", "generate", "--specs", str(specs), "--out", str(out)],
            check=True,
            env=env,
            cwd=tmp_path,
        )
        outputs.append(_tree(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > len(corpus_pages())


@needs_shared
def test_input_order_does_not_change_the_model() -> None:
    tables = [parse_file(p) for p in corpus_pages()]
    forward = resolve(tables, Diagnostics())
    backward = resolve(list(reversed(tables)), Diagnostics())
    assert [table_yaml(t) for t in forward.tables] == [table_yaml(t) for t in backward.tables]


def test_every_output_ends_with_one_newline_and_uses_lf() -> None:
    result = generate(Config(specs=ROOT / "specs"), Diagnostics())
    for path, text in result.files.items():
        assert text.endswith("\n") and not text.endswith("\n\n"), path
        assert "\r" not in text, path


def test_wheel_ships_the_templates_and_a_working_command(tmp_path: Path) -> None:
    """``pip install .`` (not only an editable install) gives a working dvgen."""
    if no_package_index():
        pytest.skip(no_package_index())
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("dvgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    templates = sorted(n for n in names if n.startswith("dvgen/templates/"))
    shipped = sorted(
        "dvgen/templates/" + p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    )
    assert templates == shipped
    assert "dvgen/schema/table.schema.json" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
    )
    out = tmp_path / "out"
    subprocess.run(
        [venv / "bin" / "dvgen", "generate", "--specs", str(ROOT / "specs"), "--out", str(out)],
        check=True,
        cwd=tmp_path,
    )
    installed = _tree(out)
    expected = _tree(ROOT / "generated")
    assert installed == expected
