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
    tmp_path: Path, files: dict[str, str], spec: str | None = None
) -> tuple[Generation, Diagnostics]:
    """The solution ``files`` (by path, under ``specs/Solution``), beside ``account.yaml``
    when ``spec`` is given, generated; its diagnostics, whatever they are."""
    specs = tmp_path / "specs"
    for relative, text in files.items():
        path = specs / "Solution" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    if spec is not None:
        (specs / "account.yaml").write_text(spec, encoding="utf-8")
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
