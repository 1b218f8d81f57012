"""Variations met in a seventeenth round of real solutions outside the corpus (2023 to 2026
folders: youssefeid019/Real-estate-agency-D365's sports facility app adding lookups to
Microsoft's lead, incident and opportunity, a Customer column on its booking table and two
business process flows, with account and contact holding forms only; JoeLiang55/ComputerRepairCRM's
case management (Solutions/) adding a Customer column to Microsoft's incident, a business process
flow on it and a many-to-many relationship to Field Service's msdyn_customerasset;
namurdock/AIHackathon's alternate key on contact over emailaddress1 and options added to
gendercode; ElmiandCo/PowerAppsChildCare's crec4_ tables under a cr2fb publisher, lookups named
<table>ID), each as a minimal solution written for the test."""

from __future__ import annotations

from pathlib import Path

from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation
from tests.solution_support import attribute_xml, generate_unpacked
from tests.test_odata_tools import xsd_errors

LOOKUP = "<LookupStyle>single</LookupStyle><LookupTypes />"
SOLUTION = """<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.26084.156" SolutionPackageVersion="9.2" languagecode="1033">
  <SolutionManifest>
    <UniqueName>YESportsFacility</UniqueName>
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>yesportsfacility</UniqueName>
      <CustomizationPrefix>ye</CustomizationPrefix>
      <CustomizationOptionValuePrefix>78632</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="1" schemaName="email" behavior="1" />
      <RootComponent type="1" schemaName="incident" behavior="1" />
      <RootComponent type="1" schemaName="lead" behavior="1" />
      <RootComponent type="1" schemaName="ye_facility" behavior="0" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
"""


def _entity(schema: str, attributes: str, owned: bool = False) -> str:
    kind = "<OwnershipTypeMask>UserOwned</OwnershipTypeMask>" if owned else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Entity>
  <Name LocalizedName="{schema}" OriginalName="{schema}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}">
      <attributes>
{attributes}      </attributes>
      <EntitySetName>{schema.lower()}s</EntitySetName>
      {kind}
    </entity>
  </EntityInfo>
</Entity>
"""


FACILITY = _entity(
    "ye_facility",
    attribute_xml("ye_facilityId", "primarykey", LOOKUP, custom=0)
    + attribute_xml("ye_name", "nvarchar", LOOKUP).replace(
        "<RequiredLevel>", "<DisplayMask>PrimaryName</DisplayMask><RequiredLevel>"
    ),
    owned=True,
)


def _relationship(
    name: str, referencing: str, referenced: str, attribute: str, roles: tuple[str, str] | None
) -> str:
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
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <ReferencingEntityName>{referencing}</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
    {stated}
  </EntityRelationship>
"""


def _relationships(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<EntityRelationships>\n'
        + "".join(items)
        + "</EntityRelationships>\n"
    )


def _generate(tmp_path: Path, roles: bool) -> tuple[Generation, Diagnostics]:
    def role(single: str, collection: str) -> tuple[str, str] | None:
        return (single, collection) if roles else None

    files = {
        "Other/Solution.xml": SOLUTION,
        "Entities/ye_facility/Entity.xml": FACILITY,
        "Entities/Lead/Entity.xml": _entity(
            "Lead",
            attribute_xml("ye_Facility", "lookup", LOOKUP)
            + attribute_xml("ParentAccountId", "lookup", LOOKUP, 0),
        ),
        "Entities/Incident/Entity.xml": _entity(
            "Incident",
            attribute_xml("cr1a3_Customer", "customer", LOOKUP)
            + attribute_xml("msdyn_IncidentType", "lookup", LOOKUP),
        ),
        "Entities/Email/Entity.xml": _entity(
            "Email", attribute_xml("ye_Facility", "lookup", LOOKUP)
        ),
        "Other/Relationships/ye_facility.xml": _relationships(
            _relationship(
                "ye_facility_lead",
                "Lead",
                "ye_facility",
                "ye_Facility",
                role("ye_Facility", "ye_facility_lead"),
            ),
            _relationship(
                "ye_facility_email",
                "Email",
                "ye_facility",
                "ye_Facility",
                role("ye_Facility_Email", "ye_facility_email"),
            ),
        ),
        "Other/Relationships/Account.xml": _relationships(
            _relationship(
                "cr1a3_account_incident_220",
                "Incident",
                "Account",
                "cr1a3_Customer",
                role("cr1a3_Customer_account", "cr1a3_account_incident_220"),
            ),
            _relationship(
                "lead_parent_account",
                "Lead",
                "Account",
                "ParentAccountId",
                role("parentaccountid", "lead_parent_account"),
            ),
        ),
        "Other/Relationships/msdyn_incidenttype.xml": _relationships(
            _relationship(
                "msdyn_msdyn_incidenttype_incident_IncidentType",
                "Incident",
                "msdyn_incidenttype",
                "msdyn_IncidentType",
                role("msdyn_incidenttype", "msdyn_msdyn_incidenttype_incident_IncidentType"),
            )
        ),
        "Other/Relationships/Contact.xml": _relationships(
            _relationship(
                "cr1a3_contact_incident_220",
                "Incident",
                "Contact",
                "cr1a3_Customer",
                role("cr1a3_Customer_contact", "cr1a3_contact_incident_220"),
            )
        ),
    }
    return generate_unpacked(tmp_path, "YESportsFacility", files)


# youssefeid019/Real-estate-agency-D365 (2026) adds the lookup ye_Facility to Microsoft's lead
# (Entities/Lead/Entity.xml lists it, <IsCustomField>1); the role of its relationship
# ye_facility_lead names the lookup's navigation property by its SchemaName, ye_Facility, as
# Dataverse names every lookup an organisation adds. JoeLiang55/ComputerRepairCRM (2026) adds
# the Customer column cr1a3_Customer to Microsoft's incident, whose roles name
# cr1a3_Customer_account and cr1a3_Customer_contact; a lookup added to an activity is
# <SchemaName>_<activity SchemaName>, as Microsoft's email EntityType has ReceivingMailboxId_Email
# (MicrosoftDocs/dynamics365-docs-odata-apis, entitytypes/email.yml). A folder whose
# relationships state no role (an export without <EntityRelationshipRoles>, a trimmed folder)
# leaves the name to that rule, which dvgen applied to the solution's own tables only: the
# lookups added to Microsoft's tables were named by their logical names (ye_facility,
# cr1a3_customer_account), which the Web API does not declare. A lookup of Microsoft's the
# folder restates (<IsCustomField>0) keeps its logical name (lead's parentaccountid), and one a
# Microsoft app added (msdyn_, <IsCustomField>1 as every solution's) is left to the rules of its
# reference page: Field Service's incident lookup msdyn_IncidentType is navigated as
# msdyn_incidenttype (dynamics-365-customer-engagement's Field Service incident page), while
# Project Operations' msdyn_actual names its lookup of that SchemaName msdyn_IncidentType.
def test_a_lookup_added_to_a_microsoft_table_is_navigated_as_dataverse_names_it(
    tmp_path: Path,
) -> None:
    names = {
        ("ye_Facility", "ye_facility", "ye_facility_lead"),
        ("ye_Facility_Email", "ye_facility", "ye_facility_email"),
        ("cr1a3_Customer_account", "account", "cr1a3_account_incident_220"),
        ("cr1a3_Customer_contact", "contact", "cr1a3_contact_incident_220"),
        ("parentaccountid", "account", "lead_parent_account"),
        (
            "msdyn_incidenttype",
            "msdyn_incidenttype",
            "msdyn_msdyn_incidenttype_incident_IncidentType",
        ),
    }
    for roles in (True, False):
        generation, diagnostics = _generate(tmp_path / str(roles), roles)
        assert not diagnostics.has_errors
        metadata = generation.files["odata/metadata.xml"]
        assert xsd_errors(metadata.encode("utf-8")) == []
        for single, target, collection in names:
            declared = f'<NavigationProperty Name="{single}" Type="mscrm.{target}"'
            assert f'{declared} Nullable="false" Partner="{collection}"' in metadata
        for lower in ("ye_facility", "cr1a3_customer_account", "cr1a3_customer_contact"):
            assert f'<NavigationProperty Name="{lower}" Type=' not in metadata
        lead = generation.files["jsonschema/lead.schema.json"]
        assert '"ye_Facility@odata.bind"' in lead
        assert '"ye_facility@odata.bind"' not in lead
