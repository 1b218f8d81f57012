"""A solution that customizes ``account``, with Microsoft's account reference page: one
``account`` holding both Microsoft's columns and the solution's, in every target."""

from __future__ import annotations

import importlib
import json
import shutil
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import jsonschema
import pydantic
import pytest
from lxml import etree

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate
from tests.conftest import CORPUS, NO_SHARED
from tests.solution_support import write_solution
from tests.test_sql_postgres import connect, insert, postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, Values

PACKAGE = "contoso_account_models"
CUSTOM = ("contoso_segment", "contoso_siteid", "contoso_tier")
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    page = CORPUS / "account.md"
    if not page.is_file():
        pytest.skip(f"account.md is not in the corpus: {NO_SHARED}")
    specs = tmp_path_factory.mktemp("account") / "specs"
    specs.mkdir()
    shutil.copy(page, specs / "account.md")
    write_solution(specs / "ContosoSites")
    config = Config(specs=specs, out=specs.parent / "out", cache=False, pydantic_package=PACKAGE)
    diagnostics = Diagnostics()
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors
    return generation


def test_one_account_with_microsofts_and_the_solutions_columns(run: Generation) -> None:
    (account,) = [t for t in run.tables.tables if t.logical_name == "account"]
    names = {c.logical_name for c in account.columns}
    assert {"accountid", "name", "emailaddress1", "parentaccountid"} <= names
    assert set(CUSTOM) <= names
    assert all(account.column(name).added_by == "ContosoSites" for name in CUSTOM)  # type: ignore[union-attr]
    assert [p for p in run.files if p.startswith("model/")] == [
        "model/account.yaml",
        "model/contoso_site.yaml",
    ]
    yaml = run.files["model/account.yaml"]
    assert all(f"logical_name: {name}\n" in yaml for name in (*CUSTOM, "accountid"))


@pytest.fixture(scope="module")
def models(run: Generation, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("pydantic")
    for rel, text in run.files.items():
        if rel.startswith("pydantic/"):
            path = root / rel.removeprefix("pydantic/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_the_pydantic_model_validates_a_record_with_the_custom_columns(models: ModuleType) -> None:
    record: dict[str, Any] = {
        "accountid": str(uuid.uuid4()),
        "name": "Fabrikam",
        "contoso_tier": "Gold",
        "contoso_segment": 412340001,
        "_contoso_siteid_value": str(uuid.uuid4()),
    }
    account = models.Account.model_validate(record)
    assert account.contoso_tier == "Gold"
    assert int(account.contoso_segment) == 412340001
    for wrong in ({"contoso_tier": "x" * 41}, {"contoso_segment": 7}):
        with pytest.raises(pydantic.ValidationError):
            models.Account.model_validate(record | wrong)


def test_the_json_schema_validates_a_record_with_the_custom_columns(run: Generation) -> None:
    schema = json.loads(run.files["jsonschema/account.schema.json"])
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    record = {"accountid": str(uuid.uuid4()), "contoso_tier": "Gold", "contoso_segment": 412340000}
    validator.validate(record)
    assert schema["properties"]["contoso_tier"]["maxLength"] == 40
    for wrong in ({"contoso_tier": "x" * 41}, {"contoso_segment": 7}):
        assert not validator.is_valid(record | wrong)


def _rows(run: Generation, dialect: str) -> list[tuple[str, dict[str, Any]]]:
    values = Values(dialect)
    tables = run.tables
    return [(t.logical_name, values.row(tables, t)) for t in tables.tables]


def test_postgresql_accepts_an_account_row_with_the_custom_columns(
    run: Generation,
    postgres: PostgresServer,  # noqa: F811 (the fixture imported above)
) -> None:
    rows = _rows(run, "postgres")
    with connect(postgres, run.files["sql/postgres/schema.sql"]) as conn:
        with conn.transaction():
            for table, row in rows:
                insert(conn, table, row)
        got = conn.execute("SELECT contoso_tier, contoso_siteid FROM account").fetchone()
    account = dict(rows)["account"]
    assert got[0] == account["contoso_tier"]
    assert str(got[1]) == str(dict(rows)["contoso_site"]["contoso_siteid"])


def test_sqlite_accepts_an_account_row_with_the_custom_columns(run: Generation) -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript(run.files["sql/sqlite/schema.sql"])
    conn.execute("PRAGMA foreign_keys = ON")
    rows = _rows(run, "sqlite")
    for table, row in sorted(rows, key=lambda item: item[0] != "contoso_site"):
        marks = ", ".join("?" * len(row))
        names = ", ".join(f'"{name}"' for name in row)
        conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))
    got = conn.execute("SELECT contoso_tier, contoso_segment FROM account").fetchone()
    assert got == (dict(rows)["account"]["contoso_tier"], dict(rows)["account"]["contoso_segment"])


def test_the_csdl_lists_the_custom_columns_and_the_navigation_property(run: Generation) -> None:
    root = etree.fromstring(run.files["odata/metadata.xml"].encode())
    account = root.find(f".//{EDM}EntityType[@Name='account']")
    assert account is not None
    properties = {p.get("Name"): p.get("Type") for p in account.iter(f"{EDM}Property")}
    assert properties["contoso_tier"] == "Edm.String"
    assert properties["contoso_segment"] == "Edm.Int32"
    assert properties["_contoso_siteid_value"] == "Edm.Guid"
    assert "emailaddress1" in properties
    navigation = {n.get("Name"): n.get("Type") for n in account.iter(f"{EDM}NavigationProperty")}
    assert navigation["contoso_SiteId"] == "mscrm.contoso_site"
    site = root.find(f".//{EDM}EntityType[@Name='contoso_site']")
    assert site is not None
    back = {n.get("Name"): n.get("Type") for n in site.iter(f"{EDM}NavigationProperty")}
    assert back["contoso_site_account"] == "Collection(mscrm.account)"
