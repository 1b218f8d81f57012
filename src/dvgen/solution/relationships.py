"""Relationships: ``<EntityRelationship>`` definitions (1:N with cascades, N:N with the intersect
table) to the model's one-to-many and many-to-many records."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from dvgen.diagnostics import Diagnostics, Location, clip
from dvgen.model import (
    CascadeConfiguration,
    CascadeType,
    Column,
    ColumnType,
    ManyToManyRelationship,
    ManyToManySide,
    MenuConfiguration,
    OneToManyRelationship,
    Relationships,
    RequiredLevel,
)
from dvgen.solution.labels import Language
from dvgen.solution.vocabulary import REQUIRED
from dvgen.solution.xml import Node, integer

CASCADES = {
    "CascadeArchive": "archive",
    "CascadeAssign": "assign",
    "CascadeDelete": "delete",
    "CascadeMerge": "merge",
    "CascadeReparent": "reparent",
    "CascadeRollupView": "rollup_view",
    "CascadeShare": "share",
    "CascadeUnshare": "unshare",
}
CASCADE_VALUES = {c.value.lower(): c for c in CascadeType}
KNOWN = frozenset(
    {tag.lower() for tag in CASCADES}
    | set(
        "entityrelationshiptype iscustomizable introducedversion ishierarchical "
        "referencingentityname referencedentityname referencingattributename "
        "relationshipdescription entityrelationshiproles isvalidforadvancedfind "
        "firstentityname secondentityname intersectentityname field".split()
    )
)
"""Elements read or known to matter to no target (IntroducedVersion, IsValidForAdvancedFind;
``<field>``, the 2011-2016 exports' copy of the lookup column's settings: ``Found.field``)."""


@dataclass(frozen=True, slots=True)
class Foreign:
    """Which texts of a relationship are only in another language than the wanted one: read,
    as every text, but not to replace the text the rest of the set states in the wanted one
    (``foreign_labels_left``)."""

    first: bool = False
    """The menu label of the referencing table's role (1:N), or of the first table's (N:N)."""
    second: bool = False
    """The menu label of the second table's role (N:N)."""
    description: bool = False
    """The ``<RelationshipDescription>``."""

    def mirrored(self) -> Foreign:
        """The same, seen from the second table of a many-to-many relationship."""
        return Foreign(self.second, self.first, self.description)


NONE_FOREIGN = Foreign()


@dataclass(frozen=True, slots=True)
class Found:
    """One relationship as defined, with the tables it joins (logical names)."""

    relationship: OneToManyRelationship | ManyToManyRelationship
    first: str
    """Referencing table (1:N) or first table (N:N)."""
    second: str
    """Referenced table (1:N) or second table (N:N)."""
    node: Node | None = None
    """The ``<EntityRelationship>`` element, for ``field_lookup`` and the names it spells."""
    foreign: Foreign = NONE_FOREIGN
    """Its texts only in another language than the wanted one."""


def read_relationship(
    node: Node, where: Location, language: Language, diagnostics: Diagnostics
) -> Found | None:
    """The relationship an ``<EntityRelationship>`` defines; None for an index entry (no type)."""
    kind = (node.value("EntityRelationshipType") or "").lower()
    name = node.get("Name") or ""
    loc = where.at(node.line)
    if not kind:
        return None
    extra = _extra(node, language)
    if kind == "onetomany":
        found = _one_to_many(node, name, loc, extra, language, diagnostics)
        return dataclasses.replace(found, node=node)
    if kind == "manytomany":
        return dataclasses.replace(_many_to_many(node, name, loc, extra, language), node=node)
    diagnostics.warning(
        loc,
        f"relationship {clip(name)!r} has type {clip(kind)!r}, which dvgen does not know: left out",
        code="solution-relationship-unknown",
    )
    return None


def _one_to_many(
    node: Node,
    name: str,
    loc: Location,
    extra: tuple[tuple[str, str], ...],
    language: Language,
    diagnostics: Diagnostics,
) -> Found:
    referencing = _lower(node.value("ReferencingEntityName"))
    referenced = _lower(node.value("ReferencedEntityName"))
    roles = _roles(node, "RelationshipRoleType")
    child, parent = roles.get("1"), roles.get("0")
    relationship = OneToManyRelationship(
        schema_name=name,
        referenced_entity=referenced,
        referencing_entity=referencing,
        referencing_attribute=_lower(node.value("ReferencingAttributeName")),
        referenced_entity_navigation_property_name=_nav(parent),
        referencing_entity_navigation_property_name=_nav(child),
        is_hierarchical=_flag(node.value("IsHierarchical")),
        is_customizable=_flag(node.value("IsCustomizable")),
        cascade_configuration=_cascades(node, loc, diagnostics),
        associated_menu_configuration=_menu(child, language),
        extra=extra,
        loc=loc,
    )
    foreign = Foreign(_foreign(child, language), description=_foreign_description(node, language))
    return Found(relationship, referencing or "", referenced or "", foreign=foreign)


def field_lookup(found: Found, language: Language) -> Column | None:
    """The lookup a 1:N relationship's ``<field>`` describes (CRM 2011-2016 exports): the
    column Dataverse creates with the relationship, which such an export may list nowhere
    else (``kpd_innerlogmessageid`` of a CRM 2015 export's hierarchical relationship). Its
    name (the ReferencingAttributeName's case for the schema name), labels in the wanted
    language, required level and the relationship's description, which is the lookup's own;
    None without a ``<field>`` or a referencing column."""
    rel = found.relationship
    element = found.node.child("field") if found.node is not None else None
    if element is None or not isinstance(rel, OneToManyRelationship):
        return None
    if not rel.referencing_attribute:
        return None
    schema = (found.node.value("ReferencingAttributeName") or "").strip() if found.node else ""
    level = REQUIRED.get((element.get("requiredlevel") or "none").lower())
    return Column(
        logical_name=rel.referencing_attribute,
        schema_name=schema or rel.referencing_attribute,
        type=ColumnType.LOOKUP,
        display_name=language.pick(element.child("displaynames")),
        description=dict(rel.extra).get("Description"),
        required_level=level or RequiredLevel.NONE,
        targets=(found.second,) if found.second else (),
        loc=rel.loc.at(element.line),
    )


def _many_to_many(
    node: Node,
    name: str,
    loc: Location,
    extra: tuple[tuple[str, str], ...],
    language: Language,
) -> Found:
    first = _lower(node.value("FirstEntityName"))
    second = _lower(node.value("SecondEntityName"))
    roles = _roles(node, "AssociationRoleOrdinal")
    relationship = ManyToManyRelationship(
        schema_name=name,
        intersect_entity_name=_lower(node.value("IntersectEntityName")),
        is_customizable=_flag(node.value("IsCustomizable")),
        entity1=first,
        this_table=_side(first, roles.get("1"), language),
        other_table=_side(second, roles.get("2"), language),
        extra=extra,
        loc=loc,
    )
    foreign = Foreign(
        _foreign(roles.get("1"), language),
        _foreign(roles.get("2"), language),
        _foreign_description(node, language),
    )
    return Found(relationship, first or "", second or "", foreign=foreign)


def _side(table: str | None, role: Node | None, language: Language) -> ManyToManySide:
    return ManyToManySide(
        logical_name=table,
        navigation_property_name=_nav(role),
        associated_menu_configuration=_menu(role, language),
    )


def _foreign(role: Node | None, language: Language) -> bool:
    """Whether ``role``'s menu label is only in another language than the wanted one."""
    return role is not None and not language.states(role.child("CustomLabels"))


def _foreign_description(node: Node, language: Language) -> bool:
    """Whether the relationship's description is only in another language than the wanted
    one."""
    described = node.child("RelationshipDescription")
    return described is not None and not language.states(described.child("Descriptions"))


def foreign_labels_left(relationships: Relationships, foreign: dict[str, Foreign]) -> Relationships:
    """``relationships`` without the menu labels and descriptions ``foreign`` marks (schema
    name in lower case -> ``Found.foreign``, as placed): those of a layer over a table a page
    defines, where a text only in another language must not replace the one the page states
    in the wanted language (as a column's or a table's labels and descriptions:
    ``Language.states``). French-only ``<CustomLabel languagecode="1036">`` of Microsoft's
    ``sample_BankAccount_Contacts`` leaves the page's "Cardholders"; a French-only
    ``<Description languagecode="1036">`` leaves the description the set states."""
    if not any(f != NONE_FOREIGN for f in foreign.values()):
        return relationships

    def menu(found: MenuConfiguration | None, drop: bool) -> MenuConfiguration | None:
        if not drop or found is None or found.label is None:
            return found
        return dataclasses.replace(found, label=None)

    def one(rel: OneToManyRelationship) -> OneToManyRelationship:
        flags = foreign.get(rel.schema_name.lower(), NONE_FOREIGN)
        changed = menu(rel.associated_menu_configuration, flags.first)
        extra = _described(rel.extra, flags.description)
        if changed is rel.associated_menu_configuration and extra is rel.extra:
            return rel
        return dataclasses.replace(rel, associated_menu_configuration=changed, extra=extra)

    def many(rel: ManyToManyRelationship) -> ManyToManyRelationship:
        flags = foreign.get(rel.schema_name.lower(), NONE_FOREIGN)
        this, other = side(rel.this_table, flags.first), side(rel.other_table, flags.second)
        extra = _described(rel.extra, flags.description)
        if this is rel.this_table and other is rel.other_table and extra is rel.extra:
            return rel
        return dataclasses.replace(rel, this_table=this, other_table=other, extra=extra)

    def side(found: ManyToManySide, drop: bool) -> ManyToManySide:
        changed = menu(found.associated_menu_configuration, drop)
        if changed is found.associated_menu_configuration:
            return found
        return dataclasses.replace(found, associated_menu_configuration=changed)

    return Relationships(
        tuple(one(r) for r in relationships.many_to_one),
        tuple(one(r) for r in relationships.one_to_many),
        tuple(many(r) for r in relationships.many_to_many),
    )


def _described(extra: tuple[tuple[str, str], ...], drop: bool) -> tuple[tuple[str, str], ...]:
    """``extra`` without its ``Description`` when ``drop`` says it is only in another
    language."""
    if not drop or all(tag != "Description" for tag, _ in extra):
        return extra
    return tuple((tag, text) for tag, text in extra if tag != "Description")


def _roles(node: Node, key: str) -> dict[str, Node]:
    holder = node.child("EntityRelationshipRoles")
    roles = holder.all("EntityRelationshipRole") if holder is not None else []
    return {(role.value(key) or ""): role for role in roles}


def _nav(role: Node | None) -> str | None:
    return role.value("NavigationPropertyName") if role is not None else None


def _menu(role: Node | None, language: Language) -> MenuConfiguration | None:
    """A role's AssociatedMenuConfiguration: its ``<NavPaneDisplayOption>`` (the Behavior),
    ``<NavPaneArea>``, ``<NavPaneOrder>`` and ``<CustomLabels>``, the menu's Label (the text
    a ``UseLabel`` menu shows; Microsoft's pages state it so, the adx_invitation page's
    ``adx_invitation_invitecontacts`` "Behavior: UseLabel ... Label: Invite Contacts" where
    hmcts' export of that relationship holds ``<CustomLabel description="Invite Contacts">``);
    None for a role without a display option."""
    if role is None or role.child("NavPaneDisplayOption") is None:
        return None
    order = role.value("NavPaneOrder")
    return MenuConfiguration(
        behavior=role.value("NavPaneDisplayOption"),
        group=role.value("NavPaneArea"),
        label=language.pick(role.child("CustomLabels")),
        order=integer(order),
    )


def _cascades(node: Node, loc: Location, diagnostics: Diagnostics) -> CascadeConfiguration | None:
    values: dict[str, CascadeType] = {}
    for tag, field_name in CASCADES.items():
        text = node.value(tag)
        if text is None:
            continue
        cascade = CASCADE_VALUES.get(text.lower())
        if cascade is None:
            diagnostics.warning(
                loc.at((node.child(tag) or node).line),
                f"<{tag}> {clip(text)!r} is no cascade dvgen knows: left out",
                code="solution-value-invalid",
            )
            continue
        values[field_name] = cascade
    return CascadeConfiguration(**values) if values else None


def _extra(node: Node, language: Language) -> tuple[tuple[str, str], ...]:
    """The description, and any element dvgen does not know that has a value, as (tag, text):
    an empty or nested one would be an entry saying nothing."""
    described = node.child("RelationshipDescription")
    text = language.pick(described.child("Descriptions")) if described is not None else None
    kept = [("Description", text)] if text else []
    kept += [(c.tag, c.text) for c in node.children if c.key not in KNOWN and c.text]
    return tuple(kept)


def _flag(text: str | None) -> bool | None:
    return None if text is None else text.strip() in ("1", "true", "True")


def _lower(text: str | None) -> str | None:
    return text.lower() if text else None
