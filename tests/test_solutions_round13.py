"""Variations met in a thirteenth round of real solutions outside the corpus (2020 to 2026
folders: an HR onboarding app with its business process flow table, a service app listing
Microsoft's PhoneToCaseProcess, an education accelerator listing a global choice), each as a
minimal solution written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.dataverse_tables import key_of
from dvgen.diagnostics import Diagnostics
from dvgen.model import Table
from dvgen.pipeline import Generation, generate
from tests.solution_support import DECLARATION, manifest


def _generate(tmp_path: Path, files: dict[str, str]) -> tuple[Generation, Diagnostics]:
    """The solution ``files`` (by path, under ``specs/Solution``), generated; its
    diagnostics, whatever they are."""
    folder = tmp_path / "specs"
    for relative, text in files.items():
        path = folder / "Solution" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=folder, out=tmp_path / "out", cache=False), diagnostics)
    return generation, diagnostics


def _table(generation: Generation, name: str) -> Table:
    found = generation.tables.get(name)
    assert isinstance(found, Table)
    return found


# emphrprocess (girideshi/mydyn-solution, 2022): the business process flow a maker made on
# the solution's cr924_EmployeeOnboarding comes as the root component cr924_employeewf of
# behavior 1, its Entity.xml holding only the bpf_<table>id lookup (IsBPFEntity 1). Dataverse
# keys every business process flow table by businessprocessflowinstanceid (Microsoft's
# leadtoopportunitysalesprocess in its $metadata, the maker's msdyn_bpf_* tables on their
# pages), not <table>id: the shell had cr924_employeewfid. crm-dynamics-365
# (JRSasing/crm-dynamics-365, 2023) exports its ract_casebpf so too, as a root component of
# behavior 0: the platform's columns of a flow's table are never exported.
BPF_ROOTS = (
    '<RootComponent type="1" schemaName="cr924_employeeonboarding" behavior="0" />'
    '<RootComponent type="1" schemaName="cr924_employeewf" behavior="{behavior}" />'
)
ONBOARDING = """<Entity>
  <Name LocalizedName="Employee Onboarding" OriginalName="Employee Onboarding">
    cr924_EmployeeOnboarding</Name>
  <EntityInfo>
    <entity Name="cr924_EmployeeOnboarding">
      <LocalizedNames>
        <LocalizedName description="Employee Onboarding" languagecode="1033" />
      </LocalizedNames>
      <attributes>
        <attribute PhysicalName="cr924_EmployeeName">
          <Type>nvarchar</Type><Name>cr924_employeename</Name><LogicalName>cr924_employeename</LogicalName>
          <RequiredLevel>required</RequiredLevel>
          <DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm</DisplayMask>
          <IsCustomField>1</IsCustomField><Format>text</Format><MaxLength>100</MaxLength>
          <displaynames>
            <displayname description="Employee Name" languagecode="1033" />
          </displaynames>
        </attribute>
        <attribute PhysicalName="cr924_EmployeeOnboardingId">
          <Type>primarykey</Type><Name>cr924_employeeonboardingid</Name>
          <LogicalName>cr924_employeeonboardingid</LogicalName>
          <RequiredLevel>systemrequired</RequiredLevel><IsCustomField>0</IsCustomField>
        </attribute>
      </attributes>
      <EntitySetName>cr924_employeeonboardings</EntitySetName>
      <IsBusinessProcessEnabled>1</IsBusinessProcessEnabled>
      <IsBPFEntity>0</IsBPFEntity>
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""
EMPLOYEE_WF = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="EmployeeWF" OriginalName="EmployeeWF">cr924_employeewf</Name>
  <EntityInfo>
    <entity Name="cr924_employeewf">
      <LocalizedNames>
        <LocalizedName description="EmployeeWF" languagecode="1033" />
      </LocalizedNames>
      <Descriptions>
        <Description description="Base entity for process EmployeeWF" languagecode="1033" />
      </Descriptions>
      <attributes>
        <attribute PhysicalName="bpf_cr924_employeeonboardingid">
          <Type>lookup</Type>
          <Name>bpf_cr924_employeeonboardingid</Name>
          <LogicalName>bpf_cr924_employeeonboardingid</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi><IsCustomField>1</IsCustomField>
          <LookupStyle>single</LookupStyle><LookupTypes />
          <displaynames>
            <displayname description="Cr924_Employeeonboarding" languagecode="1033" />
          </displaynames>
        </attribute>
      </attributes>
      <EntitySetName>cr924_employeewfs</EntitySetName>
      <IsBPFEntity>1</IsBPFEntity>
      <OwnershipTypeMask>OrgOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""
BPF_RELATIONSHIP = """<EntityRelationships>
  <EntityRelationship Name="bpf_cr924_employeeonboarding_cr924_employeewf">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>cr924_employeewf</ReferencingEntityName>
    <ReferencedEntityName>cr924_EmployeeOnboarding</ReferencedEntityName>
    <CascadeDelete>Cascade</CascadeDelete>
    <ReferencingAttributeName>bpf_cr924_employeeonboardingid</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>
"""


@pytest.mark.parametrize("behavior", ["1", "0"])
def test_a_business_process_flow_table_listed_without_its_key_is_keyed_as_dataverse_keys_it(
    tmp_path: Path, behavior: str
) -> None:
    roots = BPF_ROOTS.format(behavior=behavior)
    files = {
        "Other/Solution.xml": manifest("emphrprocess", "cr924", 11320, roots),
        "Entities/cr924_EmployeeOnboarding/Entity.xml": ONBOARDING,
        "Entities/cr924_employeewf/Entity.xml": EMPLOYEE_WF,
        "Other/Relationships/cr924_EmployeeOnboarding.xml": BPF_RELATIONSHIP,
    }
    generation, diagnostics = _generate(tmp_path, files)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    flow = _table(generation, "cr924_employeewf")
    assert flow.primary_id_attribute == "businessprocessflowinstanceid"
    key = flow.columns_by_name["businessprocessflowinstanceid"]
    assert key.schema_name == "BusinessProcessFlowInstanceId"
    assert "cr924_employeewfid" not in flow.columns_by_name
    schema = generation.files["sql/postgres/schema.sql"]
    assert 'PRIMARY KEY ("businessprocessflowinstanceid")' in schema
    metadata = generation.files["odata/metadata.xml"]
    assert '<PropertyRef Name="businessprocessflowinstanceid"/>' in metadata


# crm-dynamics-365 (JRSasing/crm-dynamics-365, 2023) lists Microsoft's business process flow
# PhoneToCaseProcess with an Entity.xml that says nothing of it (unmodified, no attributes, no
# IsBPFEntity). Microsoft keys it by businessprocessflowinstanceid (its page and its Web API
# EntityType); the shell built for it had phonetocaseprocessid. Microsoft's own flows are
# known by name (leadtoopportunitysalesprocess, ..., msdyn_bpf_<32 hex digits>).
PHONE_TO_CASE = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Phone To Case Process" OriginalName="Phone To Case Process">
    PhoneToCaseProcess</Name>
  <EntityInfo>
    <entity Name="PhoneToCaseProcess" unmodified="1">
      <attributes />
    </entity>
  </EntityInfo>
  <RibbonDiffXml />
</Entity>
"""


def test_a_business_process_flow_of_microsofts_is_keyed_as_dataverse_keys_it(
    tmp_path: Path,
) -> None:
    roots = '<RootComponent type="1" schemaName="phonetocaseprocess" behavior="0" />'
    files = {
        "Other/Solution.xml": manifest("CRMCustomizations", "ract", 10000, roots),
        "Entities/PhoneToCaseProcess/Entity.xml": PHONE_TO_CASE,
    }
    generation, diagnostics = _generate(tmp_path, files)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    flow = _table(generation, "phonetocaseprocess")
    assert flow.primary_id_attribute == "businessprocessflowinstanceid"
    assert flow.columns_by_name["businessprocessflowinstanceid"].schema_name == (
        "BusinessProcessFlowInstanceId"
    )
    assert "phonetocaseprocessid" not in flow.columns_by_name


def test_microsofts_business_process_flows_are_known_by_name() -> None:
    assert key_of("leadtoopportunitysalesprocess") == "businessprocessflowinstanceid"
    assert key_of("msdyn_bpf_d8f9dc7f099f44db9d641dd81fbd470d") == "businessprocessflowinstanceid"
    assert key_of("msdyn_bpf_queue") == "msdyn_bpf_queueid"
    assert key_of("account") == "accountid"


# EducationAcceleratorCommon (microsoft/Industry-Accelerator-Education, 2020) lists its global
# choice mshied_sourcesystem as a root component (type 9) and its CustomerAddress column
# mshied_ExternalSourceSystem uses it (<OptionSetName>); a copy of the folder without
# OptionSets/mshied_sourcesystem.xml said only, at the column, that it accepts any integer.
# As for a listed table without its Entity.xml, the manifest's line names what is missing.
SOURCE_SYSTEM_ROOTS = (
    '<RootComponent type="1" schemaName="customeraddress" behavior="2" />'
    '<RootComponent type="9" schemaName="mshied_sourcesystem" behavior="0" />'
)
CUSTOMER_ADDRESS = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Address" OriginalName="">CustomerAddress</Name>
  <EntityInfo>
    <entity Name="CustomerAddress">
      <attributes>
        <attribute PhysicalName="mshied_ExternalSourceSystem">
          <Type>picklist</Type>
          <Name>mshied_externalsourcesystem</Name>
          <LogicalName>mshied_externalsourcesystem</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>1</IsCustomField>
          <AppDefaultValue>-1</AppDefaultValue>
          <OptionSetName>mshied_sourcesystem</OptionSetName>
          <displaynames>
            <displayname description="External Source System" languagecode="1033" />
          </displaynames>
        </attribute>
      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""
SOURCE_SYSTEM = """<optionset Name="mshied_sourcesystem" localizedName="Source System">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <options>
    <option value="494280000">
      <labels><label description="SIS" languagecode="1033" /></labels>
    </option>
  </options>
</optionset>
"""


def _education(tmp_path: Path, with_choice: bool) -> tuple[Generation, Diagnostics]:
    files = {
        "Other/Solution.xml": manifest(
            "EducationAcceleratorCommon", "mshied", 49428, SOURCE_SYSTEM_ROOTS
        ),
        "Entities/CustomerAddress/Entity.xml": CUSTOMER_ADDRESS,
    }
    if with_choice:
        files["OptionSets/mshied_sourcesystem.xml"] = SOURCE_SYSTEM
    return _generate(tmp_path, files)


def test_a_listed_global_choice_the_folder_lacks_is_named_at_the_manifest(
    tmp_path: Path,
) -> None:
    _, diagnostics = _education(tmp_path, with_choice=False)
    missing = [d for d in diagnostics if d.code == "solution-choice-missing"]
    assert len(missing) == 1
    assert "mshied_sourcesystem" in missing[0].message
    assert "OptionSets/mshied_sourcesystem.xml" in missing[0].message
    text = DECLARATION + manifest(
        "EducationAcceleratorCommon", "mshied", 49428, SOURCE_SYSTEM_ROOTS
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "mshied_sourcesystem" in row)
    assert (Path(missing[0].location.path).name, missing[0].location.line) == ("Solution.xml", line)


def test_a_listed_global_choice_the_folder_holds_says_nothing(tmp_path: Path) -> None:
    generation, diagnostics = _education(tmp_path, with_choice=True)
    assert not [d for d in diagnostics if d.code == "solution-choice-missing"]
    column = _table(generation, "customeraddress").columns_by_name["mshied_externalsourcesystem"]
    assert [c.value for c in column.choices] == [494280000]
