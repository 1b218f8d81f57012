"""Variations met in a fourth round of real unpacked solutions outside the corpus (a CRM 2013
export in Japanese, 2021-2026 ones in Portuguese, Spanish and English, an activity table
customized with a calculated column), each as a minimal solution written for the test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from dvgen.model import Column, Table
from dvgen.pipeline import Generation
from tests.solution_support import layered, manifest

ACCOUNT_ROOT = '<RootComponent type="1" schemaName="account" behavior="2" />'


def _manifest(language: int = 1033, roots: str = ACCOUNT_ROOT, name: str = "HotelSphere") -> str:
    """HotelSphere's Solution.xml (a Brazilian org's, publisher prefix hsp)."""
    return manifest(name, "hsp", 81845, roots, language=language, managed=2)


CONTACT_MANIFEST = _manifest(roots=ACCOUNT_ROOT.replace('"account"', '"contact"'))


def _label(tag: str, text: str, language: int) -> str:
    return f'<{tag} description="{text}" languagecode="{language}" />'


def _restated_account(language: int) -> str:
    """Microsoft's ``account`` renamed "Hotel" (its description left empty) and its ``name``
    and ``statuscode`` restated, labelled in ``language`` only (a Brazilian org's export): a
    longer, required name, Microsoft's two status reasons and one the solution adds (valued
    with its publisher's option value prefix)."""
    statuses = "".join(
        f'<status value="{value}" state="{state}"><labels>{_label("label", text, language)}'
        "</labels></status>"
        for value, state, text in ((1, 0, "Ativo"), (2, 1, "Inativa"), (818450002, 0, "Em obra"))
    )
    return f"""<Entity>
  <Name LocalizedName="Hotel" OriginalName="">Account</Name>
  <EntityInfo>
    <entity Name="Account">
      <LocalizedNames>{_label("LocalizedName", "Hotel", language)}</LocalizedNames>
      <LocalizedCollectionNames>
        {_label("LocalizedCollectionName", "Hotéis", language)}
      </LocalizedCollectionNames>
      <Descriptions>{_label("Description", "", language)}</Descriptions>
      <attributes>
        <attribute PhysicalName="Name">
          <Type>nvarchar</Type>
          <Name>name</Name>
          <LogicalName>name</LogicalName>
          <RequiredLevel>required</RequiredLevel>
          <IsCustomField>0</IsCustomField>
          <Format>text</Format>
          <MaxLength>160</MaxLength>
          <displaynames>{_label("displayname", "Nome do Hotel", language)}</displaynames>
          <Descriptions>{_label("Description", "O nome do hotel.", language)}</Descriptions>
        </attribute>
        <attribute PhysicalName="StatusCode">
          <Type>status</Type>
          <Name>statuscode</Name>
          <LogicalName>statuscode</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>0</IsCustomField>
          <optionset Name="account_statuscode">
            <OptionSetType>status</OptionSetType>
            <statuses>{statuses}</statuses>
          </optionset>
          <displaynames>{_label("displayname", "Razão do Status", language)}</displaynames>
        </attribute>
      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


ACCOUNT = """logical_name: account
schema_name: Account
display_name: Account
entity_set_name: accounts
primary_id_attribute: accountid
primary_name_attribute: name
columns:
  - logical_name: accountid
    schema_name: AccountId
    type: Uniqueidentifier
    display_name: Account
    required_level: SystemRequired
  - logical_name: name
    schema_name: Name
    type: String
    display_name: Account Name
    description: Type the company or business name.
    max_length: 100
  - logical_name: statuscode
    schema_name: StatusCode
    type: Status
    display_name: Status Reason
    choices:
      - {value: 1, label: Active, state: 0}
      - {value: 2, label: Inactive, state: 1}
"""


def _run(tmp_path: Path, solution_language: int, language: int) -> Generation:
    """``account`` from a YAML spec (English labels) with the solution's layer on it."""
    solution = {
        "Other/Solution.xml": _manifest(solution_language),
        "Entities/Account/Entity.xml": _restated_account(solution_language),
    }
    return layered(tmp_path, solution, ("account.yaml", ACCOUNT), language)


def _column(generation: Generation, name: str) -> Column:
    (account,) = [t for t in generation.tables.tables if t.logical_name == "account"]
    assert isinstance(account, Table)
    column = account.column(name)
    assert column is not None
    return column


def test_labels_only_in_another_language_leave_the_tables_own_labels(tmp_path: Path) -> None:
    """A Portuguese-only solution restating Microsoft's columns, read for English: its
    facets change the column, its Portuguese labels do not replace the English ones; the
    status reason it adds keeps the only label it has."""
    generation = _run(tmp_path, solution_language=1046, language=1033)
    (account,) = generation.tables.tables
    assert (account.display_name, account.display_collection_name) == ("Account", None)
    name = _column(generation, "name")
    assert (name.display_name, name.description) == (
        "Account Name",
        "Type the company or business name.",
    )
    assert (name.max_length, name.required_level.value) == (160, "ApplicationRequired")
    status = _column(generation, "statuscode")
    assert status.display_name == "Status Reason"
    assert [(c.value, c.label) for c in status.choices] == [
        (1, "Active"),
        (2, "Inactive"),
        (818450002, "Em obra"),
    ]


@pytest.mark.parametrize("solution_language", [1046, 1033])
def test_labels_in_the_wanted_language_still_relabel(
    tmp_path: Path, solution_language: int
) -> None:
    """The same solution read in its own language relabels what it restates, the table
    too (an org that calls its accounts "Hotels"); an empty description changes nothing."""
    generation = _run(tmp_path, solution_language, language=solution_language)
    (account,) = generation.tables.tables
    assert (account.display_name, account.display_collection_name) == ("Hotel", "Hotéis")
    assert "\ndisplay_name: Hotel\n" in generation.files["model/account.yaml"]
    assert _column(generation, "name").display_name == "Nome do Hotel"
    status = _column(generation, "statuscode")
    assert status.display_name == "Razão do Status"
    assert [c.label for c in status.choices] == ["Ativo", "Inativa", "Em obra"]


SOL_2013 = """<ImportExportXml version="6.1.0000.1043" SolutionPackageVersion="6.1"
    languagecode="1041">
  <SolutionManifest>
    <UniqueName>sol</UniqueName>
    <Version>1.0</Version>
    <Managed>0</Managed>
    <Publisher><CustomizationPrefix>new</CustomizationPrefix></Publisher>
    <RootComponents><RootComponent type="1" schemaName="new_places" /></RootComponents>
  </SolutionManifest>
</ImportExportXml>
"""
PLACES_2013 = """<Entity>
  <Name LocalizedName="地区" OriginalName="地区">new_places</Name>
  <ObjectTypeCode>10006</ObjectTypeCode>
  <EntityInfo>
    <entity Name="new_places">
      <attributes>
        <attribute PhysicalName="new_placesId">
          <Type>primarykey</Type><Name>new_placesid</Name><LogicalName>new_placesid</LogicalName>
          <RequiredLevel>systemrequired</RequiredLevel>
          <ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>
        </attribute>
        <attribute PhysicalName="new_name">
          <Type>nvarchar</Type><Name>new_name</Name><LogicalName>new_name</LogicalName>
          <RequiredLevel>required</RequiredLevel><DisplayMask>PrimaryName</DisplayMask>
          <IsCustomField>1</IsCustomField><MaxLength>100</MaxLength>
        </attribute>
        <attribute PhysicalName="OwnerId">
          <Type>owner</Type><Name>ownerid</Name><LogicalName>ownerid</LogicalName>
          <RequiredLevel>systemrequired</RequiredLevel>
          <ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>
          <LookupStyle>single</LookupStyle>
          <LookupTypes><LookupType>8</LookupType><LookupType>9</LookupType></LookupTypes>
        </attribute>
        <attribute PhysicalName="OwnerIdType">
          <Type>int</Type><Name>owneridtype</Name><LogicalName>owneridtype</LogicalName>
          <RequiredLevel>systemrequired</RequiredLevel>
          <DisplayMask>ObjectTypeCode</DisplayMask><ImeMode>disabled</ImeMode>
          <ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>0</IsCustomField>
          <Format></Format><MinValue>-2147483648</MinValue><MaxValue>2147483647</MaxValue>
        </attribute>
      </attributes>
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""


def test_a_2013_owner_type_column_is_the_owners_table_name(tmp_path: Path) -> None:
    """CRM 2011-2015 exports write ``owneridtype`` as an ``int`` with the ``ObjectTypeCode``
    display mask: it is the owner's table name (EntityName), describing ``ownerid``, so no
    target makes it a required integer of its own."""
    solution = {"Other/Solution.xml": SOL_2013, "Entities/new_places/Entity.xml": PLACES_2013}
    generation = layered(tmp_path, solution)
    (places,) = generation.tables.tables
    column = places.column("owneridtype")
    assert column is not None
    assert (column.type.value, column.attribute_of) == ("EntityName", "ownerid")
    assert (column.min_value, column.max_value) == (None, None)
    csdl = etree.fromstring(generation.files["odata/metadata.xml"].encode())
    names = {p.get("Name") for p in csdl.iter("{http://docs.oasis-open.org/odata/ns/edm}Property")}
    assert "_ownerid_value" in names and "owneridtype" not in names
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    db.execute(
        "INSERT INTO new_places (new_placesid, new_name, ownerid) VALUES (?, ?, ?)",
        ("00000000-0000-0000-0000-000000000001", "Tokyo", "00000000-0000-0000-0000-000000000002"),
    )


RELATED_ONLY = """<EntityRelationships>
  <EntityRelationship
    Name="apollo_contact_EmergencyContactPerson_contact">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>Contact</ReferencingEntityName>
    <ReferencedEntityName>Contact</ReferencedEntityName>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>apollo_EmergencyContactPerson</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>
"""


def test_a_table_known_by_a_relationship_only_gets_dataverses_names(tmp_path: Path) -> None:
    """A relationship between two tables the solution holds no Entity.xml of (a copy of part
    of a solution, or a relationship component alone): the table built from it has the entity
    set Dataverse gives it, as one built from an Entity.xml has, rather than none."""
    component = (
        '<RootComponent type="10" schemaName="apollo_contact_EmergencyContactPerson_contact" />'
    )
    solution = {
        "Other/Solution.xml": _manifest(roots=component, name="Apollo"),
        "Other/Relationships/Contact.xml": RELATED_ONLY,
    }
    generation = layered(tmp_path, solution)
    codes = {d.code for d in generation.warnings}
    assert "odata-no-entity-set" not in codes, codes
    (contact,) = generation.tables.tables
    assert (contact.entity_set_name, contact.logical_collection_name) == ("contacts", "contacts")
    csdl = etree.fromstring(generation.files["odata/metadata.xml"].encode())
    sets = [e.get("Name") for e in csdl.iter("{http://docs.oasis-open.org/odata/ns/edm}EntitySet")]
    assert sets == ["contacts"]


LOWERED = """<Entity>
  <Name>Contact</Name>
  <EntityInfo>
    <entity Name="Contact">
      <attributes>
        <attribute PhysicalName="LastName">
          <Type>nvarchar</Type><Name>lastname</Name><LogicalName>lastname</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>0</IsCustomField><Format>text</Format><MaxLength>50</MaxLength>
        </attribute>
        <attribute PhysicalName="FirstName">
          <Type>nvarchar</Type><Name>firstname</Name><LogicalName>firstname</LogicalName>
          <IsCustomField>0</IsCustomField><Format>text</Format><MaxLength>64</MaxLength>
        </attribute>
      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""
CONTACT = """logical_name: contact
schema_name: Contact
display_name: Contact
entity_set_name: contacts
primary_id_attribute: contactid
columns:
  - {logical_name: contactid, schema_name: ContactId, type: Uniqueidentifier}
  - logical_name: lastname
    schema_name: LastName
    type: String
    required_level: ApplicationRequired
    max_length: 50
  - logical_name: firstname
    schema_name: FirstName
    type: String
    required_level: Recommended
    max_length: 50
"""


def test_a_required_level_written_as_none_makes_the_column_optional(tmp_path: Path) -> None:
    """An org that made Microsoft's ``lastname`` optional exports it with
    ``<RequiredLevel>none``: the column becomes optional. A restated column without the
    element (an older export) keeps its level, while its other facets change."""
    solution = {"Other/Solution.xml": CONTACT_MANIFEST, "Entities/Contact/Entity.xml": LOWERED}
    generation = layered(tmp_path, solution, ("contact.yaml", CONTACT))
    (contact,) = generation.tables.tables
    lastname, firstname = contact.column("lastname"), contact.column("firstname")
    assert lastname is not None and firstname is not None
    assert lastname.required_level.value == "None"
    assert (firstname.required_level.value, firstname.max_length) == ("Recommended", 64)


KEYED = """<Entity>
  <Name>Contact</Name>
  <EntityInfo>
    <entity Name="Contact">
      <attributes />
      <EntityKeys>
        <EntityKey>
          <Name>csch_key_primaryemail</Name>
          <LogicalName>csch_key_primaryemail</LogicalName>
          <EntityKeyAttributes><AttributeName>emailaddress1</AttributeName></EntityKeyAttributes>
        </EntityKey>
      </EntityKeys>
      <EntitySetName>contacts</EntitySetName>
    </entity>
  </EntityInfo>
</Entity>
"""


def test_an_alternate_key_a_solution_adds_to_a_table_of_the_set_is_kept(tmp_path: Path) -> None:
    """An org's integration key on Microsoft's ``contact`` (``<EntityKeys>`` of a table the
    solution customizes) becomes one of the table's keys when a spec of the set defines the
    table, as it does when the table is built from the solution alone."""
    solution = {"Other/Solution.xml": CONTACT_MANIFEST, "Entities/Contact/Entity.xml": KEYED}
    email = "  - logical_name: emailaddress1\n    type: String\n    max_length: 100\n"
    generation = layered(tmp_path, solution, ("contact.yaml", CONTACT + email))
    (contact,) = generation.tables.tables
    assert [(k.logical_name, k.columns) for k in contact.keys] == [
        ("csch_key_primaryemail", ("emailaddress1",))
    ]
    assert not [tag for tag, _ in contact.extra if tag.startswith("EntityKey")]
    assert "- logical_name: csch_key_primaryemail" in generation.files["model/contact.yaml"]


INDUSTRY = """<optionset Name="industrycode" localizedName="Setor">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <options>
    <option value="1">
      <labels><label description="Contabilidade" languagecode="1046" /></labels>
    </option>
    <option value="818450000">
      <labels><label description="Hotelaria" languagecode="1046" /></labels>
    </option>
  </options>
</optionset>
"""


def test_a_microsoft_choice_restated_in_another_language_only_gains_its_new_options(
    tmp_path: Path,
) -> None:
    """A Portuguese-only solution restating Microsoft's global choice ``industrycode``, read
    for English: Microsoft's option keeps its English label, the option the solution adds
    (valued with its publisher's prefix) is added with the only label it has."""
    roots = '<RootComponent type="9" schemaName="industrycode" behavior="1" />'
    solution = {
        "Other/Solution.xml": _manifest(1046, roots),
        "OptionSets/industrycode.xml": INDUSTRY,
    }
    base = ACCOUNT + (
        "  - logical_name: industrycode\n    schema_name: IndustryCode\n    type: Picklist\n"
        "    global_choice_name: industrycode\n    choices:\n"
        "      - {value: 1, label: Accounting}\n      - {value: 2, label: Agriculture}\n"
    )
    generation = layered(tmp_path, solution, ("account.yaml", base))
    industry = _column(generation, "industrycode")
    assert [(c.value, c.label) for c in industry.choices] == [
        (1, "Accounting"),
        (2, "Agriculture"),
        (818450000, "Hotelaria"),
    ]
