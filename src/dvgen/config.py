"""Run settings: ``[tool.dvgen]`` in pyproject.toml, then command-line options."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvgen.diagnostics import Location, fatal

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
    cache: bool = True
    cache_dir: Path = Path(".dvgen-cache")
    """Where parsed specs and run records are kept; safe to delete at any time."""
    jobs: int = 0
    """Worker processes for parsing; 0 picks by CPU count and input size."""

    def with_options(self, **options: Any) -> Config:
        return dataclasses.replace(
            self, **{k: v for k, v in options.items() if v is not None and v != ()}
        )


def templates_dir() -> Path:
    """Built-in templates: inside the installed package, else the source tree's ``templates/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("dvgen's templates folder is missing from the installation")


_KEYS = {f.name.replace("_", "-"): f.name for f in dataclasses.fields(Config)}


def load_config(pyproject: Path | None = None) -> Config:
    """Settings from ``pyproject`` (default: ./pyproject.toml if present); paths relative to it."""
    path = pyproject if pyproject is not None else Path("pyproject.toml")
    if not path.is_file():
        if pyproject is not None:
            raise fatal(Location(str(path)), "config file not found")
        return Config()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise fatal(Location(str(path)), f"not valid TOML: {exc}") from None
    section = data.get("tool", {}).get("dvgen", {})
    return _from_section(section, path)


def _from_section(section: dict[str, Any], path: Path) -> Config:
    where = Location(str(path))
    values: dict[str, Any] = {}
    defaults = Config()
    for key, value in section.items():
        name = _KEYS.get(key) or _KEYS.get(key.replace("_", "-"))
        if name is None:
            known = ", ".join(sorted(_KEYS))
            raise fatal(where, f"[tool.dvgen]: unknown key {key!r} (known: {known})")
        default = getattr(defaults, name)
        if isinstance(default, Path) or name == "templates":
            values[name] = (path.parent / str(value)) if path.parent != Path() else Path(value)
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fatal(where, f"[tool.dvgen]: {key} must be a list of strings")
            values[name] = tuple(value)
        elif not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(
            default, bool
        ):
            kind = type(default).__name__
            raise fatal(where, f"[tool.dvgen]: {key} must be a {kind}")
        else:
            values[name] = value
    for dialect in values.get("sql_dialects", ()):
        if dialect not in SQL_DIALECTS:
            raise fatal(where, f"[tool.dvgen]: unknown SQL dialect {dialect!r} ({SQL_DIALECTS})")
    if path.parent != Path():
        for name in ("specs", "out", "cache_dir"):
            values.setdefault(name, path.parent / getattr(defaults, name))
    return dataclasses.replace(defaults, **values)
