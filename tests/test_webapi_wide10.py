"""A tenth round against Microsoft's own Web API EntityTypes (``bench/webapi_compare.py``):
12 tables of email and communication (``template``, ``mailmergetemplate``, ``tracelog``),
organization-level settings and configuration (``sitemap``, ``displaystring``,
``calendar``, ``businessunitnewsarticle``, ``callbackregistration``) and integration
(``datalakeworkspace``, and the data-import maps ``ownermapping``, ``lookupmapping``,
``transformationparametermapping``) from MicrosoftDocs/powerapps-docs, pages of 2021-2024,
each read alone and together, comparing Edm types, read-only flags, ``_<name>_value``
properties, navigation properties and their Partners, bind keys, keys and alternate keys.

The fault found:

- ``ownermapping``'s 2023 page prints ``TargetSystemUserId`` ("Target System User") with
  Targets ``businessunit`` and lists the many-to-one relationship ``OwnerMapping_SystemUser``
  (from ``systemuser``) by a link only. No rule tied that relationship to a lookup (none of
  the table's lookups to ``systemuser`` was left, and ``targetsystemuserid`` had no
  relationship to ``businessunit``): dvgen declared ``_targetsystemuserid_value`` with no
  navigation property, no bind key, and ``OwnerMapping_SystemUser`` on ``systemuser``
  without a Partner, where Microsoft's ``ownermapping`` EntityType has ``targetsystemuserid``
  of type ``systemuser``, partnered with ``OwnerMapping_SystemUser``. The one relationship of
  a table no rule decides and its one lookup no relationship claims now belong together,
  whatever that lookup's printed Targets."""

from __future__ import annotations

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from dvgen.webapi.navs import expandable
from dvgen.webapi.properties import api_properties
from tests.pages import resolved
from tests.test_odata_support import render_set
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_webapi_wide import partners

NAMES = Names("Microsoft.Dynamics.CRM", "mscrm", "System")


def _lookup(schema: str, logical: str, targets: str, description: str) -> str:
    return f"""
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|--------|-----|
|Description|{description}|
|DisplayName|{schema}|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|{logical}|
|RequiredLevel|None|
|Targets|{targets}|
|Type|Lookup|

"""


def _relationship(schema: str, table: str) -> str:
    return f"""
### <a name="BKMK_{schema}"></a> {schema}

See the [{schema}]({table}.md#BKMK_{schema}) one-to-many relationship for the [{table}]({table}.md) table/entity.
"""


def owner_mapping(extra_lookup: str = "", extra_relationship: str = "") -> str:
    """``ownermapping``'s 2023 page (powerapps-docs, commit 09770ae5), cut to its key, three of
    its lookups (``targetsystemuserid`` printed with Targets ``businessunit``, as the page has
    it) and their many-to-one relationships, listed by a link only."""
    relationships = {
        "lk_ownermapping_createdby": "systemuser",
        "OwnerMapping_SystemUser": "systemuser",
        "OwnerMapping_ImportMap": "importmap",
    }
    if extra_relationship:
        relationships[extra_relationship] = "systemuser"
    return (
        """---
title: "OwnerMapping table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
ms.topic: "reference"
---

# OwnerMapping table/entity reference

In a data map, maps ownership data from the source file to Microsoft Dynamics 365.

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|ownermappings|
|LogicalName|ownermapping|
|OwnershipType|None|
|PrimaryIdAttribute|ownermappingid|
|PrimaryNameAttribute||
|SchemaName|OwnerMapping|

<a name="writable-attributes"></a>

## Writable columns/attributes

### <a name="BKMK_OwnerMappingId"></a> OwnerMappingId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the owner mapping.|
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|ownermappingid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

"""
        + _lookup(
            "ImportMapId",
            "importmapid",
            "importmap",
            "Unique identifier of the data map with which the owner mapping is associated.",
        )
        + _lookup(
            "TargetSystemUserId",
            "targetsystemuserid",
            "businessunit",
            "Unique identifier of the Microsoft Dynamics 365 user.",
        )
        + extra_lookup
        + """
<a name="read-only-attributes"></a>

## Read-only columns/attributes

"""
        + _lookup(
            "CreatedBy",
            "createdby",
            "systemuser",
            "Unique identifier of the user who created the owner mapping.",
        )
        + """
<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related table. Listed by **SchemaName**.

"""
        + "".join(f"- [{s}](#BKMK_{s})\n" for s in relationships)
        + "".join(_relationship(s, t) for s, t in relationships.items())
    )


def _types(page: str) -> tuple[dict[str, EntityTypeDecl], list[str]]:
    table_set, warnings = resolved(("ownermapping.md", page))
    assert all("[lookup-target-contradicted]" in w for w in warnings)  # tests/test_parse_unseen55
    diagnostics = Diagnostics()
    document = build_document(table_set, NAMES, diagnostics)
    found = [str(d) for d in diagnostics if "webapi-navigation" in str(d)]
    return {str(t.name): t for t in document.entity_types}, found


def test_the_last_relationship_takes_the_last_lookup_whatever_its_targets() -> None:
    """Microsoft's ``ownermapping`` EntityType (dynamics-ce-odata-9, 0cc46247) has
    ``targetsystemuserid`` of type ``systemuser`` partnered with ``OwnerMapping_SystemUser``,
    backed by ``_targetsystemuserid_value``; the page's Targets say ``businessunit``."""
    types, found = _types(owner_mapping())
    assert found == []
    mapping = types["ownermapping"]
    assert partners(mapping) == {
        "createdby": "lk_ownermapping_createdby",
        "importmapid": "OwnerMapping_ImportMap",
        "targetsystemuserid": "OwnerMapping_SystemUser",
    }
    nav = next(n for n in mapping.navigations if str(n.name) == "targetsystemuserid")
    assert str(nav.type) == "mscrm.systemuser"
    assert nav.constraint == ("_targetsystemuserid_value", "systemuserid")
    assert partners(types["systemuser"])["OwnerMapping_SystemUser"] == "targetsystemuserid"


def test_the_lookup_gets_its_bind_key() -> None:
    """The JSON Schema and pydantic models set a lookup through its navigation property
    (``expandable``): ``targetsystemuserid@odata.bind``, to a user, set through
    ``_targetsystemuserid_value`` as Microsoft's ``lookup_properties`` have it."""
    table_set, _ = resolved(("ownermapping.md", owner_mapping()))
    mapping = table_set.get("ownermapping")
    assert mapping is not None
    assert "_targetsystemuserid_value" in {str(p.name) for p in api_properties(mapping)}
    bound = {nav.name: nav for nav in expandable(table_set, mapping) if nav.single}
    assert (bound["targetsystemuserid"].target, bound["targetsystemuserid"].column) == (
        "systemuser",
        "targetsystemuserid",
    )


@pytest.mark.parametrize(
    ("extra_lookup", "extra_relationship"),
    [
        (
            _lookup("ApproverId", "approverid", "team", "A second lookup no relationship claims."),
            "",
        ),
        ("", "lk_ownermapping_modifiedby"),
    ],
)
def test_two_left_of_either_kind_leave_the_pages_word(
    extra_lookup: str, extra_relationship: str
) -> None:
    """Two lookups no relationship claims, or two relationships no rule decides, are not
    guessed between: the relationship stays without a navigation property, with its
    warning."""
    types, found = _types(owner_mapping(extra_lookup, extra_relationship))
    assert "targetsystemuserid" not in partners(types["ownermapping"])
    assert any("OwnerMapping_SystemUser" in f for f in found)


@needs_xsd
def test_the_csdl_stays_valid() -> None:
    table_set, _ = resolved(("ownermapping.md", owner_mapping()))
    rendered = render_set(table_set)
    assert xsd_errors(rendered.text.encode("utf-8")) == []
    assert 'NavigationProperty Name="targetsystemuserid" Type="mscrm.systemuser"' in rendered.text
