"""The command line: parse arguments, run the library, map the outcome to an exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from dvgen.config import SQL_DIALECTS, Config, load_config
from dvgen.diagnostics import Diagnostics, Severity, SpecError
from dvgen.pipeline import Progress
from dvgen.runner import Outcome, run_check, run_generate
from dvgen.targets import TARGETS

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

_DESCRIPTION = """\
Turn Microsoft Dataverse table definitions (reference pages in Markdown, or YAML specs)
into a canonical YAML model, JSON Schema, SQL DDL, pydantic models and OData CSDL."""

_EPILOG = """\
exit status: 0 done (generate) or up to date (check); 1 generated files have drifted
(check); 2 bad input or usage, reported as file:line: message; 3 an internal error.
Defaults come from [tool.dvgen] in ./pyproject.toml, else specs/ and generated/."""


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
    return parser


def _add_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--specs", type=Path, metavar="DIR", help="folder of spec files")
    command.add_argument("--out", type=Path, metavar="DIR", help="folder of generated files")
    command.add_argument(
        "--target",
        action="append",
        choices=list(TARGETS),
        metavar="NAME",
        help=f"render only this target (repeatable): {', '.join(TARGETS)}",
    )
    command.add_argument(
        "--dialect",
        action="append",
        choices=SQL_DIALECTS,
        metavar="NAME",
        help=f"SQL dialect for the sql target (repeatable): {', '.join(SQL_DIALECTS)}",
    )
    command.add_argument(
        "--config", type=Path, metavar="FILE", help="pyproject.toml to read [tool.dvgen] from"
    )
    command.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the cache (.dvgen-cache)"
    )
    command.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="processes that parse specs (default: one per core, for large inputs only)",
    )
    loudness = command.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true", help="say what was done")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = load_config(args.config).with_options(
            specs=args.specs,
            out=args.out,
            targets=tuple(args.target or ()),
            sql_dialects=tuple(args.dialect or ()),
            cache=False if args.no_cache else None,
            jobs=args.jobs,
        )
    except SpecError as exc:
        return _report_errors(exc, sys.stderr)
    run = _Run(config, quiet=args.quiet, verbose=args.verbose)
    try:
        if args.command == "generate":
            return run.generate()
        return run.check()
    except SpecError as exc:
        return _report_errors(exc, sys.stderr)
    except OSError as exc:
        print(f"dvgen: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("DVGEN_DEBUG"):
            raise
        print(
            f"dvgen: internal error ({type(exc).__name__}: {exc}); please report it, with the "
            "traceback DVGEN_DEBUG=1 shows",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


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
        self.display = _ProgressLine(sys.stderr) if sys.stderr.isatty() and not quiet else None
        self.started = time.perf_counter()
        self.diagnostics = Diagnostics()

    def _finish(self, outcome: Outcome | None) -> None:
        if self.display is not None:
            self.display.clear()
        if self.quiet:
            return
        shown = Severity.INFO if self.verbose else Severity.WARNING
        notes = outcome.warnings if outcome is not None else self.diagnostics.sorted()
        for diagnostic in notes:
            if shown <= diagnostic.severity < Severity.ERROR:
                print(diagnostic, file=sys.stderr)

    def _run(self, step: Callable[[Config, Diagnostics, Progress | None], Outcome]) -> Outcome:
        outcome = None
        try:
            outcome = step(self.config, self.diagnostics, self.display)
            return outcome
        finally:
            self._finish(outcome)

    def generate(self) -> int:
        outcome = self._run(run_generate)
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

    def check(self) -> int:
        outcome = self._run(run_check)
        drift = outcome.drift
        if drift.clean:
            if self.verbose:
                seconds = time.perf_counter() - self.started
                print(f"dvgen: {outcome.files} files up to date ({seconds:.2f}s)", file=sys.stderr)
            return EXIT_OK
        out = self.config.out
        for label, paths in (
            ("changed", drift.changed),
            ("missing", drift.missing),
            ("stale", drift.stale),
        ):
            for rel in paths:
                print(f"{label}: {out / rel}")
        if not self.quiet:
            for rel in sorted(drift.diffs):
                sys.stdout.write(drift.diffs[rel])
        total = len(drift.changed) + len(drift.missing) + len(drift.stale)
        print(
            f"dvgen check: {total} generated file(s) out of date; run 'dvgen generate'",
            file=sys.stderr,
        )
        return EXIT_DRIFT


class _ProgressLine:
    """``parse 340/1000`` on one terminal line, shown once a run takes more than a moment."""

    DELAY = 0.3

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.perf_counter()
        self.shown = False
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self.started < self.DELAY or (now - self.last < 0.1 and done != total):
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r\x1b[Kdvgen: {stage} {done}/{total}")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
