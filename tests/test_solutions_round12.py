"""Variations met in a twelfth round of real solutions outside the corpus (2013 to 2026 folders:
a hospital app customizing Microsoft's appointment and contact in four languages, a field
service app customizing Dynamics 365's tables, a Danish ITSM table unpacked as Both, a finance
app whose lookups are named as their tables, Power Pages tables customized by a modules
solution), each as a minimal solution written for the test."""

from __future__ import annotations

from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import Choice, Table
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
  - logical_name: statecode
    schema_name: StateCode
    type: State
    choices:
      - {value: 0, label: Active, default_status: 1, invariant_name: Active}
      - {value: 1, label: Inactive, default_status: 2, invariant_name: Inactive}
  - logical_name: statuscode
    schema_name: StatusCode
    type: Status
    choices:
      - {value: 1, label: Active, state: 0}
      - {value: 2, label: Inactive, state: 1}
"""


ACCOUNT_ROOT = '<RootComponent type="1" schemaName="account" behavior="2" />'


def _generate(
    tmp_path: Path, files: dict[str, str], **specs: str
) -> tuple[Generation, Diagnostics]:
    """The solution ``files`` (by path, under ``specs/Solution``) beside ``<name>.yaml`` for
    each of ``specs``, generated; its diagnostics, whatever they are."""
    folder = tmp_path / "specs"
    for relative, text in files.items():
        path = folder / "Solution" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    for name, text in specs.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=folder, out=tmp_path / "out", cache=False), diagnostics)
    return generation, diagnostics


def _choices(generation: Generation, table: str, column: str) -> dict[int, Choice]:
    found = generation.tables.get(table)
    assert isinstance(found, Table)
    return {c.value: c for c in found.columns_by_name[column].choices}


# ApolloHospitalProject (meandtech2001/Apollo-HealthCare-Management-D365-CRM-, 2025) restates
# appointment's status reasons to colour them (<status value="3" state="1" Color="#358717">),
# relabelling some ("Free" becomes "Pending") and keeping the others' labels. Layered on
# appointment.md, a relabelled option kept its colour, but one whose label the solution
# leaves as it was lost it: the layer kept the base's option, and the base has no colour.
STATUS_COLOURS = """<Entity>
  <Name LocalizedName="Account" OriginalName="">Account</Name>
  <EntityInfo>
    <entity Name="Account">
      <attributes>
        <attribute PhysicalName="StatusCode">
          <Type>status</Type>
          <Name>statuscode</Name>
          <LogicalName>statuscode</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>0</IsCustomField>
          <optionset Name="account_statuscode">
            <OptionSetType>status</OptionSetType>
            <statuses>
              <status value="1" state="0" Color="#3b79b7">
                <labels><label description="Pending" languagecode="1033" /></labels>
              </status>
              <status value="2" state="1" Color="#666666">
                <labels><label description="Inactive" languagecode="1033" /></labels>
              </status>
            </statuses>
          </optionset>
          <displaynames>
            <displayname description="Status Reason" languagecode="1033" />
          </displaynames>
        </attribute>
      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


def test_a_restated_option_keeps_the_colour_the_solution_gives_it_whatever_its_label(
    tmp_path: Path,
) -> None:
    files = {
        "Other/Solution.xml": manifest("Apollo", "apollo", 55455, ACCOUNT_ROOT),
        "Entities/Account/Entity.xml": STATUS_COLOURS,
    }
    generation, diagnostics = _generate(tmp_path, files, account=ACCOUNT_SPEC)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    status = _choices(generation, "account", "statuscode")
    assert (status[1].label, status[1].extra) == ("Pending", (("Color", "#3b79b7"),))
    assert (status[2].label, status[2].extra) == ("Inactive", (("Color", "#666666"),))
    assert [status[v].state for v in (1, 2)] == [0, 1]


# FieldServiceDynamics (owaisshahab/FieldServiceDynamics, 2021) customizes Scheduling's
# bookableresource (an Entity.xml of its table properties, <attributes />) and Customer
# Service's incident. Neither page is in powerapps-docs, which documents Dataverse's own
# tables, but in dynamics-365-customer-engagement: the warning sent the user to a page that
# does not exist (powerapps-docs/.../entities/bookableresource.md).
def _customized(schema: str) -> str:
    return f"""<Entity>
  <Name LocalizedName="{schema}" OriginalName="{schema}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}">
      <attributes />
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""


def test_a_dynamics_365_table_is_sent_to_the_dynamics_365_reference(tmp_path: Path) -> None:
    roots = "".join(
        f'<RootComponent type="1" schemaName="{name}" behavior="1" />'
        for name in ("bookableresource", "incident", "role")
    )
    files = {
        "Other/Solution.xml": manifest("FieldServiceDynamics", "owsh", 10000, roots),
        "Entities/BookableResource/Entity.xml": _customized("BookableResource"),
        "Entities/Incident/Entity.xml": _customized("Incident"),
        "Entities/Role/Entity.xml": _customized("Role"),
    }
    _generation, diagnostics = _generate(tmp_path, files)
    hints = {
        d.message.split("'")[3]: d.message.split("; ")[-1]
        for d in diagnostics
        if d.code == "solution-base-missing"
    }
    dynamics = "MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/reference/entities"
    dataverse = "MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference"
    assert hints == {
        name: f"add {name}.md from {source}/{name}.md to the specs folder"
        for name, source in [
            ("bookableresource", dynamics),
            ("incident", dynamics),
            ("role", f"{dataverse}/entities"),
        ]
    }


# ApolloHospitalProject (2025) adds an image column to Microsoft's contact (apollo_Photo,
# <Format>jpeg</Format>, its size in <MaxValue>, IsCustomField 1) and lists no apollo_photoid,
# apollo_photo_timestamp nor apollo_photo_url: Dataverse creates them with the column, on a
# table the solution customizes as on one it owns, and the Web API returns them with every
# contact. dvgen added them to the solution's own tables only; a file column's <file>_name and
# a rollup's _date and _state likewise.
PHOTO = """<attribute PhysicalName="apollo_Photo">
          <Type>image</Type>
          <Name>apollo_photo</Name>
          <LogicalName>apollo_photo</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <DisplayMask>DenormalizedChild|ValidForForm|ValidForGrid</DisplayMask>
          <ImeMode>disabled</ImeMode>
          <IsCustomField>1</IsCustomField>
          <Format>jpeg</Format>
          <MaxLength>9437328</MaxLength>
          <MaxValue>10240</MaxValue>
          <displaynames>
            <displayname description="Patient Photo" languagecode="1033" />
          </displaynames>
        </attribute>
        <attribute PhysicalName="apollo_Report">
          <Type>file</Type>
          <Name>apollo_report</Name>
          <LogicalName>apollo_report</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>1</IsCustomField>
          <MaxValue>131072</MaxValue>
        </attribute>
        <attribute PhysicalName="apollo_Visits">
          <Type>int</Type>
          <Name>apollo_visits</Name>
          <LogicalName>apollo_visits</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>1</IsCustomField>
          <SourceType>2</SourceType>
          <MinValue>-2147483648</MinValue>
          <MaxValue>2147483647</MaxValue>
        </attribute>"""


def test_a_column_added_to_a_customized_table_comes_with_what_dataverse_creates_beside_it(
    tmp_path: Path,
) -> None:
    account = STATUS_COLOURS.replace(
        STATUS_COLOURS[STATUS_COLOURS.index("<attribute ") : STATUS_COLOURS.index("</attributes>")],
        PHOTO,
    )
    files = {
        "Other/Solution.xml": manifest("Apollo", "apollo", 55455, ACCOUNT_ROOT),
        "Entities/Account/Entity.xml": account,
    }
    generation, diagnostics = _generate(tmp_path, files, account=ACCOUNT_SPEC)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    table = generation.tables.get("account")
    assert isinstance(table, Table)
    columns = table.columns_by_name
    supports = {
        "apollo_photoid": "Uniqueidentifier",
        "apollo_photo_timestamp": "BigInt",
        "apollo_photo_url": "String",
        "apollo_report_name": "String",
        "apollo_visits_date": "DateTime",
        "apollo_visits_state": "Integer",
    }
    assert {name: columns[name].type.value for name in supports if name in columns} == supports
    assert all(not columns[name].valid_for_create for name in supports)
    assert {columns[name].added_by for name in supports} == {"Apollo"}
    metadata = generation.files["odata/metadata.xml"]
    assert '<Property Name="apollo_photoid" Type="Edm.Guid"' in metadata
    assert '<Property Name="apollo_report_name" Type="Edm.String"' in metadata
