"""A fifty-eighth round of real pages outside the corpus: eight pages of
MicrosoftDocs/dynamics-365-customer-engagement's on-premises reference
(``ce/customerengagement/on-premises/developer/entities/``, the 2019 layout) and two of
powerapps-docs' ``common-data-service`` folder as stored in 2019-2020, drawn with
random.Random(58) among the tables the corpus and the tests did not name (platform, Sales and
Service tables preferred). Rebuilt under /tmp/pages58 from read_file's text (the eight
on-premises pages with some of their ``...Name``/``...YomiName`` blocks and one-to-many
relationships left out):

- uomschedule (commit 24554bac: Messages with an SDK column only, StateCode choices with
  DefaultStatus and InvariantName, ``Format`` on a Memo);
- equipment (13ea883e: business owned, ``SetBusinessEquipment``, a TimeZone Integer);
- expiredprocess (44febe66, 08/29/2022: a business process flow, ``Duration``, ``ExchangeRate``);
- postcomment (1020cd1a, 04/02/2019: ``## Entity Properties``, the "See systemuser Entity"
  many-to-one lines, no Update message);
- userqueryvisualization (0c011248: user owned, one one-to-many relationship and no bullet
  list, a Picklist whose choices carry an empty Description column);
- opportunitysalesprocess (0c011248: a business process flow of Sales, its process log
  relationship ``lk_opportunitysalesprocess_workflowlogs``);
- serviceappointment (0ec1b9d3, 04/02/2019: ``#### X Options`` headings, PartyList columns, a
  Regarding of 87 targets, four states; rebuilt cut to 17 columns and 16 relationships);
- translationprocess (0cf4a2f9, 08/30/2022: the same generator as expiredprocess, rebuilt
  from it with its names, messages and descriptions);
- channelpropertygroup and externalpartyitem (powerapps-docs 21e75aca, ms.date 10/31/2018,
  bold-line layout: ``ComponentState``, ``IsManaged`` with TrueOption/FalseOption, a lookup
  whose Targets are empty, ``OwnershipType: None`` with an Owner column, the table's logical
  name alone on the page's last line).

Read together and each alone: two diagnostics, the first two faults below (with the corpus, one
more: SQL Server's refusal of a second cascade path, ``contact.preferredequipmentid``). SQLite,
PostgreSQL 15, sqlglot (tsql), the OASIS CSDL XSD, the JSON Schema 2020-12 metaschema and the
pydantic package accept the outputs, alone and with the corpus; sample records validate (an
equipment name past 160, a TimeZone past 1500, an ExchangeRate of 0, a ChartType of 2 are
refused). Microsoft's EntityTypes
(dynamics365-docs-odata-apis) for uomschedule, equipment, userqueryvisualization,
expiredprocess, opportunitysalesprocess and translationprocess, compared by eye: every
property, Edm type, lookup property and navigation property the pages describe but the faults
below and the version differences named under Left (channelpropertygroup and
externalpartyitem have no EntityType there).

The fault: equipment's page lists the many-to-one ``equipment_systemuser`` (from
``systemuser``) by a link only, and no lookup of equipment's but the four ``lk_`` ones targets
``systemuser``: "no rule decides which lookup it belongs to", no navigation property, and
``businessunitid`` named ``businessunitid``. Dataverse made that relationship on
``businessunitid`` (Targets ``businessunit``), referencing ``systemuser.businessunitid``:
Microsoft's equipment EntityType has ``businessunitid_businessunit`` (partner
``business_unit_equipment``) and ``businessunitid_systemuser`` (partner
``equipment_systemuser``), as its constraintbasedgroup EntityType has them with
``constraintbasedgroup_systemuser``, and the newer generated pages state both relationships so
(ReferencingAttribute and ReferencedAttribute ``businessunitid``). Now
``webapi.made_links.business_unit_user_link``.

The second: serviceappointment's page lists ``site_ServiceAppointments`` and
``site_service_appointments`` (both from ``site``) by name alone; Site (``siteid``) took the
second by its name, and the first, which spells no lookup, was left with none though the
Regarding lookup holds ``site`` and no other relationship took it. Dataverse names the
relationship it makes when it enables a table for activities ``<table>_<the activity's
CollectionSchemaName>`` (``Account_ServiceAppointments``); Microsoft's ``$metadata`` partners
``site_ServiceAppointments`` with ``regardingobjectid_site_serviceappointment``. Now
``webapi.lookup_links._regarding``.

The third: Microsoft's business process flow tables name their four audit lookups'
navigation properties after the name columns, ``createdbyname`` (partner
``lk_expiredprocess_createdby``) ... ``modifiedonbehalfbyname``: the EntityTypes of
expiredprocess, leadtoopportunitysalesprocess, newprocess, opportunitysalesprocess,
phonetocaseprocess and translationprocess, and the 2025 expiredprocess page; dvgen named them
``createdby``. Now ``webapi.single_names._of_own_flow`` (Microsoft's flows only; a maker's
keeps ``createdby``, no EntityType of one was read).

Left: ``businessunitid_systemuser``'s ReferentialConstraint names ``systemuserid`` (the
default for an unstated ReferencedAttribute) where Dataverse references
``systemuser.businessunitid``: stating it made the placeholder ``systemuser`` declare a
``businessunitid`` property that pushed out its navigation property of that name (the last
test). With no other activity in the set, a lone activity's Regarding is named
``regardingobjectid_<table>`` (``shared`` is empty), where Microsoft has
``regardingobjectid_<table>_serviceappointment``; equipment's and userqueryvisualization's
Owner has no Partner (the pages list no ``owner_`` relationship), and opportunitysalesprocess's
EntityType of 2020 names its lookups after newer relationships (``bpf_quoteid``,
``createdbyname``, partner ``processstage_opportunitysalesprocess``) than the on-premises page
lists (``lk_opportunitysalesprocess_activestageid``, which the 2025 expiredprocess page still
lists): a version difference.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import needs_xsd, xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _lookup(schema: str, description: str, target: str, required: str = "None") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"|Description|{description}|\n|DisplayName|{description}|\n|IsValidForForm|True|\n"
        f"|IsValidForRead|True|\n|LogicalName|{schema.lower()}|\n|RequiredLevel|{required}|\n"
        f"|Targets|{target}|\n|Type|Lookup|\n\n\n"
    )


def _see(schema: str, table: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n**Added by**: System Solution Solution\n\n'
        f"See the [{schema}]({table}.md#BKMK_{schema}) one-to-many relationship for the "
        f"[{table}]({table}.md) entity.\n\n"
    )


def _page(logical: str, schema: str, display: str, relationships: tuple[str, ...]) -> str:
    """A scheduling resource's 2019 on-premises page (equipment's, commit 13ea883e), cut to
    its key, two lookups and three of its many-to-one relationships."""
    return (
        f'---\ntitle: "{display} ({schema})  entity reference (Dynamics 365 Customer '
        'Engagement) | Microsoft Docs"\nms.topic: "reference"\n---\n\n'
        f"# {display} ({schema})  entity reference\n\nResource that can be scheduled.\n\n"
        "**Added by**: Service Solution\n\n\n## Messages\n\n|Message|SDK class or method|\n|-|-|\n"
        "|SetBusinessEquipment|<xref:Microsoft.Crm.Sdk.Messages.SetBusinessEquipmentRequest>|\n"
        "\n## Properties\n\n|Property|Value|\n|--------|-----|\n"
        f"|CollectionSchemaName|{schema}s|\n|DisplayName|{display}|\n"
        f"|EntitySetName|{logical}s|\n|LogicalName|{logical}|\n|OwnershipType|BusinessOwned|\n"
        f"|PrimaryIdAttribute|{logical}id|\n|PrimaryNameAttribute|name|\n|SchemaName|{schema}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
        "These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** "
        "(usually both). Listed by **SchemaName**.\n\n"
        f"- [BusinessUnitId](#BKMK_BusinessUnitId)\n- [{schema}Id](#BKMK_{schema}Id)\n\n\n"
        + _lookup("BusinessUnitId", "Business Unit Id", "businessunit", "SystemRequired")
        + f'### <a name="BKMK_{schema}Id"></a> {schema}Id\n\n|Property|Value|\n|--------|-----|\n'
        f"|Description|Unique identifier.|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|IsValidForUpdate|False|\n|LogicalName|{logical}id|\n|RequiredLevel|SystemRequired|\n"
        "|Type|Uniqueidentifier|\n\n"
        '<a name="read-only-attributes"></a>\n\n## Read-only attributes\n\n'
        "These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. "
        "Listed by **SchemaName**.\n\n- [CreatedBy](#BKMK_CreatedBy)\n\n\n"
        + _lookup("CreatedBy", "Created By", "systemuser")
        + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
        "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship "
        "with the related entity. Listed by **SchemaName**.\n\n"
        + "".join(f"- [{name}](#BKMK_{name})\n" for name, _ in _pairs(relationships))
        + "\n\n"
        + "".join(_see(name, table) for name, table in _pairs(relationships))
        + "### See also\n\n[About the Entity Reference](../about-entity-reference.md)<br />\n"
    )


def _pairs(relationships: tuple[str, ...]) -> list[tuple[str, str]]:
    """``schema:table`` -> (schema, table)."""
    return [(r.split(":")[0], r.split(":")[1]) for r in relationships]


EQUIPMENT = _page(
    "equipment",
    "Equipment",
    "Facility/Equipment",
    (
        "lk_equipment_createdby:systemuser",
        "business_unit_equipment:businessunit",
        "equipment_systemuser:systemuser",
    ),
)


def _generate(
    folder: Path, pages: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> tuple[etree._Element, str]:
    specs = folder / "specs"
    specs.mkdir()
    for name, page in pages.items():
        (specs / f"{name}.md").write_text(page, encoding="utf-8")
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    return etree.fromstring(xml), capsys.readouterr().err


def _navigations(root: etree._Element, logical: str) -> dict[str, str | None]:
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == logical]
    return {n.get("Name", ""): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}


@needs_xsd
def test_a_scheduling_resources_user_relationship_is_on_its_business_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``equipment_systemuser`` belongs to ``businessunitid``: two navigation properties on
    the one lookup, named as Microsoft's equipment EntityType names them (dvgen had
    ``businessunitid`` alone and a ``webapi-navigation`` warning)."""
    root, err = _generate(tmp_path, {"equipment": EQUIPMENT}, capsys)
    assert "webapi-navigation" not in err
    own = _navigations(root, "equipment")
    assert own["businessunitid_businessunit"] == "business_unit_equipment"
    assert own["businessunitid_systemuser"] == "equipment_systemuser"
    assert "businessunitid" not in own
    assert own["createdby"] == "lk_equipment_createdby"
    assert _navigations(root, "systemuser")["equipment_systemuser"] == "businessunitid_systemuser"


@needs_xsd
def test_the_rule_holds_for_another_scheduling_resource(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """constraintbasedgroup's ``constraintbasedgroup_systemuser``, as Microsoft's
    constraintbasedgroup EntityType has it: the rule is the name and the lookup, not a list
    of tables."""
    page = _page(
        "constraintbasedgroup",
        "ConstraintBasedGroup",
        "Resource Group",
        ("business_unit_constraint_based_groups:businessunit",
         "constraintbasedgroup_systemuser:systemuser"),
    )  # fmt: skip
    root, err = _generate(tmp_path, {"constraintbasedgroup": page}, capsys)
    assert "webapi-navigation" not in err
    own = _navigations(root, "constraintbasedgroup")
    assert own["businessunitid_systemuser"] == "constraintbasedgroup_systemuser"
    assert own["businessunitid_businessunit"] == "business_unit_constraint_based_groups"


@needs_xsd
def test_a_user_relationship_named_otherwise_stays_undecided(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A relationship to ``systemuser`` not named ``<table>_systemuser`` is not taken by the
    business unit lookup: no rule decides it, as before."""
    page = EQUIPMENT.replace("equipment_systemuser", "equipment_owner_user")
    root, err = _generate(tmp_path, {"equipment": page}, capsys)
    assert "equipment_owner_user" in err and "webapi-navigation" in err
    own = _navigations(root, "equipment")
    assert own["businessunitid"] == "business_unit_equipment"


def _activity_page(relationships: tuple[str, ...]) -> str:
    """Service Activity's 2019 on-premises page (commit 0ec1b9d3), cut to its key, its
    Regarding (Targets cut to four), its Site and some of its many-to-one relationships."""
    return (
        '---\ntitle: "ServiceAppointment Entity Reference (Dynamics 365 Customer Engagement)| '
        'MicrosoftDocs"\nms.date: 04/02/2019\n---\n# ServiceAppointment Entity Reference\n\n'
        "Activity offered by the organization to satisfy its customer's needs.\n\n"
        "**Added by**: Service Solution\n\n\n## Entity Properties\n\n|Property|Value|\n"
        "|--------|-----|\n|CollectionSchemaName|ServiceAppointments|\n"
        "|DisplayName|Service Activity|\n|EntitySetName|serviceappointments|\n"
        "|LogicalName|serviceappointment|\n|OwnershipType|UserOwned|\n"
        "|PrimaryIdAttribute|activityid|\n|PrimaryNameAttribute|subject|\n"
        "|SchemaName|ServiceAppointment|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
        "These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** "
        "(usually both). Listed by **SchemaName**.\n\n- [ActivityId](#BKMK_ActivityId)\n"
        "- [RegardingObjectId](#BKMK_RegardingObjectId)\n- [SiteId](#BKMK_SiteId)\n\n\n"
        '### <a name="BKMK_ActivityId"></a> ActivityId\n\n|Property|Value|\n|--------|-----|\n'
        "|Description|Unique identifier of the service activity.|\n|IsValidForForm|False|\n"
        "|IsValidForRead|True|\n|IsValidForUpdate|False|\n|LogicalName|activityid|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n\n"
        + _lookup("RegardingObjectId", "Regarding", "account,contact,opportunity,site")
        + _lookup("SiteId", "Site", "site")
        + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
        "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship "
        "with the related entity. Listed by **SchemaName**.\n\n"
        + "".join(f"- [{name}](#BKMK_{name})\n" for name, _ in _pairs(relationships))
        + "\n\n"
        + "".join(
            f'### <a name="BKMK_{name}"></a> {name}\n\nSee {table} Entity '
            f"[{name}]({table}.md#BKMK_{name}) One-To-Many relationship.\n\n"
            for name, table in _pairs(relationships)
        )
    )


SITE_REGARDING = "site_ServiceAppointments"
SITE_LOOKUP = "site_service_appointments"


@needs_xsd
@pytest.mark.parametrize("order", [(SITE_REGARDING, SITE_LOOKUP), (SITE_LOOKUP, SITE_REGARDING)])
def test_an_activitys_regarding_relationship_to_a_table_another_lookup_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], order: tuple[str, str]
) -> None:
    """``site_ServiceAppointments`` (``<referenced>_<CollectionSchemaName>``) is Regarding's,
    ``site_service_appointments`` Site's, as Microsoft's $metadata partners them (dvgen gave
    Site the second, then left the first with no lookup, warned ``webapi-navigation`` and
    declared no navigation property for it), in either order on the page."""
    page = _activity_page(("Account_ServiceAppointments:account", *(f"{n}:site" for n in order)))
    root, err = _generate(tmp_path, {"serviceappointment": page}, capsys)
    assert "webapi-navigation" not in err
    partners = {p: n for n, p in _navigations(root, "serviceappointment").items()}
    assert partners[SITE_LOOKUP] == "siteid"
    assert partners[SITE_REGARDING].startswith("regardingobjectid_site")
    assert partners["Account_ServiceAppointments"].startswith("regardingobjectid_account")


@needs_xsd
def test_the_regarding_rule_needs_the_collection_schema_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the page's CollectionSchemaName no name is compared: as before, the relationship
    Site's name does not spell is left to no lookup."""
    page = _activity_page((f"{SITE_LOOKUP}:site", f"{SITE_REGARDING}:site")).replace(
        "|CollectionSchemaName|ServiceAppointments|\n", ""
    )
    _, err = _generate(tmp_path, {"serviceappointment": page}, capsys)
    assert SITE_REGARDING in err and "webapi-navigation" in err


def _flow_page(logical: str, schema: str) -> str:
    """A business process flow's 2022 on-premises page (expiredprocess's, commit 44febe66),
    cut to its key, two of its audit lookups, its active stage and their relationships."""
    return (
        f'---\ntitle: "{schema} entity reference (Dynamics 365 Customer Engagement) | '
        f'Microsoft Docs"\nms.date: 08/29/2022\n---\n\n# {schema} entity reference\n\n'
        f"{schema} Business Process Flow\n\n\n## Properties\n\n|Property|Value|\n|--------|-----|\n"
        f"|CollectionSchemaName|{schema}es|\n|EntitySetName|{logical}es|\n|IsBPFEntity|True|\n"
        f"|LogicalName|{logical}|\n|OwnershipType|OrganizationOwned|\n"
        "|PrimaryIdAttribute|businessprocessflowinstanceid|\n|PrimaryNameAttribute|name|\n"
        f"|SchemaName|{schema}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
        "These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** "
        "(usually both). Listed by **SchemaName**.\n\n- [ActiveStageId](#BKMK_ActiveStageId)\n"
        "- [BusinessProcessFlowInstanceId](#BKMK_BusinessProcessFlowInstanceId)\n\n\n"
        + _lookup("ActiveStageId", "Active Stage", "processstage")
        + '### <a name="BKMK_BusinessProcessFlowInstanceId"></a> BusinessProcessFlowInstanceId'
        "\n\n|Property|Value|\n|--------|-----|\n|Description|Unique identifier.|\n"
        "|IsValidForForm|False|\n|IsValidForRead|True|\n|IsValidForUpdate|False|\n"
        "|LogicalName|businessprocessflowinstanceid|\n|RequiredLevel|SystemRequired|\n"
        "|Type|Uniqueidentifier|\n\n"
        '<a name="read-only-attributes"></a>\n\n## Read-only attributes\n\n'
        "These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. "
        "Listed by **SchemaName**.\n\n- [CreatedBy](#BKMK_CreatedBy)\n"
        "- [ModifiedOnBehalfBy](#BKMK_ModifiedOnBehalfBy)\n\n\n"
        + _lookup("CreatedBy", "Created By", "systemuser")
        + _lookup("ModifiedOnBehalfBy", "Modified By (Delegate)", "systemuser")
        + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
        "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship "
        "with the related entity. Listed by **SchemaName**.\n\n"
        f"- [lk_{logical}_createdby](#BKMK_lk_{logical}_createdby)\n"
        f"- [lk_{logical}_modifiedonbehalfby](#BKMK_lk_{logical}_modifiedonbehalfby)\n"
        f"- [lk_{logical}_activestageid](#BKMK_lk_{logical}_activestageid)\n\n\n"
        + _see(f"lk_{logical}_createdby", "systemuser")
        + _see(f"lk_{logical}_modifiedonbehalfby", "systemuser")
        + _see(f"lk_{logical}_activestageid", "processstage")
    )


@needs_xsd
@pytest.mark.parametrize(
    ("logical", "schema"),
    [("expiredprocess", "ExpiredProcess"), ("translationprocess", "TranslationProcess")],
)
def test_a_microsoft_flows_audit_lookups_are_named_by_their_name_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], logical: str, schema: str
) -> None:
    """Microsoft's business process flow tables name their audit lookups' navigation
    properties ``createdbyname``, ``modifiedonbehalfbyname`` (their EntityTypes, and the 2025
    expiredprocess page), the others by logical name (dvgen had ``createdby``)."""
    root, _ = _generate(tmp_path, {logical: _flow_page(logical, schema)}, capsys)
    own = _navigations(root, logical)
    assert own["createdbyname"] == f"lk_{logical}_createdby"
    assert own["modifiedonbehalfbyname"] == f"lk_{logical}_modifiedonbehalfby"
    assert own["activestageid"] == f"lk_{logical}_activestageid"
    assert "createdby" not in own


@needs_xsd
def test_a_makers_flow_keeps_its_audit_lookups_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A flow not of Microsoft's own list keeps ``createdby``: no EntityType of one was read."""
    page = _flow_page("new_bpf_orderflow", "new_bpf_orderflow")
    root, _ = _generate(tmp_path, {"new_bpf_orderflow": page}, capsys)
    own = _navigations(root, "new_bpf_orderflow")
    assert own["createdby"] == "lk_new_bpf_orderflow_createdby"


BUSINESS_UNIT = (
    '---\ntitle: "BusinessUnit Entity Reference"\n---\n# BusinessUnit Entity Reference\n\n'
    "## Properties\n\n|Property|Value|\n|--------|-----|\n|EntitySetName|businessunits|\n"
    "|LogicalName|businessunit|\n|PrimaryIdAttribute|businessunitid|\n"
    "|SchemaName|BusinessUnit|\n\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "- [BusinessUnitId](#BKMK_BusinessUnitId)\n\n\n"
    '### <a name="BKMK_BusinessUnitId"></a> BusinessUnitId\n\n|Property|Value|\n'
    "|--------|-----|\n|Description|Unique identifier.|\n|IsValidForRead|True|\n"
    "|IsValidForUpdate|False|\n|LogicalName|businessunitid|\n|RequiredLevel|SystemRequired|\n"
    "|Type|Uniqueidentifier|\n\n"
    '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\nListed by **SchemaName**.\n\n'
    "- [business_unit_system_users](#BKMK_business_unit_system_users)\n\n\n"
    '### <a name="BKMK_business_unit_system_users"></a> business_unit_system_users\n\n'
    "Same as the [business_unit_system_users](systemuser.md#BKMK_business_unit_system_users) "
    "many-to-one relationship for the [systemuser](systemuser.md) entity.\n\n"
    "|Property|Value|\n|--------|-----|\n|ReferencingEntity|systemuser|\n"
    "|ReferencingAttribute|businessunitid|\n|ReferencedEntityNavigationPropertyName|"
    "business_unit_system_users|\n|CascadeConfiguration|Assign: NoCascade<br />"
    "Delete: Restrict<br />Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />"
    "Unshare: NoCascade|\n"
)


@needs_xsd
def test_the_users_business_unit_keeps_its_navigation_property(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With businessunit's page in the set, ``systemuser`` (outside it) keeps its
    ``businessunitid`` navigation property: the rule above leaves the ReferencedAttribute
    unstated, so the placeholder declares no ``businessunitid`` property to collide with it."""
    root, err = _generate(tmp_path, {"equipment": EQUIPMENT, "businessunit": BUSINESS_UNIT}, capsys)
    assert "left out" not in err and "webapi-navigation" not in err
    user = _navigations(root, "systemuser")
    assert user["businessunitid"] == "business_unit_system_users"
    assert user["equipment_systemuser"] == "businessunitid_systemuser"
