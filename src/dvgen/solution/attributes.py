"""Columns: one ``<attribute>`` of an Entity.xml to a model ``Column`` with its facets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from dvgen.diagnostics import Diagnostics, Location, clip
from dvgen.lookups import POLYMORPHIC
from dvgen.model import Choice, Column, ColumnType, Number, RequiredLevel
from dvgen.parse.columns import lower_logical
from dvgen.solution.labels import Language
from dvgen.solution.optionsets import OptionSet, read_optionset
from dvgen.solution.vocabulary import (
    BEHAVIORS,
    DERIVED_SOURCE_TYPES,
    FORMATS,
    REQUIRED,
    TYPE_CODES,
    TYPES,
)
from dvgen.solution.xml import MAX_DIGITS, Node, integer

VALIDITY = ("ValidForCreateApi", "ValidForUpdateApi", "ValidForReadApi")
"""Exports list all three (2016 on) or only those that hold (2011-2015: where every stated
one is 1, an absent one is 0); an attribute stating none of them is valid for all three."""
DERIVED = frozenset(DERIVED_SOURCE_TYPES)
"""``<SourceType>`` of a calculated (1), rollup (2) or formula (3) column: read-only, whatever
its ``ValidFor...Api`` flags say. Microsoft's "Formula, calculated, and rollup columns": "They're
read-only"; its pages list a rollup column (account's ``opendeals``) among the columns whose
IsValidForCreate and IsValidForUpdate are false. Exports mostly state 0 for both, but 1 for
some: CityForPeople's calculated ``pc_Debt`` (2022), 17 of the CoE Starter Kit's 52 (2024)."""
PLATFORM_WRITTEN = frozenset(
    "createdby createdon createdonbehalfby modifiedby modifiedon modifiedonbehalfby "
    "owninguser owningteam".split()
)
"""Columns Dataverse alone writes, on every table (who made and changed a row and when, its
owning user or team): never valid for create or update, whatever an export says. 114 of the
114 tables of ``../shared/solutions`` state 0 for both, as every page of the corpus does and
Microsoft's EntityTypes have ``createdon`` and ``modifiedon`` read-only; tc-ca/CCMS-SGCR's
``hr_HRCase`` (HRCaseManagement, 2022) states 1 for every column it lists, these too, where the
same solution's ``hr_CaseType`` states 0."""
COLUMN_LABELS = (("display_name", "displaynames"), ("description", "Descriptions"))
"""A column's labels, each with the element of ``<attribute>`` that holds it."""
MAPPED = frozenset(
    "type name logicalname requiredlevel displaymask validforcreateapi validforreadapi "
    "validforupdateapi islocalizable imemode format maxlength minvalue maxvalue accuracy "
    "accuracysource behavior canchangedatetimebehavior optionsetname optionset appdefaultvalue "
    "displaynames descriptions iscustomfield lookuptypes referencedentityobjecttypecode".split()
)
"""Elements read into the column's fields."""
NOTED = (
    "AutoNumberFormat",
    "SourceType",
    "FormulaDefinitionFileName",
    "CalculationOf",
    "ExternalName",
)
"""Elements with no column field that a reader of the YAML needs: kept in ``extra`` when set
(``SourceType`` 1 calculated, 2 rollup, 3 formula; 0 is a plain column; ``ExternalName`` the
field of a virtual table's source the column maps to)."""
IGNORED = frozenset(
    "isauditenabled issecured introducedversion iscustomizable isrenameable "
    "canmodifysearchsettings canmodifyrequirementlevelsettings canmodifyadditionalsettings "
    "isglobalfilterenabled issortableenabled canmodifyglobalfiltersettings "
    "canmodifyissortablesettings isdatasourcesecret issearchable isfilterable isretrievable "
    "islogical length lookupstyle yomiof".split()
)
"""Elements about the maker's app, auditing, search or storage: no target uses them."""


_TYPE_CODES = frozenset({ColumnType.INTEGER, ColumnType.PICKLIST})
"""Types an export gives a column holding a table's type code (``ObjectTypeCode`` mask)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What reading a column needs beyond its element."""

    where: Location
    language: Language
    global_sets: dict[str, OptionSet]
    images: frozenset[tuple[str, str, str]]
    """(table, column, ``full``/``primary``): image settings of customizations.xml."""
    table: str
    prefix: str | None = None
    """The publisher's customization prefix: a column named with it is custom where an export
    leaves out ``<IsCustomField>``."""
    option_prefix: int | None = None
    """The publisher's option value prefix: an option valued with it is one the solution adds."""
    base_language: int | None = None
    """The export's base language (``<ImportExportXml languagecode>``), the language of the texts
    it writes without a ``languagecode`` (``<Name LocalizedName=…>``)."""


def read_attribute(node: Node, ctx: Context, diagnostics: Diagnostics) -> Column | None:
    """The column, or None (reported) when it has no name."""
    where = ctx.where.at(node.line)
    printed = node.value("LogicalName") or node.value("Name") or ""
    if not printed:
        diagnostics.error(where, "an <attribute> without <LogicalName> or <Name>")
        return None
    what = f"column {printed!r} of table {ctx.table!r}"
    logical = lower_logical(printed, where, what, diagnostics, kept=True)
    column_type, extra = _type(node, logical, where, diagnostics)
    mask = (node.value("DisplayMask") or "").lower().split("|")
    facets = _facets(node, column_type, where, diagnostics)
    facets.update(_references(node, column_type, ctx, logical, mask))
    choices, global_name = (
        _choices(node, ctx, diagnostics)
        if column_type is not ColumnType.ENTITY_NAME
        else ((), None)
    )
    stated = [node.value(tag) for tag in VALIDITY if node.child(tag) is not None]
    valid = not stated or not all(text == "1" for text in stated)
    written = (node.value("SourceType") or "0").strip() not in DERIVED
    written = written and logical not in PLATFORM_WRITTEN
    display_name, description = (ctx.language.pick(node.child(tag)) for _, tag in COLUMN_LABELS)
    return Column(
        logical_name=logical,
        schema_name=node.get("PhysicalName") or node.value("Name") or logical,
        type=column_type,
        display_name=display_name,
        description=description,
        required_level=_required(node, where, diagnostics),
        valid_for_create=written and _flag(node, "ValidForCreateApi", valid),
        valid_for_update=written and _flag(node, "ValidForUpdateApi", valid),
        valid_for_read=_flag(node, "ValidForReadApi", valid),
        valid_for_form="validforform" in mask if node.child("DisplayMask") else None,
        global_choice_name=global_name,
        choices=choices,
        extra=(*extra, *_noted(node), *_style(node), *_unknown(node)),
        loc=where,
        cased_logical_name=printed if logical != printed else None,
        **facets,
    )


def _type(
    node: Node, logical: str, where: Location, diagnostics: Diagnostics
) -> tuple[ColumnType, list[tuple[str, str]]]:
    """The column's type; an unknown one (reported) is read as Virtual, kept in ``extra``.

    CRM 2011-2015 exports write a lookup's table-type column (``owneridtype``) as an ``int``
    whose display mask says ``ObjectTypeCode``, and exports of a custom activity its
    ``activitytypecode`` as a ``picklist`` (of the global ``activitypointer_activitytypecode``)
    so marked: Dataverse types both EntityName (a table's name; the Web API's ``task``
    declares ``activitytypecode`` an ``Edm.String``), as the reference pages and newer exports
    do."""
    text = node.value("Type") or ""
    column_type = TYPES.get(text.lower())
    mask = (node.value("DisplayMask") or "").lower().split("|")
    if column_type in _TYPE_CODES and "objecttypecode" in mask:
        return ColumnType.ENTITY_NAME, []
    if column_type is not None:
        return column_type, []
    diagnostics.warning(
        where,
        f"column {clip(logical)!r}: type {clip(text)!r} is unknown to dvgen: read as a "
        "Virtual column (not stored), the type kept in 'extra'",
        code="solution-type-unknown",
    )
    return ColumnType.VIRTUAL, [("Type", text)]


def _references(
    node: Node, column_type: ColumnType, ctx: Context, logical: str, mask: list[str]
) -> dict[str, Any]:
    """A lookup's targets by ``<LookupTypes>``; an image's settings (its own display mask and
    customizations.xml's image configurations)."""
    if column_type.is_lookup or column_type is ColumnType.PARTY_LIST:
        return {"targets": _lookup_types(node)}
    if column_type is not ColumnType.IMAGE:
        return {}
    primary = (ctx.table, logical, "primary") in ctx.images
    facets: dict[str, Any] = {"is_primary_image": "primaryimage" in mask or primary}
    if (ctx.table, logical, "full") in ctx.images:
        facets["can_store_full_image"] = True
    return facets


def _facets(
    node: Node, column_type: ColumnType, where: Location, diagnostics: Diagnostics
) -> dict[str, Any]:
    """Type-specific facets, named as the Column's fields."""
    facets: dict[str, Any] = {}
    fmt = FORMATS.get((node.value("Format") or "").lower())
    if column_type is ColumnType.STRING:
        facets.update(max_length=_int(node, "MaxLength", where, diagnostics), format_name=fmt)
    elif column_type is ColumnType.MEMO:
        facets.update(max_length=_int(node, "MaxLength", where, diagnostics), format=fmt)
    elif column_type is ColumnType.DATE_TIME:
        facets["format"] = fmt
        facets["date_time_behavior"] = BEHAVIORS.get(node.value("Behavior") or "")
        if node.value("CanChangeDateTimeBehavior") is not None:
            facets["can_change_date_time_behavior"] = _flag(
                node, "CanChangeDateTimeBehavior", False
            )
    elif column_type in (ColumnType.INTEGER, ColumnType.BIG_INT):
        facets["format"] = fmt
        facets.update(_range(node, where, diagnostics))
    elif column_type in (ColumnType.DECIMAL, ColumnType.DOUBLE, ColumnType.MONEY):
        facets.update(_range(node, where, diagnostics))
        facets["precision"] = _int(node, "Accuracy", where, diagnostics)
        if column_type is ColumnType.MONEY:
            facets["precision_source"] = _int(node, "AccuracySource", where, diagnostics)
            facets["is_base_currency"] = node.value("CalculationOf") is not None
    elif column_type in (ColumnType.IMAGE, ColumnType.FILE):
        facets["max_size_in_kb"] = _int(node, "MaxValue", where, diagnostics)
    facets.update(_default(node, column_type))
    if node.value("IsLocalizable") is not None:
        facets["is_localizable"] = _flag(node, "IsLocalizable", False)
    ime = node.value("ImeMode")
    if ime:
        facets["ime_mode"] = ime[:1].upper() + ime[1:]
    return facets


def _choices(
    node: Node, ctx: Context, diagnostics: Diagnostics
) -> tuple[tuple[Choice, ...], str | None]:
    """The column's options (a global choice's copied in) and the global choice's name."""
    global_name = node.value("OptionSetName")
    inline = node.child("optionset")
    if inline is not None:
        local = read_optionset(inline, ctx.where, ctx.language, diagnostics)
        if local.is_global:
            global_name = global_name or local.name
        return local.choices, global_name
    if global_name is not None:
        found = ctx.global_sets.get(global_name.lower())
        return (found.choices if found else ()), global_name
    return (), None


def _default(node: Node, column_type: ColumnType) -> dict[str, Any]:
    """``<AppDefaultValue>``: a yes/no column's default, a choice's default option (-1: none)."""
    text = (node.value("AppDefaultValue") or "").strip()
    number = integer(text)
    if number is None:
        return {}
    if column_type is ColumnType.BOOLEAN:
        return {"default_value": text == "1"}
    if column_type in (ColumnType.PICKLIST, ColumnType.MULTI_SELECT_PICKLIST) and text != "-1":
        return {"default_form_value": number}
    return {}


def _lookup_types(node: Node) -> tuple[str, ...]:
    """Microsoft's tables among ``<LookupTypes>`` and (2011-2015 exports)
    ``<ReferencedEntityObjectTypeCode>``."""
    holder = node.child("LookupTypes")
    codes = [c.text for c in holder.all("LookupType")] if holder is not None else []
    codes.append(node.value("ReferencedEntityObjectTypeCode") or "")
    names = {TYPE_CODES.get(number) for number in map(integer, codes) if number is not None}
    return tuple(sorted(name for name in names if name))


def _required(node: Node, where: Location, diagnostics: Diagnostics) -> RequiredLevel:
    text = (node.value("RequiredLevel") or "none").lower()
    level = REQUIRED.get(text)
    if level is None:
        diagnostics.warning(
            where,
            f"required level {clip(text)!r} is unknown: read as none",
            "solution-value-invalid",
        )
        return RequiredLevel.NONE
    return level


def _flag(node: Node, tag: str, default: bool) -> bool:
    text = node.value(tag)
    return default if text is None else text.strip().lower() in ("1", "true")


def _int(node: Node, tag: str, where: Location, diagnostics: Diagnostics) -> int | None:
    number = _number(node, tag, where, diagnostics)
    return int(number) if number is not None else None


def _range(node: Node, where: Location, diagnostics: Diagnostics) -> dict[str, Any]:
    return {
        "min_value": _number(node, "MinValue", where, diagnostics),
        "max_value": _number(node, "MaxValue", where, diagnostics),
    }


def _number(node: Node, tag: str, where: Location, diagnostics: Diagnostics) -> Number | None:
    text = node.value(tag)
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is not None and value.is_finite() and abs(value.adjusted()) > MAX_DIGITS:
        diagnostics.error(
            where.at((node.child(tag) or node).line),
            f"<{tag}> {clip(text)!r} has more than {MAX_DIGITS} digits: no target carries it",
        )
        return None
    if value is None or not value.is_finite():
        diagnostics.warning(
            where.at((node.child(tag) or node).line),
            f"<{tag}> {clip(text)!r} is not a number: left out",
            code="solution-value-invalid",
        )
        return None
    return int(value) if re.fullmatch(r"\s*[-+]?\d+\s*", text) else value


def _noted(node: Node) -> list[tuple[str, str]]:
    noted = [(tag, node.value(tag) or "") for tag in NOTED]
    return [
        (tag, text) for tag, text in noted if text and not (tag == "SourceType" and text == "0")
    ]


def _style(node: Node) -> list[tuple[str, str]]:
    """``<LookupStyle>polymorphic``, kept in ``extra``: the lookup holds a row of any table a
    relationship adds to it, in the set or not (``dvgen.lookups.POLYMORPHIC``); ``single`` and
    ``multi`` (Customer, Owner: their Targets say it) are not kept."""
    text = (node.value("LookupStyle") or "").strip()
    return [POLYMORPHIC] if text.lower() == POLYMORPHIC[1] else []


def _unknown(node: Node) -> list[tuple[str, str]]:
    """Elements dvgen does not know, kept as (tag, text) rather than dropped."""
    known = MAPPED | IGNORED | {tag.lower() for tag in NOTED}
    return [(c.tag, c.text) for c in node.children if c.key not in known]
