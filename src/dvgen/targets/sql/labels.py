"""Choice labels as tables, in the manner of Azure Synapse Link for Dataverse's metadata tables.

Synapse Link writes OptionsetMetadata, GlobalOptionsetMetadata, StateMetadata, StatusMetadata and
TargetMetadata beside the exported tables; queries join a choice value to its label through them
("Access choice labels directly from Azure Synapse Link for Dataverse"). dvgen creates the same
five tables, same names and columns, filled from the definitions, each label with its
language: 1033 (English, the reference pages'), or the one a solution's option was read in
(its ``extra`` ``LabelLanguageCode``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import LABEL_LANGUAGE, PAGE_LANGUAGE, Choice, Column, ColumnType, Table, TableSet
from dvgen.targets.sql.keys import lookup_targets
from dvgen.targets.sql.plan import ColumnPlan, Options, Row, SqlKind, TablePlan, own_options

NAME_LENGTH = 128
WHERE = Location("<sql label tables>")

_NAME = ColumnPlan("", SqlKind.TEXT, length=NAME_LENGTH, not_null=True)
_INT = ColumnPlan("", SqlKind.INT32, not_null=True)
_SHAPES: dict[str, ColumnPlan] = {
    "EntityName": _NAME,
    "OptionSetName": _NAME,
    "GlobalOptionSetName": _NAME,
    "AttributeName": _NAME,
    "ReferencedEntity": _NAME,
    "ReferencedAttribute": ColumnPlan("", SqlKind.TEXT, length=NAME_LENGTH),
    "Option": _INT,
    "State": ColumnPlan("", SqlKind.INT32),
    "Status": _INT,
    "IsUserLocalizedLabel": ColumnPlan("", SqlKind.BOOLEAN, not_null=True),
    "LocalizedLabelLanguageCode": _INT,
    "LocalizedLabel": ColumnPlan("", SqlKind.TEXT, not_null=True),
}

_LABEL = ("IsUserLocalizedLabel", "LocalizedLabelLanguageCode", "LocalizedLabel")
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "OptionsetMetadata": (
        ("EntityName", "OptionSetName", "Option", *_LABEL),
        ("EntityName", "OptionSetName", "Option", "LocalizedLabelLanguageCode"),
        "Labels of the options of local choice and yes/no columns.",
    ),
    "GlobalOptionsetMetadata": (
        ("OptionSetName", "Option", *_LABEL, "GlobalOptionSetName", "EntityName"),
        ("EntityName", "OptionSetName", "Option", "LocalizedLabelLanguageCode"),
        "Labels of the options of columns that use a global choice.",
    ),
    "StateMetadata": (
        ("EntityName", "State", *_LABEL),
        ("EntityName", "State", "LocalizedLabelLanguageCode"),
        "Labels of the State (statecode) values of each table.",
    ),
    "StatusMetadata": (
        ("EntityName", "State", "Status", *_LABEL),
        ("EntityName", "Status", "LocalizedLabelLanguageCode"),
        "Labels of the Status Reason (statuscode) values of each table, with their State.",
    ),
    "TargetMetadata": (
        ("EntityName", "AttributeName", "ReferencedEntity", "ReferencedAttribute"),
        ("EntityName", "AttributeName", "ReferencedEntity"),
        "The tables each lookup column can point at, polymorphic lookups included.",
    ),
}
"""Name -> (columns, primary key, description)."""

Values = tuple[object, ...]


def _unique(
    column: Column, diagnostics: Diagnostics, options: Options = own_options
) -> Iterator[Choice]:
    seen: set[int] = set()
    for choice in options(column):
        if choice.value in seen:
            diagnostics.warning(
                column.loc,
                f"choice value {choice.value} of {column.logical_name!r} is listed twice: "
                "the label table keeps the first",
                code="sql-label-duplicate",
            )
            continue
        seen.add(choice.value)
        yield choice


def _choice_rows(
    table: Table, column: Column, diagnostics: Diagnostics, options: Options = own_options
) -> Iterator[tuple[str, Values]]:
    """The label rows of a choice column's options: ``options``' (those its CHECK holds it
    to, a global choice's merged over the set: ``target.plan_schema``)."""
    name = table.logical_name
    for choice in _unique(column, diagnostics, options):
        label = choice.label or ""
        code = _language(choice)
        if column.type is ColumnType.STATE:
            yield "StateMetadata", (name, choice.value, False, code, label)
        elif column.type is ColumnType.STATUS:
            yield "StatusMetadata", (name, choice.state, choice.value, False, code, label)
        elif column.global_choice_name:
            yield (
                "GlobalOptionsetMetadata",
                (
                    column.logical_name,
                    choice.value,
                    False,
                    code,
                    label,
                    column.global_choice_name,
                    name,
                ),
            )
        else:
            row = (name, column.logical_name, choice.value, False, code, label)
            yield "OptionsetMetadata", row


def _language(choice: Choice) -> int:
    """The language of the option's label: 1033, the reference pages', unless it was read in
    another (``LabelLanguageCode``, set by the solution reader)."""
    stated = dict(choice.extra).get(LABEL_LANGUAGE, "")
    return int(stated) if stated.isdigit() else PAGE_LANGUAGE


def _target_rows(table: Table, column: Column, tables: TableSet) -> Iterator[tuple[str, Values]]:
    for target in lookup_targets(table, column, tables):
        other = tables.get(target)
        key = other.primary_id_attribute if other is not None else None
        yield "TargetMetadata", (table.logical_name, column.logical_name, target, key)


def plan_label_tables(
    tables: TableSet,
    plans: dict[str, TablePlan],
    diagnostics: Diagnostics,
    options: Callable[[Table], Options] = lambda table: own_options,
) -> list[TablePlan]:
    """The five label tables, their rows from every stored choice and lookup column; a
    choice's labels are those of the options ``options(table)`` gives it (its own unless
    given: ``target.plan_schema`` gives the option sets its CHECK and the records targets
    use, so that every value the CHECK takes has its label)."""
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    for table in tables.tables:
        plan = plans[table.logical_name]
        for column in table.columns:
            if column.logical_name not in plan.by_name:
                continue
            if column.type.has_options:
                found = list(_choice_rows(table, column, diagnostics, options(table)))
            elif column.type.is_lookup:
                found = list(_target_rows(table, column, tables))
            else:
                continue
            for name, values in found:
                rows[name].append(Row(values, column.loc))
    return [_table(name, rows[name]) for name in TABLES]


def _table(name: str, rows: list[Row]) -> TablePlan:
    columns, key, description = TABLES[name]
    return TablePlan(
        logical_name=name,
        description=description,
        columns=tuple(_column(column, column in key) for column in columns),
        primary_key=key,
        rows=tuple(rows),
        loc=WHERE,
    )


def _column(name: str, in_key: bool) -> ColumnPlan:
    shape = _SHAPES[name]
    not_null = shape.not_null or in_key
    return ColumnPlan(name, shape.kind, length=shape.length, not_null=not_null, loc=WHERE)
