"""Variations met in a thirty-seventh round of real pages outside the corpus, drawn with
random.Random(37) from the reference's table of contents less the corpus and the tables earlier
rounds used, passing over knowledgearticle (79,401 characters).
MicrosoftDocs/powerapps-docs pages (``powerapps-docs/developer/data-platform/reference/entities/``),
in the order drawn: timezonelocalizedname (2023, commit 09770ae5), fabricaiskill (G2b, a status
reason 0 and a state whose DefaultStatus is 3, commit 17f4f33f), workqueue (G2, commit 00dcf07a),
runtimedependency (G2, no Messages, no PrimaryNameAttribute, no relationship, commit 06abccfe),
botcomponent_aipluginoperation (G2 intersect, commit 03cac834), workflowlog (2023, commit
09770ae5), msdyn_tour (G2b, commit 0658c019), picklistmapping (G3, a status reason 0 alone,
commit 06c3d0ba), searchresultscache (elastic, a Json Memo, commit 256c49f5),
flowmachinenetwork (2023, commit 09770ae5), powerpagesddosalert (G3, commit 2d5f8da2),
textdatarecordsindexingstatus (elastic, commit 2d5f8da2), msdyn_harvestworkitem (G3, commit
8fa06797), mspp_adplacement (2023, RequiredLevel Recommended, commit 16fc65dd),
officegraphdocument (G2b, createdby and modifiedby Strings, not lookups, commit 0658c019) and
componentversiondatasource (2024, commit 18c03d0e). Older versions: userform (11/14/2020, the
stored version of commit 005fe887) and workflowlog (10/05/2021). MicrosoftDocs/
dynamics-365-customer-engagement: entitlementtemplateproducts (an intersect table with a name,
commit b9738223), dynamicpropertyoptionsetitem (commit f7ae5d03) and aiplugingovernance (a page
that only changes OwningBusinessUnit's RequiredLevel, commit e76ef4b2) of
``ce/developer/reference/entities/``, and workflowlog of ``ce/developer/entities/`` (10/31/2017,
commit f88bc4cc), which lists ten business process flows' relationships to the log.

Fault found: a business process flow's relationship to ``workflowlog``
(``lk_newprocess_workflowlogs``), which pages up to 2023 name only by a link, belongs to the
log's ``asyncoperationid``, whose Targets (asyncoperation, processsession) leave the flows out;
no rule decided it, so the CSDL lacked the navigation property, with a warning. Microsoft's
``workflowlog`` EntityType (dynamics365-docs-odata-apis) has all ten:
``NewProcess_asyncoperationid`` (partner ``workflowlogs_newprocess``) for each of Dataverse's own
flows, ``asyncoperationid_msdyn_bpf_<hex>`` (partner the schema name) for Dynamics 365's; the
2024 workflowlog page and newprocess's state the same.

Second fault, met layering the round's tables: a one-target lookup a customization adds
(workqueue's ``contoso_TourId`` to msdyn_tour) was navigated by its logical name
(``contoso_tourid@odata.bind``), which Dataverse does not declare; an organisation's lookup is
navigated by its SchemaName, as its metadata API names it.

The CSDL of officegraphdocument, userform, timezonelocalizedname, picklistmapping,
entitlementtemplateproducts and (with the fix) workflowlog was compared with Microsoft's
EntityTypes: every property, its type, and every single-valued navigation property and partner
match, but userform's owner relationship (a 2020 page names none; no Partner, as documented)
and workflowlog's ``objecttypecode`` (the pages list it as readable; Microsoft's 2020 EntityType
has no such property). Every output loaded into sqlite3 and PostgreSQL 15, parsed as T-SQL,
passed the OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the pydantic models
imported; so did the set layered with a lookup added to workqueue (to msdyn_tour), a required
level raised on mspp_adplacement and options added to two global choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.model import RequiredLevel
from tests.pages import resolved, table
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
FLOW = "msdyn_bpf_477c16f59170487b8b4dc895c5dcd09b"


def _g1(schema: str, rows: str) -> str:
    """A column block of a 2021-2023 page (plain values, keys in alphabetical order)."""
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"{rows}\n\n"
    )


def _lookup(schema: str, logical: str, targets: str) -> str:
    return _g1(
        schema,
        f"|Description||\n|DisplayName|{schema}|\n|IsValidForForm|True|\n"
        f"|IsValidForRead|True|\n|LogicalName|{logical}|\n|RequiredLevel|None|\n"
        f"|Targets|{targets}|\n|Type|Lookup|",
    )


def _see(name: str, referenced: str) -> str:
    """A many-to-one block of a 2023 page: only a link to the other table's page."""
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\nSee the [{name}]({referenced}.md#BKMK_{name}) '
        f"one-to-many relationship for the [{referenced}]({referenced}.md) table/entity.\n\n"
    )


def _log_page(relationships: str) -> str:
    """workflowlog as its 02/15/2023 page has it, cut to its two process lookups."""
    return (
        '---\ntitle: "Process Log (WorkflowLog)  table/entity reference (Microsoft Dataverse) | '
        'Microsoft Docs"\nms.date: 02/15/2023\n---\n\n# Process Log (WorkflowLog)  table/entity '
        "reference\n\nLog used to track process execution.\n\n\n## Properties\n\n"
        "|Property|Value|\n|--------|-----|\n|CollectionSchemaName|WorkflowLogs|\n"
        "|EntitySetName|workflowlogs|\n|IsBPFEntity|False|\n|LogicalCollectionName|workflowlogs|\n"
        "|LogicalName|workflowlog|\n|OwnershipType|None|\n|PrimaryIdAttribute|workflowlogid|\n"
        "|PrimaryNameAttribute||\n|SchemaName|WorkflowLog|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable columns/attributes\n\n'
        + _lookup("AsyncOperationId", "asyncoperationid", "asyncoperation,processsession")
        + _lookup(
            "ChildWorkflowInstanceId", "childworkflowinstanceid", "asyncoperation,processsession"
        )
        + _g1(
            "WorkflowLogId",
            "|Description||\n|DisplayName|Process Log|\n|IsValidForForm|False|\n"
            "|IsValidForRead|True|\n|IsValidForUpdate|False|\n|LogicalName|workflowlogid|\n"
            "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
        )
        + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
        "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship "
        "with the related table. Listed by **SchemaName**.\n\n" + relationships
    )


# workflowlog (02/15/2023 and 10/05/2021 alike): three flows' relationships by a link only; the
# 2017 page of dynamics-365-customer-engagement adds Dynamics 365's msdyn_bpf_ flows
LOG = _log_page(
    _see("lk_workflowlog_asyncoperations", "asyncoperation")
    + _see("lk_workflowlog_asyncoperation_childworkflow", "asyncoperation")
    + _see("lk_workflowlog_processsession", "processsession")
    + _see("lk_workflowlog_processsession_childworkflow", "processsession")
    + _see("lk_newprocess_workflowlogs", "newprocess")
    + _see(f"{FLOW}_WorkflowLogs", FLOW)
)


def _generate(folder: Path, pages: dict[str, str]) -> tuple[etree._Element, int]:
    specs = folder / "specs"
    specs.mkdir()
    for name, text in pages.items():
        (specs / f"{name}.md").write_text(text)
    code = main(["generate", "--specs", str(specs), "--out", str(folder / "out"), "--no-cache"])
    xml = (folder / "out" / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    return etree.fromstring(xml), code


def _navigations(root: etree._Element, name: str) -> dict[str, tuple[str, str | None]]:
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == name]
    return {
        n.get("Name", ""): (n.get("Type", ""), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")
    }


def test_a_flows_relationship_to_a_process_log_is_its_parent_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each flow's relationship belongs to ``asyncoperationid``, named as Microsoft's
    ``workflowlog`` EntityType names it, partnered as the flow's page does; without a
    warning, and the other relationships keep their lookups."""
    root, code = _generate(tmp_path, {"workflowlog": LOG})
    assert code == 0
    assert "webapi-navigation" not in capsys.readouterr().err
    navigations = _navigations(root, "workflowlog")
    assert navigations["NewProcess_asyncoperationid"] == (
        "mscrm.newprocess",
        "workflowlogs_newprocess",
    )
    assert navigations[f"asyncoperationid_{FLOW}"] == (f"mscrm.{FLOW}", f"{FLOW}_WorkflowLogs")
    assert navigations["asyncoperationid_asyncoperation"][1] == "lk_workflowlog_asyncoperations"
    assert "childworkflowinstanceid_processsession" in navigations
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == "workflowlog"]
    [flow] = [
        n for n in entity.iter(f"{EDM}NavigationProperty") if n.get("Name", "")[:10] == "NewProcess"
    ]
    [constraint] = flow.iter(f"{EDM}ReferentialConstraint")
    assert constraint.get("Property") == "_asyncoperationid_value"
    assert constraint.get("ReferencedProperty") == "businessprocessflowinstanceid"


def test_a_stated_flow_relationship_gets_the_flows_collection_name() -> None:
    """The 2024 page states the lookup and ``NewProcess_asyncoperationid`` but not the
    collection, which newprocess's page gives as ``workflowlogs_newprocess``."""
    from dvgen.webapi.navs import decide_links

    stated = LOG.replace(
        _see("lk_newprocess_workflowlogs", "newprocess"),
        '### <a name="BKMK_lk_newprocess_workflowlogs"></a> lk_newprocess_workflowlogs\n\n'
        "One-To-Many Relationship: [newprocess lk_newprocess_workflowlogs](newprocess.md#BKMK_"
        "lk_newprocess_workflowlogs)\n\n|Property|Value|\n|---|---|\n|ReferencedEntity|"
        "`newprocess`|\n|ReferencedAttribute|`businessprocessflowinstanceid`|\n"
        "|ReferencingAttribute|`asyncoperationid`|\n|ReferencingEntityNavigationPropertyName|"
        "`NewProcess_asyncoperationid`|\n|IsHierarchical||\n\n",
    )
    tables, warnings = resolved(("workflowlog.md", stated))
    assert warnings == []
    links = decide_links(tables.tables)
    assert links.findings == ()
    [flow] = [link for link in links.one_to_many if link.referenced == "newprocess"]
    assert (flow.referencing_attribute, flow.single, flow.collection) == (
        "asyncoperationid",
        "NewProcess_asyncoperationid",
        "workflowlogs_newprocess",
    )


def test_a_flow_a_lookup_targets_keeps_that_lookup() -> None:
    """Where a lookup's Targets name the flow, the Targets rule decides, as before."""
    from dvgen.webapi.navs import decide_links

    page = LOG.replace(
        'asyncoperation,processsession|\n|Type|Lookup|\n\n### <a name="BKMK_Child',
        "asyncoperation,processsession|\n|Type|Lookup|\n\n"
        + _lookup("x_FlowId", "x_flowid", "newprocess")
        + '### <a name="BKMK_Child',
    )
    tables, _ = resolved(("workflowlog.md", page))
    links = decide_links(tables.tables).one_to_many
    [flow] = [link for link in links if link.referenced == "newprocess"]
    assert (flow.referencing_attribute, flow.single) == ("x_flowid", "x_flowid")


# fabricaiskill (G2b): status reason 0 of state 0, a state whose DefaultStatus is 3
def _g2(schema: str, logical: str, kind: str, rows: str = "") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|Description|**{schema}**|\n|DisplayName|**{schema}**|\n|IsValidForForm|True|\n"
        f"|IsValidForRead|True|\n|LogicalName|`{logical}`|\n|RequiredLevel|SystemRequired|\n"
        f"|Type|{kind}|\n{rows}\n"
    )


SKILL = (
    '---\ntitle: "x_skill table/entity reference (Microsoft Dataverse)"\nms.topic: reference\n'
    "---\n\n# x_skill table/entity reference (Microsoft Dataverse)\n\n## Properties\n\n"
    "|Property|Value|\n| --- | --- |\n| **SchemaName** | `x_skill` |\n"
    "| **EntitySetName** | `x_skills`|\n| **LogicalName** | `x_skill` |\n"
    "| **PrimaryIdAttribute** | `x_skillid` |\n| **PrimaryNameAttribute** |`createdby` |\n"
    "| **TableType** | `Standard` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
    "## Writable columns/attributes\n\n"
    + _g2("x_skillId", "x_skillid", "Uniqueidentifier")
    + _g2("statecode", "statecode", "State", "|DefaultFormValue||\n")
    + "#### statecode Choices/Options\n\n|Value|Details|\n|---|---|\n"
    "|0|Label: **Draft**<br />DefaultStatus: 0<br />InvariantName: `Draft`|\n"
    "|2|Label: **Published**<br />DefaultStatus: 3<br />InvariantName: `Published`|\n\n"
    + _g2("statuscode", "statuscode", "Status", "|DefaultFormValue||\n")
    + "#### statuscode Choices/Options\n\n|Value|Details|\n|---|---|\n"
    "|0|Label: **Draft**<br />State:0<br />TransitionData: None|\n"
    "|3|Label: **Published**<br />State:2<br />TransitionData: None|\n\n"
    # officegraphdocument: createdby a String, not the audit lookup
     + _g2("CreatedBy", "createdby", "String", "|Format|Text|\n|MaxLength|2000|\n")
)


def test_status_reason_zero_and_a_string_createdby(tmp_path: Path) -> None:
    skill = table(SKILL)
    status = next(c for c in skill.columns if c.logical_name == "statuscode")
    assert [(o.value, o.state) for o in status.choices] == [(0, 0), (3, 2)]
    root, code = _generate(tmp_path, {"x_skill": SKILL})
    assert code == 0
    assert "createdby" not in _navigations(root, "x_skill")
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == "x_skill"]
    types = {p.get("Name"): p.get("Type") for p in entity.iter(f"{EDM}Property")}
    assert types["createdby"] == "Edm.String"
    sql = (tmp_path / "out" / "sql" / "sqlite" / "schema.sql").read_text()
    assert '"statuscode" INTEGER NOT NULL DEFAULT 0' in sql
    assert '("statecode" = 2 AND "statuscode" IN (3))' in sql


# aiplugingovernance (CE): a page that only changes a column of the Dataverse table
EXTENSION = (
    '---\ntitle: "AI Plugin Governance (AIPluginGovernance) table/entity reference (Microsoft '
    'Dynamics 365)"\nms.topic: generated-reference\n---\n\n# AI Plugin Governance '
    "(AIPluginGovernance) table/entity reference (Microsoft Dynamics 365)\n\n\n\n> [!NOTE]\n> "
    "The Microsoft Dynamics 365 AI Plugin Governance (AIPluginGovernance) table extends the "
    "[Microsoft Dataverse AI Plugin Governance (AIPluginGovernance) table](/power-apps/developer/"
    "data-platform/reference/entities/aiplugingovernance).\n\n\n\n## Customized columns/"
    "attributes\n\nMicrosoft Dynamics 365 modifies the definition of columns/attributes defined "
    'in other solutions. Listed by **SchemaName**.\n\n### <a name="BKMK_OwningBusinessUnit"></a> '
    "OwningBusinessUnit\n\nChanges from [OwningBusinessUnit (Microsoft Dataverse)](/power-apps/"
    "developer/data-platform/reference/entities/aiplugingovernance#BKMK_OwningBusinessUnit)\n\n"
    "|Property|Value|\n|---|---|\n|RequiredLevel|None|\n\n\n\n\n### See also\n\n"
)
GOVERNANCE = (
    '---\ntitle: "AI Plugin Governance (AIPluginGovernance) table/entity reference (Microsoft '
    'Dataverse)"\nms.topic: reference\n---\n\n# AI Plugin Governance (AIPluginGovernance) '
    "table/entity reference\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n"
    "| **SchemaName** | `AIPluginGovernance` |\n| **EntitySetName** | `aiplugingovernances`|\n"
    "| **LogicalName** | `aiplugingovernance` |\n| **PrimaryIdAttribute** | "
    "`aiplugingovernanceid` |\n| **TableType** | `Standard` |\n| **OwnershipType** | "
    "`UserOwned` |\n\n## Read-only columns/attributes\n\n"
    + _g2("AIPluginGovernanceId", "aiplugingovernanceid", "Uniqueidentifier")
    + _g2("OwningBusinessUnit", "owningbusinessunit", "Lookup", "|Targets|businessunit|\n")
)


def test_a_ce_page_that_changes_a_required_level() -> None:
    tables, warnings = resolved(
        ("aiplugingovernance.md", GOVERNANCE), ("aiplugingovernance_d365.md", EXTENSION)
    )
    assert warnings == []
    governance = next(t for t in tables.tables if t.logical_name == "aiplugingovernance")
    unit = next(c for c in governance.columns if c.logical_name == "owningbusinessunit")
    assert unit.required_level is RequiredLevel.NONE


# the round's layering: workqueue customized with a lookup to msdyn_tour (both G2, cut down)
def _g2_page(logical: str, columns: str) -> str:
    return (
        f'---\ntitle: "{logical} table/entity reference (Microsoft Dataverse)"\n'
        f"ms.topic: reference\n---\n\n# {logical} table/entity reference\n\n## Properties\n\n"
        f"|Property|Value|\n| --- | --- |\n| **SchemaName** | `{logical}` |\n"
        f"| **EntitySetName** | `{logical}s`|\n| **LogicalName** | `{logical}` |\n"
        f"| **PrimaryIdAttribute** | `{logical}id` |\n| **TableType** | `Standard` |\n"
        "| **OwnershipType** | `OrganizationOwned` |\n\n## Writable columns/attributes\n\n"
        + _g2(f"{logical}Id", f"{logical}id", "Uniqueidentifier")
        + columns
    )


CUSTOMIZATION = """customizes: workqueue
solution: Contoso Queues
columns:
  - {logical_name: contoso_tourid, schema_name: contoso_TourId, type: Lookup, targets: [msdyn_tour]}
  - {logical_name: contoso_guideid, schema_name: contoso_GuideId, type: Lookup,
     targets: [msdyn_tour]}
  - {logical_name: contoso_partyid, schema_name: contoso_PartyId, type: Customer,
     targets: [msdyn_tour, workqueue]}
relationships:
  many_to_one:
    - {schema_name: contoso_msdyn_tour_workqueue, referenced_entity: msdyn_tour,
       referencing_attribute: contoso_tourid}
    - {schema_name: contoso_msdyn_tour_workqueue_guide, referenced_entity: msdyn_tour,
       referencing_attribute: contoso_guideid,
       referencing_entity_navigation_property_name: contoso_guide}
    - {schema_name: contoso_msdyn_tour_workqueue_party, referenced_entity: msdyn_tour,
       referencing_attribute: contoso_partyid}
    - {schema_name: contoso_workqueue_workqueue_party, referenced_entity: workqueue,
       referencing_attribute: contoso_partyid}
"""


def test_a_lookup_a_customization_adds_is_bound_by_its_schema_name(tmp_path: Path) -> None:
    """Dataverse names an organisation's lookup's navigation property by its SchemaName
    (``contoso_TourId@odata.bind``); one the customization names keeps that name, and a
    Customer lookup is ``<SchemaName>_<table>`` (``tests/test_review12``)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "workqueue.md").write_text(_g2_page("workqueue", ""))
    (specs / "msdyn_tour.md").write_text(_g2_page("msdyn_tour", ""))
    (specs / "workqueue_contoso.yaml").write_text(CUSTOMIZATION)
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]) == 0
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    navigations = _navigations(etree.fromstring(xml), "workqueue")
    assert navigations["contoso_TourId"] == ("mscrm.msdyn_tour", "contoso_msdyn_tour_workqueue")
    assert "contoso_tourid" not in navigations
    assert "contoso_guide" in navigations
    assert {"contoso_PartyId_msdyn_tour", "contoso_PartyId_workqueue"} <= set(navigations)
    schema = (out / "jsonschema" / "workqueue.schema.json").read_text()
    assert '"contoso_TourId@odata.bind"' in schema
    assert '"contoso_tourid@odata.bind"' not in schema
    model = (out / "model" / "workqueue.yaml").read_text()
    assert "referencing_entity_navigation_property_name: contoso_TourId" in model
