"""A seeded mutation fuzz of ``dvgen generate`` over real solutions, and the faults it found.

Each case (``tests/fuzz_solutions.py`` makes it from the seed and its number) is a real
solution (an unpacked folder, an extracted export or a .zip), mutated, run through
``dvgen.cli.main(["generate", ...])`` in this process, and must:

- exit 0 or 2 (never 3, never an exception out of ``main``, never a hang past the timeout);
- print no traceback and no "internal error", nothing on stdout, and on stderr only
  ``file:line: severity: message`` lines naming a file that exists (or a member of the .zip);
- on exit 2: print an error and leave the output folder as it was, byte for byte;
- on exit 0: lose no column silently: every ``<attribute>``'s LogicalName of a table file
  (an independent scan) is in the model YAML, or a diagnostic names that file;
- read and write nothing outside the case's folder (an external entity's target, a .zip
  member named ``../../x``), and on a sample of exit-0 cases pass ``tests/fuzz.py``'s
  validators (JSON Schema metaschema, OASIS CSDL XSD, SQLite, pydantic import, model YAML).

In CI a fixed seed's first 300 cases run (about 10 s on 2 cores); the long run and a replay::

    DVGEN_FUZZ_CASES=5000 DVGEN_FUZZ_WORKERS=2 .venv/bin/pytest tests/test_fuzz_solutions.py -q
    .venv/bin/python -m tests.fuzz_solutions replay SEED CASE
"""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from pathlib import Path

import pytest

from dvgen.diagnostics import Severity, SpecError
from dvgen.solution import folder as solution_folder
from dvgen.solution.folder import bundle
from dvgen.solution.reader import read_solution
from dvgen.solution.xml import parse_xml
from tests import fuzz
from tests import fuzz_solutions as fs
from tests.solution_support import write_solution

needs_solutions = pytest.mark.skipif(
    not fs.SOLUTION_DIRS[0].is_dir(),
    reason="../shared/solutions (the real solutions) is absent; set DVGEN_SHARED to run this",
)


@needs_solutions
def test_fuzz_solutions_generate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = fs.settings_from_env()
    report = fs.run(settings, tmp_path)
    with capsys.disabled():
        print("\n" + report.summary())
    assert report.cases > 0
    assert not report.failures, fuzz.failure_text(report)


@needs_solutions
def test_cases_are_a_function_of_seed_and_number() -> None:
    first = fs.make_case(7, 123)
    assert fs.make_case(7, 123).files == first.files
    assert fs.make_case(7, 123).steps == first.steps
    assert any(fs.make_case(7, n).files != first.files for n in range(124, 130))


SMALL = b"""<?xml version="1.0" encoding="utf-8"?>
<Entity><Name LocalizedName="Site">contoso_Site</Name><EntityInfo><entity Name="contoso_Site">
<LocalizedNames><LocalizedName description="Site" languagecode="1033" /></LocalizedNames>
<attributes><attribute PhysicalName="contoso_Name"><Type>nvarchar</Type>
<LogicalName>contoso_name</LogicalName><MaxLength>100</MaxLength></attribute></attributes>
<ReferencedEntityName>contoso_site</ReferencedEntityName>
</entity></EntityInfo></Entity>
"""


def test_every_mutator_changes_its_input() -> None:
    rng = random.Random(1)
    for mutate in fs.XML_MUTATORS:
        assert any(mutate(SMALL, rng)[0] != SMALL for _ in range(5)), mutate.__name__


def test_element_mutations_keep_the_xml_well_formed() -> None:
    """Delete, duplicate and swap cut whole elements (nesting counted), so the parser gets
    past the syntax to the reader most of the time."""
    rng = random.Random(3)
    for mutate in (fs.delete_element, fs.duplicate_element, fs.swap_elements, fs.case_change):
        for _ in range(20):
            parse_xml(mutate(SMALL, rng)[0], "t.xml")


def test_entity_bombs_and_external_entities_are_refused_fast(tmp_path: Path) -> None:
    """Billion laughs is refused (not expanded); an external entity's file is never read."""
    secret = tmp_path / "canary.txt"
    secret.write_text(fs.CANARY, encoding="utf-8")
    rng = random.Random(0)
    start = time.perf_counter()
    with pytest.raises(SpecError):
        parse_xml(fs.billion_laughs(SMALL, rng)[0], "t.xml")
    assert time.perf_counter() - start < 1.0
    doctype = f'<!DOCTYPE Entity [<!ENTITY x SYSTEM "file://{secret}">]>\n'.encode()
    try:
        root = parse_xml(doctype + SMALL.split(b"?>", 1)[1].replace(b"Site<", b"&x;<"), "t.xml")
    except SpecError:
        return
    assert fs.CANARY not in repr(root)


def test_the_verdict_names_each_fault(tmp_path: Path) -> None:
    """Synthetic outcomes: each property of a case is checked."""
    work = fuzz.Workspace(tmp_path / "w")
    entity = b"<Entity><attributes><attribute><LogicalName>A</LogicalName></attribute>"
    files = {"sol/Other/Solution.xml": b"<x/>", "sol/Entities/T/Entity.xml": entity}
    case = fuzz.Case(1, 2, files, "sol", ["x"], preexisting=True)
    before = work.prepare(case)
    named = work.specs / "sol" / "Other" / "Solution.xml"

    def kinds(rc: int | None, err: str = "", escaped: str = "") -> list[str]:
        outcome = fuzz.Outcome(rc, "", err, 0.0, escaped)
        return [f.kind for f in fs.verdict(case, work, outcome, before)]

    assert kinds(3, "dvgen: internal error (LookupError: x)") == ["exit-3"]
    assert kinds(None, escaped="timeout: 10s") == ["timeout"]
    assert kinds(2, f"{named}:3: error: bad") == []
    assert kinds(2, f"{work.specs}: error: no table") == []
    assert kinds(2, f"{work.specs}/sol.zip/../../x.xml:1: error: bad") == ["diagnostic-path"]
    assert kinds(2, f"{named}:1: error: {fs.CANARY}") == ["read-outside"]
    assert kinds(2, "dvgen: internal error (x)\nspecs: error: x") == [
        "internal-error",
        "diagnostic-form",
    ]
    (work.root / "stray").write_text("x", encoding="utf-8")
    assert kinds(2, f"{named}:3: error: bad") == ["wrote-outside-out"]
    (work.root / "stray").unlink()
    (work.out / "keep.txt").write_text("changed", encoding="utf-8")
    assert kinds(2, f"{named}:3: error: bad") == ["wrote-on-error"]
    assert kinds(0) == ["touched-foreign-file", "lost-column"]
    (work.out / "keep.txt").write_bytes(before["keep.txt"])
    assert kinds(0, f"{work.specs}/sol/Entities/T/Entity.xml:9: warning: x") == []
    (work.out / "model").mkdir(exist_ok=True)
    (work.out / "model" / "t.yaml").write_text("columns:\n- logical_name: a\n", encoding="utf-8")
    assert kinds(0) == []


# ----------------------------------------------------------------- faults the campaign found


def test_an_unknown_declared_encoding_is_an_error_not_a_crash() -> None:
    """``<?xml encoding="xxx"?>`` raised LookupError (exit 3), shift_jis ValueError."""
    for encoding in ("x" * 300, "shift_jis"):
        data = f'<?xml version="1.0" encoding="{encoding}"?>\n<a>x</a>'.encode()
        with pytest.raises(SpecError) as caught:
            parse_xml(data, "Other/Relationships.xml")
        text = str(caught.value)
        assert text.startswith("Other/Relationships.xml:1: error: unreadable XML encoding")
        assert len(text) < 200


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _unpacked(tmp_path: Path) -> dict[str, bytes]:
    root = write_solution(tmp_path / "sol")
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.xml")}


def test_a_zip_member_outside_the_archive_is_refused(tmp_path: Path) -> None:
    """A member ``../../x.xml`` was read and named in a diagnostic as a file outside."""
    files = _unpacked(tmp_path)
    for hostile in ("../../escaped.xml", "/tmp/escaped.xml", "Other/../../escaped.xml"):
        data = _zip({**files, hostile: b"<broken"})
        specs, diagnostics, _ = read_solution("specs/sol.zip", data, 1033)
        assert specs == ()
        assert [str(d) for d in diagnostics] == [
            f"specs/sol.zip: error: member {hostile!r} names a path outside the archive: not read"
        ]
    assert read_solution("specs/sol.zip", _zip(files), 1033)[0]


def test_zip_members_together_over_the_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forty members each under the per-member limit (6 GB of zeros) hung past 10 s."""
    monkeypatch.setattr(solution_folder, "MAX_UNZIPPED", 50_000)
    files = _unpacked(tmp_path)
    padded = {**files, **{f"OptionSets/pad{n}.xml": b" " * 20_000 for n in range(3)}}
    specs, diagnostics, _ = read_solution("s.zip", _zip(padded), 1033)
    assert specs == ()
    assert [str(d) for d in diagnostics] == [
        "s.zip: error: its XML members unzip to over 0 MB: not read"
    ]
    assert read_solution("s.zip", _zip(files), 1033)[0]


def test_names_a_target_cannot_carry_are_errors(tmp_path: Path) -> None:
    """A table named ``1e309`` or a relationship named ``1.5`` reached the model, whose YAML
    then did not read back; names are now checked as for pages and YAML specs."""
    root = write_solution(tmp_path / "sol")
    entity = root / "Entities" / "contoso_Site" / "Entity.xml"
    text = entity.read_text(encoding="utf-8-sig")
    renamed = text.replace(">contoso_name<", ">1e309<")
    assert renamed != text
    entity.write_text(renamed, encoding="utf-8")
    specs, diagnostics, _ = read_solution("sol", bundle(root), 1033)
    assert specs == ()
    errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
    assert errors and all("'1e309'" in e for e in errors), errors
    assert errors[0].startswith("sol/Entities/contoso_Site/Entity.xml:")
    relationship = root / "Other" / "Relationships" / "contoso_Site.xml"
    entity.write_text(text, encoding="utf-8")
    rel_text = relationship.read_text(encoding="utf-8-sig")
    relationship.write_text(rel_text.replace('Name="contoso_site_account"', 'Name="1.5"', 1))
    specs, diagnostics, _ = read_solution("sol", bundle(root), 1033)
    assert specs == ()
    assert any("'1.5'" in str(d) for d in diagnostics), [str(d) for d in diagnostics]


def _edited(tmp_path: Path, old: str, new: str) -> tuple[tuple[object, ...], list[str]]:
    """The test solution with ``old`` replaced by ``new`` in every file, read."""
    root = write_solution(tmp_path / "sol")
    changed = False
    for path in root.rglob("*.xml"):
        text = path.read_text(encoding="utf-8-sig")
        changed |= old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    assert changed, old
    specs, diagnostics, _ = read_solution("sol", bundle(root), 1033)
    return specs, [str(d) for d in diagnostics]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('languagecode="1036"', 'languagecode="²"'),  # isdigit() but not int()
        ('languagecode="1036"', f'languagecode="{"9" * 5000}"'),  # over int()'s 4300 digits
        ("<AppDefaultValue>-1<", f"<AppDefaultValue>{'7' * 5000}<"),
        ("<LookupTypes />", f"<LookupTypes><LookupType>{'1' * 5000}</LookupType></LookupTypes>"),
    ],
)
def test_odd_integers_are_not_a_crash(tmp_path: Path, old: str, new: str) -> None:
    """``str.isdigit`` let ``²`` and 5,000-digit numbers reach ``int()`` (ValueError)."""
    specs, _ = _edited(tmp_path, old, new)
    assert specs


def test_a_number_with_a_huge_exponent_is_an_error_at_once(tmp_path: Path) -> None:
    """``<MaxLength>1e999999999`` was made an int: ten to the billion, a hang."""
    start = time.perf_counter()
    specs, diagnostics = _edited(tmp_path, "<MaxLength>100<", "<MaxLength>1e999999999<")
    assert time.perf_counter() - start < 5
    assert specs == ()
    assert any(
        "error: <MaxLength> '1e999999999' has more than 40 digits" in d for d in diagnostics
    ), diagnostics


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<CascadeAssign>NoCascade<", "<CascadeAssign>" + "y" * 1_000_000 + "<"),
        ("<Type>nvarchar<", "<Type>" + "y" * 1_000_000 + "<"),
        ("<RequiredLevel>none<", "<RequiredLevel>" + "y" * 1_000_000 + "<"),
        ('<option value="412340001">', '<option value="' + "y" * 1_000_000 + '">'),
    ],
)
def test_a_huge_value_is_quoted_short(tmp_path: Path, old: str, new: str) -> None:
    """A 10 MB cascade value was quoted whole in its warning: 10 MB on stderr."""
    _, diagnostics = _edited(tmp_path, old, new)
    assert diagnostics
    assert all(len(d) < 500 for d in diagnostics), [d[:200] for d in diagnostics]
    assert any("yyy... (999920 more characters)" in d for d in diagnostics)


def test_a_huge_solution_name_is_refused_not_echoed(tmp_path: Path) -> None:
    """A 10 MB <UniqueName> was quoted whole by every warning about the solution."""
    _, diagnostics = _edited(tmp_path, "<UniqueName>ContosoSites<", f"<UniqueName>{'y' * 10**6}<")
    assert diagnostics == [
        "sol/Other/Solution.xml: error: the solution's <UniqueName> is 1000000 characters "
        "long, over 128"
    ]


def test_a_global_choice_name_is_checked(tmp_path: Path) -> None:
    specs, diagnostics = _edited(tmp_path, 'Name="contoso_segment"', 'Name="{{ x }}"')
    assert specs == ()
    assert any("global choice '{{ x }}': Name '{{ x }}' is not a name" in d for d in diagnostics)


def test_every_solution_message_is_bounded(tmp_path: Path) -> None:
    """Whatever a message quotes, it stays under about 1,000 characters."""
    long_name = "contoso_" + "n" * 5000  # a root component the solution does not hold
    _, diagnostics = _edited(tmp_path, 'schemaName="contoso_site"', f'schemaName="{long_name}"')
    assert any(" characters) ..." in d for d in diagnostics), diagnostics
    assert all(len(d) < 1300 for d in diagnostics), max(map(len, diagnostics))


def test_a_table_defined_twice_is_an_error(tmp_path: Path) -> None:
    """A second Entity.xml of the same table replaced the first: its columns were lost."""
    root = write_solution(tmp_path / "sol")
    copy = root / "Entities" / "contoso_Site_merged" / "Entity.xml"
    copy.parent.mkdir()
    text = (root / "Entities" / "contoso_Site" / "Entity.xml").read_text(encoding="utf-8-sig")
    copy.write_text(re.sub(r"<EntityInfo>.*</EntityInfo>", "", text, flags=re.S))
    specs, diagnostics, _ = read_solution("sol", bundle(root), 1033)
    assert specs == ()
    assert any(
        "sol/Entities/contoso_Site_merged/Entity.xml:" in str(d)
        and "error: table 'contoso_Site' is defined twice: here and at "
        "sol/Entities/contoso_Site/Entity.xml:"
        in str(d)
        for d in diagnostics
    ), [str(d) for d in diagnostics]


def test_an_attribute_outside_attributes_is_reported(tmp_path: Path) -> None:
    """An <attribute> a merge moved out of <attributes> was dropped without a word."""
    root = write_solution(tmp_path / "sol")
    entity = root / "Entities" / "contoso_Site" / "Entity.xml"
    text = entity.read_text(encoding="utf-8-sig")
    block = re.search(r'\s*<attribute PhysicalName="contoso_Name">.*?</attribute>', text, re.S)
    assert block is not None
    moved = text.replace(block[0], "").replace("</EntityInfo>", block[0] + "</EntityInfo>")
    entity.write_text(moved, encoding="utf-8")
    specs, diagnostics, _ = read_solution("sol", bundle(root), 1033)
    assert specs
    warnings = [str(d) for d in diagnostics if "[solution-attribute-misplaced]" in str(d)]
    assert len(warnings) == 1
    assert warnings[0].startswith("sol/Entities/contoso_Site/Entity.xml:")
    assert "<attribute> 'contoso_name' is outside <EntityInfo>/<entity>/<attributes>" in warnings[0]


def test_the_names_a_customized_table_states_are_checked(tmp_path: Path) -> None:
    """``<EntitySetName>`` of a customized table (a layer) was not checked: ``</Property>``
    reached the model, whose YAML then did not read back."""
    specs, diagnostics = _edited(
        tmp_path, "<EntitySetName>accounts<", "<EntitySetName>&lt;/Property&gt;<"
    )
    assert specs == ()
    assert any(
        d.startswith("sol/Entities/Account/Entity.xml:")
        and "error: table 'account': entity_set_name '</Property>' is not a name" in d
        for d in diagnostics
    ), diagnostics
