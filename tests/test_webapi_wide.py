"""Faults the comparison with Microsoft's own Web API EntityTypes found on pages outside the
corpus (``bench/webapi_compare.py``), each on a minimal page written here."""

from __future__ import annotations

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from tests.pages import resolved

PAGE = """---
title: "x_widget table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
---

# x_widget table/entity reference

A widget.
{added}

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|x_widgets|
|LogicalName|x_widget|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|x_widgetid|
|SchemaName|x_widget|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [x_widgetId](#BKMK_x_widgetId)
- [ParentWidgetId](#BKMK_ParentWidgetId)


### <a name="BKMK_x_widgetId"></a> x_widgetId

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|x_widgetid|
|Type|Uniqueidentifier|


### <a name="BKMK_ParentWidgetId"></a> ParentWidgetId
{column_added}
|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|parentwidgetid|
|Targets|x_widget|
|Type|Lookup|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [CreatedBy](#BKMK_CreatedBy)
- [OrganizationId](#BKMK_OrganizationId)


### <a name="BKMK_OrganizationId"></a> OrganizationId

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|organizationid|
|Targets|organization|
|Type|Lookup|


### <a name="BKMK_CreatedBy"></a> CreatedBy

**Added by**: Active Solution Solution

|Property|Value|
|--------|-----|
|IsValidForRead|True|
|LogicalName|createdby|
|Targets|systemuser|
|Type|Lookup|

<a name="manytoone"></a>

## Many-To-One Relationships

- [lk_x_widget_createdby](#BKMK_lk_x_widget_createdby)
- [x_widget_parent_x_widget](#BKMK_x_widget_parent_x_widget)
- [organization_x_widget](#BKMK_organization_x_widget)


### <a name="BKMK_lk_x_widget_createdby"></a> lk_x_widget_createdby

**Added by**: System Solution Solution

See the [lk_x_widget_createdby](systemuser.md#BKMK_lk_x_widget_createdby) one-to-many relationship for the [systemuser](systemuser.md) table/entity.

### <a name="BKMK_x_widget_parent_x_widget"></a> x_widget_parent_x_widget

**Added by**: System Solution Solution

See the [x_widget_parent_x_widget](x_widget.md#BKMK_x_widget_parent_x_widget) one-to-many relationship for the [x_widget](x_widget.md) table/entity.

### <a name="BKMK_organization_x_widget"></a> organization_x_widget

See the [organization_x_widget](organization.md#BKMK_organization_x_widget) one-to-many relationship for the [organization](organization.md) table/entity.
"""


def entity_type(name: str, page: str) -> EntityTypeDecl:
    """The entity type of the table ``name`` that ``page`` alone describes, read without a
    warning."""
    table_set, warnings = resolved((f"{name}.md", page))
    assert warnings == []
    names = Names("Microsoft.Dynamics.CRM", "mscrm", "System")
    document = build_document(table_set, names, Diagnostics())
    (found,) = (t for t in document.entity_types if t.name == name)
    return found


def partners(entity: EntityTypeDecl) -> dict[str, str | None]:
    """The entity type's navigation properties, by name, with their Partner."""
    return {str(nav.name): nav.partner for nav in entity.navigations}


def _navigations(added: str, column_added: str = "", page: str = PAGE) -> dict[str, str | None]:
    """The widget's navigation properties, by name, with their Partner."""
    return partners(entity_type("x_widget", page.format(added=added, column_added=column_added)))


@pytest.mark.parametrize(
    "column_added", ["", "\n**Added by**: Gadget Solution Solution\n"], ids=["table's", "other"]
)
def test_a_solutions_own_lookup_is_named_by_its_schema_name(column_added: str) -> None:
    """A table a solution added (``appnotification``, ``catalogassignment``,
    ``botcomponent``, ``customapiresponseproperty``): its own lookups' single-valued navigation
    properties are ``AppModuleId``, ``CatalogId``, ``ParentBotComponentId``, ``CustomAPIId`` in
    Microsoft's ``$metadata``, the SchemaName, as for any lookup created through the metadata
    API, whatever the relationship's **Added by** (``appmodule_appnotification_app`` says
    System Solution), or the lookup's, when another solution than the table's added it
    (``conversationtranscript.bot_conversationtranscriptId``); the lookups Dataverse creates
    with every table keep the logical name (``createdby``, which says Active Solution, and
    ``organizationid``, which says nothing)."""
    found = _navigations("\n**Added by**: Widget Framework Solution\n", column_added)
    assert found["ParentWidgetId"] == "x_widget_parent_x_widget"
    assert found["x_widget_parent_x_widget"] == "ParentWidgetId"
    assert {"createdby", "organizationid"} <= set(found)
    assert "parentwidgetid" not in found


def test_a_table_of_the_base_system_names_it_by_the_logical_name() -> None:
    """Without the page's table-level **Added by** (``account``: ``parentaccountid``)."""
    found = _navigations("")
    assert found["parentwidgetid"] == "x_widget_parent_x_widget"
    assert found["x_widget_parent_x_widget"] == "parentwidgetid"


def test_a_business_owned_tables_business_unit_is_the_platforms() -> None:
    """A business-owned table's owning business unit is Dataverse's ``businessunitid``
    (``applicationuser``, added by ApplicationUserSolution: ``businessunitid``, partner
    ``business_unit_applicationuser``), whatever solution added the table."""
    page = (
        PAGE.replace("OrganizationOwned", "BusinessOwned")
        .replace("OrganizationId", "BusinessUnitId")
        .replace("organizationid", "businessunitid")
        .replace("|Targets|organization|", "|Targets|businessunit|")
        .replace("organization_x_widget", "business_unit_x_widget")
        .replace("(organization.md", "(businessunit.md")
        .replace("[organization]", "[businessunit]")
    )
    found = _navigations("\n**Added by**: Widget Framework Solution\n", page=page)
    assert found["businessunitid"] == "business_unit_x_widget"
    assert "ParentWidgetId" in found


@pytest.mark.parametrize(
    ("added", "partner"),
    [("\n**Added by**: Widget Framework Solution\n", "owner_x_widget"), ("", None)],
    ids=["solution's", "base system's"],
)
def test_the_owner_relationship_of_a_solutions_table(added: str, partner: str | None) -> None:
    """No page names the owner relationship; Microsoft's ``$metadata`` has ``owner_<table>``
    for every table a solution added (``owner_appnotification``, ``owner_botcomponent``,
    ``owner_environmentvariabledefinition``), and no rule for the base system's
    (``owner_accounts``, ``owner_activitypointers``): Partner there, none here."""
    page = PAGE.replace("OrganizationOwned", "UserOwned").replace(
        "|Targets|organization|\n|Type|Lookup|", "|Targets|systemuser,team|\n|Type|Owner|"
    )
    page = page.replace("OrganizationId", "OwnerId").replace("organizationid", "ownerid")
    page = page[: page.index('### <a name="BKMK_organization_x_widget')]
    page = page.replace("- [organization_x_widget](#BKMK_organization_x_widget)\n", "")
    widget = entity_type("x_widget", page.format(added=added, column_added=""))
    (owner,) = (nav for nav in widget.navigations if nav.name == "ownerid")
    assert owner.type == "mscrm.principal"
    assert owner.partner == partner


def test_a_dynamics_365_apps_table_names_it_by_the_logical_name() -> None:
    """A table of a Dynamics 365 app (its page's title names the product) keeps the logical
    name where its page states none: Field Service's ``msdyn_workorder`` has
    ``msdyn_serviceaccount``, ``msdyn_billingaccount`` and 21 more so in Microsoft's
    ``$metadata``, against three by SchemaName, though Field Service added the table."""
    page = PAGE.replace("(Microsoft Dataverse)", "(Microsoft Dynamics 365 Field Service)")
    found = _navigations("\n**Added by**: Field Service Solution\n", page=page)
    assert found["parentwidgetid"] == "x_widget_parent_x_widget"
    assert "ParentWidgetId" not in found


NAME_COLUMN = """
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|--------|-----|
|Description||
|DisplayName||
|FormatName|Text|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|parentwidgetidname|
|MaxLength|100|
|Type|String|

"""


@pytest.mark.parametrize(
    ("schema", "expected"),
    [("parentwidgetidName", "parentwidgetid"), ("ParentWidgetIdName", "ParentWidgetId")],
    ids=["recased since", "as made"],
)
def test_a_solutions_lookup_is_named_as_its_name_column_spells_it(
    schema: str, expected: str
) -> None:
    """A solution's lookup whose display-name column (``<SchemaName>Name``) spells it in other
    case than its SchemaName is named as that column spells it: Power Apps Checker's
    ``msdyn_solutionhealthrule`` lists ``msdyn_ResolutionAction`` beside
    ``msdyn_resolutionactionName``, and Microsoft's ``$metadata`` has ``msdyn_resolutionaction``
    (but ``msdyn_Workflow`` beside ``msdyn_WorkflowName``, ``CatalogId`` beside
    ``CatalogIdName``)."""
    page = PAGE.replace(
        "- [OrganizationId](#BKMK_OrganizationId)\n",
        f"- [OrganizationId](#BKMK_OrganizationId)\n- [{schema}](#BKMK_{schema})\n",
    ).replace(
        '\n### <a name="BKMK_OrganizationId">',
        NAME_COLUMN.replace("{schema}", schema) + '### <a name="BKMK_OrganizationId">',
    )
    found = _navigations("\n**Added by**: Widget Framework Solution\n", page=page)
    assert found[expected] == "x_widget_parent_x_widget"
    (other,) = {"parentwidgetid", "ParentWidgetId"} - {expected}
    assert other not in found


def test_a_dynamics_365_solution_on_a_dataverse_page_is_a_solutions_table() -> None:
    """Only the page's title tells a Dynamics 365 app's page: a Dataverse page whose table-level
    **Added by** names a Dynamics 365 solution is a solution's table like any other, its lookup
    named by its SchemaName: ``msfp_question`` (2023, Dynamics 365 Customer Voice Solution) has
    ``msfp_Survey`` in Microsoft's ``$metadata``, as ``msfp_questionresponse`` has
    ``msfp_questionid`` for the SchemaName its page spells so."""
    found = _navigations("\n**Added by**: Dynamics 365 Customer Voice Solution\n")
    assert found["ParentWidgetId"] == "x_widget_parent_x_widget"
    assert "parentwidgetid" not in found
