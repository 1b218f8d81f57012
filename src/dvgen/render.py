"""The one Jinja environment: strict, with every escaping filter registered here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from dvgen import escape
from dvgen.config import templates_dir
from dvgen.diagnostics import Location, SpecError, fatal

FILTERS: dict[str, Callable[..., Any]] = {
    "xml_attr": escape.xml_attribute,
    "json_block": escape.json_block,
    "py_literal": escape.python_literal,
    "py_docstring": escape.python_docstring,
}
"""Every escaping filter templates use; each turns spec text into an inert literal."""


def _autoescape(name: str | None) -> bool:
    return bool(name and name.endswith((".xml.jinja", ".xml")))


@cache
def environment(override: Path | None = None) -> jinja2.Environment:
    """The environment; templates in ``override`` win over the built-in ones, file by file.

    One per override folder; pass an absolute path (``template`` does), so that a relative
    one cannot name another folder once the working directory changes.
    """
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
        try:
            text = self.inner.render(**context)
        except jinja2.TemplateError as exc:
            raise _template_error(exc, self.inner.filename or self.inner.name or "") from None
        return text.rstrip("\n") + "\n"


def template(name: str, override: Path | None = None) -> Template:
    """The template ``name`` (``<target>/<artifact>.<ext>.jinja``), user overrides first.

    A template that fails to compile or render (an override with a mistake, say) is a
    SpecError naming the template file and line, never a traceback.
    """
    folder = override.resolve() if override is not None else None
    try:
        return Template(environment(folder).get_template(name))
    except jinja2.TemplateError as exc:
        raise _template_error(exc, name) from None


def _template_error(exc: jinja2.TemplateError, name: str) -> SpecError:
    filename = getattr(exc, "filename", None) or name
    line = getattr(exc, "lineno", None) or _render_line(exc, filename)
    return fatal(Location(str(filename), line), f"template: {exc.message or exc}")


def _render_line(exc: BaseException, filename: str) -> int:
    """The template line a render error came from, read off the traceback."""
    traceback = exc.__traceback__
    line = 0
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def render(name: str, override: Path | None = None, **context: Any) -> str:
    """Render one template once (a target rendering it per table should keep ``template``)."""
    return template(name, override)(**context)
