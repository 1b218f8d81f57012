"""Variations met in an eleventh round of real solutions outside the corpus (2013 to 2026
exports: a Japanese CRM 2013 folder, 2025-2026 folders customizing Microsoft's contact and
email, a custom Customer column, navigation names given by a script), each as a minimal
solution written for the test."""

from __future__ import annotations

from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate
from tests.solution_support import DECLARATION, manifest

ACCOUNT_SPEC = """logical_name: account
schema_name: Account
display_name: Account
entity_set_name: accounts
primary_id_attribute: accountid
primary_name_attribute: name
table_type: Standard
ownership_type: UserOwned
columns:
  - logical_name: accountid
    schema_name: AccountId
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: name
    schema_name: Name
    type: String
    required_level: ApplicationRequired
    max_length: 160
"""


def _generate(
    tmp_path: Path, files: dict[str, str], spec: str | None = None, **more: str
) -> tuple[Generation, Diagnostics]:
    """The solution ``files`` (by path, under ``specs/Solution``), beside ``account.yaml``
    when ``spec`` is given (and ``<name>.yaml`` for each of ``more``), generated; its
    diagnostics, whatever they are."""
    specs = tmp_path / "specs"
    for relative, text in files.items():
        path = specs / "Solution" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    if spec is not None:
        (specs / "account.yaml").write_text(spec, encoding="utf-8")
    for name, text in more.items():
        (specs / f"{name}.yaml").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    return generation, diagnostics


# Ritz's 1stSolution (Jackygwo/ritz, 2025) lists account with behavior 1 (the solution
# customizes Microsoft's table) but its folder holds no Entities/Account/Entity.xml. With
# account.md (here a YAML spec) beside it, account is generated in full, while
# solution-table-missing said "the table is left out": a warning contradicting the output.
ACCOUNT_ONLY_LISTED = manifest(
    "1stSolution",
    "csch",
    17909,
    '<RootComponent type="1" schemaName="account" behavior="1" />',
)


def test_a_listed_customization_without_its_entity_xml_does_not_say_the_table_is_left_out(
    tmp_path: Path,
) -> None:
    generation, diagnostics = _generate(
        tmp_path, {"Other/Solution.xml": ACCOUNT_ONLY_LISTED}, ACCOUNT_SPEC
    )
    assert "model/account.yaml" in generation.files
    (warning,) = [d for d in diagnostics if d.code == "solution-table-missing"]
    assert "'account'" in warning.message and "left out" not in warning.message
    assert "what the solution changes in it is not read" in warning.message


# TPR (GDFujitsu/GD, 2019) lists contact with behavior 1, and its Entity.xml holds nothing but
# <Name LocalizedName="Individual"> (no <EntityInfo>): without contact.md, the table is built
# from its shell, the primary key Dataverse names it, and the warning counted "1 columns".
CONTACT_NAME_ONLY = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Individual" OriginalName="">Contact</Name>
  <RibbonDiffXml />
</Entity>
"""


def test_a_shell_of_one_column_is_counted_in_the_singular(tmp_path: Path) -> None:
    solution = manifest(
        "TPR", "new", 10000, '<RootComponent type="1" schemaName="contact" behavior="1" />'
    )
    generation, diagnostics = _generate(
        tmp_path,
        {"Other/Solution.xml": solution, "Entities/Contact/Entity.xml": CONTACT_NAME_ONLY},
    )
    contact = generation.tables.get("contact")
    assert contact is not None and [c.logical_name for c in contact.columns] == ["contactid"]
    (warning,) = [d for d in diagnostics if d.code == "solution-base-missing"]
    assert "(1 column);" in warning.message


# DebtResolutionSolution (ls5986/DRACRM_Dataverse, 2025), a folder written by hand: its
# relationship sits in src/Relationships/ (one <EntityRelationship> per file), where neither
# SolutionPackager nor pac solution pack looks. dvgen did not read it and said nothing; the
# lookup it names lost its table in silence.
HAND_SOLUTION = manifest(
    "DebtResolutionSolution",
    "cr2a0",
    10000,
    '<RootComponent type="1" schemaName="cr2a0_client" behavior="0" />'
    '<RootComponent type="1" schemaName="cr2a0_debtaccount" behavior="0" />',
)


def _hand_table(name: str, columns: str) -> str:
    return f"""<Entity>
  <Name LocalizedName="{name}" OriginalName="{name}">{name}</Name>
  <EntityInfo>
    <entity Name="{name}">
      <attributes>
        <attribute PhysicalName="{name}id">
          <Type>primarykey</Type>
          <Name>{name}id</Name>
          <LogicalName>{name}id</LogicalName>
          <RequiredLevel>systemrequired</RequiredLevel>
          <DisplayName>Key</DisplayName>
          <IsCustomField>true</IsCustomField>
        </attribute>{columns}
      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


HAND_LOOKUP = """
        <attribute PhysicalName="cr2a0_clientlookup">
          <Type>lookup</Type>
          <Name>cr2a0_clientlookup</Name>
          <LogicalName>cr2a0_clientlookup</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>1</IsCustomField>
        </attribute>"""
HAND_RELATIONSHIP = """<EntityRelationship>
  <EntityRelationshipType>OneToMany</EntityRelationshipType>
  <ReferencingEntityName>cr2a0_debtaccount</ReferencingEntityName>
  <ReferencedEntityName>cr2a0_client</ReferencedEntityName>
  <CascadeDelete>RemoveLink</CascadeDelete>
  <ReferencingAttributeName>cr2a0_clientlookup</ReferencingAttributeName>
  <SchemaName>cr2a0_client_debtaccount</SchemaName>
</EntityRelationship>
"""


def test_relationships_outside_other_relationships_are_said_not_to_be_read(
    tmp_path: Path,
) -> None:
    generation, diagnostics = _generate(
        tmp_path,
        {
            "Other/Solution.xml": HAND_SOLUTION,
            "Entities/cr2a0_client/Entity.xml": _hand_table("cr2a0_client", ""),
            "Entities/cr2a0_debtaccount/Entity.xml": _hand_table("cr2a0_debtaccount", HAND_LOOKUP),
            "Relationships/cr2a0_client_debtaccount.xml": HAND_RELATIONSHIP,
            "Relationships/broken.xml": "<EntityRelationship>",
        },
    )
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    stray = [d for d in diagnostics if d.code == "solution-relationships-misplaced"]
    assert [d.location.path.rsplit("/", 1)[-1] for d in stray] == [
        "broken.xml",
        "cr2a0_client_debtaccount.xml",
    ]
    assert all("Relationships/" in d.location.path for d in stray)
    debt = generation.tables.get("cr2a0_debtaccount")
    assert debt is not None and not debt.relationships.many_to_one
    codes = {d.code for d in diagnostics if "cr2a0_clientlookup" in d.message}
    assert "solution-lookup-untargeted" in codes


def _column(physical: str, kind: str, body: str = "") -> str:
    logical = physical.lower()
    return f"""
        <attribute PhysicalName="{physical}">
          <Type>{kind}</Type>
          <Name>{logical}</Name>
          <LogicalName>{logical}</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>1</IsCustomField>{body}
        </attribute>"""


NAME = _column(
    "cr_Name", "nvarchar", "<DisplayMask>PrimaryName</DisplayMask><MaxLength>100</MaxLength>"
)


def _table(schema: str, columns: str, info: str = "") -> str:
    """A custom table as an export writes it: its primary key and name, and ``columns``."""
    logical = schema.lower()
    return f"""<Entity>
  <Name LocalizedName="{schema}" OriginalName="{schema}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}">
      <attributes>
        <attribute PhysicalName="{schema}Id">
          <Type>primarykey</Type>
          <Name>{logical}id</Name>
          <LogicalName>{logical}id</LogicalName>
          <RequiredLevel>systemrequired</RequiredLevel>
          <IsCustomField>0</IsCustomField>
        </attribute>{NAME}{columns}
      </attributes>
      <EntitySetName>{logical}s</EntitySetName>
      <OwnershipTypeMask>OrgOwned</OwnershipTypeMask>{info}
    </entity>
  </EntityInfo>
</Entity>
"""


def _one_to_many(name: str, referencing: str, referenced: str, column: str, roles: str) -> str:
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>{referencing}</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>{column}</ReferencingAttributeName>
    <EntityRelationshipRoles>{roles}</EntityRelationshipRoles>
  </EntityRelationship>
"""


def _roles(referencing: str, referenced: str) -> str:
    """The two roles as exports write them: type 1 names the referencing table's navigation
    property, type 0 the referenced table's."""
    return (
        f"<EntityRelationshipRole><NavigationPropertyName>{referencing}</NavigationPropertyName>"
        "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
        f"<EntityRelationshipRole><NavigationPropertyName>{referenced}</NavigationPropertyName>"
        "<RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole>"
    )


def _relationships(*items: str) -> str:
    return "<EntityRelationships>\n" + "".join(items) + "</EntityRelationships>\n"


# RealEstate (HamzehMari/RealEstate-PowerApps, 2026): a custom Customer column,
# cr08f_invoice.cr08f_client, whose two relationships (from Account.xml and Contact.xml,
# numbered cr08f_account_cr08f_invoice_872 / cr08f_contact_...) name navigation properties
# cr08f_Client_account and cr08f_Client_contact. One column, two targets, two navigations.
def test_a_custom_customer_column_targets_both_tables_with_their_navigations(
    tmp_path: Path,
) -> None:
    roots = '<RootComponent type="1" schemaName="cr08f_invoice" behavior="0" />'
    files = {
        "Other/Solution.xml": manifest("RealEstate", "cr08f", 17514, roots),
        "Entities/cr08f_Invoice/Entity.xml": _table(
            "cr08f_Invoice", _column("cr08f_Client", "customer")
        ),
    }
    for schema in ("Account", "Contact"):
        name = f"cr08f_{schema.lower()}_cr08f_invoice_872"
        files[f"Other/Relationships/{schema}.xml"] = _relationships(
            _one_to_many(
                name,
                "cr08f_Invoice",
                schema,
                "cr08f_Client",
                _roles(f"cr08f_Client_{schema.lower()}", name),
            )
        )
    contact = ACCOUNT_SPEC.replace("account", "contact").replace("Account", "Contact")
    generation, diagnostics = _generate(tmp_path, files, ACCOUNT_SPEC, contact=contact)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    invoice = generation.tables.get("cr08f_invoice")
    assert invoice is not None
    client = next(c for c in invoice.columns if c.logical_name == "cr08f_client")
    assert client.targets == ("account", "contact")
    metadata = generation.files["odata/metadata.xml"]
    assert '<Property Name="_cr08f_client_value" Type="Edm.Guid"/>' in metadata
    for target in ("account", "contact"):
        navigation = f'NavigationProperty Name="cr08f_Client_{target}" Type="mscrm.{target}"'
        assert navigation in metadata


# OutcomeTesting (maphalemohlala/OutcomeTesting, 2026), its relationships created by a script:
# the referencing role (type 1) names the relationship (al_outcomecase_caseassignment) and the
# referenced role (type 0) the lookup's schema name (al_OutcomeCaseId), the reverse of what
# the maker portal writes. The names are Dataverse's as given: al_outcomecase's collection
# al_OutcomeCaseId differs from its key al_outcomecaseid in case only, and its pydantic
# member takes a name of its own.
def test_navigation_names_are_taken_from_their_roles_whatever_they_look_like(
    tmp_path: Path,
) -> None:
    roots = "".join(
        f'<RootComponent type="1" schemaName="{t}" behavior="0" />'
        for t in ("al_caseassignment", "al_outcomecase")
    )
    lookup = _column("al_outcomecaseid", "lookup", "<LookupTypes />")
    files = {
        "Other/Solution.xml": manifest("OutcomeTesting", "al", 12091, roots),
        "Entities/al_OutcomeCase/Entity.xml": _table("al_OutcomeCase", ""),
        "Entities/al_CaseAssignment/Entity.xml": _table("al_CaseAssignment", lookup),
        "Other/Relationships/al_OutcomeCase.xml": _relationships(
            _one_to_many(
                "al_outcomecase_caseassignment",
                "al_CaseAssignment",
                "al_OutcomeCase",
                "al_outcomecaseid",
                _roles("al_outcomecase_caseassignment", "al_OutcomeCaseId"),
            )
        ),
    }
    generation, diagnostics = _generate(tmp_path, files)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    metadata = generation.files["odata/metadata.xml"]
    assert (
        '<NavigationProperty Name="al_outcomecase_caseassignment" Type="mscrm.al_outcomecase"'
        in metadata
    )
    assert (
        '<NavigationProperty Name="al_OutcomeCaseId" Type="Collection(mscrm.al_caseassignment)"'
        in metadata
    )
    module = generation.files["pydantic/dataverse_models/al_outcomecase.py"]
    assert 'alias="al_outcomecaseid"' in module and 'alias="al_OutcomeCaseId"' in module
    names = [line.split(":")[0].strip() for line in module.splitlines() if ": Annotated[" in line]
    assert len(names) == len(set(names))


# Ritz's 1stSolution (Jackygwo/ritz, 2025) adds to Microsoft's contact an alternate key on
# emailaddress1, a column the solution does not hold (it is Microsoft's): on contact's page
# (here a YAML spec) the key is the table's, with its unique constraint.
CONTACT_KEY = """<Entity>
  <Name LocalizedName="Contact" OriginalName="">Contact</Name>
  <EntityInfo>
    <entity Name="Contact">
      <attributes />
      <EntityKeys>
        <EntityKey>
          <Name>csch_key_primaryemail</Name>
          <LogicalName>csch_key_primaryemail</LogicalName>
          <EntityKeyAttributes>
            <AttributeName>emailaddress1</AttributeName>
          </EntityKeyAttributes>
          <displaynames>
            <displayname description="Primary Email" languagecode="1033" />
          </displaynames>
        </EntityKey>
      </EntityKeys>
      <EntitySetName>contacts</EntitySetName>
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""


def test_a_key_of_the_solution_on_a_column_of_the_base_table_is_kept(tmp_path: Path) -> None:
    contact = (
        ACCOUNT_SPEC.replace("account", "contact").replace("Account", "Contact")
        + "  - logical_name: emailaddress1\n    schema_name: EMailAddress1\n"
        "    type: String\n    max_length: 100\n"
    )
    files = {
        "Other/Solution.xml": manifest(
            "1stSolution",
            "csch",
            17909,
            '<RootComponent type="1" schemaName="contact" behavior="1" />',
        ),
        "Entities/Contact/Entity.xml": CONTACT_KEY,
    }
    generation, diagnostics = _generate(tmp_path, files, contact=contact)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    assert not [d for d in diagnostics if "csch_key_primaryemail" in d.message]
    table = generation.tables.get("contact")
    assert table is not None
    assert [(k.logical_name, k.columns) for k in table.keys] == [
        ("csch_key_primaryemail", ("emailaddress1",))
    ]
    unique = 'CONSTRAINT "ak_contact_csch_key_primaryemail" UNIQUE ("emailaddress1")'
    assert unique in generation.files["sql/postgres/schema.sql"]


# The same solution without contact's page: contact is built from the solution's shell, which
# holds no emailaddress1. solution-key-column-unknown said the key was left out, yet
# model/contact.yaml kept it, and the SQL and OData targets each warned of it again.
def test_a_key_on_a_column_the_shell_lacks_is_left_out_as_said(tmp_path: Path) -> None:
    files = {
        "Other/Solution.xml": manifest(
            "1stSolution",
            "csch",
            17909,
            '<RootComponent type="1" schemaName="contact" behavior="1" />',
        ),
        "Entities/Contact/Entity.xml": CONTACT_KEY,
    }
    generation, diagnostics = _generate(tmp_path, files)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    table = generation.tables.get("contact")
    assert table is not None and not table.keys
    assert "csch_key_primaryemail" not in generation.files["model/contact.yaml"]
    said = [d.code for d in diagnostics if "csch_key_primaryemail" in d.message]
    assert said == ["solution-key-column-unknown"]
