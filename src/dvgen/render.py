"""The one Jinja environment: strict, with every escaping filter registered here."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from dvgen import escape
from dvgen.config import templates_dir

FILTERS: dict[str, Callable[..., Any]] = {
    "py_str": escape.python_string,
    "py_comment": escape.python_comment,
    "sql_str": escape.sql_string,
    "xml_attr": escape.xml_attribute,
    "json": lambda value: json.dumps(value, ensure_ascii=False),
    "json_block": escape.json_block,
    "py_literal": escape.python_literal,
    "py_docstring": escape.python_docstring,
}


def _autoescape(name: str | None) -> bool:
    return bool(name and name.endswith((".xml.jinja", ".xml")))


@cache
def environment(override: Path | None = None) -> jinja2.Environment:
    """The environment; templates in ``override`` win over the built-in ones, file by file."""
    loaders: list[jinja2.BaseLoader] = []
    if override is not None:
        loaders.append(jinja2.FileSystemLoader(str(override)))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=_autoescape,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


@dataclass(frozen=True, slots=True)
class Template:
    """A template looked up once; each call renders text with exactly one trailing newline."""

    inner: jinja2.Template

    def __call__(self, **context: Any) -> str:
        return self.inner.render(**context).rstrip("\n") + "\n"


def template(name: str, override: Path | None = None) -> Template:
    """The template ``name`` (``<target>/<artifact>.<ext>.jinja``), user overrides first."""
    return Template(environment(override).get_template(name))


def render(name: str, override: Path | None = None, **context: Any) -> str:
    """Render one template once (a target rendering it per table should keep ``template``)."""
    return template(name, override)(**context)
