"""Variations met in a thirtieth round of real pages outside the corpus, drawn at random (seed 30)
from the powerapps-docs entities folder (16 pages, 14k to 44k characters, mostly medium and
large: a Power Pages web page with three self-referential lookups, an Elastic organization-owned
table, a SharePoint site, a table with two images, a page of the 2021 format without a primary
name, pages of the 2023 and 2024 formats). Each page was run alone, with the corpus, then all
together, through every target and the real tools (sqlite3, PostgreSQL 15, sqlglot, the OASIS
CSDL schema, the JSON Schema metaschema, the pydantic package validating a record).

These tests pin, on minimal pages written for the test, what the readers and targets took from
variations that no earlier test held, so that a regression shows. One fault was fixed: a
LogicalName printed with capitals was read in lower case for every target, while Dataverse names
the Web API property by it as printed (``tests/test_cased_logical_names.py``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.model import ColumnType, OwnershipType, TableType
from tests.pages import resolved, table

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _column(schema: str, rows: str) -> str:
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{rows}\n\n'


def _generate(tmp_path: Path, pages: dict[str, str]) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir(exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text)
    out = tmp_path / "out"
    argv = ["generate", "--specs", str(folder), "--out", str(out), "--no-cache", "-q"]
    assert main(argv) == 0
    return out


def _entity(out: Path, name: str) -> etree._Element:
    root = etree.parse(str(out / "odata" / "metadata.xml")).getroot()
    return next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == name)


# eventexpanderbreadcrumb (2024, Elastic, organization-owned, no State column): its status columns
# are headed and listed by the schema names ``StateCode`` and ``StatusCode`` while their logical
# names are ``breadcrumbstatecode`` and ``breadcrumbstatuscode``, and they are plain Picklists.
BREADCRUMB = (
    "---\nms.date: 08/30/2024\nms.topic: reference\n---\n\n# Crumb (x_crumb) table/entity reference"
    "\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n| **SchemaName** | `x_crumb` |\n"
    "| **EntitySetName** | `x_crumbs`|\n| **LogicalName** | `x_crumb` |\n"
    "| **PrimaryIdAttribute** | `x_crumbid` |\n| **PrimaryNameAttribute** |`name` |\n"
    "| **TableType** | `Elastic` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
    "## Writable columns/attributes\n\n- [StateCode](#BKMK_StateCode)\n\n"
    + _column(
        "x_crumbId",
        "|LogicalName|`x_crumbid`|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
    )
    + _column(
        "Name",
        "|LogicalName|`name`|\n|RequiredLevel|None|\n|Type|String|\n|Format|Text|\n|MaxLength|512|",
    )
    + _column(
        "StateCode",
        "|Description|**The status of the crumb.**|\n|DisplayName|**Status**|\n"
        "|LogicalName|`breadcrumbstatecode`|\n|RequiredLevel|ApplicationRequired|\n"
        "|Type|Picklist|\n|DefaultFormValue|0|\n|GlobalChoiceName|`x_crumb_statecode`|\n\n"
        "#### StateCode Choices/Options\n\n|Value|Label|\n|---|---|\n|0|**Ready**|\n"
        "|2|**Locked**|\n|3|**Completed**|",
    )
)


def test_a_picklist_headed_statecode_keeps_its_own_logical_name(tmp_path: Path) -> None:
    crumb = table(BREADCRUMB)
    assert (crumb.table_type, crumb.ownership_type) == (
        TableType.ELASTIC,
        OwnershipType.ORGANIZATION_OWNED,
    )
    status = next(c for c in crumb.columns if c.logical_name == "breadcrumbstatecode")
    assert (status.schema_name, status.type) == ("StateCode", ColumnType.PICKLIST)
    assert [o.value for o in status.choices] == [0, 2, 3]
    assert "statecode" not in [c.logical_name for c in crumb.columns]
    out = _generate(tmp_path, {"x_crumb.md": BREADCRUMB})
    entity = _entity(out, "x_crumb")
    props = {p.get("Name"): p.get("Type") for p in entity.iter(f"{EDM}Property")}
    assert props["breadcrumbstatecode"] == "Edm.Int32"
    assert "statecode" not in props
    db = sqlite3.connect(":memory:")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
    insert = 'INSERT INTO "x_crumb" ("x_crumbid", "breadcrumbstatecode") VALUES (?, ?)'
    db.execute(insert, ("00000000-0000-0000-0000-000000000001", 2))
    with pytest.raises(sqlite3.IntegrityError):  # 1 is not one of its options
        db.execute(insert, ("00000000-0000-0000-0000-000000000002", 1))


def _old_page(logical: str, columns: str, relationships: str) -> str:
    return (
        "---\nms.date: 03/07/2023\n---\n\n"
        f"# {logical} table/entity reference\n\n## Properties\n\n"
        "|Property|Value|\n|--------|-----|\n"
        f"|EntitySetName|{logical}s|\n|LogicalName|{logical}|\n|OwnershipType|OrganizationOwned|\n"
        f"|PrimaryIdAttribute|{logical}id|\n|SchemaName|{logical}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable columns/attributes\n\n'
        + _column(
            f"{logical}Id",
            f"|LogicalName|{logical}id|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
        )
        + columns
        + relationships
    )


# customcontrolresource (2023): its many-to-one relationship to customcontrol is only a "See the
# ... one-to-many relationship" line, and the column that holds the parent's key is a plain
# Uniqueidentifier named like that key, not a Lookup. Microsoft's $metadata names the navigation
# property ``customcontrolid_customcontrol`` and constrains it by the Guid column itself.
RESOURCE = _old_page(
    "x_resource",
    _column(
        "x_ControlId",
        "|Description|Unique identifier of the control.|\n|LogicalName|x_controlid|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
    ),
    '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with "
    "the related table. Listed by **SchemaName**.\n\n"
    '### <a name="BKMK_x_control_resource_id"></a> x_control_resource_id\n\n'
    "See the [x_control_resource_id](x_control.md#BKMK_x_control_resource_id) one-to-many "
    "relationship for the [x_control](x_control.md) table/entity.\n",
)


def test_a_many_to_one_held_by_a_plain_guid_column(tmp_path: Path) -> None:
    resource = table(RESOURCE)
    guid = next(c for c in resource.columns if c.logical_name == "x_controlid")
    assert guid.type is ColumnType.UNIQUEIDENTIFIER
    out = _generate(tmp_path, {"x_resource.md": RESOURCE})
    entity = _entity(out, "x_resource")
    navs = {n.get("Name"): n for n in entity.iter(f"{EDM}NavigationProperty")}
    nav = navs["x_controlid_x_control"]
    assert (nav.get("Type"), nav.get("Partner")) == ("mscrm.x_control", "x_control_resource_id")
    constraint = nav.find(f"{EDM}ReferentialConstraint")
    assert constraint is not None
    assert (constraint.get("Property"), constraint.get("ReferencedProperty")) == (
        "x_controlid",
        "x_controlid",
    )
    props = [p.get("Name") for p in entity.iter(f"{EDM}Property")]
    assert "x_controlid" in props and "_x_controlid_value" not in props


# mspp_webpage (2024 of the 2023 layout): a hierarchical self-referential relationship listed in
# both the One-To-Many section (with its properties) and the Many-To-One section (a "See the"
# line): one relationship, one pair of navigation properties, one self-referencing foreign key.
PAGES = _old_page(
    "x_page",
    _column(
        "x_parentpageid",
        "|Description|Parent page.|\n|LogicalName|x_parentpageid|\n|RequiredLevel|Recommended|\n"
        "|Targets|x_page|\n|Type|Lookup|",
    ),
    '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\nListed by **SchemaName**.\n\n'
    '### <a name="BKMK_x_page_page"></a> x_page_page\n\n'
    "Same as the [x_page_page](x_page.md#BKMK_x_page_page) many-to-one relationship for the "
    "[x_page](x_page.md) table/entity.\n\n|Property|Value|\n|--------|-----|\n"
    "|ReferencingEntity|x_page|\n|ReferencingAttribute|x_parentpageid|\n|IsHierarchical|True|\n"
    "|IsCustomizable|False|\n|ReferencedEntityNavigationPropertyName|x_page_page|\n"
    "|CascadeConfiguration|Assign: NoCascade<br />Delete: NoCascade<br />Merge: NoCascade<br />"
    "Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|\n\n"
    '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    '### <a name="BKMK_x_page_page"></a> x_page_page\n\n'
    "See the [x_page_page](x_page.md#BKMK_x_page_page) one-to-many relationship for the "
    "[x_page](x_page.md) table/entity.\n",
)


def test_a_hierarchical_self_reference_listed_in_both_sections(tmp_path: Path) -> None:
    tables, warnings = resolved(("x_page.md", PAGES))
    assert warnings == []
    page = next(t for t in tables.tables if t.logical_name == "x_page")
    names = [r.schema_name for r in page.relationships.many_to_one]
    assert names.count("x_page_page") == 1
    relationship = next(r for r in page.relationships.many_to_one if r.schema_name == "x_page_page")
    assert relationship.is_hierarchical is True
    out = _generate(tmp_path, {"x_page.md": PAGES})
    entity = _entity(out, "x_page")
    navs = {n.get("Name"): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}
    assert navs == {"x_parentpageid": "x_page_page", "x_page_page": "x_parentpageid"}
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
    guid = "00000000-0000-0000-0000-00000000000{}".format
    db.execute('INSERT INTO "x_page" ("x_pageid") VALUES (?)', (guid(1),))
    insert = 'INSERT INTO "x_page" ("x_pageid", "x_parentpageid") VALUES (?, ?)'
    db.execute(insert, (guid(2), guid(1)))
    db.commit()
    db.execute(insert, (guid(3), guid(9)))
    with pytest.raises(sqlite3.IntegrityError):  # no page 9 to be the parent (checked deferred)
        db.commit()


# msdyn_kalanguagesetting (2023): a Boolean whose LogicalName is printed with capitals,
# ``msdyn_useOrgUILanguage``. Dataverse keeps such a logical name as it is and the Web API names
# the property by it: XrmDefinitelyTyped's Web API typings generated from a live org declare
# ``msdyn_useOrgUILanguage?: boolean`` beside ``msdyn_kalanguagesettingid``, and DevKit's maps
# ``msdynmkt_errorDetails: { a: 'msdynmkt_errorDetails' }`` beside
# ``msdynmkt_leadqualificationmodelId: { a: 'msdynmkt_leadqualificationmodelid' }``. The model
# keys the column in lower case and keeps the printed name for the Web API (docs/spec-format.md).
LANGUAGE = _old_page(
    "x_setting",
    _column(
        "x_useOrgUILanguage",
        "|Description||\n|DisplayName|Use Org's UI Language|\n|LogicalName|x_useOrgUILanguage|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Boolean|\n\n"
        "#### x_useOrgUILanguage Choices/Options\n\n|Value|Label|Description|\n"
        "|-----|-----|--------|\n|1|Yes||\n|0|No||\n\n**DefaultValue**: 0",
    ),
    "",
)


def test_a_logical_name_with_capitals_names_the_web_api_property(tmp_path: Path) -> None:
    out = _generate(tmp_path, {"x_setting.md": LANGUAGE})
    props = [p.get("Name") for p in _entity(out, "x_setting").iter(f"{EDM}Property")]
    assert "x_useOrgUILanguage" in props
