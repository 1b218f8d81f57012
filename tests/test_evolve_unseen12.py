"""The breaking-change gate on real solution history, round 12: three repositories no earlier
round used, each rebuilt at two commits as the files dvgen reads (short excerpts, transcribed),
generated from the older, committed as a user does, and checked against the newer with
``dvgen check --breaking-against HEAD`` and ``dvgen diff`` (docs/evolution.md); ``dvgen
migrate`` keeps the rows on SQLite and PostgreSQL 15.

- microsoft/powercat-business-approvals-kit (``BusinessApprovalKit/SolutionPackage/src``):
  ``OptionSets/cat_businessapprovalnodetype.xml`` f4c5e569 -> 786b456f gains *End Workflow*
  (809060002); ``Other/Relationships/cat_BusinessApprovalProcess.xml`` f4c5e569 -> 44747ee0
  and ``cat_BusinessApprovalWorkflow.xml`` e8eb4439 -> c6ab3169 gain the lookups of two new
  tables, ``cat_businessapprovalnodereminder_Process_cat_`` and
  ``cat_businessapprovalnodereminderinstance_Work`` (RemoveLink, archive RemoveLink). The
  choice's column on the node table and the reminder tables' other columns are ours.
- Marcelowil/hotelsphere-powerplatform (``src``), a4826b24 -> 5e8fcdd4: the customization of
  ``Account`` widens ``hsp_CNPJ`` (14 -> 18, a CNPJ with its dots and slash), adds three address
  columns, makes four of Microsoft's address columns business required and adds three status
  reasons to state Active; that of ``Contact`` widens ``hsp_CPF`` (11 -> 14), adds
  ``hsp_DataNascimento`` (a date, TimeZoneIndependent) and makes ``FirstName`` and
  ``MobilePhone`` business required; ``Other/Relationships/Contact.xml`` gains
  ``hsp_feedback_Hospede`` and the many-to-many ``hsp_hospede_reserva``, and
  ``hsp_Reserva.xml`` the lookup of a new table, ``hsp_Pagamento``. Microsoft's account and
  contact pages (02/15/2023, 09770ae5, ../shared/corpus) are beside it, as the
  ``solution-base-missing`` warning asks.
- harleyoliver/WorkforcePipes (``src``), 4d6d649f -> 4631a036: ``dev_Worker.dev_Status`` (a
  local choice whose default is *Onboarding*) becomes business required.

And both layers at once: Microsoft's appointment page, 11/14/2020 (005fe887, ../shared/corpus)
then 02/15/2023 (09770ae5), beside tgradu/msteams-dataverse-appt's customization of appointment
(``rc_AddMicrosoftTeamsLink``, ../shared/solutions), which the project adopts in the same
commit: the 2023 page adds Microsoft's own Teams meeting columns, a read-only date
(TimeZoneIndependent), a lookup's name companion, and the exchange rate's twelve places.

Every change was classified as Dataverse takes it: ApplicationRequired is not enforced by the
Web API (``required-raised-in-apps``), a widened text breaks the last version's readers
(``length-widened``), options and columns added break only closed choices and properties; the
verdicts are held to the last version's own JSON Schema (jsonschema) and pydantic models
(imported).

The fault, met following the ``solution-base-missing`` warning with pnp/powerplatform-samples
IncidentReporting (26a6652f, ../shared/solutions): its export of ``team`` restates the Boolean
``IsSasTokenSet`` naming a global choice it does not carry
(``<OptionSetName>isencryptedattributevalueset</OptionSetName>``), so the column has no options;
Microsoft's team page (09770ae5) states them, Yes and No. Adding the page made the two
``option-added-closed``, breaking, though a Boolean's values are true and false in both versions
(Edm.Boolean, a pydantic bool, a JSON Schema boolean, an SQL boolean: nothing of them changed
but the JSON Schema's titles): they are ``display-name-changed`` now, as a Boolean's label
changed already was; taking the page away again is no ``option-removed`` either.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pydantic
import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.evolve.diff import diff_sets
from dvgen.listing import load_tables
from dvgen.model import TableSet
from dvgen.targets.pydantic.target import PydanticTarget
from tests.conftest import NO_SHARED, SHARED, run
from tests.solution_support import manifest
from tests.test_evolve_solutions import _git
from tests.test_evolve_unseen7 import _migrates_keeping_rows
from tests.test_jsonschema_validators import render_schemas
from tests.test_pydantic import imported
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer

Files = dict[str, str]
"""A project's specs folder: path under ``specs/`` -> text (``sol/...`` is the solution)."""

# --- unpacked solutions, as SolutionPackager writes them ---------------------------------------


def _attribute(physical: str, kind: str, required: str, body: str, custom: int = 1) -> str:
    """An ``<attribute>`` of an ``Entity.xml``, one element a line, its label its name."""
    logical = physical.lower()
    return f"""        <attribute PhysicalName="{physical}">
          <Type>{kind}</Type>
          <Name>{logical}</Name>
          <LogicalName>{logical}</LogicalName>
          <RequiredLevel>{required}</RequiredLevel>
          <ValidForUpdateApi>1</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>{custom}</IsCustomField>
{body}          <displaynames>
            <displayname description="{physical}" languagecode="1046" />
          </displaynames>
        </attribute>
"""


def _text(length: int, kind: str = "text", stored: int | None = None) -> str:
    return (
        f"          <Format>{kind}</Format>\n          <MaxLength>{length}</MaxLength>\n"
        f"          <Length>{stored or 2 * length}</Length>\n"
    )


LOOKUP = "          <LookupStyle>single</LookupStyle>\n          <LookupTypes />\n"


def _entity(schema: str, columns: str, label: str, own: bool) -> str:
    """A table's ``Entity.xml``: a solution's own table states its set and owner, a platform
    table the solution customizes only the columns it lists (and its localized name)."""
    extra = (
        f"      <EntitySetName>{schema.lower()}s</EntitySetName>\n"
        "      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>\n"
        if own
        else ""
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="{label}" OriginalName="">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}">
      <attributes>
{columns}      </attributes>
{extra}    </entity>
  </EntityInfo>
  <RibbonDiffXml />
</Entity>
"""


def _own(schema: str, prefix: str, columns: str = "") -> str:
    """A solution's own table: its key, its primary name and ``columns``."""
    key = _attribute(f"{schema}Id", "primarykey", "systemrequired", "", 0)
    name = _attribute(
        f"{prefix}_Name",
        "nvarchar",
        "required",
        "          <DisplayMask>PrimaryName|ValidForAdvancedFind</DisplayMask>\n" + _text(100),
    )
    return _entity(schema, key + name + columns, schema, own=True)


def _one_to_many(name: str, referencing: str, referenced: str, attribute: str) -> str:
    """A one-to-many as these exports write theirs: Delete and Archive RemoveLink."""
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>{referencing}</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <CascadeArchive>RemoveLink</CascadeArchive>
    <IsValidForAdvancedFind>1</IsValidForAdvancedFind>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
    <EntityRelationshipRoles>
      <EntityRelationshipRole>
        <NavPaneDisplayOption>UseCollectionName</NavPaneDisplayOption>
        <NavigationPropertyName>{attribute}</NavigationPropertyName>
        <RelationshipRoleType>1</RelationshipRoleType>
      </EntityRelationshipRole>
      <EntityRelationshipRole>
        <NavigationPropertyName>{name}</NavigationPropertyName>
        <RelationshipRoleType>0</RelationshipRoleType>
      </EntityRelationshipRole>
    </EntityRelationshipRoles>
  </EntityRelationship>
"""


def _relationships(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<EntityRelationships>\n'
        + "".join(items)
        + "</EntityRelationships>\n"
    )


def _roots(tables: dict[str, int], choices: tuple[str, ...] = ()) -> str:
    return "".join(
        f'<RootComponent type="1" schemaName="{name}" behavior="{behavior}" />'
        for name, behavior in tables.items()
    ) + "".join(f'<RootComponent type="9" schemaName="{c}" behavior="0" />' for c in choices)


# --- microsoft/powercat-business-approvals-kit -------------------------------------------------

NODE_TYPE_OPTIONS = (
    '    <option value="809060000" ExternalValue="">\n'
    '      <labels><label description="Approval" languagecode="1033" /></labels>\n'
    "    </option>\n"
    '    <option value="809060001" ExternalValue="">\n'
    '      <labels><label description="Go to Stage" languagecode="1033" /></labels>\n'
    "    </option>\n"
)
END_WORKFLOW = (
    '    <option value="809060002">\n'
    '      <labels><label description="End Workflow" languagecode="1033" /></labels>\n'
    '      <Descriptions><Description description="" languagecode="1033" /></Descriptions>\n'
    "    </option>\n"
)


def _node_type(new: bool) -> str:
    """``OptionSets/cat_businessapprovalnodetype.xml`` at f4c5e569 and 786b456f."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<optionset Name="cat_businessapprovalnodetype" localizedName="Business Approval Node Type">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <IntroducedVersion>1.0.0.3</IntroducedVersion>
  <displaynames><displayname description="Business Approval Node Type" languagecode="1033" />
  </displaynames>
  <options>
{NODE_TYPE_OPTIONS}{END_WORKFLOW if new else ""}  </options>
</optionset>
"""


APPROVALS = "BusinessApprovalKit"
NODE_TYPE = _attribute(
    "cat_NodeType",
    "picklist",
    "none",
    "          <AppDefaultValue>-1</AppDefaultValue>\n"
    "          <OptionSetName>cat_businessapprovalnodetype</OptionSetName>\n",
)


def _approvals(nodetype: bool, reminders: bool) -> Files:
    tables = ["cat_BusinessApprovalProcess", "cat_BusinessApprovalWorkflow"]
    tables += ["cat_BusinessApprovalNode"]
    if reminders:
        tables += ["cat_BusinessApprovalNodeReminder", "cat_BusinessApprovalNodeReminderInstance"]
    roots = _roots({t.lower(): 0 for t in tables}, ("cat_businessapprovalnodetype",))
    files = {
        "sol/Other/Solution.xml": manifest(APPROVALS, "cat", 80906, roots),
        "sol/OptionSets/cat_businessapprovalnodetype.xml": _node_type(nodetype),
        "sol/Entities/cat_BusinessApprovalProcess/Entity.xml": _own(
            "cat_BusinessApprovalProcess", "cat"
        ),
        "sol/Entities/cat_BusinessApprovalWorkflow/Entity.xml": _own(
            "cat_BusinessApprovalWorkflow", "cat"
        ),
        "sol/Entities/cat_BusinessApprovalNode/Entity.xml": _own(
            "cat_BusinessApprovalNode",
            "cat",
            NODE_TYPE + _attribute("cat_Process", "lookup", "none", LOOKUP),
        ),
    }
    process = [
        _one_to_many(
            "cat_BusinessApprovalNode_Process_cat_Busi",
            "cat_BusinessApprovalNode",
            "cat_BusinessApprovalProcess",
            "cat_Process",
        )
    ]
    workflow: list[str] = []
    if reminders:
        for table, lookup in (
            ("cat_BusinessApprovalNodeReminder", "cat_Process"),
            ("cat_BusinessApprovalNodeReminderInstance", "cat_WorkflowInstance"),
        ):
            files[f"sol/Entities/{table}/Entity.xml"] = _own(
                table, "cat", _attribute(lookup, "lookup", "none", LOOKUP)
            )
        process.append(
            _one_to_many(
                "cat_businessapprovalnodereminder_Process_cat_",
                "cat_BusinessApprovalNodeReminder",
                "cat_BusinessApprovalProcess",
                "cat_Process",
            )
        )
        workflow.append(
            _one_to_many(
                "cat_businessapprovalnodereminderinstance_Work",
                "cat_BusinessApprovalNodeReminderInstance",
                "cat_BusinessApprovalWorkflow",
                "cat_WorkflowInstance",
            )
        )
    files["sol/Other/Relationships/cat_BusinessApprovalProcess.xml"] = _relationships(*process)
    if workflow:
        files["sol/Other/Relationships/cat_BusinessApprovalWorkflow.xml"] = _relationships(
            *workflow
        )
    return files


# --- Microsoft's pages (02/15/2023 layout), cut to the columns the customizations list --------


def _column(schema: str, rows: str, options: str = "", added: str = "") -> str:
    """A column's block of a 2023 page: ``rows`` are its ``|Property|Value|`` rows."""
    by = f"\n**Added by**: {added} Solution\n" if added else ""
    return f"""
### <a name="BKMK_{schema}"></a> {schema}
{by}
|Property|Value|
|--------|-----|
{rows}
{options}
"""


def _string(description: str, display: str, logical: str, length: int, level: str) -> str:
    return (
        f"|Description|{description}|\n|DisplayName|{display}|\n|FormatName|Text|\n"
        "|IsLocalizable|False|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
        f"|LogicalName|{logical}|\n|MaxLength|{length}|\n|RequiredLevel|{level}|\n|Type|String|"
    )


def _key(description: str, display: str, logical: str) -> str:
    return (
        f"|Description|{description}|\n|DisplayName|{display}|\n|IsValidForForm|False|\n"
        f"|IsValidForRead|True|\n|IsValidForUpdate|False|\n|LogicalName|{logical}|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|"
    )


def _page(
    title: str,
    date: str,
    schema: str,
    properties: str,
    writable: dict[str, str],
    read_only: dict[str, str],
    layout: int = 2023,
) -> str:
    """A reference page: ``layout`` 2020 names its sections *Entity properties* and
    *Writable attributes*, 2023 *Properties* and *Writable columns/attributes*."""
    heading = f"{title} table/entity reference" if layout == 2023 else f"{title} entity reference"
    sections = (
        ("Properties", "Writable columns/attributes", "Read-only columns/attributes")
        if layout == 2023
        else ("Entity properties", "Writable attributes", "Read-only attributes")
    )
    text = f'---\ntitle: "{heading} (Microsoft Dataverse)"\nms.date: {date}\n---\n\n'
    text += f"# {heading}\n\n{schema}\n\n## {sections[0]}\n\n|Property|Value|\n|--------|-----|\n"
    text += properties + '\n<a name="writable-attributes"></a>\n\n'
    for name, columns in ((sections[1], writable), (sections[2], read_only)):
        if name == sections[2]:
            text += '\n<a name="read-only-attributes"></a>\n\n'
        text += f"## {name}\n\n" + "".join(f"- [{c}](#BKMK_{c})\n" for c in columns) + "\n"
        text += "".join(columns.values())
    return text


def _properties(schema: str, set_name: str, key: str, name: str, display: str) -> str:
    return (
        f"|CollectionSchemaName|{schema}s|\n|DisplayCollectionName|{display}s|\n"
        f"|DisplayName|{display}|\n|EntitySetName|{set_name}|\n|IsBPFEntity|False|\n"
        f"|LogicalCollectionName|{set_name}|\n|LogicalName|{schema.lower()}|\n"
        f"|OwnershipType|UserOwned|\n|PrimaryIdAttribute|{key}|\n"
        f"|PrimaryNameAttribute|{name}|\n|SchemaName|{schema}|\n"
    )


STATE = (
    "|Description|Shows whether the account is active or inactive.|\n|DisplayName|Status|\n"
    "|IsValidForCreate|False|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|LogicalName|statecode|\n|RequiredLevel|SystemRequired|\n|Type|State|"
)
STATES = (
    "\n#### StateCode Choices/Options\n\n|Value|Label|DefaultStatus|InvariantName|\n"
    "|-----|-----|-------------|-------------|\n|0|Active|1|Active|\n|1|Inactive|2|Inactive|\n"
)
STATUS = (
    "|Description|Select the account's status.|\n|DisplayName|Status Reason|\n"
    "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|statuscode|\n"
    "|RequiredLevel|None|\n|Type|Status|"
)
STATUSES = (
    "\n#### StatusCode Choices/Options\n\n|Value|Label|State|\n|-----|-----|-----|\n"
    "|1|Active|0|\n|2|Inactive|1|\n"
)
ACCOUNT_PAGE = _page(
    "Account",
    "02/15/2023",
    "Business that represents a customer or potential customer.",
    _properties("Account", "accounts", "accountid", "name", "Account"),
    {
        "AccountId": _column("AccountId", _key("Unique identifier of the account.", "Account", "accountid")),
        "AccountNumber": _column("AccountNumber", _string("Type an ID number or code for the account.", "Account Number", "accountnumber", 20, "None")),
        "Address1_City": _column("Address1_City", _string("Type the city for the primary address.", "Address 1: City", "address1_city", 80, "None")),
        "Address1_Line1": _column("Address1_Line1", _string("Type the first line of the primary address.", "Address 1: Street 1", "address1_line1", 250, "None")),
        "Address1_PostalCode": _column("Address1_PostalCode", _string("Type the ZIP Code or postal code for the primary address.", "Address 1: ZIP/Postal Code", "address1_postalcode", 20, "None")),
        "Address1_StateOrProvince": _column("Address1_StateOrProvince", _string("Type the state or province of the primary address.", "Address 1: State/Province", "address1_stateorprovince", 50, "None")),
        "Name": _column("Name", _string("Type the company or business name.", "Account Name", "name", 160, "ApplicationRequired")),
        "StateCode": _column("StateCode", STATE, STATES),
        "StatusCode": _column("StatusCode", STATUS, STATUSES),
        "Telephone1": _column("Telephone1", _string("Type the main phone number for this account.", "Main Phone", "telephone1", 50, "None").replace("|FormatName|Text|", "|FormatName|Phone|")),
    },
    {},
)  # fmt: skip
"""Microsoft's account page, 02/15/2023 (09770ae5): the columns hotelsphere lists."""

CONTACT_PAGE = _page(
    "Contact",
    "02/15/2023",
    "Person with whom a business unit has a relationship.",
    _properties("Contact", "contacts", "contactid", "fullname", "Contact"),
    {
        "ContactId": _column("ContactId", _key("Unique identifier of the contact.", "Contact", "contactid")),
        "FirstName": _column("FirstName", _string("Type the contact's first name.", "First Name", "firstname", 50, "Recommended")),
        "MobilePhone": _column("MobilePhone", _string("Type the mobile phone number for the contact.", "Mobile Phone", "mobilephone", 50, "None").replace("|FormatName|Text|", "|FormatName|Phone|")),
    },
    {
        "FullName": _column("FullName", _string("Combines and shows the contact's first and last names.", "Full Name", "fullname", 160, "None")),
    },
)  # fmt: skip
"""Microsoft's contact page, 02/15/2023 (09770ae5): the columns hotelsphere lists."""

# --- Marcelowil/hotelsphere-powerplatform (HotelSphere, publisher prefix hsp, 1046 labels) ------

STATUS_REASONS = """          <optionset Name="account_statuscode">
            <OptionSetType>status</OptionSetType>
            <statuses>
              <status value="1" state="0" IsHidden="0"><labels><label description="Ativo" languagecode="1046" /></labels></status>
              <status value="2" state="1" IsHidden="0"><labels><label description="Inativa" languagecode="1046" /></labels></status>
              <status value="818450001" state="0" IsHidden="0"><labels><label description="Inativo" languagecode="1046" /></labels></status>
              <status value="818450002" state="0" IsHidden="0"><labels><label description="Em implantação" languagecode="1046" /></labels></status>
              <status value="818450003" state="0" IsHidden="0"><labels><label description="Temporariamente Fechado" languagecode="1046" /></labels></status>
            </statuses>
          </optionset>
"""  # fmt: skip


def _hotel(new: bool) -> str:
    """``src/Entities/Account/Entity.xml`` at a4826b24 and 5e8fcdd4 (``hsp_CategoriaHotel``,
    on a global choice, left out)."""
    platform = (
        _attribute("AccountNumber", "nvarchar", "none", _text(20), 0)
        + _attribute("Address1_City", "nvarchar", "required", _text(80), 0)
        + _attribute("Address1_Line1", "nvarchar", "required", _text(250), 0)
        + _attribute("Address1_PostalCode", "nvarchar", "required", _text(20), 0)
        + _attribute("Address1_StateOrProvince", "nvarchar", "required", _text(50), 0)
    )
    columns = (platform if new else "") + (
        _attribute("hsp_CheckinPadrao", "nvarchar", "none", _text(100))
        + _attribute("hsp_CheckoutPadrao", "nvarchar", "none", _text(100))
        + _attribute("hsp_CNPJ", "nvarchar", "required", _text(18 if new else 14))
    )
    if new:
        columns += (
            _attribute("hsp_Endereco_Bairro", "nvarchar", "required", _text(250))
            + _attribute("hsp_Endereco_Numero", "nvarchar", "required", _text(100))
            + _attribute("hsp_Endereco1Complemento", "nvarchar", "none", _text(100))
            + _attribute("Name", "nvarchar", "required", _text(160), 0)
            + _attribute("StatusCode", "status", "none", STATUS_REASONS, 0)
            + _attribute("Telephone1", "nvarchar", "none", _text(50, "phone"), 0)
        )
    return _entity("Account", columns, "Hotel" if new else "Conta", own=False)


VIP = """          <AppDefaultValue>0</AppDefaultValue>
          <optionset Name="hsp_contact_hsp_clientevip">
            <OptionSetType>bit</OptionSetType>
            <options>
              <option value="1" ExternalValue="" IsHidden="0"><labels><label description="Sim" languagecode="1046" /></labels></option>
              <option value="0" ExternalValue="" IsHidden="0"><labels><label description="Não" languagecode="1046" /></labels></option>
            </options>
          </optionset>
"""  # fmt: skip
BIRTH_DATE = (
    "          <Format>date</Format>\n          <CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>\n"
    "          <Behavior>3</Behavior>\n"
)


def _guest(new: bool) -> str:
    """``src/Entities/Contact/Entity.xml`` at a4826b24 and 5e8fcdd4 (``hsp_PreferenciaQuarto``,
    on a global choice, left out)."""
    columns = _attribute("FirstName", "nvarchar", "required", _text(50), 0) if new else ""
    columns += _attribute("hsp_ClienteVIP", "bit", "none", VIP)
    columns += _attribute("hsp_CPF", "nvarchar", "required", _text(14 if new else 11, stored=200))
    if new:
        columns += _attribute("hsp_DataNascimento", "datetime", "required", BIRTH_DATE)
    columns += _attribute("hsp_Observacoes", "nvarchar", "none", _text(100, "textarea"))
    if new:
        columns += _attribute("MobilePhone", "nvarchar", "required", _text(50, "phone"), 0)
    return _entity("Contact", columns, "Hóspede" if new else "Contato", own=False)


GUESTS = """  <EntityRelationship Name="hsp_hospede_reserva">
    <EntityRelationshipType>ManyToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <FirstEntityName>Contact</FirstEntityName>
    <SecondEntityName>hsp_Reserva</SecondEntityName>
    <IntersectEntityName>hsp_hospede_reserva_association</IntersectEntityName>
    <IsValidForAdvancedFind>1</IsValidForAdvancedFind>
    <EntityRelationshipRoles>
      <EntityRelationshipRole>
        <NavPaneDisplayOption>UseLabel</NavPaneDisplayOption>
        <NavigationPropertyName>hsp_hospede_reserva</NavigationPropertyName>
        <CustomLabels><CustomLabel description="Reservas" languagecode="1046" /></CustomLabels>
        <AssociationRoleOrdinal>1</AssociationRoleOrdinal>
      </EntityRelationshipRole>
      <EntityRelationshipRole>
        <NavPaneDisplayOption>UseLabel</NavPaneDisplayOption>
        <NavigationPropertyName>hsp_hospede_reserva</NavigationPropertyName>
        <CustomLabels><CustomLabel description="Hóspedes" languagecode="1046" /></CustomLabels>
        <AssociationRoleOrdinal>2</AssociationRoleOrdinal>
      </EntityRelationshipRole>
    </EntityRelationshipRoles>
  </EntityRelationship>
"""


def _hotelsphere(new: bool) -> Files:
    tables = {"account": 2, "contact": 2, "hsp_reserva": 0, "hsp_feedback": 0}
    if new:
        tables["hsp_pagamento"] = 0
    lookup = {c: _attribute(c, "lookup", "none", LOOKUP) for c in ("hsp_Hotel", "hsp_Hospede")}
    lookup["hsp_Reserva"] = _attribute("hsp_Reserva", "lookup", "none", LOOKUP)
    files = {
        "account.md": ACCOUNT_PAGE,
        "contact.md": CONTACT_PAGE,
        "sol/Other/Solution.xml": manifest("HotelSphere", "hsp", 81845, _roots(tables), 1046),
        "sol/Entities/Account/Entity.xml": _hotel(new),
        "sol/Entities/Contact/Entity.xml": _guest(new),
        "sol/Entities/hsp_Reserva/Entity.xml": _own(
            "hsp_Reserva", "hsp", lookup["hsp_Hotel"] + lookup["hsp_Hospede"]
        ),
        "sol/Entities/hsp_Feedback/Entity.xml": _own(
            "hsp_Feedback", "hsp", lookup["hsp_Reserva"] + (lookup["hsp_Hospede"] if new else "")
        ),
        "sol/Other/Relationships/Account.xml": _relationships(
            _one_to_many("hsp_reserva_Hotel_account", "hsp_Reserva", "Account", "hsp_Hotel")
        ),
    }
    guest = _one_to_many("hsp_reserva_Hospede_contact", "hsp_Reserva", "Contact", "hsp_Hospede")
    feedback = _one_to_many("hsp_feedback_Hospede", "hsp_Feedback", "Contact", "hsp_Hospede")
    files["sol/Other/Relationships/Contact.xml"] = _relationships(
        *((feedback, GUESTS, guest) if new else (guest,))
    )
    bookings = [
        _one_to_many(
            "hsp_feedback_Reserva_hsp_reserva", "hsp_Feedback", "hsp_Reserva", "hsp_Reserva"
        )
    ]
    if new:
        files["sol/Entities/hsp_Pagamento/Entity.xml"] = _own(
            "hsp_Pagamento", "hsp", lookup["hsp_Reserva"]
        )
        bookings.append(
            _one_to_many(
                "hsp_pagamento_reserva_hsp_reserva",
                "hsp_Pagamento",
                "hsp_Reserva",
                "hsp_Reserva",
            )
        )
    files["sol/Other/Relationships/hsp_Reserva.xml"] = _relationships(*bookings)
    return files


# --- harleyoliver/WorkforcePipes (publisher prefix dev) ----------------------------------------

WORKER_STATUS = """          <AppDefaultValue>2</AppDefaultValue>
          <optionset Name="dev_worker_dev_status">
            <OptionSetType>picklist</OptionSetType>
            <options>
              <option value="1" ExternalValue="" IsHidden="0"><labels><label description="Active" languagecode="1033" /></labels></option>
              <option value="2" ExternalValue="" IsHidden="0"><labels><label description="Onboarding" languagecode="1033" /></labels></option>
              <option value="3" ExternalValue="" IsHidden="0"><labels><label description="Offboarding" languagecode="1033" /></labels></option>
            </options>
          </optionset>
"""  # fmt: skip


def _workforce(new: bool) -> Files:
    """``src/Entities/dev_Worker/Entity.xml`` at 4d6d649f and 4631a036: ``dev_Status``
    RequiredLevel none, then required."""
    columns = (
        _attribute("dev_Email", "nvarchar", "none", _text(100, "email"))
        + _attribute(
            "dev_FullName",
            "nvarchar",
            "required",
            "          <DisplayMask>PrimaryName|ValidForAdvancedFind</DisplayMask>\n" + _text(850),
        )
        + _attribute("dev_Status", "picklist", "required" if new else "none", WORKER_STATUS)
        + _attribute("dev_WorkerId", "primarykey", "systemrequired", "", 0)
    )
    roots = _roots({"dev_worker": 0})
    return {
        "sol/Other/Solution.xml": manifest("WorkforcePipes", "dev", 10000, roots),
        "sol/Entities/dev_Worker/Entity.xml": _entity("dev_Worker", columns, "Worker", own=True),
    }


# --- both layers: appointment 11/14/2020 -> 02/15/2023, and tgradu's customization -------------

ACTIVITY_ID = _column(
    "ActivityId", _key("Unique identifier of the appointment.", "Appointment", "activityid")
)
LOCATION = _column(
    "Location",
    _string(
        "Type the location where the appointment will take place.",
        "Location",
        "location",
        200,
        "None",
    ),
)
SUBJECT = _column(
    "Subject",
    _string(
        "Type a short description about the objective or primary topic of the appointment.",
        "Subject",
        "subject",
        200,
        "ApplicationRequired",
    ),
)
INFRA = "msft_ActivitiesInfra_Extensions"
IS_ONLINE = _column(
    "IsOnlineMeeting",
    "|Description|Displays whether or not this is an online meeting.|\n"
    "|DisplayName|Is Online Meeting|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|LogicalName|isonlinemeeting|\n|RequiredLevel|None|\n|Type|Boolean|",
    "\n#### IsOnlineMeeting Choices/Options\n\n|Value|Label|Description|\n"
    "|-----|-----|--------|\n|1|Yes||\n|0|No||\n\n**DefaultValue**: 0\n",
    INFRA,
)
JOIN_URL = _column(
    "OnlineMeetingJoinUrl",
    _string(
        "Shows the online meeting join url.",
        "Online Meeting Join Url",
        "onlinemeetingjoinurl",
        600,
        "None",
    ),
    added=INFRA,
)
MEETING_TYPE = _column(
    "OnlineMeetingType",
    "|Description|Displays the online meeting type.|\n|DisplayName|Online Meeting Type|\n"
    "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|onlinemeetingtype|\n"
    "|RequiredLevel|None|\n|Type|Picklist|",
    "\n#### OnlineMeetingType Choices/Options\n\n|Value|Label|Description|\n"
    "|-----|-----|--------|\n|1|Teams Meeting||\n",
    INFRA,
)
FORMATTED_END = _column(
    "FormattedScheduledEnd",
    "|DateTimeBehavior|TimeZoneIndependent|\n"
    "|Description|Formatted scheduled end time of the appointment.|\n"
    "|DisplayName|Formatted End Date|\n|Format|DateAndTime|\n|IsValidForForm|True|\n"
    "|IsValidForRead|True|\n|LogicalName|formattedscheduledend|\n|RequiredLevel|None|\n"
    "|Type|DateTime|",
    added=INFRA,
)
OWNING_UNIT = _column(
    "OwningBusinessUnit",
    "|Description|Shows the business unit that the record owner belongs to.|\n"
    "|DisplayName|Owning Business Unit|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|LogicalName|owningbusinessunit|\n|RequiredLevel|None|\n|Targets|businessunit|\n"
    "|Type|Lookup|",
)
OWNING_UNIT_NAME = _column(
    "OwningBusinessUnitName",
    _string("", "", "owningbusinessunitname", 160, "None").replace(
        "|IsValidForForm|True|", "|IsValidForForm|False|"
    ),
)


def _rate(minimum: str, places: int) -> str:
    return _column(
        "ExchangeRate",
        "|Description|Shows the conversion rate of the record's currency.|\n"
        "|DisplayName|Exchange Rate|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
        f"|LogicalName|exchangerate|\n|MaxValue|100000000000|\n|MinValue|{minimum}|\n"
        f"|Precision|{places}|\n|RequiredLevel|None|\n|Type|Decimal|",
    )


def _appointment_page(layout: int) -> str:
    """Microsoft's appointment page, 11/14/2020 (005fe887) or 02/15/2023 (09770ae5)."""
    properties = _properties("Appointment", "appointments", "activityid", "subject", "Appointment")
    if layout == 2020:
        writable = {"ActivityId": ACTIVITY_ID, "Location": LOCATION, "Subject": SUBJECT}
        read_only = {"ExchangeRate": _rate("0.0000000001", 10), "OwningBusinessUnit": OWNING_UNIT}
        return _page("Appointment", "11/14/2020", "Commitment representing a time interval.", properties, writable, read_only, 2020)  # fmt: skip
    writable = {
        "ActivityId": ACTIVITY_ID, "IsOnlineMeeting": IS_ONLINE, "Location": LOCATION,
        "OnlineMeetingJoinUrl": JOIN_URL, "OnlineMeetingType": MEETING_TYPE, "Subject": SUBJECT,
    }  # fmt: skip
    read_only = {
        "ExchangeRate": _rate("0.000000000001", 12), "FormattedScheduledEnd": FORMATTED_END,
        "OwningBusinessUnit": OWNING_UNIT, "OwningBusinessUnitName": OWNING_UNIT_NAME,
    }  # fmt: skip
    return _page("Appointment", "02/15/2023", "Commitment representing a time interval.", properties, writable, read_only)  # fmt: skip


TEAMS_LINK = """<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Appointment" OriginalName="">Appointment</Name>
  <EntityInfo>
    <entity Name="Appointment">
      <attributes>
        <attribute PhysicalName="rc_AddMicrosoftTeamsLink">
          <Type>bit</Type>
          <Name>rc_addmicrosoftteamslink</Name>
          <LogicalName>rc_addmicrosoftteamslink</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <ValidForUpdateApi>1</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>1</IsCustomField>
          <AppDefaultValue>0</AppDefaultValue>
          <optionset Name="rc_appointment_rc_addmicrosoftteamslink">
            <OptionSetType>bit</OptionSetType>
            <options>
              <option value="0" Color="#0000ff"><labels><label description="No" languagecode="1033" /></labels></option>
              <option value="1" Color="#0000ff"><labels><label description="Yes" languagecode="1033" /></labels></option>
            </options>
          </optionset>
          <displaynames>
            <displayname description="Add Microsoft Teams Link" languagecode="1033" />
          </displaynames>
        </attribute>
      </attributes>
      <EntitySetName>appointments</EntitySetName>
    </entity>
  </EntityInfo>
</Entity>
"""  # fmt: skip
"""tgradu/msteams-dataverse-appt ``CrmSolution/Entities/Appointment/Entity.xml`` (0a9709ad)."""


def _appointment(new: bool) -> Files:
    files = {"appointment.md": _appointment_page(2023 if new else 2020)}
    if new:
        roots = _roots({"appointment": 1})
        files["sol/Other/Solution.xml"] = manifest("MicrosoftTeamsAppointments", "rc", 10000, roots)
        files["sol/Entities/Appointment/Entity.xml"] = TEAMS_LINK
    return files


PAIRS: dict[str, Callable[[bool], Files]] = {
    "approvals-nodetype": lambda new: _approvals(new, False),
    "approvals-reminders": lambda new: _approvals(True, new),
    "hotelsphere": _hotelsphere,
    "workforce": _workforce,
    "appointment": _appointment,
}

# --- the user's workflow: generate, commit, export anew, the gate -----------------------------


def _write(specs: Path, files: Files) -> None:
    shutil.rmtree(specs, ignore_errors=True)
    for relative, text in files.items():
        path = specs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _gate(
    workdir: Path, capsys: pytest.CaptureFixture[str], old: Files, new: Files, settings: str = ""
) -> tuple[int, str, dict[str, tuple[str, bool]]]:
    """The old specs generated and committed, the new ones generated over them: the gate's exit
    code and output, and the diff's changes (path -> rule, breaking)."""
    (workdir / "pyproject.toml").write_text(
        f'[tool.dvgen]\nspecs = "specs"\nout = "generated"\n{settings}', encoding="utf-8"
    )
    _git("init", "-q", "-b", "main")
    _write(workdir / "specs", old)
    assert run(capsys, "generate", "-q")[0] == 0
    _git("add", "-A")
    _git("commit", "-q", "-m", "old export")
    _write(workdir / "specs", new)
    assert run(capsys, "generate", "-q")[0] == 0
    code, out, _ = run(capsys, "check", "--breaking-against", "HEAD")
    _, listed, _ = run(capsys, "diff", "--against", "HEAD", "--format", "json")
    changes = {
        ".".join([c["table"], *c["path"]]): (c["rule"], c["breaking"])
        for c in json.loads(listed)["changes"]
    }
    return code, out, changes


SAFE, BREAKING = False, True
CHANGES: dict[str, dict[str, tuple[str, bool]]] = {
    "approvals-nodetype": {
        "cat_businessapprovalnode.columns.cat_nodetype.choices.809060002": (
            "option-added-closed",
            BREAKING,
        ),
    },
    "approvals-reminders": {
        "cat_businessapprovalnodereminder": ("table-added", SAFE),
        "cat_businessapprovalnodereminderinstance": ("table-added", SAFE),
        "cat_businessapprovalprocess.relationships.one_to_many."
        "cat_businessapprovalnodereminder_Process_cat_": ("relationship-added", SAFE),
        "cat_businessapprovalworkflow.relationships.one_to_many."
        "cat_businessapprovalnodereminderinstance_Work": ("relationship-added", SAFE),
    },
    "hotelsphere": {
        **{
            f"account.columns.{column}.required_level": ("required-raised-in-apps", SAFE)
            for column in (
                "address1_city",
                "address1_line1",
                "address1_postalcode",
                "address1_stateorprovince",
            )
        },
        "account.columns.hsp_cnpj.max_length": ("length-widened", BREAKING),
        "account.columns.hsp_endereco1complemento": ("column-added", SAFE),
        "account.columns.hsp_endereco_bairro": ("column-added", SAFE),
        "account.columns.hsp_endereco_numero": ("column-added", SAFE),
        **{
            f"account.columns.statuscode.choices.{value}": ("option-added-closed", BREAKING)
            for value in (818450001, 818450002, 818450003)
        },
        "contact.columns.firstname.required_level": ("required-raised-in-apps", SAFE),
        "contact.columns.hsp_cpf.max_length": ("length-widened", BREAKING),
        "contact.columns.hsp_datanascimento": ("column-added", SAFE),
        "contact.columns.mobilephone.required_level": ("required-raised-in-apps", SAFE),
        "contact.relationships.many_to_many.hsp_hospede_reserva": ("relationship-added", SAFE),
        "contact.relationships.one_to_many.hsp_feedback_Hospede": ("relationship-added", SAFE),
        "hsp_feedback.columns.hsp_hospede": ("column-added", SAFE),
        "hsp_feedback.relationships.many_to_one.hsp_feedback_Hospede": (
            "relationship-added",
            SAFE,
        ),
        "hsp_pagamento": ("table-added", SAFE),
        "hsp_reserva.relationships.many_to_many.hsp_hospede_reserva": (
            "relationship-added",
            SAFE,
        ),
        "hsp_reserva.relationships.one_to_many.hsp_pagamento_reserva_hsp_reserva": (
            "relationship-added",
            SAFE,
        ),
    },
    "workforce": {
        "dev_worker.columns.dev_status.required_level": ("required-raised-in-apps", SAFE),
    },
    "appointment": {
        "appointment.columns.exchangerate.min_value": ("range-widened", BREAKING),
        "appointment.columns.exchangerate.precision": ("precision-widened", BREAKING),
        "appointment.columns.formattedscheduledend": ("column-added", SAFE),
        "appointment.columns.isonlinemeeting": ("column-added", SAFE),
        "appointment.columns.onlinemeetingjoinurl": ("column-added", SAFE),
        "appointment.columns.onlinemeetingtype": ("column-added", SAFE),
        "appointment.columns.owningbusinessunitname": ("column-added", SAFE),
        "appointment.columns.rc_addmicrosoftteamslink": ("column-added", SAFE),
    },
}
"""Every change of each pair, under the default settings (closed choices, open properties)."""


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_each_export_is_classified_as_dataverse_takes_it(
    workdir: Path, capsys: pytest.CaptureFixture[str], pair: str
) -> None:
    """A widened text breaks the last version's readers, an option added breaks closed
    choices, business required is not enforced by the Web API, the rest is additions; the gate
    fails exactly when one of them breaks."""
    code, out, changes = _gate(workdir, capsys, PAIRS[pair](False), PAIRS[pair](True))
    assert changes == CHANGES[pair]
    assert code == (1 if any(b for _, b in CHANGES[pair].values()) else 0), out


CLOSED_PROPERTIES: dict[str, set[str]] = {
    "hotelsphere": {
        "account.columns.hsp_endereco1complemento",
        "account.columns.hsp_endereco_bairro",
        "account.columns.hsp_endereco_numero",
        "contact.columns.hsp_datanascimento",
        "hsp_feedback.columns.hsp_hospede",
    },
    "appointment": {
        "appointment.columns.formattedscheduledend",
        "appointment.columns.isonlinemeeting",
        "appointment.columns.onlinemeetingjoinurl",
        "appointment.columns.onlinemeetingtype",
        "appointment.columns.rc_addmicrosoftteamslink",
    },
}
"""The columns a GET without ``$select`` now returns: with ``properties = "closed"`` each is
``column-added-closed``; a lookup's name companion, which the Web API returns as an
annotation, is not (``owningbusinessunitname`` stays ``column-added``)."""


@pytest.mark.parametrize("pair", sorted(CLOSED_PROPERTIES))
def test_closed_properties_break_on_the_columns_a_get_returns(
    workdir: Path, capsys: pytest.CaptureFixture[str], pair: str
) -> None:
    settings = 'properties = "closed"\n'
    _, _, changes = _gate(workdir, capsys, PAIRS[pair](False), PAIRS[pair](True), settings)
    closed = {path for path, (rule, _) in changes.items() if rule == "column-added-closed"}
    assert closed == CLOSED_PROPERTIES[pair]
    assert all(changes[path][1] for path in closed)
    if pair == "appointment":
        assert changes["appointment.columns.owningbusinessunitname"] == ("column-added", SAFE)


@pytest.mark.parametrize("pair", ["approvals-nodetype", "hotelsphere"])
def test_open_choices_take_the_new_options_and_status_reasons(
    workdir: Path, capsys: pytest.CaptureFixture[str], pair: str
) -> None:
    """With ``choices = "open"`` an option of a global choice and the status reasons a
    solution adds to state Active are ``option-added``: safe."""
    settings = 'choices = "open"\n'
    _, _, changes = _gate(workdir, capsys, PAIRS[pair](False), PAIRS[pair](True), settings)
    options = {path: verdict for path, verdict in changes.items() if ".choices." in path}
    assert options and set(options.values()) == {("option-added", SAFE)}


def test_the_gate_reads_each_change_where_the_export_states_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The option at its line in ``OptionSets/`` (not at the column naming the choice), a
    widened text and the status reasons at the attribute of the customization that states
    them (not at Microsoft's page)."""
    _, out, _ = _gate(workdir, capsys, _hotelsphere(False), _hotelsphere(True))
    account = (workdir / "specs/sol/Entities/Account/Entity.xml").read_text().splitlines()
    cnpj = account.index('        <attribute PhysicalName="hsp_CNPJ">') + 1
    status = account.index('        <attribute PhysicalName="StatusCode">') + 1
    assert f"specs/sol/Entities/Account/Entity.xml:{cnpj}: length-widened:" in out
    assert f"specs/sol/Entities/Account/Entity.xml:{status}: option-added-closed:" in out
    assert "account.md:" not in out


def test_an_option_of_a_global_choice_is_read_at_its_line(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _gate(workdir, capsys, _approvals(False, False), _approvals(True, False))
    choice = (workdir / "specs/sol/OptionSets/cat_businessapprovalnodetype.xml").read_text()
    line = choice.splitlines().index('    <option value="809060002">') + 1
    assert f"specs/sol/OptionSets/cat_businessapprovalnodetype.xml:{line}: option-added" in out


REVERTED: dict[str, set[str]] = {
    "approvals-nodetype": {"option-removed"},
    "approvals-reminders": {"table-removed", "relationship-removed"},
    "hotelsphere": {
        "column-removed",
        "length-narrowed",
        "option-removed",
        "relationship-removed",
        "table-removed",
    },
    "workforce": set(),
    "appointment": {"column-removed", "precision-narrowed", "range-narrowed"},
}
"""The breaking rules of each pair reverted (the newer export committed, the older checked
out); a required level lowered is safe."""


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_reverting_an_export_breaks_what_it_added(
    workdir: Path, capsys: pytest.CaptureFixture[str], pair: str
) -> None:
    code, _, changes = _gate(workdir, capsys, PAIRS[pair](True), PAIRS[pair](False))
    assert {rule for rule, breaking in changes.values() if breaking} == REVERTED[pair]
    assert code == (1 if REVERTED[pair] else 0)


# --- held to the real targets ---------------------------------------------------------------


def _tables(folder: Path, files: Files) -> TableSet:
    _write(folder, files)
    return load_tables(Config(specs=folder, out=folder.parent / "out", cache=False), Diagnostics())


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_each_export_migrates_keeping_the_rows(
    tmp_path: Path,
    pair: str,
    postgres: PostgresServer,  # noqa: F811
) -> None:
    """The old DDL with two rows a table, the migration: the catalog of the new DDL built
    fresh, the rows kept, on SQLite and on PostgreSQL 15."""
    import psycopg

    old = _tables(tmp_path / "old", PAIRS[pair](False))
    new = _tables(tmp_path / "new", PAIRS[pair](True))
    assert diff_sets(old, new)
    _migrates_keeping_rows(old, new, postgres, psycopg)


RECORDS: dict[str, tuple[str, str, dict[str, object], bool]] = {
    "cnpj": ("account", "Account", {"hsp_cnpj": "12.345.678/0001-95"}, False),
    "cpf": ("contact", "Contact", {"hsp_cpf": "123.456.789-09"}, False),
    "status": ("account", "Account", {"statecode": 0, "statuscode": 818450001}, False),
    "required-in-apps": ("contact", "Contact", {"hsp_cpf": "12345678909"}, True),
}
"""A record Dataverse returns or takes after the hotelsphere export, and whether the last
version's JSON Schema and pydantic model take it: an 18-character CNPJ and a 14-character CPF
(``length-widened``), a status reason added to Active (``option-added-closed``) are refused; a
contact without the first name and mobile phone made business required is taken, by the last
version and by the new one."""


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_the_last_version_refuses_exactly_what_the_gate_calls_breaking(
    tmp_path: Path, record: str
) -> None:
    table, model_name, values, taken = RECORDS[record]
    versions = (False, True) if taken else (False,)
    for new in versions:
        tables = _tables(tmp_path / f"specs{new}", _hotelsphere(new))
        schema = render_schemas(tables)[f"{table}.schema.json"]
        assert jsonschema.Draft202012Validator(schema).is_valid(values) is taken
        package = f"hotel_{record.replace('-', '_')}_{int(new)}"
        files = PydanticTarget(Config(pydantic_package=package)).render(tables, Diagnostics())
        with imported(files, tmp_path / f"pkg{new}", package) as module:
            model: type[pydantic.BaseModel] = getattr(module, model_name)
            if taken:
                model.model_validate(values)
            else:
                with pytest.raises(pydantic.ValidationError):
                    model.model_validate(values)


def test_the_2020_model_refuses_the_twelve_places_of_the_2023_rate(tmp_path: Path) -> None:
    """``precision-widened``: the 2020 page's pydantic model holds the exchange rate to ten
    places and refuses the twelve Dataverse returns since; its JSON Schema only annotates the
    places and takes it."""
    tables = _tables(tmp_path / "specs", _appointment(False))
    record = {"exchangerate": "1.000000000001"}
    schema = render_schemas(tables)["appointment.schema.json"]
    assert jsonschema.Draft202012Validator(schema).is_valid({"exchangerate": 1.000000000001})
    files = PydanticTarget(Config(pydantic_package="appt2020")).render(tables, Diagnostics())
    with imported(files, tmp_path / "pkg", "appt2020") as module:
        with pytest.raises(pydantic.ValidationError):
            module.Appointment.model_validate(record)


def test_the_customization_is_tgradus_export() -> None:
    """The inline customization is the real export's, cut to what dvgen reads."""
    real = SHARED / "solutions/tgradu__msteams-dataverse-appt__MicrosoftTeamsAppointments"
    if not real.is_dir():
        pytest.skip(NO_SHARED)
    text = (real / "Entities/Appointment/Entity.xml").read_text(encoding="utf-8-sig")
    for line in TEAMS_LINK.splitlines()[6:12]:
        assert line in text, line


# --- the fault: a Boolean's two labels stated where an export left them to a global choice ----

SAS_TOKEN = """<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Team" OriginalName="">Team</Name>
  <EntityInfo>
    <entity Name="Team">
      <attributes>
        <attribute PhysicalName="IsSasTokenSet">
          <Type>bit</Type>
          <Name>issastokenset</Name>
          <LogicalName>issastokenset</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <ImeMode>auto</ImeMode>
          <ValidForUpdateApi>0</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>0</ValidForCreateApi>
          <IsCustomField>0</IsCustomField>
          <IsLogical>1</IsLogical>
          <IntroducedVersion>9.2.0.0</IntroducedVersion>
          <AppDefaultValue>0</AppDefaultValue>
          <OptionSetName>isencryptedattributevalueset</OptionSetName>
        </attribute>
      </attributes>
      <EntitySetName>teams</EntitySetName>
      <OwnershipTypeMask>BusinessOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""
"""pnp/powerplatform-samples IncidentReporting ``Entities/Team/Entity.xml`` (26a6652f), cut to
its one column."""

TEAM_PAGE = _page(
    "Team",
    "02/15/2023",
    "Collection of system users that routinely collaborate.",
    _properties("Team", "teams", "teamid", "name", "Team").replace("UserOwned", "BusinessOwned"),
    {
        "Name": _column("Name", _string("Type a name for the team.", "Team Name", "name", 160, "SystemRequired")),
        "TeamId": _column("TeamId", _key("Unique identifier for the team.", "Team", "teamid")),
    },
    {
        "IsSasTokenSet": _column(
            "IsSasTokenSet",
            "|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
            "|LogicalName|issastokenset|\n|RequiredLevel|None|\n|Type|Boolean|",
            "\n#### IsSasTokenSet Choices/Options\n\n|Value|Label|Description|\n"
            "|-----|-----|--------|\n|1|Yes||\n|0|No||\n\n**DefaultValue**: 0\n",
            "Active Solution",
        ),
    },
)  # fmt: skip
"""Microsoft's team page, 02/15/2023 (09770ae5), cut to three columns."""


def _incidents(with_page: bool) -> Files:
    roots = _roots({"team": 0})
    files = {
        "sol/Other/Solution.xml": manifest("IncidentReporting", "csa", 10000, roots),
        "sol/Entities/Team/Entity.xml": SAS_TOKEN,
    }
    if with_page:
        files["team.md"] = TEAM_PAGE
    return files


def test_a_booleans_labels_stated_by_the_page_break_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page added as the warning asks: the Boolean's Yes and No are display names (its
    values are true and false before and after); what breaks is the page's team name, a
    SystemRequired column the database built from the shell alone never had."""
    _, out, changes = _gate(workdir, capsys, _incidents(False), _incidents(True))
    assert changes["team.columns.issastokenset.choices.0"] == ("display-name-changed", SAFE)
    assert changes["team.columns.issastokenset.choices.1"] == ("display-name-changed", SAFE)
    assert "option-added" not in out
    breaking = {path: rule for path, (rule, b) in changes.items() if b}
    assert breaking == {"team.columns.name": "required-column-added"}


def test_a_booleans_labels_no_longer_stated_remove_no_option(tmp_path: Path) -> None:
    """The page taken away again: the labels go, no value does (the page's own columns go:
    ``column-removed``)."""
    old = _tables(tmp_path / "old", _incidents(True))
    new = _tables(tmp_path / "new", _incidents(False))
    rules = {".".join([c.table, *c.path]): c.rule for c in diff_sets(old, new)}
    assert rules["team.columns.issastokenset.choices.0"] == "display-name-changed"
    assert rules["team.columns.issastokenset.choices.1"] == "display-name-changed"
    assert "option-removed" not in rules.values()


def test_the_last_version_takes_the_booleans_values_before_and_after(tmp_path: Path) -> None:
    """Held to the targets: the JSON Schema and pydantic model of the version without the
    labels take true and false, as the one with them does (closed choices, the default)."""
    for with_page in (False, True):
        tables = _tables(tmp_path / f"specs{with_page}", _incidents(with_page))
        schema = render_schemas(tables)["team.schema.json"]
        package = f"team_{int(with_page)}"
        files = PydanticTarget(Config(pydantic_package=package)).render(tables, Diagnostics())
        with imported(files, tmp_path / f"pkg{with_page}", package) as module:
            for value in (True, False):
                assert jsonschema.Draft202012Validator(schema).is_valid({"issastokenset": value})
                module.Team.model_validate({"issastokenset": value})
