"""Variations met in a third round of real unpacked and exported solutions outside the corpus
(GitHub repositories of flows, apps and tables, 2013-2026 exports), each as a minimal solution
written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.cache import Cache
from dvgen.diagnostics import Severity
from dvgen.solution import bundle, read_solution
from dvgen.solution.units import find_solutions, parse_solutions
from tests.conftest import run
from tests.solution_support import write_solution

# A CRM 2013 export (solution.xml with customizations.xml beside it, as a .zip extracts) of
# web resources only: the kind of solution many repositories keep.
MANIFEST = """<ImportExportXml version="6.1.0003.0119" SolutionPackageVersion="6.1"
    languagecode="1033" generatedBy="OnPremise" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>Loqate</UniqueName>
    <Version>2.0</Version>
    <Managed>1</Managed>
    <Publisher>
      <UniqueName>Loqate</UniqueName>
      <CustomizationPrefix>loqate</CustomizationPrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="61" schemaName="loqate_StyleSheet" />
      <RootComponent type="61" schemaName="loqate_ScriptLibrary" />
      <RootComponent type="300" schemaName="loqate_app_1a2b3" />
      <RootComponent type="10115" schemaName="loqate_newkind" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
"""
CUSTOMIZATIONS = """<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities></Entities>
  <optionsets />
  <EntityRelationships />
  <WebResources>
    <WebResource>
      <Name>loqate_StyleSheet</Name>
      <WebResourceType>2</WebResourceType>
    </WebResource>
  </WebResources>
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
"""


def write_export(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "solution.xml").write_text(MANIFEST, encoding="utf-8")
    (folder / "customizations.xml").write_text(CUSTOMIZATIONS, encoding="utf-8")
    (folder / "[Content_Types].xml").write_text("<Types />", encoding="utf-8")
    return folder


def test_a_solution_without_tables_says_what_it_holds_instead(tmp_path: Path) -> None:
    folder = write_export(tmp_path / "Loqate")
    specs, diagnostics, _ = read_solution("Loqate", bundle(folder), 1033)
    assert specs == ()
    (warning,) = diagnostics
    assert warning.severity == Severity.WARNING
    assert warning.code == "solution-without-tables"
    assert warning.location.line == 11  # <RootComponents>
    assert "solution 'Loqate' defines and customizes no table" in warning.message
    assert "1 canvas app, 1 component of type 10115, 2 web resources" in warning.message, (
        warning.message
    )


def test_a_solution_without_tables_beside_a_page_is_reported_and_the_page_generated(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_export(workdir / "specs" / "Loqate")
    seed = Path(__file__).resolve().parents[1] / "specs" / "backgroundoperation.md"
    (workdir / "specs" / "backgroundoperation.md").write_bytes(seed.read_bytes())
    code, _, err = run(capsys, "generate", "--specs", "specs", "--target", "model")
    assert code == 0, err
    assert "solution.xml:11: warning: solution 'Loqate'" in err
    assert "[solution-without-tables]" in err
    assert (workdir / "generated" / "model" / "backgroundoperation.yaml").is_file()


# A cloned repository put in the specs folder whole: its solutions sit under
# <Project>/SolutionPackage/src (microsoft/coe-starter-kit, Power-CAT-Copilot-Studio-Kit) or
# solutions/<Name>/src, deeper than the folder itself or its src where dvgen looks.
def test_a_folder_holding_solutions_only_deeper_names_them_and_reads_none(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = workdir / "specs" / "coe-starter-kit"
    write_solution(repo / "CoreComponents" / "SolutionPackage" / "src", name="Core")
    write_solution(repo / "Governance" / "SolutionPackage" / "src", name="Governance")
    (repo / "docs").mkdir()
    (workdir / "specs" / "notes").mkdir()
    seed = Path(__file__).resolve().parents[1] / "specs" / "backgroundoperation.md"
    (workdir / "specs" / "backgroundoperation.md").write_bytes(seed.read_bytes())
    code, _, err = run(capsys, "generate", "--specs", "specs", "--target", "model")
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if "[solution-nested]" in line]
    assert line.startswith("specs/coe-starter-kit: warning: ")
    assert "CoreComponents/SolutionPackage/src, Governance/SolutionPackage/src;" in line
    assert "notes" not in err
    assert sorted(p.name for p in (workdir / "generated" / "model").iterdir()) == [
        "backgroundoperation.yaml"
    ]


def test_many_nested_solutions_are_counted_and_the_shallowest_named(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for letter in ("a", "b", "c", "d"):
        write_solution(repo / "solutions" / letter, name=letter.upper())
    write_solution(repo / "solutions" / "a" / "copy" / "src", name="Copy")
    ((name, data),) = find_solutions(tmp_path, Path("specs"))
    assert str(name) == "specs/repo"
    specs, diagnostics = parse_solutions([(str(name), data)], Cache(None), 1033)
    assert specs == []
    (warning,) = diagnostics
    assert warning.code == "solution-nested"
    assert "solutions/a, solutions/b, solutions/c and 1 more;" in warning.message
    assert "copy" not in warning.message


def test_a_nested_solution_whose_path_holds_a_space_is_named_whole(tmp_path: Path) -> None:
    """Folders are named as people name them ("Core Components"): the path is one path."""
    write_solution(tmp_path / "repo" / "Core Components" / "src", name="Core")
    ((name, data),) = find_solutions(tmp_path, Path("specs"))
    _, diagnostics = parse_solutions([(str(name), data)], Cache(None), 1033)
    (warning,) = diagnostics
    assert "but deeper: Core Components/src;" in warning.message


def test_a_solution_deeper_than_the_search_is_not_looked_for(tmp_path: Path) -> None:
    write_solution(tmp_path / "repo" / "one" / "two" / "three" / "four" / "five")
    assert find_solutions(tmp_path, Path("specs")) == []


# A user keeps Microsoft's pages and their own YAML in sub-folders of specs/ (standard/,
# custom/): dvgen reads spec files at the top level only, and said nothing, so their tables
# were silently missing from every output.
def test_spec_files_in_a_sub_folder_are_a_warning_naming_them(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = Path(__file__).resolve().parents[1] / "specs"
    (workdir / "specs" / "standard").mkdir(parents=True)
    (workdir / "specs" / ".hidden").mkdir()
    for name in ("backgroundoperation.md", "contoso_project.yaml"):
        (workdir / "specs" / "standard" / name).write_bytes((seed / name).read_bytes())
        (workdir / "specs" / ".hidden" / name).write_bytes((seed / name).read_bytes())
    (workdir / "specs" / "backgroundoperation.md").write_bytes(
        (seed / "backgroundoperation.md").read_bytes()
    )
    (workdir / "pyproject.toml").write_text('[tool.dvgen]\nout = "specs"\n')  # outputs: no specs
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if "[specs-subfolder]" in line]
    assert line == (
        "specs/standard: warning: spec files in a sub-folder are not read "
        "(backgroundoperation.md, contoso_project.yaml): dvgen reads the spec files at the top "
        "level of the specs folder, and solutions in its sub-folders; move or link them up "
        "[specs-subfolder]"
    )
