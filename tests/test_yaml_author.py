"""The slips an expert still makes writing tables by hand in YAML specs: each what Dataverse
would refuse to create, a ``file:line: error:`` saying what to write instead, exit 2, nothing
written; and what Dataverse accepts, no error (``dvgen.parse.authoring``, ``yaml_spec._hint``).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.parse.yaml_spec import parse_yaml
from tests.conftest import CORPUS, needs_shared, run

ROOM = """\
logical_name: cln_room
entity_set_name: cln_rooms
primary_id_attribute: cln_roomid
primary_name_attribute: cln_code
columns:
  - {logical_name: cln_roomid, type: Uniqueidentifier, required_level: SystemRequired}
  - logical_name: cln_code
    type: String
    max_length: 30
  - {logical_name: cln_floor, type: Integer, min_value: -5, max_value: 200}
  - {logical_name: cln_area, type: Double, precision: 2}
  - {logical_name: cln_fee, type: Money, precision: 2}
  - {logical_name: cln_dose, type: Decimal, precision: 4}
  - {logical_name: cln_notes, type: Memo, max_length: 2000}
  - {logical_name: cln_isolation, type: Boolean, default_value: false}
  - {logical_name: cln_kind, type: Picklist, default_form_value: 2,
     choices: [{value: 1, label: A}, {value: 2, label: B}]}
  - {logical_name: cln_parentid, type: Lookup, targets: [cln_room]}
relationships:
  many_to_one:
    - schema_name: cln_room_parent
      referenced_entity: cln_room
      referencing_attribute: cln_parentid
"""

WARD = """\
logical_name: cln_ward
primary_id_attribute: cln_wardid
columns:
  - {logical_name: cln_wardid, type: Uniqueidentifier}
  - {logical_name: cln_roomid, type: Lookup, targets: [cln_room]}
relationships:
  many_to_one:
    - schema_name: cln_room_wards
      referenced_entity: cln_room
      referencing_attribute: cln_roomid
      cascade_configuration: {delete: Cascade}
"""
ROOM_SIDE = """\
  one_to_many:
    - schema_name: cln_room_wards
      referencing_entity: cln_ward
      referencing_attribute: cln_roomid
      cascade_configuration: {delete: Cascade}
"""


def _generate(project: Path, capsys: pytest.CaptureFixture[str], **specs: str) -> tuple[int, str]:
    for name, text in specs.items():
        (project / "specs" / f"{name}.yaml").write_bytes(text.encode("utf-8"))
    code, _, err = run(capsys, "generate", "--no-cache", "--target", "model")
    return code, err


def _refused(project: Path, capsys: pytest.CaptureFixture[str], text: str) -> list[str]:
    """The errors of ``text`` as the spec ``cln_room.yaml``, checked to stop the run cleanly."""
    code, err = _generate(project, capsys, cln_room=text)
    assert code == 2 and "Traceback" not in err, err
    assert not (project / "generated").exists()
    return [line for line in err.splitlines() if ": error: " in line]


ROOM_SLIPS = {
    "String over 4,000": (
        ROOM.replace("max_length: 30", "max_length: 5000"),
        "specs/cln_room.yaml:9: error: column 'cln_code': max_length 5,000 is over Dataverse's "
        "limit for a String column (4,000); use type Memo for longer text",
    ),
    "Memo over 1,048,576": (
        ROOM.replace("max_length: 2000}", "max_length: 2000000}"),
        "specs/cln_room.yaml:14: error: column 'cln_notes': max_length 2,000,000 is over "
        "Dataverse's limit for a Memo column (1,048,576); write max_length: 1048576 at most",
    ),
    "Decimal precision 11": (
        ROOM.replace("precision: 4}", "precision: 11}"),
        "specs/cln_room.yaml:13: error: column 'cln_dose': precision 11 is over Dataverse's "
        "limit for a Decimal column (0 to 10 decimal places); write precision: 10 at most",
    ),
    "Money precision 5": (
        ROOM.replace("type: Money, precision: 2}", "type: Money, precision: 5}"),
        "specs/cln_room.yaml:12: error: column 'cln_fee': precision 5 is over Dataverse's "
        "limit for a Money column (0 to 4 decimal places); write precision: 4 at most",
    ),
    "Double precision 6": (
        ROOM.replace("type: Double, precision: 2}", "type: Double, precision: 6}"),
        "specs/cln_room.yaml:11: error: column 'cln_area': precision 6 is over Dataverse's "
        "limit for a Double column (0 to 5 decimal places); write precision: 5 at most",
    ),
    "choice default not an option": (
        ROOM.replace("default_form_value: 2", "default_form_value: 7"),
        "specs/cln_room.yaml:16: error: column 'cln_kind': default_form_value 7 is not among "
        "its options (1, 2); write one of them, or -1 for no default",
    ),
    "primary id misspelt": (
        ROOM.replace("primary_id_attribute: cln_roomid", "primary_id_attribute: cln_rooomid"),
        "specs/cln_room.yaml:3: error: primary_id_attribute 'cln_rooomid' is no column; "
        "did you mean 'cln_roomid'?",
    ),
    "primary id column left out": (
        ROOM.replace(
            "  - {logical_name: cln_roomid, type: Uniqueidentifier, required_level: "
            "SystemRequired}\n",
            "",
        ),
        "specs/cln_room.yaml:3: error: primary_id_attribute 'cln_roomid' is no column; "
        "add {logical_name: cln_roomid, type: Uniqueidentifier} to columns",
    ),
    "primary id not a Uniqueidentifier": (
        ROOM.replace(
            "{logical_name: cln_roomid, type: Uniqueidentifier,",
            "{logical_name: cln_roomid, type: String,",
        ),
        "specs/cln_room.yaml:6: error: column 'cln_roomid' is the primary id "
        "(primary_id_attribute): a table's key is of type Uniqueidentifier, not String",
    ),
    "primary name misspelt": (
        ROOM.replace("primary_name_attribute: cln_code", "primary_name_attribute: cln_cod"),
        "specs/cln_room.yaml:4: error: primary_name_attribute 'cln_cod' is no column; "
        "did you mean 'cln_code'?",
    ),
    "primary name not a String": (
        ROOM.replace("primary_name_attribute: cln_code", "primary_name_attribute: cln_floor"),
        "specs/cln_room.yaml:10: error: column 'cln_floor' is the primary name "
        "(primary_name_attribute): Dataverse's primary name column is of type String (a single "
        "line of text), not Integer",
    ),
    "relationship to a table its lookup does not target": (
        ROOM.replace("referenced_entity: cln_room\n", "referenced_entity: cln_rom\n"),
        "specs/cln_room.yaml:22: error: relationship 'cln_room_parent': referenced_entity "
        "'cln_rom' is not among the targets of its lookup 'cln_parentid' (cln_room); "
        "did you mean 'cln_room'?",
    ),
    "a format misspelt": (
        ROOM.replace("    type: String\n", "    type: String\n    format: Emial\n"),
        "specs/cln_room.yaml:9: error: column 'cln_code': format 'Emial' is no format of a "
        "String column (Email, Text, TextArea, Url, TickerSymbol, PhoneticGuide, VersionNumber, "
        "Phone, Json, RichText); did you mean 'Email'?",
    ),
    "a format in the wrong case": (
        ROOM.replace("type: Integer,", "type: Integer, format: timezone,"),
        "specs/cln_room.yaml:10: error: column 'cln_floor': format 'timezone' is no format of "
        "an Integer column (None, Duration, TimeZone, Language, Locale); did you mean 'TimeZone'?",
    ),
    "a Boolean option of value 2": (
        ROOM.replace(
            "default_value: false}",
            "default_value: false,\n"
            "     choices: [{value: 0, label: Open}, {value: 2, label: Isolated}]}",
        ),
        "specs/cln_room.yaml:16: error: column 'cln_isolation': a Boolean column's two options "
        "are value 0 (false) and value 1 (true), not 0, 2",
    ),
    "an image over 30 MB": (
        ROOM.replace(
            "  - {logical_name: cln_notes",
            "  - {logical_name: cln_photo, type: Image, "
            "max_size_in_kb: 40000}\n  - {logical_name: cln_notes",
        ),
        "specs/cln_room.yaml:14: error: column 'cln_photo': max_size_in_kb 40,000 is over "
        "Dataverse's limit for an Image column (30,720); write max_size_in_kb: 30720 at most",
    ),
    "a status reason of no state": (
        ROOM.replace(
            "  - {logical_name: cln_notes",
            "  - {logical_name: statecode, type: State, "
            "choices: [{value: 0, label: Active}]}\n  - {logical_name: statuscode, type: Status, "
            "choices: [{value: 1, label: Open, state: 0}, {value: 2, label: Shut, state: 1}]}\n"
            "  - {logical_name: cln_notes",
        ),
        "specs/cln_room.yaml:15: error: column 'statuscode': status reason 2 has state 1, which "
        "is no option of the State column (0)",
    ),
    "two relationships of one name": (
        ROOM + "    - {schema_name: cln_room_parent, referenced_entity: cln_room, "
        "referencing_attribute: cln_parentid}\n",
        "specs/cln_room.yaml:24: error: relationship 'cln_room_parent' is listed twice under "
        "many_to_one: a relationship's schema_name is unique; rename one",
    ),
    "a max_length on a Picklist": (
        ROOM.replace("type: Picklist, default_form_value: 2,", "type: Picklist, max_length: 100,"),
        "specs/cln_room.yaml:16: error: column 'cln_kind': a Picklist column has no max_length "
        "(a facet of Memo and String columns): remove it, or correct the type",
    ),
    "a precision on an Integer": (
        ROOM.replace("min_value: -5,", "precision: 2, min_value: -5,"),
        "specs/cln_room.yaml:10: error: column 'cln_floor': an Integer column has no precision "
        "(a facet of Decimal, Double and Money columns): remove it, or correct the type",
    ),
    "targets on a String": (
        ROOM.replace("    max_length: 30\n", "    max_length: 30\n    targets: [cln_room]\n"),
        "specs/cln_room.yaml:10: error: column 'cln_code': a String column has no targets "
        "(a facet of Customer, Lookup, Owner and PartyList columns): remove it, or correct the "
        "type",
    ),
    "a date behaviour on a Boolean": (
        ROOM.replace(
            "default_value: false}", "default_value: false, date_time_behavior: DateOnly}"
        ),
        "specs/cln_room.yaml:15: error: column 'cln_isolation': a Boolean column has no "
        "date_time_behavior (a facet of DateTime columns): remove it, or correct the type",
    ),
    "a number in quotes": (
        ROOM.replace("max_length: 30", 'max_length: "30"'),
        "specs/cln_room.yaml:9: error: columns.1.max_length: '30' is not of type 'integer'; "
        "write 30 without quotes",
    ),
    "a boolean in quotes": (
        ROOM.replace("default_value: false", 'default_value: "false"'),
        "specs/cln_room.yaml:15: error: columns.7.default_value: 'false' is not of type "
        "'boolean'; write false without quotes",
    ),
    "a logical name with a hyphen": (
        ROOM.replace("logical_name: cln_room\n", "logical_name: cln-room\n"),
        "specs/cln_room.yaml:1: error: logical_name: 'cln-room' does not match "
        "'^[a-z_][a-z0-9_]*$'; a name is lower-case ASCII letters, digits and '_', not starting "
        "with a digit: did you mean 'cln_room'?",
    ),
    "a logical name with a capital": (
        ROOM.replace("{logical_name: cln_floor,", "{logical_name: cln_Floor,"),
        "specs/cln_room.yaml:10: error: columns.2.logical_name: 'cln_Floor' does not match "
        "'^[a-z_][a-z0-9_]*$'; a name is lower-case ASCII letters, digits and '_', not starting "
        "with a digit: did you mean 'cln_floor'?",
    ),
    "a spec of comments only": (
        "# the rooms: to do\n",
        "specs/cln_room.yaml:1: error: empty YAML spec: a table spec holds at least logical_name",
    ),
    "a list where a spec is a mapping": (
        "- logical_name: cln_room\n",
        "specs/cln_room.yaml:1: error: top level: [{'logical_name': 'cln_room'}] is not of type "
        "'object'; a spec is a mapping of keys (logical_name: ..., columns: ...)",
    ),
}


@pytest.mark.parametrize("slip", list(ROOM_SLIPS))
def test_a_slip_is_an_error_at_its_line_saying_what_to_write(
    project: Path, capsys: pytest.CaptureFixture[str], slip: str
) -> None:
    text, expected = ROOM_SLIPS[slip]
    assert _refused(project, capsys, text) == [expected]


def test_what_dataverse_accepts_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The limits themselves, no default (-1), Dataverse's own exchangerate (precision 12),
    a polymorphic lookup with a relationship per target, Windows line endings and a BOM,
    non-ASCII labels: a clean run."""
    text = (
        ROOM.replace("max_length: 30", "max_length: 4000")
        .replace("max_length: 2000}", "max_length: 1048576}")
        .replace("type: Double, precision: 2}", "type: Double, precision: 5}")
        .replace("type: Money, precision: 2}", "type: Money, precision: 4}")
        .replace("type: Decimal, precision: 4}", "type: Decimal, precision: 10}")
        .replace("default_form_value: 2", "default_form_value: -1")
        .replace("label: A}", "label: Salle d\u2019opération ✓ 手術室}")
        .replace("targets: [cln_room]", "targets: [cln_room, cln_ward]")
    ).replace(
        "columns:\n", "columns:\n  - {logical_name: exchangerate, type: Decimal, precision: 12}\n"
    )
    text = "\ufeff" + text.replace("\n", "\r\n")
    code, err = _generate(project, capsys, cln_room=text, cln_ward=WARD)
    assert code == 0 and " error: " not in err, err
    model = (project / "generated" / "model" / "cln_room.yaml").read_text("utf-8")
    assert "label: Salle d\u2019opération ✓ 手術室" in model and "max_length: 4000" in model


OWNED = """\
logical_name: cln_visit
primary_id_attribute: cln_visitid
primary_name_attribute: cln_name
ownership_type: UserOwned
columns:
  - {logical_name: cln_visitid, type: Uniqueidentifier}
  - {logical_name: cln_name, type: String, max_length: 100}
  - {logical_name: ownerid, type: Owner, targets: [systemuser, team]}
relationships:
  many_to_one:
    - schema_name: owner_cln_visit
      referenced_entity: owner
      referenced_attribute: ownerid
      referencing_entity: cln_visit
      referencing_attribute: ownerid
"""
MICROSOFTS = """\
logical_name: subscriptiontrackingdeletedobject
primary_id_attribute: timestamp
primary_name_attribute: objectid
columns:
  - {logical_name: timestamp, type: BigInt}
  - {logical_name: objectid, type: Uniqueidentifier}
  - {logical_name: documentbody, type: String, max_length: 1073741823}
"""


def test_what_dataverse_made_itself_passes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Owner column's relationship references ``owner`` (its targets are the user and the
    team it stands for), as every user-owned table's does; and a table only Microsoft can have
    named is described as Dataverse made it, beyond what a new table may be (a BigInt key, a
    String of 1,073,741,823 characters, as annotation.documentbody is)."""
    code, err = _generate(
        project, capsys, cln_visit=OWNED, subscriptiontrackingdeletedobject=MICROSOFTS
    )
    assert code == 0 and " error: " not in err, err


def test_the_fast_reader_and_the_full_loader_agree() -> None:
    """Both paths of ``parse_yaml`` (dvgen's own form, PyYAML's node tree) place each slip
    at the same line with the same words."""
    text = ROOM.replace("max_length: 30", "max_length: 5000").replace(
        "primary_name_attribute: cln_code", "primary_name_attribute: cln_cod"
    )
    found = []
    for fast in (True, False):
        diagnostics = Diagnostics()
        with pytest.raises(SpecError):
            parse_yaml(text, Location("r.yaml"), diagnostics, fast=fast)
        found.append([str(d) for d in diagnostics])
    assert found[0] == found[1] and len(found[0]) == 2, found


def test_a_customization_adds_no_column_dataverse_would_refuse(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layer = (
        "customizes: contoso_project\n"
        "columns:\n"
        "  - {logical_name: contoso_code, type: String, max_length: 4001}\n"
    )
    code, err = _generate(project, capsys, contoso_more=layer)
    assert code == 2 and not (project / "generated").exists(), err
    assert err.splitlines() == [
        "specs/contoso_more.yaml:3: error: column 'contoso_code': max_length 4,001 is over "
        "Dataverse's limit for a String column (4,000); use type Memo for longer text"
    ]


@pytest.mark.parametrize(
    ("layer", "expected"),
    [
        (
            "columns:\n  - {logical_name: contoso_rank, type: Integer, max_length: 10}\n",
            "specs/contoso_more.yaml:3: error: column 'contoso_rank': an Integer column has no "
            "max_length (a facet of Memo and String columns): remove it, or correct the type",
        ),
        (
            "changes:\n  contoso_phase:\n    precision: 2\n",
            "specs/contoso_more.yaml:3: error: changes: column 'contoso_phase': a Picklist "
            "column has no precision (a facet of Decimal, Double and Money columns): remove it, "
            "or correct the type",
        ),
    ],
)
def test_a_customization_states_no_facet_of_another_type(
    project: Path, capsys: pytest.CaptureFixture[str], layer: str, expected: str
) -> None:
    """Neither on a column it adds nor in a change of one there: the facet would be taken by
    no target, silently."""
    code, err = _generate(project, capsys, contoso_more="customizes: contoso_project\n" + layer)
    assert code == 2 and not (project / "generated").exists(), err
    assert err.splitlines() == [expected]


@pytest.mark.parametrize(
    ("mine", "message"),
    [
        (
            "{delete: RemoveLink}",
            "cascade_configuration.delete is 'RemoveLink' here and 'Cascade' at "
            "specs/cln_room.yaml:25",
        ),
        (
            "{delete: Cascade}\n      referenced_entity_navigation_property_name: cln_wards",
            "referenced_entity_navigation_property_name is 'cln_wards' here and 'cln_room_wards' "
            "at specs/cln_room.yaml:25",
        ),
    ],
)
def test_the_two_sides_of_a_relationship_must_agree(
    project: Path, capsys: pytest.CaptureFixture[str], mine: str, message: str
) -> None:
    """Each table states the relationship; a change made in one file only would leave each
    target to pick a side silently (the SQL one cascade, the model the other)."""
    room = ROOM + ROOM_SIDE.replace(
        "referencing_attribute: cln_roomid\n",
        "referencing_attribute: cln_roomid\n"
        "      referenced_entity_navigation_property_name: cln_room_wards\n",
    )
    ward = WARD.replace("{delete: Cascade}", mine)
    code, err = _generate(project, capsys, cln_room=room, cln_ward=ward)
    assert code == 2 and not (project / "generated").exists(), err
    assert err.splitlines() == [
        f"specs/cln_ward.yaml:8: error: relationship 'cln_room_wards': {message}; write the "
        "same on both sides, or the relationship on one side only"
    ]


def test_two_sides_that_agree_or_complete_each_other_pass(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = ROOM + ROOM_SIDE.replace("      cascade_configuration: {delete: Cascade}\n", "")
    code, err = _generate(project, capsys, cln_room=room, cln_ward=WARD)
    assert code == 0 and " error: " not in err, err


def test_the_two_declarations_of_a_many_to_many_must_agree(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Declared by both tables, seen from each side: an intersect attribute changed in one
    file only is reported once, at the table whose name sorts first."""
    room = ROOM + (
        "  many_to_many:\n"
        "    - schema_name: cln_room_ward\n"
        "      this_table: {logical_name: cln_room, intersect_attribute: cln_roomid}\n"
        "      other_table: {logical_name: cln_ward, intersect_attribute: cln_wardid}\n"
    )
    ward = WARD + (
        "  many_to_many:\n"
        "    - schema_name: cln_room_ward\n"
        "      this_table: {logical_name: cln_ward, intersect_attribute: cln_wardid}\n"
        "      other_table: {logical_name: cln_room, intersect_attribute: SIDE}\n"
    )
    code, err = _generate(
        project, capsys, cln_room=room, cln_ward=ward.replace("SIDE", "cln_roomid")
    )
    assert code == 0 and " error: " not in err, err
    before = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    code, err = _generate(project, capsys, cln_room=room, cln_ward=ward.replace("SIDE", "cln_rmid"))
    assert code == 2 and "Traceback" not in err, err
    after = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    assert after == before
    assert err.splitlines() == [
        "specs/cln_room.yaml:25: error: relationship 'cln_room_ward': this_table."
        "intersect_attribute is 'cln_roomid' here and 'cln_rmid' at specs/cln_ward.yaml:13; "
        "write the same on both sides, or the relationship on one side only"
    ]


APP = Path(__file__).parent / "yaml_app"
"""A clinic app written by hand: 14 tables using every feature the spec format documents (each
column type and format, ranges, precisions, DateTime behaviours, Boolean labels, local and
global choices, multi-select, Lookup, Customer, Owner and polymorphic lookups, File, Image,
status reasons, hierarchies, many-to-many with and without an intersect table, cascades, a
custom activity), a customization of Microsoft's ``contact`` and one of its global choice."""


@needs_shared
def test_a_whole_app_written_by_hand_passes_and_reads_back(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No rule refuses what Dataverse creates: the app generates cleanly, its DDL loads in
    SQLite, its schemas pass the metaschema, and its model files, read as specs, give the same
    outputs byte for byte."""
    specs = workdir / "specs"
    specs.mkdir()
    for page in ("account.md", "contact.md"):
        shutil.copy(CORPUS / page, specs / page)
    for spec in APP.glob("*.yaml"):
        shutil.copy(spec, specs / spec.name)
    code, _, err = run(capsys, "generate", "--no-cache", "--out", "out")
    assert code == 0 and ": error: " not in err, err
    with sqlite3.connect(":memory:") as db:
        db.executescript((workdir / "out" / "sql" / "sqlite" / "schema.sql").read_text("utf-8"))
    for schema in (workdir / "out" / "jsonschema").glob("*.json"):
        Draft202012Validator.check_schema(json.loads(schema.read_text("utf-8")))
    shutil.copytree(workdir / "out" / "model", workdir / "again")
    code, _, err = run(capsys, "generate", "--no-cache", "--specs", "again", "--out", "out2")
    assert code == 0, err
    first = {p.relative_to(workdir / "out"): p.read_bytes() for p in _files(workdir / "out")}
    second = {p.relative_to(workdir / "out2"): p.read_bytes() for p in _files(workdir / "out2")}
    assert first == second and len(first) > 40


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]
