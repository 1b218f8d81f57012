"""Choices: global ones (``OptionSets/*.xml``, ``<optionsets>`` of customizations.xml) and the
local ones inside a column (``<optionset>`` of an ``<attribute>``), state and status included."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dvgen.diagnostics import Diagnostics, Location, clip
from dvgen.model import LABEL_LANGUAGE, PAGE_LANGUAGE, Choice
from dvgen.solution.labels import Language
from dvgen.solution.xml import Node, integer

OPTION_ATTRIBUTES = frozenset({"value", "state", "defaultstatus", "invariantname"})
"""Attributes of an option the model has fields for; the others (Color, IsHidden,
ExternalValue, ...) are kept in the choice's ``extra``."""
ITEM_TAGS = {"options": "option", "states": "state", "statuses": "status"}
KNOWN = frozenset(
    "optionsettype isglobal introducedversion iscustomizable displaynames descriptions "
    "externaltypename options states statuses".split()
)
"""Elements of an ``<optionset>`` dvgen reads or knows to change no output; another one is
reported (``solution-element-unknown``): a choice has no ``extra`` to keep it in."""
OPTION_CHILDREN = frozenset({"labels", "descriptions"})


@dataclass(frozen=True, slots=True)
class OptionSet:
    name: str
    type: str
    """``picklist``, ``bit``, ``state``, ``status`` (lower case)."""
    is_global: bool
    display_name: str | None
    choices: tuple[Choice, ...]
    loc: Location
    foreign: frozenset[int] = frozenset()
    """Values whose label is not in the wanted language (read from another one)."""


def read_optionset(
    node: Node,
    where: Location,
    language: Language,
    diagnostics: Diagnostics,
    placed: bool = False,
) -> OptionSet:
    """One ``<optionset>`` element; options whose value is not an integer are reported.
    ``placed``: each option keeps its own line (a global choice's, which the columns using it
    only name: a change of its options is read at that line, not at a column's)."""
    for child in node.children:
        if child.key not in KNOWN:
            diagnostics.warning(
                where.at(child.line),
                f"choice {clip(node.get('Name') or '')!r}: element <{child.tag}> is unknown "
                "to dvgen: not read",
                code="solution-element-unknown",
            )
    choices: list[Choice] = []
    for list_tag, item_tag in ITEM_TAGS.items():
        holder = node.child(list_tag)
        for item in holder.all(item_tag) if holder is not None else ():
            choice = _choice(item, where, language, diagnostics)
            if choice is not None:
                choices.append(replace(choice, loc=where.at(item.line)) if placed else choice)
    return OptionSet(
        name=node.get("Name") or "",
        type=(node.value("OptionSetType") or "picklist").lower(),
        is_global=node.value("IsGlobal") == "1",
        display_name=language.pick(node.child("displaynames")),
        choices=tuple(choices),
        loc=where.at(node.line),
        foreign=foreign_values(node, language),
    )


def foreign_values(node: Node, language: Language) -> frozenset[int]:
    """The values of an ``<optionset>``'s options whose label is not in the wanted language."""
    return frozenset(
        value
        for list_tag, item_tag in ITEM_TAGS.items()
        for holder in [node.child(list_tag)]
        for item in (holder.all(item_tag) if holder is not None else ())
        for value in [_int(item.get("value"))]
        if value is not None and not language.states(item.child("labels"))
    )


def _choice(
    item: Node, where: Location, language: Language, diagnostics: Diagnostics
) -> Choice | None:
    value = _int(item.get("value"))
    if value is None:
        diagnostics.warning(
            where.at(item.line),
            f"option value {clip(item.get('value') or '')!r} is not an integer of at most "
            "40 digits: option left out",
            code="solution-value-invalid",
        )
        return None
    extra = tuple(
        (key, text)
        for key, text in sorted(item.attrib.items())
        if key not in OPTION_ATTRIBUTES and not _default(key, text)
    ) + tuple((c.tag, c.text) for c in item.children if c.key not in OPTION_CHILDREN)
    label, code = language.picked(item.child("labels"))
    if code is not None and code != PAGE_LANGUAGE:
        extra += ((LABEL_LANGUAGE, str(code)),)
    return Choice(
        value=value,
        label=label or "",
        description=language.pick(item.child("Descriptions")),
        default_status=_int(item.get("defaultstatus")),
        invariant_name=item.get("invariantname") or None,
        state=_int(item.get("state")),
        extra=extra,
    )


def _default(key: str, text: str) -> bool:
    """Whether an option's attribute states only the default every export writes on every
    option (``ExternalValue=""``, ``IsHidden="0"``): an ``extra`` entry saying nothing."""
    return not text.strip() or (key.startswith("Is") and text.strip() == "0")


def _int(text: str | None) -> int | None:
    return integer(text)
