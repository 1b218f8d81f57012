"""Run settings: ``[tool.dvgen]`` in pyproject.toml, then command-line options."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvgen.codes import unknown_code
from dvgen.diagnostics import Location, fatal, not_utf8
from dvgen.evolve.allow import Allowance, read_allow_list
from dvgen.settinghints import as_list, meant_key, meant_value

SQL_DIALECTS = ("postgres", "sqlite", "sqlserver")


@dataclass(frozen=True, slots=True)
class Config:
    specs: Path = Path("specs")
    out: Path = Path("generated")
    targets: tuple[str, ...] = ()
    """Targets to render; empty means every target."""
    templates: Path | None = None
    """A folder of templates that override the built-in ones, file by file."""
    jsonschema_base_uri: str = "https://example.com/dataverse/"
    pydantic_package: str = "dataverse_models"
    sql_dialects: tuple[str, ...] = SQL_DIALECTS
    sql_label_tables: bool = False
    odata_namespace: str = "Microsoft.Dynamics.CRM"
    odata_alias: str = "mscrm"
    odata_container: str = "System"
    choices: str = "closed"
    """``"open"``: a choice (not a State) also accepts option values the spec does not list,
    as an organisation adds them (jsonschema, pydantic, sql); ``"closed"`` refuses them."""
    properties: str = "open"
    """``"closed"``: a record holds only what the Web API carries for its table (its
    properties, navigation properties, ``@odata.bind`` keys and OData annotations), any other
    member refused (jsonschema, pydantic); ``"open"`` lets other members through."""
    odata_spellings: str = "oasis"
    """``"dataverse"``: the CSDL spells facets as Dataverse's ``$metadata`` does
    (``Scale="Variable"``); ``"oasis"`` keeps the OASIS schema's spelling."""
    missing_base: str = "shell"
    """A solution's layer on a standard table no spec defines: ``"shell"`` builds the table
    from what the solution holds of it (its custom columns are not lost), ``"skip"`` leaves
    the layer out; either way with a warning naming the reference page to add."""
    cache: bool = True
    cache_dir: Path = Path(".dvgen-cache")
    """Where parsed specs and run records are kept; safe to delete at any time."""
    jobs: int = 0
    """Worker processes for parsing; 0 picks by CPU count and input size."""
    ignore: tuple[str, ...] = ()
    """Codes of warnings and notes not to show (``--ignore``)."""
    language: int = 1033
    """The language (a Windows LCID: 1033 English, 1036 French) whose labels are read from
    solutions; a solution without it is read in its first language, with a note."""
    solution_order: tuple[str, ...] = ()
    """Solutions by unique name, in the order the org installed them: each one listed applies
    after those listed before it, as if it depended on them (where neither depends on the
    other, Dataverse keeps what the last one installed sets)."""
    breaking_allow: tuple[Allowance, ...] = ()
    """``[[tool.dvgen.breaking.allow]]``: breaking changes acknowledged (``check
    --breaking-against``)."""
    include: tuple[str, ...] = ()
    """Tables to render, by logical name or glob (``account``, ``msdyn_*``); empty: all."""
    exclude: tuple[str, ...] = ()
    """Tables never to render, by logical name or glob: wins over ``include``, and ``related``
    does not reach through them."""
    related: int = 0
    """Also render the tables up to this many relationships or lookups away from the
    included ones, in either direction (``--related``)."""
    only_tables: tuple[str, ...] = ()
    """``--table``: the tables of this run, in place of ``include`` (command line only)."""
    only_targets: tuple[str, ...] = ()
    """``--target``: this run renders, checks and owns only these targets (empty: no narrowing;
    command line only, not a setting)."""
    only_dialects: tuple[str, ...] = ()
    """``--dialect``: this run owns only these dialects' files (command line only)."""
    source: Path | None = None
    """The pyproject.toml the settings come from (none: defaults), to name in errors."""

    def with_options(self, **options: Any) -> Config:
        return dataclasses.replace(
            self, **{k: v for k, v in options.items() if v is not None and v != ()}
        )

    def narrowed(self, targets: tuple[str, ...], dialects: tuple[str, ...]) -> Config:
        """A one-off run of some targets or dialects: rendered, and owned, alone."""
        return self.with_options(
            targets=targets, only_targets=targets, sql_dialects=dialects, only_dialects=dialects
        )


def templates_dir() -> Path:
    """Built-in templates: inside the installed package, else the source tree's ``templates/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("dvgen's templates folder is missing from the installation")


_NOT_SETTINGS = ("only_targets", "only_dialects", "only_tables", "source", "breaking_allow")
_KEYS = {
    f.name.replace("_", "-"): f.name
    for f in dataclasses.fields(Config)
    if f.name not in _NOT_SETTINGS
}


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.dvgen]`` table, from ``start`` (default: the
    current folder) up to the filesystem root, as ruff finds its settings: a pyproject.toml
    without the table (another tool's, a monorepo's) is passed over, and neither a
    repository's root nor a home folder ends the search. Found from the current folder, the
    path is relative to it (``../../pyproject.toml``), so diagnostics name it as the user
    would; from ``start``, it is ``start``'s spelling."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if _has_section(candidate):
            return Path(os.path.relpath(candidate, here)) if start is None else candidate
    return None


def _has_section(path: Path) -> bool:
    """Whether ``path`` is a pyproject.toml with ``[tool.dvgen]`` (or one that mentions dvgen
    and cannot be read: its error is then reported)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    try:
        tool = tomllib.loads(data.decode("utf-8")).get("tool")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return any(word in data for word in _DVGEN_BYTES)
    return isinstance(tool, dict) and "dvgen" in tool


_DVGEN_BYTES = tuple("dvgen".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
"""The word in the bytes of a file that cannot be read, UTF-16 included (PowerShell 5's)."""


def load_config(pyproject: Path | None = None) -> Config:
    """Settings from ``pyproject`` (default: the nearest pyproject.toml with ``[tool.dvgen]``,
    see ``find_pyproject``); paths are relative to that file."""
    path = pyproject if pyproject is not None else find_pyproject()
    if path is None:
        return Config()
    if not path.is_file():
        raise fatal(Location(str(path)), "config file not found")
    data = _read_toml(path)
    tool = data.get("tool", {})
    section = tool.get("dvgen", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise fatal(Location(str(path)), "[tool.dvgen] must be a table")
    return _from_section(section, path)


UTF8_MARK = b"\xef\xbb\xbf"
_BOM_MESSAGE = (
    f"a UTF-8 byte-order mark ({UTF8_MARK.hex(' ')}) starts the file, which TOML does not allow: "
    "save the file as UTF-8 without a byte-order mark"
)
"""Windows PowerShell 5 saves UTF-8 so (``Out-File -Encoding utf8``); tomllib's own error,
'Invalid statement (at line 1, column 1)', names nothing to see on that line."""


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML document of ``path``; an error at its line when it cannot be read."""
    try:
        raw = path.read_bytes()
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line, message = not_utf8(raw, exc)
        raise fatal(Location(str(path), line), message) from None
    except tomllib.TOMLDecodeError as exc:
        if raw.startswith(UTF8_MARK):
            raise fatal(Location(str(path), 1), _BOM_MESSAGE) from None
        raise fatal(Location(str(path), _toml_line(exc)), f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise fatal(Location(str(path)), f"cannot read: {exc.strerror}") from None


def _from_section(section: dict[str, Any], path: Path) -> Config:
    where = Location(str(path))
    values: dict[str, Any] = {}
    defaults = Config()
    section = dict(section)
    if "breaking" in section:
        values["breaking_allow"] = read_allow_list(section.pop("breaking"), where)
    for key, value in section.items():
        name = _KEYS.get(key) or _KEYS.get(key.replace("_", "-"))
        at = where.at(setting_line(path, key))
        if name is None:
            known = ", ".join(sorted(_KEYS))
            meant = meant_key(key, _KEYS)
            raise fatal(at, f"[tool.dvgen]: unknown key {key!r}{meant} (known: {known})")
        problem = _problem(name, value, getattr(defaults, name))
        if problem:
            raise fatal(at, f"[tool.dvgen]: {key} {problem}")
        if isinstance(getattr(defaults, name), Path) or name == "templates":
            values[name] = (path.parent / value) if path.parent != Path() else Path(value)
            if name == "templates" and not values[name].is_dir():
                message = f"{value!r} is no folder (paths are relative to this file's folder)"
                raise fatal(at, f"[tool.dvgen]: {key} {message}")
        else:
            values[name] = tuple(value) if isinstance(value, list) else value
    if path.parent != Path():
        for name in ("specs", "out", "cache_dir"):
            values.setdefault(name, path.parent / getattr(defaults, name))
    return dataclasses.replace(defaults, source=path, **values)


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _toml_line(exc: ValueError) -> int:
    """The line tomllib names in its message (``(at line 6, column 15)``); 0 when none."""
    found = _TOML_LINE.search(str(exc))
    return int(found.group(1)) if found else 0


def setting_line(path: Path, key: str) -> int:
    """The line of ``key = ...`` in the ``[tool.dvgen]`` table of ``path`` (0: not found), so
    that an error about a setting names its line, as errors about a spec do; in a file of
    many tools' settings, the key alone is a search."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    assignment = re.compile(rf"""\s*(["']?){re.escape(key)}\1\s*=""")
    inside = False
    for number, line in enumerate(lines, 1):
        header = line.strip()
        if header.startswith("["):
            inside = header.split("#", 1)[0].replace(" ", "") == "[tool.dvgen]"
        elif inside and assignment.match(line):
            return number
    return 0


def _problem(name: str, value: Any, default: Any) -> str:
    """What is wrong with ``value`` for setting ``name`` (empty: nothing)."""
    if isinstance(default, Path) or name == "templates":
        return "" if isinstance(value, str) and value else "must be a folder name (a string)"
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of strings" + as_list(value)
        known = _known_values(name)
        unknown = [v for v in value if known is not None and v not in known]
        if unknown:
            meant = meant_value(unknown[0], known or ())
            return f"has an unknown value {unknown[0]!r}{meant} (known: {', '.join(known or ())})"
        problems = [unknown_code(v) for v in value] if name == "ignore" else []
        return next((f"has an {problem}" for problem in problems if problem), "")
    if isinstance(value, bool) != isinstance(default, bool) or not isinstance(value, type(default)):
        article = "an" if type(default).__name__[0] in "aeiou" else "a"
        return f"must be {article} {_KINDS.get(type(default), type(default).__name__)}"
    if name == "language" and not 1 <= value <= 0xFFFF:
        return f"must be a language code (an LCID such as 1033), not {value}"
    if name == "jobs" and value < 0:
        return f"must be 0 (one process per core) or more, not {value}"
    if name == "related" and value < 0:
        return f"must be 0 (only the included tables) or more, not {value}"
    if name in ONE_OF and value not in ONE_OF[name]:
        return f"must be one of {', '.join(map(repr, ONE_OF[name]))}, not {value!r}"
    return ""


ONE_OF = {
    "choices": ("closed", "open"),
    "properties": ("open", "closed"),
    "odata_spellings": ("oasis", "dataverse"),
    "missing_base": ("shell", "skip"),
}
"""String settings with a fixed set of values."""


_KINDS = {bool: "boolean (true or false)", int: "integer", str: "string"}


def _known_values(name: str) -> tuple[str, ...] | None:
    if name == "sql_dialects":
        return SQL_DIALECTS
    if name == "targets":
        from dvgen.targets import TARGETS

        return tuple(TARGETS)
    return None
