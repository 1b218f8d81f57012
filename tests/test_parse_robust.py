"""Pages and specs that used to crash or pass unchecked: each a regression test through the CLI.

Every bad input exits 2 with ``file:line: error: ...`` (golden in tests/golden/errors), no
traceback, nothing written; an input that is merely odd is handled (exit 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.model import Table
from dvgen.parse import cells, parse_spec, rows
from tests.golden import assert_golden
from tests.test_cli import PAGE

RELATIONSHIPS = """
## Many-to-One relationships

### <a name="BKMK_new_widget_owner"></a> new_widget_owner

|Property|Value|
|---|---|
|SchemaName||
|ReferencedEntity|`systemuser`|
|ReferencedAttribute|`systemuserid`|
|ReferencingAttribute|`new_ownerid`|

## Many-to-Many relationships

### <a name="BKMK_new_widget_team"></a> new_widget_team

IntersectEntityName: new_widget_team<br />
#### Table 1

|Property|Value|
|---|---|
|SchemaName||
|IntersectAttribute|new_widgetid|
|LogicalName|new_widget|

#### Table 2

|Property|Value|
|---|---|
|IntersectAttribute|teamid|
|LogicalName|team|
"""

DIGITS = "9" * 4301


def _page(old: str, new: str) -> str:
    assert old in PAGE
    return PAGE.replace(old, new)


def run(workdir: Path, capsys: pytest.CaptureFixture[str], text: str, *targets: str) -> str:
    """``dvgen generate`` over one page, asserting exit 2 and nothing written; its errors."""
    specs = workdir / "specs"
    specs.mkdir(exist_ok=True)
    (specs / "new_widget.md").write_text(text, encoding="utf-8")
    argv = ["generate"] + [f"--target={t}" for t in targets or ("model",)]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    errors = "".join(line + "\n" for line in err.splitlines() if ": error: " in line)
    assert errors and all(line.startswith("specs/new_widget.md:") for line in errors.splitlines())
    assert not (workdir / "generated").exists()
    return errors


def run_ok(workdir: Path, capsys: pytest.CaptureFixture[str], text: str) -> str:
    specs = workdir / "specs"
    specs.mkdir(exist_ok=True)
    (specs / "new_widget.md").write_text(text, encoding="utf-8")
    code = main(["generate"])
    err = capsys.readouterr().err
    assert code == 0, err
    return err


# --- crashes found by fuzzing ---------------------------------------------------------------


def test_an_empty_table_schema_name_falls_back_to_the_logical_name(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _page("|**SchemaName**|`new_Widget`|", "|**SchemaName**||")
    run_ok(workdir, capsys, text)
    table, found = parse_spec("w.md", text.encode())
    assert isinstance(table, Table) and table.schema_name == "new_widget" and found == []


def test_an_empty_relationship_schema_name_falls_back_to_its_heading(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PAGE + RELATIONSHIPS
    run_ok(workdir, capsys, text)
    table, _ = parse_spec("w.md", text.encode())
    assert isinstance(table, Table)
    (one,) = table.relationships.many_to_one
    (many,) = table.relationships.many_to_many
    assert (one.schema_name, many.schema_name) == ("new_widget_owner", "new_widget_team")


def test_a_relationship_with_no_name_at_all_is_an_error(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PAGE + RELATIONSHIPS.replace(
        '### <a name="BKMK_new_widget_owner"></a> new_widget_owner', "###"
    )
    err = run(workdir, capsys, text)
    assert_golden("errors/relationship-without-a-name.txt", err)


@pytest.mark.golden
@pytest.mark.parametrize(
    ("case", "old", "new"),
    [
        ("huge-integer", "|MaxValue|100|", f"|MaxValue|{DIGITS}|"),
        ("huge-negative-integer", "|MinValue|0|", f"|MinValue|-{DIGITS}|"),
        ("huge-exponent", "|MaxValue|100|", "|MaxValue|1E999999999|"),
        ("huge-precision-cell", "|Type|Integer|", f"|Type|Decimal|\n|Precision|{DIGITS}|"),
    ],
)
def test_a_number_of_thousands_of_digits_is_an_error_naming_its_line(
    case: str, old: str, new: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run(workdir, capsys, _page(old, new))
    assert "out of range" in err and len(err) < 400
    assert_golden(f"errors/{case}.txt", err)


def test_a_huge_option_value_is_an_error(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = "\n#### new_Size Choices/Options\n\n|Value|Label|\n|---|---|\n|" + DIGITS + "|Big|\n"
    err = run(workdir, capsys, _page("|Type|Integer|", "|Type|Picklist|") + options)
    assert "specs/new_widget.md:38: error: column 'new_Size': option: number" in err


# --- names: checked once, where the model is built ------------------------------------------


NAME_CASES = {
    "column-name-too-long": ("`new_size`", "`new_" + "s" * 130 + "`"),
    "table-name-too-long": (
        "|**LogicalName**|`new_widget`|",
        "|**LogicalName**|`new_" + "w" * 245 + "`|",
    ),
    "column-name-with-a-space": ("|LogicalName|`new_size`|", "|LogicalName|new size|"),
    "schema-name-starting-with-a-digit": (
        "|**SchemaName**|`new_Widget`|",
        "|**SchemaName**|`1Widget`|",
    ),
    "lookup-target-not-a-name": (
        "|Type|Integer|\n|MaxValue|100|\n|MinValue|0|",
        "|Type|Lookup|\n|Targets|account, <script>|",
    ),
}


@pytest.mark.golden
@pytest.mark.parametrize("case", list(NAME_CASES))
def test_a_name_no_target_can_carry_is_an_error_naming_its_line(
    case: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run(workdir, capsys, _page(*NAME_CASES[case]), "model", "odata", "pydantic")
    assert err.count("error:") == 1
    assert_golden(f"errors/{case}.txt", err)


def test_a_name_of_128_characters_goes_through_every_target(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The limit is one every target and file name holds: the longest allowed name works."""
    table = "new_" + "w" * 122  # its entity set name and primary id get 's' and 'id' added
    column = "new_" + "s" * 124
    text = PAGE.replace("new_widget", table).replace("new_size", column)
    run_ok(workdir, capsys, text)
    written = [p.name for p in (workdir / "generated").rglob("*") if p.is_file()]
    assert f"{table}.yaml" in written and f"{table}.schema.json" in written


def test_a_yaml_spec_gets_the_same_checks_with_its_own_key_names(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "specs").mkdir()
    name = "new_" + "x" * 130
    spec = f"logical_name: new_t\ncolumns:\n  - logical_name: {name}\n    type: String\n"
    (workdir / "specs" / "new_t.yaml").write_text(spec, encoding="utf-8")
    assert main(["generate", "--target=model"]) == 2
    (err,) = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert err.startswith(f"specs/new_t.yaml:3: error: column 'new_{'x' * 20}...': logical_name ")
    assert "is 134 characters long, over the limit of 128" in err
    assert not (workdir / "generated").exists()


# --- limits ---------------------------------------------------------------------------------


LIMIT_CASES = {
    "precision-2-to-the-64": ("|Type|Integer|", "|Type|Decimal|\n|Precision|18446744073709551616|"),
    "precision-39": ("|Type|Integer|", "|Type|Money|\n|Precision|39|"),
    "max-length-over-the-limit": ("|Type|Integer|", "|Type|Memo|\n|MaxLength|1073741824|"),
    "max-length-zero": ("|Type|Integer|", "|Type|String|\n|MaxLength|0|"),
    "option-value-over-int32": (
        "|Type|Integer|",
        "|Type|Picklist|\n\n#### new_Size Choices/Options\n\n|Value|Label|\n|---|---|\n"
        "|2147483648|Big|\n",
    ),
}


@pytest.mark.golden
@pytest.mark.parametrize("case", list(LIMIT_CASES))
def test_a_number_beyond_what_dataverse_or_a_target_carries_is_an_error(
    case: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = LIMIT_CASES[case]
    text = _page(old, new)
    if case == "option-value-over-int32":
        text = text.replace("|MaxValue|100|\n|MinValue|0|\n", "")
    err = run(workdir, capsys, text, "model", "pydantic", "sql")
    assert_golden(f"errors/{case}.txt", err)


def test_numbers_at_the_limits_go_through() -> None:
    text = _page("|Type|Integer|", "|Type|Decimal|\n|Precision|38|")
    table, found = parse_spec("w.md", text.encode())
    assert table is not None and found == []
    text = _page("|Type|Integer|", "|Type|Memo|\n|MaxLength|1073741823|")
    table, found = parse_spec("w.md", text.encode())
    assert table is not None and found == []


def test_a_page_over_the_size_limit_is_refused_and_a_large_one_warned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dvgen import parse, specfiles

    huge = PAGE.encode() + b" " * specfiles.MAX_SPEC
    table, found = parse_spec("w.md", huge)
    assert table is None
    assert [str(d) for d in found] == [
        f"w.md:1: error: spec file is {len(huge) / 1e6:.1f} MB, over the 8 MB limit: not parsed"
    ]
    monkeypatch.setattr(parse, "LARGE_SPEC", len(PAGE) - 1)
    table, found = parse_spec("w.md", PAGE.encode())
    assert table is not None
    assert [d.code for d in found] == ["spec-large"]
    assert str(found[0]).startswith("w.md:1: warning: spec file is 0.0 MB, far larger")


# --- diagnostics ----------------------------------------------------------------------------


def test_no_logical_name_row_is_reported_at_the_properties_table() -> None:
    text = PAGE.replace("|**LogicalName**|`new_widget`|\n", "")
    _, found = parse_spec("w.md", text.encode())
    assert [str(d) for d in found] == ["w.md:7: error: table properties: no LogicalName row"]


def test_no_properties_section_is_reported_at_the_title() -> None:
    start, end = PAGE.index("## Properties"), PAGE.index("## Writable")
    _, found = parse_spec("w.md", (PAGE[:start] + PAGE[end:]).encode())
    assert [str(d) for d in found] == [
        "w.md:1: error: no '## Properties' section: its LogicalName row names the table"
    ]


def test_front_matter_is_read_as_yaml_1_2_like_specs() -> None:
    front = "---\ntitle: Widget\nsearch.app: no\nms.custom: on\nversion: 1.10\n---\n"
    table, found = parse_spec("w.md", (front + PAGE).encode())
    assert isinstance(table, Table) and found == []
    assert table.page is not None
    assert dict(table.page.front_matter) == {
        "title": "Widget",
        "search.app": "no",
        "ms.custom": "on",
        "version": "1.10",
    }


def test_front_matter_that_is_not_text_is_skipped_with_a_warning() -> None:
    front = "---\ntitle: Widget\nms.custom: [a, b]\nnested:\n  key: value\n---\n"
    table, found = parse_spec("w.md", (front + PAGE).encode())
    assert isinstance(table, Table) and table.page is not None
    assert dict(table.page.front_matter) == {"title": "Widget", "ms.custom": ("a", "b")}
    assert [str(d) for d in found] == [
        "w.md:4: warning: front matter 'nested': not text or a list of texts, ignored "
        "[front-matter]"
    ]


def test_a_front_matter_alias_bomb_costs_nothing_and_is_ignored_with_a_warning() -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    front = "---\ntitle: Widget\n" + "\n".join(bomb) + "\n---\n"
    table, found = parse_spec("w.md", (front + PAGE).encode())
    assert isinstance(table, Table) and table.page is not None
    assert table.page.front_matter == ()
    assert [str(d) for d in found] == [
        "w.md:8: warning: front matter ignored: YAML aliases expand to more than 100000 extra "
        "nodes [front-matter]"
    ]


def test_front_matter_that_is_not_yaml_is_one_located_line() -> None:
    front = "---\ntitle: Widget\nbad: [\n---\n"
    table, found = parse_spec("w.md", (front + PAGE).encode())
    assert isinstance(table, Table) and table.page is not None
    assert [str(d) for d in found] == [
        "w.md:4: warning: front matter ignored: not valid YAML: did not find expected node "
        "content (column 1) [front-matter]"
    ]


def test_invalid_front_matter_is_one_line_with_its_line() -> None:
    front = "---\ntitle: [Widget\n---\n"
    _, found = parse_spec("w.md", (front + PAGE).encode())
    (warning,) = [str(d) for d in found]
    assert warning.startswith("w.md:")
    assert "\n" not in warning and "front matter ignored: not valid YAML" in warning


def test_a_relationship_linking_to_a_page_that_is_no_table_is_a_warning() -> None:
    text = PAGE + (
        '\n## Many-To-One Relationships\n\n### <a name="BKMK_lk_a"></a> lk_a\n\n'
        "See the [lk_a](../how-to/create-a-table.md#BKMK_lk_a) one-to-many relationship.\n"
    )
    table, found = parse_spec("w.md", text.encode())
    assert isinstance(table, Table)
    assert table.relationships.many_to_one[0].referenced_entity is None
    assert [str(d) for d in found] == [
        "w.md:38: warning: relationship 'lk_a': the page linked to, 'create-a-table', is not a "
        "table: the related table is unknown [link-not-a-table]"
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dvgen import specfiles

    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "big.md").write_bytes(PAGE.encode() + b" " * 2000)
    (specs / "w.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(specfiles, "MAX_SPEC", 1000)
    read = Path.read_bytes

    def refuse_big(path: Path) -> bytes:
        assert path.name != "big.md", "an oversized spec was read"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_big)
    assert main(["generate", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err == "specs/big.md:1: error: spec file is 0.0 MB, over the 0 MB limit: not read\n"
    assert not (tmp_path / "generated").exists()


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("Assign: NoCascade<br />Delete: `Cascade`", None),
        ("Assign NoCascade", "expected 'Action: CascadeType', got 'Assign NoCascade'"),
        ("Assign: NoCascade<br />Explode: Cascade", "unknown cascade action 'Explode'"),
        ("Behavior: DoNotDisplay<br />Group: Details<br />Order: 10", None),
        ("Behavior DoNotDisplay", "expected 'Key: value', got 'Behavior DoNotDisplay'"),
        ("Behavior: UseLabel<br />Colour: Red", "unknown menu configuration key 'Colour'"),
    ],
)
def test_a_key_value_cell_names_what_it_cannot_read(cell: str, problem: str | None) -> None:
    """A relationship's CascadeConfiguration and AssociatedMenuConfiguration cells are
    ``Key: value`` parts: one without a colon, or with a key of neither, is named."""
    read = rows.cascade if cell.startswith(("Assign", "Explode")) else rows.menu
    if problem is None:
        assert read(cell) is not None
        return
    with pytest.raises(cells.CellError) as raised:
        read(cell)
    assert str(raised.value) == problem
