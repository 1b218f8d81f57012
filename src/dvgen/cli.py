"""The command line: parse arguments, run the library, map the outcome to an exit code."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from dvgen import __version__, interrupts
from dvgen.codes import unknown_code
from dvgen.commands import list_show
from dvgen.commands.run import DIFF_LINES, Run
from dvgen.config import SQL_DIALECTS, load_config
from dvgen.diagnostics import Severity, SpecError
from dvgen.evolve import cli as evolve_cli
from dvgen.specsfolder import require_specs
from dvgen.staging import WriteError
from dvgen.targets import TARGETS

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

_DESCRIPTION = """\
Turn Microsoft Dataverse table definitions (reference pages in Markdown, YAML specs, and
solutions, unpacked or .zip) into a canonical YAML model, JSON Schema, SQL DDL, pydantic
models and OData CSDL."""

_EPILOG = """\
exit status: 0 done (generate) or up to date (check); 1 generated files have drifted
(check); 2 bad input or usage, reported as file:line: error: message; 3 an internal error;
130 interrupted (Ctrl-C), the output folder as it was or wholly written.
Defaults come from [tool.dvgen] in the nearest pyproject.toml (this folder or above),
else specs/ and generated/. --target and --dialect narrow one run: the other targets'
and dialects' files are then left alone."""


_SHORT_EPILOG = """\
exit status: 0 done; 2 bad input or usage, reported as file:line: error: message; 3 an
internal error; 130 interrupted (Ctrl-C). Defaults come from [tool.dvgen] in the nearest
pyproject.toml (this folder or above), else specs/ and generated/."""
"""The epilog of the commands that write no output (list, show, diff, migrate)."""

_ONE = {
    "specs": "dvgen reads one specs folder; link the spec files and solutions of the others "
    "into it (docs/solutions.md)",
    "out": "dvgen writes one output folder",
    "config": "dvgen reads one pyproject.toml",
}
"""The options naming one folder or file, and why a second is refused rather than taken in
place of the first, as argparse does: ``--specs ms --specs ours`` reads like both folders."""


class _Once(argparse.Action):
    """An option that may be given once (``_ONE``)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        before = getattr(namespace, self.dest, None)
        if before is not None:
            raise argparse.ArgumentError(
                self, f"given twice ('{before}', '{values}'): {_ONE[self.dest]}"
            )
        setattr(namespace, self.dest, values)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dvgen",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dvgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("generate", "render every spec and write the outputs (only files that change)"),
        ("check", "exit 1, with a diff, when the outputs on disk are not what generate writes"),
    ):
        command = sub.add_parser(
            name,
            help=text,
            description=text[0].upper() + text[1:] + ".",
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _add_options(command)
        if name == "check":
            _add_check_options(command)
            evolve_cli.add_check_option(command)
    list_show.add_parsers(sub, _add_input_options, argparse.RawDescriptionHelpFormatter)
    evolve_cli.add_parsers(sub, _add_input_options, argparse.RawDescriptionHelpFormatter)
    for command in sub.choices.values():
        command.epilog = command.epilog or _SHORT_EPILOG
    return parser


def _count(text: str, zero: str = "") -> int:
    """A number of 0 or more (``zero`` says what 0 means)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0{zero} or more, not {value}")
    return value


def _jobs(text: str) -> int:
    return _count(text, " (one per core)")


def _code(text: str) -> str:
    problem = unknown_code(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def _add_check_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--stat",
        action="store_true",
        help="list the files that differ, with lines added and removed, without the diffs",
    )
    command.add_argument(
        "--diff-lines",
        type=_count,
        default=DIFF_LINES,
        metavar="N",
        help=f"show at most N lines of diff per file and 10*N in all (default {DIFF_LINES}; "
        "0: everything)",
    )


def _add_input_options(command: argparse.ArgumentParser) -> None:
    """What every command reads: the specs, the settings, the tables chosen."""
    command.add_argument(
        "--specs",
        type=Path,
        action=_Once,
        metavar="DIR",
        help="folder of spec files and solutions (one)",
    )
    command.add_argument(
        "--config",
        type=Path,
        action=_Once,
        metavar="FILE",
        help="pyproject.toml to read [tool.dvgen] from",
    )
    command.add_argument(
        "--table",
        action="append",
        metavar="NAME_OR_GLOB",
        help="only the tables of this logical name or glob (repeatable; replaces `include`)",
    )
    command.add_argument(
        "--related",
        type=_count,
        metavar="N",
        help="also the tables at most N relationships or lookups away, either direction",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the cache (.dvgen-cache)"
    )
    command.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes that parse specs, and render in two at most (default: one per core, "
        "for large inputs only; 1: none)",
    )


def _add_options(command: argparse.ArgumentParser) -> None:
    _add_input_options(command)
    command.add_argument(
        "--out", type=Path, action=_Once, metavar="DIR", help="folder of generated files"
    )
    command.add_argument(
        "--target",
        action="append",
        choices=list(TARGETS),
        metavar="NAME",
        help=f"render, check and own only this target (repeatable): {', '.join(TARGETS)}",
    )
    command.add_argument(
        "--dialect",
        action="append",
        choices=SQL_DIALECTS,
        metavar="NAME",
        help=f"render, check and own only this SQL dialect (repeatable): {', '.join(SQL_DIALECTS)}",
    )
    command.add_argument(
        "--ignore",
        action="append",
        type=_code,
        metavar="CODE",
        help="do not show warnings or notes with this code (repeatable; adds to `ignore`)",
    )
    loudness = command.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true", help="say what was done")


def entry() -> NoReturn:
    """The ``dvgen`` command: ``main``, then exit with its code.

    Once ``main`` is done, the output is whole and a Ctrl-C can change nothing; arriving while
    the interpreter shuts down (joining worker processes), it would end dvgen by the signal,
    with no exit code or message of its own. So it is ignored from then on, and a Ctrl-C
    caught is forgotten (``interrupts.forget``: else ``python -m dvgen`` could still end by the
    signal)."""
    try:
        code = main()
    except KeyboardInterrupt:  # between main's last line and here
        code = interrupts.said()
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    interrupts.forget()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)  # in the try: a Ctrl-C here is one like any other
        return _command(args)
    except SpecError as exc:
        return _report_errors(exc, sys.stderr)
    except WriteError as exc:
        print(f"dvgen: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"dvgen: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return interrupts.said()
    except Exception as exc:
        if interrupts.caused_by_interrupt(exc):  # a class body broken off by a Ctrl-C
            return interrupts.said()
        if os.environ.get("DVGEN_DEBUG"):
            raise
        print(
            f"dvgen: internal error ({type(exc).__name__}: {exc}); please report it, with the "
            "traceback DVGEN_DEBUG=1 shows",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _command(args: argparse.Namespace) -> int:
    loaded = load_config(args.config)
    narrowed = loaded.narrowed(
        tuple(getattr(args, "target", None) or ()), tuple(getattr(args, "dialect", None) or ())
    )
    config = narrowed.with_options(
        specs=args.specs,
        out=getattr(args, "out", None),
        cache=False if args.no_cache else None,
        jobs=args.jobs,
        ignore=tuple(dict.fromkeys([*loaded.ignore, *(getattr(args, "ignore", None) or ())])),
        only_tables=tuple(args.table or ()),
        related=args.related,
    )
    require_specs(config, given=args.specs is not None)
    if args.command in ("list", "show"):
        return list_show.run(args, config)
    if args.command in ("diff", "migrate"):
        return evolve_cli.run(args, config)
    run = Run(config, quiet=args.quiet, verbose=args.verbose)
    if args.command == "generate":
        return run.generate()
    code = run.check(stat=args.stat, diff_lines=args.diff_lines, remedy=_remedy(args))
    if args.breaking_against is not None:
        code = max(code, evolve_cli.breaking(config, args.breaking_against))
    return code


_SHAPING = (("specs", "--specs"), ("config", "--config"), ("out", "--out"))
_SHAPING_MANY = (("table", "--table"), ("target", "--target"), ("dialect", "--dialect"))


def _remedy(args: argparse.Namespace) -> str:
    """The generate that brings the files ``check`` compared up to date: with the options of the
    check that choose what is written, and where (``check --out projects-only --table x`` is
    made good by ``generate --out projects-only --table x``; a plain ``generate`` would write
    the whole set to ``generated/``)."""
    argv = ["dvgen", "generate"]
    for name, option in _SHAPING:
        if getattr(args, name, None) is not None:
            argv += [option, str(getattr(args, name))]
    if args.related is not None:
        argv += ["--related", str(args.related)]
    for name, option in _SHAPING_MANY:
        for value in getattr(args, name, None) or ():
            argv += [option, value]
    return " ".join(_quoted(arg) for arg in argv)


_BREAKS_DOUBLE_QUOTES = re.compile(r'["$`!]|\\(?=["$`\\]|$)')
"""What a POSIX shell reads otherwise between double quotes: ``$`` and a backquote expand,
``!`` recalls history, a backslash before ``"``, ``$``, a backquote or a backslash (or the
closing quote) escapes it."""


def _quoted(arg: str) -> str:
    """``arg`` as a shell reads it: as it is when plain, else between double quotes, which a
    POSIX shell, PowerShell and cmd all read alike (``"projects only"``, ``"C:\\specs"``, a
    name with letters outside ASCII), else as ``shlex.quote`` quotes it. JSON's quotes wrote
    such letters as escapes no shell reads (``--out "g\\u00e9n\\u00e9r\\u00e9s"`` for
    ``générés``)."""
    if shlex.quote(arg) == arg:
        return arg
    if _BREAKS_DOUBLE_QUOTES.search(arg) is None:
        return f'"{arg}"'
    return shlex.quote(arg)


def _report_errors(exc: SpecError, stream: TextIO) -> int:
    """The errors; warnings and notes were shown (or not: --quiet) when the run finished."""
    for diagnostic in exc.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            print(diagnostic, file=stream)
    return EXIT_BAD_INPUT
