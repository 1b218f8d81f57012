"""Variations met in a thirty-second round of real pages outside the corpus: OLDER versions of
pages, as the GitHub index keeps them. The population was the first hundred files the index lists in
each of three folders (powerapps-docs' data-platform and common-data-service entity folders,
dynamics-365-customer-engagement's ce/developer/entities), less the corpus, shuffled with
random.Random(32); each name drawn took the version the index holds from 2017-2022, and a name with
no version before 2023 was passed over (aipluginconversationstarter, appnotificationsignal,
aiplugingovernanceext, aipluginexternalschema, botcomponentcollection). Drawn, in that order:
fieldpermission (common-data-service, 03/07/2018, bold lines), canvasapp (common-data-service,
04/12/2020, property tables, ``Entity Properties``), businessunitnewsarticle (data-platform,
05/20/2021), appconfigmaster (data-platform, 10/05/2021, one writable column and no list),
connectionroleassociation (Dynamics 365, 12/05/2017, an intersect table), hierarchyrule
(03/07/2018), audit (Dynamics 365, 12/05/2017, lookups of empty Targets), convertruleitem
(10/31/2018, an Owner column on a table owned by no one), appmodule (10/31/2018),
annualfiscalcalendar (03/07/2018, Money columns whose schema and logical names differ,
``Period1``/``annual``, bare PrecisionSource), competitorproduct (Dynamics 365, 12/05/2017, an
intersect table, ``**Added by**: Sales Solution<br />``) and cardtype (10/31/2018); and, from the
on-premises folder, dynamicpropertyassociation (04/02/2019, ``**Added by**`` lines inside column
blocks). Seven were rebuilt byte for byte (fieldpermission, connectionroleassociation,
appconfigmaster, hierarchyrule, audit, annualfiscalcalendar, competitorproduct; lengths checked
against the tool's) and run alone and with the corpus through every target and the real tools
(sqlite3, PostgreSQL 15, sqlglot, the OASIS CSDL schema, the JSON Schema metaschema, the pydantic
package validating a record); the others were read in full and their distinctive parts run on
minimal pages. Every column, type, length, range, required level, choice and relationship matched
the pages.

One fault was fixed. An intersect table's own page of 2017-2020 (connectionroleassociation,
competitorproduct) names the many-to-many relationship it stores as if the table were one of its
ends (``See connectionrole Entity [connectionroleassociation_association](...) Many-To-Many
Relationship.``). When the other table's page in the set did not give the relationship, the targets
invented it: navigation properties on both tables, each a collection of the other, though the
relationship joins connectionrole to itself and Dataverse gives an intersect table no navigation
property. Such a page is now known by its columns (owned by no one, the other table's id a plain
Uniqueidentifier column) and read as the 2021 and later pages print it (``parse.intersect``). The
tests write minimal pages of their own."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from dvgen.cli import main
from dvgen.model import ManyToManySide
from tests.pages import table

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _column(schema: str, logical: str, kind: str, extra: str = "") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|LogicalName|{logical}|\n{extra}|RequiredLevel|SystemRequired|\n|Type|{kind}|\n\n\n"
    )


def _page(logical: str, ownership: str, columns: str, many: str = "", name: str = "name") -> str:
    """A Dynamics 365 page of 2017: ``Entity Properties`` table, ``Writable attributes``."""
    return (
        f"# {logical} Entity Reference\n\n\n\n\n## Entity Properties\n\n"
        "|Property|Value|\n|--------|-----|\n"
        f"|EntitySetName|{logical}s|\n|LogicalName|{logical}|\n|OwnershipType|{ownership}|\n"
        f"|PrimaryIdAttribute|{logical}id|\n|PrimaryNameAttribute|{name}|\n"
        f"|SchemaName|{logical}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
        + _column(f"{logical}Id", f"{logical}id", "Uniqueidentifier")
        + columns
        + many
    )


def _see(name: str, other: str) -> str:
    """The 2017-2020 many-to-many entry that gives no details, only the other table's page."""
    return (
        '<a name="manytomany"></a>\n\n## Many-To-Many Relationships\n\n'
        "Relationship details provided where the x entity is the first entity in the "
        "relationship. Listed by **SchemaName**.\n\n\n"
        f'### <a name="BKMK_{name}"></a> {name}\n\n'
        f"See {other} Entity [{name}]({other}.md#BKMK_{name}) Many-To-Many Relationship.\n"
    )


# connectionroleassociation (Dynamics 365, 12/05/2017): the intersect table of connectionrole's
# self-referencing connectionroleassociation_association, owned by no one, both ids plain
# Uniqueidentifier columns, no display names; its page lists the relationship it stores.
ASSOCIATION = _page(
    "x_roleassociation",
    "None",
    _column("AssociatedRoleId", "associatedx_roleid", "Uniqueidentifier")
    + _column("RoleId", "x_roleid", "Uniqueidentifier"),
    _see("x_roleassociation_association", "x_role"),
    name="",
)
ROLE = _page(
    "x_role",
    "OrganizationOwned",
    _column("Name", "name", "String", "|FormatName|Text|\n|MaxLength|100|\n"),
)
ROLE_WITH_RELATIONSHIP = ROLE + (
    '<a name="manytomany"></a>\n\n## Many-To-Many Relationships\n\n'
    '### <a name="BKMK_x_roleassociation_association"></a> x_roleassociation_association\n\n'
    "IntersectEntityName: x_roleassociation<br />\n#### Table 1\n\n"
    "|Property|Value|\n|--------|-----|\n|IntersectAttribute|x_roleid|\n|IsCustomizable|False|\n"
    "|LogicalName|x_role|\n|NavigationPropertyName|x_roleassociation_association|\n\n"
    "#### Table 2\n\n"
    "|Property|Value|\n|--------|-----|\n|IntersectAttribute|associatedx_roleid|\n"
    "|IsCustomizable|False|\n|LogicalName|x_role|\n"
    "|NavigationPropertyName|x_roleassociation_association|\n"
)


def _generate(tmp_path: Path, pages: dict[str, str]) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    for name, text in pages.items():
        (folder / name).write_text(text)
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(folder), "--out", str(out), "--no-cache", "-q"]) == 0
    return out


def _navigations(out: Path) -> dict[str, list[tuple[str | None, str | None]]]:
    root = etree.parse(str(out / "odata" / "metadata.xml")).getroot()
    return {
        str(entity.get("Name")): [
            (nav.get("Name"), nav.get("Type")) for nav in entity.iter(f"{EDM}NavigationProperty")
        ]
        for entity in root.iter(f"{EDM}EntityType")
    }


def test_intersect_page_of_2017_stores_its_relationship() -> None:
    """Read alone, the page gives the relationship as stored by the table, neither side."""
    (rel,) = table(ASSOCIATION, "x_roleassociation.md").relationships.many_to_many
    assert rel.schema_name == "x_roleassociation_association"
    assert rel.intersect_entity_name == "x_roleassociation"
    assert rel.this_table == rel.other_table == ManyToManySide()


def test_intersect_page_invents_no_navigation_to_the_other_table(tmp_path: Path) -> None:
    """With the other table's page of a shape that does not give the relationship, no target
    relates the intersect table to it: before, both had a collection-valued navigation
    property ``x_roleassociation_association`` to the other and the JSON Schemas an
    expandable property of that name."""
    out = _generate(tmp_path, {"x_roleassociation.md": ASSOCIATION, "x_role.md": ROLE})
    assert _navigations(out) == {"crmbaseentity": [], "x_role": [], "x_roleassociation": []}
    for name in ("x_role", "x_roleassociation"):
        schema = json.loads((out / "jsonschema" / f"{name}.schema.json").read_text())
        assert "x_roleassociation_association" not in schema["properties"]


def test_intersect_page_beside_the_page_that_gives_the_relationship(tmp_path: Path) -> None:
    """With the other table's page giving it (IntersectEntityName, Table 1 and Table 2), the
    relationship joins that table to itself, through the intersect table's two id columns."""
    pages = {"x_roleassociation.md": ASSOCIATION, "x_role.md": ROLE_WITH_RELATIONSHIP}
    out = _generate(tmp_path, pages)
    navigations = _navigations(out)
    assert navigations["x_roleassociation"] == []
    assert sorted(navigations["x_role"]) == [
        ("x_roleassociation_association", "Collection(mscrm.x_role)"),
        ("x_roleassociation_association_referenced", "Collection(mscrm.x_role)"),
    ]
    schema = (out / "sql" / "postgres" / "schema.sql").read_text()
    for column in ("x_roleid", "associatedx_roleid"):
        assert f'FOREIGN KEY ("{column}") REFERENCES "x_role" ("x_roleid")' in schema


# competitorproduct (Dynamics 365, 12/05/2017): the intersect table of competitor and product,
# added by the Sales solution on a line ending in ``<br />``.
def test_intersect_page_with_added_by_line() -> None:
    page = _page(
        "x_competitorproduct",
        "None",
        _column("CompetitorId", "x_competitorid", "Uniqueidentifier")
        + _column("ProductId", "x_productid", "Uniqueidentifier"),
        _see("x_competitorproduct_association", "x_competitor"),
    ).replace(
        "\n\n\n\n\n## Entity", "\n\nAssociation.\n\n**Added by**: Sales Solution<br />\n\n## Entity"
    )
    found = table(page, "x_competitorproduct.md")
    assert found.added_by == "Sales"
    (rel,) = found.relationships.many_to_many
    assert rel.intersect_entity_name == "x_competitorproduct"
    assert rel.this_table == rel.other_table == ManyToManySide()


def test_see_line_of_a_table_that_is_no_intersect_keeps_its_sides() -> None:
    """A table owned by someone, or one without the other table's id as a plain
    Uniqueidentifier column, is an end of the relationship its page names."""
    role_id = _column("RoleId", "x_roleid", "Uniqueidentifier")
    lookup = _column("RoleId", "x_roleid", "Lookup", "|Targets|x_role|\n")
    for ownership, columns in (("OrganizationOwned", role_id), ("None", lookup), ("None", "")):
        page = _page("x_team", ownership, columns, _see("x_team_roles", "x_role"))
        (rel,) = table(page, "x_team.md").relationships.many_to_many
        assert rel.intersect_entity_name is None
        assert rel.this_table == ManyToManySide(logical_name="x_team")
        assert rel.other_table == ManyToManySide(logical_name="x_role")
