"""Variations met in a forty-first round of real pages outside the corpus, drawn with
random.Random(41) from the reference's table of contents less the corpus, the tables earlier
rounds used and those of round 40, preferring the generated layout of 2024 on (values in
backticks, an Events section, absolute links). MicrosoftDocs/powerapps-docs
(``powerapps-docs/developer/data-platform/reference/entities/``), in the order drawn: flowtrigger
(generated-reference, Events, commit 5843dd64), timezonedefinition (11/09/2024, a message with
an empty Web API cell, commit 03cac834), msdyn_dmssyncstatus (commit 17f4f33f),
timestampdatemapping (11/09/2024, a writable column with no list above it, commit 0bf8a753),
powerpagecomponent_powerpagecomponent (an intersect table, commit 03cac834), maskingrule (drawn
19th; generated-reference with Events, commit be518f09, and its page of 06/04/2024, commit
18c03d0e: empty Targets cells), retentionsuccessdetail (Events, commit 256c49f5) and calendarrule
(commit 256c49f5, the base of the CE page below). Passed over: mailbox and queueitem (over 40k),
msdyn_dmsrequeststatus and msdyn_aiodlabel (read, 2023 layout), mobileofflineprofileitemassociation
(read, 2020 layout). Older versions of the same tables: timezonedefinition of 03/07/2018
(``developer/common-data-service/``, commit 1ba67e7d) and calendarrule of 03/04/2021 (commit
faf77306). MicrosoftDocs/dynamics-365-customer-engagement (``ce/developer/reference/entities/``):
calendarrule (commit 3d6b8a80, a lookup to service, applied to the Dataverse page),
approvalstageorder (commit a434a707) and approvalstageapproval (commit a5f498d2), pages of
changes only (a Restore message), skipped with their warning when alone.

Faults found, each pinned below: (1) the 2024-on layout prints neither IsValidForCreate nor
IsValidForUpdate, and dvgen took every writable column as valid for both, so the 2018 and 2024
pages of timezonedefinition disagreed on the key, which every older page prints create-only (30
of the 31 corpus pages listing a writable key; ImportSequenceNumber 12 of 12 and
OverriddenCreatedOn 11 of 11 likewise; statecode IsValidForCreate False 14 of 14). (2) The 2023
and 2024 layouts list the messages only Dataverse executes (BulkRetain, Retain, ...) among the
messages, the generated pages under Events: ``dvgen diff`` between maskingrule's two pages
reported five breaking message-removed. (3) calendarrule's 2021 page lists its two relationships
to calendar by name alone, and no rule told which of ``calendarid`` and ``innercalendarid`` each
belongs to: neither had a navigation property.

The CSDL of timezonedefinition, timestampdatemapping and calendarrule was compared with
Microsoft's EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``) with ``bench/webapi_compare.py``: 39 of 39
properties with Microsoft's Edm type and read-only flag, 10 of 11 single-valued navigation
properties partnered as Microsoft's (``serviceid`` comes from the CE page, which the bench does
not apply; ``dvgen generate`` declares it, partnered ``service_calendar_rules``), 2 of 2
collections, ``_organizationid_value`` of timezonedefinition without a navigation property as
Microsoft's. The 2018, 2021 and 06/2024 pages give 36 of 36 properties. Left, as no page says:
maskingrule's ``displayname`` and ``name``, create-only on the 06/2024 page, read as updatable
from the generated page; calendarrule's RetrieveEntityChanges, listed in 2021 and not in 2024.
Every output loaded into sqlite3 and PostgreSQL 15, parsed as T-SQL, passed the OASIS CSDL XSD
and the JSON Schema 2020-12 metaschema, and the pydantic models imported and validated a
record."""

from __future__ import annotations

from pathlib import Path

from dvgen.model import Column
from tests.pages import table
from tests.test_parse_unseen38 import entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

_FRONT = (
    "---\ntitle: T\nms.topic: generated-reference\n---\n\n"
    "# Time Zone Definition (TimeZoneDefinition) table/entity reference\n\n"
)

_PROPERTIES_2024 = (
    "## Properties\n\n|Property|Value|\n| --- | --- |\n"
    "| **SchemaName** | `TimeZoneDefinition` |\n"
    "| **EntitySetName** | `timezonedefinitions`|\n"
    "| **LogicalName** | `timezonedefinition` |\n"
    "| **PrimaryIdAttribute** | `timezonedefinitionid` |\n"
    "| **OwnershipType** | `None` |\n\n"
)


def _block_2024(schema: str, kind: str, extra: str = "") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|LogicalName|`{schema.lower()}`|\n|RequiredLevel|SystemRequired|\n|Type|{kind}|\n"
        f"{extra}\n"
    )


def _page_2024() -> str:
    return (
        _FRONT
        + _PROPERTIES_2024
        + "## Writable columns/attributes\n\n"
        + _block_2024("Bias", "Integer", "|MaxValue|2147483647|\n|MinValue|-2147483648|\n")
        + _block_2024("ImportSequenceNumber", "Integer")
        + _block_2024("OverriddenCreatedOn", "DateTime", "|Format|DateOnly|\n")
        + _block_2024("statecode", "State")
        + _block_2024("TimeZoneDefinitionId", "Uniqueidentifier")
    )


def _columns(text: str) -> dict[str, Column]:
    return {c.logical_name: c for c in table(text).columns}


def test_a_2024_page_holds_the_primary_key_and_import_columns_create_only() -> None:
    columns = _columns(_page_2024())
    for name in ("timezonedefinitionid", "importsequencenumber", "overriddencreatedon"):
        assert (columns[name].valid_for_create, columns[name].valid_for_update) == (True, False)
    assert (columns["statecode"].valid_for_create, columns["statecode"].valid_for_update) == (
        False,
        True,
    )
    assert (columns["bias"].valid_for_create, columns["bias"].valid_for_update) == (True, True)


def test_the_2018_and_2024_layouts_of_timezonedefinition_agree_on_its_key() -> None:
    old = (
        "---\ntitle: T\nms.date: 03/07/2018\n---\n# TimeZoneDefinition Entity Reference\n\n"
        "## Entity Properties\n\n**SchemaName**: TimeZoneDefinition<br />\n"
        "**LogicalName**: timezonedefinition<br />\n**EntitySetName**: timezonedefinitions<br />\n"
        "**PrimaryIdAttribute**: timezonedefinitionid<br />\n**OwnershipType**: None<br />\n\n"
        "## Writable attributes\n\n"
        '### <a name="BKMK_TimeZoneDefinitionId"></a> TimeZoneDefinitionId\n\n'
        "**Description**: Unique identifier of the time zone record.<br />\n"
        "**LogicalName**: timezonedefinitionid<br />\n**IsValidForForm**: False<br />\n"
        "**IsValidForRead**: True<br />\n**RequiredLevel**: SystemRequired<br />\n"
        "**IsValidForUpdate**: False<br />\n**Type**: Uniqueidentifier<br />\n\n"
    )
    before = _columns(old)["timezonedefinitionid"]
    after = _columns(_page_2024())["timezonedefinitionid"]
    assert (before.valid_for_create, before.valid_for_update) == (True, False)
    assert (after.valid_for_create, after.valid_for_update) == (True, False)


def test_a_row_the_block_states_still_wins() -> None:
    text = _page_2024().replace(
        "|LogicalName|`importsequencenumber`|",
        "|IsValidForUpdate|True|\n|LogicalName|`importsequencenumber`|",
    )
    assert _columns(text)["importsequencenumber"].valid_for_update is True


def test_a_2023_page_leaves_an_unprinted_flag_true() -> None:
    """The 2023 layout prints each False flag: a primary key printed without one (the real
    aciviewmapper page) stays updatable."""
    text = (
        "---\ntitle: T\nms.date: 03/07/2023\n---\n# aciviewmapper table/entity reference\n\n"
        "## Properties\n\n|Property|Value|\n|--------|-----|\n|EntitySetName|aciviewmappers|\n"
        "|LogicalName|aciviewmapper|\n|PrimaryIdAttribute|aciviewmapperid|\n"
        "|SchemaName|ACIViewMapper|\n\n## Writable columns/attributes\n\n"
        '### <a name="BKMK_ACIViewMapperId"></a> ACIViewMapperId\n\n|Property|Value|\n'
        "|--------|-----|\n|Description|Unique identifier for entity instances|\n"
        "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|aciviewmapperid|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n"
    )
    key = _columns(text)["aciviewmapperid"]
    assert (key.valid_for_create, key.valid_for_update) == (True, True)


_MASKINGRULE_2024_06 = """---
title: "Secured Masking Rule (MaskingRule)  table/entity reference (Microsoft Dataverse)"
ms.date: 06/04/2024
ms.topic: "reference"
---

# Secured Masking Rule (MaskingRule)  table/entity reference

## Messages

|Message|Web API Operation|SDK class or method|
|-|-|-|
|BulkRetain|ONLY||
|Create|POST /maskingrules<br />See [Create](/powerapps/developer/data-platform/webapi/\
create-entity-web-api)|<xref:Microsoft.Xrm.Sdk.Messages.CreateRequest>|
|Retain|ONLY||

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|maskingrules|
|LogicalName|maskingrule|
|PrimaryIdAttribute|maskingruleid|
|SchemaName|MaskingRule|
""".replace(
    "ONLY",
    "This message is to be executed only by Dataverse to trigger registered plug-ins and flows.",
)

_MASKINGRULE_GENERATED = """---
title: "Secured Masking Rule (MaskingRule) table/entity reference (Microsoft Dataverse)"
ms.topic: generated-reference
---

# Secured Masking Rule (MaskingRule) table/entity reference (Microsoft Dataverse)

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /maskingrules |[Create records](/create)|

## Events

|Name|Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `BulkRetain`|<xref:Microsoft.Dynamics.CRM.BulkRetain?displayProperty=fullName /> |[Learn](/u)|
| `Retain`|<xref:Microsoft.Dynamics.CRM.Retain?displayProperty=nameWithType /> |[Learn](/use)|

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `MaskingRule` |
| **EntitySetName** | `maskingrules`|
| **LogicalName** | `maskingrule` |
| **PrimaryIdAttribute** | `maskingruleid` |
"""


def test_a_message_only_dataverse_executes_is_an_event_as_the_later_layout_lists_it() -> None:
    """maskingrule's page of 06/04/2024 lists BulkRetain and Retain among its messages, 'to be
    executed only by Dataverse'; its generated page lists them under Events. Read as messages,
    ``dvgen diff`` between the two reported five breaking message-removed."""
    old, new = table(_MASKINGRULE_2024_06), table(_MASKINGRULE_GENERATED)
    assert [m.name for m in old.messages] == [m.name for m in new.messages] == ["Create"]
    assert [m.name for m in old.events] == [m.name for m in new.events] == ["BulkRetain", "Retain"]


def test_the_two_maskingrule_layouts_differ_by_no_message() -> None:
    from dvgen.evolve.diff import diff_sets
    from tests.pages import resolved

    old, _ = resolved(("maskingrule.md", _MASKINGRULE_2024_06))
    new, _ = resolved(("maskingrule.md", _MASKINGRULE_GENERATED))
    assert [c.rule for c in diff_sets(old, new) if c.path[:1] in (("messages",), ("events",))] == []


def _lookup_2021(schema: str, target: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"|Description||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|LogicalName|{schema.lower()}|\n|RequiredLevel|None|\n|Targets|{target}|\n"
        "|Type|Lookup|\n\n\n"
    )


_CALENDARRULE_2021 = (
    "---\ntitle: T\nms.date: 03/04/2021\n---\n\n# CalendarRule table/entity reference\n\n"
    "## Properties\n\n|Property|Value|\n|--------|-----|\n|EntitySetName|calendarrules|\n"
    "|LogicalName|calendarrule|\n|OwnershipType|None|\n|PrimaryIdAttribute|calendarruleid|\n"
    "|SchemaName|CalendarRule|\n\n## Writable columns/attributes\n\n"
    + _lookup_2021("CalendarId", "calendar")
    + _lookup_2021("InnerCalendarId", "calendar")
    + '### <a name="BKMK_CalendarRuleId"></a> CalendarRuleId\n\n|Property|Value|\n'
    "|--------|-----|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
    "|IsValidForUpdate|False|\n|LogicalName|calendarruleid|\n|RequiredLevel|SystemRequired|\n"
    "|Type|Uniqueidentifier|\n\n"
    "## Many-To-One Relationships\n\nEach Many-To-One relationship is defined by a "
    "corresponding One-To-Many relationship with the related table. Listed by **SchemaName**."
    "\n\n- [inner_calendar_calendar_rules](#BKMK_inner_calendar_calendar_rules)\n"
    "- [calendar_calendar_rules](#BKMK_calendar_calendar_rules)\n\n\n"
    '### <a name="BKMK_inner_calendar_calendar_rules"></a> inner_calendar_calendar_rules\n\n'
    "See calendar Table [inner_calendar_calendar_rules](calendar.md) One-To-Many relationship.\n\n"
    '### <a name="BKMK_calendar_calendar_rules"></a> calendar_calendar_rules\n\n'
    "See calendar Table [calendar_calendar_rules](calendar.md) One-To-Many relationship.\n"
)


def test_two_lookups_to_one_table_take_the_relationships_whose_names_open_with_theirs(
    tmp_path: Path,
) -> None:
    """calendarrule's page of 03/04/2021 lists its two relationships to calendar by name
    alone; no rule told which lookup each belongs to, so neither lookup had a navigation
    property. Microsoft's EntityType (dynamics365-docs-odata-apis, calendarrule.yml) has
    ``calendarid`` partnered ``calendar_calendar_rules`` and ``innercalendarid``
    partnered ``inner_calendar_calendar_rules``."""
    entity = entity_type_alone(tmp_path, "calendarrule", _CALENDARRULE_2021)
    navs = {
        n.get("Name"): (n.get("Type"), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")
    }
    assert navs == {
        "calendarid": ("mscrm.calendar", "calendar_calendar_rules"),
        "innercalendarid": ("mscrm.calendar", "inner_calendar_calendar_rules"),
    }
