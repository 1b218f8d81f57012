"""An elastic table gets the columns, relationships and key Dataverse creates with one
(``dvgen.elasticparts``): a hand-written spec completed, a solution's own completed with what its
export leaves out, and an export that states its elastic provider but no ``<TableType>`` read as
elastic (it was read as virtual). Held to Microsoft's own elastic tables (their reference pages:
``agentprompt``, user owned, ``backgroundoperation``, organization owned) and judged by real
tools (SQLite, PostgreSQL, the OASIS CSDL schema, the JSON Schema metaschema)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location
from dvgen.elasticparts import NO_CASCADE
from dvgen.model import ColumnType, RequiredLevel, Table, TableType
from dvgen.parse.yaml_spec import parse_yaml_spec
from dvgen.pipeline import generate
from tests.conftest import CORPUS, NO_SHARED, SHARED, needs_shared, parse_file
from tests.solution_support import DECLARATION, manifest
from tests.test_odata_tools import XSD, xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

SENSOR = """\
# Microsoft's example elastic table (create-elastic-tables.md): user owned.
logical_name: contoso_sensordata
schema_name: contoso_SensorData
display_name: SensorData
entity_set_name: contoso_sensordatas
primary_id_attribute: contoso_sensordataid
primary_name_attribute: contoso_sensortype
table_type: Elastic
columns:
  - {logical_name: contoso_sensordataid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: contoso_sensortype, type: String, display_name: Sensor Type, max_length: 100}
  - {logical_name: contoso_value, type: Integer, display_name: Value}
"""
LOG = """\
logical_name: contoso_log
schema_name: contoso_Log
entity_set_name: contoso_logs
primary_id_attribute: contoso_logid
primary_name_attribute: contoso_name
table_type: Elastic
ownership_type: OrganizationOwned
columns:
  - {logical_name: contoso_logid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: contoso_name, type: String, display_name: Name, max_length: 100}
"""
AUDIT = {
    "createdby",
    "createdon",
    "createdonbehalfby",
    "modifiedby",
    "modifiedon",
    "modifiedonbehalfby",
    "importsequencenumber",
    "overriddencreatedon",
    "versionnumber",
}
ELASTIC = {"partitionid", "ttlinseconds"}
OWNER = {"ownerid", "owningbusinessunit", "owningteam", "owninguser"}
NOT_ELASTIC = {
    "statecode",
    "statuscode",
    "timezoneruleversionnumber",
    "utcconversiontimezonecode",
    "organizationid",
}
"""What a standard table gets and none of Microsoft's elastic tables has."""
KEY = "keyfornosqlentitywithpkpartitionid"


def parse(text: str, name: str) -> Table:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(text, Location(f"specs/{name}.yaml"), diagnostics)
    assert not list(diagnostics), [str(d) for d in diagnostics]
    return table


def written(text: str) -> set[str]:
    return {
        line.split("logical_name: ")[1].split(",")[0]
        for line in text.splitlines()
        if "{logical_name: " in line
    }


# --- a hand-written elastic table ------------------------------------------------------------


def test_a_user_owned_elastic_table_gets_what_dataverse_creates_with_one() -> None:
    table = parse(SENSOR, "contoso_sensordata")
    added = {c.logical_name for c in table.columns} - written(SENSOR)
    assert added == AUDIT | OWNER | ELASTIC
    unit = table.column("owningbusinessunit")
    assert unit is not None and unit.required_level is RequiredLevel.NONE  # agentprompt's
    owner = table.column("ownerid")
    assert owner is not None and owner.required_level is RequiredLevel.SYSTEM_REQUIRED
    partition = table.column("partitionid")
    assert partition is not None
    assert (partition.schema_name, partition.type, partition.max_length) == (
        "PartitionId",
        ColumnType.STRING,
        100,
    )
    assert partition.is_writable and partition.required_level is RequiredLevel.NONE
    ttl = table.column("ttlinseconds")
    assert ttl is not None
    assert (ttl.schema_name, ttl.type, ttl.min_value, ttl.max_value) == (
        "TTLInSeconds",
        ColumnType.INTEGER,
        1,
        2147483647,
    )
    assert [(k.logical_name, k.schema_name, k.columns) for k in table.keys] == [
        (KEY, "KeyForNoSqlEntityWithPKPartitionId", ("contoso_sensordataid", "partitionid"))
    ]
    relationships = {r.schema_name: r for r in table.relationships.many_to_one}
    assert set(relationships) == {
        "lk_contoso_sensordata_createdby",
        "lk_contoso_sensordata_createdonbehalfby",
        "lk_contoso_sensordata_modifiedby",
        "lk_contoso_sensordata_modifiedonbehalfby",
        "owner_contoso_sensordata",
        "business_unit_contoso_sensordata",
        "team_contoso_sensordata",
        "user_contoso_sensordata",
    }
    # "Cascading is not supported": every action NoCascade, Merge and RollupView too.
    assert {r.cascade_configuration for r in relationships.values()} == {NO_CASCADE}
    # No notes, no system jobs, no sync errors: no one-to-many relationship at all.
    assert table.relationships.one_to_many == ()


def test_an_organization_owned_elastic_table_has_no_organizationid() -> None:
    """``backgroundoperation`` and ``eventexpanderbreadcrumb``, organization owned elastic
    tables, list no ``organizationid`` nor ``organization_<table>``."""
    table = parse(LOG, "contoso_log")
    assert {c.logical_name for c in table.columns} - written(LOG) == AUDIT | ELASTIC
    assert {r.schema_name for r in table.relationships.many_to_one} == {
        f"lk_contoso_log_{c}"
        for c in ("createdby", "createdonbehalfby", "modifiedby", "modifiedonbehalfby")
    }


def test_what_the_author_wrote_wins() -> None:
    text = (
        SENSOR + "  - {logical_name: ttlinseconds, type: Integer, display_name: TTL, min_value: 60,"
        " max_value: 86400}\n"
        "  - {logical_name: partitionid, type: String, display_name: Device, max_length: 64}\n"
        "  - {logical_name: createdby, type: Lookup, targets: [systemuser]}\n"
        "keys:\n"
        f"  - {{logical_name: {KEY}, schema_name: MyKey,"
        " columns: [contoso_sensordataid, partitionid]}\n"
        "relationships:\n  many_to_one:\n    - schema_name: lk_contoso_sensordata_createdby\n"
        "      referenced_entity: systemuser\n      referencing_attribute: createdby\n"
    )
    table = parse(text, "contoso_sensordata")
    ttl, partition = table.column("ttlinseconds"), table.column("partitionid")
    assert ttl is not None and (ttl.display_name, ttl.min_value, ttl.max_value) == (
        "TTL",
        60,
        86400,
    )
    assert partition is not None and (partition.display_name, partition.max_length) == (
        "Device",
        64,
    )
    assert [(k.logical_name, k.schema_name) for k in table.keys] == [(KEY, "MyKey")]
    stated = [r for r in table.relationships.many_to_one if r.referencing_attribute == "createdby"]
    assert len(stated) == 1 and stated[0].cascade_configuration is None


def test_system_columns_false_leaves_an_elastic_table_as_written() -> None:
    text = SENSOR + "system_columns: false\n"
    table = parse(text, "contoso_sensordata")
    assert {c.logical_name for c in table.columns} == written(SENSOR)
    assert table.keys == ()


@needs_shared
@pytest.mark.parametrize("page", ["agentprompt", "backgroundoperation"])
def test_each_added_column_is_as_microsofts_elastic_tables_have_it(page: str) -> None:
    """Every column dvgen adds is one Microsoft's elastic table of that ownership lists, with
    its type, required level, writability, length and range; and the page lists no column of
    ``NOT_ELASTIC``."""
    real = parse_file(CORPUS / f"{page}.md")
    assert real.table_type is TableType.ELASTIC
    spec = SENSOR if page == "agentprompt" else LOG
    table = parse(spec, "contoso_sensordata" if page == "agentprompt" else "contoso_log")
    assert not NOT_ELASTIC & set(real.columns_by_name)
    for column in table.columns:
        if column.logical_name in written(spec):
            continue
        theirs = real.column(column.logical_name)
        assert theirs is not None, column.logical_name
        facets = (
            "type",
            "required_level",
            "valid_for_create",
            "valid_for_update",
            "max_length",
            "min_value",
            "max_value",
            "targets",
            "description",
        )
        for facet in facets:
            mine, page_value = getattr(column, facet), getattr(theirs, facet)
            if facet == "targets":
                mine, page_value = set(mine), set(page_value)
            assert mine == page_value, (column.logical_name, facet)
    mine_links = {
        r.schema_name.replace("contoso_sensordata", "x").replace("contoso_log", "x")
        for r in table.relationships.many_to_one
    }
    theirs_links = {r.schema_name.replace(page, "x") for r in real.relationships.many_to_one}
    assert mine_links == theirs_links
    assert {r.cascade_configuration for r in real.relationships.many_to_one} == {NO_CASCADE}


# --- a solution's elastic table --------------------------------------------------------------

ELASTIC_PROVIDER = "{1d9bde74-9ebd-4da9-8ff5-aa74945b9f74}"


def _attribute(physical: str, kind: str, body: str = "", custom: int = 0) -> str:
    name = physical.lower()
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{name}</Name>'
        f"<LogicalName>{name}</LogicalName><RequiredLevel>none</RequiredLevel>"
        "<ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
        f"<ValidForCreateApi>1</ValidForCreateApi><IsCustomField>{custom}</IsCustomField>{body}"
        f'<displaynames><displayname description="{physical}" languagecode="1033" />'
        "</displaynames></attribute>"
    )


def _entity(table_type: str, partition: bool) -> str:
    """An export of an elastic table as the Copilot Studio Kit's ``cat_AgentTranscripts``
    states one: ``<DataProviderId>`` the elastic provider's, no ``<TableType>`` (or one)."""
    attributes = (
        _attribute("cat_TranscriptId", "primarykey")
        + _attribute(
            "cat_Name", "nvarchar", "<Format>text</Format><MaxLength>100</MaxLength>", 1
        ).replace(
            "<ValidForUpdateApi>", "<DisplayMask>PrimaryName</DisplayMask><ValidForUpdateApi>"
        )
        + _attribute("CreatedBy", "lookup")
        + _attribute("CreatedOnBehalfBy", "lookup")
        + _attribute("OwnerId", "owner")
        + (
            _attribute("PartitionId", "nvarchar", "<Format>text</Format><MaxLength>100</MaxLength>")
            if partition
            else ""
        )
    )
    stated = f"<TableType>{table_type}</TableType>" if table_type else ""
    name = '<Name LocalizedName="Transcript" OriginalName="Transcript">cat_Transcript</Name>'
    return f"""<Entity>{name}
<EntityInfo><entity Name="cat_Transcript">
<LocalizedNames><LocalizedName description="Transcript" languagecode="1033" /></LocalizedNames>
<attributes>{attributes}</attributes>
<EntitySetName>cat_transcripts</EntitySetName>
<DataProviderId>{ELASTIC_PROVIDER}</DataProviderId>
<DataSourceId>{{19897b6e-b2c2-461c-8f32-5a2413028030}}</DataSourceId>
<OwnershipTypeMask>UserOwned</OwnershipTypeMask>{stated}</entity></EntityInfo></Entity>"""


def _solution_table(tmp_path: Path, table_type: str, partition: bool) -> Table:
    roots = '<RootComponent type="1" schemaName="cat_transcript" behavior="0" />'
    files = {
        "Solution/Other/Solution.xml": manifest("Kit", "cat", 10000, roots),
        "Solution/Entities/cat_Transcript/Entity.xml": _entity(table_type, partition),
    }
    folder = tmp_path / "specs"
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=folder, out=tmp_path / "out", cache=False), diagnostics)
    table = generation.tables.get("cat_transcript")
    assert isinstance(table, Table)
    return table


@pytest.mark.parametrize("table_type", ["", "Elastic"])
def test_a_solutions_elastic_table_is_read_as_elastic_and_completed(
    tmp_path: Path, table_type: str
) -> None:
    """The elastic provider's table is elastic, stated or not (it was read as virtual, for a
    data provider other than the data sources'); what its export omits of what Dataverse made
    with it is added: partitionid, ttlinseconds, the built-in key, and the delegates'
    relationships, cascading nothing."""
    table = _solution_table(tmp_path, table_type, partition=False)
    assert table.table_type is TableType.ELASTIC
    assert ELASTIC <= set(table.columns_by_name)
    assert [(k.logical_name, k.columns) for k in table.keys] == [
        (KEY, ("cat_transcriptid", "partitionid"))
    ]
    delegate = {r.schema_name: r for r in table.relationships.many_to_one}
    made = delegate["lk_cat_transcript_createdonbehalfby"]
    assert made.cascade_configuration == NO_CASCADE
    assert table.relationships.one_to_many == ()


def test_a_solutions_stated_partitionid_is_kept(tmp_path: Path) -> None:
    table = _solution_table(tmp_path, "", partition=True)
    partition = table.column("partitionid")
    assert partition is not None and partition.display_name == "PartitionId"  # as exported


@pytest.mark.skipif(not SHARED.is_dir(), reason=NO_SHARED)
def test_the_copilot_studio_kits_elastic_tables_are_elastic(tmp_path: Path) -> None:
    """The five tables of the Copilot Studio Kit whose ``<DataProviderId>`` is the elastic
    provider's are elastic, with partitionid, ttlinseconds and the built-in key."""
    solution = (
        SHARED / "solutions/microsoft__Power-CAT-Copilot-Studio-Kit__CopilotStudioAccelerator"
    )
    if not solution.is_dir():
        pytest.skip(f"{solution} is absent")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=solution, out=tmp_path / "out", cache=False), diagnostics)
    elastic = sorted(
        table.logical_name
        for table in generation.tables.tables
        if table.table_type is TableType.ELASTIC
    )
    assert elastic == [
        "cat_agentdetails",
        "cat_agenttranscripts",
        "cat_agentusagehistory",
        "cat_conversationanalyzer",
        "cat_copilotkpi",
    ]
    for name in elastic:
        table = generation.tables.by_name[name]
        assert ELASTIC <= set(table.columns_by_name)
        assert [k.logical_name for k in table.keys] == [KEY]


# --- every target, judged by real tools ------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("elastic")
    (root / "specs").mkdir()
    (root / "specs/contoso_sensordata.yaml").write_text(SENSOR, encoding="utf-8")
    (root / "specs/contoso_log.yaml").write_text(LOG, encoding="utf-8")
    argv = ["--specs", str(root / "specs"), "--out", str(root / "out")]
    assert main(["generate", "-q", "--no-cache", *argv]) == 0
    return root / "out"


def test_sqlite_stores_rows_of_two_partitions_and_enforces_the_key(app: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.executescript((app / "sql/sqlite/schema.sql").read_text(encoding="utf-8"))
    columns = {row[1] for row in db.execute("PRAGMA table_info(contoso_sensordata)")}
    assert AUDIT | OWNER | ELASTIC <= columns and not NOT_ELASTIC & columns
    row = (
        "INSERT INTO contoso_sensordata (contoso_sensordataid, contoso_sensortype, ownerid,"
        " partitionid, ttlinseconds) VALUES (?, 'T', ?, ?, ?)"
    )
    owner = str(uuid.uuid4())
    db.execute(row, (str(uuid.uuid4()), owner, "device-1", 3600))
    with pytest.raises(sqlite3.IntegrityError):  # ttlinseconds is at least 1
        db.execute(row, (str(uuid.uuid4()), owner, "device-1", 0))
    with pytest.raises(sqlite3.IntegrityError):  # ownerid is SystemRequired
        db.execute(row, (str(uuid.uuid4()), None, "device-1", 60))
    log = {row[1] for row in db.execute("PRAGMA table_info(contoso_log)")}
    assert AUDIT | ELASTIC <= log and not (OWNER | NOT_ELASTIC) & log


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_postgresql_applies_the_schema(app: Path) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute((app / "sql/postgres/schema.sql").read_text(encoding="utf-8"))
        rows = conn.execute(
            "SELECT column_name, data_type, character_maximum_length FROM "
            "information_schema.columns WHERE table_name = 'contoso_sensordata'"
        ).fetchall()
        keys = conn.execute(
            "SELECT conname FROM pg_constraint WHERE contype = 'u' AND "
            "conrelid = 'contoso_sensordata'::regclass"
        ).fetchall()
    types = {name: (kind, length) for name, kind, length in rows}
    assert types["partitionid"] == ("character varying", 100)
    assert types["ttlinseconds"][0] == "integer" and types["versionnumber"][0] == "bigint"
    assert not NOT_ELASTIC & set(types)
    assert keys == [(f"ak_contoso_sensordata_{KEY}",)]


@pytest.mark.skipif(not XSD.is_file(), reason=f"{NO_SHARED} (OASIS edmx.xsd)")
def test_the_csdl_is_valid_and_declares_the_elastic_properties(app: Path) -> None:
    xml = (app / "odata/metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    ns = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
    sensor = etree.fromstring(xml).find(".//edm:EntityType[@Name='contoso_sensordata']", ns)
    assert sensor is not None
    names = {p.get("Name") for p in sensor.findall("edm:Property", ns)}
    assert {"partitionid", "ttlinseconds", "versionnumber", "_ownerid_value"} <= names
    assert not {"statecode", "statuscode", "_organizationid_value"} & names
    collections = [n.get("Name") for n in sensor.findall("edm:NavigationProperty", ns)]
    assert not [n for n in collections if n and n.startswith("contoso_sensordata_")]


def test_the_json_schema_is_valid_and_types_the_elastic_properties(app: Path) -> None:
    path = app / "jsonschema/contoso_sensordata.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    record = {"contoso_sensordataid": str(uuid.uuid4()), "partitionid": "device-1"}
    assert list(validator.iter_errors({**record, "ttlinseconds": 60})) == []
    assert list(validator.iter_errors({**record, "ttlinseconds": 0}))
    assert list(validator.iter_errors({**record, "partitionid": "x" * 101}))
