"""Unpacked solutions (and exported .zip solutions) as input: every real solution generates,
and an independent count over its XML equals what the reader made of it."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dvgen.cache import Cache
from dvgen.companions import companions
from dvgen.dataverse_tables import collection_name
from dvgen.model import INFERRED, ChoiceExtension, ColumnType, Spec, Table, TableExtension
from dvgen.solution import bundle, read_solution, solution_root
from dvgen.solution.units import find_solutions, parse_solutions
from tests.conftest import NO_SHARED, SHARED, run, settings
from tests.solution_support import export_zip, write_solution

SOLUTIONS = SHARED / "solutions"


def solution_params() -> list[object]:
    folders = sorted(p for p in SOLUTIONS.glob("*") if p.is_dir()) if SOLUTIONS.is_dir() else []
    if not folders:
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_SHARED), id="no-solutions")]
    return [pytest.param(folder, id=folder.name.split("__")[-1]) for folder in folders]


def read(folder: Path, language: int = 1033) -> list[Spec]:
    root = solution_root(folder)
    assert root is not None
    specs, diagnostics, _ = read_solution(folder.name, bundle(root), language)
    assert not [d for d in diagnostics if d.severity.name == "ERROR"], diagnostics
    return list(specs)


# --- the independent count: plain ElementTree, simple rules ----------------------------------


def _xml(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def xml_counts(folder: Path) -> dict[str, int]:
    """Tables = Entity.xml files; columns = <attribute> elements in them; options =
    each column's inline options, or those of the global choice file it names (relationships:
    ``xml_relationships``)."""
    global_sets = {
        p.stem.lower(): len(_xml(p).findall("./options/option"))
        for p in folder.glob("OptionSets/*.xml")
    }
    tables = columns = options = 0
    for path in folder.glob("Entities/*/Entity.xml"):
        tables += 1
        for attribute in _xml(path).iter("attribute"):
            columns += 1
            inline = attribute.find("optionset")
            if inline is not None:
                options += sum(len(inline.findall(f"./{a}/{b}")) for a, b in PAIRS)
            else:
                options += global_sets.get((attribute.findtext("OptionSetName") or "").lower(), 0)
    return {"tables": tables, "columns": columns, "options": options}


def xml_relationships(folder: Path) -> set[str]:
    """The distinct names of the <EntityRelationship> elements that have a type."""
    return {
        element.get("Name", "").lower()
        for path in folder.glob("Other/Relationships/*.xml")
        for element in _xml(path).iter("EntityRelationship")
        if element.find("EntityRelationshipType") is not None
    }


IMPLIED = re.compile(
    r"(?:lk_(?P<table>\w+?)|(?P<activity>\w+?)_systemuser)"
    r"_(?P<column>(?:created|modified)onbehalfby)"
)
"""The relationships of the on-behalf-of lookups, which Dataverse makes with a table and a
solution never exports (``systemcolumns.owned``): ``lk_<table>_createdonbehalfby``, a custom
activity's ``<table>_systemuser_createdonbehalfby``."""

PARTIES = re.compile(r"(?P<table>\w+)_activity_parties")
"""The relationship of a custom activity's parties (``activityparty.activityid``), which no
export lists either."""

NOTES = re.compile(r"(?P<table>\w+)_annotations")
"""The relationship of a table enabled for notes (``annotation.objectid``), which no export
lists either: only its ``<HasRelatedNotes>True``."""

PLATFORM = re.compile(
    r"(?P<table>\w+)_(?:asyncoperations|bulkdeletefailures|mailboxtrackingfolders"
    r"|principalobjectattributeaccesses|processsession|syncerrors)"
)
"""The relationships Dataverse's own tables have to every table a solution creates
(``dvgen.platformlinks``), which no export lists either."""

FILES = re.compile(r"(?P<table>\w+)_fileattachments")
"""The relationship of a table with a File column to the file store
(``fileattachment.objectid``, ``dvgen.platformlinks.FILE_LINK``), which no export lists either."""

FLOW = re.compile(r"(?P<table>\w+)_workflowlogs")
"""The relationship of a business process flow's table to its process logs
(``workflowlog.asyncoperationid``, ``dvgen.platformlinks.FLOW_LINK``), which no export lists
either: only its ``<IsBPFEntity>1``."""

OPTIONS = re.compile(
    r"(?P<table>\w+)_(?:(?P<connections>connections[12])"
    r"|duplicatebaserecord|duplicatematchingrecord|(?P<slas>slakpiinstances)"
    r"|(?P<feedback>feedback))"
)
"""The relationships Dataverse makes with a table's connections, duplicate detection, SLAs and
feedback (``dvgen.optionlinks``), which no export lists either: only
``<IsConnectionsEnabled>1``, ``<IsDuplicateCheckSupported>1``, ``<IsSLAEnabled>1`` and
``<HasRelatedFeedback>True``."""

PAIRS = (("options", "option"), ("states", "state"), ("statuses", "status"))


def xml_notes(folder: Path) -> set[str]:
    """The tables whose Entity.xml says they are enabled for notes, by logical name."""
    return {
        (entity.get("Name") or "").lower()
        for path in folder.glob("Entities/*/Entity.xml")
        for entity in _xml(path).iter("entity")
        if (entity.findtext("HasRelatedNotes") or "").strip().lower() in ("true", "1")
    }


def xml_options(folder: Path, tag: str) -> set[str]:
    """The tables whose Entity.xml turns option ``tag`` on, by logical name."""
    return {
        (entity.get("Name") or "").lower()
        for path in folder.glob("Entities/*/Entity.xml")
        for entity in _xml(path).iter("entity")
        if (entity.findtext(tag) or "").strip().lower() in ("true", "1")
    }


def model_counts(specs: list[Spec]) -> dict[str, int]:
    """The same three numbers from the reader's specs: whole tables and the shells of layers
    read from an Entity.xml (a layer holding only relationships has none), without the key
    column a shell gets by Dataverse's naming rule when the export leaves it out, nor the
    companions an owned table's image, file and rollup columns get (``dvgen.companions``)."""
    read = [_table(s) for s in specs if _from_entity(s)]
    made = {
        (s.logical_name, c.logical_name)
        for s in specs
        if isinstance(s, Table)
        for c in companions(s.columns)
    }
    columns = [
        c
        for table in read
        if table
        for c in table.columns
        if c.extra != (INFERRED,) and (table.logical_name, c.logical_name) not in made
    ]
    return {
        "tables": len(read),
        "columns": len(columns),
        "options": sum(len(c.choices) for c in columns),
    }


def model_relationships(specs: list[Spec]) -> set[str]:
    return {
        r.schema_name.lower()
        for s in specs
        if isinstance(s, Table | TableExtension)
        for r in (
            *s.relationships.many_to_one,
            *s.relationships.one_to_many,
            *s.relationships.many_to_many,
        )
    }


def _table(spec: Spec) -> Table | None:
    return (
        spec
        if isinstance(spec, Table)
        else spec.shell
        if isinstance(spec, TableExtension)
        else None
    )


def _from_entity(spec: Spec) -> bool:
    if isinstance(spec, Table):
        return True
    return isinstance(spec, TableExtension) and "/Entities/" in spec.loc.path


@pytest.mark.parametrize("folder", solution_params())
def test_an_independent_count_over_the_xml_equals_the_model(folder: Path) -> None:
    counts = xml_counts(folder)
    assert counts["tables"] > 0
    specs = read(folder)
    assert model_counts(specs) == counts
    exported, made = xml_relationships(folder), model_relationships(specs)
    assert exported <= made
    owned = {s.logical_name: s for s in specs if isinstance(s, Table)}
    for name in made - exported:  # each an on-behalf-of lookup's, of a table the solution owns
        notes = NOTES.fullmatch(name)  # or a table's notes', where its Entity.xml enables them
        if notes is not None:
            assert notes["table"] in owned and notes["table"] in xml_notes(folder), name
            continue
        option = OPTIONS.fullmatch(name)  # or an option's, where its Entity.xml turns it on
        if option is not None:
            tag = "IsConnectionsEnabled" if option["connections"] else "IsDuplicateCheckSupported"
            tag = "IsSLAEnabled" if option["slas"] else tag
            tag = "HasRelatedFeedback" if option["feedback"] else tag
            assert option["table"] in owned and option["table"] in xml_options(folder, tag), name
            continue
        platform = PLATFORM.fullmatch(name)  # or one of Dataverse's own tables' to it
        if platform is not None:
            assert platform["table"] in owned, name
            continue
        files = FILES.fullmatch(name)  # or the file store's, on a table with a File column
        if files is not None:
            table = owned.get(files["table"])
            assert table is not None and any(c.type is ColumnType.FILE for c in table.columns)
            continue
        flow = FLOW.fullmatch(name)  # or a business process flow's process logs'
        if flow is not None:
            assert flow["table"] in xml_options(folder, "IsBPFEntity"), name
            continue
        parties = PARTIES.fullmatch(name)  # or a custom activity's parties'
        if parties is not None:
            assert owned[parties["table"]].primary_id_attribute == "activityid", name
            continue
        implied = IMPLIED.fullmatch(name)
        assert implied is not None, name
        table = implied["table"] or implied["activity"]
        assert owned[table].column(implied["column"]) is not None, name


@pytest.fixture()
def specs_dir(workdir: Path) -> Path:
    """``specs/`` of a fresh project, the current folder (no pyproject.toml of the repo's)."""
    specs = workdir / "specs"
    specs.mkdir()
    return specs


@pytest.mark.parametrize("folder", solution_params())
def test_every_real_solution_generates_every_target(
    folder: Path, specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (specs_dir / folder.name).symlink_to(folder, target_is_directory=True)
    out = specs_dir.parent / "out"
    code, _, err = run(
        capsys, "generate", "--specs", str(specs_dir), "--out", str(out), "--no-cache"
    )
    assert code == 0, err
    assert ": error:" not in err
    owned = {s.logical_name for s in read(folder) if isinstance(s, Table)}
    written = {p.stem for p in (out / "model").glob("*.yaml")}
    assert owned <= written
    for target in ("jsonschema", "pydantic", "sql", "odata"):
        assert any((out / target).rglob("*")), target


@pytest.mark.skipif(not SOLUTIONS.is_dir(), reason=NO_SHARED)
def test_an_owned_table_has_the_navigation_of_each_on_behalf_of_lookup(
    specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A solution exports the relationships of createdby and modifiedby but not those of the
    on-behalf-of lookups; the Web API has their navigation properties all the same."""
    folder = SOLUTIONS / "pnp__powerplatform-samples__AutomatedExpenseReporting"
    (specs_dir / folder.name).symlink_to(folder, target_is_directory=True)
    out = specs_dir.parent / "out"
    code, _, err = run(capsys, "generate", "--specs", str(specs_dir), "--out", str(out))
    assert code == 0, err
    metadata = (out / "odata" / "metadata.xml").read_text(encoding="utf-8")
    for column in ("createdonbehalfby", "modifiedonbehalfby"):
        assert (
            f'<NavigationProperty Name="{column}" Type="mscrm.systemuser" Nullable="false" '
            f'Partner="lk_gmx_expense_{column}">'
        ) in metadata
        assert (
            f'<NavigationProperty Name="lk_gmx_expense_{column}" '
            f'Type="Collection(mscrm.gmx_expense)" Partner="{column}"/>'
        ) in metadata


# --- the small solution of tests.solution_support.py ----------------------------------------


@pytest.fixture()
def contoso(specs_dir: Path) -> Path:
    return write_solution(specs_dir / "ContosoSites")


def test_owned_table_whole_and_standard_table_as_a_solution_layer(contoso: Path) -> None:
    specs = {type(s).__name__ + ":" + getattr(s, "logical_name", ""): s for s in read(contoso)}
    site = specs["Table:contoso_site"]
    assert isinstance(site, Table)
    assert (site.primary_id_attribute, site.primary_name_attribute) == (
        "contoso_siteid",
        "contoso_name",
    )
    assert (site.entity_set_name, site.ownership_type, site.display_name) == (
        "contoso_sites",
        "OrganizationOwned",
        "Site",
    )
    capacity = site.column("contoso_capacity")
    assert capacity is not None and (capacity.min_value, capacity.max_value) == (0, 5000)
    layer = specs["TableExtension:account"]
    assert isinstance(layer, TableExtension)
    assert (layer.kind, layer.solution, layer.rank) == ("solution", "ContosoSites", 0)
    by_name = {c.logical_name: c for c in layer.columns}
    assert sorted(by_name) == ["contoso_segment", "contoso_siteid", "contoso_tier"]
    assert by_name["contoso_tier"].max_length == 40
    assert by_name["contoso_segment"].global_choice_name == "contoso_segment"
    assert [c.label for c in by_name["contoso_segment"].choices] == ["Enterprise", "Small business"]
    assert by_name["contoso_siteid"].targets == ("contoso_site",)
    (link,) = layer.relationships.many_to_one
    assert link.referenced_entity == "contoso_site"
    assert link.cascade_configuration is not None
    assert link.cascade_configuration.delete == "RemoveLink"
    assert layer.shell is not None and layer.shell.entity_set_name == "accounts"


def test_labels_follow_the_language_setting_and_fall_back_with_a_note(contoso: Path) -> None:
    root = solution_root(contoso)
    assert root is not None
    french, notes, _ = read_solution("s", bundle(root), 1036)
    site = next(s for s in french if isinstance(s, Table))
    assert site.display_name == "Site" and site.column("contoso_name").display_name == "Nom"  # type: ignore[union-attr]
    assert not notes
    german, notes, _ = read_solution("s", bundle(root), 1031)
    site = next(s for s in german if isinstance(s, Table))
    assert site.column("contoso_name").display_name == "Name"  # type: ignore[union-attr]
    assert [d.code for d in notes] == ["solution-language-fallback"]
    assert "1031" in notes[0].message and "1033" in notes[0].message


def test_solutions_rank_by_dependency_depth(specs_dir: Path) -> None:
    """A dependant ranks above what it depends on; independent solutions share a rank (so
    where both set one facet they must agree), whatever the folder order."""
    write_solution(specs_dir / "a", name="AaaDependent", requires="ZzzBase")
    write_solution(specs_dir / "b", name="ZzzBase")
    write_solution(specs_dir / "c", name="MmmOther")
    units = [(str(name), data) for name, data in find_solutions(specs_dir, specs_dir)]
    for order in (units, units[::-1]):
        specs, _ = parse_solutions(order, Cache(None), 1033)
        got = {s.solution: s.rank for s in specs if isinstance(s, TableExtension)}
        assert got == {"MmmOther": 0, "ZzzBase": 0, "AaaDependent": 1}


def test_a_solutions_parse_is_read_back_from_the_cache(
    specs_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second run reads no XML: the parse, its SolutionInfo included, is in the cache,
    and gives the same specs."""
    write_solution(specs_dir / "a", name="AaaDependent", requires="ZzzBase")
    write_solution(specs_dir / "b", name="ZzzBase")
    units = [(str(name), data) for name, data in find_solutions(specs_dir, specs_dir)]
    cache = Cache(tmp_path / "cache")
    first, _ = parse_solutions(units, cache, 1033)

    def unread(*args: object) -> None:
        raise AssertionError("read again, not taken from the cache")

    monkeypatch.setattr("dvgen.solution.units.read_solution", unread)
    again, _ = parse_solutions(units, cache, 1033)
    assert again == first
    layers = [[s.rank for s in specs if isinstance(s, TableExtension)] for specs in (first, again)]
    assert layers[0] == layers[1] and set(layers[0]) == {0, 1}


def test_a_restated_standard_global_choice_is_a_choice_layer(contoso: Path) -> None:
    (contoso / "OptionSets/industrycode.xml").write_text(
        '<optionset Name="industrycode"><OptionSetType>picklist</OptionSetType>'
        '<IsGlobal>1</IsGlobal><options><option value="412340000"><labels>'
        '<label description="Drones" languagecode="1033" /></labels></option></options>'
        "</optionset>",
        encoding="utf-8",
    )
    (layer,) = [s for s in read(contoso) if isinstance(s, ChoiceExtension)]
    assert (layer.name, layer.kind, layer.solution) == ("industrycode", "solution", "ContosoSites")
    assert [(o.value, o.label) for o in layer.options] == [(412340000, "Drones")]


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        ("contoso_site", "contoso_sites"),
        ("contoso_category", "contoso_categories"),
        ("contoso_box", "contoso_boxes"),
        ("contoso_day", "contoso_days"),
        ("contoso_branch", "contoso_branches"),
    ],
)
def test_collection_name_without_entity_set_name(name: str, plural: str) -> None:
    assert collection_name(name) == plural


# --- .zip ------------------------------------------------------------------------------------


def _zip_specs(folder: Path, tmp: Path) -> list[Spec]:
    target = export_zip(folder, tmp / f"{folder.name}.zip")
    specs, diagnostics, _ = read_solution(target.name, target.read_bytes(), 1033)
    assert not [d for d in diagnostics if d.severity.name == "ERROR"], diagnostics
    return list(specs)


def test_an_exported_zip_gives_the_same_tables_as_the_folder(contoso: Path, tmp_path: Path) -> None:
    assert _zip_specs(contoso, tmp_path) == read(contoso)


@pytest.mark.parametrize("folder", solution_params())
def test_each_real_solution_as_a_zip_gives_the_same_tables(folder: Path, tmp_path: Path) -> None:
    assert _zip_specs(folder, tmp_path) == read(folder)


def test_a_zip_in_the_specs_folder_generates(
    contoso: Path, specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export_zip(contoso, specs_dir / "contoso.zip")
    shutil.rmtree(contoso)
    out = specs_dir.parent / "out"
    code, _, err = run(capsys, "generate", "--specs", str(specs_dir), "--out", str(out))
    assert code == 0, err
    assert (out / "model" / "contoso_site.yaml").is_file()


# --- drift and bad input ---------------------------------------------------------------------


def test_check_sees_drift_when_a_solution_file_changes(
    contoso: Path, specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(specs_dir.parent / "out")
    assert run(capsys, "generate", "--specs", str(specs_dir), "--out", out)[0] == 0
    assert run(capsys, "check", "--specs", str(specs_dir), "--out", out)[0] == 0
    entity = contoso / "Entities/contoso_Site/Entity.xml"
    entity.write_text(entity.read_text("utf-8-sig").replace("<MaxLength>100<", "<MaxLength>120<"))
    code, _, err = run(capsys, "check", "--specs", str(specs_dir), "--out", out)
    assert code == 1, err


def test_malformed_xml_is_an_error_at_its_file_and_line(
    contoso: Path, specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entity = contoso / "Entities/contoso_Site/Entity.xml"
    lines = entity.read_text("utf-8-sig").splitlines()
    broken = next(i for i, line in enumerate(lines) if "<MaxLength>" in line)
    lines[broken] = lines[broken].replace("</MaxLength>", "</MaxLen>")
    entity.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = specs_dir.parent / "out"
    code, _, err = run(capsys, "generate", "--specs", str(specs_dir), "--out", str(out))
    assert code == 2
    where = f"specs/ContosoSites/Entities/contoso_Site/Entity.xml:{broken + 1}: error: "
    assert err.startswith(where), err
    assert "Traceback" not in err
    assert not out.exists()


# --- the language setting --------------------------------------------------------------------


def test_the_language_setting_reaches_the_cached_parse(
    contoso: Path, specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Labels follow ``language`` even when the solution's bytes are in the cache already."""
    project = specs_dir.parent
    site = project / "generated/model/contoso_site.yaml"
    for language, label in ((1033, "display_name: Name\n"), (1036, "display_name: Nom\n")):
        settings(project, f"language = {language}")
        code, _, err = run(capsys, "generate", "--config", str(project / "pyproject.toml"))
        assert code == 0, err
        assert label in site.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["0", '"fr"', "70000"])
def test_a_bad_language_setting_is_refused(
    contoso: Path, specs_dir: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = specs_dir.parent
    settings(project, f"language = {value}")
    code, _, err = run(capsys, "generate", "--config", str(project / "pyproject.toml"))
    assert code == 2
    assert "language" in err and "error" in err


def test_an_entity_without_a_name_is_an_error_at_its_line(
    contoso: Path, specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (contoso / "Entities/Nameless").mkdir()
    (contoso / "Entities/Nameless/Entity.xml").write_text(
        "<?xml version='1.0'?>\n<Entity>\n  <EntityInfo />\n</Entity>\n", encoding="utf-8"
    )
    out = specs_dir.parent / "out"
    code, _, err = run(capsys, "generate", "--specs", str(specs_dir), "--out", str(out))
    assert code == 2
    assert err.startswith("specs/ContosoSites/Entities/Nameless/Entity.xml:2: error: "), err
    assert not out.exists()


def test_a_table_two_solutions_hold_whole_is_the_first_ones_and_a_layer_of_the_second(
    specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_solution(specs_dir / "base", name="ZzzBase")
    extended = write_solution(specs_dir / "ext", name="AaaExtension", requires="ZzzBase")
    entity = extended / "Entities/contoso_Site/Entity.xml"
    entity.write_text(
        entity.read_text("utf-8-sig").replace("<MaxLength>100<", "<MaxLength>250<"), "utf-8"
    )
    units = [(str(name), data) for name, data in find_solutions(specs_dir, specs_dir)]
    specs, _ = parse_solutions(units, Cache(None), 1033)
    (whole,) = [s for s in specs if isinstance(s, Table) and s.logical_name == "contoso_site"]
    assert whole.column("contoso_name").max_length == 100  # type: ignore[union-attr]
    layers = [
        s for s in specs if isinstance(s, TableExtension) and s.logical_name == "contoso_site"
    ]
    assert [(layer.solution, layer.rank) for layer in layers] == [("AaaExtension", 1)]
    out = specs_dir.parent / "out"
    code, _, err = run(capsys, "generate", "--specs", str(specs_dir), "--out", str(out))
    assert code == 0, err
    assert "max_length: 250" in (out / "model/contoso_site.yaml").read_text(encoding="utf-8")


SITE_SPEC = """logical_name: contoso_site
schema_name: contoso_Site
entity_set_name: contoso_sites
primary_id_attribute: contoso_siteid
columns:
  - logical_name: contoso_siteid
    schema_name: contoso_SiteId
    type: Uniqueidentifier
  - logical_name: contoso_code
    schema_name: contoso_Code
    type: String
    max_length: 10
"""


def test_a_table_a_spec_defines_and_a_solution_holds_whole_is_one_table(
    contoso: Path, specs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (specs_dir / "contoso_site.yaml").write_text(SITE_SPEC, encoding="utf-8")
    code, _, err = run(capsys, "generate", "--specs", "specs", "--out", "out")
    assert code == 0, err
    model = (specs_dir.parent / "out/model/contoso_site.yaml").read_text(encoding="utf-8")
    assert "logical_name: contoso_code\n" in model  # the spec's
    assert "logical_name: contoso_capacity\n" in model  # the solution's
