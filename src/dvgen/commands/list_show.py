"""``dvgen list`` and ``dvgen show TABLE``: what the specs hold, as dvgen reads them.

Both read the settings and the specs as ``generate`` does (``--table``, ``--related``,
``include`` and ``exclude`` choose the tables alike) and write nothing; bad specs are reported
as for ``generate`` (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity

LIST_HELP = "list the tables: type, columns, relationships, source file:line"
SHOW_HELP = "print one table's canonical model, with the file:line each part comes from"


def add_parsers(
    sub: argparse._SubParsersAction[Any],
    common: Callable[[argparse.ArgumentParser], None],
    formatter: type[argparse.HelpFormatter],
) -> None:
    """``list`` and ``show``, each with the options ``common`` adds."""
    listed = sub.add_parser(
        "list", help=LIST_HELP, description=_sentence(LIST_HELP), formatter_class=formatter
    )
    listed.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: aligned columns; json: a list of one object per table, names included",
    )
    common(listed)
    show = sub.add_parser(
        "show", help=SHOW_HELP, description=_sentence(SHOW_HELP), formatter_class=formatter
    )
    show.add_argument("name", metavar="TABLE", help="the table's logical name")
    show.add_argument(
        "--format",
        choices=("yaml", "json"),
        default="yaml",
        help="yaml: the model as generated/model/<table>.yaml holds it, with '# file:line' "
        "comments; json: the model and a map of sources",
    )
    show.add_argument(
        "--sources", action="store_true", help="print only where each part comes from"
    )
    common(show)


def _sentence(text: str) -> str:
    """A command's one-line help as its --help description, a sentence as generate's is."""
    return text[0].upper() + text[1:] + "."


def run(args: argparse.Namespace, config: Config) -> int:
    """Print the listing or the table to stdout; 0, or a SpecError (exit 2) when bad."""
    from dvgen import listing  # loads the pipeline: only when the command runs

    diagnostics = Diagnostics()
    tables = listing.load_tables(config, diagnostics)
    for diagnostic in diagnostics.sorted():  # a table read in part says why, as generate does
        if diagnostic.severity == Severity.WARNING and diagnostic.code not in config.ignore:
            print(diagnostic, file=sys.stderr)
    if args.command == "list":
        text = listing.list_json(tables) if args.format == "json" else listing.list_text(tables)
    else:
        table = listing.find_table(tables, args.name)
        if args.sources:
            text = listing.sources_text(table)
        elif args.format == "json":
            text = listing.show_json(table)
        else:
            text = listing.show_yaml(table)
    sys.stdout.write(text)
    return 0
