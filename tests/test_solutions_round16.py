"""Variations met in a sixteenth round of real solutions outside the corpus (2020 to 2026
folders: YarSol/deploytest's customizations of Microsoft's account, contact, lead and
opportunity with multi-select columns on a global choice, silviocortes/D365DevOps unpacked as
Both with an account holding forms only, fpcesurmalaga/solar in Spanish with formula columns,
Neamidea/Mini-CRM-Solution's currency columns and a table its folder lacks,
kfklaihk/StaffBonusSystem, opentavu/core in English and Spanish layering rollups, a Customer
column, a global choice and status reasons on account and contact), each as a minimal
solution written for the test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dvgen.diagnostics import Diagnostics
from dvgen.model import ColumnType, Table
from dvgen.pipeline import Generation
from tests.solution_support import attribute_xml, generate_unpacked
from tests.test_odata_tools import xsd_errors

# Neamidea/Mini-CRM-Solution (2026): dea_opportunity_Lead_dea_lead names the lookup dea_Lead
# (its SchemaName, <ReferencingAttributeName>dea_Lead). A folder whose Entity.xml does not
# list a lookup its relationship names (an attribute dropped from a copied folder, an older
# export without roles) had the lookup made as its logical name, dea_lead, losing the case
# Dataverse names a custom lookup's navigation property by.
SOLUTION = """<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.26043.149" SolutionPackageVersion="9.2" languagecode="1033">
  <SolutionManifest>
    <UniqueName>MiniCRM</UniqueName>
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>dea</UniqueName>
      <CustomizationPrefix>dea</CustomizationPrefix>
      <CustomizationOptionValuePrefix>10000</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="1" schemaName="dea_lead" behavior="0" />
      <RootComponent type="1" schemaName="dea_opportunity" behavior="0" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
"""


def _entity(schema: str, attributes: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Entity>
  <Name LocalizedName="{schema}" OriginalName="{schema}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}">
      <attributes>
{attributes}      </attributes>
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""


MONEY = "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue>"
OPPORTUNITY = _entity(
    "dea_Opportunity",
    attribute_xml("dea_OpportunityId", "primarykey", custom=0)
    + attribute_xml("dea_OpportunityName", "nvarchar", "<MaxLength>850</MaxLength>")
    + attribute_xml("dea_EstimatedRevenue", "money", MONEY + "<Accuracy>2</Accuracy>")
    + attribute_xml("dea_Customer", "lookup", "<LookupTypes />")
    + attribute_xml("dea_Client", "customer", "<LookupTypes />")
    + attribute_xml("ProcessId", "lookup", "<LookupTypes />", custom=0),
)
LEAD = _entity("dea_Lead", attribute_xml("dea_LeadId", "primarykey", custom=0))
MEETING = _entity(
    "dea_Meeting",
    attribute_xml("ActivityId", "primarykey", custom=0)
    + attribute_xml("Subject", "nvarchar", "<MaxLength>200</MaxLength>", custom=0)
    + attribute_xml("dea_Opportunity", "lookup", "<LookupTypes />"),
).replace("<OwnershipTypeMask>", "<IsActivity>1</IsActivity><OwnershipTypeMask>")


def _relationship(name: str, referenced: str, attribute: str) -> str:
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <ReferencingEntityName>dea_Opportunity</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
  </EntityRelationship>
"""


def _relationships(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<EntityRelationships>\n'
        + "".join(items)
        + "</EntityRelationships>\n"
    )


def _generate(tmp_path: Path) -> tuple[Generation, Diagnostics]:
    files = {
        "Other/Solution.xml": SOLUTION,
        "Entities/dea_Opportunity/Entity.xml": OPPORTUNITY,
        "Entities/dea_Lead/Entity.xml": LEAD,
        "Entities/dea_Meeting/Entity.xml": MEETING,
        "Other/Relationships/dea_Lead.xml": _relationships(
            _relationship("dea_opportunity_Lead_dea_lead", "dea_Lead", "dea_Lead")
        ),
        "Other/Relationships/dea_Opportunity.xml": _relationships(
            _relationship("dea_opportunity_Customer_dea_lead", "dea_Lead", "dea_Customer"),
            _relationship("dea_opportunity_Client_account", "Account", "dea_Client"),
            _relationship("dea_opportunity_Client_contact", "Contact", "dea_Client"),
            _relationship("lk_dea_opportunity_processid", "Workflow", "ProcessId"),
            _relationship(
                "dea_meeting_Opportunity_dea_opportunity",
                "dea_Opportunity",
                "dea_Opportunity",
            ).replace(
                "<ReferencingEntityName>dea_Opportunity<",
                "<ReferencingEntityName>dea_Meeting<",
            ),
        ),
        "Other/Relationships/TransactionCurrency.xml": _relationships(
            _relationship(
                "TransactionCurrency_dea_Opportunity",
                "TransactionCurrency",
                "TransactionCurrencyId",
            )
        ),
    }
    return generate_folder(tmp_path, files)


def generate_folder(tmp_path: Path, files: dict[str, str]) -> tuple[Generation, Diagnostics]:
    """``files`` (path in the folder -> text) as the unpacked solution MiniCRM, generated."""
    return generate_unpacked(tmp_path, "MiniCRM", files)


def test_a_lookup_only_its_relationship_names_keeps_the_case_of_its_schema_name(
    tmp_path: Path,
) -> None:
    generation, diagnostics = _generate(tmp_path)
    assert not diagnostics.has_errors
    table = generation.tables.get("dea_opportunity")
    assert isinstance(table, Table)
    lead = table.column("dea_lead")
    assert lead is not None
    assert lead.schema_name == "dea_Lead"
    assert lead.type is ColumnType.LOOKUP and lead.targets == ("dea_lead",)
    assert [c.logical_name for c in table.columns].count("dea_lead") == 1
    assert "schema_name: dea_Lead\n" in generation.files["model/dea_opportunity.yaml"]
    # A lookup Dataverse creates with every table is left to the rules that make those
    # (dvgen.systemcolumns), though its relationship spells it TransactionCurrencyId too.
    assert [c.logical_name for c in table.columns].count("transactioncurrencyid") == 1
    # The lookup is a foreign key to dea_lead.
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    keys = db.execute("PRAGMA foreign_key_list('dea_opportunity')").fetchall()
    assert ("dea_lead", "dea_lead", "dea_leadid") in {(k[2], k[3], k[4]) for k in keys}


# The same folders keep a relationship's navigation properties in its <EntityRelationshipRoles>;
# one without them (a hand-trimmed folder, an export that states no role) leaves the single-valued
# one to Dataverse's rule: a custom lookup is named by its SchemaName (new_CustomerId@odata.bind
# in microsoft/PowerPlatform-DataverseClient-Python's guidance; the roles of YarSol/deploytest's
# samar_consultantreferrals_relatedopportunity and of Neamidea's dea_opportunity_Lead_dea_lead
# say so), <SchemaName>_<table> for each table of a Customer column, while a lookup Dataverse
# made with the table (<IsCustomField>0) keeps its logical name (processid, as Microsoft's
# phonetocaseprocess has it), and a custom activity's custom lookup is
# <SchemaName>_<activity SchemaName> (opentavu/core's tavu_Meeting: tavu_Opportunity_tavu_Meeting,
# tavu_DraftEmail_tavu_Meeting). tjayawardene-source/PaymentSolution (doc_PaymentID) and
# kfklaihk/StaffBonusSystem (kfklaihk_Approver) state the same names in their roles. dvgen
# named every one by its logical name (dea_customer).
def test_a_custom_lookup_without_roles_is_navigated_by_its_schema_name(tmp_path: Path) -> None:
    generation, diagnostics = _generate(tmp_path)
    assert not diagnostics.has_errors
    metadata = generation.files["odata/metadata.xml"]
    assert xsd_errors(metadata.encode("utf-8")) == []
    for name, target in (
        ("dea_Lead", "dea_lead"),
        ("dea_Customer", "dea_lead"),
        ("dea_Client_account", "account"),
        ("dea_Client_contact", "contact"),
        ("processid", "workflow"),
        ("dea_Opportunity_dea_Meeting", "dea_opportunity"),
    ):
        assert f'<NavigationProperty Name="{name}" Type="mscrm.{target}"' in metadata
    assert '<NavigationProperty Name="ProcessId"' not in metadata
    assert '"dea_Customer@odata.bind"' in generation.files["jsonschema/dea_opportunity.schema.json"]


# opentavu/core (2026) adds rollup Money columns to account and contact; the export lists each
# rollup's value in the base currency beside it, marked <SourceType>2 as well
# (tavu_lifetimerevenue_Base, <CalculationOf>tavu_LifetimeRevenue). dvgen took that column for
# a rollup of its own and gave it a date and a state (tavu_lifetimerevenue_base_date, _state),
# which Dataverse does not have: Microsoft's account EntityType
# (MicrosoftDocs/dynamics365-docs-odata-apis, entitytypes/account.yml) has openrevenue,
# openrevenue_base, openrevenue_date and openrevenue_state, and no openrevenue_base_date.
ROLLUP_MONEY = MONEY + "<Accuracy>2</Accuracy><AccuracySource>2</AccuracySource>"
ROLLUPS = _entity(
    "dea_Opportunity",
    attribute_xml("dea_OpportunityId", "primarykey", custom=0)
    + attribute_xml("dea_OpportunityName", "nvarchar", "<MaxLength>850</MaxLength>")
    + attribute_xml(
        "dea_LifetimeRevenue",
        "money",
        "<SourceType>2</SourceType>" + ROLLUP_MONEY,
    )
    + attribute_xml(
        "dea_lifetimerevenue_Base",
        "money",
        "<SourceType>2</SourceType>"
        + ROLLUP_MONEY
        + "<CalculationOf>dea_LifetimeRevenue</CalculationOf>",
    )
    + attribute_xml("dea_OpenCasesCount", "int", "<SourceType>2</SourceType>"),
)


def test_a_rollups_value_in_the_base_currency_is_no_rollup_of_its_own(tmp_path: Path) -> None:
    files = {
        "Other/Solution.xml": SOLUTION,
        "Entities/dea_Opportunity/Entity.xml": ROLLUPS,
        "Entities/dea_Lead/Entity.xml": LEAD,
    }
    generation, diagnostics = generate_folder(tmp_path, files)
    assert not diagnostics.has_errors
    table = generation.tables.get("dea_opportunity")
    assert isinstance(table, Table)
    names = {c.logical_name for c in table.columns}
    assert {
        "dea_lifetimerevenue",
        "dea_lifetimerevenue_base",
        "dea_lifetimerevenue_date",
        "dea_lifetimerevenue_state",
        "dea_opencasescount_date",
        "dea_opencasescount_state",
    } <= names
    assert not {n for n in names if n.startswith("dea_lifetimerevenue_base_")}
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    columns = {row[1] for row in db.execute("PRAGMA table_info('dea_opportunity')")}
    assert "dea_lifetimerevenue_date" in columns
    assert "dea_lifetimerevenue_base_date" not in columns
