"""The command line: parse arguments, run the library, map the outcome to an exit code."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from dvgen.codes import unknown_code
from dvgen.config import SQL_DIALECTS, Config, load_config
from dvgen.diagnostics import Diagnostic, Diagnostics, Severity, SpecError
from dvgen.display import ProgressLine, list_drift
from dvgen.pipeline import Progress
from dvgen.runner import Outcome, run_check, run_generate
from dvgen.staging import WriteError
from dvgen.targets import TARGETS
from dvgen.textdiff import shortened

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
DIFF_LINES = 200
"""Lines of diff ``check`` shows per file by default; ten times as many in all."""

_DESCRIPTION = """\
Turn Microsoft Dataverse table definitions (reference pages in Markdown, or YAML specs)
into a canonical YAML model, JSON Schema, SQL DDL, pydantic models and OData CSDL."""

_EPILOG = """\
exit status: 0 done (generate) or up to date (check); 1 generated files have drifted
(check); 2 bad input or usage, reported as file:line: message; 3 an internal error;
130 interrupted (Ctrl-C), the output folder as it was or wholly written.
Defaults come from [tool.dvgen] in the nearest pyproject.toml (this folder or above),
else specs/ and generated/. --target and --dialect narrow one run: the other targets'
and dialects' files are then left alone."""


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


def _add_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--specs", type=Path, metavar="DIR", help="folder of spec files")
    command.add_argument("--out", type=Path, metavar="DIR", help="folder of generated files")
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
        "--config", type=Path, metavar="FILE", help="pyproject.toml to read [tool.dvgen] from"
    )
    command.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the cache (.dvgen-cache)"
    )
    command.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes that parse specs (default: one per core, for large inputs only)",
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
    with no exit code or message of its own. So it is ignored from then on."""
    try:
        code = main()
    except KeyboardInterrupt:  # between main's last line and here
        code = EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
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
        print("dvgen: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
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
    config = loaded.narrowed(tuple(args.target or ()), tuple(args.dialect or ())).with_options(
        specs=args.specs,
        out=args.out,
        cache=False if args.no_cache else None,
        jobs=args.jobs,
        ignore=tuple(dict.fromkeys([*loaded.ignore, *(args.ignore or ())])),
    )
    run = _Run(config, quiet=args.quiet, verbose=args.verbose)
    if args.command == "generate":
        return run.generate()
    return run.check(stat=args.stat, diff_lines=args.diff_lines)


def _report_errors(exc: SpecError, stream: TextIO) -> int:
    """The errors; warnings and notes were shown (or not: --quiet) when the run finished."""
    for diagnostic in exc.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            print(diagnostic, file=stream)
    return EXIT_BAD_INPUT


class _Run:
    """One command's run: progress on a terminal, warnings, summary, exit code."""

    def __init__(self, config: Config, quiet: bool, verbose: bool) -> None:
        self.config = config
        self.quiet = quiet
        self.verbose = verbose
        self.display = ProgressLine(sys.stderr) if sys.stderr.isatty() and not quiet else None
        self.started = time.perf_counter()
        self.diagnostics = Diagnostics()

    def _finish(self, outcome: Outcome | None, warnings: bool) -> None:
        """Clear the progress line; show the warnings (``warnings``) and, verbose, the notes."""
        if self.display is not None:
            self.display.clear()
        if self.quiet or not (warnings or self.verbose):
            return
        shown = Severity.INFO if self.verbose else Severity.WARNING
        notes = outcome.warnings if outcome is not None else self.diagnostics.sorted()
        for diagnostic in notes:
            if shown <= diagnostic.severity < Severity.ERROR and self._shown(diagnostic):
                print(diagnostic, file=sys.stderr)

    def _shown(self, diagnostic: Diagnostic) -> bool:
        return not diagnostic.code or diagnostic.code not in self.config.ignore

    def _run(
        self, step: Callable[[Config, Diagnostics, Progress | None], Outcome], warnings: bool
    ) -> Outcome:
        outcome = None
        try:
            outcome = step(self.config, self.diagnostics, self.display)
            return outcome
        finally:
            self._finish(outcome, warnings)

    def generate(self) -> int:
        outcome = self._run(run_generate, warnings=True)
        report = outcome.report
        if self.verbose:
            for rel in report.written:
                print(f"wrote {self.config.out / rel}")
            for rel in report.removed:
                print(f"removed {self.config.out / rel}")
        if (self.display is not None or self.verbose) and not self.quiet:
            seconds = time.perf_counter() - self.started
            print(
                f"dvgen: {outcome.tables} tables, {outcome.files} files: "
                f"{len(report.written)} written, {len(report.unchanged)} unchanged, "
                f"{len(report.removed)} removed in {seconds:.2f}s",
                file=sys.stderr,
            )
        return EXIT_OK

    def check(self, stat: bool = False, diff_lines: int = DIFF_LINES) -> int:
        """Silent when clean (warnings only with --verbose); else the files and their diffs."""
        outcome = self._run(run_check, warnings=False)
        drift = outcome.drift
        if drift.clean:
            if self.verbose:
                seconds = time.perf_counter() - self.started
                print(f"dvgen: {outcome.files} files up to date ({seconds:.2f}s)", file=sys.stderr)
            return EXIT_OK
        list_drift(drift, self.config.out, stat, sys.stdout)
        if not (self.quiet or stat):
            diffs = [(str(self.config.out / rel), drift.diffs[rel]) for rel in sorted(drift.diffs)]
            hint = "--diff-lines 0 shows all, --stat a summary"
            sys.stdout.writelines(shortened(diffs, diff_lines, diff_lines * 10, hint))
        print(
            f"dvgen check: {drift.total} generated file(s) out of date; run 'dvgen generate'",
            file=sys.stderr,
        )
        return EXIT_DRIFT
