"""Relationship blocks: one-to-many, many-to-one and many-to-many, in every page format."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Literal

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import ManyToManyRelationship, ManyToManySide, OneToManyRelationship
from dvgen.parse import cells
from dvgen.parse.columns import (
    CHANGES_FROM,
    IGNORED,
    item_added_by,
    lower_logical,
    not_understood,
)
from dvgen.parse.rows import (
    RowSpec,
    RowValues,
    cascade,
    menu,
    nullable_text,
    present,
    read_rows,
    text,
)
from dvgen.parse.tree import Paragraph, Section
from dvgen.validate import name_problem

Kind = Literal["many_to_one", "one_to_many", "many_to_many"]

ONE_TO_MANY_ROWS = RowSpec.of(
    SchemaName=("schema_name", text),
    ReferencedEntity=("referenced_entity", text),
    ReferencedAttribute=("referenced_attribute", text),
    ReferencingEntity=("referencing_entity", text),
    ReferencingAttribute=("referencing_attribute", text),
    ReferencedEntityNavigationPropertyName=("referenced_entity_navigation_property_name", text),
    ReferencingEntityNavigationPropertyName=("referencing_entity_navigation_property_name", text),
    IsHierarchical=("is_hierarchical", cells.parse_bool),
    IsCustomizable=("is_customizable", cells.parse_bool),
    IsRelationshipAttributeDenormalized=(
        "is_relationship_attribute_denormalized",
        cells.parse_bool,
    ),
    IsDenormalizedLookup=("is_denormalized_lookup", cells.parse_bool),
    DenormalizedAttributeName=("denormalized_attribute_name", nullable_text),
    EntityKey=("entity_key", nullable_text),
    CascadeConfiguration=("cascade_configuration", cascade),
    AssociatedMenuConfiguration=("associated_menu_configuration", menu),
)

MANY_TO_MANY_ROWS = RowSpec.of(
    SchemaName=("schema_name", text),
    IntersectEntityName=("intersect_entity_name", text),
    IsCustomizable=("is_customizable", cells.parse_bool),
    LogicalName=("logical_name", text),
    IntersectAttribute=("intersect_attribute", text),
    NavigationPropertyName=("navigation_property_name", text),
    AssociatedMenuConfiguration=("associated_menu_configuration", menu),
)
_SIDE_FIELDS = ("logical_name", "intersect_attribute", "navigation_property_name")
_ATTRIBUTE_KEYS = (
    ("referenced_attribute", "ReferencedAttribute"),
    ("referencing_attribute", "ReferencingAttribute"),
)
"""The column names a one-to-many block gives, read in lower case as the columns' are."""
_SIDE_FIELDS_ALL = (*_SIDE_FIELDS, "associated_menu_configuration")

LINK_TEXT = re.compile(
    r"^(?:same as|see|(?:one-to-many|many-to-one|many-to-many) relationship)\b", re.IGNORECASE
)
INTERSECT = re.compile(r"^IntersectEntityName:\s*(.*?)\s*(?:<br\s*/?>)?\s*$", re.IGNORECASE)


def parse_relationship(
    block: Section, kind: Kind, table: str, where: Location, diagnostics: Diagnostics
) -> OneToManyRelationship | ManyToManyRelationship:
    """One relationship block; what the page does not say stays None for resolution to fill."""
    name = block.title or (block.anchor or "").removeprefix("BKMK_")
    what = f"relationship {name!r}"
    rows = RowValues()
    spec = MANY_TO_MANY_ROWS if kind == "many_to_many" else ONE_TO_MANY_ROWS
    for found in block.tables():
        read_rows(spec, found, where, what, diagnostics, rows)
    related, intersect, solution = _read_paragraphs(block, table, where, what, diagnostics)
    values = rows.values
    if not values.get("schema_name"):  # absent, or an empty ``|SchemaName||`` cell
        values["schema_name"] = name
    if solution is not None:
        values["added_by"] = solution
    here = where.at(block.line)
    extra = tuple(rows.extra)
    if kind == "many_to_many":
        if intersect is not None:
            values.setdefault("intersect_entity_name", intersect)
        return _many_to_many(block, values, table, related, extra, here, what, diagnostics)
    for field, key in _ATTRIBUTE_KEYS:
        if values.get(field):
            values[field] = lower_logical(values[field], here, what, diagnostics, key)
    if kind == "many_to_one":
        values.setdefault("referencing_entity", table)
        if related is not None:
            values.setdefault("referenced_entity", related)
    else:
        values.setdefault("referenced_entity", table)
        if related is not None:
            values.setdefault("referencing_entity", related)
    return OneToManyRelationship(extra=extra, loc=here, **present(values))


def _read_paragraphs(
    block: Section, table: str, where: Location, what: str, diagnostics: Diagnostics
) -> tuple[str | None, str | None, str | None]:
    """(the other table linked to, IntersectEntityName line, Added by solution).

    A link to an anchor of the same page (``#BKMK_x-one-to-many``) names this table. The 2018
    pages end with the table's logical name alone on a line (the remains of the generator's
    closing cross-reference), under the last relationship: it says nothing and is skipped.
    """
    related = intersect = solution = None
    for para in block.paragraphs():
        match = INTERSECT.match(para.text)
        if match is not None:
            _repeated(intersect, para, where, what, diagnostics)
            intersect = intersect or cells.plain_or_none(match.group(1))
            continue
        if (found := item_added_by(para, where, what, diagnostics)) is not None:
            solution = found
            continue
        if CHANGES_FROM.match(para.text) or para.text.strip().lower() == table.lower():
            continue  # an extension page's link to the base page; a 2018 page's closing name
        targets = [cells.page_name(target) or table for _, target in cells.links(para.text)]
        pages = [t for t in targets if t]
        if LINK_TEXT.match(para.text) and pages:
            _repeated(related, para, where, what, diagnostics)
            related = related or _table_name(pages[0], para, where, what, diagnostics)
            _lines_after_link(para, table, where, what, diagnostics)
            continue
        not_understood(para, where, what, diagnostics)
    return related, intersect, solution


def _lines_after_link(
    para: Paragraph, table: str, where: Location, what: str, diagnostics: Diagnostics
) -> None:
    """Lines glued under a relationship's one-line link text, with no blank line between.

    The 2018 pages glue the table's logical name (the closing cross-reference's remains) under
    the last relationship's line: it says nothing. Any other text there would be lost without
    a word, so it is warned about as text not understood. The link text itself can span lines:
    a formatter that reflows prose (prettier's ``--prose-wrap always``, mdformat's ``--wrap``)
    breaks ``One-To-Many Relationship: [x y](x.md#BKMK_y)`` after its colon, ``Same as the
    [x](y.md#BKMK_x) many-to-one relationship for the [y](y.md) table/entity.`` after a link:
    the lines up to the first that ends the sentence are the sentence's.
    """
    lines = para.text.split("\n")
    first = _sentence_lines(lines)
    rest = [
        line.strip()
        for line in lines[first:]
        if line.strip() and line.strip().lower() != table.lower()
    ]
    if rest:
        not_understood(Paragraph("\n".join(rest), para.line + 1), where, what, diagnostics)


_SENTENCE = re.compile(
    r"\b(?:relationship|table/entity|entity|table)\.$"
    r"|^(?:(?:one-to-many|many-to-one|many-to-many) relationship:\s*|see\s+)\[[^\]]*\]\([^)]*\)$",
    re.IGNORECASE,
)
"""A whole relationship sentence: the 2020-2023 pages' ``Same as ... relationship.``,
``See the ... table/entity.``; the 2024 pages' ``Many-To-One Relationship: [x y](..)`` and
``See [x y Many-To-Many Relationship](..)``."""


def _sentence_lines(lines: list[str]) -> int:
    """How many of a paragraph's lines its relationship sentence takes: the fewest that make a
    whole sentence, one when none do (what follows is then text not understood)."""
    for count in range(1, len(lines) + 1):
        if _SENTENCE.search(" ".join(line.strip() for line in lines[:count])):
            return count
    return 1


def _table_name(
    page: str, para: Paragraph, where: Location, what: str, diagnostics: Diagnostics
) -> str | None:
    """The table a link's page names; None (with a warning) when it cannot be a table name."""
    if name_problem(page) is None:
        return page
    message = f"{what}: the page linked to, {page!r}, is not a table: the related table is unknown"
    diagnostics.warning(where.at(para.line), message, "link-not-a-table")
    return None


def _repeated(
    found: str | None, para: Paragraph, where: Location, what: str, diagnostics: Diagnostics
) -> None:
    """A second relationship line in one block: another relationship's heading is missing."""
    if found is not None:
        message = f"{what}: second relationship text ignored (is a heading above it missing?)"
        diagnostics.warning(where.at(para.line), message, IGNORED)


def _many_to_many(
    block: Section,
    values: dict[str, Any],
    table: str,
    related: str | None,
    extra: tuple[tuple[str, str], ...],
    here: Location,
    what: str,
    diagnostics: Diagnostics,
) -> ManyToManyRelationship:
    sides = [
        side
        for child in block.children
        if (side := _side_rows(child, here, what, diagnostics)) is not None
    ]
    entity1 = sides[0].get("logical_name") if sides else None
    if sides:
        this_side, other_side = _sides_of_tables(sides, values, table)
    else:
        this_side, other_side = _sides_of_rows(values, table, related)
        this_side, other_side = _other_tables_id(
            this_side, other_side, table, here, what, diagnostics
        )
    for key in _SIDE_FIELDS_ALL:
        values.pop(key, None)
    return ManyToManyRelationship(
        entity1=entity1,
        this_table=this_side,
        other_table=other_side,
        extra=extra,
        loc=here,
        **present(values),
    )


def _sides_of_tables(
    sides: list[dict[str, Any]], values: dict[str, Any], table: str
) -> tuple[ManyToManySide, ManyToManySide]:
    """2017-2023 pages: ``#### Table 1`` and ``#### Table 2`` (``Entity``), this table's side
    first."""
    for side in sides:
        if "is_customizable" in side:
            values.setdefault("is_customizable", side.pop("is_customizable"))
    mine = next((s for s in sides if s.get("logical_name") == table), sides[0])
    other = next((s for s in sides if s is not mine), {})
    return _side(mine), _side(other)


def _sides_of_rows(
    values: dict[str, Any], table: str, related: str | None
) -> tuple[ManyToManySide, ManyToManySide]:
    """2024+ pages: this table's side in the rows, the other table named by the link."""
    own = {k: values.get(k) for k in _SIDE_FIELDS_ALL}
    if related is not None or any(v is not None for v in own.values()):
        own["logical_name"] = own["logical_name"] or table
    return _side(own), ManyToManySide(logical_name=related)


def _other_tables_id(
    this_side: ManyToManySide,
    other_side: ManyToManySide,
    table: str,
    here: Location,
    what: str,
    diagnostics: Diagnostics,
) -> tuple[ManyToManySide, ManyToManySide]:
    """A 2024+ row whose IntersectAttribute is the other table's id, not this table's.

    The rows give this table's side: on lead's page (2025) ``contactleads_association`` says
    ``leadid``, but ``accountleads_association`` says ``accountid``, account's id (the first
    table's attribute, printed on the second table's page). Read as this table's, it made the
    intersect table's ``accountid`` a foreign key to lead. It is read as the other table's side,
    with a warning; a self-referencing relationship is left as the page gives it.
    """
    other = other_side.logical_name
    attribute = this_side.intersect_attribute
    if other is None or other == table or attribute is None:
        return this_side, other_side
    if attribute.lower() != f"{other}id" or other_side.intersect_attribute is not None:
        return this_side, other_side
    message = (
        f"{what}: IntersectAttribute {attribute!r} is the id of the other table {other!r}, "
        f"not of {table!r}: read as the side of {other!r}"
    )
    diagnostics.warning(here, message, "intersect-attribute-other-side")
    return replace(this_side, intersect_attribute=None), replace(
        other_side, intersect_attribute=attribute
    )


def _side(values: dict[str, Any]) -> ManyToManySide:
    return ManyToManySide(**present({k: values.get(k) for k in _SIDE_FIELDS_ALL}))


def _side_rows(
    child: Section, where: Location, what: str, diagnostics: Diagnostics
) -> dict[str, Any] | None:
    """``#### Table 1`` / ``#### Table 2`` blocks of 2021-2023 pages; the pages of 2017-2020
    (still "entity") title them ``#### Entity 1`` / ``#### Entity 2``."""
    if not child.title.lower().startswith(("table", "entity")):
        message = f"{what}: sub-section {child.title!r} ignored"
        diagnostics.warning(where.at(child.line), message, IGNORED)
        return None
    rows = RowValues()
    for found in child.tables():
        read_rows(MANY_TO_MANY_ROWS, found, where, f"{what} {child.title}", diagnostics, rows)
    return rows.values
