"""Run a Markdown page as a test: the rules of docs/development.md, "Docs that run".

A page is read with markdown-it-py (the parser dvgen itself uses), so a fence inside a list item
or a quote is found as GitHub would show it. Each fence becomes a ``Block`` that says what to do
with it (run, write to a file, skip, compare, show); ``run_page`` does it in a project folder.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
RUN = {"sh": "sh", "bash": "sh", "python": "python", "sql": "sql"}
"""Fence languages that run, and how; every other language is shown only."""
SETUPS = ("specs", "shared")
TIMEOUT = 300
"""Seconds one block may take: a hung command fails its page instead of the suite."""

_DIRECTIVE = re.compile(r"<!--\s*(file:|docs-test:)\s*(.*?)\s*-->", re.DOTALL)
_EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


class PageError(AssertionError):
    """A page that breaks its own rules, or a block that failed: the message names the line."""


@dataclass(frozen=True)
class Block:
    """One fenced block of a page and what its comments ask of it."""

    page: str
    line: int
    """The fence's line (1-based), for messages."""
    lang: str
    text: str
    file: str | None = None
    skip: str | None = None
    output: bool = False
    database: str | None = None
    excerpt: str | None = None

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


@dataclass
class Page:
    """A page's blocks and the directives that apply to the whole page."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)
    skip: str | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)
    """Each heading's line and text as written (``## Quick start``)."""


def read_page(path: Path, name: str | None = None) -> Page:
    """The page at ``path``, its blocks in order; ``PageError`` when it breaks the rules."""
    name = name or path.name
    page = Page(name)
    pending: list[tuple[str, str, int]] = []
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        if token.type == "heading_open":
            page.headings.append((line, f"{token.markup} {tokens[index + 1].content}"))
        if token.type == "html_block":
            for kind, value in _DIRECTIVE.findall(token.content):
                if not _page_directive(page, kind, value, f"{name}:{line}"):
                    pending.append((kind, value, line))
        elif token.type in ("fence", "code_block"):
            page.blocks.append(_block(name, token.info.strip(), token.content, line, pending))
            pending = []
        elif pending and token.map:
            raise PageError(f"{name}:{pending[0][2]}: a block comment not followed by a block")
    if pending:
        raise PageError(f"{name}:{pending[0][2]}: a block comment not followed by a block")
    return page


def _page_directive(page: Page, kind: str, value: str, where: str) -> bool:
    """Apply ``setup``/``skip-page`` to ``page``; False when the directive is a block's."""
    word, _, rest = value.partition(" ")
    if kind != "docs-test:" or word not in ("setup", "skip-page"):
        return False
    if word == "skip-page":
        page.skip = _reason(rest, where)
    elif rest.strip() not in SETUPS:
        raise PageError(f"{where}: unknown setup {rest.strip()!r} (known: {', '.join(SETUPS)})")
    else:
        page.setup.append(rest.strip())
    return True


def _block(
    name: str, info: str, text: str, line: int, pending: list[tuple[str, str, int]]
) -> Block:
    """The block at ``line`` with the comments before it applied."""
    where = f"{name}:{line}"
    lang = info.split(maxsplit=1)[0] if info else ""
    if not lang:
        raise PageError(f"{where}: a block without a language (sh, python, sql, text, yaml...)")
    block = Block(name, line, lang, text)
    for kind, value, _ in pending:
        word, _, rest = value.partition(" ")
        if kind == "file:":
            block = replace(block, file=value)
        elif word == "skip":
            block = replace(block, skip=_reason(rest, where))
        elif word == "output":
            block = replace(block, output=True)
        elif word == "sqlite" and rest.strip():
            block = replace(block, database=rest.strip())
        elif word == "excerpt" and rest.strip():
            block = replace(block, excerpt=rest.strip())
        else:
            raise PageError(f"{where}: unknown comment 'docs-test: {value}'")
    return block


def _reason(text: str, where: str) -> str:
    if not text.strip():
        raise PageError(f"{where}: a skip needs its reason")
    return text.strip()


BIN = Path(sys.executable).parent
"""The scripts folder of the environment running the tests (the checkout's ``.venv/bin``)."""


def environment(
    project: Path, extra: Mapping[str, str] | None = None, bin_dir: Path = BIN
) -> dict[str, str]:
    """The environment of a page's commands: ``bin_dir`` first on PATH, git identity; Python
    unbuffered, so output and errors interleave as on a terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DVGEN_", "PYTHON"))}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        VIRTUAL_ENV=str(bin_dir.parent),
        DVGEN_REPO=str(ROOT),
        PYTHONUNBUFFERED="1",
        GIT_AUTHOR_NAME="Docs Test",
        GIT_AUTHOR_EMAIL="docs@example.com",
        GIT_COMMITTER_NAME="Docs Test",
        GIT_COMMITTER_EMAIL="docs@example.com",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,  # a contributor's own git settings (signing...) stay out
        PRE_COMMIT_HOME=str(project.parent / ".pre-commit-home"),
    )
    env.update(extra or {})
    return env


def new_project(project: Path, page: Page, shared: Path, bin_dir: Path = BIN) -> dict[str, str]:
    """Make ``project`` the page's fresh git repository; the environment its blocks run in,
    with the commands of ``bin_dir``."""
    project.mkdir(parents=True, exist_ok=True)
    extra: dict[str, str] = {}
    if "specs" in page.setup:
        shutil.copytree(ROOT / "specs", project / "specs")
    if "shared" in page.setup:
        extra["DVGEN_SHARED"] = str(shared)
    env = environment(project, extra, bin_dir)
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "init", "-q"], cwd=project, env=env, check=True
    )
    return env


def run_page(page: Page, project: Path, env: Mapping[str, str]) -> list[Block]:
    """Do every block of ``page`` in ``project``, in order; the blocks skipped."""
    skipped = []
    output = ""
    for block in page.blocks:
        if block.skip:
            skipped.append(block)
        elif block.file:
            target = project / block.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
        elif block.output:
            _compare(block, output)
        elif block.excerpt:
            _excerpt(block, project / block.excerpt)
        elif RUN.get(block.lang) == "sh":
            output = run_sh(block, project, env)
        elif RUN.get(block.lang) == "python":
            python = shutil.which("python", path=env["PATH"]) or sys.executable
            _check(block, _run(block, [python, "-"], block.text, project, env))
        elif RUN.get(block.lang) == "sql":
            run_sql(block, project)
    return skipped


def run_sh(block: Block, project: Path, env: Mapping[str, str]) -> str:
    """Run a ``sh`` block as one bash script; its output (stdout and stderr)."""
    prelude = (
        "set -euo pipefail; trap 'echo \"docs-test: exit $? at line $((LINENO - 1))"
        " of the block\" >&2' ERR"
    )
    script = "\n".join([prelude, *map(_expect_exit, block.text.splitlines())]) + "\n"
    result = _run(block, ["bash", "-c", script, "docs-test"], "", project, env)
    _check(block, result)
    return result.stdout


def _expect_exit(line: str) -> str:
    """``cmd  # exit N`` as a command that fails unless ``cmd`` exits ``N`` (same line)."""
    match = _EXIT.search(line)
    if not match or line.lstrip().startswith("#"):
        return line
    command, code = line[: match.start()], match.group(1)
    return (
        f"if {command}; then rc=0; else rc=$?; fi; if [ $rc -ne {code} ]; then "
        f'echo "docs-test: exit $rc, not {code}, at line $((LINENO - 1)) of the block" >&2; '
        "exit 97; fi"
    )


def run_sql(block: Block, project: Path) -> None:
    """Run a ``sql`` block on SQLite: in memory, or on the database file it names."""
    database = str(project / block.database) if block.database else ":memory:"
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(block.text)
    except sqlite3.Error as error:
        raise PageError(f"{block.where}: sql failed on SQLite: {error}\n{block.text}") from None
    finally:
        connection.close()


def _run(
    block: Block, argv: list[str], stdin: str, project: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            argv,
            input=stdin,
            cwd=project,
            env=dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise PageError(f"{block.where}: the block took over {TIMEOUT} s") from error


def _check(block: Block, result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        raise PageError(
            f"{block.where}: {block.lang} block exited {result.returncode}\n"
            f"--- block\n{block.text}--- output\n{result.stdout}"
        )


def _compare(block: Block, output: str) -> None:
    """An ``output`` block must be what the ``sh`` block before it printed."""
    if _normal(block.text) != _normal(output):
        raise PageError(
            f"{block.where}: the output differs from the page\n"
            f"--- page\n{_normal(block.text)}\n--- printed\n{_normal(output)}"
        )


def _excerpt(block: Block, path: Path) -> None:
    """Every line of an ``excerpt`` block but ``...`` is a line of the file it names."""
    if not path.is_file():
        raise PageError(f"{block.where}: an excerpt of {block.excerpt}, which does not exist")
    lines = set(path.read_text(encoding="utf-8").splitlines())
    missing = [
        line for line in block.text.splitlines() if line.strip() != "..." and line not in lines
    ]
    if missing:
        raise PageError(f"{block.where}: lines not in {block.excerpt}:\n" + "\n".join(missing))


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).strip("\n")
