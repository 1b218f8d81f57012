"""A sixty-second round of real pages outside the corpus, every column's facets compared by eye.
Of the powerapps-docs ``toc.yml`` tables (09770ae5), ten remain that neither the corpus nor the
tests name; drawn with random.Random(62): msdyn_appinsightsmetadata,
msdyn_virtualtablecolumncandidate, msdyn_pmprocessusersettings, powerbimashupparameter,
msdyn_pmcalendarversion, powerbidataset (the six taken), then organizationdatasyncstate,
msdyn_entitylinkchatconfiguration, msdyn_pmcalendar, synapselinkexternaltablestate (the last
taken too, for its BigInts and a global choice named like its table). None has an EntityType in
MicrosoftDocs/dynamics365-docs-odata-apis. Rebuilt under /tmp/pages62 from read_file's text, cut
to the columns of a type or facet the round looks at:

- msdyn_appinsightsmetadata (powerapps-docs 09770ae5, G1 02/15/2023): a Memo of MaxLength
  1048576, a DateOnly ``overriddencreatedon`` of UserLocal behaviour, a ManagedProperty, a
  Boolean of DefaultValue 0 printed as a choices table;
- msdyn_pmprocessusersettings (09770ae5, G1): a SystemRequired Boolean of DefaultValue 0, an
  ApplicationRequired Lookup;
- msdyn_pmcalendarversion (05cfff53, G1): a Memo of MaxLength 500000, an Integer of MinValue 0;
- powerbimashupparameter (09770ae5, G1) and powerbidataset (00dcf07a, G2): a Picklist of
  200000000 values with descriptions, an Owner, an EntityName, a File of MaxSizeInKB 32768, a
  Boolean of True/False labels; the G1 page's "See the ..." many-to-one is the G2 page's
  one-to-many, which names no navigation property of the lookup's side;
- msdyn_virtualtablecolumncandidate (03cac834, G2 11/09/2024): Strings of ImeMode Auto;
- synapselinkexternaltablestate (0298582b, G2): four Picklists of the global choice
  ``synapselinkexternaltablestate`` (the table's own name), DefaultFormValue 0, two BigInts, two
  DateTimes of CanChangeDateTimeBehavior True.

Read each alone and together: no diagnostic; SQLite, PostgreSQL 15, sqlglot (tsql), the OASIS
CSDL XSD, the JSON Schema 2020-12 metaschema and the pydantic package accept the outputs. Every
facet the pages state reaches the model YAML, and each target shows it as docs/ says it should.
The navigation properties ``DatasetId`` and ``EnvironmentVariableId`` (the lookups' SchemaNames,
which no page prints) and the Partner ``objectid_powerbidataset`` are those a live
environment's EntityDefinitions list (a generated summary of powerbidataset and
powerbimashupparameter in the index). No fault found, no source change (the corpus outputs are
unchanged); the tests pin the cases a regression would most likely break.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pydantic
import pytest
from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import xsd_errors
from tests.test_pydantic import imported

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _g2_head(title: str, logical: str, name: str, ownership: str) -> str:
    return f"""\
---
title: "{title} ({logical}) table/entity reference (Microsoft Dataverse)"
ms.topic: reference
---

# {title} ({logical}) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **{title}** |
| **DisplayCollectionName** | **{title}s** |
| **SchemaName** | `{logical}` |
| **EntitySetName** | `{logical}s`|
| **LogicalName** | `{logical}` |
| **PrimaryIdAttribute** | `{logical}id` |
| **PrimaryNameAttribute** |`{name}` |
| **TableType** | `Standard` |
| **OwnershipType** | `{ownership}` |

## Writable columns/attributes

### <a name="BKMK_{logical}Id"></a> {logical}Id

|Property|Value|
|---|---|
|LogicalName|`{logical}id`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

"""


def _g2_column(schema: str, rows: str) -> str:
    return f"""\
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|---|---|
|LogicalName|`{schema.lower()}`|
{rows}
"""


SYNAPSE_OPTIONS = """\
|Value|Label|
|---|---|
|0|**Not Created**|
|1|**Created**|
|2|**Failed**|
|3|**Deleted**|
|4|**In Progress**|
"""


def _synapse_picklist(schema: str, required: str) -> str:
    return _g2_column(
        schema,
        f"|RequiredLevel|{required}|\n|Type|Picklist|\n|DefaultFormValue|0|\n"
        "|GlobalChoiceName|`synapselinkexternaltablestate`|\n\n"
        f"#### {schema} Choices/Options\n\n{SYNAPSE_OPTIONS}",
    )


BIGINT = (
    "|RequiredLevel|None|\n|Type|BigInt|\n"
    "|MaxValue|9223372036854775807|\n|MinValue|-9223372036854775808|\n"
)

SYNAPSE = (
    _g2_head(
        "Synapse Link External Table State",
        "synapselinkexternaltablestate",
        "name",
        "OrganizationOwned",
    )
    + _synapse_picklist("LakehouseShortcutState", "None")
    + _synapse_picklist("TableState", "ApplicationRequired")
    + _g2_column("MaxRecordVersion", BIGINT)
    + _g2_column("RecordCount", BIGINT)
    + _g2_column(
        "LastSynchronizedOn",
        "|RequiredLevel|None|\n|Type|DateTime|\n|CanChangeDateTimeBehavior|True|\n"
        "|DateTimeBehavior|UserLocal|\n|Format|DateAndTime|\n|ImeMode|Auto|\n|SourceTypeMask|0|\n",
    )
)
"""synapselinkexternaltablestate (powerapps-docs 0298582b), cut down: two of its four Picklists of
the global choice named like the table, its two BigInts and a DateTime."""

DATASET = (
    _g2_head("Power BI Dataset", "powerbidataset", "name", "UserOwned")
    + _g2_column(
        "DataverseConnectionUpdateEnabled",
        "|RequiredLevel|None|\n|Type|Boolean|\n"
        "|GlobalChoiceName|`powerbidataset_dataverseconnectionupdateenabled`|\n"
        "|DefaultValue|False|\n|True Label|Yes|\n|False Label|No|\n",
    )
    + _g2_column(
        "OwnerId", "|RequiredLevel|SystemRequired|\n|Type|Owner|\n|Targets|systemuser, team|\n"
    )
    + "## Read-only columns/attributes\n\n"
    + _g2_column("Package", "|RequiredLevel|None|\n|Type|File|\n|MaxSizeInKB|32768|\n")
    + """\
## One-to-Many relationships

### <a name="BKMK_powerbidataset_FileAttachments"></a> powerbidataset_FileAttachments

Many-To-One Relationship: [fileattachment powerbidataset_FileAttachments]\
(fileattachment.md#BKMK_powerbidataset_FileAttachments)

|Property|Value|
|---|---|
|ReferencingEntity|`fileattachment`|
|ReferencingAttribute|`objectid`|
|ReferencedEntityNavigationPropertyName|`powerbidataset_FileAttachments`|
|IsCustomizable|`True`|

### <a name="BKMK_powerbidataset_powerbimashupparameter"></a> powerbidataset_powerbimashupparameter

Many-To-One Relationship: [powerbimashupparameter powerbidataset_powerbimashupparameter]\
(powerbimashupparameter.md#BKMK_powerbidataset_powerbimashupparameter)

|Property|Value|
|---|---|
|ReferencingEntity|`powerbimashupparameter`|
|ReferencingAttribute|`datasetid`|
|ReferencedEntityNavigationPropertyName|`powerbidataset_powerbimashupparameter`|
|IsCustomizable|`False`|

"""
)
"""powerbidataset (powerapps-docs 00dcf07a), cut down."""


def _g1_column(schema: str, rows: str) -> str:
    return f"""\
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|--------|-----|
|LogicalName|{schema.lower()}|
{rows}

"""


def _g1_head(logical: str, title: str, added_by: str = "") -> str:
    return f"""\
---
title: "{logical} table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
ms.topic: "reference"
---

# {logical} table/entity reference

{added_by}

## Properties

|Property|Value|
|--------|-----|
|DisplayName|{title}|
|EntitySetName|{logical}s|
|LogicalName|{logical}|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|{logical}id|
|PrimaryNameAttribute|name|
|SchemaName|{logical}|

<a name="writable-attributes"></a>

## Writable columns/attributes

""" + _g1_column(f"{logical}Id", "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|")


MASHUP = (
    _g1_head(
        "powerbimashupparameter",
        "Power BI Mashup Parameter",
        "**Added by**: Power BI Entities Solution",
    )
    + _g1_column(
        "DatasetId",
        "|RequiredLevel|SystemRequired|\n|Targets|powerbidataset|\n|Type|Lookup|",
    )
    + _g1_column(
        "EnvironmentVariableId",
        "|RequiredLevel|None|\n|Targets|environmentvariabledefinition|\n|Type|Lookup|",
    )
    + _g1_column(
        "ParameterValueSource",
        """\
|RequiredLevel|ApplicationRequired|
|Type|Picklist|

#### ParameterValueSource Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|200000000|Literal|The value for the parameter is provided as text|
|200000001|Environment Variable|The value for the parameter is bound to an environment variable|
|200000002|Environment Domain|The value for the parameter is set to the domain of the current \
environment|
""",
    )
    + """\
<a name="manytoone"></a>

## Many-To-One Relationships

### <a name="BKMK_envvardefinition_powerbimashupparameter"></a> \
envvardefinition_powerbimashupparameter

**Added by**: Environment Variables Solution

See the [envvardefinition_powerbimashupparameter]\
(environmentvariabledefinition.md#BKMK_envvardefinition_powerbimashupparameter) one-to-many \
relationship for the [environmentvariabledefinition](environmentvariabledefinition.md) table/entity.

### <a name="BKMK_powerbidataset_powerbimashupparameter"></a> powerbidataset_powerbimashupparameter

See the [powerbidataset_powerbimashupparameter]\
(powerbidataset.md#BKMK_powerbidataset_powerbimashupparameter) one-to-many relationship for the \
[powerbidataset](powerbidataset.md) table/entity.

"""
)
"""powerbimashupparameter (powerapps-docs 09770ae5), cut down."""

METADATA = (
    _g1_head("msdyn_appinsightsmetadata", "App Insights Metadata")
    + _g1_column(
        "msdyn_payload",
        "|Format|Text|\n|IsLocalizable|False|\n|MaxLength|1048576|\n"
        "|RequiredLevel|ApplicationRequired|\n|Type|Memo|",
    )
    + _g1_column(
        "OverriddenCreatedOn",
        "|DateTimeBehavior|UserLocal|\n|Format|DateOnly|\n|IsValidForUpdate|False|\n"
        "|RequiredLevel|None|\n|Type|DateTime|",
    )
)
"""msdyn_appinsightsmetadata (powerapps-docs 09770ae5), cut down."""

SETTINGS = _g1_head("msdyn_pmprocessusersettings", "PM Process User Settings") + _g1_column(
    "msdyn_sendanalyticsemails",
    """\
|RequiredLevel|SystemRequired|
|Type|Boolean|

#### msdyn_sendanalyticsemails Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Yes||
|0|No||

**DefaultValue**: 0
""",
)
"""msdyn_pmprocessusersettings (powerapps-docs 09770ae5), cut down."""

PAGES = {
    "synapselinkexternaltablestate": SYNAPSE,
    "powerbidataset": DATASET,
    "powerbimashupparameter": MASHUP,
    "msdyn_appinsightsmetadata": METADATA,
    "msdyn_pmprocessusersettings": SETTINGS,
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unseen62")
    specs = folder / "specs"
    specs.mkdir()
    for name, text in PAGES.items():
        (specs / f"{name}.md").write_text(text, encoding="utf-8")
    assert (
        main(["generate", "--specs", str(specs), "--out", str(folder / "out"), "--no-cache", "-q"])
        == 0
    )
    return folder / "out"


def _entity(out: Path, logical: str) -> etree._Element:
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    [entity] = [
        t for t in etree.fromstring(xml).iter(f"{EDM}EntityType") if t.get("Name") == logical
    ]
    return entity


def _schema(out: Path, logical: str) -> dict[str, Any]:
    properties: dict[str, Any] = json.loads(
        (out / "jsonschema" / f"{logical}.schema.json").read_text(encoding="utf-8")
    )["properties"]
    return properties


def test_pages_alone_say_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in PAGES.items():
        specs = tmp_path / name
        specs.mkdir()
        (specs / f"{name}.md").write_text(text, encoding="utf-8")
        assert (
            main(
                [
                    "generate",
                    "--specs",
                    str(specs),
                    "--out",
                    str(tmp_path / f"{name}-out"),
                    "--no-cache",
                ]
            )
            == 0
        )
    captured = capsys.readouterr()
    assert "warning" not in captured.err.lower() and "error" not in captured.err.lower()


def test_a_global_choice_named_like_its_table(out: Path) -> None:
    """The choice class of ``synapselinkexternaltablestate`` (the global choice) and the model
    of the table ``synapselinkexternaltablestate`` both import; the Picklists take 0..4 only, and
    SQL fills DefaultFormValue 0 in."""
    pydantic_root = out / "pydantic"
    files = {
        str(path.relative_to(pydantic_root)): path.read_text(encoding="utf-8")
        for path in pydantic_root.rglob("*.py")
    }
    with imported(files, out.parent / "import", "dataverse_models") as package:
        model = package.Synapselinkexternaltablestate
        record = model.model_validate({"lakehouseshortcutstate": 4, "tablestate": 0})
        assert int(record.lakehouse_shortcut_state) == 4
        with pytest.raises(pydantic.ValidationError):
            model.model_validate({"tablestate": 5})
        big = model.model_validate({"maxrecordversion": 9223372036854775807})
        assert big.max_record_version == 9223372036854775807
        with pytest.raises(pydantic.ValidationError):
            model.model_validate({"recordcount": 9223372036854775808})
    db = sqlite3.connect(":memory:")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8"))
    db.execute(
        "INSERT INTO synapselinkexternaltablestate (maxrecordversion) VALUES (9223372036854775807)"
    )
    row = db.execute(
        "SELECT lakehouseshortcutstate, tablestate FROM synapselinkexternaltablestate"
    ).fetchone()
    assert row == (0, 0)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO synapselinkexternaltablestate (tablestate) VALUES (5)")
    schema = _schema(out, "synapselinkexternaltablestate")
    assert schema["tablestate"]["default"] == 0
    assert schema["recordcount"]["maximum"] == 9223372036854775807
    assert schema["lastsynchronizedon"]["format"] == "date-time"


def test_a_lookup_named_by_neither_page_takes_its_schema_name(out: Path) -> None:
    """The G1 page says "See the ..." and the G2 page names only the collection: the lookup's
    navigation is its SchemaName, ``DatasetId`` (as a live environment's metadata lists it),
    partnered both ways; the File ``package`` is Edm.Binary, read as its id elsewhere."""
    mashup = _entity(out, "powerbimashupparameter")
    singles = {
        n.get("Name"): (n.get("Type"), n.get("Partner"))
        for n in mashup.iter(f"{EDM}NavigationProperty")
    }
    assert singles["DatasetId"] == ("mscrm.powerbidataset", "powerbidataset_powerbimashupparameter")
    assert singles["EnvironmentVariableId"] == (
        "mscrm.environmentvariabledefinition",
        "envvardefinition_powerbimashupparameter",
    )
    dataset = _entity(out, "powerbidataset")
    navigations = {
        n.get("Name"): (n.get("Type"), n.get("Partner"))
        for n in dataset.iter(f"{EDM}NavigationProperty")
    }
    assert navigations["powerbidataset_powerbimashupparameter"] == (
        "Collection(mscrm.powerbimashupparameter)",
        "DatasetId",
    )
    assert navigations["powerbidataset_FileAttachments"][1] == "objectid_powerbidataset"
    types = {p.get("Name"): p.get("Type") for p in dataset.iter(f"{EDM}Property")}
    assert types["package"] == "Edm.Binary"
    assert types["dataverseconnectionupdateenabled"] == "Edm.Boolean"
    package = _schema(out, "powerbidataset")["package"]
    assert (package["format"], package["readOnly"]) == ("uuid", True)
    source = _schema(out, "powerbimashupparameter")["parametervaluesource"]
    assert [o.get("const") for o in source["oneOf"]] == [200000000, 200000001, 200000002, None]


def test_long_memos_and_a_required_boolean_in_each_dialect(out: Path) -> None:
    """A Memo of MaxLength 1048576 is checked in characters (PostgreSQL, SQLite) and in UTF-16
    bytes (SQL Server); a SystemRequired Boolean of DefaultValue 0 is NOT NULL DEFAULT false."""
    postgres = (out / "sql" / "postgres" / "schema.sql").read_text(encoding="utf-8")
    assert 'CHECK (char_length("msdyn_payload") <= 1048576)' in postgres
    assert '"msdyn_sendanalyticsemails" boolean NOT NULL DEFAULT false' in postgres
    assert '"overriddencreatedon" timestamp with time zone' in postgres
    sqlserver = (out / "sql" / "sqlserver" / "schema.sql").read_text(encoding="utf-8")
    assert "CHECK (DATALENGTH([msdyn_payload]) <= 2097152)" in sqlserver
    db = sqlite3.connect(":memory:")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8"))
    db.execute("INSERT INTO msdyn_appinsightsmetadata (msdyn_payload) VALUES (?)", ("x" * 1048576,))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO msdyn_appinsightsmetadata (msdyn_payload) VALUES (?)", ("x" * 1048577,)
        )
    db.execute("INSERT INTO msdyn_pmprocessusersettings DEFAULT VALUES")
    assert db.execute(
        "SELECT msdyn_sendanalyticsemails FROM msdyn_pmprocessusersettings"
    ).fetchone() == (0,)
    assert _schema(out, "msdyn_appinsightsmetadata")["msdyn_payload"]["maxLength"] == 1048576
