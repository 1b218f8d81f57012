"""The table set -> one ``Document``: plain data, in the order the template writes it."""

from __future__ import annotations

from dataclasses import dataclass

from dvgen import escape
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import Table, TableSet
from dvgen.targets.odata.altkeys import alternate_keys
from dvgen.targets.odata.members import settle_members, visible_navigations
from dvgen.targets.odata.names import (
    EdmName,
    InvalidEdmName,
    check_alias,
    check_namespace,
    is_setting_identifier,
    is_simple_identifier,
)
from dvgen.targets.odata.navs import NavigationBuilder
from dvgen.targets.odata.registry import TypeRegistry
from dvgen.targets.odata.schema import (
    ComplexTypeDecl,
    Document,
    EntitySetDecl,
    EntityTypeDecl,
    PropertyDecl,
    TypeDraft,
)
from dvgen.targets.odata.types import COMPLEX_TYPES, EDM_TYPES, GUID, PERMISSION_READ, spelled
from dvgen.webapi.bases import CRM_BASE_ENTITY
from dvgen.webapi.entity_sets import web_api_entity_set
from dvgen.webapi.navs import web_api_links
from dvgen.webapi.properties import ApiProperty

CORE = "Org.OData.Core.V1"
SETTINGS = Location("[tool.dvgen]")


@dataclass(frozen=True, slots=True)
class Names:
    """The document's own names, from the settings."""

    namespace: str
    alias: str
    container: str
    spellings: str = "oasis"
    """``odata-spellings``: ``"dataverse"`` writes ``Scale="Variable"`` and ``PermissionType``."""


def check_names(names: Names, diagnostics: Diagnostics) -> bool:
    """Report settings CSDL does not accept, as errors; True when all are valid."""
    namespace, alias, container = names.namespace, names.alias, names.container
    problems = {
        "odata-namespace": check_namespace(namespace)
        or (f"{namespace!r} is the Core vocabulary's namespace" if namespace == CORE else None),
        "odata-alias": check_alias(alias)
        or ("'Core' is the Core vocabulary's alias" if alias == "Core" else None),
        "odata-container": None
        if is_setting_identifier(container)
        else f"{container!r} is not an identifier of ASCII letters, digits and '_'",
    }
    for key, problem in problems.items():
        if problem is not None:
            diagnostics.error(SETTINGS, f"{key}: {problem}")
    return not any(problems.values())


def build_document(tables: TableSet, names: Names, diagnostics: Diagnostics) -> Document:
    keyed = [table for table in tables.tables if _has_key(table, diagnostics)]
    registry = TypeRegistry(keyed, diagnostics)
    registry.complete_bases()
    # every table keyed: the links the other targets decided for the set (once per set)
    view = web_api_links(tables) if len(keyed) == len(tables.tables) else None
    NavigationBuilder(registry, diagnostics).build(keyed, view)
    registry.complete_bases()
    registry.report_placeholders()
    for draft in registry.drafts.values():
        if draft.table is not None:
            _declare_properties(draft, registry, names, diagnostics)
            draft.alternate_keys = alternate_keys(draft.table, registry, diagnostics)
    settle_members(registry.drafts, diagnostics)
    entity_types = [_entity_type(d, names.alias, diagnostics) for d in _ordered(registry)]
    return Document(
        namespace=names.namespace,
        alias=names.alias,
        container=names.container,
        entity_types=tuple(entity_types),
        complex_types=_complex_types(entity_types, names.alias),
        entity_sets=_entity_sets(registry, names.namespace, diagnostics),
        permission_read=PERMISSION_READ[names.spellings],
    )


def _has_key(table: Table, diagnostics: Diagnostics) -> bool:
    primary = table.primary_id_attribute
    if primary is not None and is_simple_identifier(primary):
        return True
    problem = "no PrimaryIdAttribute" if primary is None else f"the PrimaryIdAttribute {primary!r}"
    diagnostics.warning(
        table.loc,
        f"odata: table {table.logical_name!r} has {problem}: left out",
        code="odata-table-left-out",
    )
    return False


def _declare_properties(
    draft: TypeDraft, registry: TypeRegistry, names: Names, diagnostics: Diagnostics
) -> None:
    table = draft.table
    assert table is not None and table.primary_id_attribute is not None
    for prop in registry.api[table.logical_name].values():
        decl = _property(prop, names, diagnostics)
        if decl.name in draft.properties:
            diagnostics.warning(
                prop.column.loc,
                f"odata: property {decl.name!r} is already declared: left out",
                code="odata-property-duplicate",
            )
            continue
        draft.properties[decl.name] = decl
    if draft.base != CRM_BASE_ENTITY:
        return  # the key is inherited (principal, activitypointer)
    key = registry.property_name(table.logical_name, table.primary_id_attribute)
    if key is None:
        key = table.primary_id_attribute
        diagnostics.warning(
            table.loc,
            f"odata: primary id {key!r} of {table.logical_name!r} is not a readable column: "
            "declared as an Edm.Guid key",
            code="odata-key-not-readable",
        )
        draft.properties = {key: PropertyDecl(EdmName(key), GUID.name), **draft.properties}
    draft.key = key


def _property(prop: ApiProperty, names: Names, diagnostics: Diagnostics) -> PropertyDecl:
    edm = EDM_TYPES[prop.kind]
    return PropertyDecl(
        name=EdmName(prop.name),
        type=edm.qualified(names.alias),
        facets=spelled(edm.facets, names.spellings),
        description=description(prop.column.description, prop.column.loc, diagnostics),
        computed=prop.read_only,
    )


def description(text: str | None, loc: Location, diagnostics: Diagnostics) -> str | None:
    """A description for a Core.Description annotation; characters XML 1.0 cannot carry
    (C0 controls other than TAB, LF, CR; U+FFFE, U+FFFF) become U+FFFD, with a warning."""
    if not text:
        return None
    safe = escape.xml_text(text)
    if safe != text:
        diagnostics.warning(
            loc,
            "odata: description holds control characters XML 1.0 cannot carry: written as U+FFFD",
            code="xml-control-character",
        )
    return safe


def _ordered(registry: TypeRegistry) -> list[TypeDraft]:
    drafts = registry.drafts
    return [drafts[CRM_BASE_ENTITY], *(drafts[n] for n in sorted(drafts) if n != CRM_BASE_ENTITY)]


def _entity_type(draft: TypeDraft, alias: str, diagnostics: Diagnostics) -> EntityTypeDecl:
    loc = draft.table.loc if draft.table is not None else draft.loc
    return EntityTypeDecl(
        name=draft.name,
        base_type=f"{alias}.{draft.base}" if draft.base else None,
        abstract=draft.abstract,
        key=draft.key,
        description=description(draft.description, loc, diagnostics),
        properties=tuple(draft.properties.values()),
        navigations=tuple(
            nav.decl(alias) for nav in sorted(draft.navigations, key=lambda n: _order(n.name))
        ),
        alternate_keys=draft.alternate_keys,
    )


def _complex_types(entity_types: list[EntityTypeDecl], alias: str) -> tuple[ComplexTypeDecl, ...]:
    used = {prop.type for entity in entity_types for prop in entity.properties}
    return tuple(
        ComplexTypeDecl(
            name, tuple(PropertyDecl(EdmName(n), t.qualified(alias), t.facets) for n, t in props)
        )
        for name, props in sorted(COMPLEX_TYPES.items())
        if f"{alias}.{name}" in used
    )


def _entity_sets(
    registry: TypeRegistry, namespace: str, diagnostics: Diagnostics
) -> tuple[EntitySetDecl, ...]:
    names: dict[str, EdmName] = {}
    used: set[str] = set()
    for draft in registry.drafts.values():
        if draft.table is not None:
            name = _set_name(draft.table, used, diagnostics)
            if name is not None:
                names[draft.name] = name
                used.add(name)
    sets = []
    for type_name, set_name in names.items():
        navs = visible_navigations(registry.drafts[type_name], registry.drafts)
        bindings = {nav.name: names[nav.target] for nav in navs if nav.target in names}
        sets.append(
            EntitySetDecl(
                set_name,
                f"{namespace}.{type_name}",
                tuple(sorted(bindings.items(), key=lambda b: _order(b[0]))),
            )
        )
    return tuple(sorted(sets, key=lambda s: s.name))


def _order(name: str) -> tuple[str, str]:
    """Names in dictionary order, case ignored first (``Account_Tasks`` beside ``account_x``)."""
    return (name.casefold(), name)


def _set_name(table: Table, taken: set[str], diagnostics: Diagnostics) -> EdmName | None:
    text = web_api_entity_set(table) or table.logical_collection_name
    problem = None
    if text is None:
        problem = "has no EntitySetName"
    elif text in taken:
        problem = f"has the entity set name {text!r} of another table"
    else:
        try:
            return EdmName(text)
        except InvalidEdmName as exc:
            problem = f"entity set name {exc}"
    diagnostics.warning(
        table.loc,
        f"odata: table {table.logical_name!r} {problem}: no entity set",
        code="odata-no-entity-set",
    )
    return None
