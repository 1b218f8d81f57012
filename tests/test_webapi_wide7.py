"""A seventh round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``):
the collections of one-to-many relationships whose referencing table is outside the set, on
15 tables read alone and in small sets, so that most of their relationships lead outside:
tables of the base system (``position``, 2023 page; ``teamtemplate``, ``reportcategory``,
``savedqueryvisualization``, ``sharepointsite``, 2021), Dynamics 365's ``territory`` (2021),
a business process flow (``newprocess``), an activity (``phonecall``, 2020), tables solutions
made (``attributeimageconfig``, ``botcomponent``, ``conversationtranscript``, 2023), the custom
API and catalog tables ``customapiresponseproperty`` and ``catalogassignment`` (2023), and
``msdyn_analysisjob``, ``msdyn_solutionhealthrule`` (2021).

The fault found: ``syncerror``'s and ``actioncard``'s regarding lookup is named as an
activity's, ``regardingobjectid_<table>_syncerror``, where the relationship is one the base
system made (``Position_SyncErrors``, ``account_actioncard``), and as any other lookup,
``regardingobjectid_<table>``, where Dataverse made it with a newer table
(``attributeimageconfig_SyncErrors``, ``msdyn_approval_ActionCards``); dvgen named both
``regardingobjectid_<table>``, so that the collection's Partner was not Microsoft's."""

from __future__ import annotations

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from tests.pages import resolved
from tests.test_odata_support import render_set
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_webapi_wide import partners
from tests.test_webapi_wide4 import LOOKUP, SEE
from tests.test_webapi_wide4 import PAGE as WIDE4_PAGE

PAGE = """---
title: "{title} table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 03/07/2023
---

# {title} table/entity reference

A record of a test.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|{title}s|
|DisplayCollectionName|{title}s|
|DisplayName|{title}|
|EntitySetName|{name}s|
|IsBPFEntity|{bpf}|
|LogicalCollectionName|{name}s|
|LogicalName|{name}|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|{key}|
|PrimaryNameAttribute|name|
|SchemaName|{title}|

<a name="writable-attributes"></a>

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [Name](#BKMK_Name)
- [{title}Id](#BKMK_{title}Id)


### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|Description|The name.|
|DisplayName|Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|ApplicationRequired|
|Type|String|


### <a name="BKMK_{title}Id"></a> {title}Id

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|{title}|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|{key}|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

{relationships}
"""

ONE_TO_MANY = """
### <a name="BKMK_{schema}"></a> {schema}

Same as the [{schema}]({referencing}.md#BKMK_{schema}) many-to-one relationship for the [{referencing}]({referencing}.md) table/entity.

|Property|Value|
|--------|-----|
|ReferencingEntity|{referencing}|
|ReferencingAttribute|{column}|
|IsHierarchical|False|
|IsCustomizable|True|
|ReferencedEntityNavigationPropertyName|{collection}|
|AssociatedMenuConfiguration|Behavior: UseCollectionName<br />Group: Details<br />Label: <br />Order: |
|CascadeConfiguration|Assign: NoCascade<br />Delete: Cascade<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|
"""


def _page(
    name: str,
    title: str,
    relationships: list[tuple[str, str, str]],
    key: str = "",
    collections: dict[str, str] | None = None,
) -> tuple[str, str]:
    """A 2023 page of ``name`` (SchemaName ``title``) listing one-to-many relationships
    (schema name, referencing table, lookup), as ``position``'s lists ``Position_SyncErrors``
    (syncerror, regardingobjectid); the collection is the schema name but where
    ``collections`` names it."""
    text = PAGE.format(
        name=name,
        title=title,
        key=key or f"{name}id",
        bpf=bool(key),
        relationships="".join(
            ONE_TO_MANY.format(
                schema=s, referencing=r, column=c, collection=(collections or {}).get(s, s)
            )
            for s, r, c in relationships
        ),
    )
    return (f"{name}.md", text)


def _types(*pages: tuple[str, str]) -> dict[str, EntityTypeDecl]:
    table_set, warnings = resolved(*pages)
    assert warnings == []
    names = Names("Microsoft.Dynamics.CRM", "mscrm", "System")
    document = build_document(table_set, names, Diagnostics())
    return {str(t.name): t for t in document.entity_types}


SYSTEM = [
    ("position_ProcessSession", "processsession", "regardingobjectid"),
    ("Position_SyncErrors", "syncerror", "regardingobjectid"),
    ("position_principalobjectattributeaccess", "principalobjectattributeaccess", "objectid"),
]
"""``position``'s relationships (2023 page), the base system's: Microsoft's ``$metadata`` has
``regardingobjectid_position``, ``regardingobjectid_position_syncerror`` and
``objectid_position``."""


def test_a_system_tables_sync_errors_are_named_as_an_activitys() -> None:
    """``Position_SyncErrors`` (partner ``regardingobjectid_position_syncerror``), as
    ``TeamTemplate_SyncErrors``, ``ReportCategory_SyncErrors``,
    ``SavedQueryVisualization_SyncErrors``, ``SharePointSite_SyncErrors``,
    ``Territory_SyncErrors``, ``PhoneCall_SyncErrors`` in Microsoft's EntityTypes and the
    corpus's 18 (``Account_SyncErrors``); dvgen gave ``regardingobjectid_position``, which
    Microsoft's ``syncerror`` does not declare. Its other relationships keep the plain name."""
    types = _types(_page("position", "Position", SYSTEM))
    assert partners(types["position"]) == {
        "position_ProcessSession": "regardingobjectid_position",
        "Position_SyncErrors": "regardingobjectid_position_syncerror",
        "position_principalobjectattributeaccess": "objectid_position",
    }
    assert partners(types["syncerror"]) == {
        "regardingobjectid_position_syncerror": "Position_SyncErrors"
    }


@pytest.mark.parametrize(
    ("name", "title"),
    [("attributeimageconfig", "AttributeImageConfig"), ("msdyn_analysisjob", "msdyn_analysisjob")],
)
def test_a_newer_tables_sync_errors_keep_the_lookups_name(name: str, title: str) -> None:
    """A table made since, whose relationship Dataverse named ``<logical name>_SyncErrors``:
    ``attributeimageconfig_SyncErrors`` has ``regardingobjectid_attributeimageconfig``, as
    ``botcomponent``'s, ``conversationtranscript``'s, ``catalogassignment``'s,
    ``customapiresponseproperty``'s, ``msdyn_analysisjob``'s and
    ``msdyn_solutionhealthrule``'s, and the corpus's eight (``catalog_SyncErrors``)."""
    relationships = [(f"{name}_SyncErrors", "syncerror", "regardingobjectid")]
    types = _types(_page(name, title, relationships))
    assert partners(types[name]) == {f"{name}_SyncErrors": f"regardingobjectid_{name}"}


def test_a_business_process_flows_sync_errors_take_its_schema_name() -> None:
    """``newprocess``'s ``NewProcess_SyncErrors``: ``regardingobjectid_NewProcess_syncerror``,
    the flow's SchemaName, as Microsoft's ``syncerror`` names ``ExpiredProcess``,
    ``TranslationProcess``, ``PhoneToCaseProcess`` and the two sales flows so."""
    relationships = [("NewProcess_SyncErrors", "syncerror", "regardingobjectid")]
    page = _page("newprocess", "NewProcess", relationships, key="businessprocessflowinstanceid")
    types = _types(page)
    assert partners(types["newprocess"]) == {
        "NewProcess_SyncErrors": "regardingobjectid_NewProcess_syncerror"
    }


def test_action_cards_are_named_as_sync_errors_are() -> None:
    """``phonecall_actioncard`` (``phonecall``'s 2020 page) has
    ``regardingobjectid_phonecall_actioncard``, as the corpus's seven (``account_actioncard``)
    and Microsoft's ``actioncard`` for ``Lead_actioncard``; a relationship Dataverse made with
    a newer table, ``<logical name>_ActionCards``, the lookup's name
    (``regardingobjectid_msdyn_approval`` for ``msdyn_approval_ActionCards``)."""
    old = [("x_call_actioncard", "actioncard", "regardingobjectid")]
    new = [("x_approval_ActionCards", "actioncard", "regardingobjectid")]
    types = _types(_page("x_call", "x_Call", old), _page("x_approval", "x_Approval", new))
    assert partners(types["actioncard"]) == {
        "regardingobjectid_x_call_actioncard": "x_call_actioncard",
        "regardingobjectid_x_approval": "x_approval_ActionCards",
    }


SITE = [
    ("SharePointSite_AsyncOperations", "asyncoperation", "regardingobjectid"),
    ("SharePointSite_DuplicateBaseRecord", "duplicaterecord", "baserecordid"),
    ("SharePointSite_DuplicateMatchingRecord", "duplicaterecord", "duplicaterecordid"),
    ("sharepointsite_connections1", "connection", "record1id"),
    ("sharepointsite_BulkDeleteFailures", "bulkdeletefailure", "regardingobjectid"),
]
"""Relationships of ``sharepointsite`` (2021 page; the last two as ``position``'s and
``catalogassignment``'s name them) to Dataverse's tables whose lookup holds a row of any
table."""


def test_a_lookup_of_any_table_is_named_per_table_when_the_set_holds_one() -> None:
    """The set holds one table each of these lookups refers to, yet each refers to many:
    Microsoft's ``$metadata`` has ``regardingobjectid_sharepointsite``,
    ``baserecordid_sharepointsite``, ``duplicaterecordid_sharepointsite``,
    ``record1id_sharepointsite``... as on all 15 tables read alone; dvgen gave the lookup's
    name (and none for ``duplicaterecordid``, the placeholder's key by dvgen's guess)."""
    types = _types(_page("sharepointsite", "SharePointSite", SITE))
    assert partners(types["sharepointsite"]) == {
        "SharePointSite_AsyncOperations": "regardingobjectid_sharepointsite",
        "SharePointSite_DuplicateBaseRecord": "baserecordid_sharepointsite",
        "SharePointSite_DuplicateMatchingRecord": "duplicaterecordid_sharepointsite",
        "sharepointsite_connections1": "record1id_sharepointsite",
        "sharepointsite_BulkDeleteFailures": "regardingobjectid_sharepointsite",
    }


def test_a_duplicate_record_is_keyed_by_duplicateid() -> None:
    """``duplicaterecord``'s key is ``duplicateid`` (Microsoft's EntityType), its
    ``duplicaterecordid`` the lookup to the matching record, constrained by
    ``_duplicaterecordid_value`` as ``baserecordid`` by ``_baserecordid_value``; dvgen keyed
    the placeholder by ``duplicaterecordid``, the lookup's name."""
    duplicate = _types(_page("sharepointsite", "SharePointSite", SITE))["duplicaterecord"]
    assert duplicate.key == "duplicateid"
    constraints = {str(nav.name): nav.constraint for nav in duplicate.navigations}
    assert constraints == {
        "baserecordid_sharepointsite": ("_baserecordid_value", "sharepointsiteid"),
        "duplicaterecordid_sharepointsite": ("_duplicaterecordid_value", "sharepointsiteid"),
    }


def test_a_flows_process_logs_are_named_by_its_schema_name_outside_the_set() -> None:
    """``newprocess``'s page names ``lk_newprocess_workflowlogs`` (lookup
    ``asyncoperationid``, collection ``workflowlogs_newprocess``): Microsoft's ``workflowlog``
    EntityType has ``NewProcess_asyncoperationid``, as when the log is of the set; dvgen gave
    ``asyncoperationid``."""
    flow = [
        ("lk_newprocess_workflowlogs", "workflowlog", "asyncoperationid"),
        ("NewProcess_ProcessSessions", "processsession", "regardingobjectid"),
    ]
    logs = {"lk_newprocess_workflowlogs": "workflowlogs_newprocess"}
    key = "businessprocessflowinstanceid"
    types = _types(_page("newprocess", "NewProcess", flow, key=key, collections=logs))
    assert partners(types["newprocess"]) == {
        "workflowlogs_newprocess": "NewProcess_asyncoperationid",
        "NewProcess_ProcessSessions": "regardingobjectid_newprocess",
    }


@needs_xsd
def test_the_placeholders_are_valid_csdl() -> None:
    """The document of ``sharepointsite`` and ``position`` read together, with their
    placeholders (``duplicaterecord``, ``syncerror``...), is valid against OASIS's schema."""
    table_set, warnings = resolved(
        _page("sharepointsite", "SharePointSite", SITE), _page("position", "Position", SYSTEM)
    )
    assert warnings == []
    rendered = render_set(table_set)
    assert xsd_errors(rendered.text.encode("utf-8")) == []
    assert 'Partner="regardingobjectid_position_syncerror"' in rendered.text


def test_a_sync_error_page_of_the_set_names_them_so_too() -> None:
    """A ``syncerror`` page that lists its many-to-one relationships by a link only (the
    2017-2021 layouts) leaves the names to dvgen, which gives them as above:
    ``regardingobjectid_position_syncerror`` for ``Position_SyncErrors`` and
    ``regardingobjectid_attributeimageconfig`` for ``attributeimageconfig_SyncErrors``."""
    regarding = ("RegardingObjectId", "regardingobjectid", "attributeimageconfig, position")
    text = WIDE4_PAGE.format(
        name="syncerror",
        title="SyncError",
        added="System",
        lookups=f"- [{regarding[0]}](#BKMK_{regarding[0]})\n",
        columns=LOOKUP.format(schema=regarding[0], logical=regarding[1], target=regarding[2]),
        relationships=SEE.format(schema="Position_SyncErrors", target="position")
        + SEE.format(schema="attributeimageconfig_SyncErrors", target="attributeimageconfig"),
    )
    types = _types(("syncerror.md", text))
    assert partners(types["syncerror"]) == {
        "regardingobjectid_attributeimageconfig": "attributeimageconfig_SyncErrors",
        "regardingobjectid_position_syncerror": "Position_SyncErrors",
    }
