"""Descriptions are data: whatever they hold, lxml reads back exactly the spec's text."""

from __future__ import annotations

import pytest

from dvgen.model import TableSet
from tests.test_odata_support import EDM, Rendered, col, render, render_set, table

EXACT = {
    "closing tag": "ends here </Property></EntityType></Schema>",
    "ampersand": "AT&T & co; &amp; stays &amp;",
    "cdata end": "a ]]> b <![CDATA[ c ]]>",
    "quotes": "\"double\" and 'single' and `back`",
    "comment and pi": "<!-- no --> <?xml version='1.0'?>",
    "entity": "&lt; &#x26; &unknown;",
    "template syntax": "{{ doc.namespace }} {% if x %}{# c #}{% endif %}",
    "tab": "a\tb",
    "line feed": "line 1\nline 2",
    "carriage return": "a\rb",
    "crlf": "a\r\nb\r\n",
    "leading and trailing spaces": "  padded  ",
    "unicode": "café ☕ \U0001f680 \u2028 \u0085 \u200b",
    "sql and python": '\'); DROP TABLE x; -- """ \\ end',
}


def described(text: str) -> Rendered:
    return render(table("x_thing", col("x_notes", description=text), description=text))


def read_back(doc: Rendered) -> tuple[str | None, str | None]:
    entity = doc.entity("x_thing")
    assert entity is not None
    prop = entity.find(f"{EDM}Property[@Name='x_notes']")
    assert prop is not None
    return doc.description(entity), doc.description(prop)


@pytest.mark.parametrize("case", sorted(EXACT))
def test_descriptions_round_trip_exactly(case: str) -> None:
    text = EXACT[case]
    doc = described(text)
    assert read_back(doc) == (text, text)
    assert not doc.warnings


def test_whitespace_controls_are_character_references() -> None:
    doc = described("a\tb\nc\rd")
    assert 'String="a&#9;b&#10;c&#13;d"' in doc.text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("bell \x07 here", "bell \ufffd here"),
        ("nul \x00", "nul \ufffd"),
        ("escape \x1b[0m", "escape \ufffd[0m"),
        ("noncharacter \ufffe\uffff", "noncharacter \ufffd\ufffd"),
        ("lone surrogate \ud800", "lone surrogate \ufffd"),
    ],
)
def test_characters_xml_cannot_carry_become_replacement_characters(text: str, written: str) -> None:
    doc = described(text)
    assert read_back(doc) == (written, written)
    assert sum("XML 1.0 cannot carry" in w for w in doc.warnings) == 2


def test_the_repository_specs_come_out_exact(seed_set: TableSet) -> None:
    doc = render_set(seed_set)
    for table_ in seed_set.tables:
        entity = doc.entity(table_.logical_name)
        assert entity is not None
        assert doc.description(entity) == table_.description
        for column in table_.columns:
            prop = entity.find(f"{EDM}Property[@Name='{column.logical_name}']")
            if prop is not None:
                assert doc.description(prop) == column.description, column.logical_name
    assert "{{ x }}" in doc.text
