"""What a person sees: progress and a summary on a terminal, only what matters elsewhere."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, corpus_pages, needs_shared


def _specs(tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    specs.mkdir()
    for page in corpus_pages():
        shutil.copy(page, specs / page.name)
    return specs


def _on_terminal(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Run with stderr on a pseudo-terminal; returns (exit code, what the terminal showed)."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dvgen", *argv],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env={**os.environ, "TERM": "xterm"},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    return process.wait(), b"".join(chunks).decode("utf-8", "replace")


@needs_shared
def test_a_terminal_sees_progress_and_a_summary(tmp_path: Path) -> None:
    _specs(tmp_path)
    code, shown = _on_terminal(["generate", "--no-cache", "--target", "model"], tmp_path)
    assert code == 0
    assert "\r\x1b[Kdvgen: parse " in shown
    last = shown.replace("\r\x1b[K", "\n").strip().splitlines()[-1]
    assert last.startswith(f"dvgen: {len(corpus_pages())} tables, ")
    assert " written, 0 unchanged, 0 removed in " in last


@needs_shared
def test_without_a_terminal_a_clean_run_prints_nothing(tmp_path: Path) -> None:
    _specs(tmp_path)
    for command in ("generate", "check"):
        result = subprocess.run(
            [sys.executable, "-m", "dvgen", command, "--target", "model"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        assert (result.stdout, result.stderr) == ("", "")


@pytest.mark.parametrize(
    ("flag", "expect_warning", "expect_files"),
    [("--quiet", False, False), ("--verbose", True, True), (None, True, False)],
)
def test_quiet_and_verbose(
    tmp_path: Path, flag: str | None, expect_warning: bool, expect_files: bool
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    page = (ROOT / "specs" / "backgroundoperation.md").read_text(encoding="utf-8")
    (specs / "page.md").write_text(page.replace("|ImeMode|", "|Wobble|", 1), encoding="utf-8")
    argv = [sys.executable, "-m", "dvgen", "generate", "--target", "model"]
    result = subprocess.run(
        [*argv, *([flag] if flag else [])],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert ("warning: column 'DisplayName': unknown property row 'Wobble'" in result.stderr) is (
        expect_warning
    )
    assert ("wrote generated/model/backgroundoperation.yaml" in result.stdout) is expect_files
