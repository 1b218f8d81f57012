"""Targets never raise on odd but valid input: an empty set, a set of extension pages only,
names at the model's limits; and warnings a clean run repeats carry a code to silence them."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import (
    CascadeConfiguration,
    CascadeType,
    Column,
    ColumnType,
    OneToManyRelationship,
    Relationships,
    Table,
    TableSet,
)
from dvgen.pipeline import select_targets
from tests.conftest import ROOT, resolve_clean
from tests.test_odata_support import render, render_set
from tests.test_odata_tools import XSD, xsd_errors
from tests.test_sql_support import render as render_sql

EXTENSION = re.search(
    r'EXTENSION = """\\?\n(.*?)"""',
    (ROOT / "tests" / "test_parse_formats.py").read_text(encoding="utf-8"),
    re.DOTALL,
)


def generate(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["generate", "--no-cache"])
    return code, capsys.readouterr().err.splitlines()


def assert_valid_csdl(text: str) -> None:
    """Valid against the OASIS schema, when ../shared holds it."""
    if XSD.is_file():
        assert xsd_errors(text.encode("utf-8")) == []


def assert_outputs_valid(out: Path) -> None:
    """Every artifact of an empty set is still what its consumer accepts."""
    assert_valid_csdl((out / "odata" / "metadata.xml").read_text(encoding="utf-8"))
    script = (out / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    sqlite3.connect(":memory:").executescript(script)
    imported = subprocess.run(
        [sys.executable, "-c", "import dataverse_models"],
        cwd=out / "pydantic",
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr


def test_a_set_of_extension_pages_only_is_an_error(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert EXTENSION is not None
    (workdir / "specs").mkdir()
    (workdir / "specs" / "fax-sales.md").write_text(EXTENSION.group(1), encoding="utf-8")
    code, lines = generate(capsys)
    assert code == 2, lines
    assert (
        "specs/fax-sales.md: error: no table to generate from: the specs are only pages that "
        "extend tables no spec defines"
    ) in lines
    assert not (workdir / "generated").exists()


def test_an_empty_specs_folder_is_an_error(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "specs").mkdir()
    (workdir / "specs" / "README.md").write_text("# Our specs\n\nPages go here.\n")
    code, lines = generate(capsys)
    assert code == 2
    assert lines == [
        "specs: error: no table to generate from: no spec in the specs folder defines a table"
    ]
    assert not (workdir / "generated").exists()


def test_every_target_renders_an_empty_set_validly(tmp_path: Path) -> None:
    """The command line refuses an empty set, but a target given one (as a library) still
    writes what its consumer accepts."""
    out = tmp_path / "generated"
    for target in select_targets(Config()):
        diagnostics = Diagnostics()
        for rel, text in target.render(TableSet(()), diagnostics).items():
            path = out / target.folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert not diagnostics.has_errors
    assert_outputs_valid(out)
    assert "<EntityContainer" not in (out / "odata/metadata.xml").read_text()


def test_a_set_whose_tables_have_no_entity_set_declares_no_container() -> None:
    table = Table(
        "x_thing",
        "x_Thing",
        primary_id_attribute="x_thingid",
        columns=(Column("x_thingid", "x_ThingId", ColumnType.UNIQUEIDENTIFIER),),
    )
    rendered = render(table)
    assert "EntitySet" not in rendered.text and "<EntityContainer" not in rendered.text
    assert_valid_csdl(rendered.text)


def test_a_name_csdl_cannot_carry_is_left_out_with_a_warning() -> None:
    """A lookup's Web API property is ``_<name>_value``: 128 characters of name (the model's
    limit) make a property name too long for EDM, which must not crash the target."""
    long = "x_" + "l" * 126
    table = Table(
        "x_thing",
        "x_Thing",
        entity_set_name="x_things",
        primary_id_attribute="x_thingid",
        columns=(
            Column("x_thingid", "x_ThingId", ColumnType.UNIQUEIDENTIFIER),
            Column(long, long, ColumnType.LOOKUP, targets=("x_thing",)),
        ),
    )
    rendered = render(table)
    codes = [d.code for d in rendered.diagnostics if d.severity is Severity.WARNING]
    assert codes == ["odata-invalid-name"]
    assert f"_{long}_value" not in rendered.text
    assert_valid_csdl(rendered.text)
    invalid = Table("x_" + "t" * 127, "T", entity_set_name="ts", primary_id_attribute="tid")
    result = render_set(resolve_clean([invalid]))
    assert [d.code for d in result.diagnostics] == ["odata-invalid-name"]


def test_sql_server_cascade_warnings_carry_a_code() -> None:
    """A self-referencing cascade: SQL Server refuses it, on every run of the same specs."""
    parent = OneToManyRelationship(
        "x_thing_parent",
        referenced_entity="x_thing",
        referenced_attribute="x_thingid",
        referencing_entity="x_thing",
        referencing_attribute="x_parentid",
        cascade_configuration=CascadeConfiguration(delete=CascadeType.CASCADE),
    )
    table = Table(
        "x_thing",
        "x_Thing",
        primary_id_attribute="x_thingid",
        columns=(
            Column("x_thingid", "x_ThingId", ColumnType.UNIQUEIDENTIFIER),
            Column("x_parentid", "x_ParentId", ColumnType.LOOKUP, targets=("x_thing",)),
        ),
        relationships=Relationships(many_to_one=(parent,)),
    )
    _, diagnostics = render_sql(resolve_clean([table]), "sqlserver")
    cascades = [d for d in diagnostics if "cascade cycle" in d.message]
    assert len(cascades) == 1
    assert cascades[0].code == "sqlserver-cascade-cycle"
    assert str(cascades[0]).endswith(" [sqlserver-cascade-cycle]")
