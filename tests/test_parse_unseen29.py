"""Variations met in a twenty-ninth round of real pages outside the corpus, drawn from OTHER
sources than the powerapps-docs entities folder (16 pages): the Field Service folders of
dynamics-365-customer-engagement (Virtual and Elastic tables of 07.24.2024, a multi-select and two
image columns, an extension page adding a column), its generated Dynamics 365 reference (a Virtual
and an Elastic table, an extension page with messages and a partial cascade change), the Sales
extension pages and predictive-scoring folder, the Omnichannel folder of Customer Service (2022
property tables), and one Elastic table of the generated Dataverse reference whose name attribute
is a String named like systemuser's key. Each page was run alone and with the corpus (the
extension pages over minimal base pages written for the check), then all together, through every
target and the real tools (sqlite3, PostgreSQL 15, sqlglot, the OASIS CSDL schema, the JSON Schema
metaschema, the pydantic package validating a record).

No fault was found. These tests pin, on minimal pages written for the test, what the readers and
targets took from variations that no earlier test held, so that a regression shows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.model import ColumnType, TableType
from tests.pages import table
from tests.test_pydantic import imported

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _column(schema: str, rows: str) -> str:
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{rows}\n'


def _page(logical: str, kind: str, columns: str) -> str:
    return (
        "---\nms.date: 07.24.2024\nms.topic: reference\n---\n\n"
        f"# {logical} table/entity reference\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **SchemaName** | `{logical}` |\n| **EntitySetName** | `{logical}s`|\n"
        f"| **LogicalName** | `{logical}` |\n| **PrimaryIdAttribute** | `{logical}id` |\n"
        f"| **TableType** | `{kind}` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
        "## Writable columns/attributes\n\n"
        + _column(
            f"{logical}Id",
            f"|LogicalName|`{logical}id`|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
        )
        + columns
    )


# msdyn_adjustmenthistory (generated Dynamics 365 reference, Elastic): a Memo column whose
# FormatName is ``Json`` and whose logical name is its table's.
HISTORY = _page(
    "x_history",
    "Elastic",
    _column(
        "x_history",
        "|Description|**Manual Adjustment History**|\n|LogicalName|`x_history`|\n"
        "|RequiredLevel|None|\n|Type|Memo|\n|Format|Text|\n|FormatName|Json|\n"
        "|ImeMode|Auto|\n|IsLocalizable|False|\n|MaxLength|10000|",
    )
    + _column(
        "TTLInSeconds",
        "|LogicalName|`ttlinseconds`|\n|RequiredLevel|None|\n|Type|Integer|\n"
        "|MaxValue|2147483647|\n|MinValue|1|",
    ),
)

# msdyn_ai_resourcerequirementpwhd (Field Service, Virtual): Decimal columns given the Integer
# range and a precision of 2; msdyn_suggestedactivity (Dynamics 365, Virtual): a Lookup whose
# Targets cell is empty.
SCORES = _page(
    "x_score",
    "Virtual",
    _column(
        "x_confidence",
        "|Description||\n|LogicalName|`x_confidence`|\n|RequiredLevel|None|\n|Type|Decimal|\n"
        "|ImeMode|Auto|\n|MaxValue|2147483647|\n|MinValue|-2147483648|\n|Precision|2|\n"
        "|SourceTypeMask|0|",
    )
    + _column(
        "x_regardingid",
        "|Description|**Regarding**|\n|LogicalName|`x_regardingid`|\n|RequiredLevel|None|\n"
        "|Type|Lookup|\n|Targets||",
    ),
)


def _generate(tmp_path: Path, pages: dict[str, str]) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir(exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text)
    out = tmp_path / "out"
    argv = ["generate", "--specs", str(folder), "--out", str(out), "--no-cache", "-q"]
    assert main(argv) == 0
    return out


def test_a_json_memo_named_like_its_elastic_table() -> None:
    history = table(HISTORY)
    assert history.table_type is TableType.ELASTIC
    memo = next(c for c in history.columns if c.logical_name == "x_history")
    assert (memo.type, memo.format_name, memo.max_length) == (ColumnType.MEMO, "Json", 10000)


def test_every_target_names_the_suffixed_property_alike(tmp_path: Path) -> None:
    """The Web API calls the column ``x_history1`` (a property may not take its type's name):
    the JSON Schema and the pydantic alias say the same, and SQL keeps the column's name."""
    out = _generate(tmp_path, {"x_history.md": HISTORY})
    root = etree.parse(str(out / "odata" / "metadata.xml")).getroot()
    entity = next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == "x_history")
    assert "x_history1" in [p.get("Name") for p in entity.iter(f"{EDM}Property")]
    schema = json.loads((out / "jsonschema" / "x_history.schema.json").read_text())
    assert schema["properties"]["x_history1"]["maxLength"] == 10000
    assert "x_history" not in schema["properties"]
    module = (out / "pydantic" / "dataverse_models" / "x_history.py").read_text()
    assert 'alias="x_history1"' in module
    sql = (out / "sql" / "sqlite" / "schema.sql").read_text()
    db = sqlite3.connect(":memory:")
    db.executescript(sql)
    insert = 'INSERT INTO "x_history" ("x_historyid", "x_history", "ttlinseconds") VALUES (?, ?, ?)'
    db.execute(insert, ("00000000-0000-0000-0000-000000000001", '{"a": 1}', 1))
    with pytest.raises(sqlite3.IntegrityError):  # a time to live under its MinValue 1
        db.execute(insert, ("00000000-0000-0000-0000-000000000002", None, 0))


def test_a_decimal_with_the_integer_range_and_a_lookup_without_targets(tmp_path: Path) -> None:
    scores = table(SCORES)
    assert scores.table_type is TableType.VIRTUAL
    lookup = next(c for c in scores.columns if c.logical_name == "x_regardingid")
    assert (lookup.type, lookup.targets) == (ColumnType.LOOKUP, ())
    out = _generate(tmp_path, {"x_score.md": SCORES})
    postgres = (out / "sql" / "postgres" / "schema.sql").read_text()
    assert '"x_confidence" numeric(12, 2)' in postgres
    root = etree.parse(str(out / "odata" / "metadata.xml")).getroot()
    entity = next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == "x_score")
    assert "_x_regardingid_value" in [p.get("Name") for p in entity.iter(f"{EDM}Property")]
    assert list(entity.iter(f"{EDM}NavigationProperty")) == []
    with imported({}, out / "pydantic", "dataverse_models") as models:  # generate wrote it
        record = models.XScore.model_validate(
            {
                "x_confidence": 12345.67,
                "_x_regardingid_value": "5f0c4a0e-0000-0000-0000-00000000000a",
            }
        )
        assert record.model_dump(mode="json", by_alias=True, exclude_unset=True)["x_confidence"]


# msdyn_geofencingsettings (Field Service generated reference): an EntitySetName ending in ``set``
# while the LogicalCollectionName ends in ``es``; the Web API's entity set is the former.
SETTINGS = (
    "---\nms.topic: generated-reference\n---\n\n# Settings (x_settings) table/entity reference\n\n"
    "## Properties\n\n|Property|Value|\n| --- | --- |\n| **SchemaName** | `x_settings` |\n"
    "| **CollectionSchemaName** | `x_settingses` |\n| **EntitySetName** | `x_settingsset`|\n"
    "| **LogicalName** | `x_settings` |\n| **LogicalCollectionName** | `x_settingses` |\n"
    "| **PrimaryIdAttribute** | `x_settingsid` |\n| **TableType** | `Standard` |\n"
    "| **OwnershipType** | `UserOwned` |\n\n## Writable columns/attributes\n\n"
    + _column(
        "x_settingsId",
        "|LogicalName|`x_settingsid`|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
    )
    + _column(
        "x_minradius",
        "|LogicalName|`x_minradius`|\n|RequiredLevel|ApplicationRequired|\n|Type|Double|\n"
        "|ImeMode|Auto|\n|MaxValue|1000000000|\n|MinValue|0|\n|Precision|2|",
    )
)


def test_an_entity_set_named_apart_from_the_logical_collection(tmp_path: Path) -> None:
    settings = table(SETTINGS)
    assert (settings.entity_set_name, settings.logical_collection_name) == (
        "x_settingsset",
        "x_settingses",
    )
    out = _generate(tmp_path, {"x_settings.md": SETTINGS})
    root = etree.parse(str(out / "odata" / "metadata.xml")).getroot()
    sets = {s.get("Name"): s.get("EntityType") for s in root.iter(f"{EDM}EntitySet")}
    assert sets["x_settingsset"].endswith(".x_settings")
    assert "x_settingses" not in sets
