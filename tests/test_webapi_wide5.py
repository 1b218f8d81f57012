"""A fifth round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``), on
kinds of tables no round had compared: virtual tables of solution history
(``msdyn_componentlayer``, 2020 page; ``msdyn_solutionhistory``, 2021), a file table of AI
Builder (``msdyn_aibfile``, 2021), Knowledge Management's virtual-provider tables
(``msdyn_federatedarticle``, 2023; ``msdyn_federatedarticleincident``, G3 page), the virtual
entity data provider and metadata (``entitydataprovider``, 2023; ``virtualentitymetadata``,
G2), the search provider (``msdyn_kmfederatedsearchconfig``, 2023) and ``msdyn_helppage`` (G2,
2024); read as well: ``stagesolutionupload`` (2021, a File column), ``msdyn_analysisresult``
(2021, checked on an excerpt), ``mspp_columnpermission`` (G3, Virtual, a multi-select choice;
no EntityType of 2021). 158 of Microsoft's 160 properties are declared with its Edm type, 43 of
its 44 single-valued navigation properties and both collections between the tables, all
partnered; what differs is the pages' or the reference's age (see the tests' docstrings).

The comparison itself missed one kind of difference: a single-valued navigation property
Microsoft's entity type does not declare at all, on no lookup property it lists
(``entitydataprovider.organizationid_organization``); it is now reported (``unexpected``)."""

from __future__ import annotations

from typing import Any

from bench.webapi_oracle import compare

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from tests.pages import resolved
from tests.test_webapi_wide import partners

PAGE = """---
title: "x_provider table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
---

# x_provider table/entity reference

A provider.

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|x_providers|
|LogicalName|x_provider|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|x_providerid|
|PrimaryNameAttribute|x_name|
|SchemaName|x_provider|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [x_name](#BKMK_x_name)
- [x_providerId](#BKMK_x_providerId)
{listed}

### <a name="BKMK_x_name"></a> x_name

|Property|Value|
|--------|-----|
|Description||
|DisplayName|Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|x_name|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|


### <a name="BKMK_x_providerId"></a> x_providerId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|Provider|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|x_providerid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
{columns}
<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related table. Listed by **SchemaName**.

{relationships}
"""

COLUMN = """

### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|--------|-----|
|Description||
|DisplayName|{schema}|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|{logical}|
|RequiredLevel|None|
{rows}
"""

SEE = """
### <a name="BKMK_{schema}"></a> {schema}

See the [{schema}]({target}.md#BKMK_{schema}) one-to-many relationship for the [{target}]({target}.md) table/entity.
"""


def _page(columns: list[tuple[str, str, str]], relationships: list[tuple[str, str]]) -> str:
    """``columns``: (SchemaName, logical name, rows after RequiredLevel);
    ``relationships``: (schema name, referenced table), each named only by its link."""
    return PAGE.format(
        listed="\n".join(f"- [{s}](#BKMK_{s})" for s, _, _ in columns),
        columns="".join(COLUMN.format(schema=s, logical=n, rows=r) for s, n, r in columns),
        relationships="".join(SEE.format(schema=s, target=t) for s, t in relationships),
    )


def _entity_type(page: str) -> EntityTypeDecl:
    table_set, warnings = resolved(("x_provider.md", page))
    assert warnings == []
    document = build_document(
        table_set, Names("Microsoft.Dynamics.CRM", "mscrm", "System"), Diagnostics()
    )
    return next(t for t in document.entity_types if t.name == "x_provider")


def _reference(properties: list[tuple[str, str]], lookups: dict[str, str | None]) -> dict[str, Any]:
    """Microsoft's EntityType file, as ``bench/webapi_oracle.py`` reads it: ``lookups`` maps a
    lookup property to its single-valued navigation property (to ``organization``), or to
    None where the reference lists only the ``_<name>_value``."""
    ns = "Microsoft.Dynamics.CRM."
    return {
        "header": {
            "entity_set_path": "[organization URI]/api/data/v9.0/x_providers",
            "base_type": ns + "crmbaseentity",
            "primary_key": "x_providerid",
        },
        "properties": {"property_items": [{"name": n, "type": t} for n, t in properties]},
        "lookup_properties": {
            "property_items": [
                {"name": name, **({"single_valued_navigation_property": [nav]} if nav else {})}
                for name, nav in lookups.items()
            ]
        },
        "single_valued_navigation_properties": {
            "property_items": [
                {"name": nav, "type": ns + "organization", "partner": f"organization_{nav}"}
                for nav in lookups.values()
                if nav
            ]
        },
    }


ORGANIZATION_KEY = ("OrganizationId", "organizationid", "|Type|Uniqueidentifier|")
GUIDS = [("x_name", "Edm.String"), ("x_providerid", "Edm.Guid"), ("organizationid", "Edm.Guid")]


def test_the_oracle_reports_a_navigation_property_microsoft_does_not_declare() -> None:
    """``entitydataprovider`` (2023 page): ``organizationid`` is a Uniqueidentifier and the page
    names ``organization_entitydataprovider`` only by its link; dvgen ties the relationship to
    that key column and declares ``organizationid_organization``, as Microsoft's ``$metadata``
    does on ``role`` (``organization_roles``' Partner), while Microsoft's ``entitydataprovider``
    declares no navigation property at all. The comparison listed it nowhere: it looked only
    at navigation properties on a lookup the reference lists; it now reports it."""
    page = _page([ORGANIZATION_KEY], [("organization_x_provider", "organization")])
    ours = _entity_type(page)
    assert partners(ours) == {"organizationid_organization": "organization_x_provider"}
    table_set, _ = resolved(("x_provider.md", page))
    result = compare(table_set, {"x_provider": _reference(GUIDS, {})})
    assert result.unexpected == ["x_provider.organizationid_organization"]
    assert result.invented == []
    assert result.extra == result.absent == []


def test_navigation_properties_on_lookups_microsoft_lists_are_not_unexpected() -> None:
    """A navigation property Microsoft declares is compared as before, and one on a lookup
    whose ``_<name>_value`` the reference lists alone stays ``invented``, not ``unexpected``."""
    lookups = [
        ("OrganizationId", "organizationid", "|Targets|organization|\n|Type|Lookup|"),
        ("ParentId", "parentid", "|Targets|organization|\n|Type|Lookup|"),
    ]
    relationships = [("organization_x_provider", "organization"), ("x_parent", "organization")]
    table_set, _ = resolved(("x_provider.md", _page(lookups, relationships)))
    reference = _reference(
        GUIDS[:2], {"_organizationid_value": "organizationid", "_parentid_value": None}
    )
    result = compare(table_set, {"x_provider": reference})
    assert result.unexpected == []
    assert result.invented == ["x_provider.parentid"]
    assert (result.single.total, result.single.present) == (1, 1)


def test_a_columns_logical_name_wins_over_its_heading() -> None:
    """``msdyn_componentlayer`` (2020 page) lists ``msdyn_endtime`` and heads its block so,
    but the block's LogicalName is ``msdyn_overwritetime``: Microsoft's entity type has
    ``msdyn_overwritetime`` (Edm.DateTimeOffset) and no ``msdyn_endtime``."""
    rows = "|DateTimeBehavior|UserLocal|\n|Format|DateAndTime|\n|Type|DateTime|"
    ours = _entity_type(_page([("msdyn_endtime", "x_overwritetime", rows)], []))
    types = {str(p.name): p.type for p in ours.properties}
    assert types["x_overwritetime"] == "Edm.DateTimeOffset"
    assert "msdyn_endtime" not in types


def test_a_lookup_of_no_targets_keeps_its_value_and_no_navigation() -> None:
    """``msdyn_federatedarticleincident`` (G3) lists ``msdyn_incidentid`` with empty Targets
    (``incident`` is a Dynamics 365 app's table) and no relationship for it: the lookup
    property ``_msdyn_incidentid_value`` Microsoft lists is there; its navigation property to
    ``incident`` no page states, so none is declared (a page-lacks difference)."""
    column = ("msdyn_incidentid", "msdyn_incidentid", "|Type|Lookup|\n|Targets||")
    ours = _entity_type(_page([column], []))
    assert "_msdyn_incidentid_value" in {str(p.name) for p in ours.properties}
    assert partners(ours) == {}
