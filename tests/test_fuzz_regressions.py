"""Issue 9: the inputs the fuzzer (tests/fuzz.py) found failing, each minimised by hand to the
smallest page, YAML spec or config that still shows the fault, run through the same CLI call
and the same checks as a fuzz case (``fuzz.verdict``; every validator on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import fuzz

PAGE = """\
# Widget (new_widget) table/entity reference

A widget.

## Properties

|Property|Value|
|---|---|
|**LogicalName**|`{table}`|
|**SchemaName**|`{schema}`|
|**EntitySetName**|`new_widgets`|
|**PrimaryIdAttribute**|`new_widgetid`|

## Writable columns/attributes

### <a name="BKMK_new_widgetId"></a> new_widgetId

|Property|Value|
|---|---|
|LogicalName|`new_widgetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_new_Size"></a> new_Size

|Property|Value|
|---|---|
|Description|{description}|
|LogicalName|`{column}`|
|RequiredLevel|None|
|Type|{type}|
|{facet}|{value}|
"""


def page(**values: str) -> str:
    defaults = {
        "table": "new_widget",
        "schema": "new_Widget",
        "column": "new_size",
        "description": "Size.",
        "type": "Integer",
        "facet": "MaxValue",
        "value": "100",
    }
    return PAGE.format(**(defaults | values))


MANY_TO_MANY = """
## Many-to-Many relationships

### <a name="BKMK_new_widget_association"></a> new_widget_association

|Property|Value|
|---|---|
|IntersectEntityName|`new_widgetassociation`|
|IsCustomizable|False|
|SchemaName||
"""

MANY_TO_MANY_NAMED = MANY_TO_MANY.replace("|SchemaName||", "|SchemaName|new_widget_association|")

ONE_TO_MANY = """
## One-To-Many Relationships

### <a name="BKMK_new_widget_b"></a> new_widget_b

|Property|Value|
|--------|-----|
|ReferencingEntity|b|
|ReferencingAttribute|new_widgetid|
|SchemaName||
"""

YAML = """\
logical_name: new_widget
columns:
  - logical_name: new_widgetid
    type: Uniqueidentifier
  - logical_name: new_size
    type: Integer
    description: {description}
    max_value: {max_value}
"""


def yaml_spec(description: str = "Size.", max_value: str = "100") -> str:
    return YAML.format(description=description, max_value=max_value)


def alias_bomb(width: int) -> str:
    """``extra:`` holding nine levels of aliases, each ``width`` times the one below."""
    return (
        yaml_spec()
        + "extra:\n  a0: &a0 [lol]\n"
        + "".join(f"  a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]\n" for n in range(1, 9))
    )


EXTENSION = """\
# Fax table/entity reference

> [!NOTE]
> The Microsoft Dynamics 365 Sales Fax table extends the [Microsoft Dataverse Fax table](/x/fax).

## Customized columns/attributes

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

|Property|Value|
|---|---|
|Targets|account|
"""

HEADING_AND_HEADER = (
    '### <a name="BKMK_new_widgetId"></a> new_widgetId\n\n|Property|Value|\n|---|---|\n'
)

Files = dict[str, str]
CASES: dict[str, tuple[Files, str]] = {
    # crashes (exit 3) of issue 9
    "empty table SchemaName cell": ({"w.md": page().replace("`new_Widget`", "")}, ""),
    "empty many-to-many SchemaName cell": ({"w.md": page() + MANY_TO_MANY}, ""),
    "empty one-to-many SchemaName cell": ({"w.md": page() + ONE_TO_MANY}, ""),
    "4301-digit integer in a page cell": ({"w.md": page(value="9" * 4301)}, ""),
    "4301-digit integer in a YAML spec": ({"w.yaml": yaml_spec(max_value="9" * 4301)}, ""),
    "129-character column logical name": ({"w.md": page(column="a" * 129)}, ""),
    "129-character table logical name": ({"w.md": page(table="a" * 129)}, ""),
    "config value of the wrong type": ({"w.md": page()}, "[tool.dvgen]\nspecs = 3\n"),
    # exit 0 with lost or broken output
    "deleted column heading": (
        {"w.md": page().replace('### <a name="BKMK_new_Size"></a> new_Size\n', "")},
        "",
    ),
    "column rows right after the section's link list": (
        {"w.md": page().replace(HEADING_AND_HEADER, "- [new_widgetId](#BKMK_new_widgetId)\n")},
        "",
    ),
    "deleted column-section heading": (
        {"w.md": page().replace("## Writable columns/attributes\n", "")},
        "",
    ),
    "column section heading replaced by an H1": (
        {"w.md": page().replace("## Writable columns/attributes", "# x")},
        "",
    ),
    "column heading replaced by an H1": (
        {"w.md": page().replace('### <a name="BKMK_new_widgetId"></a> new_widgetId', "# x")},
        "",
    ),
    "bare # line before a column": (
        {
            "w.md": page().replace(
                '### <a name="BKMK_new_Size"></a>', '#\n\n### <a name="BKMK_new_Size"></a>'
            )
        },
        "",
    ),
    "Precision of 2**64": ({"w.md": page(type="Decimal", facet="Precision", value=str(2**64))}, ""),
    "extension page alone": ({"fax.md": EXTENSION}, ""),
    "control character in a description": ({"w.md": page(description="\x1b[31mred")}, ""),
    "escaped NUL in a YAML spec description": (
        {"w.yaml": yaml_spec(description='"a\\u0000b"')},
        "",
    ),
    "escaped NUL in a YAML spec message": (
        {"w.yaml": yaml_spec() + 'messages:\n  - name: Create\n    web_api_operation: "\\u0000"\n'},
        "",
    ),
    "property row name of 1100 characters": ({"w.md": page(facet="9" * 1100, value="x")}, ""),
    "PrimaryIdAttribute in capitals": (
        {
            "w.md": page().replace(
                "|**PrimaryIdAttribute**|`new_widgetid`|", "|**PrimaryIdAttribute**|None|"
            )
        },
        "",
    ),
    "lookup target in capitals": (
        {"w.md": page(type="Lookup", facet="Targets", value="None")},
        "",
    ),
    "intersect entity name in capitals": (
        {"w.md": page() + MANY_TO_MANY_NAMED.replace("new_widgetassociation", "Lookup")},
        "",
    ),
    "description starting with a tab, two lines": (
        {"w.yaml": yaml_spec(description='"\\tfirst\\nsecond"')},
        "",
    ),
    # faults
    "245-character table name": ({"w.md": page(table="a" * 245)}, ""),
    "YAML alias bomb (9 x 9)": ({"w.yaml": alias_bomb(9)}, ""),
    "YAML alias bomb (9 x 5) under extra": ({"w.yaml": alias_bomb(5)}, ""),
    # diagnostics
    "target setting error names the config file": (
        {"w.md": page()},
        '[tool.dvgen]\njsonschema-base-uri = "x"\n',
    ),
    "config error names the config file": (
        {"w.md": page()},
        '[tool.dvgen]\nodata-alias = "1abc"\n',
    ),
    "300-character pydantic-package": (
        {"w.md": page()},
        '[tool.dvgen]\npydantic-package = "' + "a" * 300 + '"\n',
    ),
    "odata-container in CJK letters": (
        {"w.md": page()},
        '[tool.dvgen]\nodata-container = "名前"\n',
    ),
    "front matter YAML syntax error": ({"w.md": "---\ntitle: [x\nms.date: y\n---\n" + page()}, ""),
    # the structure-aware campaign (tests/fuzz_struct.py)
    "YAML spec cut inside a flow mapping, no newline at the end": (
        {"w.yaml": "logical_name: w\ncolumns:\n  - {logical_name: a, type: String"},
        "",
    ),
    "YAML spec cut after a key, no newline at the end": (
        {"w.yaml": "logical_name: w\ncolumns:\n  - logical_name: a\n    type"},
        "",
    ),
    "a string with a tab and a newline where a list is expected": (
        {"w.yaml": 'logical_name: w\ncolumns: "\\tlead\\nline two"\n'},
        "",
    ),
    "column heading swapped with a Related Information heading": (
        {
            "w.md": page().replace(
                '### <a name="BKMK_new_Size"></a> new_Size', "### Related Information"
            )
            + "\n## Many-To-One Relationships\n\n"
            + '### <a name="BKMK_new_Size"></a> new_Size\n\n[Links](x.md)\n'
        },
        "",
    ),
    "MaxSizeInKB 0 on a page": ({"w.md": page(type="File", facet="MaxSizeInKB", value="0")}, ""),
    "a primary key of several options": (
        {
            "w.md": page().replace(
                "|SystemRequired|\n|Type|Uniqueidentifier|",
                "|SystemRequired|\n|Type|MultiSelectPicklist|",
            )
        },
        "",
    ),
}

XFAIL: dict[str, str] = {}
"""Reproducers not fixed yet: name -> the fault (exception and site), for strict xfail."""


def params() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=XFAIL[name]))
        if name in XFAIL
        else name
        for name in CASES
    ]


@pytest.mark.parametrize("name", params())
def test_fuzz_regression(name: str, tmp_path: Path) -> None:
    files, config = CASES[name]
    case = fuzz.Case(
        seed=0,
        index=0,
        files={n: text.encode("utf-8") for n, text in files.items()},
        mutated=next(iter(files)),
        steps=[name],
        preexisting=True,
        sampled=True,
        config=config,
    )
    work = fuzz.Workspace(tmp_path / "work")
    outcome, before = fuzz.run_case(case, work, timeout=20)
    failures = fuzz.verdict(case, work, outcome, before)
    assert [f"{f.kind}: {f.detail}" for f in failures] == [], outcome.stderr[-3000:]


STATES = """\
logical_name: new_widget
columns:
  - {logical_name: new_widgetid, type: Uniqueidentifier}
  - logical_name: statecode
    type: State
    choices:
      - {value: 0, label: Active, default_status: 1}
      - {value: 1, label: Inactive, default_status: DEFAULT}
  - logical_name: statuscode
    type: Status
    choices:
      - {value: 1, label: Active, state: 0}
      - {value: 2, label: Inactive, state: 1}
"""


@pytest.mark.parametrize("default", ["1", "77"])
def test_a_state_whose_default_status_is_not_one_of_its_reasons_is_an_error(default: str) -> None:
    """Found by ``status_reasons`` (exit 0, silently): state 1 defaulting to a reason of state
    0, or to no reason at all. Dataverse gives a record entering a state its default reason."""
    from dvgen.parse import parse_spec

    table, found = parse_spec("w.yaml", STATES.replace("DEFAULT", default).encode())
    assert table is None
    assert [str(d) for d in found] == [
        f"w.yaml:8: error: column 'statecode': state 1 has default_status {default}, which is "
        "no status reason of that state (its reasons: 2)"
    ]
    table, found = parse_spec("w.yaml", STATES.replace("DEFAULT", "2").encode())
    assert table is not None and not found


@pytest.mark.skipif(not fuzz.CORPUS.is_dir(), reason="needs ../shared/corpus (contact.md)")
def test_a_customization_adding_a_status_reason_of_a_foreign_state_is_an_error(
    tmp_path: Path,
) -> None:
    """Found by ``customization`` in a spec set (exit 0, silently): ``changes: statuscode:
    add_choices:`` with a state the table does not have, which a table spec's own status
    reasons are refused for."""
    spec = (
        "customizes: contact\nchanges:\n  statuscode:\n"
        "    add_choices: [{value: 100000005, label: Gone, state: STATE}]\n"
    )
    contact = (fuzz.CORPUS / "contact.md").read_bytes()
    work = fuzz.Workspace(tmp_path / "work")
    errors = []
    for state, rc in (("7", 2), ("1", 0)):
        files = {"contact.md": contact, "c.yaml": spec.replace("STATE", state).encode()}
        case = fuzz.Case(0, 0, files, "c.yaml", ["foreign state"], sampled=False)
        outcome, before = fuzz.run_case(case, work, timeout=30)
        assert outcome.rc == rc, outcome.stderr[-2000:]
        assert fuzz.verdict(case, work, outcome, before) == []
        errors += [line for line in outcome.stderr.splitlines() if ": error: " in line]
    assert errors == [
        "specs/c.yaml:3: error: changes: column 'statuscode': status reason 100000005 has "
        "state 7, which is no option of the State column (0, 1)"
    ]


def test_an_unmodified_standard_column_of_a_solution_is_checked_as_the_base_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fuzz seed 20261209 case 3861: a standard column a solution marks ``unmodified`` is no
    change of its layer, but with no spec of its table in the set the layer's shell is the
    table: its Accuracy 1e5 was written to a model that does not read back. It is an error at
    the column's line, as a changed column's is."""
    from tests.conftest import run
    from tests.solution_support import write_solution

    folder = write_solution(tmp_path / "specs" / "Contoso")
    entity = folder / "Entities/Account/Entity.xml"
    standard = (
        '        <attribute PhysicalName="Revenue_Base" unmodified="1">\n'
        "          <Type>money</Type><Name>revenue_base</Name>"
        "<LogicalName>revenue_base</LogicalName>\n"
        "          <IsCustomField>0</IsCustomField><Accuracy>1e5</Accuracy>\n"
        "        </attribute>\n"
    )
    text = entity.read_text("utf-8").replace(
        "      </attributes>", standard + "      </attributes>"
    )
    entity.write_text(text, "utf-8")
    line = text.splitlines().index('        <attribute PhysicalName="Revenue_Base" unmodified="1">')
    code, out, err = run(
        capsys,
        "generate",
        "--specs",
        str(tmp_path / "specs"),
        "--out",
        str(tmp_path / "out"),
        "--no-cache",
    )
    assert code == 2, out + err
    assert (
        f"Entity.xml:{line + 1}: error: column 'Revenue_Base': Precision 100000 is out of range"
        in err
    )
    assert not (tmp_path / "out").exists()
