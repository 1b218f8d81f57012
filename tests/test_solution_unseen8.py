"""Variations met in an eighth round of real solutions outside the corpus (2025-2026 folders
unpacked as Both, an 8.2 on-premises solution in English and French customizing account and
contact, exports adding options to Microsoft's choices), each as a minimal solution written for
the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.pipeline import generate
from tests.solution_support import write_solution

# The YAML source-control format, as Dataverse's Git integration and `pac solution clone`
# (pac 2.4.1 on) write a solution: the XML of an unpacked solution as YAML (elements as keys,
# attributes as '@' keys), the manifest under solutions/<UniqueName>/, a file per column.
YAML_FORMAT = {
    "solutions/Deals/solution.yml": """ImportExportXml:
  '@version': 9.2.26013.187
  '@SolutionPackageVersion': 9.2
  SolutionManifest:
    UniqueName: Deals
    Version: 1.0.0.0
    Managed: 0
""",
    "solutions/Deals/rootcomponents.yml": """RootComponents:
  RootComponent:
  - '@type': 1
    '@schemaName': ts_deal
    '@behavior': 0
""",
    "publishers/TomLumborg/publisher.yml": """Publisher:
  UniqueName: TomLumborg
  CustomizationPrefix: ts
""",
    "entities/ts_deal/entity.yml": """Entity:
  Name:
    '@LocalizedName': Deal
    '#text': ts_deal
  EntityInfo:
    entity:
      '@Name': ts_deal
      EntitySetName: ts_deals
      OwnershipTypeMask: UserOwned
""",
    "entities/ts_deal/attributes/ts_name.yml": """attribute:
  '@PhysicalName': ts_name
  Type: nvarchar
  LogicalName: ts_name
  RequiredLevel: required
  MaxLength: 850
""",
}


def _generate(specs: Path, tmp_path: Path) -> tuple[Diagnostics, set[str]]:
    """The run's diagnostics and the tables it generated."""
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    return diagnostics, {t.logical_name for t in generation.tables.tables}


def _yaml_solution(folder: Path) -> Path:
    for relative, text in YAML_FORMAT.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


# A repository keeping its solution in the YAML source-control format (a 2026 ALM harness, a
# solution generator's output, what Dataverse's Git integration commits): the folder in specs/
# was passed over in silence (dvgen looks for Other/Solution.xml or solution.xml with
# customizations.xml), and a run of that folder alone ended on "no table to generate from"
# without a word on why.
def test_a_solution_in_the_yaml_source_control_format_is_reported(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    _yaml_solution(specs / "Deals")
    write_solution(specs / "Contoso")
    diagnostics, tables = _generate(specs, tmp_path)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    (warning,) = [d for d in diagnostics if d.code == "solution-yaml-format"]
    assert warning.location.path.endswith("specs/Deals")
    assert "solutions/Deals/solution.yml" in warning.message
    assert ".zip" in warning.message
    assert tables == {"account", "contoso_site"}


# The same folder named as the specs folder itself (specs = "solution", where the clone went).
def test_a_specs_folder_in_the_yaml_source_control_format_is_reported(tmp_path: Path) -> None:
    specs = _yaml_solution(tmp_path / "solution")
    with pytest.raises(SpecError) as failed:
        _generate(specs, tmp_path)
    (warning,) = [d for d in failed.value.diagnostics if d.code == "solution-yaml-format"]
    assert warning.location.path.endswith("/solution")
    assert "no table to generate from" in str(failed.value)
