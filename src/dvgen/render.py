"""The one Jinja environment: strict, with every escaping filter registered here."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from dvgen import escape


def templates_dir() -> Path:
    """Built-in templates: inside the installed package, else the source tree's ``templates/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("dvgen's templates folder is missing from the installation")


FILTERS: dict[str, Callable[..., Any]] = {
    "py_str": escape.python_string,
    "py_comment": escape.python_comment,
    "sql_str": escape.sql_string,
    "xml_attr": escape.xml_attribute,
    "json": lambda value: json.dumps(value, ensure_ascii=False),
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


def render(template: str, override: Path | None = None, **context: Any) -> str:
    """Render one template to text with LF line ends and exactly one trailing newline."""
    text = environment(override).get_template(template).render(**context)
    return text.rstrip("\n") + "\n"
