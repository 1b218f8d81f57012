"""Variations met in an eighteenth round of real solutions outside the corpus (2013 to 2026
folders: ahmed-elgahmy/Enterprise-Finance-Platform's fin_ tables unpacked as Both, lookups named
as the tables they reference; violetta-org/kpi-management-system's self-referencing tasks and
job positions and two lookups of one table to another; ryanm-plastic-recycling/datastream-books'
organization-owned ledger with its own lookups to systemuser; 29xh24fm6r-ctrl/Commercial-LOS'
180 cr664_ tables, a relationship name cut at 100 characters; CristinaM02/Public-issues-tracker's
File column and business process flow; john00/crm's Japanese CRM 2013 export, whose roles name
no navigation property), each navigation property dvgen gives their lookups held to what the
export's ``<EntityRelationshipRoles>`` state, and to the same names with the roles left out; as
a minimal solution written for the test.

Every stated name was reproduced, with the roles and without. The rule for a lookup an
organisation adds to an activity was not, where the activity's lookup holds several tables (a
Customer column) or the table is customized by a YAML spec (``dvgen.madenames``), nor the name
of a File column's relationship to its ``fileattachment`` row, which no export gives a role."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate
from tests.test_odata_tools import xsd_errors

SOLUTION = """<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.26061.150" SolutionPackageVersion="9.2" languagecode="1033">
  <SolutionManifest>
    <UniqueName>Visits</UniqueName>
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>visits</UniqueName>
      <CustomizationPrefix>new</CustomizationPrefix>
      <CustomizationOptionValuePrefix>79611</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="1" schemaName="new_site" behavior="0" />
      <RootComponent type="1" schemaName="new_visit" behavior="0" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
"""


def _attribute(physical: str, kind: str, custom: int = 1, mask: str = "") -> str:
    logical = physical.lower()
    shown = f"<DisplayMask>{mask}</DisplayMask>" if mask else ""
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>none</RequiredLevel>{shown}"
        f"<IsCustomField>{custom}</IsCustomField><LookupStyle>single</LookupStyle>"
        f'<LookupTypes /><displaynames><displayname description="{physical}" '
        'languagecode="1033" /></displaynames></attribute>\n'
    )


def _entity(schema: str, attributes: str, activity: bool = False) -> str:
    flag = "<IsActivity>1</IsActivity>" if activity else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Entity>
  <Name LocalizedName="{schema}" OriginalName="{schema}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}">
      <attributes>
{attributes}      </attributes>
      <EntitySetName>{schema.lower()}s</EntitySetName>
      {flag}<OwnershipTypeMask>UserOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""


def _relationship(name: str, referenced: str, attribute: str, roles: tuple[str, str] | None) -> str:
    stated = ""
    if roles is not None:
        stated = (
            "<EntityRelationshipRoles><EntityRelationshipRole>"
            f"<NavigationPropertyName>{roles[0]}</NavigationPropertyName>"
            "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
            "<EntityRelationshipRole>"
            f"<NavigationPropertyName>{roles[1]}</NavigationPropertyName>"
            "<RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole>"
            "</EntityRelationshipRoles>"
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<EntityRelationships>
  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <ReferencingEntityName>new_Visit</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
    {stated}
  </EntityRelationship>
</EntityRelationships>
"""


def _generate(specs: Path, files: dict[str, str]) -> tuple[Generation, Diagnostics]:
    for relative, text in files.items():
        path = specs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(specs=specs, out=specs.parent / "out", cache=False)
    return generate(config, diagnostics), diagnostics


CUSTOMER = {
    "account": "new_account_new_visit_Customer",
    "contact": "new_contact_new_visit_Customer",
}


def _visits(specs: Path, roles: bool) -> tuple[Generation, Diagnostics]:
    def role(single: str, collection: str) -> tuple[str, str] | None:
        return (single, collection) if roles else None

    visit = (
        _attribute("ActivityId", "primarykey", custom=0)
        + _attribute("Subject", "nvarchar", custom=0, mask="PrimaryName")
        + _attribute("new_Customer", "customer")
        + _attribute("new_Site", "lookup")
    )
    files = {
        "Other/Solution.xml": SOLUTION,
        "Entities/new_Visit/Entity.xml": _entity("new_Visit", visit, activity=True),
        "Entities/new_Site/Entity.xml": _entity(
            "new_Site",
            _attribute("new_SiteId", "primarykey", custom=0)
            + _attribute("new_Name", "nvarchar", mask="PrimaryName"),
        ),
        "Other/Relationships/new_Site.xml": _relationship(
            "new_new_site_new_visit_Site",
            "new_Site",
            "new_Site",
            role("new_Site_new_Visit", "new_new_site_new_visit_Site"),
        ),
    }
    for target, name in CUSTOMER.items():
        files[f"Other/Relationships/{target.title()}.xml"] = _relationship(
            name, target.title(), "new_Customer", role(f"new_Customer_new_Visit_{target}", name)
        )
    return _generate(specs / "Visits", files)


# Omnichannel's custom activity msdyn_ocliveworkitem navigates its Customer column
# msdyn_customer as msdyn_customer_msdyn_ocliveworkitem_account and ..._contact (its reference
# page in MicrosoftDocs/dynamics-365-customer-engagement, and the code that binds it):
# <lookup SchemaName>_<activity SchemaName>_<table>, the activity's name after the lookup's as
# for its one-table lookups (opentavu/core's tavu_Opportunity_tavu_Meeting), where the Regarding
# it inherits is regardingobjectid_<table>_<activity>. A folder whose relationships state no
# role left the activity out (new_Customer_account), though an export that states them says
# new_Customer_new_Visit_account: with the roles and without, the names are the same now.
def test_an_activity_s_customer_column_is_navigated_after_the_activity_s_name(
    tmp_path: Path,
) -> None:
    outputs = []
    for roles in (True, False):
        generation, diagnostics = _visits(tmp_path / f"roles-{roles}" / "specs", roles)
        assert not diagnostics.has_errors, [str(d) for d in diagnostics]
        metadata = generation.files["odata/metadata.xml"]
        assert xsd_errors(metadata.encode("utf-8")) == []
        for target, collection in CUSTOMER.items():
            single = f"new_Customer_new_Visit_{target}"
            declared = f'<NavigationProperty Name="{single}" Type="mscrm.{target}"'
            assert f'{declared} Nullable="false" Partner="{collection}"' in metadata
            assert f'Name="new_Customer_{target}"' not in metadata
        assert '<NavigationProperty Name="new_Site_new_Visit" Type="mscrm.new_site"' in metadata
        schema = generation.files["jsonschema/new_visit.schema.json"]
        assert '"new_Customer_new_Visit_account@odata.bind"' in schema
        Draft202012Validator.check_schema(json.loads(schema))
        outputs.append(metadata)
    assert outputs[0] == outputs[1]


SMS = """\
logical_name: new_sms
schema_name: new_Sms
display_name: SMS
entity_set_name: new_smses
primary_id_attribute: activityid
primary_name_attribute: subject
columns:
  - {logical_name: activityid, schema_name: ActivityId, type: Uniqueidentifier,
     required_level: SystemRequired}
  - {logical_name: subject, schema_name: Subject, type: String, max_length: 400}
"""
NOTE = SMS.replace("new_sms", "new_note").replace("new_Sms", "new_Note")
NOTE = NOTE.replace("activityid", "new_noteid").replace("ActivityId", "new_NoteId")
CUSTOMIZATION = """\
customizes: {table}
solution: Contoso Core
columns:
  - {{logical_name: contoso_siteid, schema_name: contoso_SiteId, type: Lookup,
     targets: [account]}}
  - {{logical_name: contoso_partyid, schema_name: contoso_PartyId, type: Customer,
     targets: [account, contact]}}
relationships:
  many_to_one:
    - {{schema_name: contoso_account_{table}_SiteId, referenced_entity: account,
       referencing_attribute: contoso_siteid}}
    - {{schema_name: contoso_account_{table}_PartyId, referenced_entity: account,
       referencing_attribute: contoso_partyid}}
    - {{schema_name: contoso_contact_{table}_PartyId, referenced_entity: contact,
       referencing_attribute: contoso_partyid}}
"""


# A YAML customization that adds a lookup to an activity had it navigated by its SchemaName
# alone (contoso_SiteId, contoso_PartyId_account), where an unpacked solution's lookup on an
# activity ends with the activity's SchemaName, as Microsoft's email EntityType has
# ReceivingMailboxId_Email (MicrosoftDocs/dynamics365-docs-odata-apis, entitytypes/email.yml) and
# msdyn_ocliveworkitem msdyn_customer_msdyn_ocliveworkitem_account: one rule for both now. On a
# table that is no activity the names stay the lookup's SchemaName (and <SchemaName>_<table>).
def test_a_customization_s_lookup_on_an_activity_ends_with_the_activity_s_name(
    tmp_path: Path,
) -> None:
    files = {
        "new_sms.yaml": SMS,
        "new_note.yaml": NOTE,
        "new_sms_contoso.yaml": CUSTOMIZATION.format(table="new_sms"),
        "new_note_contoso.yaml": CUSTOMIZATION.format(table="new_note"),
    }
    generation, diagnostics = _generate(tmp_path / "specs", files)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    metadata = generation.files["odata/metadata.xml"]
    assert xsd_errors(metadata.encode("utf-8")) == []
    expected = {
        ("contoso_SiteId_new_Sms", "account", "contoso_account_new_sms_SiteId"),
        ("contoso_PartyId_new_Sms_account", "account", "contoso_account_new_sms_PartyId"),
        ("contoso_PartyId_new_Sms_contact", "contact", "contoso_contact_new_sms_PartyId"),
        ("contoso_SiteId", "account", "contoso_account_new_note_SiteId"),
        ("contoso_PartyId_account", "account", "contoso_account_new_note_PartyId"),
        ("contoso_PartyId_contact", "contact", "contoso_contact_new_note_PartyId"),
    }
    for single, target, collection in expected:
        declared = f'<NavigationProperty Name="{single}" Type="mscrm.{target}"'
        assert f'{declared} Nullable="false" Partner="{collection}"' in metadata
    sms = generation.files["jsonschema/new_sms.schema.json"]
    assert '"contoso_SiteId_new_Sms@odata.bind"' in sms


ISSUES = SOLUTION.replace("Visits", "PublicIssues").replace("<UniqueName>visits", "<UniqueName>pit")
ISSUES = ISSUES.replace("<CustomizationPrefix>new", "<CustomizationPrefix>pit")
ISSUES = ISSUES.replace(
    '<RootComponent type="1" schemaName="new_site" behavior="0" />\n      '
    '<RootComponent type="1" schemaName="new_visit" behavior="0" />',
    '<RootComponent type="1" schemaName="pit_issue" behavior="0" />',
)
ATTACHMENT = """<?xml version="1.0" encoding="utf-8"?>
<EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <EntityRelationship Name="FileAttachment_pit_Issue_pit_Attachments">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>0</IsCustomizable>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>pit_Issue</ReferencingEntityName>
    <ReferencedEntityName>FileAttachment</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <IsValidForAdvancedFind>0</IsValidForAdvancedFind>
    <ReferencingAttributeName>pit_Attachments</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>
"""


# CristinaM02/Public-issues-tracker (2026) has a File column pit_Attachments on pit_Issue, whose
# relationship to its fileattachment row, FileAttachment_pit_Issue_pit_Attachments, the export
# lists without a role, as every export does. Dataverse navigates a File column a solution
# made by its logical name (the Microsoft pages of 2024 on: msdyn_InputData ->
# msdyn_inputdata, msdyn_joboutputfile, msdyn_blobfile, mspcat_packagefile), which the column's
# own property already holds, so the CSDL leaves that navigation out with a note; dvgen named
# it pit_attachments_fileattachment, a member no table has, offered in $expand by the JSON
# Schema and the pydantic model. The collection on fileattachment stays its schema name.
def test_a_file_column_s_navigation_is_the_column_s_own_name(tmp_path: Path) -> None:
    issue = (
        _attribute("pit_IssueId", "primarykey", custom=0)
        + _attribute("pit_Name", "nvarchar", mask="PrimaryName")
        + _attribute("pit_Attachments", "file").replace(
            "<LookupStyle>", "<MaxSizeInKB>32768</MaxSizeInKB><LookupStyle>"
        )
    )
    files = {
        "Other/Solution.xml": ISSUES,
        "Entities/pit_Issue/Entity.xml": _entity("pit_Issue", issue),
        "Other/Relationships/FileAttachment.xml": ATTACHMENT,
    }
    generation, diagnostics = _generate(tmp_path / "specs" / "PublicIssues", files)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    assert "odata-file-navigation-clash" in {d.code for d in diagnostics}
    metadata = generation.files["odata/metadata.xml"]
    assert xsd_errors(metadata.encode("utf-8")) == []
    assert "pit_attachments_fileattachment" not in metadata
    assert '<Property Name="pit_attachments" Type="Edm.Binary"/>' in metadata
    collection = (
        'Name="FileAttachment_pit_Issue_pit_Attachments" Type="Collection(mscrm.pit_issue)"'
    )
    assert collection in metadata
    for path in ("jsonschema/pit_issue.schema.json", "pydantic/dataverse_models/pit_issue.py"):
        assert "fileattachment" not in generation.files[path]
