"""A Dataverse table/entity reference page (any generation since 2020) to a ``Table``."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from dvgen import elasticparts
from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.model import (
    Column,
    ColumnChange,
    ManyToManyRelationship,
    Message,
    OneToManyRelationship,
    OwnershipType,
    Page,
    Relationships,
    Table,
    TableExtension,
    TableType,
)
from dvgen.parse import cells
from dvgen.parse.blocks import foreign_tables, parse_blocks
from dvgen.parse.boldlines import without_closing_name
from dvgen.parse.columns import (
    OPTIONS_HEADING,
    lower_logical,
    parse_column,
    parse_column_change,
)
from dvgen.parse.extension import extended_table, name_in_heading, report_properties
from dvgen.parse.front import front_matter, message_columns, message_row
from dvgen.parse.intersect import seen_from_intersect
from dvgen.parse.loose import (
    FOOTER,
    ORPHAN,
    intro_text,
    lazy_paragraph,
    misplaced_children,
    orphan_blocks,
    title_tables,
)
from dvgen.parse.relationships import Kind, parse_relationship
from dvgen.parse.rows import RowSpec, enum_of, present, read_rows, text
from dvgen.parse.tree import Paragraph, Quote, Section
from dvgen.validate import name_problem

TABLE_ROWS = RowSpec.of(
    SchemaName=("schema_name", text),
    LogicalName=("logical_name", text),
    DisplayName=("display_name", text),
    DisplayCollectionName=("display_collection_name", text),
    EntitySetName=("entity_set_name", text),
    CollectionSchemaName=("collection_schema_name", text),
    LogicalCollectionName=("logical_collection_name", text),
    PrimaryIdAttribute=("primary_id_attribute", text),
    PrimaryNameAttribute=("primary_name_attribute", text),
    TableType=("table_type", enum_of(TableType)),
    OwnershipType=("ownership_type", enum_of(OwnershipType)),
    IsBPFEntity=("is_bpf_entity", cells.parse_bool),
)

_TABLE_LOGICAL_ROWS = (
    ("logical_name", "LogicalName"),
    ("primary_id_attribute", "PrimaryIdAttribute"),
    ("primary_name_attribute", "PrimaryNameAttribute"),
)
"""Table rows holding logical names, read in lower case like a column's LogicalName."""

_COLLECTION_ROWS = (
    ("collection_schema_name", "CollectionSchemaName"),
    ("logical_collection_name", "LogicalCollectionName"),
)
"""Table rows naming the table's plural, which no target needs: one that is no name is left
out (``table-property-not-a-name``) rather than failing the page."""

_SECTION_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"^messages$", "messages"),
        (r"^events$", "events"),
        (r"^(entity |table )?properties$", "properties"),
        (r"^(entity|table) details$", "details"),
        (r"^writable (columns|attributes|columns/attributes)$", "writable"),
        (r"^read-only (columns|attributes|columns/attributes)$", "read_only"),
        (r"^customized (columns|attributes|columns/attributes)$", "customized"),
        (r"^one-to-many relationships$", "one_to_many"),
        (r"^many-to-one relationships$", "many_to_one"),
        (r"^many-to-many relationships$", "many_to_many"),
        (r"^customized relationships$", "customized_relationships"),
        (r"^(customized )?(one-to-many|many-to-one|many-to-many) relationships$", "sub"),
        (rf"^{FOOTER}$", "see_also"),
        (r"^licen[cs]e (and role )?requirements$", "see_also"),
    )
)


def section_kind(title: str) -> str | None:
    for pattern, kind in _SECTION_KINDS:
        if pattern.match(title.strip()):
            return kind
    return None


def parse_page(text: str, where: Location, diagnostics: Diagnostics) -> Table | TableExtension:
    """Parse one page; raises SpecError when it cannot give a table."""
    front, body, body_line = front_matter(text, where, diagnostics)
    root = parse_blocks(without_closing_name(body), body_line)
    title_section = next((s for s in root.children if s.level == 1), None)
    if title_section is None:
        diagnostics.error(where.at(body_line), "no '# <table> reference' title heading")
        raise SpecError(diagnostics)
    _refuse_web_api_page(title_section, where, diagnostics)
    for line, kind in foreign_tables(root):
        diagnostics.error(
            where.at(line),
            f"{kind}, not a Markdown pipe table: dvgen reads pipe tables only (pandoc and "
            "other converters write a table as HTML when its cells hold line breaks); "
            "convert it to a pipe table (cells' line breaks as <br />) or use the page's source",
        )
    builder = _TableBuilder(where, diagnostics)
    builder.intro(title_section, body, body_line)
    titles = [s for s in root.children if s.level == 1]
    for extra in titles[1:]:
        diagnostics.warning(
            where.at(extra.line),
            f"a second '#' heading {extra.title!r}: a page has one title, so the sections "
            "below it are read as the page's (was a '##' or '###' meant?)",
            "heading-second-title",
        )
        title_tables(extra, where, diagnostics)
    for section in [*root.children, *(child for title in titles for child in title.children)]:
        if section.level >= 2:
            builder.section(section)
    return builder.build(Page(title=title_section.title or None, front_matter=front))


_WEB_API_TITLE = re.compile(r"^(\w+) (EntityType|ComplexType)$")


def _refuse_web_api_page(title: Section, where: Location, diagnostics: Diagnostics) -> None:
    """Refuse a Web API type page (``# subject EntityType``, the 2017 ``webapireference``
    pages) with one clear error: its ``## Properties`` table lists OData properties (Name,
    Edm type, Details), which the table-properties reader took row by row for unknown table
    properties, then failed on a missing LogicalName row, fourteen lines that never said
    what the file was."""
    found = _WEB_API_TITLE.match(title.title.strip())
    if found is None:
        return
    name, kind = found.groups()
    diagnostics.error(
        where.at(title.line),
        f"'# {title.title.strip()}' is a Web API {kind} page, not a table/entity reference "
        "page: its properties are OData properties (Edm types), not Dataverse columns; "
        f"use the '{name} table/entity reference' page",
    )
    raise SpecError(diagnostics)


class _TableBuilder:
    def __init__(self, where: Location, diagnostics: Diagnostics) -> None:
        self.where = where
        self.diagnostics = diagnostics
        self.values: dict[str, Any] = {}
        self.properties_line = 0
        self.extra: list[tuple[str, str]] = []
        self.stated: list[str] = []
        """Table properties the page states (an extension page's are not applied)."""
        self.columns: list[Column] = []
        self.messages: list[Message] = []
        self.events: list[Message] = []
        self.many_to_one: list[OneToManyRelationship] = []
        self.one_to_many: list[OneToManyRelationship] = []
        self.many_to_many: list[ManyToManyRelationship] = []
        self.column_changes: list[ColumnChange] = []
        self.changed_relationships: list[str] = []
        self.notes: list[str] = []
        self.title = ""
        self.title_line = 0

    def intro(self, title: Section, body: str, first_line: int) -> None:
        """Description paragraphs and ``**Added by**`` under the ``# Title``; a paragraph
        Markdown ran into a note above it (no blank line between) is one too (``body``, the
        page's text from ``first_line``, is split into lines only for a page with a note)."""
        self.title = title.title
        self.title_line = title.line
        title_tables(title, self.where, self.diagnostics)
        paragraphs: list[Paragraph] = []
        lines: list[str] = []
        for block in title.blocks:
            if isinstance(block, Paragraph):
                paragraphs.append(block)
            elif isinstance(block, Quote):
                lines = lines or body.split("\n")
                lazy = lazy_paragraph(block, lines, first_line)
                self.notes.append(block.text.removesuffix(f"\n{lazy.text}") if lazy else block.text)
                paragraphs.extend([lazy] if lazy else [])
        self._intro_text(paragraphs)

    def _intro_text(self, paragraphs: list[Paragraph]) -> None:
        """The solution and description of the title's paragraphs, or of an ``Entity details``
        section (whose text follows the title's)."""
        solution, texts = intro_text(paragraphs)
        if solution is not None:
            self.values["added_by"] = solution
        description = [self.values["description"]] if "description" in self.values else []
        if texts:
            self.values["description"] = "\n\n".join([*description, *texts])

    def section(self, section: Section) -> None:
        kind = section_kind(section.title) or ""
        handler = _HANDLERS.get(kind)
        if handler is None:
            self.diagnostics.warning(
                self.where.at(section.line),
                f"section {section.title!r} not understood, ignored",
                "section-unknown",
            )
            return
        handler(self, section)
        if kind in _WITHOUT_ITEMS:
            misplaced_children(section, self.where, self.diagnostics)

    def _properties(self, section: Section) -> None:
        tables = section.tables()
        self.properties_line = self.properties_line or (tables[0] if tables else section).line
        for table in tables:
            rows = read_rows(TABLE_ROWS, table, self.where, "table properties", self.diagnostics)
            self.values.update(rows.values)
            self.stated.extend(key for key, value in rows.values.items() if value is not None)
            self.extra.extend(rows.extra)

    def _messages(self, section: Section) -> None:
        """A Messages table; a row only Dataverse executes is an event (the 2023 and 2024
        layouts list BulkRetain, Retain and the like there, the later one under Events)."""
        for message in self._message_rows(section):
            cell = cells.plain(message.web_api_operation or "")
            (self.events if DATAVERSE_ONLY.match(cell) else self.messages).append(message)

    def _message_rows(self, section: Section) -> list[Message]:
        found = []
        for table in section.tables():
            columns = message_columns(table.header)
            for row in table.rows:
                message = message_row(row.cells, columns)
                if message is None:
                    self.diagnostics.warning(
                        self.where.at(row.line), "message row without a name", "message-unnamed"
                    )
                else:
                    found.append(dataclasses.replace(message, loc=self.where.at(row.line)))
        return found

    def _columns(self, section: Section, writable: bool | None) -> None:
        orphan_blocks(section, self.where, self.diagnostics)
        for block in self._column_items(section):
            primary_id = self.values.get("primary_id_attribute")
            column = parse_column(
                block, writable, self.where, self.diagnostics, str(primary_id or "") or None
            )
            if column is not None:
                self.columns.append(column)

    def _column_items(self, section: Section) -> Iterator[Section]:
        """Column blocks; an options list right under the section (its column's heading
        missing) is reported instead."""
        for block in _items(section):
            if block.level > section.level + 1 and OPTIONS_HEADING.search(block.title):
                self.diagnostics.warning(
                    self.where.at(block.line),
                    f"options list {block.title!r} has no column heading above it: ignored",
                    ORPHAN,
                )
            else:
                yield block

    def _column_changes(self, section: Section) -> None:
        orphan_blocks(section, self.where, self.diagnostics)
        for block in self._column_items(section):
            change = parse_column_change(block, self.where, self.diagnostics)
            if change is not None:
                self.column_changes.append(change)

    def _relationships(self, section: Section, kind: Kind) -> None:
        orphan_blocks(section, self.where, self.diagnostics, "relationship")
        for block in _items(section):
            self._relationship(block, kind)

    def _relationship(self, block: Section, kind: Kind) -> None:
        found = parse_relationship(block, kind, self._logical_name(), self.where, self.diagnostics)
        if isinstance(found, ManyToManyRelationship):
            self.many_to_many.append(found)
        elif kind == "many_to_one":
            self.many_to_one.append(found)
        else:
            self.one_to_many.append(found)

    def _customized_relationships(self, section: Section) -> None:
        """Dynamics 365 pages: ``### Customized Many-to-One relationships`` then ``####`` items."""
        orphan_blocks(section, self.where, self.diagnostics, "relationship")
        for group in _items(section):
            title = group.title.lower()
            kind = next((k for k in _KINDS if k.replace("_", "-") in title), None)
            if kind is None:
                self.diagnostics.warning(
                    self.where.at(group.line),
                    f"section {group.title!r} not understood, ignored",
                    "section-unknown",
                )
                continue
            orphan_blocks(group, self.where, self.diagnostics, "relationship")
            for block in group.children:
                # "Changes from [x (Microsoft Dataverse)](...)": a change to a relationship
                # defined elsewhere, named here so that resolution applies it as a change
                self.changed_relationships.append(block.title)
                if block.tables():
                    self._relationship(block, kind)

    def _logical_name(self) -> str:
        name = self.values.get("logical_name")
        if name:
            return str(name)
        return name_in_heading(self.title) or self.title.split(" ")[0].lower()

    def build(self, page: Page) -> Table | TableExtension:
        values = self.values
        where = self.where.at(self.properties_line)
        if not values.get("logical_name"):
            front_title = dict(page.front_matter).get("title")
            extends = extended_table(self.notes, self.title, str(front_title or ""))
            if extends is not None and not self.diagnostics.has_errors:
                report_properties(self.stated, where, self.diagnostics)
                return self._extension(*extends)
            if self.properties_line:
                self.diagnostics.error(where, "table properties: no LogicalName row")
            else:
                self.diagnostics.error(
                    self.where.at(self.title_line),
                    "no '## Properties' section: its LogicalName row names the table",
                )
            raise SpecError(self.diagnostics)
        self._lower_logical_names(where)
        self._collection_names(where)
        if not values.get("schema_name"):  # absent, or an empty ``|SchemaName||`` cell
            values["schema_name"] = values["logical_name"]
        if "table_type" not in values and elasticparts.described(self.columns):
            values["table_type"] = TableType.ELASTIC  # a page older than its TableType row
        if self.diagnostics.has_errors:
            raise SpecError(self.diagnostics)
        self.many_to_many = seen_from_intersect(
            self.many_to_many, values["logical_name"], values.get("ownership_type"), self.columns
        )
        return Table(
            messages=tuple(self.messages),
            events=tuple(self.events),
            columns=tuple(self.columns),
            relationships=self._relationship_set(),
            page=page,
            extra=tuple(self.extra),
            loc=where,
            **present(values),
        )

    def _lower_logical_names(self, where: Location) -> None:
        """The table's logical names in lower case, as its columns' are: a hand-written Sales
        page (msdyn_callablecontext, 2024) names its primary name column
        ``msdyn_EntityLogicalName`` in both the column's LogicalName row and the table's
        PrimaryNameAttribute row; the column was read in lower case with a warning while the
        table's row, left as printed, failed validation and the whole page with it."""
        for field, key in _TABLE_LOGICAL_ROWS:
            value = self.values.get(field)
            if isinstance(value, str) and value:
                self.values[field] = lower_logical(
                    value, where, "table properties", self.diagnostics, key
                )

    def _collection_names(self, where: Location) -> None:
        """The plural names, left out when they are no names: the 2019 on-premises page of
        appmodulecomponent prints its display name in the CollectionSchemaName row (``App
        Module Components``), which validation refused, and the whole page with it, though no
        target uses the row."""
        for field, key in _COLLECTION_ROWS:
            value = self.values.get(field)
            if isinstance(value, str) and value and name_problem(value) is not None:
                del self.values[field]
                self.diagnostics.warning(
                    where,
                    f"table properties: {key} {value!r} is no name (a display name?): left out",
                    "table-property-not-a-name",
                )

    def _relationship_set(self) -> Relationships:
        return Relationships(
            tuple(self.many_to_one), tuple(self.one_to_many), tuple(self.many_to_many)
        )

    def _extension(self, logical_name: str, solution: str | None, rank: int) -> TableExtension:
        return TableExtension(
            logical_name=logical_name,
            solution=solution,
            rank=rank,
            columns=tuple(self.columns),
            column_changes=tuple(self.column_changes),
            messages=tuple(self.messages),
            events=tuple(self.events),
            relationships=self._relationship_set(),
            changed_relationships=tuple(self.changed_relationships),
            loc=self.where.at(1),
        )


def _items(section: Section) -> Iterator[Section]:
    """The item blocks of a section (a column, a relationship), not its ``See also``: a footer
    of links. One holding a table is an item whose own heading was lost or replaced (its
    property rows name it), read as one rather than dropped without a word."""
    return (
        block
        for block in section.children
        if section_kind(block.title) != "see_also" or block.tables()
    )


DATAVERSE_ONLY = re.compile(r"This message is to be executed only by Dataverse\b", re.IGNORECASE)
"""A Messages row's Web API cell for an event: Dataverse runs it, a client subscribes to it."""
_KINDS: tuple[Kind, ...] = ("many_to_one", "one_to_many", "many_to_many")
_WITHOUT_ITEMS = frozenset({"messages", "events", "properties", "details", "see_also"})
"""Sections read for their tables only: a heading under one of them is misplaced."""
_HANDLERS: dict[str, Callable[[_TableBuilder, Section], None]] = {
    "messages": lambda b, s: b._messages(s),
    "events": lambda b, s: b.events.extend(b._message_rows(s)),
    "properties": _TableBuilder._properties,
    "details": lambda b, s: b._intro_text(s.paragraphs()),
    "writable": lambda b, s: b._columns(s, True),
    "read_only": lambda b, s: b._columns(s, False),
    "customized": _TableBuilder._column_changes,
    "one_to_many": lambda b, s: b._relationships(s, "one_to_many"),
    "many_to_one": lambda b, s: b._relationships(s, "many_to_one"),
    "many_to_many": lambda b, s: b._relationships(s, "many_to_many"),
    "customized_relationships": _TableBuilder._customized_relationships,
    "see_also": lambda b, s: None,
}
"""What each kind of ``##`` section feeds."""
