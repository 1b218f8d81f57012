"""markdown-it's normalize and line tables done by ``str`` methods (``parse/mdlines.py``) give
exactly markdown-it's own: every field of the block state, every token."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_core.normalize import normalize as markdown_it_normalize
from markdown_it.rules_core.state_core import StateCore

from dvgen.parse.blocks import _parser
from dvgen.parse.mdlines import LineState, block, normalize
from dvgen.parse.mdtable import pipe_table_plugin
from tests.conftest import page_params

ODD = {
    "empty": "",
    "one line without a line end": "# Title",
    "line ends only": "\n\n\n",
    "last line of spaces without a line end": "a\n   ",
    "last line of a tab without a line end": "a\n\t",
    "last line of spaces with a line end": "a\n  \n",
    "tabs and spaces in indents": "\tx\n \ty\n  \t z\n\t\t|a|b|\n   \tw\n",
    "a tab after text": "a\tb\n  c\td\n",
    "carriage returns": "a\r\nb\rc\r\r\nd\n\r",
    "NUL characters": "a\0b\n\0\n",
    "no-break and other spaces are not indent": "\u00a0a\n\u2003b\n\x0bc\n\x0cd\n",
    "a quote holding a table": "> |a|b|\n> |-|-|\n>\t|1|2|\n\n> > x\n",
}


def _stock() -> MarkdownIt:
    """The parser of ``blocks`` with markdown-it's own normalize and block rules."""
    md = MarkdownIt("zero").enable(["table", "heading", "paragraph", "blockquote"])
    md.disable("inline", ignoreInvalid=True)
    md.use(pipe_table_plugin)
    return md


def assert_same(text: str) -> None:
    md = _parser()
    ours, theirs = LineState(text, md, {}, []), StateBlock(text, md, {}, [])
    assert vars(ours) == vars(theirs)
    core, stock_core = StateCore(text, md, {}), StateCore(text, md, {})
    normalize(core)
    markdown_it_normalize(stock_core)
    assert core.src == stock_core.src
    assert md.parse(text, {"first_line": 3}) == _stock().parse(text, {"first_line": 3})


@pytest.mark.parametrize("case", list(ODD))
def test_odd_texts_give_markdown_its_state_and_tokens(case: str) -> None:
    assert_same(ODD[case])


def test_random_texts_give_markdown_its_state_and_tokens() -> None:
    rng = random.Random(14)
    pieces = [" ", "\t", "\n", "\r", "\r\n", "\0", "a", "|", "-", "#", ">", "\u00a0", "\x0b"]
    for size in range(12):
        for _ in range(150):
            assert_same("".join(rng.choice(pieces) for _ in range(size)))


@pytest.mark.parametrize("page", page_params())
def test_real_pages_give_markdown_its_state_and_tokens(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert_same(text)
    assert_same(text.replace("\n", "\r\n").replace("  ", "\t"))


def test_the_parser_uses_them() -> None:
    md = _parser()
    assert md.core.ruler.getRules("")[:2] == [normalize, block]
