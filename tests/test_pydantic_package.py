"""The generated package for the whole corpus (and the stress set): it imports, importing runs
nothing but class definitions, and it passes ``mypy --strict`` (pydantic plugin) and
``black --check``. mypy and black run once, as subprocesses, over a temporary folder."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dvgen.model import TableSet
from tests.test_pydantic import imported, render, stress_tables

CORPUS_PACKAGE = "dvgen_corpus_models"
STRESS_PACKAGE = "dvgen_stress_models"
PACKAGES = ("-p", CORPUS_PACKAGE, "-p", STRESS_PACKAGE)
MYPY = (sys.executable, "-m", "mypy")
BLACK = (sys.executable, "-m", "black")
MYPY_CONFIG = """\
[mypy]
strict = True
plugins = pydantic.mypy
warn_unreachable = True

[pydantic-mypy]
init_typed = True
warn_required_dynamic_aliases = True
"""


@pytest.fixture(scope="module")
def tables(request: pytest.FixtureRequest) -> TableSet:
    """The corpus and the seed; the repo's own specs when ../shared is absent."""
    try:
        corpus: TableSet = request.getfixturevalue("corpus_set")
    except pytest.skip.Exception:
        seed: TableSet = request.getfixturevalue("seed_set")
        return seed
    return corpus


@pytest.fixture(scope="module")
def packages(tables: TableSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus package (with ``properties = "closed"``: its activities list what they
    inherit) and the stress package (with ``choices = "open"``), side by side."""
    root = tmp_path_factory.mktemp("packages")
    for table_set, name, choices, properties in (
        (tables, CORPUS_PACKAGE, "closed", "closed"),
        (stress_tables(), STRESS_PACKAGE, "open", "open"),
    ):
        for rel, text in render(table_set, name, choices, properties)[0].items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    return root


@pytest.fixture(scope="module")
def corpus_files(tables: TableSet) -> dict[str, str]:
    return render(tables, CORPUS_PACKAGE)[0]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def test_mypy_strict_with_the_pydantic_plugin(packages: Path) -> None:
    (packages / "mypy.ini").write_text(MYPY_CONFIG)
    done = run(
        [*MYPY, "--config-file", "mypy.ini", "--cache-dir", ".mypy", *PACKAGES],
        packages,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found")


def test_black_check(packages: Path) -> None:
    done = run(
        [*BLACK, "--check", "--line-length", "88", CORPUS_PACKAGE, STRESS_PACKAGE],
        packages,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_it_imports_and_exports_every_model(
    tables: TableSet, corpus_files: dict[str, str], tmp_path: Path
) -> None:
    with imported(corpus_files, tmp_path, CORPUS_PACKAGE) as package:
        assert len(package.__all__) == len(tables.tables)
        for name in package.__all__:
            model = getattr(package, name)
            assert model.__name__ == name
            assert model.model_fields


def test_importing_writes_and_warns_nothing(packages: Path) -> None:
    """In a fresh interpreter, warnings as errors: import prints nothing, raises nothing."""
    code = f"import {CORPUS_PACKAGE}, {STRESS_PACKAGE}"
    done = run([sys.executable, "-W", "error", "-c", code], packages)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


ALLOWED_CALLS = frozenset({"Field", "ConfigDict", "JsonNumber", "StatusReasons"})
"""What a generated class body may call while the class is defined (all from pydantic or
_base, with literal arguments)."""


def test_importing_runs_nothing_but_class_definitions(corpus_files: dict[str, str]) -> None:
    for path, text in corpus_files.items():
        if path.endswith(".py"):
            check_module(path, ast.parse(text))


def check_module(path: str, module: ast.Module) -> None:
    body = module.body
    assert isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), path
    for statement in body[1:]:
        if isinstance(statement, ast.Import | ast.ImportFrom) or checker_imports(statement):
            continue
        if path.endswith("__init__.py") and lazy_init_part(statement):
            continue
        if isinstance(statement, ast.ClassDef):
            check_class(path, statement)
            continue
        target = statement.target if isinstance(statement, ast.AnnAssign) else None
        if isinstance(statement, ast.Assign):
            target = statement.targets[0]
        assert isinstance(target, ast.Name) and target.id == "__all__", (path, statement)
        assert path.endswith("__init__.py")
        assert isinstance(statement.value, ast.List)
        assert all(isinstance(e, ast.Constant) for e in statement.value.elts)


def checker_imports(statement: ast.stmt) -> bool:
    """Imports for type checkers only, which run nothing: ``if TYPE_CHECKING:`` imports."""
    return (
        isinstance(statement, ast.If)
        and ast.unparse(statement.test) == "TYPE_CHECKING"
        and not statement.orelse
        and all(isinstance(s, ast.ImportFrom) for s in statement.body)
    )


def lazy_init_part(statement: ast.stmt) -> bool:
    """A part of the lazy ``__init__``: its type checker's imports, its name -> module table
    (and docstring) of literals, and its PEP 562 functions, defined but not called."""
    if isinstance(statement, ast.If):
        if ast.unparse(statement.test) == "not TYPE_CHECKING":
            functions = [s.name for s in statement.body if isinstance(s, ast.FunctionDef)]
            return len(functions) == len(statement.body) and functions == [
                "__getattr__",
                "__dir__",
            ]
        return False
    if isinstance(statement, ast.AnnAssign) and ast.unparse(statement.target) == "_MODULES":
        value = statement.value
        return isinstance(value, ast.Dict) and all(
            isinstance(e, ast.Constant) for e in [*value.keys, *value.values]
        )
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def check_class(path: str, node: ast.ClassDef) -> None:
    assert not node.decorator_list, (path, node.name)
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef):
            assert path.endswith("_base.py"), (path, node.name)
            decorators = {
                ast.unparse(d.func if isinstance(d, ast.Call) else d)
                for d in statement.decorator_list
            }
            assert decorators <= {
                "classmethod",
                "staticmethod",
                "model_serializer",
                "model_validator",
            }
            continue
        assert isinstance(statement, ast.Expr | ast.Assign | ast.AnnAssign), (path, node.name)
        for call in (n for n in ast.walk(statement) if isinstance(n, ast.Call)):
            assert isinstance(call.func, ast.Name) and call.func.id in ALLOWED_CALLS, (
                path,
                ast.unparse(statement),
            )
            for argument in [*call.args, *(k.value for k in call.keywords)]:
                assert all(
                    isinstance(n, ast.Constant | ast.Dict | ast.Tuple | ast.UnaryOp)
                    or isinstance(n, ast.operator | ast.unaryop)
                    for n in ast.walk(argument)
                    if not isinstance(n, ast.expr_context)
                ), (path, ast.unparse(argument))


@pytest.fixture(scope="module")
def corpus_modules(corpus_files: dict[str, str]) -> Iterator[dict[str, ast.Module]]:
    yield {path: ast.parse(text) for path, text in corpus_files.items() if path.endswith(".py")}


def test_one_module_per_table_and_the_shared_ones(
    tables: TableSet, corpus_modules: dict[str, ast.Module]
) -> None:
    names = {Path(path).stem for path in corpus_modules}
    assert names == {t.logical_name for t in tables.tables} | {"__init__", "_base", "choices"}
