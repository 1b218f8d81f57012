"""Markdown in a specs folder that is plainly not a reference page: a README, notes.

A project that keeps the whole Microsoft reference in ``specs/`` often keeps a ``README.md``
beside it. Such a file is skipped with a note rather than failing the run, but only when
nothing in it looks like a table reference page: a file with a reference page's title, one of
its sections or its property names is taken for a page, so a broken page stays an error.
"""

from __future__ import annotations

import re

NOT_A_SPEC = "not-a-spec"
"""The code of the note for a Markdown file skipped as no spec."""

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_PAGE_WORDS = re.compile(
    r"\b(LogicalName|SchemaName|EntitySetName|PrimaryIdAttribute|AttributeType)\b"
)
_TITLE = re.compile(r"\b(table|entity)(/entity)? reference\b", re.IGNORECASE)


def plainly_not_a_page(text: str) -> bool:
    """Whether ``text`` has none of a reference page's marks: no title naming a table or
    entity reference, no section a page has (Properties, Writable columns, One-to-many
    relationships ...; ``See also`` ends any article), no property name (``LogicalName``,
    ``SchemaName`` ...) anywhere. A Learn article (its front matter's ``ms.topic``) with no
    section and no property row of a page is none, whatever its title and prose say."""
    from dvgen.parse.page import section_kind

    article = _ARTICLE_TOPIC.search(text, 0, _FRONT_MATTER) is not None
    if _PAGE_WORDS.search(text) and not article:
        return False
    headings = [h.strip() for h in _HEADING.findall(text)]
    if any(section_kind(h) not in _ANY_ARTICLE for h in headings):
        return False
    if article:
        return _PROPERTY_ROW.search(text) is None
    return not any(_TITLE.search(h) for h in headings)


_FRONT_MATTER = 4096
"""Characters searched for the front matter's ``ms.topic`` (the longest front matter met: 570)."""

_ARTICLE_TOPIC = re.compile(
    r"^ms\.topic:[ \t]*[\"']?(conceptual|article|overview|how-to|tutorial|quickstart)[\"']?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
"""A Learn article's own topic, in its front matter: reference pages say ``reference`` or
``generated-reference``. The Marketing guide's ``Dynamics 365 for Marketing entity reference``
(``ms.topic: "conceptual"``, 2017) is an article about a metadata browser that names
``EntityMetadata.SchemaName`` in its prose: its title and those words made it a page."""

_PROPERTY_ROW = re.compile(
    r"^[ \t]*(?:\|[ \t]*(?:\*\*)?|\*\*)"
    r"(?:LogicalName|SchemaName|EntitySetName|PrimaryIdAttribute)\b",
    re.MULTILINE,
)
"""A property row of a page's table (``|LogicalName|x|``, ``| **LogicalName** |``) or bold line
(``**LogicalName**: x``)."""


_ANY_ARTICLE = frozenset({None, "see_also"})
"""Section kinds that mark no page: ``## See also`` ends every Microsoft Learn article, such
as the custom action pages (``msdyn_ConnectSequence Action``) kept beside the Dynamics 365
Sales table pages in ``ce/sales/developer/entities/``."""
