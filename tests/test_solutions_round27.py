"""Real unpacked solutions, round 27: exports of 2022-2026 held to what their files state; the
SQL run on SQLite and PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD.

Looked at (short excerpts below, transcribed; no whole file copied):

jurajcirc/power-platform-solutions (``pac`` layout under ``src/Solution/``, exported 2025,
publisher prefix ``cr468``): a business process flow ``cr468_discrepancystages``
(``<IsBPFEntity>1``, organization owned) over two tables, ``cr468_DM_Evidence`` and
``cr468_DM_NonConformities`` (``bpf_cr468_dm_evidenceid``, ``bpf_cr468_dm_nonconformitiesid``,
their roles naming both sides), with a calculated ``bpf_Duration`` (``<SourceType>1``, a XAML
formula file); ``cr468_DM_Evidence`` has a required file column ``cr468_File`` (not valid for
create) beside a text column ``cr468_FileName``. ``Other/Relationships.xml`` lists
``lk_cr468_discrepancystages_processid``, but no ``Relationships/*.xml`` states it (there is
a ``ProcessStage.xml`` stating ``lk_cr468_discrepancystages_activestageid`` and no
``Workflow.xml``): dvgen gave ``processid`` no target, no foreign key and no navigation
property, where Dataverse relates every flow's ``processid`` to ``workflow``
(``leadtoopportunitysalesprocess``'s EntityType: ``processid``, ``mscrm.workflow``). Fixed:
``dvgen.systemcolumns`` adds a flow's ``lk_<table>_processid`` and ``lk_<table>_activestageid``
where the export states none. The same export holds no ``Relationships/FileAttachment.xml``
either (the repository's older copy at its root has it), so the File columns ``cr468_File``
and ``cr468_Attachment`` (of ``cr468_DM_CorrectiveActions``) lacked the relationship Dataverse
makes for each, ``FileAttachment_<table SchemaName>_<column SchemaName>``, which every other
export with a File column states (``../shared/solutions``): added likewise, as that file
states it.

Looked at, no fault (the last two tests keep what was checked): tc-ca/ROMTS-GSRST.PowerApps'
``PassengerProtectProgram`` (2020-2025, English and French, 25 global choices), whose
``tc_Country`` is another solution's table held as ``unmodified="1"`` with no attribute
(root component behavior 2) and referenced by three lookups, one of them ``tc_Country`` on
``tc_Province`` (named as the table); Zeeshan-A-Dot/Adot (2019: ``ValidFor...Api`` written only
when 1, ``exchangerate`` from ``1E-10``, Money with ``<CalculationOf>`` base columns,
``<HasRelatedNotes>True``); Darleev/gh_build_test (a flow's ``lk_<table>_processid`` in
``Relationships/Workflow.xml``), adatapost/Meldi-Works-Solution and
Bryanalano4/site-evaluation-system (2026), plain lookups named by their roles.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from tests.solution_support import attribute_xml, generate_unpacked, manifest
from tests.test_solutions_round19 import (
    LOOKUP,
    _checked,
    _collection,
    _entity,
    _one_to_many,
    _relationships,
    _roots,
    _single,
)
from tests.test_sql_support import postgres_unavailable, shared_server

FLOW = "cr468_discrepancystages"
EVIDENCE = "cr468_DM_Evidence"
NONCONFORMITIES = "cr468_DM_NonConformities"

# Entities/cr468_discrepancystages/Entity.xml: the flow's state model, as the export states it.
STATES = """<optionset Name="cr468_discrepancystages_statecode">
<OptionSetType>state</OptionSetType><states>
<state value="0" defaultstatus="1" invariantname="Active">
<labels><label description="Active" languagecode="1033" /></labels></state>
<state value="1" defaultstatus="2" invariantname="Inactive">
<labels><label description="Inactive" languagecode="1033" /></labels></state>
</states></optionset>"""
STATUSES = """<optionset Name="cr468_discrepancystages_statuscode">
<OptionSetType>status</OptionSetType><statuses>
<status value="1" state="0"><labels><label description="Active" languagecode="1033" /></labels>
</status>
<status value="2" state="1"><labels><label description="Finished" languagecode="1033" />
</labels></status>
<status value="3" state="1"><labels><label description="Aborted" languagecode="1033" /></labels>
</status>
</statuses></optionset>"""
READ_ONLY = "<ValidForUpdateApi>0</ValidForUpdateApi><ValidForCreateApi>0</ValidForCreateApi>"
DURATION = (
    f"{READ_ONLY}<SourceType>1</SourceType><Format>duration</Format><MinValue>0</MinValue>"
    "<MaxValue>2147483647</MaxValue><FormulaDefinitionFileName>"
    "/Formulas/cr468_discrepancystages-bpf_duration.xaml</FormulaDefinitionFileName>"
)
# Entities/cr468_DM_Evidence/Entity.xml: the file column, required, set by upload only.
FILE = f"<DisplayMask>ValidForForm|ValidForGrid</DisplayMask>{READ_ONLY}<MaxValue>32768</MaxValue>"
NAME = "<DisplayMask>PrimaryName</DisplayMask><Format>text</Format><MaxLength>{}</MaxLength>"


def _required(attribute: str, level: str = "required") -> str:
    return attribute.replace("<RequiredLevel>none", f"<RequiredLevel>{level}")


def _flow_columns() -> str:
    return (
        _required(attribute_xml("BusinessProcessFlowInstanceId", "primarykey", custom=0))
        + _required(attribute_xml("bpf_name", "nvarchar", NAME.format(100)))
        + attribute_xml("ActiveStageId", "lookup", LOOKUP, custom=0)
        + attribute_xml("bpf_cr468_dm_evidenceid", "lookup", LOOKUP)
        + attribute_xml("bpf_cr468_dm_nonconformitiesid", "lookup", LOOKUP)
        + attribute_xml("bpf_Duration", "int", DURATION)
        + attribute_xml("ProcessId", "lookup", LOOKUP, custom=0)
        + attribute_xml("TraversedPath", "nvarchar", "<MaxLength>1250</MaxLength>", custom=0)
        + _required(attribute_xml("statecode", "state", STATES, custom=0), "systemrequired")
        + attribute_xml("statuscode", "status", STATUSES, custom=0)
    )


# Other/Relationships/ProcessStage.xml: no roles, no cascade of rollup views.
ACTIVE_STAGE = """  <EntityRelationship Name="lk_cr468_discrepancystages_activestageid">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>cr468_discrepancystages</ReferencingEntityName>
    <ReferencedEntityName>ProcessStage</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>NoCascade</CascadeDelete>
    <CascadeArchive>NoCascade</CascadeArchive>
    <ReferencingAttributeName>ActiveStageId</ReferencingAttributeName>
  </EntityRelationship>
"""


def _discrepancy(stages: bool = True) -> dict[str, str]:
    """The flow and its two tables; ``stages`` False leaves ``ProcessStage.xml`` out too."""
    tables = {EVIDENCE: 0, NONCONFORMITIES: 0, FLOW: 0}
    evidence = (
        attribute_xml(f"{EVIDENCE}Id", "primarykey", custom=0)
        + _required(attribute_xml("cr468_File", "file", FILE))
        + attribute_xml("cr468_FileName", "nvarchar", NAME.format(850))
        + attribute_xml("cr468_NonConformityID", "lookup", LOOKUP)
    )
    nonconformities = attribute_xml(f"{NONCONFORMITIES}Id", "primarykey", custom=0) + attribute_xml(
        "cr468_Name", "nvarchar", NAME.format(100)
    )
    flow = _entity(FLOW, _flow_columns(), "\n      <IsBPFEntity>1</IsBPFEntity>")
    files = {
        "Other/Solution.xml": manifest("DM", "cr468", 10000, _roots(tables)),
        f"Entities/{FLOW}/Entity.xml": flow.replace("UserOwned", "OrgOwned"),
        f"Entities/{EVIDENCE}/Entity.xml": _entity(EVIDENCE, evidence),
        f"Entities/{NONCONFORMITIES}/Entity.xml": _entity(NONCONFORMITIES, nonconformities),
        f"Other/Relationships/{EVIDENCE}.xml": _relationships(
            _one_to_many(
                f"bpf_cr468_dm_evidence_{FLOW}",
                FLOW,
                EVIDENCE,
                "bpf_cr468_dm_evidenceid",
                "bpf_cr468_dm_evidenceid",
                f"bpf_cr468_dm_evidence_{FLOW}",
            )
        ),
        f"Other/Relationships/{NONCONFORMITIES}.xml": _relationships(
            _one_to_many(
                f"bpf_cr468_dm_nonconformities_{FLOW}",
                FLOW,
                NONCONFORMITIES,
                "bpf_cr468_dm_nonconformitiesid",
                "bpf_cr468_dm_nonconformitiesid",
                f"bpf_cr468_dm_nonconformities_{FLOW}",
                "Cascade",
            ),
            _one_to_many(
                "cr468_dm_evidence_NonConformityID_cr468_dm_nonconformities",
                EVIDENCE,
                NONCONFORMITIES,
                "cr468_NonConformityID",
                "cr468_NonConformityID",
                "cr468_dm_evidence_NonConformityID_cr468_dm_nonconformities",
            ),
        ),
    }
    if stages:
        files["Other/Relationships/ProcessStage.xml"] = _relationships(ACTIVE_STAGE)
    return files


def _generated(tmp_path: Path, files: dict[str, str]) -> tuple[str, dict[str, str]]:
    generation, diagnostics = generate_unpacked(tmp_path, "DM", files)
    return _checked(generation, diagnostics), generation.files


def test_a_flow_s_process_lookup_its_export_leaves_unstated(tmp_path: Path) -> None:
    metadata, files = _generated(tmp_path, _discrepancy())
    assert _single(metadata, "processid", "workflow", f"lk_{FLOW}_processid")
    assert (
        '<ReferentialConstraint Property="_processid_value" ReferencedProperty="workflowid"/>'
        in (metadata)
    )
    assert _single(metadata, "activestageid", "processstage", f"lk_{FLOW}_activestageid")
    model = files[f"model/{FLOW}.yaml"]
    assert f"schema_name: lk_{FLOW}_processid" in model
    assert "lookup to workflow" in files["sql/postgres/schema.sql"]
    # Without ProcessStage.xml too, the stage's relationship is the one Dataverse makes.
    metadata, _ = _generated(tmp_path / "bare", _discrepancy(stages=False))
    assert _single(metadata, "activestageid", "processstage", f"lk_{FLOW}_activestageid")
    assert _single(metadata, "processid", "workflow", f"lk_{FLOW}_processid")


def test_a_flow_over_two_tables_is_named_by_its_roles(tmp_path: Path) -> None:
    metadata, files = _generated(tmp_path, _discrepancy())
    for table in ("evidence", "nonconformities"):
        lookup, collection = f"bpf_cr468_dm_{table}id", f"bpf_cr468_dm_{table}_{FLOW}"
        assert _single(metadata, lookup, f"cr468_dm_{table}", collection)
        assert _collection(metadata, collection, FLOW, lookup)
    flow = files["sql/postgres/schema.sql"]
    duration = next(line for line in flow.splitlines() if '"bpf_duration"' in line)
    assert "integer" in duration and '"bpf_duration" >= 0' in duration
    evidence = files["model/cr468_dm_evidence.yaml"]
    assert "logical_name: cr468_file_name" in evidence  # the file's companion
    assert "logical_name: cr468_filename" in evidence  # the export's own text column


def test_the_flow_s_schema_holds_on_sqlite_and_postgres(tmp_path: Path) -> None:
    _, files = _generated(tmp_path, _discrepancy())
    flow, nonconformity = str(uuid.uuid4()), str(uuid.uuid4())
    insert_parent = (
        "INSERT INTO cr468_dm_nonconformities (cr468_dm_nonconformitiesid)"
        f" VALUES ('{nonconformity}')"
    )
    insert_flow = (
        f"INSERT INTO {FLOW} (businessprocessflowinstanceid, bpf_name, processid,"
        f" bpf_cr468_dm_nonconformitiesid) VALUES ('{flow}', 'Stages', '{uuid.uuid4()}',"
        f" '{nonconformity}')"
    )
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(files["sql/sqlite/schema.sql"])
    db.execute(insert_parent)
    db.execute(insert_flow)
    assert db.execute(f"SELECT statecode, statuscode FROM {FLOW}").fetchone() == (0, 1)
    db.close()
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as connection:
            connection.execute(files["sql/postgres/schema.sql"])
            connection.execute(insert_parent)
            connection.execute(insert_flow)
            row = connection.execute(f"SELECT statecode, statuscode FROM {FLOW}").fetchone()
            assert row == (0, 1)


CORRECTIVE = "cr468_DM_CorrectiveActions"
# Other/Relationships/FileAttachment.xml of the repository's root copy (1619afc1), which the
# 2025 export under src/Solution/ leaves out.
ATTACHMENT = f"""  <EntityRelationship Name="FileAttachment_{CORRECTIVE}_cr468_Attachment">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>0</IsCustomizable>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>{CORRECTIVE}</ReferencingEntityName>
    <ReferencedEntityName>FileAttachment</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <CascadeArchive>RemoveLink</CascadeArchive>
    <CascadeReparent>NoCascade</CascadeReparent>
    <CascadeShare>NoCascade</CascadeShare>
    <CascadeUnshare>NoCascade</CascadeUnshare>
    <IsValidForAdvancedFind>0</IsValidForAdvancedFind>
    <ReferencingAttributeName>cr468_Attachment</ReferencingAttributeName>
  </EntityRelationship>
"""


def _corrective(stated: bool) -> dict[str, str]:
    """``cr468_DM_CorrectiveActions`` with its File column, its relationship ``stated`` or not;
    ``Other/Relationships.xml`` names it either way."""
    columns = (
        attribute_xml(f"{CORRECTIVE}Id", "primarykey", custom=0)
        + _required(attribute_xml("cr468_Title", "nvarchar", NAME.format(100)))
        + attribute_xml("cr468_Attachment", "file", FILE)
    )
    listed = (
        '<?xml version="1.0" encoding="utf-8"?>\n<EntityRelationships>\n'
        f'  <EntityRelationship Name="FileAttachment_{CORRECTIVE}_cr468_Attachment" />\n'
        "</EntityRelationships>\n"
    )
    files = {
        "Other/Solution.xml": manifest("DM", "cr468", 48693, _roots({CORRECTIVE: 0})),
        f"Entities/{CORRECTIVE}/Entity.xml": _entity(CORRECTIVE, columns),
        "Other/Relationships.xml": listed,
    }
    if stated:
        files["Other/Relationships/FileAttachment.xml"] = _relationships(ATTACHMENT)
    return files


def test_a_file_column_s_relationship_its_export_leaves_out(tmp_path: Path) -> None:
    metadata, files = _generated(tmp_path / "left", _corrective(stated=False))
    relationship = f"FileAttachment_{CORRECTIVE}_cr468_Attachment"
    model = files["model/cr468_dm_correctiveactions.yaml"]
    assert f"schema_name: {relationship}" in model
    declared = f'<NavigationProperty Name="{relationship}" Type="Collection(mscrm.'
    assert f'{declared}cr468_dm_correctiveactions)"/>' in metadata  # on fileattachment
    # As the export that states it: the same files, byte for byte.
    stated_metadata, stated = _generated(tmp_path / "stated", _corrective(stated=True))
    assert stated_metadata == metadata
    assert stated == files


# PassengerProtectProgram/Entities/tc_Country/Entity.xml: another solution's table, no column.
COUNTRY_SHELL = """<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Country" OriginalName="Country">tc_Country</Name>
  <EntityInfo>
    <entity Name="tc_Country" unmodified="1">
      <attributes />
    </entity>
  </EntityInfo>
  <RibbonDiffXml />
</Entity>
"""


def test_an_unmodified_table_without_columns_is_referenced_by_its_key(tmp_path: Path) -> None:
    province = (
        attribute_xml("tc_ProvinceId", "primarykey", custom=0)
        + attribute_xml("tc_Name", "nvarchar", NAME.format(100))
        + attribute_xml("tc_Country", "lookup", LOOKUP)
    )
    traveller = (
        attribute_xml("ppp_TravellerId", "primarykey", custom=0)
        + attribute_xml("ppp_Name", "nvarchar", NAME.format(100))
        + attribute_xml("ppp_IDCountry", "lookup", LOOKUP)
    )
    roots = (
        '<RootComponent type="1" schemaName="ppp_traveller" behavior="0" />'
        '<RootComponent type="1" schemaName="tc_country" behavior="2" />'
        '<RootComponent type="1" schemaName="tc_province" behavior="0" />'
    )
    country = "tc_Country"
    files = {
        "Other/Solution.xml": manifest("PassengerProtectProgram", "ppp", 92782, roots),
        "Entities/tc_Province/Entity.xml": _entity("tc_Province", province),
        "Entities/ppp_Traveller/Entity.xml": _entity("ppp_Traveller", traveller),
        f"Entities/{country}/Entity.xml": COUNTRY_SHELL,
        f"Other/Relationships/{country}.xml": _relationships(
            # the relationship's name is not <table>_<lookup>_<table>, as the roles state
            _one_to_many(
                "ppp_Traveller_Country",
                "ppp_Traveller",
                country,
                "ppp_IDCountry",
                "ppp_IDCountry",
                "ppp_Traveller_Country",
            ),
            _one_to_many(
                "tc_Province_Country",
                "tc_Province",
                country,
                country,
                country,
                "tc_Province_Country",
            ),
        ),
    }
    metadata, generated = _generated(tmp_path, files)
    assert _single(metadata, "ppp_IDCountry", "tc_country", "ppp_Traveller_Country")
    assert _single(metadata, country, "tc_country", "tc_Province_Country")
    assert _collection(metadata, "tc_Province_Country", "tc_province", country)
    postgres = generated["sql/postgres/schema.sql"]
    assert 'FOREIGN KEY ("tc_country") REFERENCES "tc_country" ("tc_countryid")' in postgres


def test_a_2019_export_writes_validity_only_when_true(tmp_path: Path) -> None:
    """Zeeshan-A-Dot/Adot's ``sol_parent``: a system column states ``<ValidForReadApi>1`` alone
    (not valid for create nor update), ``exchangerate`` its range from ``1E-10``."""
    read_only = "<ValidForReadApi>1</ValidForReadApi>"
    money = (
        "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue>"
        "<Accuracy>4</Accuracy><AccuracySource>2</AccuracySource>"
    )
    written = (
        "<ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
        "<ValidForCreateApi>1</ValidForCreateApi>"
    )
    columns = (
        attribute_xml("sol_parentId", "primarykey", custom=0)
        + attribute_xml("sol_name", "nvarchar", NAME.format(100))
        + attribute_xml("CreatedBy", "lookup", read_only + LOOKUP, custom=0)
        + attribute_xml(
            "ExchangeRate",
            "decimal",
            f"{read_only}<MinValue>1E-10</MinValue><MaxValue>100000000000</MaxValue>"
            "<Accuracy>10</Accuracy>",
            custom=0,
        )
        + attribute_xml("sol_P_Curency", "money", written + money)
        + attribute_xml(
            "sol_p_curency_Base",
            "money",
            f"{read_only}{money}<CalculationOf>sol_P_Curency</CalculationOf>",
        )
    )
    files = {
        "Other/Solution.xml": manifest("Adot", "sol", 18668, _roots({"sol_parent": 0})),
        "Entities/sol_parent/Entity.xml": _entity(
            "sol_parent", columns, "\n      <HasRelatedNotes>True</HasRelatedNotes>"
        ),
    }
    metadata, generated = _generated(tmp_path, files)
    model = generated["model/sol_parent.yaml"]
    created_by = model.split("- logical_name: createdby\n", 1)[1].split("- logical_name:", 1)[0]
    assert "valid_for_create: false" in created_by and "valid_for_update: false" in created_by
    postgres = generated["sql/postgres/schema.sql"]
    assert 'CHECK ("exchangerate" BETWEEN 0.0000000001 AND 100000000000)' in postgres
    assert '"sol_p_curency_base" numeric(19, 4)' in postgres
    assert _collection(metadata, "sol_parent_Annotations", "annotation", "objectid_sol_parent")
