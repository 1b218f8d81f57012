"""A fifty-fourth round of real pages outside the corpus: older (2017-2018) pages of
MicrosoftDocs/dynamics-365-customer-engagement (``ce/developer/entities/``), drawn with
random.Random(54) among the 136 apps' tables of ``ce/developer/entities/toc.yml`` (commit
142efd27) that the corpus, the seed and the tests do not name, in the draw's order, taking
those under ~35k characters (msdyn_workhourtemplate 35,649, then msdyn_requirementstatus and
msdyn_transactioncategoryclassification; msdyn_iotdevice 36,695, msdyn_iotdevicecommand,
msdyn_resourceassignment, msdyn_journalline, msdyn_timegroup, msdyn_agreementinvoicedate,
msdyn_bookingrule and msdyn_workorderincident, 38-67k, passed over). Rebuilt under /tmp/pages54
from read_file's text, each of exactly read_file's ``total_chars``:

- msdyn_workhourtemplate (commit 1496009c, 10/31/2017 bold-line layout, ``## Properties``:
  user owned, 13 messages, a lookup to bookableresource, five solution relationships);
- msdyn_requirementstatus (0decdcea, 12/05/2017 table layout, ``#### msdyn_Status Options``:
  user owned, a Picklist of three choices, three relationships to msdyn_bookingsetupmetadata);
- msdyn_transactioncategoryclassification (3551749d, 10/31/2017 bold-line layout under
  ``## Entity Properties``: organization owned, seven messages, a Picklist of eight choices);
- msdyn_orderinvoicingdate (37d5f6b9, 12/05/2017 table layout, 31,367, thirteenth of the draw,
  msdyn_orderlineresourcecategory 35,878 before it left for time: Field Service, an empty
  description, lookups to invoice and salesorder, a TimeZoneIndependent DateTime).

Read together and each alone: no diagnostic but PostgreSQL's 63-byte constraint names
(``sql-name-changed``, as meant). SQLite, PostgreSQL 15, sqlglot (tsql), the OASIS CSDL XSD,
the JSON Schema 2020-12 metaschema and the pydantic package accept all four. Microsoft's
EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis) hold all four: every property, lookup
property, single-valued navigation property and Partner is dvgen's, and every collection the
pages list with its Partner, but seven names spelt by SchemaName (below: five Partners and
msdyn_orderinvoicingdate's two lookups; and ``msdyn_Status`` of
``msdyn_requirementstatus_resourcerequirement_status``, which no page spells) and those the
EntityTypes of 2021 have from newer relationships
(``msdyn_msdyn_workhourtemplate_account_workhourtemplate``...).

Left, not fixed (one round's evidence cannot decide it): the Partner of a collection to a table
outside the set, from a relationship a maker named ``<prefix>_<referenced>_<referencing>_<Lookup>``
(``msdyn_msdyn_requirementstatus_msdyn_bookingsetupmetadata_DefaultRequirementActiveStatus``,
referencing attribute ``msdyn_defaultrequirementactivestatus``), is the lookup's logical name;
Microsoft's msdyn_requirementstatus EntityType partners it with
``msdyn_DefaultRequirementActiveStatus`` (and the Canceled and Completed kin so), its
msdyn_workhourtemplate EntityType ``..._msdyn_projectparameter_defaultWorkTemplate`` with
``msdyn_defaultWorkTemplate``, as ``msdyn_msdyn_journal_msdyn_journalline_Journal`` is partnered
with ``msdyn_Journal`` (round 47), round 52's msdyn_analysisresultdetail page states
``msdyn_AnalysisResult`` and an early-bound class has ``msdyn_msdyn_iotalert_incident_IoTAlert``'s
``msdyn_IoTAlert``. But Field Service's tables keep logical names: Microsoft's msdyn_paymentterm
EntityType partners ``msdyn_msdyn_paymentterm_msdyn_purchaseorder_PaymentTerm`` (and
``..._purchaseorderbill_...``) with ``msdyn_paymentterm``, and tests/test_webapi_apps.py pins
``msdyn_msdyn_priority_msdyn_workorder_Priority``'s ``msdyn_priority`` against
``..._msdyn_resourcerequirement_Priority``'s ``msdyn_Priority``, from one Scheduling table: the
referencing table decides, and no page of the set says how a table outside it names lookups.
msdyn_orderinvoicingdate, a Field Service table, shows the app does not decide it either:
Microsoft partners
``msdyn_msdyn_orderinvoicingdate_msdyn_orderinvoicingsetupdate_OrderInvoicingDate`` with
``msdyn_OrderInvoicingDate``, and names the table's own lookups ``msdyn_Invoice`` and
``msdyn_Order`` (relationships ``msdyn_invoice_msdyn_orderinvoicingdate_Invoice``,
``msdyn_salesorder_msdyn_orderinvoicingdate_Order``), where dvgen, holding Field Service's
tables to logical names (``single_names.SCHEMA_NAMED_APPS``, from ``msdyn_workorder``'s 21 of
24), gives ``msdyn_invoice`` and ``msdyn_order``: the third test holds that as a strict
expected failure. A rule gated on the referenced table's app (tried: right for the eight above, for
msdyn_paymentterm's two, the corpus unchanged) breaks that msdyn_priority pin;
the second test below holds Microsoft's names as a strict expected failure until a rule can
tell the apps apart (the tried patch: /tmp/bid54/partner_rule.patch). Round 56 found the rule:
the referencing table decides, a few older tables of the apps keeping logical names
(``dataverse_tables.LOGICALLY_NAMED_LOOKUPS``); the second test passes, the third holds the
new expectation (tests/test_parse_unseen56.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import needs_xsd, xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
NAME = "msdyn_requirementstatus"
ACTIVE = f"msdyn_{NAME}_msdyn_bookingsetupmetadata_DefaultRequirementActiveStatus"
WORK = f"msdyn_{NAME}_msdyn_projectparameter_defaultWorkTemplate"
STATUS = f"{NAME}_resourcerequirement_status"
PLAIN = f"{NAME}_msdyn_bookingrule_BookingRule"


def _one_to_many(schema: str, table: str, column: str) -> str:
    return (
        f'\n\n### <a name="BKMK_{schema}"></a> {schema}\n\n'
        f"Same as {table} entity [{schema}]({table}.md#BKMK_{schema}) Many-To-One relationship.\n\n"
        f"|Property|Value|\n|--------|-----|\n|ReferencingEntity|{table}|\n"
        f"|ReferencingAttribute|{column}|\n|IsHierarchical|False|\n|IsCustomizable|True|\n"
        f"|ReferencedEntityNavigationPropertyName|{schema}|\n"
        "|AssociatedMenuConfiguration|Behavior: UseCollectionName<br />Group: Details<br />"
        "Label: <br />Order: 10000|\n|CascadeConfiguration|Assign: NoCascade<br />"
        "Delete: RemoveLink<br />Merge: NoCascade<br />Reparent: NoCascade<br />"
        "Share: NoCascade<br />Unshare: NoCascade|\n"
    )


# msdyn_requirementstatus's page (0decdcea), cut to its key, its Picklist and five of its
# one-to-many relationships; the fourth is workhourtemplate's, the fifth made up
PAGE = (
    f"---\ntitle: \"{NAME} Entity Reference (Developer Guide for Dynamics 365 for Customer "
    "Engagement)| MicrosoftDocs\"\nms.date: 12/05/2017\n---\n"
    f"# {NAME} Entity Reference\n\nRequirement Status\n\n"
    "**Added by**: Unified Resource Scheduling Solution<br />\n\n"
    "## Entity Properties\n\n|Property|Value|\n|--------|-----|\n"
    "|CollectionSchemaName|msdyn_requirementstatuses|\n|DisplayName|Requirement Status|\n"
    "|EntitySetName|msdyn_requirementstatuses|\n|LogicalName|msdyn_requirementstatus|\n"
    "|OwnershipType|OrganizationOwned|\n|PrimaryIdAttribute|msdyn_requirementstatusid|\n"
    "|SchemaName|msdyn_requirementstatus|\n\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "- [msdyn_requirementstatusId](#BKMK_msdyn_requirementstatusId)\n"
    "- [msdyn_Status](#BKMK_msdyn_Status)\n\n\n"
    '### <a name="BKMK_msdyn_requirementstatusId"></a> msdyn_requirementstatusId\n\n'
    "|Property|Value|\n|--------|-----|\n"
    "|Description|A unique identifier for an entity instance.|\n"
    "|DisplayName|Requirement Status|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
    "|IsValidForUpdate|False|\n|LogicalName|msdyn_requirementstatusid|\n"
    "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n\n"
    '### <a name="BKMK_msdyn_Status"></a> msdyn_Status\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|The status of a requirement.|\n|DisplayName|Status|\n|IsValidForForm|True|\n"
    "|IsValidForRead|True|\n|LogicalName|msdyn_status|\n|RequiredLevel|ApplicationRequired|\n"
    "|Type|Picklist|\n\n#### msdyn_Status Options\n\n|Value|Label|\n|-----|-----|\n"
    "|690970000|Active|\n|690970001|Completed|\n|690970002|Canceled|\n\n\n"
    '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\nListed by **SchemaName**.\n\n'
    + "".join(f"- [{n}](#BKMK_{n})\n" for n in (ACTIVE, STATUS, WORK, PLAIN))
    + _one_to_many(ACTIVE, "msdyn_bookingsetupmetadata", "msdyn_defaultrequirementactivestatus")
    + _one_to_many(STATUS, "msdyn_resourcerequirement", "msdyn_status")
    + _one_to_many(WORK, "msdyn_projectparameter", "msdyn_defaultworktemplate")
    + _one_to_many(PLAIN, "msdyn_bookingrule", "msdyn_bookingrule")
)  # fmt: skip


def _generate(folder: Path) -> tuple[Path, etree._Element]:
    specs = folder / "specs"
    specs.mkdir()
    (specs / f"{NAME}.md").write_text(PAGE, encoding="utf-8")
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    return out, etree.fromstring(xml)


def _navigations(root: etree._Element, logical: str) -> dict[str, str | None]:
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == logical]
    return {n.get("Name", ""): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}


UNTOLD = (
    "the referencing table (outside the set) decides: some Field Service tables keep logical names"
)


@needs_xsd
def test_a_scheduling_tables_page_parses_whole(tmp_path: Path) -> None:
    """The 2017 table layout's Picklist under ``#### msdyn_Status Options``, its key and its
    relationships are read; the CSDL passes the OASIS XSD and SQLite takes the DDL. A name
    without the prefix before the tables' names, or whose last part is in lower case, keeps the
    column's name (``msdyn_status``, as Microsoft's ``msdyn_Status`` no page spells)."""
    out, root = _generate(tmp_path)
    own = _navigations(root, NAME)
    assert own[STATUS] == "msdyn_status"
    assert own[PLAIN] == "msdyn_bookingrule"
    model = (out / "model" / f"{NAME}.yaml").read_text("utf-8")
    assert "value: 690970002\n    label: Canceled" in model
    connection = sqlite3.connect(":memory:")
    connection.executescript((out / "sql" / "sqlite" / "schema.sql").read_text("utf-8"))
    rows = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert NAME in rows


@needs_xsd
def test_a_lookup_a_maker_named_after_the_publishers_prefix(tmp_path: Path) -> None:
    """``msdyn_msdyn_requirementstatus_msdyn_bookingsetupmetadata_DefaultRequirementActiveStatus``
    (referencing attribute ``msdyn_defaultrequirementactivestatus``) is partnered with the
    lookup's SchemaName, ``msdyn_DefaultRequirementActiveStatus``, as Microsoft's EntityType has
    it, and ``..._defaultWorkTemplate`` with ``msdyn_defaultWorkTemplate`` (a last part opening
    in lower case, as its EntityType has it); a last part in lower case (``..._status``) and a
    name without the prefix before the tables' keep the column's name (the test above)."""
    _, root = _generate(tmp_path)
    own = _navigations(root, NAME)
    assert own[ACTIVE] == "msdyn_DefaultRequirementActiveStatus"
    assert own[WORK] == "msdyn_defaultWorkTemplate"
    outside = _navigations(root, "msdyn_bookingsetupmetadata")
    assert outside["msdyn_DefaultRequirementActiveStatus"] == ACTIVE


@needs_xsd
def test_the_referenced_tables_app_does_not_name_the_partner(tmp_path: Path) -> None:
    """The same relationships of a table Field Service added are partnered alike: the
    referencing table names its lookup, not the referenced table's app (round 56: Microsoft
    partners Field Service's
    ``msdyn_msdyn_quoteinvoicingsetup_msdyn_quoteinvoicingproduct_QuoteInvoicingSetup`` with
    ``msdyn_QuoteInvoicingSetup``, and ``msdyn_msdyn_paymentterm_msdyn_purchaseorder_PaymentTerm``
    with ``msdyn_paymentterm`` because ``msdyn_purchaseorder`` keeps logical names:
    ``dataverse_tables.LOGICALLY_NAMED_LOOKUPS``)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    page = PAGE.replace("Unified Resource Scheduling Solution", "Field Service Solution")
    (specs / f"{NAME}.md").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    own = _navigations(etree.fromstring(xml), NAME)
    assert own[ACTIVE] == "msdyn_DefaultRequirementActiveStatus"
    assert own[WORK] == "msdyn_defaultWorkTemplate"


INVOICE = "msdyn_invoice_msdyn_orderinvoicingdate_Invoice"
# msdyn_orderinvoicingdate's page (37d5f6b9), cut to its key, one lookup and its relationship
ORDER_INVOICING_DATE = (
    '---\ntitle: "msdyn_orderinvoicingdate Entity Reference (Developer Guide for Dynamics 365 '
    'for Customer Engagement)| MicrosoftDocs"\n---\n# msdyn_orderinvoicingdate Entity Reference\n\n'
    "\n\n**Added by**: Field Service Solution<br />\n\n"
    "## Entity Properties\n\n|Property|Value|\n|--------|-----|\n"
    "|EntitySetName|msdyn_orderinvoicingdates|\n|LogicalName|msdyn_orderinvoicingdate|\n"
    "|OwnershipType|UserOwned|\n|PrimaryIdAttribute|msdyn_orderinvoicingdateid|\n"
    "|SchemaName|msdyn_orderinvoicingdate|\n\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "- [msdyn_Invoice](#BKMK_msdyn_Invoice)\n\n\n"
    '### <a name="BKMK_msdyn_Invoice"></a> msdyn_Invoice\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|Shows the invoice generated for this invoice date.|\n|DisplayName|Invoice|\n"
    "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|msdyn_invoice|\n"
    "|RequiredLevel|None|\n|Targets|invoice|\n|Type|Lookup|\n\n"
    '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    f"- [{INVOICE}](#BKMK_{INVOICE})\n\n\n"
    f'### <a name="BKMK_{INVOICE}"></a> {INVOICE}\n\n'
    f"See invoice Entity [{INVOICE}](invoice.md#BKMK_{INVOICE}) One-To-Many relationship.\n"
)  # fmt: skip


@needs_xsd
@pytest.mark.xfail(strict=True, reason="Field Service names some tables' lookups by SchemaName")
def test_a_field_service_tables_lookup_named_by_schema_name(tmp_path: Path) -> None:
    """Microsoft's msdyn_orderinvoicingdate EntityType names the lookup ``msdyn_Invoice``
    (partnered with ``msdyn_invoice_msdyn_orderinvoicingdate_Invoice``), though Field Service
    keeps logical names for most of ``msdyn_workorder``'s: no page tells the two apart."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "msdyn_orderinvoicingdate.md").write_text(ORDER_INVOICING_DATE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    own = _navigations(etree.fromstring(xml), "msdyn_orderinvoicingdate")
    assert own.get("msdyn_Invoice") == INVOICE, sorted(own)
