"""The evolution commands, called by ``dvgen.cli``: ``diff``, ``migrate`` and the gate of
``check --breaking-against``. Each returns an exit code; errors are raised as SpecError."""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dvgen.config import SQL_DIALECTS, Config
from dvgen.diagnostics import Diagnostics, Location, fatal

if TYPE_CHECKING:
    from dvgen.evolve.changes import Change
    from dvgen.model import Column, TableSet

# The commands' modules (git, the SQL target, jsonschema) load when a command runs: the parsers
# here are built on every dvgen start, check included.

EXIT_OK = 0
EXIT_BREAKING = 1
EXIT_REFUSED = 2


def changes_since(config: Config, ref: str) -> list[Change]:
    from dvgen.evolve.diff import diff_sets
    from dvgen.evolve.load import current_model, load_model

    new = current_model(config, Diagnostics())
    changes = diff_sets(chosen(load_model(ref, config.out, _no_model(config)), new, config), new)
    return closed_properties(closed_options(changes, config, new), config, new)


def closed_options(
    changes: list[Change], config: Config, new: TableSet | None = None
) -> list[Change]:
    """With closed choices, a new option is one the last version's records targets refuse
    (``option-added-closed``); with open ones, values of any number pass (``option-added``),
    but a State's: the targets keep a State closed whatever the setting (its state model: the
    pydantic enum, the JSON Schema's ``oneOf``), so an option added to a State of ``new`` is
    ``option-added-closed`` with open choices too. Options stated where the last version took
    any integer (``options-stated``) add the SQL CHECK of closed choices
    (``options-stated-closed``); open choices check no value in SQL."""
    closed = config.choices == "closed"
    return [
        dataclasses.replace(c, rule="option-added-closed")
        if c.rule == "option-added" and (closed or _of_a_state(c, new))
        else dataclasses.replace(c, rule="options-stated-closed")
        if c.rule == "options-stated" and closed
        else c
        for c in changes
    ]


def _of_a_state(change: Change, new: TableSet | None) -> bool:
    from dvgen.model import ColumnType

    column = _column_of(change, new) if new is not None else None
    return column is not None and column.type is ColumnType.STATE


def _column_of(change: Change, new: TableSet) -> Column | None:
    """The column ``change`` is of, as ``new`` has it (None: a table's change, or gone)."""
    table = new.get(change.table)
    return table.column(change.column) if table is not None and change.column else None


def closed_properties(changes: list[Change], config: Config, new: TableSet) -> list[Change]:
    """With closed properties, a column that the Web API now carries as a property is one the
    last version's records targets refuse (``column-added-closed``): a GET without ``$select``
    returns it. So is a column added, and one that becomes valid for read (``IsValidForRead``
    False, then True: the targets, as Microsoft's EntityTypes, leave a column valid for
    neither read nor write out) unless it was valid for create or update before: the last
    version carried it already, write-only (``writeOnly``), and takes a record holding it.
    A column that is no property (a lookup's name companion, a PartyList) is not."""
    from dvgen.webapi.properties import api_properties

    if config.properties != "closed":
        return changes
    carried = {
        t.logical_name: {p.column.logical_name for p in api_properties(t)} for t in new.tables
    }
    return [
        dataclasses.replace(c, rule="column-added-closed")
        if _newly_a_property(c, changes, new) and c.column in carried.get(c.table, ())
        else c
        for c in changes
    ]


_WRITES = ("valid_for_create", "valid_for_update")


def _newly_a_property(change: Change, changes: list[Change], new: TableSet) -> bool:
    """Whether the change makes a column one the Web API carries: it joins the table, or it
    becomes valid for read having been valid for neither create nor update (its write flags
    before: as ``new`` has them, but where ``changes`` changed them)."""
    if change.rule == "column-added":
        return True
    if change.rule != "column-access-added" or change.path[-1] != "valid_for_read":
        return False
    column = _column_of(change, new)
    if column is None:
        return True
    before = {
        "valid_for_create": column.valid_for_create,
        "valid_for_update": column.valid_for_update,
    }
    for other in changes:
        same = other.table == change.table and other.column == change.column
        if same and other.path and other.path[-1] in _WRITES:
            before[other.path[-1]] = other.old is not False  # absent: Dataverse's default, True
    return not any(before.values())


def _no_model(config: Config) -> str:
    """Why REF may hold no model: the settings leave out the target that writes it."""
    if not config.targets or "model" in config.targets:
        return ""
    return (
        "; the setting targets leaves out 'model', whose files the comparison reads: add it "
        "to targets, generate and commit, then compare with that commit"
    )


def chosen(old: TableSet, new: TableSet, config: Config) -> TableSet:
    """The tables of ``old`` this run compares: with ``--table``, those of the current
    selection and those the patterns name (so a table left out is not a table removed)."""
    if not config.only_tables:
        return old
    return dataclasses.replace(
        old,
        tables=tuple(
            t
            for t in old.tables
            if t.logical_name in new
            or any(fnmatch.fnmatchcase(t.logical_name, p) for p in config.only_tables)
        ),
    )


def diff(config: Config, ref: str, form: str) -> int:
    """Every change since ``ref``; informational, so 0 whatever changed."""
    from dvgen.evolve.report import as_json, as_text

    changes = changes_since(config, ref)
    sys.stdout.write(as_json(changes) if form == "json" else as_text(changes))
    return EXIT_OK


def breaking(config: Config, ref: str) -> int:
    """1, with the TOML to acknowledge them, when breaking changes are not acknowledged."""
    from dvgen.evolve.report import gate_text, unacknowledged

    changes = changes_since(config, ref)
    for warning in unused_acknowledgements(config, changes, ref):
        print(warning, file=sys.stderr)
    problems = unacknowledged(changes, config.breaking_allow)
    if not problems:
        return EXIT_OK
    sys.stdout.write(gate_text(problems, ref))
    print(
        f"dvgen check: {len(problems)} breaking change(s) since {ref} not acknowledged",
        file=sys.stderr,
    )
    return EXIT_BREAKING


UNUSED = "breaking-allow-unused"


def unused_acknowledgements(config: Config, changes: list[Change], ref: str) -> Diagnostics:
    """A warning for each allow-list entry that acknowledges no change since ``ref``: its
    change is in ``ref`` already, so left in, it would acknowledge the next change of its
    rule in its table (or column) unseen."""
    from dvgen.evolve.allow import SECTION

    found = Diagnostics()
    if UNUSED in config.ignore:
        return found
    where = Location(str(config.source or "pyproject.toml"))
    lines = _entry_lines(config.source, SECTION, len(config.breaking_allow))
    for number, (entry, line) in enumerate(zip(config.breaking_allow, lines, strict=True), 1):
        if any(entry.covers(change) for change in changes):
            continue
        column = f", column {entry.column!r}" if entry.column else ""
        found.warning(
            where.at(line),
            f"{SECTION} entry {number} (table {entry.table!r}, rule {entry.rule!r}{column}) "
            f"acknowledges no change since {ref}: remove it, or it acknowledges the next such "
            "change unseen",
            UNUSED,
        )
    return found


def _entry_lines(path: Path | None, section: str, count: int) -> list[int]:
    """The line of each ``[[tool.dvgen.breaking.allow]]`` header of ``path``, spaced or
    commented as TOML allows (``[[ tool.dvgen.breaking.allow ]]  # why``); 0 each when the
    entries are written otherwise, as an inline array."""
    try:
        text = path.read_text(encoding="utf-8") if path is not None else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    lines = enumerate(text.splitlines(), 1)
    found = [n for n, line in lines if "".join(line.split("#", 1)[0].split()) == section]
    return found if len(found) == count else [0] * count


def migrate(config: Config, ref: str, dialects: list[str], allow_destructive: bool) -> int:
    """The migration script on stdout; 2, naming them, when it has destructive steps that
    ``--allow-destructive`` does not allow."""
    if len(dialects) > 1:
        raise fatal(Location("--dialect"), "migrate writes one dialect's script: give one")
    from dvgen.evolve.load import current_model, load_model
    from dvgen.evolve.migrate import migration_script

    dialect = dialects[0] if dialects else config.sql_dialects[0]
    new = current_model(config, Diagnostics())
    old = chosen(load_model(ref, config.out, _no_model(config)), new, config)
    script = migration_script(
        old, new, dialect, ref, labels=config.sql_label_tables, choices=config.choices
    )
    if script.destructive and not allow_destructive:
        listed = "\n".join(f"  {line}" for line in script.destructive)
        print(
            f"dvgen migrate: error: destructive steps refused (--allow-destructive to include "
            f"them):\n{listed}",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    sys.stdout.write(script.text)
    return EXIT_OK


DIFF_HELP = "list what changed in the model since a git revision or a folder of canonical YAML"
MIGRATE_HELP = "print SQL that takes a database created from REF's DDL to the current one"


def _sentence(text: str) -> str:
    """A command's help as the first sentence of its --help (as generate's and list's)."""
    return text[0].upper() + text[1:] + "."


def add_parsers(
    sub: argparse._SubParsersAction[Any],
    common: Callable[[argparse.ArgumentParser], None],
    formatter: type[argparse.HelpFormatter],
) -> None:
    """``diff`` and ``migrate``, each with the options ``common`` adds."""
    command = sub.add_parser(
        "diff", help=DIFF_HELP, description=_sentence(DIFF_HELP), formatter_class=formatter
    )
    command.add_argument("--against", required=True, metavar="REF", help=REF_HELP)
    command.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: the changes by table; json: {changes: [...], breaking: N}",
    )
    _common(command, common)
    command = sub.add_parser(
        "migrate", help=MIGRATE_HELP, description=_sentence(MIGRATE_HELP), formatter_class=formatter
    )
    command.add_argument("--from", dest="source", required=True, metavar="REF", help=REF_HELP)
    command.add_argument(
        "--allow-destructive",
        action="store_true",
        help="include steps that drop tables or columns or narrow types (refused otherwise)",
    )
    command.add_argument(
        "--dialect",
        action="append",
        choices=SQL_DIALECTS,
        metavar="NAME",
        help=f"the SQL dialect of the script: {', '.join(SQL_DIALECTS)} (default: the first "
        "of the setting sql-dialects)",
    )
    _common(command, common)


def _common(
    command: argparse.ArgumentParser, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    common(command)
    command.add_argument("--out", type=Path, metavar="DIR", help="folder of generated files")


def add_check_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--breaking-against",
        metavar="REF",
        help="also exit 1 on a breaking change since REF not acknowledged in the settings",
    )


def run(args: argparse.Namespace, config: Config) -> int:
    if args.command == "diff":
        return diff(config, args.against, args.format)
    return migrate(config, args.source, list(args.dialect or ()), args.allow_destructive)


REF_HELP = "a git revision (the model is read from REF:<out>/model/) or a folder of model YAML"
