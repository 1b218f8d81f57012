"""Variations met in a thirty-sixth round of real pages outside the corpus, drawn with
random.Random(36) from the reference's table of contents less the corpus and the tables earlier
rounds used, passing over pages beyond ~40,000 characters (msdyn_mobileapp, duplicaterecord).
MicrosoftDocs/powerapps-docs pages
(``powerapps-docs/developer/data-platform/reference/entities/``), in the order drawn:
connectioninstance (G2, commit 00dcf07a), appconfig (2021, the stored version of commit
003343e9), quarterlyfiscalcalendar (2023, SchemaNames ``Period1``/``Period10`` whose
LogicalNames are ``quarter1``/``quarter4``, Money columns, commit 09770ae5), timezonerule
(2023, an Integer primary name column, commit 09770ae5), mcpresourcecontent (G3, a LogicalName
``mimeType``, File columns with their ``FileAttachment_`` relationships; read, not run whole,
commit 8fa06797) and documenttemplate (G2 without ms.date, a Picklist with DefaultFormValue -1,
a Boolean labelled Draft/Activated, commit 0298582b); msdyn_flow_awaitallactionapprovalmodel
and workflowmetadata were read only; actioncard (2023: Lookups with an empty Targets row, a
Boolean with ``**DefaultValue**: 0``) was checked on an excerpt (``_recordid_value`` and
``_parentregardingobjectid_value`` without navigation property, as Microsoft's EntityType). Two
MicrosoftDocs/dynamics-365-customer-engagement pages of the
``ce/developer/reference/entities/`` layout: availabletimesdatasource (a Virtual table with no
relationship section, commit 53d243e2) and entitlementproducts (an intersect table whose entity
set is ``entitlementproductscollection`` and whose one many-to-many block has no bullet list,
commit 01de4a1b); adminsettingsentity (EntitySetName ``new_admin_settings_entities``) read
only.

The CSDL of appconfig, timezonerule, quarterlyfiscalcalendar, documenttemplate and
entitlementproducts was compared with Microsoft's EntityTypes (dynamics365-docs-odata-apis):
every structural property, its Edm type and every lookup property as Microsoft's, and the
single-valued navigation properties and partners of timezonerule, quarterlyfiscalcalendar and
documenttemplate as Microsoft's (quarterlyfiscalcalendar's ``_businessunitid_value`` without a
navigation property, as Microsoft's, for the page lists no relationship for it). appconfig's
2021 page names no navigation property (its many-to-one blocks are bare "See systemuser Table
..." lines) and Microsoft's are irregular there (``appconfig_createdby``,
``appmodule_appconfig``): dvgen keeps the lookup's name, as for every page that does not give
one. The outputs loaded into sqlite3 and PostgreSQL 15, parsed as T-SQL (sqlglot), passed the
OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the pydantic models imported and
validated.

No fault was found; the tests pin the variations, in minimal pages of their own in the
layout of the real ones."""

from __future__ import annotations

import importlib
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from tests.pages import table
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _g1(schema: str, rows: str) -> str:
    """A column block of a 2021-2023 page (plain values, keys in alphabetical order)."""
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"{rows}\n\n"
    )


def _page_2023(logical: str, primary_id: str, primary_name: str, columns: str) -> str:
    return (
        f'---\ntitle: "{logical} table/entity reference (Microsoft Dataverse) | Microsoft Docs"\n'
        f"ms.date: 02/15/2023\n---\n\n# {logical} table/entity reference\n\nA table.\n\n\n"
        "## Properties\n\n|Property|Value|\n|--------|-----|\n"
        f"|CollectionSchemaName|{logical}s|\n|EntitySetName|{logical}s|\n"
        f"|LogicalCollectionName|{logical}s|\n|LogicalName|{logical}|\n|OwnershipType|None|\n"
        f"|PrimaryIdAttribute|{primary_id}|\n|PrimaryNameAttribute|{primary_name}|\n"
        f"|SchemaName|{logical}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable columns/attributes\n\n'
        "These columns/attributes return true for either **IsValidForCreate** or "
        "**IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n"
        + _g1(
            primary_id,
            f"|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
            f"|IsValidForUpdate|False|\n|LogicalName|{primary_id}|\n"
            "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
        )
        + columns
    )


# quarterlyfiscalcalendar (02/15/2023): SchemaName Period1, LogicalName quarter1, a Money
QUOTA = _page_2023(
    "x_quota",
    "x_quotaid",
    "",
    _g1(
        "Period1",
        "|Description|Sales quota for the first quarter in the fiscal year.|\n|DisplayName||\n"
        "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|quarter1|\n"
        "|MaxValue|100000000000|\n|MinValue|0|\n|Precision|2|\n|PrecisionSource|2|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Money|",
    ),
)

# timezonerule (02/15/2023): |PrimaryNameAttribute|timezoneruleversionnumber|, an Integer
RULE = _page_2023(
    "x_rule",
    "x_ruleid",
    "x_version",
    _g1(
        "x_version",
        "|Description|For internal use only|\n|DisplayName|Version|\n|Format|None|\n"
        "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|x_version|\n"
        "|MaxValue|2147483647|\n|MinValue|-1|\n|RequiredLevel|SystemRequired|\n|Type|Integer|",
    )
    + _g1(
        "x_day",
        "|Description|Day of the month.|\n|DisplayName|Day|\n|Format|None|\n"
        "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|x_day|\n"
        "|MaxValue|31|\n|MinValue|0|\n|RequiredLevel|SystemRequired|\n|Type|Integer|",
    ),
)


def _ce(logical: str, properties: str, writable: str, rest: str = "") -> str:
    """A page of dynamics-365-customer-engagement's ``ce/developer/reference/entities/``."""
    return (
        f'---\ntitle: "{logical} ({logical}) table/entity reference (Microsoft Dynamics 365)"\n'
        f"ms.topic: generated-reference\n---\n\n"
        f"# {logical} ({logical}) table/entity reference (Microsoft Dynamics 365)\n\n\n\n"
        "## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"{properties}\n"
        "## Writable columns/attributes\n\nThese columns/attributes return true for either "
        "**IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by "
        f"**SchemaName**.\n\n{writable}{rest}\n\n### See also\n\n"
        "[Dataverse table/entity reference](/power-apps/developer/data-platform/reference/"
        "about-entity-reference)  \n\n"
    )


def _g3(schema: str, logical: str, kind: str, extra: str = "") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|Description||\n|DisplayName|**{schema}**|\n|IsValidForForm|True|\n"
        f"|IsValidForRead|True|\n|LogicalName|`{logical}`|\n|RequiredLevel|SystemRequired|\n"
        f"|Type|{kind}|\n{extra}\n"
    )


# availabletimesdatasource (CE): a Virtual table, no relationship section at all
VIRTUAL = _ce(
    "x_times",
    "| **SchemaName** | `x_times` |\n| **EntitySetName** | `x_timeses`|\n"
    "| **LogicalName** | `x_times` |\n| **PrimaryIdAttribute** | `x_timesid` |\n"
    "| **PrimaryNameAttribute** |`name` |\n| **TableType** | `Virtual` |\n"
    "| **OwnershipType** | `OrganizationOwned` |\n",
    "- [x_timesId](#BKMK_x_timesId)\n- [Name](#BKMK_Name)\n\n"
    + _g3("x_timesId", "x_timesid", "Uniqueidentifier")
    + _g3("Name", "name", "String", "|Format|Text|\n|MaxLength|100|\n"),
)

# entitlementproducts (CE): an intersect table, EntitySetName ...collection, one bare N:N block
INTERSECT = _ce(
    "x_pairs",
    "| **SchemaName** | `x_Pairs` |\n| **EntitySetName** | `x_pairscollection`|\n"
    "| **LogicalName** | `x_pairs` |\n| **PrimaryIdAttribute** | `x_pairid` |\n"
    "| **PrimaryNameAttribute** |`name` |\n| **TableType** | `Standard` |\n"
    "| **OwnershipType** | `None` |\n",
    "- [x_PairId](#BKMK_x_PairId)\n- [Name](#BKMK_Name)\n\n"
    + _g3("x_PairId", "x_pairid", "Uniqueidentifier")
    + _g3("Name", "name", "String", "|Format|Text|\n|MaxLength|100|\n"),
    "\n## Many-to-Many relationships\n\nThese relationships are many-to-many. Listed by "
    '**SchemaName**.\n\n### <a name="BKMK_x_left_x_right"></a> x_left_x_right\n\n\n'
    "|Property|Value|\n|---|---|\n|IntersectEntityName|`x_pairs`|\n|IsCustomizable|False|\n"
    "|SchemaName|`x_left_x_right`|\n\n",
)


def test_a_column_whose_schema_name_is_not_its_logical_name() -> None:
    """The anchor and the heading give ``Period1``, the row ``quarter1``: the column is
    ``quarter1``, SchemaName ``Period1``, read as Money with its range and precision."""
    quota = table(QUOTA)
    column = next(c for c in quota.columns if c.schema_name == "Period1")
    assert column.logical_name == "quarter1"
    assert column.type.value == "Money"
    assert (column.min_value, column.max_value, column.precision) == (0, 100000000000, 2)


def test_an_integer_primary_name_column() -> None:
    rule = table(RULE)
    assert rule.primary_name_attribute == "x_version"
    day = next(c for c in rule.columns if c.logical_name == "x_day")
    assert (day.min_value, day.max_value) == (0, 31)


def test_ce_virtual_and_intersect_pages() -> None:
    virtual = table(VIRTUAL)
    assert virtual.table_type == "Virtual"
    assert virtual.relationships.many_to_one == virtual.relationships.one_to_many == ()
    pairs = table(INTERSECT)
    assert pairs.entity_set_name == "x_pairscollection"
    [many] = pairs.relationships.many_to_many
    assert (many.schema_name, many.intersect_entity_name) == ("x_left_x_right", "x_pairs")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("unseen36")
    folder = base / "specs"
    folder.mkdir()
    for name, text in (
        ("x_quota", QUOTA),
        ("x_rule", RULE),
        ("x_times", VIRTUAL),
        ("x_pairs", INTERSECT),
    ):
        (folder / f"{name}.md").write_text(text)
    target = base / "out"
    assert main(["generate", "--specs", str(folder), "--out", str(target), "--no-cache", "-q"]) == 0
    return target


def test_csdl_of_the_four(out: Path) -> None:
    """As Microsoft's EntityTypes: quarter1 an Edm.Decimal, the Integer primary name an
    Edm.Int32, the intersect table's entity set ``...collection``; the XSD accepts it."""
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    root = etree.fromstring(xml)
    types = {
        t.get("Name"): {p.get("Name"): p.get("Type") for p in t.iter(f"{EDM}Property")}
        for t in root.iter(f"{EDM}EntityType")
    }
    assert types["x_quota"]["quarter1"] == "Edm.Decimal"
    assert types["x_rule"]["x_version"] == "Edm.Int32"
    assert set(types["x_times"]) == {"x_timesid", "name"}
    sets = {s.get("Name") for s in root.iter(f"{EDM}EntitySet")}
    assert {"x_pairscollection", "x_timeses", "x_rules", "x_quotas"} <= sets


def test_pydantic_models_of_the_quota_and_the_rule(out: Path) -> None:
    sys.path.insert(0, str(out / "pydantic"))
    try:
        for name in [m for m in sys.modules if m.startswith("dataverse_models")]:
            del sys.modules[name]
        quota = importlib.import_module("dataverse_models.x_quota").XQuota
        assert quota.model_validate({"quarter1": 12.5}).quarter1 == Decimal("12.5")
        rule = importlib.import_module("dataverse_models.x_rule").XRule
        assert rule.model_validate({"x_day": 31}).x_day == 31
        with pytest.raises(ValueError):
            rule.model_validate({"x_day": 32})
    finally:
        sys.path.remove(str(out / "pydantic"))
        for name in [m for m in sys.modules if m.startswith("dataverse_models")]:
            del sys.modules[name]
