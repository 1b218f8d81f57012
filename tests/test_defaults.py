"""Column defaults as Dataverse applies them: what a create that leaves a column out stores.

Dataverse fills, on every create (Web API, SDK, import: not only forms), each yes/no column's
``DefaultValue`` and each choice column's ``DefaultFormValue`` that is not -1. The evidence:
real Create pipeline contexts captured from Dataverse, whose target already holds these values
with ``DefaultsAddedFlag`` set (a Web API ``$batch`` create of an account sending name,
number, city and phone, in phuocle/Dynamics-Crm-DevKit's ``PostAccountCreateAsynchronousTest``;
another in its LuckyStar ``PreAccountCreateSynchronousTest``; a contact import at PreValidation
in rappen/PluginTraceViewer's ``TraceControl.cs``): every account Picklist whose
DefaultFormValue is 1 on Microsoft's account page (accountclassificationcode,
accountratingcode, address2_addresstypecode, address2_freighttermscode,
address2_shippingmethodcode, businesstypecode, customersizecode, preferredcontactmethodcode,
shippingmethodcode, territorycode) holds 1, every Boolean its DefaultValue (followemail true,
the others false), and none of the ten whose DefaultFormValue is -1 (industrycode,
customertypecode, ...) is there. customertypecode is -1 on account and 1 on contact: the
contact import holds 1, the account creates nothing. The fake-xrm-easy maintainers' trace of
``service.Create(new dv_test())`` (DynamicsValue/fake-xrm-easy#234) shows the Boolean default
added at PreValidation too.

dvgen gave the SQL ``DEFAULT`` only for yes/no columns, while the JSON Schema already stated a
choice's ``default``; and the gate called transactioncurrency's ``currencytype`` (SystemRequired,
DefaultFormValue 0 on its 2025 page) ``required-column-added``: Dataverse fills it, and so does
the SQL now (``NOT NULL DEFAULT 0``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from dvgen.cli import main
from dvgen.config import Config
from dvgen.createdefaults import create_default
from dvgen.diagnostics import Diagnostics, Location
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.rules import RULES
from dvgen.model import Choice, Column, ColumnType, RequiredLevel, Table, TableSet
from dvgen.parse.yaml_spec import parse_yaml_spec
from dvgen.targets.jsonschema.target import JsonSchemaTarget
from dvgen.targets.sql.plan import plan_table
from tests.test_sql_support import PostgresServer, postgres_unavailable, render, shared_server

NO_YES = (Choice(0, "No"), Choice(1, "Yes"))
SYSTEM_CUSTOM = (Choice(0, "System"), Choice(1, "Custom"))
ITEM_ID = "2c1d4a3e-5b6f-4a7b-8c9d-0e1f2a3b4c5d"

ITEM = """\
logical_name: contoso_item
schema_name: contoso_Item
entity_set_name: contoso_items
primary_id_attribute: contoso_itemid
primary_name_attribute: contoso_name
table_type: Elastic
ownership_type: OrganizationOwned
columns:
  - {logical_name: contoso_itemid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: contoso_name, type: String, display_name: Name, max_length: 100}
"""
KIND = """\
  - logical_name: contoso_kind
    type: Picklist
    display_name: Kind
    required_level: SystemRequired
    default_form_value: {default}
    choices: [{{value: 0, label: System}}, {{value: 1, label: Custom}}]
"""
"""A new SystemRequired choice, as transactioncurrency's ``currencytype`` on its 2025 page."""


def _column(name: str, kind: ColumnType, **fields: Any) -> Column:
    return Column(name, name, kind, **fields)


def item_table() -> Table:
    """Each kind of default: a choice's option, a choice with -1, a stale DefaultFormValue,
    a yes/no column's DefaultValue, a SystemRequired choice with a default, a multi-select."""
    key = RequiredLevel.SYSTEM_REQUIRED
    territory = (Choice(1, "Default Value"),)
    industry = (Choice(1, "Accounting"), Choice(2, "Agriculture"))
    return Table(
        "contoso_item",
        "contoso_Item",
        primary_id_attribute="contoso_itemid",
        columns=(
            _column("contoso_itemid", ColumnType.UNIQUEIDENTIFIER, required_level=key),
            _column(
                "contoso_territory", ColumnType.PICKLIST, default_form_value=1, choices=territory
            ),
            _column(
                "contoso_industry", ColumnType.PICKLIST, default_form_value=-1, choices=industry
            ),
            _column("contoso_stale", ColumnType.PICKLIST, default_form_value=7, choices=industry),
            _column("contoso_follow", ColumnType.BOOLEAN, default_value=True, choices=NO_YES),
            _column(
                "contoso_kind",
                ColumnType.PICKLIST,
                required_level=key,
                default_form_value=0,
                choices=SYSTEM_CUSTOM,
            ),
            _column(
                "contoso_tags",
                ColumnType.MULTI_SELECT_PICKLIST,
                default_form_value=1,
                choices=industry,
            ),
        ),
    )


FILLED = {
    "contoso_territory": 1,
    "contoso_industry": None,
    "contoso_stale": None,
    "contoso_follow": True,
    "contoso_kind": 0,
    "contoso_tags": None,
}
"""What a create that sends only the id stores in each column."""


def test_create_default_is_the_option_or_yes_no_value_dataverse_stores() -> None:
    table = item_table()
    found = {c.logical_name: create_default(c) for c in table.columns[1:]}
    assert found == FILLED


def test_the_sql_plan_defaults_every_choice_dataverse_fills() -> None:
    plan = plan_table(item_table(), Diagnostics())
    assert {name: plan.by_name[name].default for name in FILLED} == FILLED
    assert plan.by_name["contoso_kind"].not_null


def test_sqlite_stores_dataverse_s_defaults_for_a_row_that_leaves_them_out() -> None:
    """Judged by SQLite: the row with only its id takes the defaults Dataverse gives, and the
    SystemRequired choice with a default is no longer refused as NOT NULL."""
    text, diagnostics = render(TableSet((item_table(),)), "sqlite")
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(text)
    db.execute(
        "INSERT INTO contoso_item (contoso_itemid) VALUES (?)",
        (ITEM_ID,),
    )
    names = list(FILLED)
    row = db.execute(f"SELECT {', '.join(names)} FROM contoso_item").fetchone()
    expected = [None if v is None else int(v) for v in FILLED.values()]
    assert list(row) == expected


def test_postgres_stores_dataverse_s_defaults_for_a_row_that_leaves_them_out() -> None:
    reason = postgres_unavailable()
    if reason is not None:
        pytest.skip(reason)
    import psycopg

    server: PostgresServer = shared_server()
    text, _ = render(TableSet((item_table(),)), "postgres")
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(text)
        conn.execute(
            "INSERT INTO contoso_item (contoso_itemid) VALUES (%s)",
            [ITEM_ID],
        )
        names = list(FILLED)
        row = conn.execute(f"SELECT {', '.join(names)} FROM contoso_item").fetchone()
    assert row is not None
    assert list(row) == list(FILLED.values())


def test_sql_server_names_the_choice_default_as_it_names_the_others() -> None:
    text, _ = render(TableSet((item_table(),)), "sqlserver")
    assert "CONSTRAINT [df_contoso_item_contoso_territory] DEFAULT 1" in text
    assert "CONSTRAINT [df_contoso_item_contoso_kind] DEFAULT 0" in text
    assert "df_contoso_item_contoso_industry" not in text
    assert "df_contoso_item_contoso_stale" not in text


def test_the_json_schema_default_is_the_sql_default_and_the_schema_is_valid() -> None:
    """Both targets state the same value for each choice and yes/no column, and the schema
    holds to the 2020-12 metaschema."""
    tables = TableSet((item_table(),))
    diagnostics = Diagnostics()
    files = JsonSchemaTarget(Config()).render(tables, diagnostics)
    [schema] = [json.loads(text) for path, text in files.items() if "contoso_item" in path]
    jsonschema.Draft202012Validator.check_schema(schema)
    props = schema["properties"]
    plan = plan_table(item_table(), Diagnostics())
    for name in ("contoso_territory", "contoso_industry", "contoso_stale", "contoso_follow"):
        assert props[name].get("default") == plan.by_name[name].default, name


def test_corpus_choice_defaults_agree_between_json_schema_and_sql(corpus_set: TableSet) -> None:
    """Every Picklist of the corpus whose JSON Schema states a default has that SQL DEFAULT
    (email's deliveryprioritycode 1, customapi's bindingtype 0, ...)."""
    diagnostics = Diagnostics()
    files = JsonSchemaTarget(Config()).render(corpus_set, diagnostics)
    by_table = {
        Path(path).name.removesuffix(".schema.json"): json.loads(text)
        for path, text in files.items()
        if path.endswith(".schema.json")
    }
    checked = 0
    for table in corpus_set.tables:
        plan = plan_table(table, Diagnostics())
        schema = by_table.get(table.logical_name)
        if schema is None:
            continue
        for column in table.columns:
            if column.type is not ColumnType.PICKLIST or column.logical_name not in plan.by_name:
                continue
            prop = schema.get("properties", {}).get(column.logical_name)
            if prop is None or "default" not in prop:
                continue
            assert plan.by_name[column.logical_name].default == prop["default"], column
            checked += 1
    assert checked >= 10


def _spec(default: int | None) -> str:
    return ITEM if default is None else ITEM + KIND.format(default=default)


def _table(text: str) -> Table:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(text, Location("specs/contoso_item.yaml"), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return table


@pytest.mark.parametrize(("default", "rule"), [(0, "column-added"), (-1, "required-column-added")])
def test_a_system_required_choice_dataverse_fills_is_no_required_column_added(
    default: int, rule: str
) -> None:
    """currencytype's case: a new SystemRequired choice with a DefaultFormValue is filled by
    Dataverse on every create (and by the SQL DEFAULT); with -1 nothing fills it."""
    old = TableSet((_table(_spec(None)),))
    new = TableSet((_table(_spec(default)),))
    [change] = [c for c in diff_sets(old, new) if c.path == ("columns", "contoso_kind")]
    assert change.rule == rule
    assert change.breaking is RULES[rule].breaking


def test_the_migration_adding_a_defaulted_required_choice_keeps_a_databases_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Judged by SQLite: rows of a database created from the old DDL take the default, so
    the NOT NULL column is added without stopping on them."""
    before, specs = tmp_path / "before", tmp_path / "specs"
    before.mkdir()
    specs.mkdir()
    (before / "contoso_item.yaml").write_text(_spec(None), "utf-8")
    (specs / "contoso_item.yaml").write_text(_spec(0), "utf-8")
    assert main(["generate", "--specs", str(before), "--out", str(tmp_path / "old")]) == 0
    capsys.readouterr()
    argv = ["migrate", "--from", str(before), "--dialect", "sqlite", "--specs", str(specs)]
    assert main([*argv, "--out", str(tmp_path / "new")]) == 0
    migration = capsys.readouterr().out
    old_ddl = (tmp_path / "old" / "sql" / "sqlite" / "schema.sql").read_text("utf-8")
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(old_ddl)
    ids = ["0b6e9c1e-1c7a-4d0e-9a53-3f1b2f0c6a11", "7d2f4e8a-8b1c-4f3d-a2e5-6c9b0d1e2f33"]
    db.executemany("INSERT INTO contoso_item (contoso_itemid) VALUES (?)", [(i,) for i in ids])
    db.executescript(migration)
    rows = sorted(db.execute("SELECT contoso_itemid, contoso_kind FROM contoso_item"))
    assert rows == sorted((i, 0) for i in ids)
    db.execute(
        "INSERT INTO contoso_item (contoso_itemid) VALUES ('1e2d3c4b-5a69-4788-9aab-bccddeeff001')"
    )
