"""markdown-it's two whole-text steps, done by ``str`` methods: the same results, less time.

Before any block rule runs, markdown-it-py walks the whole text twice in Python: ``normalize``
substitutes a regex at every line end (``\\r\\n?|\\n`` to ``\\n``, each ``\\n`` replaced by
itself), and ``StateBlock`` builds its line tables (where each line begins and ends, its
indent) one line at a time with five appends each. On reference pages, mostly short table
rows, the two took about a tenth of the parse. Here ``normalize`` is ``str.replace`` where
there is something to replace, and the line tables come from ``str.split`` and list
comprehensions; everything else about the state is markdown-it's own (``StateBlock`` is made
for an empty text, then given the text and its tables), so the tokens are the same.
``tests/test_mdlines.py`` checks both against markdown-it's on real pages and odd texts.
"""

from __future__ import annotations

from itertools import accumulate
from operator import add

from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_core import block as core_block
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType


def normalize(state: StateCore) -> None:
    """Line ends to ``\\n`` and NUL to U+FFFD, as markdown-it's ``normalize`` rule: replacing
    ``\\r\\n`` then ``\\r`` is the regex ``\\r\\n?`` (its matches never overlap)."""
    src = state.src
    if "\r" in src:
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in src:
        src = src.replace("\0", "\ufffd")
    state.src = src


class LineState(StateBlock):
    """A ``StateBlock`` whose line tables are made by :func:`line_tables`."""

    def __init__(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> None:
        super().__init__("", md, env, tokens)  # every other field, as markdown-it sets it
        self.src = src
        self.bMarks, self.eMarks, self.tShift, self.sCount = line_tables(src)
        self.bsCount = [0] * len(self.bMarks)
        self.lineMax = len(self.bMarks) - 1


def line_tables(src: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """Each line's begin and end offsets, its indent in characters and in columns (a tab to
    the next multiple of four), and the extra entry at the end that markdown-it adds. A last
    line without ``\\n`` holding only spaces and tabs (or nothing) gets no entry, as there."""
    lines = src.split("\n")
    if not lines[-1].strip(" \t"):
        lines.pop()
    lengths = [len(line) for line in lines]
    begins = list(accumulate([length + 1 for length in lengths], initial=0))
    begins[-1] = len(src)
    ends = [*map(add, begins, lengths), len(src)]
    shifts = [length - len(line.lstrip(" \t")) for length, line in zip(lengths, lines, strict=True)]
    counts = shifts.copy()
    if "\t" in src:
        for number, line in enumerate(lines):
            if "\t" in line[: shifts[number]]:
                counts[number] = _columns(line[: shifts[number]])
    shifts.append(0)
    counts.append(0)
    return begins, ends, shifts, counts


def _columns(indent: str) -> int:
    """The width of an indent of spaces and tabs, a tab reaching the next multiple of four."""
    width = 0
    for character in indent:
        width += 4 - width % 4 if character == "\t" else 1
    return width


def block(state: StateCore) -> None:
    """markdown-it's ``block`` core rule, with a :class:`LineState`."""
    if state.inlineMode or not state.src:
        core_block(state)
        return
    lines = LineState(state.src, state.md, state.env, state.tokens)
    state.md.block.tokenize(lines, lines.line, lines.lineMax)


def line_plugin(md: MarkdownIt) -> None:
    """Use :func:`normalize` and :func:`block` in place of markdown-it's."""
    md.core.ruler.at("normalize", normalize)
    md.core.ruler.at("block", block)
