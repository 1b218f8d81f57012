"""Every page of the docs runs: README.md and docs/**/*.md, one test a page (see
docs/development.md, "Docs that run"), and the rules themselves, on small pages of their own."""

from __future__ import annotations

import fnmatch
import json
import re
import tempfile
from pathlib import Path

import pytest

from dvgen import config
from tests.conftest import NO_SHARED, SHARED
from tests.docpages import ROOT, PageError, new_project, read_page, run_page

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#([^)\s]*))?\)")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_runs(path: Path, tmp_path: Path) -> None:
    page = read_page(path, str(path.relative_to(ROOT)))
    if page.skip:
        pytest.skip(page.skip)
    if "shared" in page.setup and not SHARED.is_dir():
        pytest.skip(NO_SHARED)
    project = tmp_path / "project"
    run_page(page, project, new_project(project, page, SHARED))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path: Path) -> None:
    """A link to another page or file of the repository names one that exists, and a link to a
    section of a page names one of its headings (as GitHub makes anchors of them)."""
    text = path.read_text(encoding="utf-8")
    broken = []
    for link, anchor in _LINK.findall(text):
        target = path.parent / link
        if "://" in link or link.startswith("mailto:"):
            continue
        if not target.exists():
            broken.append(link)
        elif anchor and anchor not in _anchors(target):
            broken.append(f"{link}#{anchor}")
    assert broken == []


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as '-'."""
    if page.suffix != ".md":
        return set()
    titles = [title.split(" ", 1)[1] for _, title in read_page(page).headings]
    return {re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-") for title in titles}


def test_every_docs_page_is_linked_from_the_index() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    linked = {link for link, _ in _LINK.findall(index) if "://" not in link}
    pages = {str(p.relative_to(ROOT / "docs")) for p in PAGES[1:]} - {"index.md"}
    assert sorted(pages - linked) == []


def test_the_readme_table_lists_every_setting() -> None:
    """The settings table of the README names each key ``[tool.dvgen]`` accepts, and no other."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Settings\n", 1)[1].split("\n#", 1)[0]
    listed = {row.split("`")[1] for row in section.splitlines() if row.startswith("| `")}
    assert sorted(listed) == sorted({*config._KEYS, "breaking.allow"})


def test_the_layout_of_the_development_page_names_what_exists() -> None:
    """Each module (``x.py``, ``layer*.py``) and folder (``x/``) the layout names exists in the
    repository, so the map cannot outlive a move."""
    page = read_page(ROOT / "docs" / "development.md")
    (layout,) = [b.text for b in page.blocks if b.text.startswith("src/dvgen/")]
    skipped = {".venv", ".git", "node_modules", "__pycache__"}
    files = {str(p.relative_to(ROOT)) for p in ROOT.glob("**/*") if not skipped & set(p.parts)}
    missing = []
    for name in sorted(set(re.findall(r"[\w<>*.-]+(?:\.py|/)", layout))):
        if name.startswith("."):
            continue  # a folder dvgen makes as it runs (.dvgen-cache/): no file of a checkout
        pattern = name.replace("<target>", "*").rstrip("/")
        if not any(fnmatch.fnmatch(f, f"*{pattern}") or f == pattern for f in files):
            missing.append(name)
    assert missing == []


def test_the_spec_format_names_every_key_a_yaml_spec_may_hold() -> None:
    """Each key of the spec schema (``src/dvgen/schema/table.schema.json``) is named, in
    backticks, on the spec format page or, for customizations, on theirs."""
    schema = json.loads((ROOT / "src/dvgen/schema/table.schema.json").read_text(encoding="utf-8"))
    pages = [ROOT / "docs" / name for name in ("spec-format.md", "customizations.md")]
    text = "".join(page.read_text(encoding="utf-8") for page in pages if page.is_file())
    assert sorted(key for key in _keys(schema) if f"`{key}`" not in text) == []


def _keys(node: object) -> set[str]:
    """The property names anywhere in a JSON Schema."""
    if isinstance(node, list):
        return set().union(*map(_keys, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set(node["properties"]) if isinstance(node.get("properties"), dict) else set()
    return found.union(*map(_keys, node.values()))


# The rules, each shown on a page that keeps or breaks it.


def _run(tmp_path: Path, text: str) -> list[str]:
    """Run the page ``text``; the reasons of its skipped blocks."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / "page.md"
    path.write_text(text, encoding="utf-8")
    page = read_page(path)
    project = folder / "project"
    return [
        block.skip or "" for block in run_page(page, project, new_project(project, page, SHARED))
    ]


def _fails(tmp_path: Path, text: str) -> str:
    with pytest.raises(PageError) as error:
        _run(tmp_path, text)
    return str(error.value)


def test_a_failing_command_fails_its_page_at_its_line(tmp_path: Path) -> None:
    message = _fails(tmp_path, "# p\n\n```sh\ntrue\nfalse\ntrue\n```\n")
    assert message.startswith("page.md:3: sh block exited 1")
    assert "docs-test: exit 1 at line 2 of the block" in message


def test_an_exit_comment_asserts_that_code(tmp_path: Path) -> None:
    assert _run(tmp_path, "```sh\nexit_with() { return $1; }; exit_with 1  # exit 1\n```\n") == []
    message = _fails(tmp_path, "```sh\ntrue  # exit 1\n```\n")
    assert "docs-test: exit 0, not 1, at line 1 of the block" in message


def test_files_are_written_then_used_and_output_compared(tmp_path: Path) -> None:
    page = (
        "<!-- file: sub/a.txt -->\n```yaml\nkey: value\n```\n\n"
        "```sh\ncat sub/a.txt\ngit rev-parse --is-inside-work-tree\n```\n\n"
        "<!-- docs-test: output -->\n```text\nkey: value\ntrue\n```\n"
    )
    assert _run(tmp_path, page) == []
    assert "the output differs" in _fails(tmp_path, page.replace("true\n```\n", "false\n```\n"))


def test_python_and_sql_blocks_run(tmp_path: Path) -> None:
    page = (
        "```python\nimport sqlite3\nsqlite3.connect('app.db').execute('create table t (x)')\n```\n"
        "<!-- docs-test: sqlite app.db -->\n```sql\ninsert into t values (1);\n```\n"
    )
    assert _run(tmp_path, page) == []
    assert "no such table: t" in _fails(
        tmp_path, page.replace("<!-- docs-test: sqlite app.db -->\n", "")
    )
    assert "python block exited 1" in _fails(tmp_path, "```python\nraise SystemExit(1)\n```\n")
    assert "no such table: u" in _fails(tmp_path, "```sql\nselect * from u;\n```\n")


def test_an_excerpt_is_lines_of_its_file(tmp_path: Path) -> None:
    page = (
        "```sh\nprintf 'a\\nb\\nc\\n' > f.txt\n```\n"
        "<!-- docs-test: excerpt f.txt -->\n```text\na\n...\nc\n```\n"
    )
    assert _run(tmp_path, page) == []
    assert "lines not in f.txt:\nd" in _fails(tmp_path, page.replace("...\nc", "...\nd"))


def test_skips_need_a_reason_and_comments_a_block(tmp_path: Path) -> None:
    assert _run(tmp_path, "<!-- docs-test: skip needs the network -->\n```sh\nfalse\n```\n") == [
        "needs the network"
    ]
    assert "a skip needs its reason" in _fails(tmp_path, "<!-- docs-test: skip -->\n```sh\n```\n")
    assert "not followed by a block" in _fails(tmp_path, "<!-- file: a -->\n\ntext\n")
    assert "without a language" in _fails(tmp_path, "```\nls\n```\n")
    assert "unknown comment" in _fails(tmp_path, "<!-- docs-test: skp x -->\n```sh\n```\n")


def test_the_page_setup_copies_the_specs(tmp_path: Path) -> None:
    page = "<!-- docs-test: setup specs -->\n\n```sh\ntest -f specs/contoso_project.yaml\n```\n"
    assert _run(tmp_path, page) == []
    assert "unknown setup 'spec'" in _fails(tmp_path, page.replace("specs -->", "spec -->"))
