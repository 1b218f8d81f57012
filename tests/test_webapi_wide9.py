"""A ninth round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``),
comparing also each property's read-only flag (the EntityType's ``isreadonly``, its
``$metadata``'s Core.Permissions Read), the ``_<name>_value`` properties with the navigation
properties each one backs, the bind keys (``<name>@odata.bind``) of the JSON Schema and
pydantic models, keys and alternate keys: 12 tables of Power Automate and processes
(``processtrigger``, ``processstage``, ``workflowbinary``), security (``role``,
``privilege``, ``roletemplate``) and solution components (``systemform``,
``customcontrol``, ``pluginassembly``, ``sdkmessageprocessingstepimage``,
``serviceendpoint``, ``appmodule``) from MicrosoftDocs/powerapps-docs, pages of 2021-2025,
each read alone and together. (No Power Pages table, ``adx_*`` or ``mspp_*``, has an
EntityType in Microsoft's files.)

The faults found:

- ``role``'s page prints ``OrganizationId`` as a Uniqueidentifier, tied to ``organization``
  by ``organization_roles``, beside ``OrganizationIdName``, a String it leaves blank (no
  description, no display name, not valid for forms), which Dataverse keeps as the
  reference's display name; dvgen declared it as a property of its own, where Microsoft's
  EntityType has ``organizationid`` and no ``organizationidname`` (as ``usersettings`` has
  ``businessunitid`` and no ``businessunitidname``, which the corpus comparison listed as a
  known difference). SQL keeps the column, nullable as any lookup's name.
- ``processstage``'s relationships to tables the platform made (``processstage_account``,
  ``processstage_appointments``...) tie their ``stageid``, a Uniqueidentifier: Microsoft's
  Partner is ``stageid_processstage`` (26 of 26), dvgen's was ``stageid`` on a
  ``_stageid_value`` (right for a solution's table, 15 of 15: ``processstage_msdyn_workorder``).
- A many-to-many relationship whose other side no page of the set names
  (``appmodule``'s ``serviceplan_appmodule``, its side ``serviceplan_appmodule_association``)
  had that side named by the schema name, where Microsoft's ``serviceplan`` has the same name
  as ``appmodule``'s."""

from __future__ import annotations

from typing import Any

import pytest
from bench.webapi_oracle import compare

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from dvgen.targets.sql.plan import plan_table
from dvgen.webapi.properties import api_properties
from tests.pages import resolved
from tests.test_odata_support import render_set
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_webapi_wide import partners

ROLE = """---
title: "Security Role (Role)  table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
ms.topic: "reference"
---

# Security Role (Role)  table/entity reference

Grouping of security privileges.

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|roles|
|LogicalName|role|
|OwnershipType|BusinessOwned|
|PrimaryIdAttribute|roleid|
|PrimaryNameAttribute|name|
|SchemaName|Role|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [Name](#BKMK_Name)
- [RoleId](#BKMK_RoleId)


### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|Description|Name of the role.|
|DisplayName|Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|SystemRequired|
|Type|String|


### <a name="BKMK_RoleId"></a> RoleId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the role.|
|DisplayName|Role|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|roleid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [ModifiedBy](#BKMK_ModifiedBy)
- [OrganizationId](#BKMK_OrganizationId)
- [OrganizationIdName](#BKMK_OrganizationIdName)


### <a name="BKMK_ModifiedBy"></a> ModifiedBy

|Property|Value|
|--------|-----|
|Description|Unique identifier of the user who last modified the role.|
|DisplayName|Modified By|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|modifiedby|
|RequiredLevel|None|
|Targets|systemuser|
|Type|Lookup|


### <a name="BKMK_OrganizationId"></a> OrganizationId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the organization associated with the role.|
|DisplayName|Organization|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|organizationid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_OrganizationIdName"></a> OrganizationIdName

|Property|Value|
|--------|-----|
|Description|{description}|
|DisplayName||
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|organizationidname|
|MaxLength|100|
|RequiredLevel|SystemRequired|
|Type|String|

<a name="manytoone"></a>

## Many-To-One Relationships

- [lk_rolebase_modifiedby](#BKMK_lk_rolebase_modifiedby)
- [organization_roles](#BKMK_organization_roles)


### <a name="BKMK_lk_rolebase_modifiedby"></a> lk_rolebase_modifiedby

See the [lk_rolebase_modifiedby](systemuser.md#BKMK_lk_rolebase_modifiedby) one-to-many relationship for the [systemuser](systemuser.md) table/entity.

### <a name="BKMK_organization_roles"></a> organization_roles

See the [organization_roles](organization.md#BKMK_organization_roles) one-to-many relationship for the [organization](organization.md) table/entity.
"""
"""``role``'s 2023 page (powerapps-docs, commit 09770ae5), cut to its key columns, a lookup and
two of its many-to-one relationships."""

NAMES = Names("Microsoft.Dynamics.CRM", "mscrm", "System")


def _role(description: str = "") -> tuple[str, str]:
    return ("role.md", ROLE.replace("{description}", description))


def _type(page: tuple[str, str]) -> EntityTypeDecl:
    table_set, warnings = resolved(page)
    assert warnings == []
    document = build_document(table_set, NAMES, Diagnostics())
    return {str(t.name): t for t in document.entity_types}["role"]


def test_the_blank_name_of_a_guid_reference_is_no_property() -> None:
    """Microsoft's ``role`` EntityType (dynamics-ce-odata-9, 2021) has ``organizationid``
    (Edm.Guid, read-only) and ``organizationid_organization`` partnered with
    ``organization_roles``, and no ``organizationidname``; dvgen declared it."""
    entity = _type(_role())
    declared = {str(p.name): p for p in entity.properties}
    assert "organizationidname" not in declared
    assert declared["organizationid"].type == "Edm.Guid"
    assert declared["organizationid"].computed
    assert partners(entity)["organizationid_organization"] == "organization_roles"
    assert partners(entity)["modifiedby"] == "lk_rolebase_modifiedby"


def test_the_json_schema_and_models_leave_it_out_and_sql_keeps_it_nullable() -> None:
    """Every Web API target shares the property list; SQL stores the column, nullable as any
    lookup's name (Dataverse fills it from the reference)."""
    table_set, _ = resolved(_role())
    role = table_set.get("role")
    assert role is not None
    assert "organizationidname" not in {p.name for p in api_properties(role)}
    column = next(
        c for c in plan_table(role, Diagnostics()).columns if c.logical_name == "organizationidname"
    )
    assert not column.not_null


def test_a_described_name_column_stays_a_property() -> None:
    """A String the page describes is a column of its own, whatever its name
    (``socialactivity.postedbyname``, ``solution.publisheridoptionvalueprefix``)."""
    entity = _type(_role("Name of the organization, kept for reports."))
    assert "organizationidname" in {str(p.name) for p in entity.properties}


def _reference(isreadonly: bool) -> dict[str, dict[str, Any]]:
    ns = "Microsoft.Dynamics.CRM."
    return {
        "role": {
            "header": {
                "entity_set_path": "[organization URI]/api/data/v9.0/roles",
                "base_type": ns + "crmbaseentity",
                "primary_key": "roleid",
            },
            "properties": {
                "property_items": [
                    {"name": "name", "type": "Edm.String", "isreadonly": False},
                    {"name": "organizationid", "type": "Edm.Guid", "isreadonly": isreadonly},
                    {"name": "roleid", "type": "Edm.Guid", "isreadonly": False},
                ]
            },
            "lookup_properties": {
                "property_items": [
                    {
                        "name": "_modifiedby_value",
                        "single_valued_navigation_property": ["modifiedby"],
                    }
                ]
            },
            "single_valued_navigation_properties": {
                "property_items": [
                    {
                        "name": "organizationid_organization",
                        "type": ns + "organization",
                        "partner": "organization_roles",
                    },
                    {
                        "name": "modifiedby",
                        "type": ns + "systemuser",
                        "partner": "lk_rolebase_modifiedby",
                    },
                ]
            },
        }
    }


@pytest.mark.parametrize("isreadonly", [True, False])
def test_the_comparison_reads_microsofts_read_only_flags(isreadonly: bool) -> None:
    """``bench.webapi_oracle.compare`` counts each property whose ``isreadonly`` Microsoft
    states, and lists the ones whose flag differs from ours (Core.Computed and
    Core.Permissions Read on a column valid neither for create nor for update)."""
    table_set, _ = resolved(_role())
    result = compare(table_set, _reference(isreadonly))
    assert (result.flagged.total, result.flagged.present) == (3, 3)
    assert result.flagged.partnered == (3 if isreadonly else 2)
    expected = {} if isreadonly else {"role.organizationid": "ours True, Microsoft's False"}
    assert result.read_only == expected
    assert result.extra == []
    assert (result.lookups.present, result.lookups.partnered) == (1, 1)
    assert (result.binds.total, result.binds.present, result.binds.partnered) == (1, 1, 0)
    assert result.alternate_keys == {}
    assert result.unbound == {}


def _stage_block(schema: str, table: str) -> str:
    return f"""
### <a name="BKMK_{schema}"></a> {schema}

Many-To-One Relationship: [{table} {schema}]({table}.md#BKMK_{schema})

|Property|Value|
|---|---|
|ReferencingEntity|`{table}`|
|ReferencingAttribute|`stageid`|
|ReferencedEntityNavigationPropertyName|`{schema}`|
|IsCustomizable|`False`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `DoNotDisplay`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: <br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|
"""


STAGES = {
    "processstage_account": "account",
    "processstage_appointments": "appointment",
    "processstage_msdyn_workorder": "msdyn_workorder",
    "processstage_BookableResourceBooking": "bookableresourcebooking",
}
"""Relationships ``processstage``'s pages list (the first two on powerapps-docs' page, commit
0658c019, the third on Dynamics 365's, the fourth as ``bookableresourcebooking``'s 2024 page
states it), in the pages' shape."""

PROCESS_STAGE = (
    """---
title: "Process Stage (ProcessStage) table/entity reference (Microsoft Dataverse)"
ms.topic: reference
---

# Process Stage (ProcessStage) table/entity reference (Microsoft Dataverse)

Stage associated with a process.

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `ProcessStage` |
| **EntitySetName** | `processstages`|
| **LogicalName** | `processstage` |
| **PrimaryIdAttribute** | `processstageid` |
| **PrimaryNameAttribute** |`stagename` |
| **TableType** | `Standard` |
| **OwnershipType** | `None` |

## Writable columns/attributes

- [ProcessStageId](#BKMK_ProcessStageId)
- [StageName](#BKMK_StageName)

### <a name="BKMK_ProcessStageId"></a> ProcessStageId

|Property|Value|
|---|---|
|Description|**Shows the ID of the process stage record.**|
|DisplayName|**Process Stage**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`processstageid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_StageName"></a> StageName

|Property|Value|
|---|---|
|Description|**Type a name for the process stage.**|
|DisplayName|**Process Stage Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`stagename`|
|RequiredLevel|SystemRequired|
|Type|String|
|MaxLength|100|

## One-to-Many relationships

"""
    + "".join(f"- [{schema}](#BKMK_{schema})\n" for schema in STAGES)
    + "".join(_stage_block(schema, table) for schema, table in STAGES.items())
)


def _stage_types() -> dict[str, EntityTypeDecl]:
    table_set, warnings = resolved(("processstage.md", PROCESS_STAGE))
    assert warnings == []
    document = build_document(table_set, NAMES, Diagnostics())
    return {str(t.name): t for t in document.entity_types}


def test_a_base_tables_stage_is_a_guid_named_after_processstage() -> None:
    """Microsoft's ``processstage`` EntityType partners ``processstage_account`` and 25 more
    collections to tables the platform made with ``stageid_processstage`` (their ``stageid``
    is a Uniqueidentifier, as ``account``'s and ``appointment``'s EntityTypes have it: the
    property ``stageid``, no ``_stageid_value``), and the 15 to tables a solution made with
    ``stageid`` (a lookup); dvgen partnered every one with ``stageid``."""
    types = _stage_types()
    assert {k: v for k, v in partners(types["processstage"]).items() if k in STAGES} == {
        "processstage_account": "stageid_processstage",
        "processstage_appointments": "stageid_processstage",
        "processstage_msdyn_workorder": "stageid",
        "processstage_BookableResourceBooking": "stageid",
    }
    for table in ("account", "appointment"):
        declared = {str(p.name) for p in types[table].properties}
        assert "stageid" in declared and "_stageid_value" not in declared
        (nav,) = types[table].navigations
        assert nav.constraint == ("stageid", "processstageid")
    declared = {str(p.name) for p in types["msdyn_workorder"].properties}
    assert "_stageid_value" in declared


@needs_xsd
def test_the_stage_placeholders_are_valid_csdl() -> None:
    table_set, _ = resolved(("processstage.md", PROCESS_STAGE))
    rendered = render_set(table_set)
    assert xsd_errors(rendered.text.encode("utf-8")) == []
    assert 'NavigationProperty Name="stageid_processstage"' in rendered.text


APP_MODULE = """---
title: "Model-driven App (AppModule) table/entity reference (Microsoft Dataverse)"
ms.date: 11/09/2024
ms.service: powerapps
ms.topic: reference
---

# Model-driven App (AppModule) table/entity reference

A role-based, modular business app that provides task-based functionality for a particular area of work.

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `AppModule` |
| **EntitySetName** | `appmodules`|
| **LogicalName** | `appmodule` |
| **PrimaryIdAttribute** | `appmoduleid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

- [AppModuleId](#BKMK_AppModuleId)
- [Name](#BKMK_Name)

### <a name="BKMK_AppModuleId"></a> AppModuleId

|Property|Value|
|---|---|
|Description|**Unique identifier for entity instances**|
|DisplayName|**AppModuleId**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`appmoduleid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Name"></a> Name

|Property|Value|
|---|---|
|Description|**Name of App Module**|
|DisplayName|**Name**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`name`|
|RequiredLevel|SystemRequired|
|Type|String|
|MaxLength|100|

## Many-to-Many relationships

These relationships are many-to-many. Listed by **SchemaName**.

- [appmoduleroles_association](#BKMK_appmoduleroles_association)
- [serviceplan_appmodule](#BKMK_serviceplan_appmodule)

### <a name="BKMK_appmoduleroles_association"></a> appmoduleroles_association

See [role appmoduleroles_association Many-To-Many Relationship](role.md#BKMK_appmoduleroles_association)

|Property|Value|
|---|---|
|IntersectEntityName|`appmoduleroles`|
|IsCustomizable|False|
|SchemaName|`appmoduleroles_association`|
|IntersectAttribute|`appmoduleid`|
|NavigationPropertyName|`appmoduleroles_association`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `DoNotDisplay`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: <br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|

### <a name="BKMK_serviceplan_appmodule"></a> serviceplan_appmodule

See [serviceplan serviceplan_appmodule Many-To-Many Relationship](serviceplan.md#BKMK_serviceplan_appmodule)

|Property|Value|
|---|---|
|IntersectEntityName|`serviceplanappmodules`|
|IsCustomizable|False|
|SchemaName|`serviceplan_appmodule`|
|IntersectAttribute|`appmoduleid`|
|NavigationPropertyName|`serviceplan_appmodule_association`|
|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `DoNotDisplay`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: <br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`|
"""
"""``appmodule``'s 2024 page (powerapps-docs, commit 03cac834), cut to its key, name and
many-to-many relationships."""


def test_the_other_side_of_a_many_to_many_takes_the_name_the_page_gives() -> None:
    """The page names its own side of ``serviceplan_appmodule``
    ``serviceplan_appmodule_association``; Microsoft's ``appmodule`` EntityType partners it
    with ``serviceplan``'s ``serviceplan_appmodule_association``, as Microsoft's files name both
    sides of each many-to-many relationship between two tables alike
    (``appmoduleroles_association``, ``roleprivileges_association``...); dvgen named the
    other side by the schema name, ``serviceplan_appmodule``."""
    table_set, warnings = resolved(("appmodule.md", APP_MODULE))
    assert warnings == []
    document = build_document(table_set, NAMES, Diagnostics())
    types = {str(t.name): t for t in document.entity_types}
    assert partners(types["appmodule"]) == {
        "appmoduleroles_association": "appmoduleroles_association",
        "serviceplan_appmodule_association": "serviceplan_appmodule_association",
    }
    assert partners(types["serviceplan"]) == {
        "serviceplan_appmodule_association": "serviceplan_appmodule_association"
    }
