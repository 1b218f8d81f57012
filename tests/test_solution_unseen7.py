"""Variations met in a seventh round of real solutions outside the corpus (extracted exports of
2023-2025, an on-premises 9.1 export with a virtual table on the OData v4 provider, a lead
customized with an alternate key and columns marked unmodified), each as a minimal solution
written for the test."""

from __future__ import annotations

from pathlib import Path

from dvgen.model import Table
from dvgen.solution import bundle, read_solution
from tests.solution_support import HEAD, manifest, write_solution

VIRTUAL_ROOTS = '<RootComponent type="1" schemaName="pw_scheduler_plugin_virt" behavior="0" />'


def _column(physical: str, kind: str, external: str, body: str) -> str:
    """A column of a virtual table as the export writes it: ``<ExternalName>`` names the field
    of the source the column maps to."""
    logical = physical.lower()
    return f"""<attribute PhysicalName="{physical}">
  <Type>{kind}</Type>
  <Name>{logical}</Name>
  <LogicalName>{logical}</LogicalName>
  <RequiredLevel>none</RequiredLevel>
  <IsCustomField>1</IsCustomField>
  <ExternalName>{external}</ExternalName>
  {body}
</attribute>"""


NAME_FACETS = (
    "<Format>text</Format><MaxLength>100</MaxLength><DisplayMask>PrimaryName</DisplayMask>"
)
NAME_COLUMN = _column("pw_name", "nvarchar", "Name", NAME_FACETS)
KEY_COLUMN = _column("pw_scheduler_plugin_virtId", "primarykey", "Id", "")
VIRTUAL = f"""<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<Entities><Entity>
<Name LocalizedName="Penta Scheduler Plugin">pw_scheduler_plugin_virt</Name>
<EntityInfo><entity Name="pw_scheduler_plugin_virt">
<attributes>
{NAME_COLUMN}
{KEY_COLUMN}
</attributes>
<EntitySetName>pw_scheduler_plugin_virts</EntitySetName>
<DataProviderId>{{a17be158-e9dd-e611-80d3-00155da29216}}</DataProviderId>
<DataSourceId>{{654915e6-f262-ec11-a838-0022485b751f}}</DataSourceId>
<OwnershipTypeMask>OrgOwned</OwnershipTypeMask>
<ExternalName>SchedulePlugins</ExternalName>
<ExternalCollectionName>SchedulePlugins</ExternalCollectionName>
</entity></EntityInfo>
</Entity></Entities>
<EntityRelationships /><optionsets /><Languages><Language>1033</Language></Languages>
</ImportExportXml>
"""


# The columns of a virtual table name the fields of the external source they map to
# (<ExternalName>Name</ExternalName>): dvgen kept the table's source but dropped every column's
# mapping, as if it were a maker's setting, though nothing else says which field feeds which
# column.
def test_a_virtual_table_keeps_the_source_field_of_each_column(tmp_path: Path) -> None:
    folder = tmp_path / "PentaWorkScheduler"
    folder.mkdir()
    (folder / "customizations.xml").write_text(VIRTUAL, encoding="utf-8")
    text = manifest("PentaWorkScheduler", "pw", 26689, VIRTUAL_ROOTS)
    (folder / "solution.xml").write_text(text, encoding="utf-8")
    specs, diagnostics, _ = read_solution("PentaWorkScheduler", bundle(folder), 1033)
    assert not [d for d in diagnostics if d.code != "solution-language-fallback"]
    (table,) = specs
    assert isinstance(table, Table)
    assert ("DataProviderId", "{a17be158-e9dd-e611-80d3-00155da29216}") in table.extra
    mapped = {c.logical_name: dict(c.extra).get("ExternalName") for c in table.columns}
    assert mapped == {"pw_name": "Name", "pw_scheduler_plugin_virtid": "Id"}


# A custom lookup whose relationship the folder lacks (its Other/Relationships/ file left out
# of the repository, an export cut short, as several solutions kept on GitHub are): the lookup
# became a lookup to nothing (no foreign key, no navigation property) and nothing was said.
def test_a_custom_lookup_without_its_relationship_is_reported(tmp_path: Path) -> None:
    folder = write_solution(tmp_path / "Contoso")
    _, diagnostics, _ = read_solution("Contoso", bundle(folder), 1033)
    assert "solution-lookup-untargeted" not in [d.code for d in diagnostics]
    (folder / "Other/Relationships/contoso_Site.xml").unlink()
    _, diagnostics, _ = read_solution("Contoso", bundle(folder), 1033)
    (warning,) = [d for d in diagnostics if d.code == "solution-lookup-untargeted"]
    assert warning.message.startswith("lookup account.contoso_siteid: no relationship")
    entity = (folder / "Entities/Account/Entity.xml").read_text(encoding="utf-8")
    assert entity.startswith(HEAD)
    line = entity.splitlines().index('        <attribute PhysicalName="contoso_SiteId">') + 1
    assert warning.location.path.endswith("Entities/Account/Entity.xml")
    assert warning.location.line == line
