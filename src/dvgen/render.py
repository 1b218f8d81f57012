"""The one Jinja environment: strict, with every escaping filter registered here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from dvgen import escape
from dvgen.config import templates_dir
from dvgen.diagnostics import Location, SpecError, fatal


def _refuse_undefined(values: Any) -> None:
    for value in values:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()


def strict(
    function: Callable[..., Any], value_may_be_undefined: bool = False
) -> Callable[..., Any]:
    """``function`` as a filter that refuses an undefined value or argument (UndefinedError),
    where Jinja would pass it through (``tojson``, ``pprint``, ``items``...) or fail with a
    TypeError. Jinja's ``pass_context`` marks are kept: ``wraps`` copies them."""
    first = 1 if value_may_be_undefined else 0

    @wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _refuse_undefined(args[first:])
        _refuse_undefined(kwargs.values())
        return function(*args, **kwargs)

    return checked


def _checked(name: str, function: Callable[..., Any], text: bool) -> Callable[..., Any]:
    """An escaping filter whose refusals (a value it cannot write) are template errors; it
    refuses an undefined value or argument first, as ``strict`` would (one wrapper, not two:
    templates call these once per property)."""

    @wraps(function)
    def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        if args or kwargs:
            _refuse_undefined(args)
            _refuse_undefined(kwargs.values())
        if text and not isinstance(value, str):
            raise jinja2.TemplateRuntimeError(
                f"filter {name!r} takes text, not {type(value).__name__}"
            )
        try:
            return function(value, *args, **kwargs)
        except (TypeError, ValueError) as exc:
            raise jinja2.TemplateRuntimeError(f"filter {name!r}: {exc}") from None

    return checked


_ESCAPING: dict[str, tuple[Callable[..., Any], bool]] = {
    "xml_attr": (escape.xml_attribute, True),
    "json_block": (escape.json_block, False),
    "py_literal": (escape.python_literal, True),
    "py_docstring": (escape.python_docstring, True),
}
"""Each escaping filter's function, and whether it takes text only."""
FILTERS: dict[str, Callable[..., Any]] = {
    name: _checked(name, function, text) for name, (function, text) in _ESCAPING.items()
}
"""Every escaping filter templates use; each turns spec text into an inert literal."""

LENIENT = frozenset({"default", "d"})
"""Filters meant to receive an undefined value (not an undefined argument); every other
filter refuses both."""


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
    env.filters.update({k: strict(f, k in LENIENT) for k, f in env.filters.items()})
    env.filters.update(FILTERS)  # strict already
    return env


@dataclass(frozen=True, slots=True)
class Template:
    """A template looked up once; each call renders text with exactly one trailing newline."""

    inner: jinja2.Template
    override: Path | None = None
    """The user's template folder, if any: with one of its templates in use, an exception
    raised in template code is a mistake of the templates (a filter given the wrong type,
    say), reported at its line rather than as an internal error."""

    def __call__(self, **context: Any) -> str:
        return self.text(**context).rstrip("\n") + "\n"

    def text(self, **context: Any) -> str:
        """The text as the template writes it, trailing newlines and all (a fragment of a
        file: see ``targets.sql.blocks``)."""
        try:
            text = self.inner.render(**context)
        except jinja2.TemplateError as exc:
            name = self.inner.filename or self.inner.name or ""
            raise _template_error(exc, name, self.override) from None
        except Exception as exc:
            if not self._overridden() or _template_frame(exc.__traceback__) is None:
                raise
            message = f"{type(exc).__name__}: {exc}"
            raise _located(exc, message, "", self.override) from None
        return text

    def _overridden(self) -> bool:
        """Whether a template of the override folder is in use (loaded by this environment):
        then an exception raised in template code (a built-in template calling an overridden
        macro with arguments it no longer takes, say) is the override's mistake."""
        if self.override is None:
            return False
        cache = self.inner.environment.cache
        loaded = cache.values() if cache is not None else [self.inner]
        return any(_is_within(t.filename, self.override) for t in loaded)


def template(name: str, override: Path | None = None) -> Template:
    """The template ``name`` (``<target>/<artifact>.<ext>.jinja``), user overrides first.

    A template that fails to compile or render (an override with a mistake, say) is a
    SpecError naming the template file and line, never a traceback.
    """
    folder = override.resolve() if override is not None else None
    try:
        return Template(environment(folder).get_template(name), folder)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, name, folder) from None


def _template_error(
    exc: jinja2.TemplateError, name: str, override: Path | None = None
) -> SpecError:
    """The error at its template and line: those a syntax error carries, else read off the
    traceback (see ``_located``)."""
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"no template {exc.name!r}"
    else:
        message = exc.message or str(exc)
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if filename and line:
        return fatal(Location(str(filename), line), f"template: {message}")
    return _located(exc, message, filename or name, override)


def _located(exc: BaseException, message: str, name: str, override: Path | None) -> SpecError:
    """The error at the innermost template frame of its traceback; when that is a built-in
    template an override called (a macro given the wrong value), at the override's call, the
    built-in line named in the message."""
    inner = _template_frame(exc.__traceback__)
    mine = _template_frame(exc.__traceback__, override) if override is not None else None
    if mine is not None and inner is not None and mine != inner:
        message = f"{message} (in {inner[0]}:{inner[1]})"
    filename, line = mine or inner or (name, 0)
    return fatal(Location(filename, line), f"template: {message}")


def _template_frame(
    traceback: TracebackType | None, folder: Path | None = None
) -> tuple[str, int] | None:
    """The innermost frame of a template (file and line) in a traceback Jinja has rewritten;
    with ``folder``, of a template in that folder (an override that called a built-in macro
    with the wrong value is where the mistake is)."""
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        template = not filename.endswith(".py") and not filename.startswith("<")
        if template and (folder is None or _is_within(filename, folder)):
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _is_within(filename: str | None, folder: Path) -> bool:
    return filename is not None and Path(filename).is_relative_to(folder)


def render(name: str, override: Path | None = None, **context: Any) -> str:
    """Render one template once (a target rendering it per table should keep ``template``)."""
    return template(name, override)(**context)
