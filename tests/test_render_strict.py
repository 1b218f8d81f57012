"""Override templates are strict everywhere: a mistake is ``template-file:line: error: template:``,
exit 2, nothing written; never ``Undefined`` in the output and never a traceback (exit 3)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from dvgen.cli import main
from dvgen.config import templates_dir
from dvgen.render import FILTERS, environment
from tests.conftest import ROOT

# (target, template overridden, its context variable)
JSONSCHEMA = ("jsonschema", "jsonschema/table.schema.json.jinja", "s")
ODATA = ("odata", "odata/metadata.xml.jinja", "doc")
PYDANTIC = ("pydantic", "pydantic/model.py.jinja", "m")
NO_ATTRIBUTE = "has no attribute 'nonexistent'"


@pytest.fixture()
def project(workdir: Path) -> Path:
    (workdir / "specs").mkdir()
    for name in ("backgroundoperation.md", "contoso_project.yaml"):
        (workdir / "specs" / name).write_bytes((ROOT / "specs" / name).read_bytes())
    (workdir / "pyproject.toml").write_text('[tool.dvgen]\ntemplates = "my-templates"\n')
    return workdir


def generate_with(
    project: Path, capsys: pytest.CaptureFixture[str], target: str, name: str, text: str
) -> tuple[int, str]:
    path = project / "my-templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    code = main(["generate", "--target", target])
    return code, capsys.readouterr().err


def assert_template_error(code: int, err: str, project: Path, where: str, problem: str) -> None:
    assert code == 2, err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 1, err
    assert errors[0].startswith(str(project / "my-templates" / where) + ": error: template: "), err
    assert problem in errors[0], err
    assert "Traceback" not in err
    assert not (project / "generated").exists()


@pytest.mark.parametrize(
    ("case", "filter_name"),
    [
        (JSONSCHEMA, "json_block"),
        (ODATA, "xml_attr"),
        (PYDANTIC, "py_literal"),
        (PYDANTIC, "py_docstring"),
    ],
    ids=["json_block", "xml_attr", "py_literal", "py_docstring"],
)
def test_each_escaping_filter_refuses_an_undefined_value(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str, str],
    filter_name: str,
) -> None:
    target, name, var = case
    text = f"first line\n{{{{ {var}.nonexistent | {filter_name} }}}}\n"
    code, err = generate_with(project, capsys, target, name, text)
    assert_template_error(code, err, project, f"{name}:2", NO_ATTRIBUTE)


def test_every_escaping_filter_is_covered_above() -> None:
    assert sorted(FILTERS) == ["json_block", "py_docstring", "py_literal", "xml_attr"]


@pytest.mark.parametrize(
    "expression",
    [
        "s.nonexistent | tojson",
        "s.nonexistent | pprint",
        "s.nonexistent | abs",
        "s.nonexistent | items | list",
        "s.nonexistent | map('upper') | join",
        "'text' | replace(s.nonexistent, 'b')",
        "s.title | default(s.nonexistent)",
    ],
)
def test_jinja_filters_refuse_an_undefined_value_too(
    project: Path, capsys: pytest.CaptureFixture[str], expression: str
) -> None:
    code, err = generate_with(project, capsys, *JSONSCHEMA[:2], f"{{{{ {expression} }}}}\n")
    assert_template_error(code, err, project, f"{JSONSCHEMA[1]}:1", NO_ATTRIBUTE)


def test_default_still_stands_in_for_an_undefined_value(project: Path) -> None:
    env = environment(project.resolve())
    assert env.from_string("{{ x.y | default('z') }}").render(x={}) == "z"
    assert env.from_string("{{ x.y | d('z') }}").render(x={}) == "z"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ x.y | tojson }}").render(x={})


@pytest.mark.parametrize(
    ("case", "text", "problem"),
    [
        (ODATA, "{{ 5 | xml_attr }}", "filter 'xml_attr' takes text, not int"),
        (PYDANTIC, "{{ m | py_literal }}", "filter 'py_literal' takes text, not ModuleContext"),
        (JSONSCHEMA, "{{ s | json_block }}", "JSON has no value of type SchemaContext"),
        (JSONSCHEMA, "{{ ['a', {'b': 1}] | json_block('x') }}", "filter 'json_block': "),
        (ODATA, "{{ 1 // 0 }}", "ZeroDivisionError"),
        (ODATA, "{% include 'nope.xml.jinja' %}", "no template 'nope.xml.jinja'"),
    ],
    ids=["text-filter-wrong-type", "py-wrong-type", "json-object", "json-arg", "python", "include"],
)
def test_other_mistakes_of_an_override_template_are_located_errors(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str, str],
    text: str,
    problem: str,
) -> None:
    target, name, _ = case
    code, err = generate_with(project, capsys, target, name, "\n\n" + text + "\n")
    assert_template_error(code, err, project, f"{name}:3", problem)


def test_a_syntax_error_names_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = generate_with(project, capsys, *ODATA[:2], "<a>\n{% for x in %}\n")
    assert_template_error(code, err, project, f"{ODATA[1]}:2", "Expected an expression")


def test_a_missing_variable_names_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = generate_with(project, capsys, *PYDANTIC[:2], "x\ny\n{{ no_such_name }}\n")
    assert_template_error(code, err, project, f"{PYDANTIC[1]}:3", "'no_such_name' is undefined")


def test_a_mistake_in_an_overridden_macro_names_the_macro_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    macros = "{% macro property(prop) %}{% set _ = varargs %}\n{{ prop.nonexistent }}\n"
    macros += "{% endmacro %}\n{% macro navigation() %}{% set _ = varargs %}{% endmacro %}\n"
    code, err = generate_with(project, capsys, "odata", "odata/_macros.xml.jinja", macros)
    assert_template_error(code, err, project, "odata/_macros.xml.jinja:2", NO_ATTRIBUTE)


def test_an_overridden_macro_taking_too_few_arguments_is_a_template_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The built-in template calls it: the error names that call, not an internal error."""
    macros = "{% macro property() %}{% endmacro %}\n{% macro navigation() %}{% endmacro %}\n"
    code, err = generate_with(project, capsys, "odata", "odata/_macros.xml.jinja", macros)
    assert code == 2, err
    (error,) = [line for line in err.splitlines() if ": error: " in line]
    # the call is in the template of one entity type (metadata.xml.jinja lays those out)
    assert error.startswith(str(templates_dir() / "odata" / "entity_type.xml.jinja") + ":"), err
    assert "error: template: TypeError: macro 'property' takes " in error
    assert not (project / "generated").exists()


def test_a_built_in_macro_given_the_wrong_value_names_the_overriding_call(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = '{% import "odata/_macros.xml.jinja" as m %}\n<a>\n{{ m.property(5, "  ") }}\n'
    code, err = generate_with(project, capsys, *ODATA[:2], text)
    assert_template_error(code, err, project, f"{ODATA[1]}:3", "'int object' has no attribute")
    assert str(templates_dir() / "odata" / "_macros.xml.jinja") + ":" in err
