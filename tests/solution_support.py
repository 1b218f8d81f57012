"""A small but realistic unpacked solution, written as SolutionPackager writes one.

``Contoso``'s solution owns table ``contoso_site`` and customizes ``account`` with a string
column, a choice column on the global choice ``contoso_segment`` and a lookup to
``contoso_site``; labels are in English (1033) and French (1036).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate

HEAD = '\ufeff<?xml version="1.0" encoding="utf-8"?>\n'
DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
"""What an export's files start with (``HEAD`` without the byte order mark)."""


def _labels(tag: str, english: str, french: str) -> str:
    return (
        f'<{tag} description="{english}" languagecode="1033" />'
        f'<{tag} description="{french}" languagecode="1036" />'
    )


def _attribute(physical: str, kind: str, body: str, custom: bool = True) -> str:
    logical = physical.lower()
    return f"""        <attribute PhysicalName="{physical}">
          <Type>{kind}</Type>
          <Name>{logical}</Name>
          <LogicalName>{logical}</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>
          <ValidForUpdateApi>1</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>{int(custom)}</IsCustomField>
          <IsAuditEnabled>1</IsAuditEnabled>
{body}
        </attribute>
"""


SOLUTION = """<ImportExportXml version="9.2.25024.216" SolutionPackageVersion="9.2"
    languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>{name}</UniqueName>
    <LocalizedNames><LocalizedName description="{name}" languagecode="1033" /></LocalizedNames>
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>contoso</UniqueName>
      <CustomizationPrefix>contoso</CustomizationPrefix>
      <CustomizationOptionValuePrefix>41234</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="1" schemaName="account" behavior="1" />
      <RootComponent type="1" schemaName="contoso_site" behavior="0" />
      <RootComponent type="9" schemaName="contoso_segment" behavior="0" />
    </RootComponents>
    <MissingDependencies>{requires}</MissingDependencies>
  </SolutionManifest>
</ImportExportXml>
"""


def manifest(
    name: str,
    publisher: str,
    option_prefix: int,
    roots: str,
    language: int = 1033,
    managed: int = 0,
) -> str:
    """A Solution.xml: ``name`` by ``publisher`` (its customization prefix too), its option
    values prefixed ``option_prefix``, root components ``roots`` (``<RootComponent>`` XML),
    in ``language``."""
    return f"""<ImportExportXml version="9.2.25024.216" SolutionPackageVersion="9.2"
    languagecode="{language}" generatedBy="CrmLive">
  <SolutionManifest>
    <UniqueName>{name}</UniqueName>
    <Version>1.0.0.0</Version>
    <Managed>{managed}</Managed>
    <Publisher>
      <UniqueName>{publisher}</UniqueName>
      <CustomizationPrefix>{publisher}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>{option_prefix}</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>{roots}</RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
"""


REQUIRED = """
      <MissingDependency>
        <Required type="1" schemaName="contoso_base" solution="{solution} (1.0.0.0)" />
        <Dependent type="2" schemaName="contoso_x" />
      </MissingDependency>"""

CUSTOMIZATIONS = """<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <optionsets />
  <EntityRelationships />
  <Languages>
    <Language>1033</Language>
    <Language>1036</Language>
  </Languages>
</ImportExportXml>
"""

ACCOUNT_COLUMNS = (
    _attribute(
        "contoso_Tier",
        "nvarchar",
        "          <Format>text</Format>\n          <MaxLength>40</MaxLength>\n"
        f"          <displaynames>{_labels('displayname', 'Tier', 'Niveau')}</displaynames>",
    )
    + _attribute(
        "contoso_Segment",
        "picklist",
        "          <OptionSetName>contoso_segment</OptionSetName>\n"
        "          <AppDefaultValue>-1</AppDefaultValue>\n"
        f"          <displaynames>{_labels('displayname', 'Segment', 'Segment')}</displaynames>",
    )
    + _attribute(
        "contoso_SiteId",
        "lookup",
        "          <LookupStyle>single</LookupStyle>\n          <LookupTypes />\n"
        f"          <displaynames>{_labels('displayname', 'Site', 'Site')}</displaynames>",
    )
)
ACCOUNT = f"""<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Account" OriginalName="Account">Account</Name>
  <EntityInfo>
    <entity Name="Account">
      <LocalizedNames>{_labels("LocalizedName", "Account", "Compte")}</LocalizedNames>
      <attributes>
{ACCOUNT_COLUMNS}      </attributes>
      <EntitySetName>accounts</EntitySetName>
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
      <IsCustomizable>1</IsCustomizable>
    </entity>
  </EntityInfo>
  <FormXml />
  <SavedQueries />
  <RibbonDiffXml />
</Entity>
"""
SITE_COLUMNS = (
    _attribute(
        "contoso_SiteId",
        "primarykey",
        f"          <displaynames>{_labels('displayname', 'Site', 'Site')}</displaynames>",
    )
    + _attribute(
        "contoso_Name",
        "nvarchar",
        "          <Format>text</Format>\n          <MaxLength>100</MaxLength>\n"
        f"          <displaynames>{_labels('displayname', 'Name', 'Nom')}</displaynames>",
    ).replace("ValidForAdvancedFind|ValidForForm", "PrimaryName|ValidForAdvancedFind|ValidForForm")
    + _attribute(
        "contoso_Capacity",
        "int",
        "          <Format>none</Format>\n          <MinValue>0</MinValue>\n"
        "          <MaxValue>5000</MaxValue>\n"
        f"          <displaynames>{_labels('displayname', 'Capacity', 'Capacité')}</displaynames>",
    )
)
PLURAL = _labels("LocalizedCollectionName", "Sites", "Sites")
DESCRIPTION = _labels("Description", "A place where work happens.", "Un lieu.")
SITE = f"""<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Site" OriginalName="Site">contoso_Site</Name>
  <EntityInfo>
    <entity Name="contoso_Site">
      <LocalizedNames>{_labels("LocalizedName", "Site", "Site")}</LocalizedNames>
      <LocalizedCollectionNames>{PLURAL}</LocalizedCollectionNames>
      <Descriptions>{DESCRIPTION}</Descriptions>
      <attributes>
{SITE_COLUMNS}      </attributes>
      <EntitySetName>contoso_sites</EntitySetName>
      <OwnershipTypeMask>OrgOwned</OwnershipTypeMask>
      <IsCustomizable>1</IsCustomizable>
    </entity>
  </EntityInfo>
</Entity>
"""
SEGMENT = f"""<optionset Name="contoso_segment" localizedName="Segment" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <displaynames>{_labels("displayname", "Segment", "Segment")}</displaynames>
  <options>
    <option value="412340000">
      <labels>{_labels("label", "Enterprise", "Entreprise")}</labels>
    </option>
    <option value="412340001">
      <labels>{_labels("label", "Small business", "PME")}</labels>
    </option>
  </options>
</optionset>
"""
RELATIONSHIP = """    <EntityRelationship Name="contoso_site_account">
      <EntityRelationshipType>OneToMany</EntityRelationshipType>
      <IsCustomizable>1</IsCustomizable>
      <IsHierarchical>0</IsHierarchical>
      <ReferencingEntityName>Account</ReferencingEntityName>
      <ReferencedEntityName>contoso_Site</ReferencedEntityName>
      <CascadeAssign>NoCascade</CascadeAssign>
      <CascadeDelete>RemoveLink</CascadeDelete>
      <CascadeReparent>NoCascade</CascadeReparent>
      <CascadeShare>NoCascade</CascadeShare>
      <CascadeUnshare>NoCascade</CascadeUnshare>
      <ReferencingAttributeName>contoso_SiteId</ReferencingAttributeName>
      <EntityRelationshipRoles>
        <EntityRelationshipRole>
          <NavigationPropertyName>contoso_SiteId</NavigationPropertyName>
          <RelationshipRoleType>1</RelationshipRoleType>
        </EntityRelationshipRole>
        <EntityRelationshipRole>
          <NavigationPropertyName>contoso_site_account</NavigationPropertyName>
          <RelationshipRoleType>0</RelationshipRoleType>
        </EntityRelationshipRole>
      </EntityRelationshipRoles>
    </EntityRelationship>
"""
UNPACKED = {
    "Other/Customizations.xml": CUSTOMIZATIONS,
    "Other/Relationships.xml": '<EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    '  <EntityRelationship Name="contoso_site_account" />\n</EntityRelationships>\n',
    "Other/Relationships/contoso_Site.xml": (
        f"<EntityRelationships>\n{RELATIONSHIP}</EntityRelationships>\n"
    ),
    "Entities/Account/Entity.xml": ACCOUNT,
    "Entities/contoso_Site/Entity.xml": SITE,
    "OptionSets/contoso_segment.xml": SEGMENT,
}


def write_solution(folder: Path, name: str = "ContosoSites", requires: str | None = None) -> Path:
    """The unpacked solution in ``folder`` (created); ``requires``: a solution it depends on."""
    files = dict(UNPACKED)
    needed = REQUIRED.format(solution=requires) if requires else ""
    files["Other/Solution.xml"] = SOLUTION.format(name=name, requires=needed)
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEAD + text, encoding="utf-8")
    return folder


def export_zip(folder: Path, target: Path) -> Path:
    """``folder`` (an unpacked solution) as an exported solution .zip: every table, choice
    and relationship inside customizations.xml, the manifest as solution.xml."""

    def body(relative: Path) -> str:
        text = relative.read_text(encoding="utf-8-sig")
        return text.split("?>", 1)[1] if text.startswith("<?xml") else text

    entities = "".join(body(p) for p in sorted(folder.glob("Entities/*/Entity.xml")))
    optionsets = "".join(body(p) for p in sorted(folder.glob("OptionSets/*.xml")))
    relationships = "".join(
        re.sub(r"</?EntityRelationships\b[^>]*>", "", body(p))
        for p in sorted(folder.glob("Other/Relationships/*.xml"))
    )
    customizations = body(folder / "Other/Customizations.xml")
    for tag, content in (
        ("Entities", entities),
        ("optionsets", optionsets),
        ("EntityRelationships", relationships),
    ):
        filled = f"<{tag}>{content}</{tag}>"
        customizations = re.sub(f"<{tag} */>", lambda _match: filled, customizations)  # noqa: B023
    manifest = next(folder.glob("Other/Solution.xml")).read_bytes()
    types = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/octet-stream" /></Types>'
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("customizations.xml", HEAD + customizations)
        archive.writestr("solution.xml", manifest)
    return target


def layered(
    tmp_path: Path,
    solution: dict[str, str],
    spec: tuple[str, str] | None = None,
    language: int = 1033,
) -> Generation:
    """A solution (its files by path, under ``specs/Solution``), layered on a YAML spec
    (file name, text) when one is given, generated without errors, labels read in
    ``language``."""
    specs = tmp_path / "specs"
    for relative, text in solution.items():
        (specs / "Solution" / relative).parent.mkdir(parents=True, exist_ok=True)
        (specs / "Solution" / relative).write_text(DECLARATION + text, encoding="utf-8")
    if spec is not None:
        (specs / spec[0]).write_text(spec[1], encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(specs=specs, out=tmp_path / "out", cache=False, language=language)
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation


def generate_unpacked(
    tmp_path: Path, name: str, files: dict[str, str]
) -> tuple[Generation, Diagnostics]:
    """``files`` (path in the folder -> text) written as the solution folder ``name`` of
    ``tmp_path/specs``, generated to ``tmp_path/out``."""
    folder = tmp_path / "specs" / name
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(specs=tmp_path / "specs", out=tmp_path / "out", cache=False)
    return generate(config, diagnostics), diagnostics


def attribute_xml(physical: str, kind: str, body: str = "", custom: int = 1) -> str:
    """A bare ``<attribute>`` of an ``Entity.xml``, as short exports write one: its names (the
    logical one in lower case), Type, RequiredLevel none, IsCustomField, ``body`` (the type's
    facets), and an English display name; one line."""
    logical = physical.lower()
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>none</RequiredLevel>"
        f"<IsCustomField>{custom}</IsCustomField>{body}"
        f'<displaynames><displayname description="{physical}" languagecode="1033" />'
        "</displaynames></attribute>\n"
    )
