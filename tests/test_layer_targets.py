"""A customized table in every target, each checked by an independent tool: jsonschema,
pydantic (the generated package imported), SQLite and a real PostgreSQL (a row with the added
column and option inserts; a removed option is refused), lxml (the CSDL), and the model YAML.
Then Microsoft's ``account`` page, customized, renders in every target (needs ../shared)."""

from __future__ import annotations

import importlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import psycopg
import pydantic
import pytest
from lxml import etree  # type: ignore[import-untyped]

from tests.conftest import CORPUS, needs_shared, run
from tests.test_layers import CUSTOMIZED, write
from tests.test_pydantic import imported
from tests.test_sql_postgres import connect, insert, postgres
from tests.test_sql_support import PostgresServer

__all__ = ["postgres"]  # the session's server fixture, used here too

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
ROW = {
    "backgroundoperationid": "8f0c3a52-6c1e-4b9a-9d7e-2f1b5a7c9e01",
    "contoso_tier": 2,
    "backgroundoperationstatuscode": 100000000,
    "name": "n" * 200,
}
"""A row only the customized table accepts: the added column and global-choice option, and a
name as long as the customization allows (the page says 512, the change 200)."""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repo's specs with the customizations of test_layers, generated once."""
    root = tmp_path_factory.mktemp("customized")
    shutil.copytree(Path(__file__).resolve().parents[1] / "specs", root / "specs")
    write(root, CUSTOMIZED)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        from dvgen.cli import main

        assert main(["generate", "--out", "out", "--no-cache"]) == 0
    yield root / "out"


def test_jsonschema_accepts_the_added_column_and_option(out: Path) -> None:
    schema = json.loads((out / "jsonschema" / "backgroundoperation.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    record = dict(ROW)
    assert list(validator.iter_errors(record)) == []
    assert not validator.is_valid({**record, "contoso_tier": 3})
    assert not validator.is_valid({**record, "name": "n" * 201})
    assert "runas" not in schema["properties"]


def test_pydantic_validates_a_record_with_the_added_column(out: Path) -> None:
    with imported({}, out / "pydantic", "dataverse_models"):  # the package generate wrote
        module: Any = importlib.import_module("dataverse_models.backgroundoperation")
        record = module.Backgroundoperation.model_validate(ROW)
        assert record.contoso_tier == 2
        with pytest.raises(pydantic.ValidationError):
            module.Backgroundoperation.model_validate({**ROW, "contoso_tier": 3})
        assert "runas" not in module.Backgroundoperation.model_fields


def test_sqlite_stores_a_row_with_the_added_column(out: Path) -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
    names = ", ".join(f'"{name}"' for name in ROW)
    conn.execute(
        f'INSERT INTO "backgroundoperation" ({names}) VALUES (?, ?, ?, ?)', tuple(ROW.values())
    )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute('INSERT INTO "contoso_project" ("contoso_regions") VALUES (?)', ("3",))
    assert conn.execute('SELECT "contoso_tier" FROM "backgroundoperation"').fetchall() == [(2,)]


def test_postgres_stores_a_row_with_the_added_column(out: Path, postgres: PostgresServer) -> None:
    with connect(postgres, (out / "sql" / "postgres" / "schema.sql").read_text()) as conn:
        insert(conn, "backgroundoperation", ROW)
        with pytest.raises(psycopg.errors.CheckViolation):
            insert(conn, "backgroundoperation", {**ROW, "contoso_tier": 3, "name": "x"})


def test_the_csdl_lists_the_added_column_and_not_the_removed_one(out: Path) -> None:
    tree = etree.parse(str(out / "odata" / "metadata.xml"))
    entity = tree.find(f".//{EDM}EntityType[@Name='backgroundoperation']")
    assert entity is not None
    names = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert "contoso_tier" in names and "runas" not in names
    navigation = {p.get("Name") for p in entity.iter(f"{EDM}NavigationProperty")}
    assert "contoso_ProjectId" in navigation
    project = tree.find(f".//{EDM}EntityType[@Name='contoso_project']")
    assert project is not None
    assert "contoso_backgroundoperations" in {
        p.get("Name") for p in project.iter(f"{EDM}NavigationProperty")
    }


def test_sql_server_and_every_dialect_carry_the_change(out: Path) -> None:
    for dialect in ("postgres", "sqlite", "sqlserver"):
        text = (out / "sql" / dialect / "schema.sql").read_text()
        assert "contoso_tier" in text and "runas" not in text, dialect
        assert "100000000" in text, dialect


ACCOUNT = """\
customizes: account
solution: Contoso Core
columns:
  - {logical_name: contoso_tier, type: Picklist, choices: [{value: 1, label: Gold}]}
changes:
  name: {max_length: 200}
  industrycode:
    add_choices: [{value: 100000000, label: Space}]
    relabel_choices: [{value: 1, label: Accounting and Audit}]
remove:
  columns: [fax]
"""


@needs_shared
def test_microsofts_account_customized_renders_in_every_target(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = workdir / "specs"
    specs.mkdir()
    shutil.copy(CORPUS / "account.md", specs / "account.md")
    (specs / "account_contoso.yaml").write_text(ACCOUNT)
    code, _, err = run(capsys, "generate", "--out", "out", "--no-cache")
    assert code == 0, err
    out = workdir / "out"
    texts = {
        "model": (out / "model" / "account.yaml").read_text(),
        "jsonschema": (out / "jsonschema" / "account.schema.json").read_text(),
        "pydantic": (out / "pydantic" / "dataverse_models" / "account.py").read_text(),
        "odata": (out / "odata" / "metadata.xml").read_text(),
        **{d: (out / "sql" / d / "schema.sql").read_text() for d in ("postgres", "sqlite")},
        "sqlserver": (out / "sql" / "sqlserver" / "schema.sql").read_text(),
    }
    removed = {
        "model": "logical_name: fax\n",
        "jsonschema": '"fax": {',
        "pydantic": "    fax: ",
        "odata": '<Property Name="fax" ',  # not the fax activity's placeholder type
        "postgres": '"fax" ',
        "sqlite": '"fax" ',
        "sqlserver": "[fax] ",
    }
    for target, text in texts.items():
        assert "contoso_tier" in text, target
        assert removed[target] not in text, target
    assert "Accounting and Audit" in texts["model"] and "Space" in texts["model"]
    conn = sqlite3.connect(":memory:")
    conn.executescript(texts["sqlite"])
    conn.execute(
        'INSERT INTO "account" ("contoso_tier", "industrycode", "name", "ownerid") '
        "VALUES (1, 100000000, ?, ?)",
        ("n" * 200, "8f0c3a52-6c1e-4b9a-9d7e-2f1b5a7c9e01"),
    )
    with pytest.raises(sqlite3.IntegrityError, match="ck_account_name"):  # 200, not 160
        conn.execute(
            'INSERT INTO "account" ("name", "ownerid") VALUES (?, ?)',
            ("n" * 201, "8f0c3a52-6c1e-4b9a-9d7e-2f1b5a7c9e01"),
        )
