"""The entity types of the document: one per table of the set, the bases they derive from, and
placeholders for tables outside the set that navigation properties lead to.

A placeholder keeps the document self-consistent without inventing columns: it declares the key
the relationship names (its ReferencedAttribute) and nothing else, and has no entity set. Users
and teams derive from ``principal``, activities from ``activitypointer``, as in the Web API.
"""

from __future__ import annotations

from collections import defaultdict

from dvgen.dataverse_tables import ACTIVITIES
from dvgen.diagnostics import Diagnostics, Location, listing
from dvgen.model import Table
from dvgen.targets.odata.members import lineage
from dvgen.targets.odata.names import EdmName, try_name
from dvgen.targets.odata.schema import PropertyDecl, TypeDraft
from dvgen.targets.odata.types import EDM_TYPES, GUID
from dvgen.webapi.bases import ACTIVITY, CRM_BASE_ENTITY, KNOWN_BASES, base_of
from dvgen.webapi.properties import ApiProperty, api_properties


class TypeRegistry:
    def __init__(self, tables: list[Table], diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        self.drafts: dict[str, TypeDraft] = {
            CRM_BASE_ENTITY: TypeDraft(EdmName(CRM_BASE_ENTITY), base=None, abstract=True)
        }
        self.api: dict[str, dict[str, ApiProperty]] = {}
        self.placeholders: dict[str, list[str]] = defaultdict(list)
        """Placeholder type -> what needs it (``table.navigation``), for the report."""
        for table in tables:
            self._add_table(table)

    def _add_table(self, table: Table) -> None:
        name = table.logical_name
        if name in self.drafts or _is_abstract_base(name):
            self.diagnostics.warning(
                table.loc,
                f"odata: table {name!r} has the name of a Web API base type; left out",
                code="odata-base-type-name",
            )
            return
        if try_name(name) is None:
            self._invalid(table.loc, f"table {name!r}")
            return
        props = api_properties(table)
        for prop in props:
            if try_name(prop.name) is None:
                self._invalid(prop.column.loc, f"property {prop.name!r}")
        self.api[name] = {p.column.logical_name: p for p in props if try_name(p.name) is not None}
        base = base_of(name, table.primary_id_attribute)
        self.drafts[name] = TypeDraft(EdmName(name), base=base, table=table, loc=table.loc)

    def _invalid(self, loc: Location, what: str) -> None:
        """Report a name CSDL cannot carry (the model's checks should have refused it)."""
        self.diagnostics.warning(
            loc,
            f"odata: {what} is not a valid EDM identifier (at most 128 letters, digits and _): "
            "left out",
            code="odata-invalid-name",
        )

    def table(self, name: str | None) -> TypeDraft | None:
        """The draft of a table of the set (not a base type nor a placeholder)."""
        draft = self.drafts.get(name) if name else None
        return draft if draft is not None and draft.table is not None else None

    def property_name(self, table: str, column: str | None) -> str | None:
        """The Web API property of a column of a table of the set, if it exposes one."""
        prop = self.api.get(table, {}).get(column) if column else None
        return prop.name if prop is not None else None

    def edm_name(self, table: str, column: str | None) -> str | None:
        """The EDM type of a column's Web API property (``Edm.Guid`` for a lookup's
        ``_x_value``), if the table exposes one."""
        prop = self.api.get(table, {}).get(column) if column else None
        return EDM_TYPES[prop.kind].name if prop is not None else None

    def declares(self, draft: TypeDraft, name: str | None) -> bool:
        """Whether a placeholder or base type has the property ``name``, of its own or from
        its base (an activity's ``activityid`` is ``activitypointer``'s)."""
        return name is not None and any(
            name in each.properties for each in lineage(draft, self.drafts)
        )

    def require(self, name: str, key: str | None, user: str, loc: Location) -> TypeDraft | None:
        """The entity type ``name``; declared as a placeholder (with ``key`` as a Guid property)
        when no table of the set declares it. None when that is impossible: no key is known."""
        draft = self.drafts.get(name)
        if draft is None:
            draft = self._placeholder(name, key, loc)
            if draft is None:
                return None
        if draft.table is None and draft.base is not None:
            inherited = key is not None and key == _key_of_base(draft.base)
            if key is not None and not inherited and not self._add_referenced_property(draft, key):
                return None
            if not _is_abstract_base(name):
                self.placeholders[name].append(user)
        return draft

    def _placeholder(self, name: str, key: str | None, loc: Location) -> TypeDraft | None:
        known = KNOWN_BASES.get(name)
        if known is not None:
            draft = TypeDraft(
                EdmName(name), CRM_BASE_ENTITY, key=known.key, abstract=known.abstract, loc=loc
            )
            draft.properties[known.key] = PropertyDecl(EdmName(known.key), GUID.name)
        elif (base := _base_outside(name, key)) != CRM_BASE_ENTITY:
            if self.require(base, None, name, loc) is None:
                return None
            draft = TypeDraft(EdmName(name), base, loc=loc)
        elif key is None or try_name(key) is None or try_name(name) is None:
            return None
        else:
            draft = TypeDraft(EdmName(name), CRM_BASE_ENTITY, key=key, loc=loc)
        self.drafts[name] = draft
        return draft

    @staticmethod
    def _add_referenced_property(draft: TypeDraft, key: str) -> bool:
        name = try_name(key)
        if name is None:
            return False
        draft.properties.setdefault(key, PropertyDecl(name, GUID.name))
        return True

    def complete_bases(self) -> None:
        """Declare every base type a table derives from (a placeholder when outside the set)."""
        for draft in sorted(self.drafts.values(), key=lambda d: d.name):
            if draft.base is not None:
                self.require(draft.base, None, f"{draft.name} (derived type)", draft.loc)

    def report_placeholders(self) -> None:
        for name in sorted(self.placeholders):
            draft = self.drafts[name]
            users = sorted(set(self.placeholders[name]))
            self.diagnostics.info(
                draft.loc,
                f"odata: table {name!r} is not in the set: declared as a placeholder entity "
                f"type, with only the key properties its relationships name and no entity set, "
                f"for {listing(users)}",
                code="odata-placeholder-type",
            )


def _is_abstract_base(name: str) -> bool:
    known = KNOWN_BASES.get(name)
    return known is not None and known.abstract


def _base_outside(name: str, key: str | None) -> str:
    """The base of a table outside the set: ``principal`` for users and teams,
    ``activitypointer`` for an activity: one of Microsoft's (``dataverse_tables.ACTIVITIES``)
    or one a relationship references by ``activityid``, the key only activities have (Power
    Pages' ``adx_portalcomment``, an organisation's own activity tables)."""
    return base_of(name, ACTIVITY.key if name in ACTIVITIES else key)


def _key_of_base(base: str) -> str | None:
    """The key a placeholder inherits from its base (an activity's ``activityid``): declared
    there, never again on the derived type."""
    known = KNOWN_BASES.get(base)
    return known.key if known is not None else None
