"""Alternate keys (``Table.keys``), end to end: read from real solutions and YAML specs, held to
Dataverse's rules, layered, written as canonical YAML, as the CSDL annotation Dataverse's
``$metadata`` carries, as unique constraints each database enforces, and classified by
``dvgen diff``."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlglot
from lxml import etree
from psycopg import errors
from sqlglot import exp

from dvgen import cachedata
from dvgen.canonical import to_data
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.evolve.rules import RULES
from dvgen.model import AlternateKey, Column, ColumnType, Table, TableSet
from dvgen.parse.yaml_spec import parse_yaml
from dvgen.pipeline import Generation, generate
from dvgen.yamlemit import Emitter, ModelEmitter
from tests.conftest import ROOT, SHARED, run
from tests.solution_support import REQUIRED, layered, manifest
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_solution_unseen2 import ACCOUNT_ROOT, CONTACT, CONTACT_MANIFEST, KEYED
from tests.test_sql_postgres import Connection, connect, insert, postgres  # noqa: F401
from tests.test_sql_support import PostgresServer, render

SOLUTIONS = SHARED / "solutions"
needs_solutions = pytest.mark.skipif(
    not SOLUTIONS.is_dir(), reason=f"{SOLUTIONS} (the real solutions) is absent"
)
CITY = SOLUTIONS / "Pilseta-cilvekiem__Participant-Management__CityForPeople"
COE = SOLUTIONS / "microsoft__coe-starter-kit__CenterofExcellenceCoreComponents"
COPILOT = SOLUTIONS / "microsoft__Power-CAT-Copilot-Studio-Kit__CopilotStudioAccelerator"

CUSTOMER = """logical_name: cr_customer
entity_set_name: cr_customers
primary_id_attribute: cr_customerid
primary_name_attribute: cr_name
columns:
  - logical_name: cr_customerid
    type: Uniqueidentifier
  - logical_name: cr_name
    type: String
    max_length: 100
"""
INVOICE = """logical_name: cr_invoice
entity_set_name: cr_invoices
primary_id_attribute: cr_invoiceid
primary_name_attribute: cr_name
ownership_type: OrganizationOwned
columns:
  - logical_name: cr_invoiceid
    type: Uniqueidentifier
  - logical_name: cr_name
    type: String
    max_length: 100
  - logical_name: cr_number
    type: String
    max_length: 20
  - logical_name: cr_year
    type: Integer
  - logical_name: cr_customerid
    type: Lookup
    targets: [cr_customer]
  - logical_name: cr_notes
    type: Memo
    max_length: 2000
keys:
  - logical_name: cr_numberkey
    schema_name: cr_NumberKey
    display_name: Invoice number
    columns: [cr_number, cr_year]
  - logical_name: cr_customerkey
    columns: [cr_customerid]
relationships:
  many_to_one:
    - schema_name: cr_customer_invoices
      referenced_entity: cr_customer
      referenced_attribute: cr_customerid
      referencing_attribute: cr_customerid
"""
NUMBER_KEY = AlternateKey(
    "cr_numberkey", "cr_NumberKey", "Invoice number", ("cr_number", "cr_year")
)
CUSTOMER_KEY = AlternateKey("cr_customerkey", "cr_customerkey", None, ("cr_customerid",))


def generated(
    tmp_path: Path, specs: dict[str, str] | Path
) -> tuple[Generation | None, Diagnostics]:
    """The set of ``specs`` (file name -> text, or a folder) generated in memory, with
    ``tmp_path`` (made when missing) as the run's folder."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    folder = specs if isinstance(specs, Path) else tmp_path / "specs"
    if isinstance(specs, dict):
        folder.mkdir()
        for name, text in specs.items():
            (folder / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(specs=folder, out=tmp_path / "out", cache=False)
    try:
        return generate(config, diagnostics), diagnostics
    except SpecError as error:
        return None, Diagnostics(error.diagnostics)


def invoices(tmp_path: Path) -> Generation:
    generation, diagnostics = generated(
        tmp_path, {"cr_customer.yaml": CUSTOMER, "cr_invoice.yaml": INVOICE}
    )
    assert generation is not None and not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation


def keys_of(
    generation: Generation | None, table: str
) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    assert generation is not None
    found = generation.tables.get(table)
    assert found is not None
    return [(k.logical_name, k.schema_name, k.display_name, k.columns) for k in found.keys]


# --- real solutions ----------------------------------------------------------------------


@needs_solutions
def test_city_for_people_transaction_is_keyed_by_its_name(tmp_path: Path) -> None:
    generation, _ = generated(tmp_path, CITY)
    assert generation is not None
    assert keys_of(generation, "pc_transaction") == [("pc_name", "pc_Name", "ID", ("pc_name",))]
    table = generation.tables.get("pc_transaction")
    assert table is not None
    assert not [tag for tag, _ in table.extra if tag.startswith("EntityKey")]
    assert "  - pc_name\n" in generation.files["model/pc_transaction.yaml"]


@needs_solutions
def test_coe_kit_and_copilot_studio_kit_keys_have_their_columns(tmp_path: Path) -> None:
    coe, _ = generated(tmp_path / "coe", COE)
    assert coe is not None
    keyed = {t.logical_name: t for t in coe.tables.tables if t.keys}
    assert len(keyed) == 15
    for table in keyed.values():
        (key,) = table.keys
        assert key.columns == ("admin_recordguidasstring",)
        column = table.column("admin_recordguidasstring")
        assert column is not None and column.type.value == "String"
    assert keys_of(coe, "admin_app") == [
        (
            "admin_powerappsappaltkey",
            "admin_PowerAppsAppAltKey",
            "PowerApps App Alt Key",
            ("admin_recordguidasstring",),
        )
    ]
    kit, _ = generated(tmp_path / "kit", COPILOT)
    assert keys_of(kit, "cat_copilotcard") == [("cat_name", "cat_Name", "Name", ("cat_name",))]


@needs_solutions
def test_a_solution_key_on_a_missing_column_is_a_warning_and_left_out(tmp_path: Path) -> None:
    copy = tmp_path / "city"
    shutil.copytree(CITY, copy)
    entity = copy / "Entities/pc_Transaction/Entity.xml"
    text = entity.read_text(encoding="utf-8")
    entity.write_text(text.replace("<AttributeName>pc_name<", "<AttributeName>pc_nme<"), "utf-8")
    generation, diagnostics = generated(tmp_path / "run", copy)
    assert keys_of(generation, "pc_transaction") == []
    (warning,) = [d for d in diagnostics if d.code == "solution-key-column-unknown"]
    where = warning.location
    assert where.path.endswith("pc_Transaction/Entity.xml") and (where.line or 0) > 1
    assert "'pc_nme' is no column of the table; did you mean 'pc_name'?" in str(warning)


def test_a_solution_key_whose_name_is_no_name_is_an_error(tmp_path: Path) -> None:
    """A key's names become SQL constraint names and model file keys: checked as a column's."""
    hostile = KEYED.replace(
        "<LogicalName>csch_key_primaryemail<", '<LogicalName>x"]; DROP TABLE y; --<'
    )
    specs = tmp_path / "specs"
    (specs / "S/Other").mkdir(parents=True)
    (specs / "S/Other/Solution.xml").write_text(CONTACT_MANIFEST, encoding="utf-8")
    (specs / "S/Entities/Contact").mkdir(parents=True)
    (specs / "S/Entities/Contact/Entity.xml").write_text(hostile, encoding="utf-8")
    generation, diagnostics = generated(tmp_path, specs)
    assert generation is None
    (error,) = [str(d) for d in diagnostics if d.severity.name == "ERROR"]
    line = _line(hostile, "<EntityKey>")
    assert f"Entity.xml:{line}: error: alternate key 'x\"]; drop table y; --': LogicalName" in error
    assert "is not a name" in error


def test_a_solution_key_on_a_standard_table_is_layered(tmp_path: Path) -> None:
    solution = {"Other/Solution.xml": CONTACT_MANIFEST, "Entities/Contact/Entity.xml": KEYED}
    email = "  - logical_name: emailaddress1\n    type: String\n    max_length: 100\n"
    generation = layered(tmp_path, solution, ("contact.yaml", CONTACT + email))
    assert keys_of(generation, "contact") == [
        ("csch_key_primaryemail", "csch_key_primaryemail", None, ("emailaddress1",))
    ]


def _two_solutions(tmp_path: Path, dependent: bool) -> tuple[Generation | None, Diagnostics]:
    """Two solutions stating contact's key ``csch_key_primaryemail`` on other columns; the
    second depends on the first when ``dependent``."""
    specs = tmp_path / "specs"
    second = KEYED.replace("emailaddress1", "emailaddress2")
    for name, entity in (("First", KEYED), ("Second", second)):
        text = manifest(name, "hsp", 81845, ACCOUNT_ROOT.replace('"account"', '"contact"'))
        if dependent and name == "Second":
            needed = REQUIRED.format(solution="First")
            text = text.replace("<MissingDependencies />", f"<MissingDependencies>{needed}")
            text = text.replace("</SolutionManifest>", "</MissingDependencies></SolutionManifest>")
        (specs / name / "Other").mkdir(parents=True)
        (specs / name / "Other/Solution.xml").write_text(text, encoding="utf-8")
        (specs / name / "Entities/Contact").mkdir(parents=True)
        (specs / name / "Entities/Contact/Entity.xml").write_text(entity, encoding="utf-8")
    emails = "".join(
        f"  - logical_name: emailaddress{n}\n    type: String\n    max_length: 100\n"
        for n in (1, 2)
    )
    (specs / "contact.yaml").write_text(CONTACT + emails, encoding="utf-8")
    return generated(tmp_path, specs)


def test_a_later_solution_overrides_a_key_and_one_of_the_same_rank_must_agree(
    tmp_path: Path,
) -> None:
    generation, diagnostics = _two_solutions(tmp_path / "dependent", dependent=True)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    assert keys_of(generation, "contact") == [
        ("csch_key_primaryemail", "csch_key_primaryemail", None, ("emailaddress2",))
    ]
    generation, diagnostics = _two_solutions(tmp_path / "independent", dependent=False)
    (error,) = [str(d) for d in diagnostics if d.severity.name == "ERROR"]
    assert "alternate key 'csch_key_primaryemail' of table 'contact': columns" in error
    assert "solutions neither of which depends on the other must agree" in error


def test_a_solution_key_on_a_column_the_base_lacks_is_a_warning(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    for relative, text in {"Other/Solution.xml": CONTACT_MANIFEST}.items():
        (specs / "S" / relative).parent.mkdir(parents=True)
        (specs / "S" / relative).write_text(text, encoding="utf-8")
    (specs / "S/Entities/Contact").mkdir(parents=True)
    (specs / "S/Entities/Contact/Entity.xml").write_text(KEYED, encoding="utf-8")
    (specs / "contact.yaml").write_text(CONTACT, encoding="utf-8")
    generation, diagnostics = generated(tmp_path, specs)
    assert keys_of(generation, "contact") == []
    assert [d.code for d in diagnostics if d.code == "solution-key-column-unknown"] == [
        "solution-key-column-unknown"
    ]


# --- canonical YAML and the cache ----------------------------------------------------------


def test_yaml_keys_round_trip_through_the_model_files_and_the_cache(tmp_path: Path) -> None:
    generation = invoices(tmp_path)
    assert keys_of(generation, "cr_invoice") == [
        ("cr_numberkey", "cr_NumberKey", "Invoice number", ("cr_number", "cr_year")),
        ("cr_customerkey", "cr_customerkey", None, ("cr_customerid",)),
    ]
    table = generation.tables.get("cr_invoice")
    assert table is not None and table.keys == (NUMBER_KEY, CUSTOMER_KEY)
    text = generation.files["model/cr_invoice.yaml"]
    assert "keys:\n- logical_name: cr_numberkey\n  schema_name: cr_NumberKey\n" in text
    assert ModelEmitter().dump_object(table) == Emitter().dump(to_data(table)) in text
    for fast in (True, False):  # the fast reader and the full loader agree
        back = parse_yaml(text, Location("model/cr_invoice.yaml"), Diagnostics(), fast=fast)
        assert isinstance(back, Table) and back.keys == table.keys
        assert back.keys[1].loc.line > back.keys[0].loc.line > 1
    decoded = cachedata.loads(cachedata.dumps(table))
    assert decoded == table and decoded.keys == table.keys


def test_a_table_without_keys_writes_no_keys() -> None:
    assert "keys" not in to_data(Table("cr_x", "cr_x"))
    committed = sorted((ROOT / "generated/model").glob("*.yaml"))
    assert committed and not any("\nkeys:" in p.read_text("utf-8") for p in committed)


# --- OData CSDL ---------------------------------------------------------------------------

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _annotation(xml: str, entity: str) -> list[list[tuple[str | None, str | None]]]:
    """Per key record of ``entity``'s AlternateKeys annotation, (Alias, Name) per column."""
    root = etree.fromstring(xml.encode())
    (annotation,) = root.iterfind(
        f".//{EDM}EntityType[@Name='{entity}']/{EDM}Annotation"
        "[@Term='OData.Community.Keys.V1.AlternateKeys']"
    )
    found = []
    (collection,) = annotation
    for record in collection:
        assert record.get("Type") == "OData.Community.Keys.V1.AlternateKey"
        (key,) = record
        assert key.get("Property") == "Key"
        refs = []
        for ref in key.find(f"{EDM}Collection"):
            assert ref.get("Type") == "OData.Community.Keys.V1.PropertyRef"
            alias, name = ref
            assert (alias.get("Property"), name.get("Property")) == ("Alias", "Name")
            refs.append((alias.get("String"), name.get("PropertyPath")))
        found.append(refs)
    return found


def test_csdl_declares_each_key_as_dataverse_metadata_does(tmp_path: Path) -> None:
    xml = invoices(tmp_path).files["odata/metadata.xml"]
    assert _annotation(xml, "cr_invoice") == [
        [("cr_number", "cr_number"), ("cr_year", "cr_year")],
        [("_cr_customerid_value", "_cr_customerid_value")],  # as a URL names it
    ]
    root = etree.fromstring(xml.encode())
    names = {p.get("Name") for p in root.iterfind(f".//{EDM}EntityType[@Name='cr_invoice']/*")}
    assert {"cr_number", "cr_year", "_cr_customerid_value"} <= names
    assert "AlternateKeys" not in xml.split('<EntityType Name="cr_customer"')[1].split("/Entity")[0]


@needs_xsd
def test_csdl_with_keys_passes_the_oasis_schema(tmp_path: Path) -> None:
    assert xsd_errors(invoices(tmp_path).files["odata/metadata.xml"].encode()) == []


# --- SQL ----------------------------------------------------------------------------------

INVOICE_ID = "00000000-0000-0000-0000-00000000000{}"


def test_sqlite_refuses_a_repeated_key_and_takes_empty_ones(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript(invoices(tmp_path).files["sql/sqlite/schema.sql"])
    add = "INSERT INTO cr_invoice (cr_invoiceid, cr_number, cr_year) VALUES (?, ?, ?)"
    conn.execute(add, (INVOICE_ID.format(1), "A-1", 2024))
    conn.execute(add, (INVOICE_ID.format(2), "A-1", 2025))  # another year: another key
    conn.execute(add, (INVOICE_ID.format(3), None, 2024))
    conn.execute(add, (INVOICE_ID.format(4), None, 2024))  # empty keys never clash
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(add, (INVOICE_ID.format(5), "A-1", 2024))


def test_postgres_refuses_a_repeated_key_and_takes_empty_ones(
    tmp_path: Path,
    postgres: PostgresServer,  # noqa: F811
) -> None:
    conn = connect(postgres, invoices(tmp_path).files["sql/postgres/schema.sql"])
    for n, number, year in ((1, "A-1", 2024), (2, "A-1", 2025), (3, None, 2024), (4, None, 2024)):
        row = {"cr_invoiceid": INVOICE_ID.format(n), "cr_number": number, "cr_year": year}
        insert(conn, "cr_invoice", row)
    with pytest.raises(errors.UniqueViolation, match="ak_cr_invoice_cr_numberkey"):
        row = {"cr_invoiceid": INVOICE_ID.format(5), "cr_number": "A-1", "cr_year": 2024}
        insert(conn, "cr_invoice", row)


def test_sql_server_keys_are_filtered_unique_indexes(tmp_path: Path) -> None:
    """SQL Server's UNIQUE allows one NULL: the index leaves rows with an empty key column out,
    so it refuses what PostgreSQL and SQLite refuse, and no more."""
    text = invoices(tmp_path).files["sql/sqlserver/schema.sql"]
    statements = [line for line in text.splitlines() if line.startswith("CREATE UNIQUE INDEX")]
    assert len(statements) == 2
    parsed = sqlglot.parse_one(statements[0], read="tsql")
    assert isinstance(parsed, exp.Create) and parsed.args.get("kind") == "INDEX"
    assert parsed.args.get("unique")
    where = parsed.find(exp.Where)
    assert where is not None
    held = {n.this.name for n in where.find_all(exp.Is)}
    assert held == {"cr_number", "cr_year"}
    assert "[ak_cr_invoice_cr_numberkey] ON [dbo].[cr_invoice] ([cr_number], [cr_year])" in text


def test_a_key_over_an_unbounded_text_is_left_out_on_sql_server_only() -> None:
    table = Table(
        "cr_t",
        "cr_t",
        primary_id_attribute="cr_tid",
        columns=(
            Column("cr_tid", "cr_tid", ColumnType.UNIQUEIDENTIFIER),
            Column("cr_code", "cr_code", ColumnType.STRING),  # no max_length: nvarchar(max)
        ),
        keys=(AlternateKey("cr_codekey", "cr_codekey", columns=("cr_code",)),),
    )
    tables = TableSet((table,))
    server, diagnostics = render(tables, "sqlserver")
    assert "CREATE UNIQUE INDEX" not in server
    assert [d.code for d in diagnostics if d.code == "sql-alternate-key-left-out"]
    postgres_text, _ = render(tables, "postgres")
    assert 'UNIQUE ("cr_code")' in postgres_text


# --- evolution ----------------------------------------------------------------------------


def _versions(tmp_path: Path) -> tuple[TableSet, TableSet]:
    """The invoice set, and the same without its keys."""
    keyed = invoices(tmp_path).tables
    bare = TableSet(tuple(dataclasses.replace(t, keys=()) for t in keyed.tables))
    return bare, keyed


def test_a_key_added_removed_or_changed_is_breaking(tmp_path: Path) -> None:
    bare, keyed = _versions(tmp_path)
    added = {(c.path, c.rule) for c in diff_sets(bare, keyed)}
    assert added == {
        (("keys", "cr_numberkey"), "key-added"),
        (("keys", "cr_customerkey"), "key-added"),
    }
    assert {c.rule for c in diff_sets(keyed, bare)} == {"key-removed"}
    invoice = keyed.get("cr_invoice")
    assert invoice is not None
    wider = dataclasses.replace(NUMBER_KEY, columns=("cr_number",), display_name="Number")
    changed = TableSet((keyed.tables[0], dataclasses.replace(invoice, keys=(wider, CUSTOMER_KEY))))
    assert {(c.path, c.rule) for c in diff_sets(keyed, changed)} == {
        (("keys", "cr_numberkey", "columns"), "key-changed"),
        (("keys", "cr_numberkey", "display_name"), "display-name-changed"),
    }
    assert all(RULES[name].breaking for name in ("key-added", "key-removed", "key-changed"))


def test_a_migration_adding_a_key_stops_on_rows_that_repeat_it(tmp_path: Path) -> None:
    bare, keyed = _versions(tmp_path)
    script = migration_script(bare, keyed, "sqlite", "old").text
    for rows, fails in ((("A-1", "A-2"), False), (("A-1", "A-1"), True)):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.executescript(render(bare, "sqlite")[0])
        for n, number in enumerate(rows, 1):
            conn.execute(
                "INSERT INTO cr_invoice (cr_invoiceid, cr_number, cr_year) VALUES (?, ?, 2024)",
                (INVOICE_ID.format(n), number),
            )
        if fails:
            with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
                conn.executescript(script)
        else:
            conn.executescript(script)
            assert conn.execute("SELECT count(*) FROM cr_invoice").fetchone() == (2,)
    postgres_script = migration_script(bare, keyed, "postgres", "old").text
    assert 'ADD CONSTRAINT "ak_cr_invoice_cr_numberkey" UNIQUE ("cr_number", "cr_year")' in (
        postgres_script
    )
    server_script = migration_script(keyed, bare, "sqlserver", "old").text
    assert "DROP INDEX [ak_cr_invoice_cr_numberkey] ON [dbo].[cr_invoice];" in server_script


def test_a_postgres_migration_adding_a_key_stops_on_rows_that_repeat_it(
    tmp_path: Path,
    postgres: PostgresServer,  # noqa: F811
) -> None:
    bare, keyed = _versions(tmp_path)
    script = migration_script(bare, keyed, "postgres", "old").text
    for numbers, fails in ((("A-1", "A-2"), False), (("A-1", "A-1"), True)):
        conn = connect(postgres, render(bare, "postgres")[0])
        for n, number in enumerate(numbers, 1):
            row = {"cr_invoiceid": INVOICE_ID.format(n), "cr_number": number, "cr_year": 2024}
            insert(conn, "cr_invoice", row)
        if fails:
            with pytest.raises(errors.UniqueViolation, match="ak_cr_invoice_cr_numberkey"):
                conn.execute(script)
            conn.execute("ROLLBACK")
        else:
            conn.execute(script)
        found = conn.execute(
            "SELECT count(*) FROM pg_constraint WHERE conname = 'ak_cr_invoice_cr_numberkey'"
        ).fetchone()
        assert found == ((0,) if fails else (1,))
        assert conn.execute("SELECT count(*) FROM cr_invoice").fetchone() == (2,)


def test_sql_server_remakes_a_key_index_around_a_retyped_column(tmp_path: Path) -> None:
    """SQL Server refuses to alter a column an index holds: the index is dropped first and
    made again last."""
    _, keyed = _versions(tmp_path)
    invoice = keyed.get("cr_invoice")
    assert invoice is not None
    columns = tuple(
        dataclasses.replace(c, max_length=40) if c.logical_name == "cr_number" else c
        for c in invoice.columns
    )
    wider = TableSet((keyed.tables[0], dataclasses.replace(invoice, columns=columns)))
    lines = migration_script(keyed, wider, "sqlserver", "old").text.splitlines()
    drop = lines.index("DROP INDEX [ak_cr_invoice_cr_numberkey] ON [dbo].[cr_invoice];")
    alter = next(i for i, line in enumerate(lines) if "ALTER COLUMN [cr_number]" in line)
    make = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("CREATE UNIQUE INDEX [ak_cr_invoice_cr_numberkey]")
    )
    assert drop < alter < make
    for line in lines[drop], lines[make]:
        assert not sqlglot.parse_one(line, read="tsql").find(exp.Command)


# --- what Dataverse refuses in a hand-written spec ----------------------------------------


def _keys(*lines: str) -> str:
    head = INVOICE.split("keys:\n", maxsplit=1)[0]
    rest = "relationships:" + INVOICE.split("relationships:")[1]
    return head + "keys:\n" + "".join(f"{line}\n" for line in lines) + rest


def _line(text: str, needle: str, nth: int = 1) -> int:
    """The line of the ``nth`` line of ``text`` holding ``needle``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[nth - 1]


_TYPES = "Customer, DateTime, Decimal, Integer, Lookup, Owner, Picklist, String"
ERRORS = {
    "unknown column": (
        _keys("  - logical_name: cr_k", "    columns: [cr_numbr]"),
        ("cr_numbr", 1),
        "alternate key 'cr_k': column 'cr_numbr' is no column of the table; did you mean "
        "'cr_number'?",
    ),
    "memo column": (
        _keys("  - logical_name: cr_k", "    columns:", "      - cr_number", "      - cr_notes"),
        ("- cr_notes", 1),
        f"alternate key 'cr_k': column 'cr_notes' is of type Memo; a key's columns are of type "
        f"{_TYPES}",
    ),
    "column twice": (
        _keys("  - logical_name: cr_k", "    columns:", "      - cr_year", "      - cr_year"),
        ("- cr_year", 2),
        "alternate key 'cr_k' lists column 'cr_year' twice",
    ),
    "key twice": (
        _keys(
            "  - logical_name: cr_k",
            "    columns: [cr_number]",
            "  - logical_name: cr_k",
            "    columns: [cr_year]",
        ),
        ("logical_name: cr_k", 2),
        "alternate key 'cr_k' is listed twice",
    ),
    "17 columns": (
        _keys("  - logical_name: cr_k", "    columns:", *[f"      - cr_c{n}" for n in range(17)]),
        ("- cr_c16", 1),
        "alternate key 'cr_k' has 17 columns: at most 16",
    ),
    "11 keys": (
        _keys(*[f"  - {{logical_name: cr_k{n}, columns: [cr_number]}}" for n in range(11)]),
        ("cr_k10", 1),
        "11 alternate keys: a table has at most 10",
    ),
    "virtual table": (
        _keys("  - logical_name: cr_k", "    columns: [cr_number]").replace(
            "entity_set_name:", "table_type: Virtual\nentity_set_name:"
        ),
        ("keys:", 1),
        "a virtual table cannot have alternate keys: Dataverse cannot enforce them",
    ),
    "no columns": (
        _keys("  - logical_name: cr_k", "    columns: []"),
        ("columns: []", 1),
        "keys.0.columns: [] should be non-empty",
    ),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_a_key_dataverse_would_refuse_is_an_error_at_its_line(
    case: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, (needle, nth), message = ERRORS[case]
    (workdir / "specs").mkdir()
    (workdir / "specs/cr_customer.yaml").write_text(CUSTOMER, encoding="utf-8")
    (workdir / "specs/cr_invoice.yaml").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "generate")
    assert code == 2, err
    expected = f"specs/cr_invoice.yaml:{_line(text, needle, nth)}: error: {message}"
    assert expected in err.splitlines(), err
    assert "Traceback" not in err and not (workdir / "generated").exists()


def test_a_customization_adds_a_key_and_two_must_agree(tmp_path: Path) -> None:
    added = "customizes: cr_customer\nkeys:\n  - logical_name: cr_namekey\n    columns: [cr_name]\n"
    specs = {"cr_customer.yaml": CUSTOMER, "add.yaml": added}
    generation, diagnostics = generated(tmp_path / "one", specs)
    assert not diagnostics.has_errors
    assert keys_of(generation, "cr_customer") == [("cr_namekey", "cr_namekey", None, ("cr_name",))]
    other = added.replace("columns:", "display_name: Name\n    columns:")
    _, diagnostics = generated(tmp_path / "two", {**specs, "other.yaml": other})
    messages = [str(d) for d in diagnostics if d.severity.name == "ERROR"]
    assert (
        len(messages) == 1 and "alternate key 'cr_namekey' of table 'cr_customer'" in (messages[0])
    )
    assert "an add must agree" in messages[0]
    missing = added.replace("[cr_name]", "[cr_nam]")
    _, diagnostics = generated(tmp_path / "three", {**specs, "add.yaml": missing})
    (error,) = [str(d) for d in diagnostics if d.severity.name == "ERROR"]
    assert "three/specs/add.yaml:3: error: alternate key 'cr_namekey'" in error, error
    assert "did you mean 'cr_name'?" in error
