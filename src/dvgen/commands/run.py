"""``dvgen generate`` and ``dvgen check``: one run's progress line, warnings, summary and
exit code, around the library's ``run_generate`` and ``run_check``."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable

from dvgen.config import Config
from dvgen.diagnostics import Diagnostic, Diagnostics, Severity
from dvgen.display import Progress, ProgressLine, list_drift
from dvgen.runner import Outcome, run_check, run_generate
from dvgen.textdiff import shortened

EXIT_OK = 0
EXIT_DRIFT = 1
DIFF_LINES = 200
"""Lines of diff ``check`` shows per file by default; ten times as many in all."""


class Run:
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
        if outcome is not None:
            notes: Iterable[Diagnostic] = outcome.at_least(shown)
        else:
            notes = (d for d in self.diagnostics.sorted() if d.severity >= shown)
        for diagnostic in notes:
            if diagnostic.severity < Severity.ERROR and self._shown(diagnostic):
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

    def check(
        self, stat: bool = False, diff_lines: int = DIFF_LINES, remedy: str = "dvgen generate"
    ) -> int:
        """Silent when clean (warnings only with --verbose); else the files and their diffs,
        and the command that brings them up to date (``remedy``)."""
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
            f"dvgen check: {drift.total} generated file(s) out of date; run '{remedy}'",
            file=sys.stderr,
        )
        return EXIT_DRIFT
