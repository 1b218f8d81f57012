"""A hand-written table gets the columns and relationships Dataverse creates with it
(``dvgen.systemcolumns``): the set, checked against real solutions' custom tables; what the
author wrote wins; what is never completed; and every target's output of a two-table app,
judged by real tools (SQLite, PostgreSQL, sqlglot, the OASIS CSDL schema, the JSON Schema
metaschema, pydantic on a record shaped as the Web API returns it)."""

from __future__ import annotations

import importlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import sqlglot
from lxml import etree

from dvgen import systemcolumns
from dvgen.cli import main
from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.model import ColumnType, OwnershipType, RequiredLevel, Table
from dvgen.parse.yaml_spec import GENERATED, parse_yaml, parse_yaml_spec
from tests.conftest import NO_SHARED, ROOT, SHARED, needs_shared
from tests.test_odata_tools import XSD, xsd_errors
from tests.test_pydantic import imported
from tests.test_sql_support import postgres_unavailable, shared_server

INVOICE = """\
# An invoice: user owned, with money.
logical_name: app_invoice
schema_name: app_Invoice
display_name: Invoice
entity_set_name: app_invoices
primary_id_attribute: app_invoiceid
primary_name_attribute: app_name
ownership_type: UserOwned
columns:
  - {logical_name: app_invoiceid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: app_name, type: String, display_name: Name, max_length: 100}
  - {logical_name: app_total, type: Money, display_name: Total, precision: 2,
     precision_source: 2, min_value: 0, max_value: 1000000000}
  - {logical_name: app_siteid, type: Lookup, display_name: Site, targets: [app_site]}
relationships:
  many_to_one:
    - schema_name: app_site_invoices
      referenced_entity: app_site
      referencing_attribute: app_siteid
"""
SITE = """\
logical_name: app_site
schema_name: app_Site
display_name: Site
entity_set_name: app_sites
primary_id_attribute: app_siteid
primary_name_attribute: app_name
ownership_type: OrganizationOwned
columns:
  - {logical_name: app_siteid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: app_name, type: String, display_name: Name, max_length: 100}
"""
EVERY_TABLE = {
    "createdby",
    "createdon",
    "createdonbehalfby",
    "modifiedby",
    "modifiedon",
    "modifiedonbehalfby",
    "importsequencenumber",
    "overriddencreatedon",
    "statecode",
    "statuscode",
    "timezoneruleversionnumber",
    "utcconversiontimezonecode",
    "versionnumber",
}
OWNER = {"ownerid", "owningbusinessunit", "owningteam", "owninguser"}
MONEY = {"transactioncurrencyid", "exchangerate", "app_total_base"}


def parse(text: str, path: str = "specs/app_invoice.yaml") -> Table:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(text, Location(path), diagnostics)
    assert not list(diagnostics), [str(d) for d in diagnostics]
    return table


def added(table: Table, text: str) -> set[str]:
    written = {
        line.split("logical_name: ")[1].split(",")[0]
        for line in text.splitlines()[1:]
        if "{logical_name: " in line
    }
    return {c.logical_name for c in table.columns} - written


def many_to_one(table: Table) -> dict[str, tuple[str | None, str | None]]:
    return {
        r.schema_name: (r.referencing_attribute, r.referenced_entity)
        for r in table.relationships.many_to_one
    }


# --- the set ---------------------------------------------------------------------------------


def test_a_user_owned_table_with_money_gets_every_column_owner_and_currency() -> None:
    table = parse(INVOICE)
    assert added(table, INVOICE) == EVERY_TABLE | OWNER | MONEY
    assert many_to_one(table) == {
        "app_site_invoices": ("app_siteid", "app_site"),
        "lk_app_invoice_createdby": ("createdby", "systemuser"),
        "lk_app_invoice_createdonbehalfby": ("createdonbehalfby", "systemuser"),
        "lk_app_invoice_modifiedby": ("modifiedby", "systemuser"),
        "lk_app_invoice_modifiedonbehalfby": ("modifiedonbehalfby", "systemuser"),
        "owner_app_invoice": ("ownerid", "owner"),
        "business_unit_app_invoice": ("owningbusinessunit", "businessunit"),
        "team_app_invoice": ("owningteam", "team"),
        "user_app_invoice": ("owninguser", "systemuser"),
        "TransactionCurrency_app_Invoice": ("transactioncurrencyid", "transactioncurrency"),
    }
    base = table.column("app_total_base")
    assert base is not None and base.is_base_currency and not base.is_writable
    assert (base.precision, base.precision_source) == (2, 2)
    owner = table.column("ownerid")
    assert owner is not None and owner.type is ColumnType.OWNER
    assert owner.targets == ("systemuser", "team")
    assert owner.required_level is RequiredLevel.SYSTEM_REQUIRED


def test_an_organization_owned_table_gets_its_organization_and_no_owner() -> None:
    table = parse(SITE, "specs/app_site.yaml")
    assert added(table, SITE) == EVERY_TABLE | {"organizationid"}
    assert many_to_one(table)["organization_app_site"] == ("organizationid", "organization")
    assert not {"owner_app_site", "TransactionCurrency_app_Site"} & set(many_to_one(table))


def test_added_parts_are_located_at_the_logical_name_line() -> None:
    table = parse(INVOICE)
    assert {c.loc.line for c in table.columns if c.logical_name in EVERY_TABLE} == {2}
    lk = [r for r in table.relationships.many_to_one if r.schema_name.startswith("lk_")]
    assert {r.loc for r in lk} == {Location("specs/app_invoice.yaml", 2)}


def test_state_and_status_are_active_and_inactive_each_the_others_match() -> None:
    table = parse(SITE, "specs/app_site.yaml")
    state, status = table.column("statecode"), table.column("statuscode")
    assert state is not None and status is not None
    assert [(c.value, c.label, c.default_status) for c in state.choices] == [
        (0, "Active", 1),
        (1, "Inactive", 2),
    ]
    assert [(c.value, c.label, c.state) for c in status.choices] == [
        (1, "Active", 0),
        (2, "Inactive", 1),
    ]
    assert (state.valid_for_create, state.valid_for_update) == (False, True)


def test_a_table_that_states_no_ownership_is_user_owned_as_dataverse_makes_it() -> None:
    text = INVOICE.replace("ownership_type: UserOwned\n", "")
    table = parse(text)
    assert table.ownership_type is OwnershipType.USER_OWNED
    assert OWNER <= added(table, text)


# --- what the author wrote wins ----------------------------------------------------------------


def test_a_column_or_relationship_the_author_wrote_is_kept_as_written() -> None:
    text = INVOICE.replace(
        "relationships:\n",
        "  - {logical_name: ownerid, schema_name: OwnerId, type: Owner, display_name: Mine, "
        "targets: [systemuser, team]}\n"
        "  - {logical_name: statuscode, schema_name: statuscode, type: Status, choices: "
        "[{value: 1, label: Open, state: 0}, {value: 5, label: Paid, state: 1}]}\n"
        "relationships:\n",
    ).replace(
        "      referencing_attribute: app_siteid\n",
        "      referencing_attribute: app_siteid\n"
        "    - {schema_name: my_owner, referenced_entity: owner, referencing_attribute: ownerid}\n",
    )
    table = parse(text)
    owner = table.column("ownerid")
    assert owner is not None and owner.display_name == "Mine"
    assert [c.logical_name for c in table.columns].count("ownerid") == 1
    assert "my_owner" in many_to_one(table) and "owner_app_invoice" not in many_to_one(table)
    state = table.column("statecode")
    assert state is not None  # added, its default statuses those the author's statuscode has
    assert [(c.value, c.default_status) for c in state.choices] == [(0, 1), (1, 5)]


def test_a_base_column_the_author_wrote_gets_no_base_of_its_own() -> None:
    text = INVOICE.replace(
        "relationships:\n",
        "  - {logical_name: app_total_base, schema_name: app_Total_Base, type: Money}\n"
        "relationships:\n",
    )
    names = [c.logical_name for c in parse(text).columns]
    assert "app_total_base" in names and "app_total_base_base" not in names


# --- what is never completed -----------------------------------------------------------------


def test_system_columns_false_opts_out() -> None:
    text = INVOICE.replace(
        "ownership_type: UserOwned\n", "ownership_type: UserOwned\nsystem_columns: false\n"
    )
    table = parse(text)
    assert added(table, text) == set()
    assert set(many_to_one(table)) == {"app_site_invoices"}


def test_system_columns_must_be_a_boolean() -> None:
    diagnostics = Diagnostics()
    with pytest.raises(SpecError):
        parse_yaml(INVOICE + "system_columns: no way\n", Location("s.yaml"), diagnostics)
    assert any("system_columns" in d.message for d in diagnostics)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("primary_name_attribute: app_name\n", ""), "no primary name: an intersect table"),
        (("ownership_type: UserOwned\n", "table_type: Virtual\n"), "a virtual table"),
    ],
)
def test_tables_dataverse_makes_otherwise_are_left_as_written(
    change: tuple[str, str], why: str
) -> None:
    text = INVOICE.replace(*change)
    assert added(parse(text), text) == set(), why


def test_a_table_only_microsoft_names_is_described_as_it_is() -> None:
    text = "logical_name: msdyn_widget\nprimary_name_attribute: msdyn_name\ncolumns:\n" + (
        "  - {logical_name: msdyn_name, type: String, max_length: 100}\n"
    )
    assert [c.logical_name for c in parse(text, "specs/msdyn_widget.yaml").columns] == [
        "msdyn_name"
    ]


def test_a_model_file_dvgen_wrote_is_read_back_as_written() -> None:
    text = f"{GENERATED}app_invoice\n" + INVOICE.split("\n", 1)[1]
    assert added(parse(text), text) == set()


def test_pages_and_solutions_are_never_completed(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed page and a real solution's tables generate without the completion ever
    running (it raises here): their outputs cannot have changed by it."""

    def refuse(table: Table, where: Location) -> Table:
        raise AssertionError(f"completed {table.logical_name} of {where}")

    monkeypatch.setattr(systemcolumns, "complete", refuse)
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "backgroundoperation.md").write_bytes(
        (ROOT / "specs/backgroundoperation.md").read_bytes()
    )
    solution = SHARED / "solutions/pnp__powerplatform-samples__AutomatedExpenseReporting"
    if solution.is_dir():
        (specs / "expenses").symlink_to(solution)
    argv = ["generate", "-q", "--no-cache", "--jobs", "1", "--target", "model"]
    assert main(argv) == 0
    assert (workdir / "generated/model/backgroundoperation.yaml").is_file()


# --- real data: the set is what Dataverse made ----------------------------------------------

SOLUTIONS = SHARED / "solutions"


def _dataverse_made(entity: Path) -> dict[str, tuple[str, bool, bool]]:
    """The columns of a solution's custom table that Dataverse created (not the author's but
    a Money column's base, not the primary key): name -> (type, valid for create, update)."""
    found = {}
    for attribute in etree.parse(str(entity)).iter("attribute"):
        kind = attribute.findtext("Type")
        base = attribute.findtext("CalculationOf") is not None  # a Money column's base
        if (attribute.findtext("IsCustomField") == "1" and not base) or kind == "primarykey":
            continue
        name = "<money>_base" if base else (attribute.findtext("LogicalName") or "").lower()
        create, update = (
            attribute.findtext(f"ValidFor{v}Api") == "1" for v in ("Create", "Update")
        )
        found[name] = (str(kind), create, update)
    return found


XML_TYPES = {
    ColumnType.LOOKUP: "lookup",
    ColumnType.OWNER: "owner",
    ColumnType.DATE_TIME: "datetime",
    ColumnType.INTEGER: "int",
    ColumnType.STATE: "state",
    ColumnType.STATUS: "status",
    ColumnType.DECIMAL: "decimal",
    ColumnType.MONEY: "money",
}


@needs_shared
@pytest.mark.parametrize(
    ("solution", "table", "spec"),
    [
        ("pnp__powerplatform-samples__AutomatedExpenseReporting", "gmx_Expense", INVOICE),
        (
            "pnp__powerplatform-samples__AutomatedExpenseReporting",
            "gmx_ExpenseCategory",
            SITE.replace("OrganizationOwned", "UserOwned"),
        ),
        ("Pilseta-cilvekiem__Participant-Management__CityForPeople", "pc_BankAccount", SITE),
    ],
)
def test_the_set_is_what_dataverse_made_for_a_real_custom_table(
    solution: str, table: str, spec: str
) -> None:
    """Every column Dataverse made for a real custom table of the same ownership (and money),
    of the same type and writability; ``versionnumber`` besides, which no solution lists."""
    made = _dataverse_made(SOLUTIONS / solution / "Entities" / table / "Entity.xml")
    if "<money>_base" in made:  # the base of its Money column, by our column's name
        made["app_total_base"] = made.pop("<money>_base")
    completed = parse(spec)
    ours = {
        c.logical_name: (XML_TYPES[c.type], c.valid_for_create, c.valid_for_update)
        for c in completed.columns
        if c.logical_name in added(completed, spec) - {"versionnumber"}
    }
    assert ours == made


@needs_shared
def test_relationship_names_are_spelt_as_the_solutions_spell_them() -> None:
    folder = SOLUTIONS / "pnp__powerplatform-samples__AutomatedExpenseReporting/Other/Relationships"
    real = {
        str(name)
        for path in folder.glob("*.xml")
        for name in etree.parse(str(path)).xpath("//EntityRelationship/@Name")
    }
    expense = INVOICE.replace("app_invoice", "gmx_expense").replace("app_Invoice", "gmx_Expense")
    ours = set(many_to_one(parse(expense))) - {"app_site_invoices"}
    delegates = {"lk_gmx_expense_createdonbehalfby", "lk_gmx_expense_modifiedonbehalfby"}
    assert ours - delegates <= real  # a solution lists no delegate's relationship
    assert len(ours - delegates) == 7


# --- every target, judged by real tools ------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-table app generated: every target and dialect, warnings none."""
    root = tmp_path_factory.mktemp("app")
    (root / "specs").mkdir()
    (root / "specs/app_invoice.yaml").write_text(INVOICE, encoding="utf-8")
    (root / "specs/app_site.yaml").write_text(SITE, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.dvgen]\npydantic_package = "sysapp_models"\n')
    argv = ["--config", str(root / "pyproject.toml"), "--specs", str(root / "specs")]
    assert main(["generate", "-q", "--no-cache", *argv, "--out", str(root / "out")]) == 0
    return root / "out"


def test_no_warning_is_given_for_the_added_lookups(
    app: Path, capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    """Each added lookup comes with its relationship (no ``lookup-relationship-missing``);
    their targets outside the set are notes, shown with ``--verbose`` only."""
    specs = app.parent / "specs"
    assert main(["generate", "--no-cache", "--specs", str(specs), "--out", "out"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["generate", "--no-cache", "--specs", str(specs), "--out", "out", "-v"]) == 0
    err = capsys.readouterr().err
    assert "lookup-target-outside-set" in err and "lookup-relationship-missing" not in err


def test_sqlite_stores_a_row_of_the_completed_table(app: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.executescript((app / "sql/sqlite/schema.sql").read_text(encoding="utf-8"))
    columns = {row[1] for row in db.execute("PRAGMA table_info(app_invoice)")}
    assert EVERY_TABLE | OWNER | MONEY <= columns
    assert "ownerid" not in {row[1] for row in db.execute("PRAGMA table_info(app_site)")}
    owner = str(uuid.uuid4())
    db.execute(
        "INSERT INTO app_site (app_siteid, app_name, statecode) VALUES (?, 'S', 0)", (owner,)
    )
    with pytest.raises(sqlite3.IntegrityError):  # ownerid is SystemRequired: NOT NULL
        db.execute(
            "INSERT INTO app_invoice (app_invoiceid, app_name, statecode, "
            "owningbusinessunit) VALUES (?, 'I', 0, ?)",
            (str(uuid.uuid4()), owner),
        )
    db.execute(
        "INSERT INTO app_invoice (app_invoiceid, app_name, statecode, statuscode, ownerid, "
        "owningbusinessunit, versionnumber, exchangerate) VALUES (?, 'I', 1, 2, ?, ?, ?, 1.5)",
        (str(uuid.uuid4()), owner, owner, 2**62),
    )
    with pytest.raises(sqlite3.IntegrityError):  # Inactive with Active's status reason
        db.execute("UPDATE app_invoice SET statuscode = 1")


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_postgresql_applies_the_schema_with_every_added_column(app: Path) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute((app / "sql/postgres/schema.sql").read_text(encoding="utf-8"))
        rows = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'app_invoice'"
        ).fetchall()
    types: dict[str, str] = dict(rows)
    assert EVERY_TABLE | OWNER | MONEY <= set(types)
    assert (types["versionnumber"], types["ownerid"]) == ("bigint", "uuid")


def test_sqlglot_parses_the_sql_server_schema(app: Path) -> None:
    text = (app / "sql/sqlserver/schema.sql").read_text(encoding="utf-8")
    statements = [s for s in sqlglot.parse(text, read="tsql") if s is not None]
    created = {
        s.this.this.name: {
            c.name for c in s.this.expressions if isinstance(c, sqlglot.exp.ColumnDef)
        }
        for s in statements
        if isinstance(s, sqlglot.exp.Create)
    }
    assert EVERY_TABLE | OWNER | MONEY <= created["app_invoice"]
    assert "organizationid" in created["app_site"]


@pytest.mark.skipif(not XSD.is_file(), reason=f"{NO_SHARED} (OASIS edmx.xsd)")
def test_the_csdl_is_valid_and_declares_the_added_properties(app: Path) -> None:
    xml = (app / "odata/metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    ns = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
    invoice = etree.fromstring(xml).find(".//edm:EntityType[@Name='app_invoice']", ns)
    assert invoice is not None
    names = {p.get("Name") for p in invoice.findall("edm:Property", ns)}
    assert {"versionnumber", "statecode", "_ownerid_value", "_createdby_value"} <= names


def web_api_record() -> dict[str, Any]:
    """An invoice as ``GET /app_invoices(...)`` returns it."""
    user, unit = str(uuid.uuid4()), str(uuid.uuid4())
    return {
        "@odata.etag": 'W/"4711"',
        "app_invoiceid": str(uuid.uuid4()),
        "app_name": "I-1",
        "app_total": 12.5,
        "app_total_base": 10.0,
        "exchangerate": 1.25,
        "_transactioncurrencyid_value": str(uuid.uuid4()),
        "_ownerid_value": user,
        "_owninguser_value": user,
        "_owningteam_value": None,
        "_owningbusinessunit_value": unit,
        "_createdby_value": user,
        "_modifiedby_value": user,
        "_createdonbehalfby_value": None,
        "createdon": "2026-01-02T03:04:05Z",
        "modifiedon": "2026-01-02T03:04:05Z",
        "statecode": 0,
        "statuscode": 1,
        "versionnumber": 4711,
        "importsequencenumber": None,
        "timezoneruleversionnumber": 4,
        "utcconversiontimezonecode": None,
        "overriddencreatedon": None,
    }


def test_the_json_schema_is_valid_and_types_the_added_properties(app: Path) -> None:
    schema = json.loads((app / "jsonschema/app_invoice.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(web_api_record())) == []
    for wrong in ({"versionnumber": "new"}, {"statecode": 7}, {"_ownerid_value": "me"}):
        assert list(validator.iter_errors({**web_api_record(), **wrong})), wrong


@pytest.fixture()
def models(app: Path) -> Iterator[Any]:
    with imported({}, app / "pydantic", "sysapp_models"):  # the package generate wrote
        yield importlib.import_module("sysapp_models.app_invoice")


def test_pydantic_validates_a_web_api_record_into_typed_fields(models: Any) -> None:
    record = web_api_record()
    invoice = models.AppInvoice.model_validate(record)
    fields = models.AppInvoice.model_fields
    by_alias = {f.alias or name: name for name, f in fields.items()}
    assert {"_ownerid_value", "_createdby_value", "statecode", "versionnumber"} <= set(by_alias)
    assert getattr(invoice, by_alias["_ownerid_value"]) == uuid.UUID(record["_ownerid_value"])
    assert getattr(invoice, by_alias["versionnumber"]) == 4711
    assert int(getattr(invoice, by_alias["statecode"])) == 0
    with pytest.raises(ValueError, match="versionnumber"):
        models.AppInvoice.model_validate({**record, "versionnumber": "new"})


@needs_shared
def test_a_system_lookup_to_a_table_of_the_set_gets_its_foreign_key(workdir: Path) -> None:
    """With Microsoft's businessunit page in the set, owningbusinessunit references it as
    Dataverse's business_unit_<table> does (delete: Restrict), and the page's table lists the
    relationship from its side."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "app_invoice.yaml").write_text(INVOICE, encoding="utf-8")
    (specs / "app_site.yaml").write_text(SITE, encoding="utf-8")
    (specs / "businessunit.md").write_bytes((SHARED / "corpus/businessunit.md").read_bytes())
    assert main(["generate", "-q", "--no-cache", "--target", "sql", "--dialect", "sqlite"]) == 0
    db = sqlite3.connect(":memory:")
    db.executescript((workdir / "generated/sql/sqlite/schema.sql").read_text(encoding="utf-8"))
    keys = {(row[3], row[2], row[6]) for row in db.execute("PRAGMA foreign_key_list(app_invoice)")}
    assert ("owningbusinessunit", "businessunit", "RESTRICT") in keys
    assert main(["generate", "-q", "--no-cache", "--target", "model"]) == 0
    model = (workdir / "generated/model/businessunit.yaml").read_text(encoding="utf-8")
    assert "schema_name: business_unit_app_invoice" in model
