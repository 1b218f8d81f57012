"""Review of this round's changes: what they got wrong, each shown by a test that would fail.

- A run record's check of OUT took a broken link, standing where an output file was, by its
  own stats: ``dvgen check`` passed with the file gone (``outstats.verify``).
- A forged run record holding a severity no diagnostic has failed the run instead of being a
  miss (``cache.RunRecord.from_json``).
- A customization's ``changes`` set facets beyond Dataverse's limits (a String of 5,000) that a
  table spec is refused (``parse.authoring.changed``, checked in ``layers.table``).
- A status reason written without its state was accepted, and silently took the state model
  out of every target: now a warning that says so (``parse.authoring.stateless``).
- OData took any navigation to ``fileattachment`` clashing with a member for a file column's
  own, and hid its loss in a note, though the member was a String (``odata.members``).
- A spec of one line of text got no hint of what a spec is (``yaml_spec._hint``).
- A hand-written spec named ``.YAML`` is read as YAML but was not held to agree with the other
  side of its relationships (``parse.agreement.authored``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from dvgen.cache import RunRecord
from dvgen.outstats import verify
from tests.conftest import run

PROJECT = "specs/contoso_project.yaml"


def test_verify_refuses_a_broken_link_showing_the_recorded_stats(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "model").mkdir(parents=True)
    path = out / "model" / "a.yaml"
    path.write_bytes(b"x: 1\n")
    stat = os.stat(path)
    files = {"model/a.yaml": hashlib.sha256(b"x: 1\n").hexdigest()}
    owned = (("model", ("*.yaml",)),)
    known = {"model/a.yaml": (stat.st_size, stat.st_mtime_ns)}
    before = stat.st_mtime_ns + 1
    assert verify(out, files, owned, known, before) == known
    path.unlink()
    os.symlink("gone/", path)  # a link of 5 bytes, to nothing
    os.utime(path, ns=(stat.st_mtime_ns, stat.st_mtime_ns), follow_symlinks=False)
    assert os.lstat(path).st_size == stat.st_size and not path.exists()
    assert verify(out, files, owned, known, before) is None


def _record(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "files": {"model/a.yaml": "0" * 64},
        "owned": [["model", ["*.yaml"]]],
        "tables": 1,
        "notes": [[1, "specs/a.md", 3, "a warning", "spec-large"]],
        "stats": {"model/a.yaml": [5, 1]},
    }
    return data | changes


def test_a_run_record_of_an_unknown_severity_or_tables_not_a_number_is_a_miss() -> None:
    assert RunRecord.from_json(_record()).tables == 1
    with pytest.raises(ValueError, match="not a run record"):
        RunRecord.from_json(_record(notes=[[99, "specs/a.md", 3, "forged", "spec-large"]]))
    with pytest.raises(ValueError, match="not a run record"):
        RunRecord.from_json(_record(tables=True))


CHANGES_BEYOND = """\
customizes: contoso_project
changes:
  contoso_name:
    max_length: 5000
  contoso_budget:
    precision: 6
  contoso_phase:
    default_form_value: 7
"""


def test_a_customization_changing_a_facet_beyond_dataverse_limits_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "specs" / "contoso_project_limits.yaml").write_text(CHANGES_BEYOND)
    code, _, err = run(capsys, "generate")
    assert code == 2, err
    assert "Traceback" not in err
    at = "specs/contoso_project_limits.yaml"
    assert (
        f"{at}:3: error: changes: column 'contoso_name': max_length 5,000 is over Dataverse's "
        "limit for a String column (4,000); use type Memo for longer text"
    ) in err
    assert f"{at}:5: error: changes: column 'contoso_budget': precision 6 is over" in err
    assert f"{at}:7: error: changes: column 'contoso_phase': default_form_value 7 is not" in err
    assert not (project / "generated").exists()


def test_a_customization_within_the_limits_still_applies(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    within = "customizes: contoso_project\nchanges:\n  contoso_name:\n    max_length: 4000\n"
    (project / "specs" / "contoso_project_limits.yaml").write_text(within)
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    model = (project / "generated" / "model" / "contoso_project.yaml").read_text()
    assert "max_length: 4000" in model


def test_a_status_reason_without_its_state_is_a_warning_and_no_state_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = project / PROJECT
    text = spec.read_text()
    stated = "{value: 2, label: Inactive, state: 1}"
    assert stated in text
    spec.write_text(text.replace(stated, "{value: 2, label: Inactive}"))
    line = 1 + text[: text.index(stated)].count("\n")
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert (
        f"{PROJECT}:{line}: warning: column 'statuscode': status reason 2 has no state, so no "
        "target checks a record's state and status reason together; add state: N, N an option "
        "of the State column (0, 1) [status-reason-stateless]"
    ) in err
    schema = (project / "generated" / "sql" / "sqlite" / "schema.sql").read_text()
    assert "ck_contoso_project_statecode_statuscode" not in schema


def test_a_status_reason_added_without_its_state_is_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added = "customizes: contoso_project\nchanges:\n  statuscode:\n"
    added += "    add_choices: [{value: 100000000, label: Parked}]\n"
    (project / "specs" / "contoso_project_parked.yaml").write_text(added)
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert (
        "specs/contoso_project_parked.yaml:3: warning: changes: column 'statuscode': status "
        "reason 100000000 has no state"
    ) in err
    (project / "specs" / "contoso_project_parked.yaml").write_text(
        added.replace("Parked}", "Parked, state: 0}")
    )
    code, _, err = run(capsys, "generate", "--target", "sql", "--dialect", "sqlite")
    assert code == 0, err
    schema = (project / "generated" / "sql" / "sqlite" / "schema.sql").read_text()
    assert '("statecode" = 0 AND "statuscode" IN (1, 100000000))' in schema


GLOBAL_STATUS = """\
logical_name: new_room
primary_id_attribute: new_roomid
primary_name_attribute: new_name
columns:
  - {logical_name: new_roomid, type: Uniqueidentifier}
  - {logical_name: new_name, type: String, max_length: 100}
  - {logical_name: statecode, type: State,
     choices: [{value: 0, label: Active}, {value: 1, label: Inactive}]}
  - {logical_name: statuscode, type: Status, global_choice_name: new_roomstatus,
     choices: [{value: 1, label: Active, state: 0}, {value: 2, label: Inactive, state: 1}]}
"""


def test_a_status_reason_added_to_a_global_choice_without_its_state_is_a_warning(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "specs").mkdir()
    (workdir / "specs" / "new_room.yaml").write_text(GLOBAL_STATUS)
    layer = "customizes_choice: new_roomstatus\nadd_choices: [{value: 3, label: Parked}]\n"
    (workdir / "specs" / "parked.yaml").write_text(layer)
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert "specs/parked.yaml:1: warning: add_choices: column 'statuscode': status reason 3 " in err


NOT_A_FILE = """\
logical_name: new_a
entity_set_name: new_as
primary_id_attribute: new_aid
primary_name_attribute: new_name
columns:
  - {logical_name: new_aid, type: Uniqueidentifier}
  - {logical_name: new_name, type: String, max_length: 100}
  - {logical_name: new_doc, type: String, max_length: 100}
  - {logical_name: new_fileid, type: Lookup, targets: [fileattachment]}
relationships:
  many_to_one:
    - schema_name: new_a_fileattachment
      referenced_entity: fileattachment
      referencing_entity: new_a
      referencing_attribute: new_fileid
      referencing_entity_navigation_property_name: new_doc
"""


def test_a_navigation_to_fileattachment_named_as_a_column_that_is_no_file_is_a_warning(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a File or Image column's own navigation is left out with a note: here a lookup's
    navigation is lost to a String column, which the user must hear of."""
    (workdir / "specs").mkdir()
    (workdir / "specs" / "new_a.yaml").write_text(NOT_A_FILE)
    code, _, err = run(capsys, "generate", "--target", "odata")
    assert code == 0, err
    assert (
        "specs/new_a.yaml:12: warning: odata: navigation property 'new_doc' of 'new_a' "
        "(relationship 'new_a_fileattachment') is left out: its type already has a member of "
        "that name [odata-member-clash]"
    ) in err
    assert "the file column itself" not in err


def test_a_spec_of_one_line_of_text_is_told_what_a_spec_is(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The root hint came after a string's, which gave none: only a list or a number got it."""
    (workdir / "specs").mkdir()
    (workdir / "specs" / "x.yaml").write_text("hello world\n")
    code, _, err = run(capsys, "generate")
    assert code == 2, err
    assert err.strip() == (
        "specs/x.yaml:1: error: top level: 'hello world' is not of type 'object'; a spec is a "
        "mapping of keys (logical_name: ..., columns: ...)"
    )


SIDE_A = """\
logical_name: new_a
primary_id_attribute: new_aid
primary_name_attribute: new_name
columns:
  - {logical_name: new_aid, type: Uniqueidentifier}
  - {logical_name: new_name, type: String, max_length: 100}
  - {logical_name: new_bid, type: Lookup, targets: [new_b]}
relationships:
  many_to_one:
    - {schema_name: new_b_a, referenced_entity: new_b, referencing_attribute: new_bid,
       cascade_configuration: {delete: Cascade}}
"""
SIDE_B = """\
logical_name: new_b
primary_id_attribute: new_bid
primary_name_attribute: new_name
columns:
  - {logical_name: new_bid, type: Uniqueidentifier}
  - {logical_name: new_name, type: String, max_length: 100}
relationships:
  one_to_many:
    - {schema_name: new_b_a, referencing_entity: new_a, referencing_attribute: new_bid,
       cascade_configuration: {delete: RemoveLink}}
"""


def test_two_sides_that_disagree_are_refused_in_a_spec_named_in_capitals(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dvgen reads ``NEW_B.YAML`` as a YAML spec written by hand: its side is held to agree."""
    (workdir / "specs").mkdir()
    (workdir / "specs" / "new_a.yaml").write_text(SIDE_A)
    (workdir / "specs" / "NEW_B.YAML").write_text(SIDE_B)
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 2, err
    assert (
        "specs/new_a.yaml:10: error: relationship 'new_b_a': cascade_configuration.delete is "
        "'Cascade' here and 'RemoveLink' at specs/NEW_B.YAML:9"
    ) in err
