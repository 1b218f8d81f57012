"""Variations met in a seventh round of real solutions outside the corpus (recent pac unpack
folders of a bilingual English/French org, a Swedish one, patches of Microsoft's contact,
incident, product and account), each as a minimal solution written for the test."""

from __future__ import annotations

import re
from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity
from dvgen.pipeline import generate
from dvgen.solution import bundle, read_solution
from dvgen.solution.units import find_solutions
from tests.solution_support import manifest, write_solution

FLOWS = (
    '<RootComponent type="29" id="{1257283e-6572-ee11-8179-002248993e6c}" behavior="0" />'
    '<RootComponent type="29" id="{f1e37e9f-6572-ee11-8179-002248993e6c}" behavior="0" />'
    '<RootComponent type="300" schemaName="al_reportapp_b641c" behavior="0" />'
    '<RootComponent type="10115" schemaName="al_one" />'
    '<RootComponent type="10115" schemaName="al_two" />'
)


def _flows_only(tmp_path: Path) -> bytes:
    """A Swedish org's unpacked solution (base language 1053) of flows and a canvas app."""
    folder = tmp_path / "Egenkontroller" / "Other"
    folder.mkdir(parents=True)
    text = manifest("Egenkontroller_v4", "al", 12091, FLOWS, language=1053)
    (folder / "Solution.xml").write_text(text, encoding="utf-8")
    return bundle(folder.parent)


# Its warning counted "2 processs", and two components of an unknown type "2 component of
# type 10115s".
def test_a_solution_without_tables_counts_its_components_in_english(tmp_path: Path) -> None:
    specs, diagnostics, _ = read_solution("Egenkontroller", _flows_only(tmp_path), 1033)
    assert specs == ()
    (warning,) = [d for d in diagnostics if d.code == "solution-without-tables"]
    assert "1 canvas app, 2 components of type 10115, 2 processes)" in warning.message, (
        warning.message
    )


# The same solution read in English: it has no label in any language, so no note that its
# labels are read in Swedish (the note named the manifest's language alone).
def test_a_solution_without_labels_has_no_language_note(tmp_path: Path) -> None:
    _, diagnostics, _ = read_solution("Egenkontroller", _flows_only(tmp_path), 1033)
    assert [d.code for d in diagnostics] == ["solution-without-tables"]


# A pac solution init project put in specs/ (its solution in specs/<project>/src, as in the
# finance and outcome-testing repositories): diagnostics named specs/<project>/Entities/...,
# a file that does not exist, leaving out the "src" the solution sits in.
def test_diagnostics_of_a_solution_in_a_project_s_src_name_its_files(tmp_path: Path) -> None:
    write_solution(tmp_path / "specs" / "Contoso" / "src")
    diagnostics = Diagnostics()
    config = Config(specs=tmp_path / "specs", out=tmp_path / "out", cache=False)
    generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    (missing,) = [d for d in diagnostics if d.code == "solution-base-missing"]
    path = missing.location.path
    assert path.endswith("Contoso/src/Entities/Account/Entity.xml"), path
    assert (tmp_path / "specs" / "Contoso" / "src" / "Entities" / "Account" / "Entity.xml").exists()
    ((itself, _),) = find_solutions(tmp_path / "specs" / "Contoso", Path("project"))
    assert str(itself) == "project/src"  # specs naming the project folder itself


# Every file of Other/ was parsed: a broken site map stopped a generation that never uses it,
# and an edited one re-read the whole solution.
def test_other_files_that_hold_no_table_are_neither_read_nor_digested(tmp_path: Path) -> None:
    folder = write_solution(tmp_path / "ContosoSites")
    before = bundle(folder)
    (folder / "Other" / "SiteMap.xml").write_text("<SiteMap><Area>", encoding="utf-8")
    (folder / "Other" / "FieldSecurityProfiles.xml").write_text("<broken", encoding="utf-8")
    assert bundle(folder) == before
    specs, diagnostics, _ = read_solution("ContosoSites", bundle(folder), 1033)
    assert not [d for d in diagnostics if d.severity is Severity.ERROR]
    assert {getattr(s, "logical_name", None) for s in specs} >= {"contoso_site"}


# A solution translated in part (its own columns in the base language only) read in the other
# language: every label without that text was read in another, without a word.
def test_labels_read_in_another_language_are_counted(tmp_path: Path) -> None:
    folder = write_solution(tmp_path / "ContosoSites")
    _, diagnostics, _ = read_solution("ContosoSites", bundle(folder), 1036)
    assert not [d for d in diagnostics if d.code == "solution-language-fallback"]
    site = folder / "Entities" / "contoso_Site" / "Entity.xml"
    text = site.read_text(encoding="utf-8")
    french = re.findall(r'<[a-z]+ description="[^"]*" languagecode="1036" />', text)
    site.write_text(text.replace(french[0], "", 1), encoding="utf-8")
    _, diagnostics, _ = read_solution("ContosoSites", bundle(folder), 1036)
    (note,) = [d for d in diagnostics if d.code == "solution-language-fallback"]
    assert note.severity is Severity.INFO
    assert re.fullmatch(
        r"1 of the solution's \d+ labels have no text in language 1036: each is read in the "
        r"first language it has",
        note.message,
    ), note.message
