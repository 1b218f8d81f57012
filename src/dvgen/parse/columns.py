"""Column blocks (``### <a name="BKMK_X"></a> X``) and their choices."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import (
    Choice,
    Column,
    ColumnChange,
    ColumnType,
    DateTimeBehavior,
    RequiredLevel,
)
from dvgen.parse import boldlines, cells
from dvgen.parse.rows import RowSpec, RowValues, enum_of, present, read_rows, text
from dvgen.parse.tree import Paragraph, Section, TableBlock
from dvgen.validate import name_problem, page_key


def solution_name(raw: str) -> str:
    """The solution an ``Added by`` line or row names, without the generator's " Solution"."""
    name = cells.plain(raw).strip()
    return name[: -len(" Solution")] if name.endswith(" Solution") else name


def _solution_row(raw: str) -> str | None:
    """An ``Added by`` row among a column's 2018 property lines; None when empty."""
    return solution_name(raw) or None


_TRUE_LABEL = "_true_label"
_FALSE_LABEL = "_false_label"

COLUMN_ROWS = RowSpec.of(
    Description=("description", text),
    DisplayName=("display_name", text),
    LogicalName=("logical_name", text),
    SchemaName=("schema_name", text),
    Type=("type", enum_of(ColumnType)),
    RequiredLevel=("required_level", enum_of(RequiredLevel)),
    IsValidForCreate=("valid_for_create", cells.parse_bool),
    IsValidForUpdate=("valid_for_update", cells.parse_bool),
    IsValidForRead=("valid_for_read", cells.parse_bool),
    IsValidForForm=("valid_for_form", cells.parse_bool),
    AttributeOf=("attribute_of", text),
    Format=("format", text),
    FormatName=("format_name", text),
    ImeMode=("ime_mode", text),
    IsLocalizable=("is_localizable", cells.parse_bool),
    MaxLength=("max_length", cells.parse_int),
    MinValue=("min_value", cells.parse_number),
    MaxValue=("max_value", cells.parse_number),
    Precision=("precision", cells.parse_int),
    PrecisionSource=("precision_source", cells.parse_leading_int),
    IsBaseCurrency=("is_base_currency", cells.parse_bool),
    DateTimeBehavior=("date_time_behavior", enum_of(DateTimeBehavior)),
    CanChangeDateTimeBehavior=("can_change_date_time_behavior", cells.parse_bool),
    SourceTypeMask=("source_type_mask", cells.parse_int),
    Targets=("targets", cells.parse_list),
    GlobalChoiceName=("global_choice_name", text),
    DefaultFormValue=("default_form_value", cells.parse_int),
    DefaultValue=("default_value", cells.parse_bool),
    CanStoreFullImage=("can_store_full_image", cells.parse_bool),
    IsPrimaryImage=("is_primary_image", cells.parse_bool),
    MaxHeight=("max_height", cells.parse_int),
    MaxWidth=("max_width", cells.parse_int),
    MaxSizeInKB=("max_size_in_kb", cells.parse_int),
    AddedBy=("added_by", _solution_row),
    **{"True Label": (_TRUE_LABEL, text), "False Label": (_FALSE_LABEL, text)},
)

_ADDED_BY = re.compile(r"^\*\*Added by\*\*:?[ \t]*(.*?)\s*$", re.IGNORECASE)
_DEFAULT_VALUE = re.compile(r"^\*\*DefaultValue\*\*:?\s*(.*?)\s*$", re.IGNORECASE)
CHANGES_FROM = re.compile(r"^changes from\b", re.IGNORECASE)
OPTIONS_HEADING = re.compile(r"(?:choices/options|options|choices)\s*$", re.IGNORECASE)


def split_added_by(paragraph: Paragraph) -> tuple[str | None, Paragraph | None]:
    """``**Added by**: Active Solution Solution`` -> ("Active Solution", None); (None, None)
    for a paragraph that does not start with such a line.

    The name is a cell's text: 2017-2018 pages end the line with ``<br />``, which is markup,
    not part of the solution's name. The name ends with its line: the hand-written Dynamics
    365 Sales pages (2020-2022) run more bold lines into it with Markdown hard breaks
    (``**Entity set path**: ...``, ``**Alternate key**: ...``); those lines come back as a
    paragraph of their own, for the caller to read or report."""
    first, _, rest = paragraph.text.partition("\n")
    match = _ADDED_BY.match(first)
    if match is None:
        return None, None
    lines = [line.rstrip() for line in rest.strip("\n").split("\n") if line.strip()]
    more = Paragraph("\n".join(lines).strip(), paragraph.line + 1) if lines else None
    return solution_name(match.group(1)), more


def parse_column(
    block: Section,
    writable: bool | None,
    where: Location,
    diagnostics: Diagnostics,
    primary_id: str | None = None,
) -> Column | None:
    """One column; None (with an error reported) when its block cannot give a column.
    ``primary_id`` is the table's PrimaryIdAttribute, when the page stated it above."""
    what = f"column {block.title or block.anchor!r}"
    tables = block.tables()
    if not tables:
        diagnostics.error(where.at(block.line), f"{what}: no property table")
        return None
    rows = _read_block(block, where, what, diagnostics)
    if writable and _access_unprinted(tables[0]):
        _fixed_access(rows.values, primary_id)
    return _build(block, rows, writable, where.at(tables[0].line), what, diagnostics)


_CREATE_ONLY = frozenset({"importsequencenumber", "overriddencreatedon"})
"""Columns Dataverse lets a client set on create only, on every table (every page that prints
IsValidForUpdate prints False for them)."""
_UPDATE_ONLY = frozenset({"statecode"})
"""Columns set on update only (SetState): every page that prints IsValidForCreate prints False."""


def _access_unprinted(table: TableBlock) -> bool:
    """The 2024-on layout (values in backticks: ``|LogicalName|`name`|``), which prints
    neither IsValidForCreate nor IsValidForUpdate: a writable column's flags are unknown
    there, where older layouts print each one that is False."""
    for row in table.rows:
        if len(row.cells) > 1 and cells.plain(row.cells[0]) == "LogicalName":
            return row.cells[1].strip().startswith("`")
    return False


def _fixed_access(values: dict[str, Any], primary_id: str | None) -> None:
    """What Dataverse holds of a writable column whatever the table, where the layout does
    not print it: the primary key and the import and migration columns are set on create
    only, the state on update only. A row the block states still wins."""
    name = str(values.get("logical_name") or "").lower()
    if name in _CREATE_ONLY or (primary_id and name == primary_id.lower()):
        values.setdefault("valid_for_update", False)
    if name in _UPDATE_ONLY:
        values.setdefault("valid_for_create", False)


def parse_column_change(
    block: Section, where: Location, diagnostics: Diagnostics
) -> ColumnChange | None:
    """A ``Customized columns`` block: only the properties the extending solution changes."""
    what = f"column {block.title or block.anchor!r}"
    rows = _read_block(block, where, what, diagnostics)
    values = present(rows.values)
    _labels_to_choices(values)
    logical_name = values.pop("logical_name", None) or block.title.lower()
    logical_name = lower_logical(logical_name, where.at(block.line), what, diagnostics)
    values.pop("schema_name", None)
    if rows.extra:
        values["extra"] = tuple(rows.extra)
    if not values:
        _nothing_to_apply(rows, where.at(block.line), what, diagnostics)
        return None
    return ColumnChange(logical_name, tuple(values.items()), where.at(block.line))


EMPTY_CHANGE = "extension-change-empty"


def _nothing_to_apply(
    rows: RowValues, where: Location, what: str, diagnostics: Diagnostics
) -> None:
    """A change whose every row is empty (``|DefaultFormValue||`` on the Field Service and
    Sales pages: the app leaves a default unset that Dataverse's page gives as ``-1``, no
    default either) changes nothing dvgen keeps: noted rather than dropped silently."""
    if rows.lines:
        names = ", ".join(page_key(field) for field in rows.lines)
        message = f"{what}: the change states only empty values ({names}): nothing to apply"
        diagnostics.info(where, message, code=EMPTY_CHANGE)


def _read_block(block: Section, where: Location, what: str, diagnostics: Diagnostics) -> RowValues:
    rows = RowValues()
    tables = block.tables()
    if tables:
        first = boldlines.without_empty_options(tables[0])
        read_rows(COLUMN_ROWS, first, where, what, diagnostics, rows)
    _extra_tables(tables, where, what, diagnostics)
    for para in block.paragraphs():
        solution = item_added_by(para, where, what, diagnostics)
        if solution is not None:
            rows.values["added_by"] = solution
        elif not CHANGES_FROM.match(para.text):
            not_understood(para, where, what, diagnostics)
    for child in block.children:
        if OPTIONS_HEADING.search(child.title):
            _options_of(block, child, rows, where, what, diagnostics)
        else:
            diagnostics.warning(
                where.at(child.line), f"{what}: sub-section {child.title!r} ignored", IGNORED
            )
    return rows


IGNORED = "block-ignored"
LOGICAL_CASE = "logical-name-case"


def lower_logical(
    name: str,
    where: Location,
    what: str,
    diagnostics: Diagnostics,
    key: str = "LogicalName",
    kept: bool = False,
) -> str:
    """A page's LogicalName in lower case, the key dvgen's specs and model name every column
    by. Dataverse's generated pages print a few columns' logical names with capitals
    (``msdynmkt_errorDetails``, 2024 Marketing; ``msdyn_useOrgUILanguage``), and Dataverse
    keeps them: the Web API names the property so (Microsoft's 2019 EntityType page of
    msdyn_callablecontext lists ``msdyn_EntityLogicalName``; typings generated from live orgs
    agree). A column ``kept`` its printed name for the Web API (``Column.cased_logical_name``);
    a relationship's or a table's row naming it is keyed in lower case. Said either way, rather
    than refusing the whole page. A name that is no name at all is left as it is, for
    validation to report."""
    lowered = name.lower()
    if lowered == name or name_problem(name) is not None:
        return name
    message = f"{what}: {key} {name!r} read in lower case, as {lowered!r}"
    if kept:
        message += "; the Web API property keeps the capitals"
    diagnostics.warning(where, message, LOGICAL_CASE)
    return lowered


def item_added_by(
    para: Paragraph, where: Location, what: str, diagnostics: Diagnostics
) -> str | None:
    """The solution a column's or relationship's ``**Added by**`` paragraph names (None for
    another paragraph); lines run into it are text the item does not understand, reported."""
    solution, more = split_added_by(para)
    if more is not None:
        not_understood(more, where, what, diagnostics)
    return solution


def not_understood(para: Paragraph, where: Location, what: str, diagnostics: Diagnostics) -> None:
    message = f"{what}: text not understood: {para.text!r}"
    diagnostics.warning(where.at(para.line), message, "text-unknown")


def _extra_tables(
    tables: list[TableBlock], where: Location, what: str, diagnostics: Diagnostics
) -> None:
    for extra_table in tables[1:]:
        message = f"{what}: second table ignored (is a heading above it missing?)"
        diagnostics.warning(where.at(extra_table.line), message, IGNORED)


def _options_of(
    block: Section,
    options: Section,
    rows: RowValues,
    where: Location,
    what: str,
    diagnostics: Diagnostics,
) -> None:
    """One ``#### X Choices/Options`` sub-section: reported when it names another column or
    repeats one already read (a column heading above it is missing)."""
    named = OPTIONS_HEADING.sub("", options.title).strip()
    if named and block.title and named.lower() != block.title.lower():
        message = f"{what}: options list {options.title!r} names another column"
        diagnostics.warning(where.at(options.line), message, "options-misplaced")
    if "choices" in rows.values:
        message = f"{what}: second options list {options.title!r} ignored"
        diagnostics.warning(where.at(options.line), message, IGNORED)
        return
    _read_options(options, rows, where, what, diagnostics)


def _labels_to_choices(values: dict[str, Any]) -> None:
    """2024+ Boolean rows ``True Label``/``False Label`` as the two options."""
    true_label = values.pop(_TRUE_LABEL, None)
    false_label = values.pop(_FALSE_LABEL, None)
    if (true_label is not None or false_label is not None) and "choices" not in values:
        values["choices"] = (Choice(0, false_label or ""), Choice(1, true_label or ""))


def _build(
    block: Section,
    rows: RowValues,
    writable: bool | None,
    where: Location,
    what: str,
    diagnostics: Diagnostics,
) -> Column | None:
    values: dict[str, Any] = dict(rows.values)
    missing = [key for key in ("logical_name", "type") if values.get(key) is None]
    if missing:
        names = " and ".join({"logical_name": "LogicalName", "type": "Type"}[m] for m in missing)
        diagnostics.error(where, f"{what}: no {names} row")
        return None
    _labels_to_choices(values)
    printed = values["logical_name"]
    values["logical_name"] = lower_logical(printed, where, what, diagnostics, kept=True)
    if values["logical_name"] != printed:
        values["cased_logical_name"] = printed
    schema_name = values.pop("schema_name", None) or block.title or values["logical_name"]
    if writable is not None:
        values.setdefault("valid_for_create", writable)
        values.setdefault("valid_for_update", writable)
    for flag in ("valid_for_create", "valid_for_update", "valid_for_read"):
        if values.get(flag) is None:
            values[flag] = True
    if values.get("required_level") is None:
        values["required_level"] = RequiredLevel.NONE
    return Column(schema_name=schema_name, extra=tuple(rows.extra), loc=where, **values)


_CHOICE_COLUMNS = {
    "value": "value",
    "label": "label",
    "description": "description",
    "defaultstatus": "default_status",
    "invariantname": "invariant_name",
    "state": "state",
    "transitiondata": "transition_data",
    "details": "details",
}
_CHOICE_INTS = frozenset({"value", "default_status", "state"})


def _read_options(
    section: Section, rows: RowValues, where: Location, what: str, diagnostics: Diagnostics
) -> None:
    for para in section.paragraphs():
        match = _DEFAULT_VALUE.match(para.text)
        if match is None:
            not_understood(para, where, what, diagnostics)
            continue
        try:
            rows.values["default_value"] = cells.parse_bool(match.group(1))
        except cells.CellError as exc:
            diagnostics.error(where.at(para.line), f"{what}: DefaultValue: {exc}")
    tables = section.tables()
    if not tables:
        diagnostics.error(where.at(section.line), f"{what}: no options table")
        return
    _extra_tables(tables, where, what, diagnostics)
    choices = [
        choice
        for row_index in range(len(tables[0].rows))
        if not _blank(tables[0].rows[row_index].cells)
        and (choice := _choice(tables[0], row_index, where, what, diagnostics)) is not None
    ]
    rows.values["choices"] = tuple(choices)


def _blank(row: Sequence[str]) -> bool:
    """Whether an options row is only empty cells: the placeholder row a 2017 page's table of
    no options holds (Commitment's ``StateCode Options``, ``|       |       |``). It states no
    option, so it is no option without a value."""
    return not any(cells.plain(cell) for cell in row)


def _choice(
    table: TableBlock, index: int, where: Location, what: str, diagnostics: Diagnostics
) -> Choice | None:
    row = table.rows[index]
    here = where.at(row.line)
    values: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    try:
        for heading, raw in zip(table.header, row.cells, strict=False):
            key = _CHOICE_COLUMNS.get(cells.plain(heading).replace(" ", "").lower())
            if key is None:
                extra.append((cells.plain(heading), cells.plain(raw)))
            elif key == "details":
                _details(raw, values, extra)
            elif key in _CHOICE_INTS:
                values[key] = cells.parse_int(raw)
            else:
                values[key] = cells.plain_or_none(raw)
    except cells.CellError as exc:
        diagnostics.error(here, f"{what}: option: {exc}")
        return None
    if values.get("value") is None:
        diagnostics.error(here, f"{what}: option without a value")
        return None
    if values.get("transition_data") == "None":
        del values["transition_data"]
    for key, _value in extra:
        diagnostics.warning(here, f"{what}: option detail {key!r} kept in 'extra'", "option-extra")
    return Choice(label=values.pop("label", None) or "", extra=tuple(extra), **values)


def _details(raw: str, values: dict[str, Any], extra: list[tuple[str, str]]) -> None:
    """``Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active` `` (2024 pages)."""
    for part in cells.br_parts(raw):
        pair = cells.key_value(part)
        if pair is None:
            if part:
                extra.append(("Details", cells.plain(part)))
            continue
        key = _CHOICE_COLUMNS.get(pair[0].replace(" ", "").lower())
        if key is None or key == "details":
            extra.append((pair[0], cells.plain(pair[1])))
        elif key in _CHOICE_INTS:
            values[key] = cells.parse_int(pair[1])
        else:
            values[key] = cells.plain_or_none(pair[1])
