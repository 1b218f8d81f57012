"""Variations met in a fifteenth round of real solutions outside the corpus, older exports
(2013-2017: a CRM 2013 SP1 managed export of web resources, CRM 2016 ones with Czech, a CRM
2015 export in English and Russian of a hierarchical log table, KpdApps/KpdApps.Common.MsCrm2015),
each as a minimal solution written for the test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dvgen.diagnostics import Diagnostics
from dvgen.model import RequiredLevel, Table
from dvgen.pipeline import Generation
from tests.solution_support import attribute_xml, generate_unpacked

# A CRM 2015 export (version 7.0, one customizations.xml beside solution.xml) keeps the lookup
# of a relationship it creates in the relationship's <field> alone: kpd_logmessage's
# hierarchical kpd_kpd_logmessage_kpd_logmessage names ReferencingAttributeName
# kpd_innerlogmessageid, which no <attribute> of the table lists, and its <field> holds the
# lookup's label ("Inner Log Message"), required level and, in <RelationshipDescription>, its
# description (as createdby's relationship holds the createdby column's own). dvgen made the
# lookup from the relationship alone: no label, no description.
SOLUTION = """<ImportExportXml version="7.0.0002.0053" SolutionPackageVersion="7.0"
    languagecode="1033" generatedBy="OnPremise">
  <SolutionManifest>
    <UniqueName>KpdApps_Base</UniqueName>
    <Version>1.0.55.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>kpdapps</UniqueName>
      <CustomizationPrefix>kpd</CustomizationPrefix>
      <CustomizationOptionValuePrefix>72000</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents><RootComponent type="1" schemaName="kpd_logmessage" /></RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
"""


def _relationship(name: str, referenced: str, attribute: str, field: str) -> str:
    return f"""<EntityRelationship Name="{name}">
      <EntityRelationshipType>OneToMany</EntityRelationshipType>
      <ReferencingEntityName>kpd_logmessage</ReferencingEntityName>
      <ReferencedEntityName>{referenced}</ReferencedEntityName>
      <CascadeDelete>Restrict</CascadeDelete>
      <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
      <RelationshipDescription><Descriptions>
        <Description description="Unique identifier for {referenced}." languagecode="1033" />
      </Descriptions></RelationshipDescription>
      {field}
    </EntityRelationship>"""


def _field(name: str, level: str, english: str, russian: str) -> str:
    return f"""<field name="{name}" requiredlevel="{level}" imemode="auto" lookupstyle="single">
        <IsSecured>0</IsSecured>
        <displaynames>
          <displayname description="{russian}" languagecode="1049" />
          <displayname description="{english}" languagecode="1033" />
        </displaynames>
      </field>"""


CUSTOMIZATIONS = f"""<ImportExportXml>
  <Entities><Entity>
    <Name LocalizedName="Log Message" OriginalName="Log Message">kpd_logmessage</Name>
    <ObjectTypeCode>10241</ObjectTypeCode>
    <EntityInfo><entity Name="kpd_logmessage">
      <LocalizedNames><LocalizedName description="Log Message" languagecode="1033" />
      </LocalizedNames>
      <attributes>
        {attribute_xml("kpd_logmessageId", "primarykey", custom=0)}
        {attribute_xml("kpd_messageshort", "nvarchar", "<MaxLength>250</MaxLength>")}
        {attribute_xml("kpd_ParentId", "lookup", "<LookupTypes />")}
      </attributes>
      <OwnershipTypeMask>OrgOwned</OwnershipTypeMask>
    </entity></EntityInfo>
  </Entity></Entities>
  <EntityRelationships>
    {
    _relationship(
        "kpd_kpd_logmessage_kpd_logmessage",
        "kpd_logmessage",
        "kpd_innerlogmessageid",
        _field("kpd_innerlogmessageid", "required", "Inner Log Message", "Внутреннее"),
    )
}
    {
    _relationship(
        "kpd_logmessage_parent",
        "kpd_logmessage",
        "kpd_ParentId",
        _field("kpd_parentid", "none", "Parent (field)", "Родитель"),
    )
}
  </EntityRelationships>
  <Languages><Language>1033</Language><Language>1049</Language></Languages>
</ImportExportXml>
"""


def _generate(tmp_path: Path) -> tuple[Generation, Diagnostics]:
    """The export extracted (solution.xml and customizations.xml in one folder), generated."""
    files = {"solution.xml": SOLUTION, "customizations.xml": CUSTOMIZATIONS}
    return generate_unpacked(tmp_path, "KpdApps_Base", files)


def test_a_lookup_only_a_relationship_field_describes_has_its_label_and_level(
    tmp_path: Path,
) -> None:
    generation, diagnostics = _generate(tmp_path)
    assert not diagnostics.has_errors
    table = generation.tables.get("kpd_logmessage")
    assert isinstance(table, Table)
    inner = table.column("kpd_innerlogmessageid")
    assert inner is not None
    assert inner.display_name == "Inner Log Message"
    assert inner.description == "Unique identifier for kpd_logmessage."
    assert inner.required_level is RequiredLevel.APPLICATION_REQUIRED
    assert inner.targets == ("kpd_logmessage",)
    # A lookup the table lists keeps what its <attribute> says; the <field> adds nothing.
    parent = table.column("kpd_parentid")
    assert parent is not None and parent.display_name == "kpd_ParentId"
    assert parent.schema_name == "kpd_ParentId"
    assert [c.logical_name for c in table.columns].count("kpd_innerlogmessageid") == 1
    # The lookup is a foreign key to the table itself, its label the column's comment.
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    keys = db.execute("PRAGMA foreign_key_list('kpd_logmessage')").fetchall()
    assert {(k[2], k[3], k[4]) for k in keys} >= {
        ("kpd_logmessage", "kpd_innerlogmessageid", "kpd_logmessageid")
    }
    assert "display_name: Inner Log Message" in generation.files["model/kpd_logmessage.yaml"]
