"""Variations met in a forty-eighth round of real pages outside the corpus, two of each
generation of the format where the index holds them for tables no earlier round used, drawn
with random.Random(48) (the table of contents' tables less the corpus, the seed, the tests and
the first forty of round 47's draw: 106 left; a table's older versions where the index stores
them; for Dynamics 365 the first hundred of ``ce/developer/reference/entities`` less the tests,
4 left, and find_string for the older generations). Saved verbatim under /tmp/pages48, each
length equal to read_file's total_chars.

MicrosoftDocs/powerapps-docs, ``powerapps-docs/developer/data-platform/reference/entities/``
unless said:

- 2018 (``common-data-service/reference/entities``): recurrencerule (commit 0b94b9ca: bold
  ``**Key**: Value<br />`` lines, bulleted options, a stray ``recurrencerule`` line ending it);
- 2021: monthlyfiscalcalendar and organizationdatasyncsubscriptionentity (commit faf77306: a
  Boolean's two-cell rows under ``|Value|Label|``, ``**DefaultValue**: False``),
  solutioncomponentbatchconfiguration (10/05/2021, ``manager: "margoc"``, commit 62a615d2:
  two-cell rows under a three-column header, lookups to ``entity``);
- G1: monthlyfiscalcalendar (02/15/2023, commit 09770ae5, the 2021 page's successor),
  msdyn_dataflowrefreshhistory (09/01/2023, commit 0592db71: relative Web API paths);
- G2: synapselinkprofileentitystate (08/30/2024, commit 06abccfe: ``**DeleteMultiple action**``,
  columns named EntityName and EntityType, an ApplicationRequired choice at -1), gitproject
  (11/09/2024, commit 0bf8a753: Virtual);
- G2b: plugintracelog (commit 0658c019: no Writable section), packagehistory (0658c019);
- G3: flowsessionbinary (commit 7e814f23: a column named Type, a File column), mcpresource
  (68e77af3: LogicalNames ``Meta`` and ``mimeType``), applicationuserprofile (f7267f57: an
  intersect table whose many-to-many names no table).

MicrosoftDocs/dynamics-365-customer-engagement: availabletimes (generated, commit 4cb042ff:
Virtual, LogicalName ``resourcesJson``, an empty Web API cell); aipluginoperation (generated
extension, 61927d87, read alone: skipped with extension-without-table, its Dataverse page,
40,085 characters, left); packagehistory's pages read with the Dataverse one (08/21/2024,
``ce/developer/entities``, edd36059, and generated, ``ce/developer/reference/entities``,
46852d5d, with Customer Service's, which extends the Dynamics 365 one: applied last); two 2019
Customer Engagement pages in G0's table format (``## Entity Properties``, ``#### X Options``,
the footer include): msdyn_forecastrecurrence and msdyn_contractlineinvoiceschedule; the Sales
page of msfp_alert (05/19/2024: ``ReferencedEntityNavigationPropertyName`` an empty code span),
whose base (91,737 characters) was left. The index holds no unused 2020 (11/14/2020) or 2022
(05/23/2022) Dataverse page: its seven and two are the corpus's or earlier rounds'.

Microsoft's EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis): plugintracelog,
monthlyfiscalcalendar, organizationdatasyncsubscriptionentity, recurrencerule,
msdyn_contractlineinvoiceschedule and msdyn_forecastrecurrence match but for what the pages
cannot say (an owner relationship no 2018 page names, ``organizationdatasyncsubscriptionId``).
Every output loaded into sqlite3 and PostgreSQL 15, parsed as T-SQL with sqlglot, passed the
OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the pydantic models imported.

Two faults:

- a relationship whose ReferencingAttribute is the referencing table's own key (the 2018 page's
  ``recurrencerule_recurringappointmentmaster``, by ``activityid``; an activitypointer page's
  ``activity_pointer_<activity>``), with that table outside the set, named its single-valued
  navigation property after the key, which the key property already holds: odata-member-clash
  and a collection without Partner, where Microsoft has ``activityid_recurrencerule`` and
  ``activityid_activitypointer``;
- Forecasting's lookups were named by logical name, as Field Service's app pages are:
  ``msdyn_forecastdefinitionid`` where Microsoft has ``msdyn_ForecastDefinitionId``, as its
  display-name column ``msdyn_ForecastDefinitionIdName`` spells it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _bold(schema: str, rows: list[tuple[str, str]]) -> str:
    """A 2018 column block: ``**Key**: Value<br />`` lines, the last without ``<br />``."""
    lines = "<br />\n".join(f"**{key}**: {value}" for key, value in rows)
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n{lines}\n\n\n'


RECURRENCE_RULE = (
    '---\ntitle: "RecurrenceRule Entity Reference (Common Data Service for Apps)| Microsoft Docs"\n'
    "ms.date: 03/07/2018\n---\n# RecurrenceRule Entity Reference\n\n"
    "Recurrence Rule represents the pattern of incidence of recurring entities.\n\n"
    "## Entity Properties\n\n**DisplayName**: Recurrence Rule<br />\n"
    "**SchemaName**: RecurrenceRule<br />\n**LogicalName**: recurrencerule<br />\n"
    "**EntitySetName**: recurrencerules<br />\n**PrimaryIdAttribute**: ruleid<br />\n"
    "**PrimaryNameAttribute**: <br />\n**OwnershipType**: UserOwned<br />\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "- [RuleId](#BKMK_RuleId)\n\n\n"
    + _bold(
        "RuleId",
        [
            ("Description", "Unique identifier of the entity associated with recurrence rule."),
            ("DisplayName", "Recurrence Rule"),
            ("LogicalName", "ruleid"),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "True"),
            ("RequiredLevel", "SystemRequired"),
            ("IsValidForUpdate", "False"),
            ("Type", "Uniqueidentifier"),
        ],
    )
    + '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\nListed by **SchemaName**.\n\n\n'
    '### <a name="BKMK_recurrencerule_recurringappointmentmaster"></a> '
    "recurrencerule_recurringappointmentmaster\n\n"
    "Same as recurringappointmentmaster entity [recurrencerule_recurringappointmentmaster]"
    "(recurringappointmentmaster.md#BKMK_recurrencerule_recurringappointmentmaster) "
    "Many-To-One relationship.\n\n"
    "**ReferencingEntity**: recurringappointmentmaster<br />\n"
    "**ReferencingAttribute**: activityid<br />\n**IsHierarchical**: False<br />\n"
    "**IsCustomizable**: False<br />\n"
    "**ReferencedEntityNavigationPropertyName**: recurrencerule_recurringappointmentmaster<br />\n"
    "**CascadeConfiguration**:\n\n- **Assign**: NoCascade\n- **Delete**: NoCascade\n"
    "- **Merge**: NoCascade\n- **Reparent**: NoCascade\n- **Share**: NoCascade\n"
    "- **Unshare**: NoCascade\n\nrecurrencerule\n\n"
)
"""recurrencerule's 2018 page, cut to its key and its one one-to-many relationship, whose
ReferencingAttribute is ``activityid``, the key of ``recurringappointmentmaster`` (an activity,
outside the set)."""


def _g1_one_to_many(name: str, referencing: str, attribute: str) -> str:
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\n'
        f"Same as the [{name}]({referencing}.md#BKMK_{name}) many-to-one relationship for the "
        f"[{referencing}]({referencing}.md) table/entity.\n\n|Property|Value|\n|--------|-----|\n"
        f"|ReferencingEntity|{referencing}|\n|ReferencingAttribute|{attribute}|\n"
        f"|IsHierarchical|False|\n|IsCustomizable|False|\n"
        f"|ReferencedEntityNavigationPropertyName|{name}|\n"
        "|CascadeConfiguration|Assign: NoCascade<br />Delete: NoCascade<br />Merge: NoCascade"
        "<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|\n\n"
    )


def _g1_page(logical: str, key: str, relationships: str) -> str:
    return (
        f'---\ntitle: "{logical} table/entity reference (Microsoft Dataverse) | Microsoft Docs"\n'
        f"ms.date: 02/15/2023\n---\n\n# {logical} table/entity reference\n\n## Properties\n\n"
        f"|Property|Value|\n|--------|-----|\n|EntitySetName|{logical}s|\n"
        f"|LogicalName|{logical}|\n|OwnershipType|OrganizationOwned|\n"
        f"|PrimaryIdAttribute|{key}|\n|SchemaName|{logical}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable columns/attributes\n\n'
        f'### <a name="BKMK_{key}"></a> {key}\n\n|Property|Value|\n|--------|-----|\n'
        f"|LogicalName|{key}|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n"
        '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\n' + relationships
    )


def _partners(folder: Path, logical: str, text: str) -> dict[str, str | None]:
    """The navigation properties of the page's EntityType (alone, its CSDL valid against the
    OASIS schema) with their partners."""
    specs = folder / "specs"
    specs.mkdir()
    (specs / f"{logical}.md").write_text(text)
    assert (
        main(["generate", "--specs", str(specs), "--out", str(folder / "out"), "--no-cache"]) == 0
    )
    xml = (folder / "out" / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    [entity] = [
        t for t in etree.fromstring(xml).iter(f"{EDM}EntityType") if t.get("Name") == logical
    ]
    navs = entity.iter(f"{EDM}NavigationProperty")
    return {n.get("Name", ""): n.get("Partner") for n in navs}


def test_a_relationship_by_the_referencing_tables_key_is_named_key_and_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Microsoft's recurrencerule EntityType partners recurrencerule_recurringappointmentmaster
    with ``activityid_recurrencerule``: a navigation property is never named after its table's
    key (was: ``activityid``, left out with an odata-member-clash warning, no Partner)."""
    partners = _partners(tmp_path, "recurrencerule", RECURRENCE_RULE)
    assert partners == {"recurrencerule_recurringappointmentmaster": "activityid_recurrencerule"}
    assert "odata-member-clash" not in capsys.readouterr().err


def test_an_activitys_key_to_its_activitypointer_row_is_activityid_activitypointer(
    tmp_path: Path,
) -> None:
    """The same rule from the other side of an activity's key: Microsoft's $metadata partners
    every activity's ``activity_pointer_<activity>`` with ``activityid_activitypointer`` (54 of
    54 in the corpus's EntityTypes), the activity outside the set."""
    page = _g1_page(
        "activitypointer",
        "activityid",
        _g1_one_to_many("activity_pointer_letter", "letter", "activityid"),
    )
    partners = _partners(tmp_path, "activitypointer", page)
    assert partners["activity_pointer_letter"] == "activityid_activitypointer"


def _g0_row_block(schema: str, rows: str) -> str:
    """A column block of the older table format, ``rows`` as ``Key=Value;Key=Value``."""
    table = "".join(f"|{row.replace('=', '|', 1)}|\n" for row in rows.split(";"))
    head = f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
    return f"{head}|Property|Value|\n|--------|-----|\n{table}\n\n"


def _forecast_page(logical: str, lookup_schema: str, name_schema: str) -> str:
    """A 2019 Dynamics 365 Customer Engagement page of a Forecasting table (``## Entity
    Properties``, ``## Writable attributes``, the footer include), cut to its key, its lookup to
    msdyn_forecastdefinition, that lookup's display-name column and the relationship."""
    relationship = f"msdyn_msdyn_forecastdefinition_{logical}"
    return (
        f'---\ntitle: "{logical} Entity Reference (Dynamics 365 Customer Engagement)| '
        'MicrosoftDocs"\nms.date: 04/02/2019\nms.service: "crm-online"\n---\n'
        f"# {logical} Entity Reference\n\n**Added by**: Forecasting Solution\n\n\n"
        "## Entity Properties\n\n|Property|Value|\n|--------|-----|\n"
        f"|EntitySetName|{logical}s|\n|LogicalName|{logical}|\n|OwnershipType|UserOwned|\n"
        f"|PrimaryIdAttribute|{logical}id|\n|SchemaName|{logical}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
        + _g0_row_block(
            f"{logical}Id",
            f"LogicalName={logical}id;RequiredLevel=SystemRequired;Type=Uniqueidentifier",
        )
        + _g0_row_block(
            lookup_schema,
            "LogicalName=msdyn_forecastdefinitionid;RequiredLevel=None;"
            "Targets=msdyn_forecastdefinition;Type=Lookup",
        )
        + '<a name="read-only-attributes"></a>\n\n## Read-only attributes\n\n'
        + _g0_row_block(
            name_schema,
            "LogicalName=msdyn_forecastdefinitionidname;MaxLength=100;RequiredLevel=None;"
            "Type=String",
        )
        + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
        f'### <a name="BKMK_{relationship}"></a> {relationship}\n\n'
        f"See msdyn_forecastdefinition Entity [{relationship}](msdyn_forecastdefinition.md"
        f"#BKMK_{relationship}) One-To-Many relationship.\n\n### See also\n\n"
        "[!INCLUDE[footer-include](../../../../includes/footer-banner.md)]"
    )


@pytest.mark.parametrize(
    ("lookup_schema", "name_schema", "expected"),
    [
        # msdyn_forecastrecurrence's page: Microsoft's $metadata has msdyn_ForecastDefinitionId
        (
            "msdyn_forecastdefinitionid",
            "msdyn_ForecastDefinitionIdName",
            "msdyn_ForecastDefinitionId",
        ),
        # msdyn_forecastinstance's page: msdyn_forecastdefinitionidName; $metadata in lower case
        (
            "msdyn_forecastdefinitionid",
            "msdyn_forecastdefinitionidName",
            "msdyn_forecastdefinitionid",
        ),
    ],
)
def test_a_forecasting_lookup_is_named_as_its_display_name_column_spells_it(
    tmp_path: Path, lookup_schema: str, name_schema: str, expected: str
) -> None:
    """Forecasting names its own lookups by SchemaName, as a solution's table does, spelt as
    the lookup's display-name column spells it (was: the logical name, as Field Service's app
    pages, so ``msdyn_forecastdefinitionid`` where Microsoft has ``msdyn_ForecastDefinitionId``)."""
    page = _forecast_page("msdyn_forecastrecurrence", lookup_schema, name_schema)
    partners = _partners(tmp_path, "msdyn_forecastrecurrence", page)
    assert partners == {expected: "msdyn_msdyn_forecastdefinition_msdyn_forecastrecurrence"}
