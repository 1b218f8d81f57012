"""The pipeline runs one way: parse -> model -> resolve -> targets -> render -> output.

What builds the model (the parsers, the solution reader, the layers, resolve, and the Web API's
view of the set, which resolve and every target share) must reach nothing of a later stage. The
imports are read statically, lazily made ones included, and followed from module to module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
MODEL_STAGE = ("dvgen.resolve", "dvgen.parse", "dvgen.solution", "dvgen.layers", "dvgen.webapi")
LATER_STAGES = ("dvgen.targets", "dvgen.render", "dvgen.pipeline", "dvgen.runner", "dvgen.output")


def _module_file(name: str) -> Path | None:
    base = SRC.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_modules(name: str) -> list[str]:
    file = _module_file(name)
    if file is None or file.name != "__init__.py":
        return [name]
    return [name] + [
        f"{name}.{'.'.join(path.relative_to(file.parent).with_suffix('').parts)}"
        for path in sorted(file.parent.rglob("*.py"))
        if path.name != "__init__.py"
    ]


def _imports(name: str) -> set[str]:
    file = _module_file(name)
    assert file is not None, name
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {module for module in found if module.startswith("dvgen") and _module_file(module)}


def _reached(roots: tuple[str, ...]) -> dict[str, str]:
    """Every dvgen module the roots reach, with the module that imports it first."""
    seen: dict[str, str] = {}
    todo = [module for root in roots for module in _package_modules(root)]
    seen.update({module: "(root)" for module in todo})
    while todo:
        module = todo.pop()
        for imported in sorted(_imports(module)):
            if imported not in seen:
                seen[imported] = module
                todo.append(imported)
    return seen


def test_the_model_stage_reaches_no_later_stage() -> None:
    reached = _reached(MODEL_STAGE)
    later = {
        module: importer
        for module, importer in reached.items()
        if any(module == stage or module.startswith(f"{stage}.") for stage in LATER_STAGES)
    }
    assert later == {}


@pytest.mark.parametrize("root", MODEL_STAGE)
def test_each_root_is_found(root: str) -> None:
    assert _module_file(root) is not None
    assert len(_reached((root,))) > 1
