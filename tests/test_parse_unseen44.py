"""Variations met in a forty-fourth round of real pages outside the corpus: older versions of
powerapps-docs pages drawn with random.Random(44) from the 2018-2019 folder
(``powerapps-docs/developer/common-data-service/reference/entities/``, the first 100 files the
index lists, 16 left after the corpus, the seed and earlier rounds), each of another date or
section shape where the draw allowed, and the newest Power Pages, Copilot, elastic and search
tables (``developer/data-platform/reference/entities/``, 53 left, drawn the same way, pages over
~40k characters passed over). Pages read: entitymap (drawn 1st, 03/07/2018, commit 34079adc),
expanderevent (3rd, 10/31/2018, commit 21e75aca: Many-To-One only), dataperformance (4th,
10/31/2018, commit 21e75aca: one writable column and one relationship, both without their bullet
list); powerpageslog (drawn 4th of the new ones, 2024-25 layout without ms.date, an Elastic
table, commit 17f4f33f) and mspp_sitesetting (3rd, the same layout, a Virtual table, commit
0658c019). Passed over: convertrule and advancedsimilarityrule (the 03/07/2018 layout again),
mspp_entityform (60,718 characters), mspp_sitemarker (a 06/04/2024 page, not a new one),
dvtablesearch (read, not saved for want of time).

No fault was found: every column, choice, key and relationship of the five pages came out as the
pages state them. Microsoft's dataperformance EntityType (MicrosoftDocs/dynamics365-docs-odata-
apis, ``WebAPI-reference/dynamics-ce-odata-9/entitytypes/dataperformance.yml``) agrees on its 20
properties, ``_organizationid_value`` and the ``organizationid`` navigation property partnered
with ``lk_dataperformance_organizationid``; entitymap and expanderevent have no EntityType there,
nor have the Power Pages tables. The five pages' outputs loaded into sqlite3 and PostgreSQL 15,
parsed as T-SQL with sqlglot, passed the OASIS CSDL XSD and the JSON Schema 2020-12 metaschema,
and the pydantic models imported and validated a record. What the pages showed is pinned below.
"""

from __future__ import annotations

from pathlib import Path

from dvgen.model import ColumnType, TableType
from tests.pages import table
from tests.test_parse_unseen38 import entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

_HEAD_2018 = (
    '---\ntitle: "DataPerformance Entity Reference (Common Data Service for Apps)| '
    'Microsoft Docs"\nms.date: 10/31/2018\n---\n# DataPerformance Entity Reference\n\n'
    "Data Performance Dashboard.\n\n"
    "## Entity Properties\n\n**DisplayName**: Data Performance Dashboard<br />\n"
    "**SchemaName**: DataPerformance<br />\n**LogicalName**: dataperformance<br />\n"
    "**EntitySetName**: dataperformances<br />\n**PrimaryIdAttribute**: dataperformanceid<br />\n"
    "**PrimaryNameAttribute**: <br />\n**OwnershipType**: OrganizationOwned<br />\n"
    "**IsBPFEntity**: False<br />\n"
)

_DATAPERFORMANCE = (
    _HEAD_2018 + '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** "
    "(usually both). Listed by **SchemaName**.\n\n\n"
    '### <a name="BKMK_DataPerformanceId"></a> DataPerformanceId\n\n'
    "**Description**: Unique identifier of the performance suggestion.<br />\n"
    "**DisplayName**: Id<br />\n**LogicalName**: dataperformanceid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**IsValidForUpdate**: False<br />\n"
    "**Type**: Uniqueidentifier<br />\n\n"
    '<a name="read-only-attributes"></a>\n## Read-only attributes\n'
    "These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. "
    "Listed by **SchemaName**.\n\n- [MaxTime](#BKMK_MaxTime)\n"
    "- [OrganizationId](#BKMK_OrganizationId)\n\n\n"
    '### <a name="BKMK_MaxTime"></a> MaxTime\n\n'
    "**Description**: Maximum execution time in seconds. (Aggregated)<br />\n"
    "**DisplayName**: Max Time<br />\n**LogicalName**: maxtime<br />\n"
    "**IsValidForForm**: True<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: None<br />\n**Type**: Decimal<br />\n**MaxValue**: 1000000000<br />\n"
    "**MinValue**: 0<br />\n**Precision**: 2\n\n\n"
    '### <a name="BKMK_OrganizationId"></a> OrganizationId\n\n'
    "**Description**: Unique identifier of the organization associated.<br />\n"
    "**DisplayName**: <br />\n**LogicalName**: organizationid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**Type**: Lookup<br />\n**Targets**: organization\n\n"
    '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with "
    "the related entity. Listed by **SchemaName**.\n\n\n"
    '### <a name="BKMK_lk_dataperformance_organizationid"></a> '
    "lk_dataperformance_organizationid\n\n"
    "See organization Entity [lk_dataperformance_organizationid](organization.md#BKMK_lk_"
    "dataperformance_organizationid) One-To-Many relationship.\ndataperformance\n\n"
)


def test_a_2018_section_of_one_item_without_its_list_is_read() -> None:
    """dataperformance of 10/31/2018: the Writable section holds one column and the Many-To-One
    section one relationship, neither with its bullet list; the page ends with a stray line
    naming the table."""
    page = table(_DATAPERFORMANCE)
    columns = {c.logical_name: c for c in page.columns}
    assert set(columns) == {"dataperformanceid", "maxtime", "organizationid"}
    key = columns["dataperformanceid"]
    assert (key.valid_for_create, key.valid_for_update) == (True, False)
    maxtime = columns["maxtime"]
    assert maxtime.type is ColumnType.DECIMAL
    assert (maxtime.valid_for_create, maxtime.valid_for_update, maxtime.precision) == (
        False,
        False,
        2,
    )
    assert page.primary_name_attribute is None
    assert [r.schema_name for r in page.relationships.many_to_one] == [
        "lk_dataperformance_organizationid"
    ]


def test_a_2018_pages_lookup_partners_microsofts_relationship(tmp_path: Path) -> None:
    """Microsoft's dataperformance EntityType: ``organizationid`` partnered with
    ``lk_dataperformance_organizationid``, and ``_organizationid_value``."""
    entity = entity_type_alone(tmp_path, "dataperformance", _DATAPERFORMANCE)
    navs = {n.get("Name"): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}
    assert navs == {"organizationid": "lk_dataperformance_organizationid"}
    names = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert names == {"dataperformanceid", "maxtime", "_organizationid_value"}


def _block(schema: str, kind: str, rows: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|Description||\n|DisplayName|**{schema}**|\n|IsValidForForm|True|\n"
        f"|IsValidForRead|True|\n|LogicalName|`{schema.lower()}`|\n|RequiredLevel|None|\n"
        f"|Type|{kind}|\n{rows}\n"
    )


def _page_2025(logical: str, schema: str, kind: str, blocks: str) -> str:
    return (
        f'---\ntitle: "{schema} table/entity reference (Microsoft Dataverse)"\n'
        "ms.topic: reference\n---\n\n"
        f"# {schema} table/entity reference (Microsoft Dataverse)\n\n\n\n"
        "## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **DisplayName** | **{schema}** |\n| **SchemaName** | `{schema}` |\n"
        f"| **EntitySetName** | `{logical}s`|\n| **LogicalName** | `{logical}` |\n"
        f"| **PrimaryIdAttribute** | `{logical}id` |\n| **PrimaryNameAttribute** |`name` |\n"
        f"| **TableType** | `{kind}` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
        "## Writable columns/attributes\n\nThese columns/attributes return true for either "
        "**IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n"
        + blocks
    )


def test_an_elastic_tables_json_memo_keeps_its_format_and_length() -> None:
    """powerpageslog: an Elastic table whose ``Content`` Memo is FormatName ``Json`` of
    1048575 characters."""
    blocks = (
        _block(
            "Content",
            "Memo",
            "|Format|Text|\n|FormatName|Json|\n|ImeMode|Auto|\n|IsLocalizable|False|\n"
            "|MaxLength|1048575|",
        )
        + _block("Name", "String", "|Format|Text|\n|FormatName|Text|\n|MaxLength|100|")
        + _block("PowerPagesLogId", "Uniqueidentifier", "")
    )
    page = table(_page_2025("powerpageslog", "PowerPagesLog", "Elastic", blocks))
    assert page.table_type is TableType.ELASTIC
    content = {c.logical_name: c for c in page.columns}["content"]
    assert content.type is ColumnType.MEMO
    assert (content.format_name, content.max_length) == ("Json", 1048575)


def test_a_virtual_power_pages_tables_state_is_update_only() -> None:
    """mspp_sitesetting: a Virtual table of the 2024-25 layout, which prints no IsValidForCreate;
    its statecode is update-only and its key create-only, as on other pages of the layout."""
    state = (
        "|DefaultFormValue||\n|GlobalChoiceName|`mspp_sitesetting_statecode`|\n\n"
        "#### statecode Choices/Options\n\n|Value|Details|\n|---|---|\n"
        "|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|\n"
        "|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|\n"
    )
    blocks = (
        _block("mspp_sitesettingId", "Uniqueidentifier", "")
        + _block("Name", "String", "|Format|Text|\n|FormatName|Text|\n|MaxLength|100|")
        + _block("statecode", "State", state)
    )
    page = table(_page_2025("mspp_sitesetting", "mspp_sitesetting", "Virtual", blocks))
    assert page.table_type is TableType.VIRTUAL
    columns = {c.logical_name: c for c in page.columns}
    assert (columns["statecode"].valid_for_create, columns["statecode"].valid_for_update) == (
        False,
        True,
    )
    key = columns["mspp_sitesettingid"]
    assert (key.valid_for_create, key.valid_for_update) == (True, False)
