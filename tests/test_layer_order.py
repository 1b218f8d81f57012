"""Layers apply in one order whatever the file order and hash seed; a customized table's
canonical YAML reads back, as a whole table spec, to the same model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from dvgen.diagnostics import Diagnostics
from dvgen.model import Spec, Table
from dvgen.parse import parse_spec
from dvgen.resolve import resolve
from dvgen.targets.model.target import table_yaml
from tests.conftest import ROOT
from tests.test_layers import CUSTOMIZED

MORE = """\
customizes: backgroundoperation
columns:
  - {logical_name: contoso_code, type: String, max_length: 20}
changes:
  endtime: {description: When it ended.}
  name: {max_length: 200}
"""
"""A second customization of backgroundoperation: it agrees with the first on ``name``."""

NAMES = {
    "forward": ["a_background.yaml", "b_project.yaml", "c_status.yaml", "d_more.yaml"],
    "renamed": ["z_background.yaml", "y_project.yaml", "x_status.yaml", "w_more.yaml"],
}


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def generated(root: Path, names: list[str], seed: str) -> dict[str, bytes]:
    """``dvgen generate`` in a fresh process with ``PYTHONHASHSEED=seed``, the customizations
    saved under ``names``: every output byte."""
    specs = root / "specs"
    shutil.copytree(ROOT / "specs", specs)
    for name, text in zip(names, [*CUSTOMIZED.values(), MORE], strict=True):
        (specs / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "dvgen", "generate", "--out", "out", "--no-cache"]
    done = subprocess.run(
        command, check=False, cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return tree(root / "out")


def test_the_output_is_the_same_for_any_file_order_and_hash_seed(tmp_path: Path) -> None:
    runs = {
        (order, seed): generated(tmp_path / f"{order}-{seed}", names, seed)
        for order, names in NAMES.items()
        for seed in ("0", "1")
    }
    first = runs["forward", "0"]
    assert b"contoso_code" in first["model/backgroundoperation.yaml"]
    assert b"When it ended." in first["model/backgroundoperation.yaml"]
    for key, files in runs.items():
        assert files == first, key


def parsed(folder: Path) -> list[Spec]:
    specs: list[Spec] = []
    for path in sorted(folder.iterdir()):
        spec, found = parse_spec(str(path), path.read_bytes())
        assert spec is not None, [str(d) for d in found]
        specs.append(spec)
    return specs


def test_a_customized_tables_yaml_reads_back_as_a_whole_table_to_the_same_model(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    for name, text in {**CUSTOMIZED, "more.yaml": MORE}.items():
        (specs / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    tables = resolve(parsed(specs), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    texts = {t.logical_name: table_yaml(t) for t in tables.tables}
    again = []
    for name, text in texts.items():
        table, found = parse_spec(f"{name}.yaml", text.encode())
        assert isinstance(table, Table), [str(d) for d in found]
        assert table == tables.get(name)
        again.append(table)
    resolved = resolve(again, Diagnostics())
    assert resolved == tables
    assert {t.logical_name: table_yaml(t) for t in resolved.tables} == texts
