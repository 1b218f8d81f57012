"""Variations met in a sixth round of real solutions outside the corpus (the CoE Starter Kit's
core solution and the governance solution built on it, solution patches), each as a minimal
solution written for the test."""

from __future__ import annotations

from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import CascadeType, Table
from dvgen.pipeline import Generation, generate
from tests.solution_support import HEAD, RELATIONSHIP, write_solution

ACCOUNT = """logical_name: account
schema_name: Account
display_name: Account
entity_set_name: accounts
primary_id_attribute: accountid
primary_name_attribute: name
columns:
  - logical_name: accountid
    schema_name: AccountId
    type: Uniqueidentifier
    display_name: Account
    required_level: SystemRequired
  - logical_name: name
    schema_name: Name
    type: String
    display_name: Account Name
    max_length: 160
"""

PARENT = """<Version>1.0.1.0</Version>
    <ParentSolution>
      <UniqueName>Contoso</UniqueName>
      <Version>1.0.0.0</Version>
    </ParentSolution>"""


def _generate(specs: Path) -> Generation:
    diagnostics = Diagnostics()
    config = Config(specs=specs, out=specs.parent / "out", cache=False)
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation


def _table(generation: Generation, name: str) -> Table:
    (table,) = [t for t in generation.tables.tables if t.logical_name == name]
    assert isinstance(table, Table)
    return table


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(HEAD + text.replace(old, new, 1).split("?>", 1)[1].lstrip("\n"), "utf-8")


def _patch(specs: Path) -> Path:
    """``Contoso_Patch_1_0_1_0``: a patch of ``Contoso`` (its manifest names the parent in
    ``<ParentSolution>``, no missing dependency does) holding only ``account``, whose
    ``contoso_tier`` it makes longer (40 -> 60)."""
    patch = write_solution(specs / "Contoso_Patch_1_0_1_0", name="Contoso_Patch_8c1e2")
    for part in ("Entities/contoso_Site", "OptionSets", "Other/Relationships"):
        for path in sorted((patch / part).rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        (patch / part).rmdir()
    (patch / "Other/Relationships.xml").unlink()
    manifest = patch / "Other/Solution.xml"
    _edit(manifest, "<Version>1.0.0.0</Version>", PARENT)
    for root in ("contoso_site", "contoso_segment"):
        text = manifest.read_text(encoding="utf-8")
        kept = [line for line in text.splitlines(keepends=True) if f'"{root}"' not in line]
        manifest.write_text("".join(kept), encoding="utf-8")
    _edit(patch / "Entities/Account/Entity.xml", "<MaxLength>40<", "<MaxLength>60<")
    return patch


# A patch and its parent both customize Microsoft's account: they shared a rank, so the
# patch's longer column was an error ("solutions of one rank must agree"), where Dataverse
# installs a patch just above its parent and the patch wins.
def test_a_patch_comes_after_the_solution_it_patches(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "account.yaml").write_text(ACCOUNT, encoding="utf-8")
    write_solution(specs / "Contoso", name="Contoso")
    _patch(specs)
    tier = _table(_generate(specs), "account").column("contoso_tier")
    assert tier is not None
    assert tier.max_length == 60


# The governance solution of the CoE kit holds the core's table whole again, its
# relationships exported before CascadeArchive existed: layered on the core, the archive
# cascade the core states was lost (the restated cascades replaced the core's whole).
def test_a_cascade_a_later_solution_leaves_unstated_is_kept(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    core = write_solution(specs / "Core", name="Contoso")
    write_solution(specs / "Governance", name="ContosoGovernance", requires="Contoso")
    archive = "<CascadeArchive>Restrict</CascadeArchive>\n      <CascadeAssign>"
    _edit(core / "Other/Relationships/contoso_Site.xml", "<CascadeAssign>", archive)
    assert "CascadeArchive" not in RELATIONSHIP
    (relationship,) = [
        r
        for r in _table(_generate(specs), "account").relationships.many_to_one
        if r.schema_name == "contoso_site_account"
    ]
    cascades = relationship.cascade_configuration
    assert cascades is not None
    assert cascades.archive is CascadeType.RESTRICT
    assert cascades.delete is CascadeType.REMOVE_LINK
