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
    ``SchemaName`` ...) anywhere."""
    from dvgen.parse.page import section_kind

    if _PAGE_WORDS.search(text):
        return False
    headings = [h.strip() for h in _HEADING.findall(text)]
    return not any(_TITLE.search(h) or section_kind(h) not in _ANY_ARTICLE for h in headings)


_ANY_ARTICLE = frozenset({None, "see_also"})
"""Section kinds that mark no page: ``## See also`` ends every Microsoft Learn article, such
as the custom action pages (``msdyn_ConnectSequence Action``) kept beside the Dynamics 365
Sales table pages in ``ce/sales/developer/entities/``."""
