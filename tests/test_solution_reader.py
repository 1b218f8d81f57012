"""The solution reader on the format's variations: unknown elements, 2016 shells, managed
twins, odd values, broken archives, the places a solution folder may sit."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dvgen.diagnostics import Diagnostic, Location, Severity
from dvgen.model import ColumnType, Spec, Table, TableExtension
from dvgen.solution import bundle, read_solution, solution_root
from dvgen.solution.units import find_solutions
from tests.solution_support import HEAD, export_zip, write_solution

ACCOUNT = "Entities/Account/Entity.xml"
SITE = "Entities/contoso_Site/Entity.xml"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    return write_solution(tmp_path / "ContosoSites")


def edit(folder: Path, relative: str, old: str, new: str) -> None:
    path = folder / relative
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def read(folder: Path) -> tuple[dict[str, Spec], list[Diagnostic]]:
    specs, diagnostics, _ = read_solution("s", bundle(folder), 1033)
    return {getattr(s, "logical_name", getattr(s, "name", "")): s for s in specs}, diagnostics


def site(folder: Path) -> Table:
    table = read(folder)[0]["contoso_site"]
    assert isinstance(table, Table)
    return table


def test_unknown_elements_are_kept_in_extra(folder: Path) -> None:
    edit(folder, SITE, "<Format>none</Format>", "<Format>none</Format><IsFancy>1</IsFancy>")
    edit(folder, SITE, "<EntitySetName>", "<HoloLensMode>on</HoloLensMode><EntitySetName>")
    table = site(folder)
    assert ("HoloLensMode", "on") in table.extra
    capacity = table.column("contoso_capacity")
    assert capacity is not None and ("IsFancy", "1") in capacity.extra


def test_attributes_over_several_lines_and_in_any_order_read_the_same(folder: Path) -> None:
    before = site(folder)
    edit(
        folder,
        SITE,
        '<attribute PhysicalName="contoso_Capacity">',
        '<attribute\n  PhysicalName="contoso_Capacity"\n>',
    )
    edit(
        folder,
        SITE,
        "<MinValue>0</MinValue>\n          <MaxValue>5000</MaxValue>",
        "<MaxValue>5000</MaxValue><MinValue>0</MinValue>",
    )
    assert site(folder) == before


def test_a_2016_table_without_entity_info_is_a_layer_with_a_shell(folder: Path) -> None:
    (folder / ACCOUNT).write_text(
        HEAD + '<Entity><Name LocalizedName="Account" OriginalName="Account">Account</Name>'
        "<ObjectTypeCode>1</ObjectTypeCode><FormXml /></Entity>",
        encoding="utf-8",
    )
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension) and layer.shell is not None
    # No <attribute>: only the lookup its relationship names, spelt as the relationship's
    # <ReferencingAttributeName> spells it (tests/test_solution_gaps.py).
    assert [(c.logical_name, c.schema_name) for c in layer.columns] == [
        ("contoso_siteid", "contoso_SiteId")
    ]
    assert layer.shell.primary_id_attribute == "accountid"
    key = layer.shell.column("accountid")
    assert key is not None and key.type is ColumnType.UNIQUEIDENTIFIER


def test_an_unmodified_reference_adds_nothing(folder: Path) -> None:
    edit(folder, ACCOUNT, '<entity Name="Account">', '<entity Name="Account" unmodified="1">')
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension)
    assert {c.logical_name for c in layer.columns} == {
        "contoso_segment",
        "contoso_siteid",
        "contoso_tier",
    }
    edit(
        folder,
        ACCOUNT,
        '<attribute PhysicalName="contoso_Tier">',
        '<attribute PhysicalName="contoso_Tier" unmodified="1">',
    )
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension) and layer.shell is not None
    assert "contoso_tier" not in {c.logical_name for c in layer.columns}
    assert layer.shell.column("contoso_tier") is not None  # listed: what the solution knows


def test_status_reasons_a_solution_adds_to_a_standard_column_are_a_change(folder: Path) -> None:
    status = """        <attribute PhysicalName="statuscode">
          <Type>status</Type><Name>statuscode</Name><LogicalName>statuscode</LogicalName>
          <IsCustomField>0</IsCustomField>
          <optionset Name="account_statuscode"><OptionSetType>status</OptionSetType>
            <statuses><status value="412340000" state="0"><labels>
              <label description="Vetted" languagecode="1033" /></labels></status></statuses>
          </optionset>
        </attribute>
"""
    edit(folder, ACCOUNT, "      </attributes>", status + "      </attributes>")
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension)
    (change,) = layer.column_changes
    assert change.logical_name == "statuscode"
    choices = dict(change.changes)["choices"]
    assert [(c.value, c.label, c.state) for c in choices] == [(412340000, "Vetted", 0)]


def test_managed_twins_are_skipped(folder: Path) -> None:
    twin = (folder / "OptionSets/contoso_segment.xml").read_text("utf-8-sig")
    (folder / "OptionSets/contoso_segment_managed.xml").write_text(
        twin.replace("Enterprise", "Managed twin"), encoding="utf-8"
    )
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension)
    segment = next(c for c in layer.columns if c.logical_name == "contoso_segment")
    assert [c.label for c in segment.choices] == ["Enterprise", "Small business"]


def test_odd_values_are_coded_warnings_and_the_rest_is_read(folder: Path) -> None:
    edit(folder, SITE, "<Type>int</Type>", "<Type>hologram</Type>")
    edit(folder, SITE, "<MaxLength>100</MaxLength>", "<MaxLength>lots</MaxLength>")
    table_specs, diagnostics = read(folder)
    codes = sorted(d.code for d in diagnostics)
    assert codes == ["solution-type-unknown", "solution-value-invalid"]
    assert all(d.location.path == f"s/{SITE}" and d.location.line > 1 for d in diagnostics)
    table = table_specs["contoso_site"]
    assert isinstance(table, Table)
    capacity = table.column("contoso_capacity")
    assert capacity is not None and capacity.type is ColumnType.VIRTUAL
    assert ("Type", "hologram") in capacity.extra


def test_customer_lookup_targets_come_from_its_relationships(folder: Path) -> None:
    edit(folder, ACCOUNT, "<Type>lookup</Type>", "<Type>customer</Type>")
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension)
    column = next(c for c in layer.columns if c.logical_name == "contoso_siteid")
    assert column.type is ColumnType.CUSTOMER and column.targets == ("contoso_site",)


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"customizations.xml": "<ImportExportXml />"}, "no Other/Solution.xml"),
        (
            {"solution.xml": "<ImportExportXml><SolutionManifest>"},
            "solution.xml:1: error: not well-formed",
        ),
    ],
)
def test_a_broken_zip_is_an_error_naming_the_file(
    tmp_path: Path, members: dict[str, str], message: str
) -> None:
    target = tmp_path / "broken.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    specs, diagnostics, _ = read_solution("specs/broken.zip", target.read_bytes(), 1033)
    assert specs == ()
    assert [d.severity for d in diagnostics] == [Severity.ERROR]
    assert message in str(diagnostics[0]) and "specs/broken.zip" in str(diagnostics[0])


def test_not_a_zip_at_all(tmp_path: Path) -> None:
    specs, diagnostics, _ = read_solution("specs/x.zip", b"PK\x03\x04 nothing more", 1033)
    assert specs == () and "specs/x.zip: error: not a readable .zip" in str(diagnostics[0])


def test_where_a_solution_folder_may_sit(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_solution(specs / "Direct")
    write_solution(specs / "Project" / "src", name="InSrc")
    (specs / "notes").mkdir()
    found = find_solutions(specs, Path("specs"))
    assert [str(name) for name, _ in found] == ["specs/Direct", "specs/Project/src"]
    assert solution_root(specs / "Project") == specs / "Project" / "src"
    itself = find_solutions(specs / "Direct", Path("here"))
    assert [str(name) for name, _ in itself] == ["here"]


def test_a_bundle_holds_only_the_table_files_and_is_deterministic(folder: Path) -> None:
    (folder / "Formulas").mkdir()
    (folder / "Formulas/contoso_site-x.xaml").write_text("<x/>", encoding="utf-8")
    (folder / "WebResources").mkdir()
    (folder / "WebResources/logo.xml").write_text("<x/>", encoding="utf-8")
    data = bundle(folder)
    assert b"Formulas" not in data and b"WebResources" not in data
    assert data == bundle(folder)


def test_a_zip_of_the_folder_rather_than_its_content_reads_the_same(
    folder: Path, tmp_path: Path
) -> None:
    plain = export_zip(folder, tmp_path / "plain.zip")
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(nested, "w") as target:
        for member in source.infolist():
            target.writestr(f"Contoso_1_0/{member.filename}", source.read(member))
    first, _, _ = read_solution("a.zip", plain.read_bytes(), 1033)
    second, diagnostics, _ = read_solution("a.zip", nested.read_bytes(), 1033)
    assert first == second and not diagnostics


def test_an_extracted_export_folder_reads_like_its_zip(folder: Path, tmp_path: Path) -> None:
    """An exported .zip committed extracted (solution.xml, customizations.xml and
    [Content_Types].xml at the folder's root) is a solution, not an empty folder; such a file
    left beside an unpacked folder's Other/ is a second copy of its tables, which of the two
    is meant cannot be told: refused (tests/test_solution_gaps.py)."""
    archive = export_zip(folder, tmp_path / "export.zip")
    specs = tmp_path / "specs"
    with zipfile.ZipFile(archive) as source:
        source.extractall(specs / "Extracted")
    found = find_solutions(specs, Path("specs"))
    assert [str(name) for name, _ in found] == ["specs/Extracted"]
    from_zip, _, _ = read_solution("s", archive.read_bytes(), 1033)
    from_folder, diagnostics, _ = read_solution("s", found[0][1], 1033)
    assert from_folder == from_zip and not diagnostics
    assert b"[Content_Types]" not in found[0][1]
    (folder / "customizations.xml").write_bytes(
        (specs / "Extracted/customizations.xml").read_bytes()
    )
    specs_found, found_diagnostics, _ = read_solution("s", bundle(folder), 1033)
    assert not specs_found
    assert [d.message.split(" (")[0] for d in found_diagnostics] == ["an extracted export"]


def test_a_2013_relationship_field_copy_adds_no_empty_extra(folder: Path) -> None:
    """The <field> of a 2011-2015 export repeats the lookup column Entity.xml defines: read as
    nothing, not as an empty ``field`` entry; an unknown element with a value is still kept."""
    edit(
        folder,
        "Other/Relationships/contoso_Site.xml",
        "<EntityRelationshipRoles>",
        '<field name="contoso_siteid" requiredlevel="none" format=""><IsSecured>0</IsSecured>'
        '<displaynames><displayname description="Site" languagecode="1033" /></displaynames>'
        "</field><Sparkle>on</Sparkle><Glitter />\n      <EntityRelationshipRoles>",
    )
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension) and layer.relationships is not None
    (relationship,) = layer.relationships.many_to_one
    assert relationship.extra == (("Sparkle", "on"),)


def test_a_listed_table_without_its_entity_xml_is_a_coded_warning(folder: Path) -> None:
    """A root component table whose Entities/ folder the repository lacks is reported at its
    line of Solution.xml; the tables that are there are read as before."""
    edit(
        folder,
        "Other/Solution.xml",
        '<RootComponent type="9"',
        '<RootComponent type="1" schemaName="contoso_visit" behavior="0" />\n'
        '      <RootComponent type="9"',
    )
    specs, diagnostics = read(folder)
    assert sorted(specs) == ["account", "contoso_site"]
    (warning,) = diagnostics
    assert warning.code == "solution-table-missing" and "'contoso_visit'" in warning.message
    assert warning.location == Location("s/Other/Solution.xml", 17)
    assert warning.severity is Severity.WARNING


def test_option_attributes_at_their_default_add_no_extra(folder: Path) -> None:
    """ExternalValue="" and IsHidden="0", which exports write on every option, say nothing;
    a hidden option, a colour or an external value that is set are kept."""
    segment = "OptionSets/contoso_segment.xml"
    edit(
        folder,
        segment,
        '<option value="412340000">',
        '<option value="412340000" ExternalValue="" IsHidden="0" Color="#0078d4">',
    )
    edit(
        folder,
        segment,
        '<option value="412340001">',
        '<option value="412340001" ExternalValue="SMB" IsHidden="1">',
    )
    layer = read(folder)[0]["account"]
    assert isinstance(layer, TableExtension)
    column = next(c for c in layer.columns if c.logical_name == "contoso_segment")
    assert [choice.extra for choice in column.choices] == [
        (("Color", "#0078d4"),),
        (("ExternalValue", "SMB"), ("IsHidden", "1")),
    ]


def test_every_broken_file_is_reported_at_once(folder: Path) -> None:
    edit(folder, SITE, "</MaxLength>", "</MaxLen>")
    edit(folder, "OptionSets/contoso_segment.xml", "</options>", "</option>")
    specs, diagnostics, _ = read_solution("s", bundle(folder), 1033)
    assert specs == ()
    assert sorted(d.location.path for d in diagnostics) == [
        f"s/{SITE}",
        "s/OptionSets/contoso_segment.xml",
    ]
    assert all(d.severity is Severity.ERROR and d.location.line > 1 for d in diagnostics)


def test_unknown_elements_elsewhere_are_kept_or_reported(folder: Path) -> None:
    edit(folder, SITE, "</EntityInfo>", "</EntityInfo>\n  <Holograms>3</Holograms>")
    edit(
        folder, "OptionSets/contoso_segment.xml", "<IsGlobal>", "<Palette>warm</Palette><IsGlobal>"
    )
    edit(folder, "OptionSets/contoso_segment.xml", "</labels>", "</labels><Emoji>x</Emoji>")
    specs, diagnostics = read(folder)
    table = specs["contoso_site"]
    assert isinstance(table, Table) and ("Holograms", "3") in table.extra
    (warning,) = diagnostics
    assert warning.code == "solution-element-unknown" and "<Palette>" in warning.message
    assert warning.location == Location("s/OptionSets/contoso_segment.xml", 4)
    layer = specs["account"]
    assert isinstance(layer, TableExtension)
    segment = next(c for c in layer.columns if c.logical_name == "contoso_segment")
    assert ("Emoji", "x") in segment.choices[0].extra


def test_image_settings_of_customizations_xml_reach_the_image_column(folder: Path) -> None:
    image = """        <attribute PhysicalName="contoso_Photo">
          <Type>image</Type><Name>contoso_photo</Name><LogicalName>contoso_photo</LogicalName>
          <IsCustomField>1</IsCustomField><MaxValue>10240</MaxValue>
        </attribute>
"""
    edit(folder, SITE, "      </attributes>", image + "      </attributes>")
    configs = """  <EntityImageConfigs><EntityImageConfig>
    <parententitylogicalname>contoso_site</parententitylogicalname>
    <primaryimageattribute>contoso_photo</primaryimageattribute>
  </EntityImageConfig></EntityImageConfigs>
  <AttributeImageConfigs><AttributeImageConfig>
    <attributelogicalname>contoso_photo</attributelogicalname>
    <parententitylogicalname>contoso_site</parententitylogicalname>
    <canstorefullimage>1</canstorefullimage>
  </AttributeImageConfig></AttributeImageConfigs>
"""
    edit(folder, "Other/Customizations.xml", "  <Languages>", configs + "  <Languages>")
    photo = site(folder).column("contoso_photo")
    assert photo is not None and photo.type is ColumnType.IMAGE
    assert (photo.is_primary_image, photo.can_store_full_image, photo.max_size_in_kb) == (
        True,
        True,
        10240,
    )


def test_party_list_targets_from_lookup_type_codes(folder: Path) -> None:
    party = """        <attribute PhysicalName="To">
          <Type>partylist</Type><Name>to</Name><LogicalName>to</LogicalName>
          <IsCustomField>0</IsCustomField>
          <LookupTypes><LookupType id="00000000-0000-0000-0000-000000000000">2</LookupType>
            <LookupType id="00000000-0000-0000-0000-000000000000">8</LookupType>
            <LookupType id="00000000-0000-0000-0000-000000000000">10999</LookupType></LookupTypes>
        </attribute>
"""
    edit(folder, SITE, "      </attributes>", party + "      </attributes>")
    to = site(folder).column("to")
    assert to is not None and to.targets == ("contact", "systemuser")


def test_many_to_many_sides_name_their_intersect_columns(folder: Path) -> None:
    relationships = """    <EntityRelationship Name="contoso_site_site">
      <EntityRelationshipType>ManyToMany</EntityRelationshipType>
      <FirstEntityName>contoso_Site</FirstEntityName>
      <SecondEntityName>contoso_Site</SecondEntityName>
      <IntersectEntityName>contoso_site_site</IntersectEntityName>
    </EntityRelationship>
    <EntityRelationship Name="contoso_site_account">
"""
    edit(
        folder,
        "Other/Relationships/contoso_Site.xml",
        '    <EntityRelationship Name="contoso_site_account">\n',
        relationships,
    )
    extra = """    <EntityRelationship Name="contoso_site_team">
      <EntityRelationshipType>ManyToMany</EntityRelationshipType>
      <FirstEntityName>contoso_Site</FirstEntityName>
      <SecondEntityName>Team</SecondEntityName>
      <IntersectEntityName>contoso_site_team</IntersectEntityName>
    </EntityRelationship>
    <EntityRelationship Name="contoso_site_site">
"""
    edit(
        folder,
        "Other/Relationships/contoso_Site.xml",
        '    <EntityRelationship Name="contoso_site_site">\n',
        extra,
    )
    sides = {
        r.schema_name: (r.this_table.intersect_attribute, r.other_table.intersect_attribute)
        for r in site(folder).relationships.many_to_many
    }
    assert sides == {
        "contoso_site_site": ("contoso_siteidone", "contoso_siteidtwo"),
        "contoso_site_team": ("contoso_siteid", "teamid"),
    }


OLD_STYLE = """        <attribute PhysicalName="contoso_AccountId">
          <Type>lookup</Type><Name>contoso_accountid</Name>
          <LogicalName>contoso_accountid</LogicalName>
          <ValidForReadApi>1</ValidForReadApi>
          <IsCustomField>1</IsCustomField>
          <ReferencedEntityObjectTypeCode>1</ReferencedEntityObjectTypeCode>
        </attribute>
        <attribute PhysicalName="contoso_AccountIdName">
          <Type>nvarchar</Type><Name>contoso_accountidname</Name>
          <LogicalName>contoso_accountidname</LogicalName>
          <ValidForReadApi>1</ValidForReadApi><IsLogical>1</IsLogical>
          <IsCustomField>0</IsCustomField><MaxLength>160</MaxLength>
        </attribute>
        <attribute PhysicalName="contoso_Legacy">
          <Type>nvarchar</Type><Name>contoso_legacy</Name><LogicalName>contoso_legacy</LogicalName>
          <IsCustomField>1</IsCustomField><MaxLength>10</MaxLength>
        </attribute>
"""


def test_a_2013_export_lists_only_the_validity_that_holds(folder: Path) -> None:
    """CRM 2011-2015 exports write ``ValidFor*Api`` only when 1 and name a lookup's target by
    type code; they also list the lookup's name column, which describes the lookup."""
    edit(folder, SITE, "      </attributes>", OLD_STYLE + "      </attributes>")
    table = site(folder)
    lookup = table.column("contoso_accountid")
    assert lookup is not None
    assert (lookup.valid_for_create, lookup.valid_for_update, lookup.valid_for_read) == (
        False,
        False,
        True,
    )
    assert lookup.targets == ("account",)
    name = table.column("contoso_accountidname")
    assert name is not None and name.attribute_of == "contoso_accountid"
    legacy = table.column("contoso_legacy")  # no validity stated at all: valid for all three
    assert legacy is not None and legacy.valid_for_create and legacy.valid_for_update
