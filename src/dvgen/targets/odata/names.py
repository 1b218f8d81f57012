"""EDM names: the identifiers a CSDL document may use, checked once, where they are built.

A Dataverse name is never rewritten for OData: the Web API serves entity types, properties and
navigation properties under their exact (case-sensitive) metadata names, so a client written
against the real service must find the same spelling here. A name that is not a valid EDM
identifier therefore cannot be repaired; building it raises ``InvalidEdmName``, and the caller
reports it and leaves the element out.
"""

from __future__ import annotations

import re
import unicodedata

MAX_IDENTIFIER = 128
MAX_NAMESPACE = 511

_ASCII_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIRST = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"})
_REST = _FIRST | {"Nd", "Mn", "Mc", "Pc", "Cf"}

RESERVED_NAMESPACES = frozenset({"Edm", "odata", "System", "Transient"})
"""CSDL: namespaces and aliases a schema may not use."""


class InvalidEdmName(ValueError):
    """Text that cannot be an EDM name; ``str(error)`` says why."""


def is_simple_identifier(text: str) -> bool:
    """CSDL SimpleIdentifier (edm.xsd ``TSimpleIdentifier``): a letter or ``_``, then up to 127
    letters, digits, combining marks, connector punctuation or format characters."""
    if not 0 < len(text) <= MAX_IDENTIFIER:
        return False
    if _ASCII_IDENTIFIER.fullmatch(text):
        return True
    if text[0] != "_" and unicodedata.category(text[0]) not in _FIRST:
        return False
    return all(unicodedata.category(c) in _REST for c in text[1:])


class EdmName(str):
    """A SimpleIdentifier: an entity type, property, navigation property or entity set name."""

    __slots__ = ()

    def __new__(cls, text: str) -> EdmName:
        if isinstance(text, EdmName):
            return text
        if not is_simple_identifier(text):
            raise InvalidEdmName(f"{text!r} is not a valid EDM identifier")
        return super().__new__(cls, text)


def try_name(text: str | None) -> EdmName | None:
    """The name, or None when ``text`` is unknown or not a valid identifier."""
    if text is None:
        return None
    try:
        return EdmName(text)
    except InvalidEdmName:
        return None


def is_setting_identifier(text: str) -> bool:
    """A name a setting gives (namespace part, alias, container): an ASCII SimpleIdentifier.

    Dataverse's own are ASCII, and XSD processors disagree on which other letters ``\\p{L}``
    holds (libxml2 refuses CJK ones), so a setting keeps to what every tool accepts."""
    return len(text) <= MAX_IDENTIFIER and bool(_ASCII_IDENTIFIER.fullmatch(text))


def check_namespace(text: str) -> str | None:
    """Why ``text`` cannot be a schema namespace, or None when it can."""
    parts = text.split(".")
    if len(text) > MAX_NAMESPACE or not all(is_setting_identifier(p) for p in parts):
        return (
            f"{text!r} is not a valid namespace (dot-separated identifiers of ASCII letters, "
            "digits and '_')"
        )
    if text in RESERVED_NAMESPACES:
        return f"{text!r} is reserved by CSDL"
    return None


def check_alias(text: str) -> str | None:
    """Why ``text`` cannot be a schema alias, or None when it can."""
    if not is_setting_identifier(text):
        return f"{text!r} is not an identifier of ASCII letters, digits and '_'"
    if text in RESERVED_NAMESPACES:
        return f"{text!r} is reserved by CSDL"
    return None
