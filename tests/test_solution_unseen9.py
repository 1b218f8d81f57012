"""Variations met in a ninth round of real solutions outside the corpus (2024-2026 extracted
exports, managed exports without tables, a Spanish-only export, a folder whose Entities/ lacks a
table its relationships still name), each as a minimal solution written for the test."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostic, Diagnostics, SpecError
from dvgen.model import TableExtension
from dvgen.pipeline import generate
from dvgen.solution import bundle, read_solution
from tests.solution_support import HEAD, manifest, write_solution

# The system relationship of a table whose Entities/ folder the repository lacks: 2025 folders
# keep it in Other/Relationships/BusinessUnit.xml (doz-visits-solution's doz_visit).
BUSINESS_UNIT = """<EntityRelationships>
  <EntityRelationship Name="business_unit_contoso_visit">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <ReferencingEntityName>contoso_Visit</ReferencingEntityName>
    <ReferencedEntityName>BusinessUnit</ReferencedEntityName>
    <CascadeDelete>Restrict</CascadeDelete>
    <ReferencingAttributeName>OwningBusinessUnit</ReferencingAttributeName>
  </EntityRelationship>
</EntityRelationships>
"""
VISIT_ROOT = '<RootComponent type="1" schemaName="contoso_visit" behavior="0" />\n      '


def _with_unlisted_visit(folder: Path, relationships: bool) -> Path:
    """The Contoso solution listing ``contoso_visit`` with no Entity.xml for it, and (when
    ``relationships``) the file holding that table's business unit relationship."""
    solution = folder / "Other/Solution.xml"
    text = solution.read_text(encoding="utf-8-sig")
    solution.write_text(
        text.replace('<RootComponent type="9"', VISIT_ROOT + '<RootComponent type="9"')
    )
    if relationships:
        (folder / "Other/Relationships/BusinessUnit.xml").write_text(HEAD + BUSINESS_UNIT)
    return folder


def _missing(diagnostics: list[Diagnostic]) -> Diagnostic:
    (warning,) = [d for d in diagnostics if d.code == "solution-table-missing"]
    return warning


# doz-visits-solution (2025-10) lists doz_visit as a root component, but its repository holds
# no Entities/doz_visit/Entity.xml; Other/Relationships/BusinessUnit.xml still defines the
# table's business_unit_doz_visit. The relationship was read into a layer of its own (the
# table built from it when no spec defines the table, as solution-base-missing said), while
# solution-table-missing said the table was left out: two warnings of one run contradicting
# each other.
def test_a_listed_table_named_by_relationships_is_not_said_to_be_left_out(
    tmp_path: Path,
) -> None:
    folder = _with_unlisted_visit(write_solution(tmp_path / "ContosoSites"), relationships=True)
    specs, diagnostics, _ = read_solution("s", bundle(folder), 1033)
    visit = next(s for s in specs if getattr(s, "logical_name", "") == "contoso_visit")
    assert isinstance(visit, TableExtension) and visit.relationships is not None
    assert [r.schema_name for r in visit.relationships.many_to_one] == [
        "business_unit_contoso_visit"
    ]
    warning = _missing(diagnostics)
    assert "'contoso_visit'" in warning.message and "left out" not in warning.message
    assert "only the relationships the solution holds of it are read" in warning.message


# The same table with no relationship naming it is still left out, and said so.
def test_a_listed_table_nothing_names_is_still_left_out(tmp_path: Path) -> None:
    folder = _with_unlisted_visit(write_solution(tmp_path / "ContosoSites"), relationships=False)
    specs, diagnostics, _ = read_solution("s", bundle(folder), 1033)
    assert "contoso_visit" not in {getattr(s, "logical_name", "") for s in specs}
    assert _missing(diagnostics).message.endswith("the table is left out")


# The whole run of doz-visits' shape: the table is generated from its relationships (a key and
# the business unit lookup), and the two warnings now agree on it.
def test_the_table_built_from_relationships_reaches_the_output(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    _with_unlisted_visit(write_solution(specs / "Contoso"), relationships=True)
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    visit = generation.tables.get("contoso_visit")
    assert visit is not None
    assert {"contoso_visitid", "owningbusinessunit"} <= {c.logical_name for c in visit.columns}
    codes = {d.code for d in diagnostics if "contoso_visit" in d.message}
    assert {"solution-table-missing", "solution-base-missing"} <= codes
    assert not [d for d in diagnostics if "contoso_visit" in d.message and "left out" in d.message]


# EpiGuard Agent (49ochieng, 2025): a managed Copilot Studio export, extracted and zipped,
# whose customizations.xml root has no version attributes and an <Entities></Entities> pair:
# no table, said so with what it holds, and the run ends on the usual error.
MANAGED_AGENT = manifest(
    "EpiGuardAgent",
    "armely",
    36198,
    '<RootComponent type="29" id="{18bef357-578a-ef11-ac21-000d3a31b04b}" behavior="0" />',
    managed=1,
)
AGENT_CUSTOMIZATIONS = """<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities></Entities>
  <Workflows></Workflows>
  <EntityRelationships />
  <optionsets />
  <Languages><Language>1033</Language></Languages>
</ImportExportXml>
"""


@pytest.mark.parametrize("zipped", [False, True])
def test_a_managed_export_without_tables_is_named_with_its_processes(
    tmp_path: Path, zipped: bool
) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "solution.xml").write_text(MANAGED_AGENT, encoding="utf-8")
    (export / "customizations.xml").write_text(AGENT_CUSTOMIZATIONS, encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    if zipped:
        _zip(export, specs / "EpiGuardAgent_1_0_0_1_managed.zip")
    else:
        export.rename(specs / "EpiGuardAgent")
    with pytest.raises(SpecError) as failed:
        generate(Config(specs=specs, out=tmp_path / "out", cache=False), Diagnostics())
    (warning,) = [d for d in failed.value.diagnostics if d.code == "solution-without-tables"]
    assert "'EpiGuardAgent'" in warning.message and "1 process" in warning.message


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)


# RevitaliseGrantAutomation (Argelis-XVL/Revitalise, 2026): an Entity.xml written by hand for
# `pac solution pack` puts the table's <EntitySetName>, <IsActivity> and an alternate key
# (<EntityKeys>) under <Entity>, after </EntityInfo>. They were kept as text in the table's
# `extra` without a word (the key as an empty "EntityKeys" entry), the alternate key lost.
MISPLACED = """  </EntityInfo>
  <EntitySetName>contoso_sites</EntitySetName>
  <IsActivity>0</IsActivity>
  <EntityKeys>
    <EntityKey>
      <Name>contoso_site_name</Name>
      <EntityKeyAttributes><AttributeName>contoso_name</AttributeName></EntityKeyAttributes>
    </EntityKey>
  </EntityKeys>
"""


def test_table_properties_outside_entity_info_are_a_coded_warning(tmp_path: Path) -> None:
    folder = write_solution(tmp_path / "ContosoSites")
    site = folder / "Entities/contoso_Site/Entity.xml"
    text = site.read_text(encoding="utf-8-sig")
    site.write_text(text.replace("  </EntityInfo>\n", MISPLACED), encoding="utf-8")
    specs, diagnostics, _ = read_solution("s", bundle(folder), 1033)
    (warning,) = [d for d in diagnostics if d.code == "solution-table-element-misplaced"]
    assert "'contoso_Site'" in warning.message
    assert "<EntitySetName>, <IsActivity>, <EntityKeys>" in warning.message
    assert warning.location.line == text.splitlines().index("  </EntityInfo>") + 2
    table = next(s for s in specs if getattr(s, "logical_name", "") == "contoso_site")
    assert not getattr(table, "keys", ())


# The same elements where exports write them say nothing.
def test_table_properties_inside_entity_info_say_nothing(tmp_path: Path) -> None:
    folder = write_solution(tmp_path / "ContosoSites")
    diagnostics = read_solution("s", bundle(folder), 1033)[1]
    assert not [d for d in diagnostics if d.code == "solution-table-element-misplaced"]
