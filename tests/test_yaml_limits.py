"""YAML specs that are not YAML, or too big: one short ``file:line`` error each, exit 2.

Alias bombs, recursive aliases, numbers no conversion should attempt, PyYAML's own errors
(one line, with the column) and long echoed input; nothing is written on any of them.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from dvgen import yamlio
from dvgen.cli import main
from dvgen.diagnostics import clip
from dvgen.parse import parse_spec
from tests.conftest import ROOT
from tests.golden import assert_golden

SPEC = (ROOT / "specs" / "contoso_project.yaml").read_text(encoding="utf-8")
NAME = "contoso_project.yaml"
LINE = re.compile(r"specs/contoso_project\.yaml:[1-9][0-9]*: error: [^\n]{1,600}")


def bomb(levels: int, indent: str = "  ") -> str:
    """A "billion laughs": level n is a list of nine aliases to level n - 1."""
    lines = [f'{indent}a0: &a0 "lol"']
    for n in range(1, levels):
        lines.append(f"{indent}a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def spec_with(old: str, new: str) -> str:
    assert old in SPEC
    return SPEC.replace(old, new, 1)


BAD_SPECS = {
    "mapping values": (
        spec_with("display_name: Project\n", "display_name: Project: the first\n"),
        "contoso_project.yaml:6: error: not valid YAML: mapping values are not allowed",
    ),
    "tab indentation": (
        spec_with("table_type: Standard\n", "table_type:\n\tStandard\n"),
        "contoso_project.yaml:12: error: not valid YAML: found character that cannot start",
    ),
    "control character": (
        spec_with("display_name: Project\n", "display_name: Pro\x01ject\n"),
        "contoso_project.yaml:6: error: not valid YAML: character U+0001 is not allowed "
        "(column 18)",
    ),
    "undefined alias": (
        spec_with("table_type: Standard\n", "table_type: *standard\n"),
        "contoso_project.yaml:11: error: not valid YAML: found undefined alias (column 13)",
    ),
    "alias bomb": (
        spec_with("table_type: Standard\n", "table_type: Standard\nlol:\n" + bomb(10)),
        "contoso_project.yaml:19: error: YAML aliases expand to more than 100000 extra nodes",
    ),
    "alias bomb under extra": (
        SPEC + "extra:\n" + bomb(9),
        ": error: YAML aliases expand to more than 100000 extra nodes",
    ),
    "one mistake repeated by aliases": (
        SPEC + "events:\n  - &m {name: 1}\n" + "  - *m\n" * 300,
        ": error: 201 more errors in this spec, not shown",
    ),
    "recursive alias": (
        SPEC + "extra: &e\n  a: *e\n",
        ": error: a YAML alias refers to a node that contains it",
    ),
    "integer of 4301 digits": (
        spec_with("max_length: 100\n", "max_length: " + "9" * 4301 + "\n"),
        "contoso_project.yaml:30: error: number too long: 4301 digits (at most 100)",
    ),
    "hexadecimal integer of 5000 digits": (
        spec_with("max_length: 100\n", "max_length: 0x" + "f" * 5000 + "\n"),
        "contoso_project.yaml:30: error: number too long: 5000 digits (at most 100)",
    ),
    "huge exponent": (
        spec_with("max_value: 500\n", "max_value: 1e999999\n"),
        "contoso_project.yaml:43: error: number 1e999999 is out of range (exponent beyond ±308)",
    ),
    "decimal of 4301 digits": (
        spec_with("max_value: 500\n", "max_value: 0." + "1" * 4299 + "\n"),
        "contoso_project.yaml:43: error: number too long: 4301 characters (at most 1000)",
    ),
    "tagged nan": (
        spec_with("max_value: 500\n", "max_value: !!float nan\n"),
        "contoso_project.yaml:43: error: 'nan' is not a finite number",
    ),
    "infinity": (
        spec_with("max_value: 500\n", "max_value: .inf\n"),
        "contoso_project.yaml:43: error: columns.3.max_value: '.inf' is not of type 'number'",
    ),
    "tagged integer that is not one": (
        spec_with("max_length: 100\n", "max_length: !!int a hundred\n"),
        "contoso_project.yaml:30: error: 'a hundred' is not an integer",
    ),
    "tagged impossible date": (
        spec_with("display_name: Project\n", "display_name: !!timestamp 2001-02-30\n"),
        "contoso_project.yaml:6: error: '2001-02-30' is not a timestamp",
    ),
    "long value echoed": (
        spec_with("max_length: 100\n", 'max_length: "' + "x" * 100_000 + '"\n'),
        "contoso_project.yaml:30: error: columns.1.max_length: 'xxxxxxxx",
    ),
    "long unknown key echoed": (
        spec_with("table_type: Standard\n", "table_type: Standard\n? " + "k" * 50_000 + "\n: 1\n"),
        "contoso_project.yaml:12: error: top level: unknown key 'kkkk",
    ),
}


@pytest.fixture()
def project(workdir: Path) -> Path:
    (workdir / "specs").mkdir()
    (workdir / "specs" / NAME).write_text(SPEC, encoding="utf-8")
    other = SPEC.replace("contoso_project", "contoso_other")  # the set is never empty
    other = other.replace("contoso_Project", "contoso_Other")  # a schema name of its own
    (workdir / "specs" / "contoso_other.yaml").write_text(other, encoding="utf-8")
    return workdir


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.golden
@pytest.mark.parametrize("case", list(BAD_SPECS))
def test_bad_yaml_is_one_short_line_per_problem_and_nothing_is_written(
    case: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "--target", "model"]) == 0
    capsys.readouterr()
    before = snapshot(project / "generated")
    content, expected = BAD_SPECS[case]
    (project / "specs" / NAME).write_text(content, encoding="utf-8")

    for command in ("generate", "check"):
        started = time.monotonic()
        code = main([command, "--target", "model"])
        err = capsys.readouterr().err
        assert time.monotonic() - started < 10
        assert code == 2, err
        assert expected in err
        assert all(LINE.fullmatch(line) for line in err.splitlines()), err[:2000]
        assert "<unicode string>" not in err and "Traceback" not in err
        assert_golden(f"errors/yaml-{case.replace(' ', '-')}.txt", err)
    assert snapshot(project / "generated") == before


def test_the_610_byte_bomb_of_the_issue_is_refused_at_once() -> None:
    text = "logical_name: lol\nextra:\n" + bomb(11)
    assert 500 < len(text) < 700
    started = time.monotonic()
    table, diagnostics = parse_spec(NAME, text.encode())
    assert time.monotonic() - started < 2
    assert table is None
    assert [str(d) for d in diagnostics] == [
        f"{NAME}:9: error: YAML aliases expand to more than 100000 extra nodes"
    ]


SHARED = """\
logical_name: new_widget
relationships:
  many_to_one:
    - schema_name: new_widget_a
      cascade_configuration: &cascade {assign: Cascade, delete: Cascade, share: Cascade}
    - schema_name: new_widget_b
      cascade_configuration:
        <<: *cascade
        delete: Restrict
    - schema_name: new_widget_c
      cascade_configuration: *cascade
"""


def test_aliases_and_merge_keys_within_the_limit_are_read() -> None:
    """A hand-written spec may share parts; a key overriding a merged one is no duplicate."""
    table, diagnostics = parse_spec("new_widget.yaml", SHARED.encode())
    assert [str(d) for d in diagnostics] == []
    assert table is not None
    cascades = [r.cascade_configuration for r in table.relationships.many_to_one]
    assert all(c is not None and c.assign and c.assign.value == "Cascade" for c in cascades)
    assert [c.delete.value for c in cascades if c and c.delete] == [
        "Cascade",
        "Restrict",
        "Cascade",
    ]


def test_duplicate_keys_are_found_once_in_a_shared_mapping() -> None:
    text = "logical_name: x\nextra: &e {a: '1', a: '2'}\npage: {front_matter: *e}\n"
    _, diagnostics = parse_spec("x.yaml", text.encode())
    assert [str(d) for d in diagnostics] == [
        "x.yaml:2: error: key 'a' appears twice in one mapping"
    ]


def test_load_gives_one_line_problems_with_lines() -> None:
    """The loader API (also for page front matter): YAMLProblem, a line, one line of text."""
    cases = {
        "a: b\nc: d: e\n": (2, "not valid YAML: mapping values are not allowed in this context"),
        "a: [b\n": (2, "not valid YAML: did not find expected ',' or ']' (column 1)"),
        "a: é\x7f\n": (1, "not valid YAML: character U+007F is not allowed (column 5)"),
        "a:\n  - " + "1" * 101 + "\n": (2, "number too long: 101 digits (at most 100)"),
        "a: 1e-309\n": (1, "number 1e-309 is out of range (exponent beyond ±308)"),
        "a: &x [*x]\n": (1, "a YAML alias refers to a node that contains it"),
    }
    for text, (line, message) in cases.items():
        with pytest.raises(yamlio.YAMLProblem) as info:
            yamlio.load(text)
        assert (info.value.line, info.value.message[: len(message)]) == (line, message), text
        assert "\n" not in info.value.message


def test_yaml_1_2_scalars() -> None:
    document = yamlio.load("a: 010\nb: 1:30\nc: 2001-02-30\nd: 0o17\ne: 0x1F\nf: no\ng: 1_000.5\n")
    assert document is not None
    assert document.data == {
        "a": 10,
        "b": "1:30",
        "c": "2001-02-30",
        "d": 15,
        "e": 31,
        "f": "no",
        "g": Decimal("1000.5"),
    }


def test_clip_counts_what_it_cuts() -> None:
    assert clip("abc", 5) == "abc"
    assert clip("x" * 100, 10) == "xxxxxxxxxx... (90 more characters)"


def test_compose_checks_aliases_for_every_caller() -> None:
    """Page front matter composes with ``yamlio.compose`` too: a bomb there is a YAMLError."""
    started = time.monotonic()
    with pytest.raises(yaml.YAMLError, match="expand to more than"):
        yamlio.compose("lol:\n" + bomb(12))
    with pytest.raises(yaml.YAMLError, match="contains it"):
        yamlio.compose("a: &a\n  b: *a\n")
    assert time.monotonic() - started < 2
