"""Variations met in a forty-seventh round of real pages outside the corpus, drawn with
random.Random(47) among the tables of the reference's table of contents that no earlier round
used (the corpus, the seed and the tests less: 146 left), preferring solution-system, virtual
and elastic tables, File columns and intersect tables, each read alone and all together.
MicrosoftDocs/powerapps-docs (``powerapps-docs/developer/data-platform/reference/entities/``),
in the order drawn: mspp_redirect (drawn 1st, commit 06c3d0ba: a Virtual table, a choice
defaulting to 302), relationshipattribute (3rd, 0298582b), textanalyticsentitymapping (4th,
256c49f5: two lookups with empty Targets), sensitivitylabel (5th, 68e77af3: Virtual, no
many-to-one), mspp_pollplacement (6th, 03cac834), stagedentity (8th, 13293c95: LogicalNames
``originallocalizedcollectioname`` and ``originallocalizedescription`` that differ from their
SchemaNames), plannersyncaction (10th, 0658c019), recentlyused (12th, 17f4f33f: Elastic,
user-owned), gitorganization (14th, 17c39de8), aiplugininstance (18th, 00dcf07a),
workflowcardconnections (45th, 06abccfe: an intersect table whose relationship names no
tables) and flowsessionbinary (115th, 7e814f23: a File column, ``FileAttachment_..._Data``).
Older pages (``powerapps-docs/developer/common-data-service/reference/entities/``, 2018):
monthlyfiscalcalendar (commit 429b83aa: ``Period1``... whose LogicalNames are ``month1``...,
Money with ``_Base``) and plugintracelog (148cef80). MicrosoftDocs/dynamics-365-customer-engagement
(``ce/developer/entities/``, 2017 layout, commit 0decdcea): msdyn_paymentterm (Field Service)
and msdyn_journal (Project Service Automation).

The fault found: a table enabled for business process flows has ``stageid``, which every page
prints as a Uniqueidentifier, tied to ``processstage``. A table the platform made keeps it a
Guid (``stageid`` and ``stageid_processstage``), but Dataverse carries a solution's table's as
a lookup: Microsoft's ``msdyn_journal`` EntityType (MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/msdyn_journal.yml``) has the navigation
property ``stageid`` (partner ``processstage_msdyn_journal``) and ``_stageid_value``, no Guid
``stageid``; its ``processstage`` partners 15 of 15 such tables with ``stageid``. dvgen declared
the Guid and ``stageid_processstage`` for the 2017 page, and for a page of 2024 on, which
states the navigation property ``stageid`` (``msdyn_iotalert``, ``msdyn_workorder``,
``bookableresourcebooking``...), it left that navigation property out with an
odata-member-clash warning. The Web API targets now carry such a ``stageid`` as a lookup
(``dvgen.webapi.stage_lookups``); the model and SQL keep the page's Uniqueidentifier.

A second: ``sensitivitylabel``'s relationship ``sensitivitylabel_email_SensitivityLabelId``
names ``email``'s lookup by its SchemaName, and on an activity Dataverse follows it with the
activity's: email's page (powerapps-docs) states ``SensitivityLabelId_Email``, as Microsoft's
``email`` EntityType has ``ReceivingMailboxId_Email``; dvgen partnered ``sensitivitylabelid``.

Left: ``sensitivitylabelattributemapping_sensitivitylabel``, whose lookup ``labelid`` a live
organisation names ``LabelId`` (a solution's table naming its lookup by SchemaName), which no
page of the set tells; ``msdyn_msdyn_journal_msdyn_journalline_Journal``, partnered with
``msdyn_Journal`` in Microsoft's EntityType though a relationship of that shape with a
publisher's prefix spells either way (``outside_names.spelt_by_relationship``).

Microsoft's EntityTypes otherwise: monthlyfiscalcalendar 31 of 31 properties, 6 navigation
properties with their partners; plugintracelog and msdyn_paymentterm every property;
relationshipattribute and msdyn_journal differ only where the pages are newer or older than the
EntityTypes of 2021 (``organizationid``, ``msdyn_project``...). Every output loaded into sqlite3
and PostgreSQL 15, parsed as T-SQL with sqlglot, passed the OASIS CSDL XSD and the JSON Schema
2020-12 metaschema, and the pydantic models imported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from lxml import etree

from tests.test_odata_tools import needs_xsd
from tests.test_parse_unseen38 import entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _row(schema: str, rows: list[tuple[str, str]]) -> str:
    table = "".join(f"|{k}|{v}|\n" for k, v in rows)
    head = f'\n\n### <a name="BKMK_{schema}"></a> {schema}\n\n'
    return f"{head}|Property|Value|\n|--------|-----|\n{table}"


def _ce_2017(logical: str, relationship: str) -> str:
    """A page in the 2017 layout of Dynamics 365's reference (msdyn_journal's, cut down): its
    ``stageid`` a Uniqueidentifier, its relationship to ``processstage`` named only."""
    key = f"{logical}Id"
    columns = [
        (key, [("Description", "Unique identifier for entity instances"),
               ("LogicalName", f"{logical}id"), ("RequiredLevel", "SystemRequired"),
               ("Type", "Uniqueidentifier")]),
        ("msdyn_description", [("Description", "The name of the custom entity."),
                               ("FormatName", "Text"), ("LogicalName", "msdyn_description"),
                               ("MaxLength", "100"), ("RequiredLevel", "None"),
                               ("Type", "String")]),
        ("stageid", [("Description", "Contains the id of the stage where the entity is located."),
                     ("DisplayName", "Stage Id"), ("IsValidForForm", "False"),
                     ("IsValidForRead", "True"), ("LogicalName", "stageid"),
                     ("RequiredLevel", "None"), ("Type", "Uniqueidentifier")]),
    ]  # fmt: skip
    return (
        f'---\ntitle: "{logical} Entity Reference (Developer Guide for Dynamics 365 for '
        'Customer Engagement)| MicrosoftDocs"\nms.date: 12/05/2017\n---\n'
        f"# {logical} Entity Reference\n\nUnposted business transactions.\n\n"
        "**Added by**: Project Service Automation Solution<br />\n\n## Entity Properties\n\n"
        "|Property|Value|\n|--------|-----|\n"
        f"|CollectionSchemaName|{logical}s|\n|EntitySetName|{logical}s|\n|IsBPFEntity|False|\n"
        f"|LogicalName|{logical}|\n|OwnershipType|OrganizationOwned|\n"
        f"|PrimaryIdAttribute|{logical}id|\n|PrimaryNameAttribute|msdyn_description|\n"
        f"|SchemaName|{logical}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
        "These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** "
        "(usually both). Listed by **SchemaName**.\n\n"
        + "".join(f"- [{schema}](#BKMK_{schema})\n" for schema, _ in columns)
        + "".join(_row(schema, rows) for schema, rows in columns)
        + '\n<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
        "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship "
        "with the related entity. Listed by **SchemaName**.\n\n"
        f"- [{relationship}](#BKMK_{relationship})\n\n\n"
        f'### <a name="BKMK_{relationship}"></a> {relationship}\n\n'
        f"See processstage Entity [{relationship}](processstage.md#BKMK_{relationship}) "
        "One-To-Many relationship.\n"
    )


CASCADE = "<br />".join(
    f"{k}: `NoCascade`"
    for k in ("Archive", "Assign", "Delete", "Merge", "Reparent", "RollupView", "Share", "Unshare")
)


def _page_2024(logical: str, relationship: str, navigation: str) -> str:
    """A page of 2024 on (msdyn_iotalert's, cut down): ``stageid`` a Uniqueidentifier, its
    relationship stating the navigation property."""

    def column(schema: str, rows: str) -> str:
        return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{rows}\n'

    return (
        f'---\ntitle: "IoT Alert ({logical}) table/entity reference (Microsoft Dataverse)"\n'
        f"ms.topic: reference\n---\n\n# IoT Alert ({logical}) table/entity reference\n\n"
        "## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **SchemaName** | `{logical}` |\n| **EntitySetName** | `{logical}s`|\n"
        f"| **LogicalName** | `{logical}` |\n| **PrimaryIdAttribute** | `{logical}id` |\n"
        "| **PrimaryNameAttribute** |`msdyn_description` |\n| **TableType** | `Standard` |\n"
        "| **OwnershipType** | `OrganizationOwned` |\n\n## Writable columns/attributes\n\n"
        f"- [{logical}Id](#BKMK_{logical}Id)\n- [stageid](#BKMK_stageid)\n\n"
        + column(
            f"{logical}Id",
            "|Description|**Unique identifier for entity instances**|\n"
            f"|LogicalName|`{logical}id`|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
        )
        + column(
            "stageid",
            "|Description|**Contains the id of the stage where the entity is located.**|\n"
            "|DisplayName|**Stage Id**|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
            "|LogicalName|`stageid`|\n|RequiredLevel|None|\n|Type|Uniqueidentifier|",
        )
        + "## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
        f"**SchemaName**.\n\n- [{relationship}](#BKMK_{relationship})\n\n"
        f'### <a name="BKMK_{relationship}"></a> {relationship}\n\n'
        f"One-To-Many Relationship: [processstage {relationship}]"
        f"(processstage.md#BKMK_{relationship})\n\n"
        "|Property|Value|\n|---|---|\n|ReferencedEntity|`processstage`|\n"
        "|ReferencedAttribute|`processstageid`|\n|ReferencingAttribute|`stageid`|\n"
        f"|ReferencingEntityNavigationPropertyName|`{navigation}`|\n|IsHierarchical||\n"
        f"|CascadeConfiguration|{CASCADE}|\n"
    )


def _members(entity: etree._Element) -> tuple[set[str], dict[str, tuple[str, str | None]]]:
    properties = {p.get("Name", "") for p in entity.iter(f"{EDM}Property")}
    navigations = {
        n.get("Name", ""): (n.get("Type", ""), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")
    }
    return properties, navigations


@needs_xsd
def test_a_solutions_stageid_on_a_2017_page_is_a_lookup_in_the_web_api(tmp_path: Path) -> None:
    """msdyn_journal's 2017 page: Microsoft's EntityType has ``stageid`` to ``processstage``,
    partnered with ``processstage_msdyn_journal``, and ``_stageid_value``; no Guid."""
    page = _ce_2017("msdyn_journal", "processstage_msdyn_journal")
    properties, navigations = _members(entity_type_alone(tmp_path, "msdyn_journal", page))
    assert "_stageid_value" in properties and "stageid" not in properties
    assert navigations["stageid"] == ("mscrm.processstage", "processstage_msdyn_journal")
    assert "stageid_processstage" not in navigations
    out = tmp_path / "out"
    schema = json.loads((out / "jsonschema" / "msdyn_journal.schema.json").read_text())
    value = schema["properties"]["_stageid_value"]
    assert (value["readOnly"], value["x-dataverse-targets"]) == (True, ["processstage"])
    assert "stageid@odata.bind" in schema["properties"]
    assert "stageid" not in schema["properties"] or "anyOf" in schema["properties"]["stageid"]
    model = yaml.safe_load((out / "model" / "msdyn_journal.yaml").read_text())
    columns = model["columns"] if isinstance(model, dict) else model
    stage = next(c for c in columns if c["logical_name"] == "stageid")
    assert stage["type"] == "Uniqueidentifier"  # the model and SQL keep what the page says
    assert '"stageid" uuid' in (out / "sql" / "postgres" / "schema.sql").read_text()


@needs_xsd
def test_a_platform_tables_stageid_on_a_2017_page_stays_a_guid(tmp_path: Path) -> None:
    """A table the platform made (``processstage_campaign``, lower case, no prefix) keeps
    ``stageid`` a Guid beside ``stageid_processstage``, as Microsoft's ``account`` has it."""
    page = _ce_2017("campaign", "processstage_campaign").replace("msdyn_description", "name")
    properties, navigations = _members(entity_type_alone(tmp_path, "campaign", page))
    assert "stageid" in properties and "_stageid_value" not in properties
    assert navigations["stageid_processstage"] == ("mscrm.processstage", "processstage_campaign")


@needs_xsd
def test_a_stated_stageid_navigation_property_is_kept_not_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """msdyn_iotalert's 2024 page states the navigation property ``stageid`` for its
    Uniqueidentifier ``stageid``: dvgen declared the Guid and left the navigation property out
    (odata-member-clash); Dataverse has the lookup."""
    page = _page_2024("msdyn_iotalert", "processstage_msdyn_iotalert", "stageid")
    properties, navigations = _members(entity_type_alone(tmp_path, "msdyn_iotalert", page))
    assert "_stageid_value" in properties and "stageid" not in properties
    assert navigations["stageid"] == ("mscrm.processstage", "processstage_msdyn_iotalert")
    assert "odata-member-clash" not in capsys.readouterr().err  # nothing was dropped


@needs_xsd
def test_a_stated_stageid_processstage_keeps_the_guid(tmp_path: Path) -> None:
    """A page stating ``stageid_processstage`` (the platform's ``account``) keeps the Guid."""
    page = _page_2024("account", "processstage_account", "stageid_processstage")
    properties, navigations = _members(entity_type_alone(tmp_path, "account", page))
    assert "stageid" in properties and "_stageid_value" not in properties
    assert navigations["stageid_processstage"] == ("mscrm.processstage", "processstage_account")


MENU = (
    "AvailableOffline: True<br />Behavior: `UseCollectionName`<br />Group: `Details`<br />"
    "Label: <br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />"
    "ViewId: `00000000-0000-0000-0000-000000000000`"
)


def _one_to_many(schema: str, table: str, column: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
        f"Many-To-One Relationship: [{table} {schema}]({table}.md#BKMK_{schema})\n\n"
        f"|Property|Value|\n|---|---|\n|ReferencingEntity|`{table}`|\n"
        f"|ReferencingAttribute|`{column}`|\n|ReferencedEntityNavigationPropertyName|`{schema}`|\n"
        f"|IsCustomizable|`False`|\n|AssociatedMenuConfiguration|{MENU}|\n\n"
    )


LABEL = (
    '---\ntitle: "Sensitivity Label (sensitivitylabel) table/entity reference (Microsoft '
    'Dataverse)"\nms.topic: generated-reference\n---\n\n# Sensitivity Label (sensitivitylabel) '
    "table/entity reference (Microsoft Dataverse)\n\nVirtual entity that represents Sensitivity "
    "Labels.\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n"
    "| **SchemaName** | `sensitivitylabel` |\n| **EntitySetName** | `sensitivitylabels`|\n"
    "| **LogicalName** | `sensitivitylabel` |\n| **PrimaryIdAttribute** | `sensitivitylabelid` |\n"
    "| **PrimaryNameAttribute** |`name` |\n| **TableType** | `Virtual` |\n"
    "| **OwnershipType** | `OrganizationOwned` |\n\n## Read-only columns/attributes\n\n"
    "- [sensitivitylabelId](#BKMK_sensitivitylabelId)\n\n"
    '### <a name="BKMK_sensitivitylabelId"></a> sensitivitylabelId\n\n|Property|Value|\n|---|---|\n'
    "|Description|**Unique identifier of a Sensitivity Label.**|\n|IsValidForRead|True|\n"
    "|LogicalName|`sensitivitylabelid`|\n|RequiredLevel|SystemRequired|\n"
    "|Type|Uniqueidentifier|\n\n## One-to-Many relationships\n\n"
    "These relationships are one-to-many. Listed by **SchemaName**.\n\n"
    "- [sensitivitylabel_email_SensitivityLabelId]"
    "(#BKMK_sensitivitylabel_email_SensitivityLabelId)\n"
    "- [sensitivitylabelattributemapping_sensitivitylabel]"
    "(#BKMK_sensitivitylabelattributemapping_sensitivitylabel)\n"
    "- [sensitivitylabel_account_LabelId](#BKMK_sensitivitylabel_account_LabelId)\n\n"
    + _one_to_many("sensitivitylabel_email_SensitivityLabelId", "email", "sensitivitylabelid")
    + _one_to_many(
        "sensitivitylabelattributemapping_sensitivitylabel",
        "sensitivitylabelattributemapping",
        "labelid",
    )
    + _one_to_many("sensitivitylabel_account_LabelId", "account", "labelid")
)  # fmt: skip


@needs_xsd
def test_an_activitys_lookup_spelt_by_its_relationship_ends_with_the_activity(
    tmp_path: Path,
) -> None:
    """sensitivitylabel's page (68e77af3) lists ``sensitivitylabel_email_SensitivityLabelId``;
    email's page (powerapps-docs) names that navigation property ``SensitivityLabelId_Email``,
    as Microsoft's ``email`` EntityType has ``ReceivingMailboxId_Email`` and
    ``CorrelatedActivityId_Email``: the lookup's SchemaName, which the relationship's name
    ends with, then the activity's. dvgen named it ``sensitivitylabelid``. A table that is no
    activity keeps the SchemaName alone, and a name that spells no SchemaName the column."""
    entity = entity_type_alone(tmp_path, "sensitivitylabel", LABEL)
    _, navigations = _members(entity)
    assert navigations["sensitivitylabel_email_SensitivityLabelId"] == (
        "Collection(mscrm.email)",
        "SensitivityLabelId_Email",
    )
    assert navigations["sensitivitylabel_account_LabelId"][1] == "LabelId"
    assert navigations["sensitivitylabelattributemapping_sensitivitylabel"][1] == "labelid"
