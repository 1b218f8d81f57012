"""The columns Dataverse creates beside an image, file or rollup column (``dvgen.companions``):
each compared with what a real page, Microsoft's docs or the Web API's EntityType lists; in a
hand-written table and in a solution's own; what the author wrote wins; the opt-out; what is
never completed; and every target's output judged by real tools (SQLite, the OASIS CSDL
schema, the JSON Schema metaschema, pydantic on a record as the Web API returns it)."""

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
import yaml
from lxml import etree

from dvgen.cli import main
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import Column, ColumnType, DateTimeBehavior, Table, TableExtension
from dvgen.parse.yaml_spec import parse_yaml, parse_yaml_spec
from dvgen.pipeline import Generation, generate
from dvgen.systemparts import columns as dataverse_columns
from dvgen.validate import MAX_NAME
from tests.conftest import CORPUS, NO_SHARED, SHARED, VALIDATORS, needs_shared, parse_file
from tests.solution_support import SOLUTION, UNPACKED, _attribute, layered
from tests.test_odata_tools import XSD, xsd_errors
from tests.test_pydantic import imported
from tests.test_solutions import read
from tests.test_sql_support import postgres_unavailable, shared_server

PHOTO = """\
logical_name: app_photo
schema_name: app_Photo
display_name: Photo
entity_set_name: app_photos
primary_id_attribute: app_photoid
primary_name_attribute: app_name
columns:
  - {logical_name: app_photoid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: app_name, type: String, display_name: Name, max_length: 100}
  - {logical_name: app_picture, schema_name: app_Picture, type: Image, display_name: Picture}
  - {logical_name: app_scan, schema_name: app_Scan, type: File, display_name: Scan}
  - {logical_name: app_views, schema_name: app_Views, type: Integer, display_name: Views,
     valid_for_create: false, valid_for_update: false, extra: {SourceType: "2"}}
  - {logical_name: app_tags, type: MultiSelectPicklist, display_name: Tags,
     choices: [{value: 1, label: Red}, {value: 2, label: Blue}]}
  - {logical_name: app_code, type: String, max_length: 20,
     extra: {AutoNumberFormat: "P-{SEQNUM:4}"}}
  - {logical_name: app_customerid, type: Customer, targets: [account, contact]}
"""
IMAGE = {"app_pictureid", "app_picture_timestamp", "app_picture_url"}
FILE = {"app_scan_name"}
ROLLUP = {"app_views_date", "app_views_state"}
COMPANIONS = IMAGE | FILE | ROLLUP
FACETS = (
    "type",
    "required_level",
    "valid_for_create",
    "valid_for_update",
    "valid_for_read",
    "valid_for_form",
    "format",
    "format_name",
    "ime_mode",
    "is_localizable",
    "max_length",
    "min_value",
    "max_value",
    "date_time_behavior",
)


def parse(text: str, path: str = "specs/app_photo.yaml") -> Table:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(text, Location(path), diagnostics)
    assert not list(diagnostics), [str(d) for d in diagnostics]
    return table


def named(table: Table, name: str) -> Column:
    column = table.column(name)
    assert column is not None, name
    return column


def stated(page: Column, ours: Column) -> dict[str, tuple[object, object]]:
    """Each facet the page states (not blank) that ours does not have alike."""
    return {
        facet: (getattr(page, facet), getattr(ours, facet))
        for facet in FACETS
        if getattr(page, facet) is not None and getattr(page, facet) != getattr(ours, facet)
    }


# --- the set, against real pages, the docs and the Web API ------------------------------------


def test_image_file_and_rollup_columns_get_their_companions_and_nothing_else_does() -> None:
    """A multi-select choice and an autonumber column get none (``sample_bankaccount.md``, a
    custom table's page, lists none beside ``sample_multiselectchoice``), nor a customer
    lookup: its ``<name>name``, ``<name>type`` are no Web API properties (below)."""
    table = parse(PHOTO)
    written = {
        line.split("logical_name: ")[1].split(",")[0]
        for line in PHOTO.splitlines()
        if "{logical_name: " in line
    }
    system = {c.logical_name for c in dataverse_columns(table)}
    assert {c.logical_name for c in table.columns} - written - system == COMPANIONS
    schema = {named(table, n).schema_name for n in COMPANIONS}
    assert schema == {
        "app_PictureId",
        "app_Picture_Timestamp",
        "app_Picture_URL",
        "app_Scan_Name",
        "app_Views_Date",
        "app_Views_State",
    }
    assert {named(table, n).loc.line for n in IMAGE} == {10}  # at its column's line
    assert {named(table, n).loc.line for n in ROLLUP} == {12}
    assert all(not named(table, n).is_writable for n in COMPANIONS)


@needs_shared
@pytest.mark.parametrize(
    ("page", "theirs", "ours"),
    [
        ("account.md", "entityimageid", "app_pictureid"),
        ("account.md", "entityimage_timestamp", "app_picture_timestamp"),
        ("account.md", "entityimage_url", "app_picture_url"),
        ("contact.md", "entityimage_url", "app_picture_url"),
        ("queue.md", "entityimage_timestamp", "app_picture_timestamp"),
        ("activityfileattachment.md", "filecontent_name", "app_scan_name"),
    ],
)
def test_each_image_and_file_companion_has_the_facets_a_real_page_lists(
    page: str, theirs: str, ours: str
) -> None:
    real = named(parse_file(CORPUS / page), theirs)
    mine = named(parse(PHOTO), ours)
    assert stated(real, mine) == {}
    assert real.type is mine.type and not real.is_writable
    if theirs != "entityimageid":  # Microsoft's own says "For internal use only."
        assert (real.display_name or None, real.description or None) == (None, None)
        assert (mine.display_name, mine.description) == (None, None)


def test_rollup_companions_have_the_facets_of_a_real_rollup() -> None:
    """As the Sales page of ``account`` (dynamics-365-customer-engagement, read-only columns:
    ``OpenDeals_Date``, ``OpenDeals_State`` of the rollup ``OpenDeals``, "Open Deals") lists
    them: no page of ../shared has a rollup column."""
    table = parse(PHOTO.replace("display_name: Views", "display_name: Open Deals"))
    date, state = named(table, "app_views_date"), named(table, "app_views_state")
    assert (date.type, date.date_time_behavior, date.format) == (
        ColumnType.DATE_TIME,
        DateTimeBehavior.USER_LOCAL,
        "DateAndTime",
    )
    assert date.display_name == "Open Deals (Last Updated On)"
    assert date.description == "Last Updated time of rollup field Open Deals."
    assert (state.type, state.format, state.min_value, state.max_value) == (
        ColumnType.INTEGER,
        "None",
        -2147483648,
        2147483647,
    )
    assert (state.display_name, state.description) == (
        "Open Deals (State)",
        "State of rollup field Open Deals.",
    )
    for column in (date, state):
        assert (column.valid_for_create, column.valid_for_update, column.valid_for_form) == (
            False,
            False,
            True,
        )


def web_api(entity: str) -> dict[str, tuple[str, bool]]:
    """A Web API EntityType's properties: name -> (Edm type, read only)."""
    text = (VALIDATORS / "webapi-v9" / f"{entity}.yml").read_text(encoding="utf-8")
    items = yaml.safe_load(text)["properties"]["property_items"]
    return {p["name"]: (p["type"], p["isreadonly"]) for p in items}


def lookups(entity: str) -> set[str]:
    """A Web API EntityType's lookup properties (``_<lookup>_value``)."""
    text = (VALIDATORS / "webapi-v9" / f"{entity}.yml").read_text(encoding="utf-8")
    return {p["name"] for p in yaml.safe_load(text)["lookup_properties"]["property_items"]}


# --- what the author wrote wins; opt-out; scope ----------------------------------------------


def test_a_companion_the_author_wrote_is_kept_as_written_and_not_duplicated() -> None:
    text = PHOTO + (
        "  - {logical_name: app_pictureid, type: Uniqueidentifier, display_name: Mine}\n"
        "  - {logical_name: app_views_state, type: Integer, display_name: How it went}\n"
    )
    table = parse(text)
    names = [c.logical_name for c in table.columns]
    assert names.count("app_pictureid") == 1 and names.count("app_views_state") == 1
    assert named(table, "app_pictureid").display_name == "Mine"
    assert named(table, "app_views_state").display_name == "How it went"
    assert {"app_picture_url", "app_views_date"} <= set(names)


def test_a_primary_key_named_as_an_image_companion_stays_the_key() -> None:
    text = PHOTO.replace("app_picture,", "app_photo,").replace("app_Picture,", "app_Photo,")
    table = parse(text)
    key = [c for c in table.columns if c.logical_name == "app_photoid"]
    assert len(key) == 1 and key[0].required_level.value == "SystemRequired"
    assert table.column("app_photo_url") is not None


def test_system_columns_false_opts_out_of_the_companions_too() -> None:
    table = parse(PHOTO.replace("columns:\n", "system_columns: false\ncolumns:\n", 1))
    assert not COMPANIONS & {c.logical_name for c in table.columns}


def test_a_table_only_microsoft_names_gets_no_companion() -> None:
    text = PHOTO.replace("app_photo", "msdyn_photo").replace("app_Photo", "msdyn_Photo")
    table = parse(text, "specs/msdyn_photo.yaml")
    assert table.column("app_picture_url") is None and table.column("app_views_date") is None


def test_a_name_longer_than_an_edm_identifier_gets_no_companion() -> None:
    long = "app_" + "p" * (MAX_NAME - 4 - len("_url") + 1)
    table = parse(
        PHOTO.replace("app_picture, schema_name: app_Picture", f"{long}, schema_name: {long}")
    )
    assert table.column(f"{long}id") is not None  # 129 characters would be refused: 128 is not
    assert table.column(f"{long}_timestamp") is None and table.column(f"{long}_url") is None


# --- a solution's own table ------------------------------------------------------------------

SOLUTIONS = SHARED / "solutions"
REFERENCE = {
    "id": "app_pictureid",
    "_timestamp": "app_picture_timestamp",
    "_url": "app_picture_url",
    "_name": "app_scan_name",
    "_date": "app_views_date",
    "_state": "app_views_state",
}
"""A companion's suffix -> the same companion of the photo table."""


@needs_shared
@pytest.mark.parametrize(
    ("solution", "table", "column", "added"),
    [
        (
            "pnp__powerplatform-samples__AutomatedExpenseReporting",
            "gmx_expense",
            "gmx_receipt",
            {"gmx_receiptid", "gmx_receipt_timestamp", "gmx_receipt_url"},
        ),
        (
            "Pilseta-cilvekiem__Participant-Management__CityForPeople",
            "pc_bankaccount",
            "pc_transactionimportfile",
            {"pc_transactionimportfile_name"},
        ),
        (
            "microsoft__Power-CAT-Copilot-Studio-Kit__CopilotStudioAccelerator",
            "cat_rubric",
            "cat_badexample",
            {"cat_badexample_date", "cat_badexample_state"},
        ),
    ],
)
def test_a_real_solutions_own_table_gets_the_companions_its_export_leaves_out(
    solution: str, table: str, column: str, added: set[str]
) -> None:
    specs = read(SOLUTIONS / solution)
    owned = next(s for s in specs if isinstance(s, Table) and s.logical_name == table)
    exported = {
        (a.findtext("LogicalName") or "").lower()
        for path in (SOLUTIONS / solution / "Entities").glob("*/Entity.xml")
        for a in etree.parse(str(path)).iter("attribute")
    }
    assert not added & exported  # the export lists none of them
    assert added <= {c.logical_name for c in owned.columns}
    assert {named(owned, n).loc for n in added} == {named(owned, column).loc}
    reference = parse(PHOTO)
    for name in added:
        expected = named(reference, REFERENCE[name.removeprefix(column)])
        assert stated(expected, named(owned, name)) == {}, name


@needs_shared
def test_a_solution_table_it_only_customizes_gets_no_companion() -> None:
    """``Contact`` of CityForPeople has two rollup columns; Dataverse made its table, not the
    solution, and a layer changes only what it states."""
    specs = read(SOLUTIONS / "Pilseta-cilvekiem__Participant-Management__CityForPeople")
    names = {
        c.logical_name
        for s in specs
        if isinstance(s, TableExtension) and s.logical_name == "contact" and s.shell
        for c in s.shell.columns
    }
    assert "pc_lastpaymentdate" in names and "pc_lastpaymentdate_date" not in names


def test_a_solution_written_as_the_packager_writes_one_gets_image_and_rollup_companions(
    tmp_path: Path,
) -> None:
    image = _attribute(
        "contoso_Photo",
        "image",
        "          <MaxValue>10240</MaxValue>\n          <IsLogical>1</IsLogical>",
    )
    rollup = _attribute(
        "contoso_Visits",
        "int",
        "          <SourceType>2</SourceType>\n          <MinValue>0</MinValue>",
    )
    files = dict(UNPACKED)
    site = "Entities/contoso_Site/Entity.xml"
    files[site] = files[site].replace("      </attributes>", image + rollup + "      </attributes>")
    files["Other/Solution.xml"] = SOLUTION.format(name="ContosoSites", requires="")
    generation = layered(tmp_path, files)
    site_table = next(t for t in generation.tables.tables if t.logical_name == "contoso_site")
    names = {c.logical_name for c in site_table.columns}
    assert {"contoso_photoid", "contoso_photo_timestamp", "contoso_photo_url"} <= names
    assert {"contoso_visits_date", "contoso_visits_state"} <= names
    assert named(site_table, "contoso_photo_url").schema_name == "contoso_Photo_URL"
    account = next(t for t in generation.tables.tables if t.logical_name == "account")
    assert account.column("contoso_siteid_url") is None


# --- every target, judged by real tools ------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The photo table generated: every target and dialect."""
    root = tmp_path_factory.mktemp("photo")
    (root / "specs").mkdir()
    (root / "specs/app_photo.yaml").write_text(PHOTO, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.dvgen]\npydantic_package = "photo_models"\n')
    argv = ["--config", str(root / "pyproject.toml"), "--specs", str(root / "specs")]
    argv += ["--ignore", "lookup-target-outside-set"]
    assert main(["generate", "-q", "--no-cache", *argv, "--out", str(root / "out")]) == 0
    return root / "out"


def test_sqlite_stores_a_row_with_every_companion(app: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.executescript((app / "sql/sqlite/schema.sql").read_text(encoding="utf-8"))
    columns = {row[1]: row[2] for row in db.execute("PRAGMA table_info(app_photo)")}
    assert COMPANIONS <= set(columns)
    db.execute(
        "INSERT INTO app_photo (app_photoid, app_name, statecode, ownerid, owningbusinessunit, "
        "app_pictureid, app_picture_timestamp, app_picture_url, app_scan_name, app_views_date, "
        "app_views_state) VALUES (?, 'P', 0, ?, ?, ?, ?, ?, 'scan.pdf', "
        "'2026-01-02T03:04:05Z', 1)",
        (*(str(uuid.uuid4()) for _ in range(4)), 2**62, "/Image/download.aspx?x=1"),
    )
    with pytest.raises(sqlite3.IntegrityError):  # 200 characters at most
        db.execute("UPDATE app_photo SET app_picture_url = ?", ("u" * 201,))


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_postgresql_types_each_companion(app: Path) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute((app / "sql/postgres/schema.sql").read_text(encoding="utf-8"))
        rows = conn.execute(
            "SELECT column_name, data_type, character_maximum_length "
            "FROM information_schema.columns WHERE table_name = 'app_photo'"
        ).fetchall()
    types = {name: (kind, length) for name, kind, length in rows}
    assert {n: types[n] for n in sorted(COMPANIONS)} == {
        "app_picture_timestamp": ("bigint", None),
        "app_picture_url": ("character varying", 200),
        "app_pictureid": ("uuid", None),
        "app_scan_name": ("character varying", 200),
        "app_views_date": ("timestamp with time zone", None),
        "app_views_state": ("integer", None),
    }


def test_sqlglot_parses_every_companion_of_the_sql_server_schema(app: Path) -> None:
    text = (app / "sql/sqlserver/schema.sql").read_text(encoding="utf-8")
    created = {
        c.name
        for s in sqlglot.parse(text, read="tsql")
        if isinstance(s, sqlglot.exp.Create)
        for c in s.this.expressions
        if isinstance(c, sqlglot.exp.ColumnDef)
    }
    assert COMPANIONS <= created


@pytest.mark.skipif(not XSD.is_file(), reason=f"{NO_SHARED} (OASIS edmx.xsd)")
def test_the_csdl_is_valid_and_types_each_companion_as_the_web_api_does(app: Path) -> None:
    xml = (app / "odata/metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    ns = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
    photo = etree.fromstring(xml).find(".//edm:EntityType[@Name='app_photo']", ns)
    assert photo is not None
    types = {p.get("Name"): p.get("Type") for p in photo.findall("edm:Property", ns)}
    account, attachment = web_api("account"), web_api("activityfileattachment")
    real = {
        "app_pictureid": account["entityimageid"],
        "app_picture_timestamp": account["entityimage_timestamp"],
        "app_picture_url": account["entityimage_url"],
        "app_scan_name": attachment["filecontent_name"],
    }
    assert {n: types.get(n) for n in real} == {n: t for n, (t, _) in real.items()}
    assert all(read_only for _, read_only in real.values())
    assert (types["app_views_date"], types["app_views_state"]) == (
        "Edm.DateTimeOffset",
        "Edm.Int32",
    )
    assert not {"app_customeridname", "app_customeridtype", "app_tagsname"} & set(types)
    contact = web_api("contact")  # a customer lookup's companions: no property of the Web API
    assert "parentcustomerid" not in contact and "_parentcustomerid_value" in lookups("contact")
    assert not {"parentcustomeridname", "parentcustomeridtype"} & set(contact)


def test_an_image_url_named_after_a_lookups_stem_stays_a_property(workdir: Path) -> None:
    """``app_accountlogo_url`` starts with the stem of ``app_accountid``, as a lookup's blank
    name companion would; it is an image's URL, which the Web API returns."""
    text = PHOTO.replace("app_picture", "app_accountlogo").replace("app_Picture", "app_accountlogo")
    text = text.replace(
        "  - {logical_name: app_customerid",
        "  - {logical_name: app_accountid, type: Lookup, "
        "targets: [account]}\n  - {logical_name: app_customerid",
    )
    (workdir / "specs").mkdir()
    (workdir / "specs/app_photo.yaml").write_text(text, encoding="utf-8")
    argv = ["generate", "-q", "--no-cache", "--target", "jsonschema", "--ignore"]
    assert main([*argv, "lookup-target-outside-set"]) == 0
    schema = json.loads(
        (workdir / "generated/jsonschema/app_photo.schema.json").read_text(encoding="utf-8")
    )
    assert {"app_accountlogo_url", "_app_accountid_value"} <= set(schema["properties"])


def web_api_record() -> dict[str, Any]:
    """A photo as ``GET /app_photos(...)`` returns it, with its companions."""
    return {
        "@odata.etag": 'W/"4711"',
        "app_photoid": str(uuid.uuid4()),
        "app_name": "P-1",
        "app_pictureid": str(uuid.uuid4()),
        "app_picture_timestamp": 638400000000000000,
        "app_picture_url": "/Image/download.aspx?Entity=app_photo&Attribute=app_picture",
        "app_scan_name": "scan.pdf",
        "app_views": 12,
        "app_views_date": "2026-01-02T03:04:05Z",
        "app_views_state": 1,
        "statecode": 0,
        "statuscode": 1,
    }


def test_the_json_schema_is_valid_and_types_each_companion(app: Path) -> None:
    schema = json.loads((app / "jsonschema/app_photo.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(web_api_record())) == []
    wrongs = (
        {"app_picture_timestamp": "now"},
        {"app_pictureid": "me"},
        {"app_views_state": "done"},
        {"app_scan_name": "x" * 201},
        {"app_views_date": "yesterday"},
    )
    for wrong in wrongs:
        assert list(validator.iter_errors({**web_api_record(), **wrong})), wrong


@pytest.fixture()
def models(app: Path) -> Iterator[Any]:
    with imported({}, app / "pydantic", "photo_models"):  # the package generate wrote
        yield importlib.import_module("photo_models.app_photo")


def test_pydantic_validates_a_web_api_record_holding_the_companions(models: Any) -> None:
    record = web_api_record()
    photo = models.AppPhoto.model_validate(record)
    fields = {f.alias or name: name for name, f in models.AppPhoto.model_fields.items()}
    assert COMPANIONS <= set(fields)
    assert getattr(photo, fields["app_pictureid"]) == uuid.UUID(record["app_pictureid"])
    assert getattr(photo, fields["app_picture_timestamp"]) == 638400000000000000
    assert getattr(photo, fields["app_views_date"]).year == 2026
    assert getattr(photo, fields["app_scan_name"]) == "scan.pdf"
    with pytest.raises(ValueError, match="app_views_state"):
        models.AppPhoto.model_validate({**record, "app_views_state": "done"})


# --- a YAML customization ---------------------------------------------------------------------

CONTACT = """\
logical_name: contact
schema_name: Contact
display_name: Contact
entity_set_name: contacts
primary_id_attribute: contactid
primary_name_attribute: fullname
columns:
  - {logical_name: contactid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: fullname, type: String, max_length: 160}
"""
PHOTO_ON_CONTACT = """\
customizes: contact
columns:
  - {logical_name: app_picture, schema_name: app_Picture, type: Image, display_name: Picture}
  - {logical_name: app_scan, schema_name: app_Scan, type: File, display_name: Scan}
  - {logical_name: app_views, schema_name: app_Views, type: Integer, display_name: Views,
     valid_for_create: false, valid_for_update: false, extra: {SourceType: "2"}}
  - {logical_name: app_scan_name, type: String, max_length: 300, display_name: Mine}
"""


def test_a_yaml_customization_adds_the_companions_of_what_it_adds(tmp_path: Path) -> None:
    """A customization adding an image, a file and a rollup column to Microsoft's ``contact``
    gets the columns Dataverse creates beside them, as a table written by hand and a solution's
    customization do; one it lists itself is kept as written, once. The Web API's record then
    holds them: the CSDL (checked against the OASIS schema) declares each, typed."""
    diagnostics = Diagnostics()
    layer = parse_yaml(PHOTO_ON_CONTACT, Location("specs/photo.yaml"), diagnostics)
    assert isinstance(layer, TableExtension) and not list(diagnostics)
    generation = _customized(tmp_path, CONTACT, PHOTO_ON_CONTACT)
    contact = generation.tables.get("contact")
    assert contact is not None
    names = [c.logical_name for c in contact.columns]
    assert names.count("app_scan_name") == 1 and set(names) >= COMPANIONS
    assert named_in(contact.columns, "app_scan_name").display_name == "Mine"
    assert named_in(contact.columns, "app_pictureid").loc.line == 3
    metadata = generation.files["odata/metadata.xml"]
    assert xsd_errors(metadata.encode()) == []
    for name, edm in (
        ("app_pictureid", "Edm.Guid"),
        ("app_picture_timestamp", "Edm.Int64"),
        ("app_picture_url", "Edm.String"),
        ("app_views_date", "Edm.DateTimeOffset"),
        ("app_views_state", "Edm.Int32"),
    ):
        assert f'<Property Name="{name}" Type="{edm}"' in metadata, name


@pytest.mark.parametrize("kind", ["Virtual", "Elastic"])
def test_a_yaml_customization_of_a_virtual_or_elastic_table_gets_no_companions(
    tmp_path: Path, kind: str
) -> None:
    """A virtual or elastic table is left as written, its image, file and rollup columns
    without companions whether its spec or a customization adds them, as a solution's
    customization of one leaves it: the customization added them whatever the table."""
    base = CONTACT.replace("primary_name_attribute: fullname\n", f"{_TYPE}{kind}\n")
    contact = _customized(tmp_path, base, PHOTO_ON_CONTACT).tables.get("contact")
    assert contact is not None
    names = set(contact.columns_by_name)
    assert names >= {"app_picture", "app_scan", "app_views", "app_scan_name"}
    assert not names & (COMPANIONS - {"app_scan_name"})


_TYPE = "primary_name_attribute: fullname\ntable_type: "


def _customized(tmp_path: Path, contact: str, *customizations: str) -> Generation:
    """The set of ``contact`` and its ``customizations`` (applied in their order), its model
    and CSDL."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "contact.yaml").write_text(contact, encoding="utf-8")
    for index, customization in enumerate(customizations):
        (specs / f"photo{index}.yaml").write_text(customization, encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(specs=specs, out=tmp_path / "out", cache=False, targets=("model", "odata"))
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation


def named_in(columns: tuple[Column, ...], name: str) -> Column:
    return next(c for c in columns if c.logical_name == name)


def test_a_customization_removing_an_image_file_or_rollup_column_removes_its_companions(
    tmp_path: Path,
) -> None:
    """The columns Dataverse creates beside an image, a file or a rollup column exist with it
    only: a customization removing the column removes them too, as removing a lookup removes
    its ``...name``. They stayed, properties of a column no longer there in the CSDL and the
    SQL rows."""
    removal = "customizes: contact\nremove:\n  columns: [app_picture, app_scan, app_views]\n"
    contact = _customized(tmp_path, CONTACT, PHOTO_ON_CONTACT, removal).tables.get("contact")
    assert contact is not None
    assert not set(contact.columns_by_name) & (COMPANIONS | {"app_picture", "app_scan"})
    assert "app_views" not in contact.columns_by_name
