"""Pages of 2018-2019 and older Dynamics 365 pages: properties as ``**Key**: value<br />`` lines.

They hold what later pages put in tables, so their lines become the same blocks:

- a paragraph of ``**Key**: value`` lines is a ``|Property|Value|`` table (consecutive ones
  one table);
- a ``- **Key**: value`` list after a key with no value (``**CascadeConfiguration**:``) is that
  key's value, ``Key: value<br />Key: value``, as later pages write it in one cell;
- the list after ``**Options**:`` (``- **Value**: 0 **Label**: Active **DefaultStatus**: 1``,
  ``- **TrueOption Value**: 1 **Label**: Yes``) is an options table under an ``Options``
  heading, as later pages have it, and ``**Options**:`` with no list after it none;
- a many-to-many relationship's sides (``**Entity1LogicalName**: list``, then a list of
  ``- **Entity1IntersectAttribute**: listid`` items) are the ``Entity 1`` / ``Entity 2``
  sub-sections of 2019 pages, their keys without the prefix.
"""

from __future__ import annotations

import re

from dvgen.parse import cells
from dvgen.parse.tree import Row, Section, TableBlock

_LINE = re.compile(r"^\*\*(?P<key>[^*]+?)\*\*:[ \t]?(?P<value>.*?)\s*(?:<br\s*/?>)?\s*$")
_PAIR = re.compile(r"\*\*(?P<key>[^*]+?)\*\*:\s*")
_NOT_ROWS = frozenset({"added by"})
"""Bold lines every format writes outside its tables: a paragraph of only these is no table."""
_OPTION_KEYS = {"trueoption value": "Value", "falseoption value": "Value"}
_SIDE = re.compile(r"^Entity(?P<side>[12])(?P<key>[A-Za-z]+)$")
_SIDE_TITLE = re.compile(r"^Entity [12]$")
_NAME = re.compile(r"^[a-z0-9_]+$")


def rows_of(text: str, line: int) -> list[tuple[str, str, int]] | None:
    """(key, value, line) of each line, when every line is a ``**Key**: value`` line.

    An ``**Added by**`` line alone is the paragraph every format writes (the page's or a
    block's solution, read as such); among a column's property lines, where 2018 pages put it
    first (``**Added by**: Activities Solution<br />`` above ``**Description**:``), it is one of
    the rows."""
    found = []
    for offset, source in enumerate(text.split("\n")):
        match = _LINE.match(source.strip())
        if match is None:
            return None
        found.append((match.group("key").strip(), match.group("value"), line + offset))
    if all(key.lower() in _NOT_ROWS for key, _, _ in found):
        return None
    return found


def items_of(text: str) -> list[list[tuple[str, str]]] | None:
    """The (key, value) pairs of each ``- **Key**: value ...`` item, when every line is one."""
    items = []
    for source in text.split("\n"):
        stripped = source.strip()
        if not stripped.startswith(("- ", "* ")):
            return None
        parts = _PAIR.split(stripped[2:].strip())
        if len(parts) < 3 or parts[0].strip():
            return None
        keys, values = parts[1::2], parts[2::2]
        items.append([(k.strip(), v.strip()) for k, v in zip(keys, values, strict=True)])
    return items


def attach_items(
    section: Section, table: TableBlock, items: list[list[tuple[str, str]]], line: int
) -> None:
    """Make a list the value of the table's last row (an empty ``**Key**:``)."""
    last = table.rows[-1]
    if last.cells[0].strip().lower() == "options":
        table.rows.pop()
        header = _option_header(items)
        rows = [
            Row(
                [
                    dict((_OPTION_KEYS.get(k.lower(), k), v) for k, v in item).get(h, "")
                    for h in header
                ],
                line + index,
                len(header),
            )
            for index, item in enumerate(items)
        ]
        options = TableBlock(header, rows, line)
        section.children.append(Section(section.level + 1, "Options", None, line, [options]))
        return
    value = "<br />".join(f"{key}: {text}" for item in items for key, text in item)
    table.rows[-1] = Row([last.cells[0], value], last.line, 2)


def without_empty_options(table: TableBlock) -> TableBlock:
    """The table less an ``**Options**:`` line no list follows: an empty option list, not a
    property row (2017 Dynamics 365 pages print it so for a Picklist whose options they leave
    out: ``leadaddress``'s ``addresstypecode`` and ``shippingmethodcode``)."""
    if not table.from_lines:
        return table
    rows = [
        row
        for row in table.rows
        if not (
            len(row.cells) > 1
            and row.cells[0].strip().lower() == "options"
            and not row.cells[1].strip()
        )
    ]
    if len(rows) == len(table.rows):
        return table
    return TableBlock(table.header, rows, table.line, table.from_lines)


def _option_header(items: list[list[tuple[str, str]]]) -> list[str]:
    header: list[str] = []
    for item in items:
        for key, _ in item:
            name = _OPTION_KEYS.get(key.lower(), key)
            if name not in header:
                header.append(name)
    return header


def is_open_row(table: TableBlock) -> bool:
    """Whether the table's last row is a key still waiting for its value (a list)."""
    return bool(table.rows) and not table.rows[-1].cells[1].strip()


def row_of(key: str, value: str, line: int) -> Row:
    return Row([key, value], line, 2)


def side_row(section: Section, key: str, value: str, line: int) -> bool:
    """Put a many-to-many side's row (``Entity2IntersectAttribute``) in that side's sub-section,
    unprefixed; False for any other row."""
    match = _SIDE.match(key)
    if match is None:
        return False
    title = f"Entity {match['side']}"
    child = next((c for c in section.children if c.title == title), None)
    if child is None:
        table = TableBlock(["Property", "Value"], [], line, True)
        child = Section(section.level + 1, title, None, line, [table])
        section.children.append(child)
    found = cells.links(value)
    if len(found) == 1 and value.strip().startswith("[") and value.strip().endswith(")"):
        value = found[0][0]  # ``**Entity2LogicalName**: [role](role.md)``: the table's name
    child.tables()[0].rows.append(row_of(match["key"], value, line))
    return True


def side_items(section: Section, items: list[list[tuple[str, str]]], line: int) -> bool:
    """A list of side rows (``- **Entity1NavigationPropertyName**: x``) put in their sides;
    False, and nothing moved, when any item is something else."""
    pairs = [pair for item in items for pair in item]
    if not pairs or any(_SIDE.match(key) is None for key, _ in pairs):
        return False
    for offset, (key, value) in enumerate(pairs):
        side_row(section, key, value, line + offset)
    return True


def open_side(section: Section) -> TableBlock | None:
    """The last side's table when its last row waits for a list
    (``- **Entity1AssociatedMenuConfiguration**:``)."""
    if not section.children or not _SIDE_TITLE.match(section.children[-1].title):
        return None
    tables = section.children[-1].tables()
    return tables[0] if tables and tables[0].from_lines and is_open_row(tables[0]) else None


def without_closing_name(body: str) -> str:
    """The page's text without the table's logical name the 2018 pages end with.

    What is left of the generator's closing cross-reference is the name alone on the last
    line, below a blank line or right below the last block's last line (a relationship's
    ``**IsCustomizable**: False<br />``, a column's ``**MaxLength**: 100``), in whose
    paragraph it would then be read as text. It is dropped, its line kept blank, only when it
    is the name the page's ``LogicalName`` states; any other closing text stays to be read."""
    lines = body.split("\n")
    last = len(lines) - 1
    while last > 0 and not lines[last].strip():
        last -= 1
    name = lines[last].strip()
    if last == 0 or not _NAME.match(name) or not _states_name(body, name):
        return body
    lines[last] = ""
    return "\n".join(lines)


def _states_name(body: str, name: str) -> bool:
    """Whether a ``**LogicalName**: name`` line or ``|LogicalName|name|`` row names ``name``."""
    value = rf"`?{re.escape(name)}`?"
    line = rf"\*\*LogicalName\*\*:[ \t]*{value}[ \t]*(<br\s*/?>)?"
    row = rf"\|\s*LogicalName\s*\|\s*{value}\s*\|"
    return re.search(rf"^({line}|{row})\s*$", body, re.MULTILINE) is not None
