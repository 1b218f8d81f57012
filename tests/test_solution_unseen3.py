"""Variations met in a fifth round of real solutions outside the corpus (Microsoft's kits and
accelerators, an org's purchase requisitions on ``account``, a managed 2019 export of a custom
activity kept as solution.xml + customizations.xml, solutions committed as .zip files), each as
a minimal solution written for the test."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import Column, ColumnType, Table
from dvgen.pipeline import Generation, generate
from tests.conftest import run
from tests.solution_support import export_zip, layered, manifest, write_solution

SEED = Path(__file__).resolve().parents[1] / "specs" / "backgroundoperation.md"


# A repository keeping its releases as exported .zip files (managed and unmanaged of one
# version) in a folder: linked into specs/ whole, the folder holds solutions only deeper (and a
# .zip of icons, no solution).
def test_a_folder_of_exported_zips_names_them_and_reads_none(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    releases = workdir / "specs" / "releases"
    releases.mkdir(parents=True)
    unpacked = write_solution(workdir / "unpacked")
    export_zip(unpacked, releases / "ContosoSites_1_0_0_1.zip")
    export_zip(unpacked, releases / "ContosoSites_1_0_0_1_managed.zip")
    with zipfile.ZipFile(releases / "icons.zip", "w") as icons:
        icons.writestr("logo.svg", "<svg />")
    (workdir / "specs" / "backgroundoperation.md").write_bytes(SEED.read_bytes())
    code, _, err = run(capsys, "generate", "--specs", "specs", "--target", "model")
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if "[solution-nested]" in line]
    assert line.startswith("specs/releases: warning: ")
    assert "ContosoSites_1_0_0_1.zip, ContosoSites_1_0_0_1_managed.zip;" in line
    assert "exported .zip" in line
    assert "icons.zip" not in err
    assert sorted(p.name for p in (workdir / "generated" / "model").iterdir()) == [
        "backgroundoperation.yaml"
    ]


# The unpacked solution and its exported .zip, both put in specs/ (the helper's report of
# round 3): one solution twice, said as such, rather than each of its tables "already defined".
def test_one_solution_twice_is_one_error_naming_both_copies(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = workdir / "specs"
    unpacked = write_solution(specs / "ContosoSites")
    export_zip(unpacked, specs / "ContosoSites_1_0_0_1.zip")
    code, _, err = run(capsys, "generate", "--specs", "specs", "--target", "model")
    assert code == 2
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert errors == [
        "specs/ContosoSites_1_0_0_1.zip: error: solution 'ContosoSites' is in the specs folder "
        "twice, here and as specs/ContosoSites: keep one (a folder and its exported .zip are "
        "one solution)"
    ]
    assert not (workdir / "generated").exists()


# A build artifact: the unpacked solution folder zipped whole (its name the zip's only top
# folder), rather than exported from Dataverse.
def test_an_unpacked_folder_zipped_whole_is_read_from_its_folder(tmp_path: Path) -> None:
    unpacked = write_solution(tmp_path / "ContosoSites")
    specs = tmp_path / "specs"
    specs.mkdir()
    with zipfile.ZipFile(specs / "ContosoSites_src.zip", "w") as archive:
        for path in sorted(unpacked.rglob("*.xml")):
            archive.write(path, path.relative_to(tmp_path).as_posix())
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    assert not [d for d in diagnostics if d.code == "solution-table-missing"]
    tables = {t.logical_name: t for t in generation.tables.tables}
    assert sorted(tables) == ["account", "contoso_site"]
    site = tables["contoso_site"]
    assert isinstance(site, Table)
    assert _column(site, "contoso_capacity").max_value == 5000


ACCOUNT_ROOT = '<RootComponent type="1" schemaName="account" behavior="0" />'
MANIFEST = manifest("PurchaseRequisitionData", "cttech", 39783, ACCOUNT_ROOT)


def _restated(physical: str, kind: str, body: str, custom: int = 0) -> str:
    logical = physical.lower()
    return f"""        <attribute PhysicalName="{physical}">
          <Type>{kind}</Type><Name>{logical}</Name><LogicalName>{logical}</LogicalName>
          <RequiredLevel>none</RequiredLevel><IsCustomField>{custom}</IsCustomField>
          {body}
        </attribute>
"""


def _options(name: str, kind: str, options: tuple[tuple[int, str], ...]) -> str:
    listed = "".join(
        f'<option value="{value}" IsHidden="0"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></option>'
        for value, label in options
    )
    return (
        f'<optionset Name="{name}"><OptionSetType>{kind}</OptionSetType>'
        f"<options>{listed}</options></optionset>"
    )


TYPES = ((1, "Bill To"), (2, "Ship To"), (3, "Primary"), (4, "Other"))
SHIPPING = ((1, "Airborne"), (2, "DHL"), (8, "Other"))
ACCOUNT = (
    """<Entity>
  <Name LocalizedName="Account" OriginalName="">Account</Name>
  <EntityInfo>
    <entity Name="Account">
      <attributes>
"""
    + _restated(
        "Address1_AddressTypeCode",
        "picklist",
        "<AppDefaultValue>4</AppDefaultValue>"
        + _options("account_address1_addresstypecode", "picklist", TYPES),
    )
    + _restated(
        "Address1_ShippingMethodCode",
        "picklist",
        "<AppDefaultValue>-1</AppDefaultValue>"
        + _options("account_address1_shippingmethodcode", "picklist", SHIPPING),
    )
    + _restated(
        "DoNotEMail",
        "bit",
        "<AppDefaultValue>1</AppDefaultValue>"
        + _options("account_donotemail", "bit", ((0, "Allow"), (1, "Do Not Allow"))),
    )
    + _restated(
        "cttech_AddressCity",
        "nvarchar",
        "<Format>text</Format><MaxLength>100</MaxLength>",
        custom=1,
    )
    + """      </attributes>
      <EntitySetName>accounts</EntitySetName>
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""
)
BASE = """logical_name: account
schema_name: Account
display_name: Account
entity_set_name: accounts
primary_id_attribute: accountid
primary_name_attribute: name
columns:
  - logical_name: accountid
    schema_name: AccountId
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: name
    schema_name: Name
    type: String
    max_length: 160
  - logical_name: address1_addresstypecode
    schema_name: Address1_AddressTypeCode
    type: Picklist
    default_form_value: 1
    choices:
      - {value: 1, label: Bill To}
      - {value: 2, label: Ship To}
      - {value: 3, label: Primary}
      - {value: 4, label: Other}
  - logical_name: address1_shippingmethodcode
    schema_name: Address1_ShippingMethodCode
    type: Picklist
    choices:
      - {value: 1, label: Airborne}
      - {value: 2, label: DHL}
  - logical_name: donotemail
    schema_name: DoNotEMail
    type: Boolean
    default_value: false
    choices:
      - {value: 0, label: Allow}
      - {value: 1, label: Do Not Allow}
"""


def _account(tmp_path: Path) -> Table:
    """``account`` from a YAML spec with the org's solution layered on it."""
    solution = {"Other/Solution.xml": MANIFEST, "Entities/Account/Entity.xml": ACCOUNT}
    generation = layered(tmp_path, solution, ("account.yaml", BASE))
    (account,) = [t for t in generation.tables.tables if t.logical_name == "account"]
    assert isinstance(account, Table)
    return account


def _column(table: Table, name: str) -> Column:
    column = table.column(name)
    assert column is not None, name
    return column


def test_a_default_an_org_sets_on_a_microsoft_column_wins_over_the_base(tmp_path: Path) -> None:
    """``<AppDefaultValue>`` of a standard column the solution restates is the org's default:
    "Other" for the address type (Microsoft's is "Bill To"), "Do Not Allow" for e-mail."""
    account = _account(tmp_path)
    assert _column(account, "address1_addresstypecode").default_form_value == 4
    assert _column(account, "donotemail").default_value is True


def test_a_microsoft_table_held_whole_by_behavior_0_is_a_layer_on_the_base(
    tmp_path: Path,
) -> None:
    """``behavior="0"`` on Microsoft's ``account`` with a few of its columns listed: the
    solution's columns and options are added, the base's other columns stay (not a second
    definition, not a table cut down to what the solution lists)."""
    account = _account(tmp_path)
    assert _column(account, "name").max_length == 160
    assert _column(account, "cttech_addresscity").max_length == 100
    shipping = _column(account, "address1_shippingmethodcode")
    assert [(c.value, c.label) for c in shipping.choices] == [
        (1, "Airborne"),
        (2, "DHL"),
        (8, "Other"),
    ]


# A 2019 managed export kept extracted (solution.xml + customizations.xml): Microsoft's tables
# as ribbon-only entries, the org's custom activity whole, with string-valued flags.
EXPORT_MANIFEST = manifest(
    "Foodbanks",
    "cttech",
    39783,
    ACCOUNT_ROOT + '<RootComponent type="1" schemaName="com_collection" behavior="0" />',
)
PARTY = (
    "<LookupStyle>multi</LookupStyle><LookupTypes>"
    '<LookupType id="00000000-0000-0000-0000-000000000000">8</LookupType>'
    '<LookupType id="00000000-0000-0000-0000-000000000000">2</LookupType></LookupTypes>'
)
COLLECTION = (
    """<Entity>
      <Name LocalizedName="Collection" OriginalName="Collection">com_Collection</Name>
      <EntityInfo>
        <entity Name="com_Collection">
          <attributes>
"""
    + _restated("ActivityId", "primarykey", "")
    + _restated("To", "partylist", PARTY)
    + _restated(
        "Subject",
        "nvarchar",
        "<DisplayMask>PrimaryName|ValidForAdvancedFind</DisplayMask>"
        "<Format>text</Format><MaxLength>100</MaxLength><Length>800</Length>",
    )
    + """          </attributes>
          <EntitySetName>com_collections</EntitySetName>
          <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
          <IsActivity>1</IsActivity>
          <ActivityTypeMask>CommunicationActivity</ActivityTypeMask>
          <HasRelatedNotes>True</HasRelatedNotes>
        </entity>
      </EntityInfo>
    </Entity>"""
)
CUSTOMIZATIONS = f"""<ImportExportXml>
  <Entities>
    <Entity>
      <Name LocalizedName="Account" OriginalName="">Account</Name>
      <RibbonDiffXml><CustomActions /></RibbonDiffXml>
    </Entity>
    {COLLECTION}
  </Entities>
  <EntityRelationships />
  <optionsets />
  <Languages><Language>1033</Language></Languages>
</ImportExportXml>
"""


def test_a_custom_activity_in_an_extracted_export_is_read_whole(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    folder = specs / "Foodbanks"
    folder.mkdir(parents=True)
    (folder / "solution.xml").write_text(EXPORT_MANIFEST, encoding="utf-8")
    (folder / "customizations.xml").write_text(CUSTOMIZATIONS, encoding="utf-8")
    (folder / "[Content_Types].xml").write_text("<Types />", encoding="utf-8")
    (specs / "account.yaml").write_text(BASE, encoding="utf-8")
    diagnostics = Diagnostics()
    generation: Generation = generate(
        Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics
    )
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    tables = {t.logical_name: t for t in generation.tables.tables}
    assert sorted(tables) == ["account", "com_collection"]
    collection = tables["com_collection"]
    assert isinstance(collection, Table)
    assert collection.primary_id_attribute == "activityid"
    assert collection.primary_name_attribute == "subject"
    assert _column(collection, "to").type is ColumnType.PARTY_LIST
    assert _column(collection, "subject").max_length == 100
    assert ("IsActivity", "1") in collection.extra
    assert _column(tables["account"], "name").max_length == 160
