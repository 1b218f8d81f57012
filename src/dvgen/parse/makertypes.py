"""The names Power Apps gives column types, for a YAML spec that writes one as its ``type``.

A spec's ``type`` is the AttributeType of the reference pages and the Web API (``Picklist``,
``Memo``, ``Boolean``). A maker knows the types by the names the Power Apps designers show
(``Choice``, ``Multiline Text``, ``Yes/No``) or the solution explorer's (``Option Set``,
``Two Options``), and the API's ``AttributeTypeDisplayName`` adds ``Type`` (``MoneyType``).
Microsoft's "Types of columns" article (MicrosoftDocs/powerapps-docs,
``powerapps-docs/maker/data-platform/types-of-fields.md``) lists all three side by side; this is
its table, each name to the type and format a spec writes.
"""

from __future__ import annotations

import re

_NAMES: dict[str, tuple[str, str]] = {
    "big integer": ("BigInt", ""),
    "time stamp": ("BigInt", ""),
    "currency": ("Money", ""),
    "date and time": ("DateTime", "DateAndTime"),
    "date only": ("DateTime", "DateOnly"),
    "decimal number": ("Decimal", ""),
    "duration": ("Integer", "Duration"),
    "email": ("String", "Email"),
    "floating point number": ("Double", ""),
    "language": ("Integer", "Language"),
    "choices": ("MultiSelectPicklist", ""),
    "multiselect field": ("MultiSelectPicklist", ""),
    "multiselect option set": ("MultiSelectPicklist", ""),
    "multiline text": ("Memo", ""),
    "multiple lines of text": ("Memo", ""),
    "choice": ("Picklist", ""),
    "option set": ("Picklist", ""),
    "phone": ("String", "Phone"),
    "status reason": ("Status", ""),
    "text area": ("String", "TextArea"),
    "text": ("String", "Text"),
    "single line of text": ("String", "Text"),
    "ticker symbol": ("String", "TickerSymbol"),
    "timezone": ("Integer", "TimeZone"),
    "time zone": ("Integer", "TimeZone"),
    "yes/no": ("Boolean", ""),
    "two options": ("Boolean", ""),
    "unique identifier": ("Uniqueidentifier", ""),
    "primary key": ("Uniqueidentifier", ""),
    "url": ("String", "Url"),
    "whole number": ("Integer", ""),
}
"""Each designer's name (the article's "Portal Data type" and "Solution Explorer type"
columns), lower case, to the type and the format (empty: the type's default)."""


def _key(name: str) -> str:
    """A name as a maker may spell it: any case, with or without its spaces and slash."""
    return re.sub(r"[\s/_-]+", "", name.lower())


_BY_KEY = {_key(name): meant for name, meant in _NAMES.items()}


def maker_hint(value: str, allowed: list[str]) -> str:
    """What to write for a designer's or the API's name of a type (``Choice``, ``Yes/No``,
    ``MoneyType``); "" for another value."""
    found = _BY_KEY.get(_key(value))
    if found is not None:
        kind, form = found
        write = f"type: {kind}, format: {form}" if form else f"type: {kind}"
        return f"; {value!r} is Power Apps' name of the type: write {write}"
    if value.lower().endswith("type"):
        bare = {name.lower(): name for name in allowed}.get(value[:-4].lower())
        if bare is not None:
            return f"; {value!r} is the API's display name of the type: write type: {bare}"
    return ""


_LEVELS = {
    "optional": "None",
    "business recommended": "Recommended",
    "business required": "ApplicationRequired",
    "system required": "SystemRequired",
}
"""The requirement levels as the Power Apps column designer names them ("Required": Optional,
Business recommended, Business required), to the ``AttributeRequiredLevel`` a spec writes."""
_LEVELS_BY_KEY = {_key(name): level for name, level in _LEVELS.items()}


def level_hint(value: str) -> str:
    """What to write for a designer's name of a requirement level; "" for another value."""
    level = _LEVELS_BY_KEY.get(_key(value))
    if level is None:
        return ""
    return f"; {value!r} is Power Apps' name of the level: write required_level: {level}"
