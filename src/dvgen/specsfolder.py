"""The specs folder a command reads, checked before anything else: there, and with no link in it
to nothing, each refusal saying why (where the folder was decided, what the link points at)."""

from __future__ import annotations

import os
from pathlib import Path

from dvgen.config import Config, setting_line
from dvgen.diagnostics import Diagnostic, Location, Severity, SpecError, fatal


def require_specs(config: Config, given: bool) -> None:
    """A specs folder that is not there, named with where that folder was decided: run from a
    subfolder of a project with no ``[tool.dvgen]``, the default ``specs/`` is the current
    folder's, and the bare "not found" would not say why dvgen looked there."""
    if config.specs.is_dir():
        _refuse_broken_links(config.specs)
        return
    if config.specs.exists():  # --specs specs/account.md: a page, to render it alone
        line = 0 if given or config.source is None else setting_line(config.source, "specs")
        where = Location(str(config.source), line) if line else Location(str(config.specs))
        message = (
            f"specs {str(config.specs)!r} is a file, not a folder: name the folder of the spec "
            "files and solutions (--table NAME renders some of its tables)"
        )
        raise fatal(where, f"[tool.dvgen]: {message}" if line else message)
    if given:
        return
    if config.source is None:
        why = (
            "no pyproject.toml with [tool.dvgen] in this folder or above, so the default: "
            "specs/ of the current folder; run dvgen from the project's folder, give --specs DIR, "
            "or set specs in [tool.dvgen]"
        )
        raise fatal(Location(str(config.specs)), f"specs folder not found ({why})")
    line = setting_line(config.source, "specs")
    if line:
        message = f"[tool.dvgen]: specs folder {str(config.specs)!r} not found"
        raise fatal(Location(str(config.source), line), message)
    why = f"the default: specs/ beside {config.source}; set specs in its [tool.dvgen]"
    raise fatal(Location(str(config.specs)), f"specs folder not found ({why})")


def _refuse_broken_links(specs: Path) -> None:
    """A link in the specs folder to nothing (a solution linked by a wrong relative path, as
    ``ln -s ../solutions/Contoso/src specs/Contoso`` made from the wrong folder) is an error:
    passed over, its tables would be missing from a run that succeeds. Hidden names are not
    specs (an editor's lock file, ``.#account.md``, is such a link)."""
    broken = sorted(
        entry
        for entry in specs.iterdir()
        if not entry.name.startswith(".") and entry.is_symlink() and not entry.exists()
    )
    if broken:
        raise SpecError(
            Diagnostic(
                Severity.ERROR,
                Location(str(entry)),
                f"a link to {os.readlink(entry)!r}, which does not exist (a link's path is "
                "relative to the folder it is in)",
            )
            for entry in broken
        )
