"""Members of each entity type once its base is known: inherited properties are not declared
again (an activity does not redeclare what ``activitypointer`` declares), and a navigation
property whose name is already a member of its type, declared or inherited, is left out and
reported (CSDL: the names of a structured type's members are unique, inherited ones included).
"""

from __future__ import annotations

from collections.abc import Iterator

from dvgen.diagnostics import Diagnostics
from dvgen.model import ColumnType
from dvgen.targets.odata.schema import Nav, TypeDraft

FILE_ATTACHMENT = "fileattachment"
FILE_CLASH = "odata-file-navigation-clash"
"""A File or Image column's navigation property to its ``fileattachment`` row, named as the
column (pages from 2024 on: ``ReferencingEntityNavigationPropertyName`` ``msdyn_errorlog`` for
the column ``msdyn_errorlog``): left out with a note, since the column's own property is how a
client reads the file (``/msdyn_fileuploads(<id>)/msdyn_errorlog/$value``)."""


def settle_members(drafts: dict[str, TypeDraft], diagnostics: Diagnostics) -> None:
    properties: dict[str, frozenset[str]] = {}
    navigations: dict[str, frozenset[str]] = {}
    for draft in sorted(drafts.values(), key=lambda d: (_depth(d, drafts), d.name)):
        base_properties = properties.get(draft.base or "", frozenset())
        base_navigations = navigations.get(draft.base or "", frozenset())
        for name in list(draft.properties):
            if name in base_properties:
                del draft.properties[name]
            elif name in base_navigations:
                del draft.properties[name]
                diagnostics.warning(
                    draft.loc,
                    f"odata: property {name!r} of {draft.name!r} is left out: {draft.base!r} "
                    "declares a navigation property of that name",
                    code="odata-member-clash",
                )
        taken = set(base_properties | base_navigations | draft.properties.keys())
        files = _file_columns(draft)
        draft.navigations = [
            nav for nav in draft.navigations if _keep(nav, taken, diagnostics, files)
        ]
        properties[draft.name] = base_properties | draft.properties.keys()
        navigations[draft.name] = base_navigations | {nav.name for nav in draft.navigations}


def _file_columns(draft: TypeDraft) -> frozenset[str]:
    """The names of the type's File and Image columns, each a property named as its column:
    only a navigation to ``fileattachment`` of such a name is the file column's own."""
    if draft.table is None:
        return frozenset()
    kinds = (ColumnType.FILE, ColumnType.IMAGE)
    return frozenset(c.logical_name for c in draft.table.columns if c.type in kinds)


def _keep(nav: Nav, taken: set[str], diagnostics: Diagnostics, files: frozenset[str]) -> bool:
    if nav.name in taken:
        nav.dropped = True
        message = (
            f"odata: navigation property {nav.name!r} of {nav.owner!r} (relationship "
            f"{nav.relationship!r}) is left out: its type already has a member of that name"
        )
        if nav.single and nav.target == FILE_ATTACHMENT and nav.name in files:
            diagnostics.info(nav.loc, f"{message}, the file column itself", FILE_CLASH)
        else:
            diagnostics.warning(nav.loc, message, code="odata-member-clash")
        return False
    taken.add(nav.name)
    return True


def _depth(draft: TypeDraft, drafts: dict[str, TypeDraft]) -> int:
    depth = 0
    base = draft.base
    while base is not None and base in drafts and depth < len(drafts):
        depth += 1
        base = drafts[base].base
    return depth


def lineage(draft: TypeDraft, drafts: dict[str, TypeDraft]) -> Iterator[TypeDraft]:
    """The type, then its base, its base's base... as far as ``drafts`` declares them."""
    current: TypeDraft | None = draft
    while current is not None:
        yield current
        current = drafts.get(current.base) if current.base else None


def visible_navigations(draft: TypeDraft, drafts: dict[str, TypeDraft]) -> list[Nav]:
    """The navigation properties of a type: its own, then those it inherits."""
    return [nav for each in lineage(draft, drafts) for nav in each.navigations]
