"""dvgen's CSDL for a set of tables against Microsoft's Web API v9.0 EntityType reference
(one ``YamlMime:OData`` file per entity type, as in ../shared/validators/webapi-v9).

Shared by ``tests/test_webapi_faithful.py`` (the corpus) and ``bench/webapi_compare.py`` (any
folder of pages): what one compares is what the other reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dvgen.dataverse_tables import ACTIVITIES
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import Document, EntityTypeDecl, NavigationDecl, PropertyDecl
from dvgen.webapi.navs import decide_links, expandable

NS = "Microsoft.Dynamics.CRM."
ACTIVITY_BASE = NS + "activitypointer"
NAMES = Names("Microsoft.Dynamics.CRM", "mscrm", "System")


@dataclass
class Tally:
    total: int = 0
    present: int = 0
    partnered: int = 0

    def share(self, part: int) -> float:
        return part / self.total if self.total else 1.0


@dataclass
class Comparison:
    """What differs, by kind; the tallies count what was compared."""

    single: Tally = field(default_factory=Tally)
    inherited: Tally = field(default_factory=Tally)
    collection: Tally = field(default_factory=Tally)
    outside: Tally = field(default_factory=Tally)
    """Collections of tables outside the set (of a placeholder entity type)."""
    typed: Tally = field(default_factory=Tally)
    """Microsoft's properties (``total``) we declare (``present``) with its Edm type
    (``partnered``)."""
    flagged: Tally = field(default_factory=Tally)
    """Microsoft's properties that state ``isreadonly`` (``total``) we declare (``present``)
    read-only (Core.Computed and Core.Permissions Read) exactly when it says so
    (``partnered``)."""
    computed: int = 0
    """Microsoft's properties that say ``iscomputed: true`` (its 2021 files say so of none)."""
    lookups: Tally = field(default_factory=Tally)
    """Microsoft's ``_<name>_value`` properties (``total``) we declare (``present``) with the
    same navigation properties set through them (``partnered``)."""
    binds: Tally = field(default_factory=Tally)
    """Microsoft's single-valued navigation properties a lookup property backs (what
    ``<name>@odata.bind`` sets, ``total``) that our JSON Schema and pydantic models offer as a
    bind key (``present``) on a lookup whose page lists it writable (``partnered``)."""
    alternate_keys: dict[str, str] = field(default_factory=dict)
    """Tables whose entity type declares an alternate key (Microsoft's EntityType files
    declare none)."""
    read_only: dict[str, str] = field(default_factory=dict)
    """Properties whose read-only flag differs from Microsoft's ``isreadonly``."""
    lookup_navs: dict[str, str] = field(default_factory=dict)
    """``_<name>_value`` properties set through other navigation properties than Microsoft's."""
    unbound: dict[str, str] = field(default_factory=dict)
    """Microsoft's navigation properties a lookup backs that no bind key of ours sets."""
    bound_read_only: list[str] = field(default_factory=list)
    """Our bind keys on a lookup the page lists read-only (not valid for create nor update)."""
    missing: dict[str, str] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    """Those of ``missing`` whose table no page of the set names (an app's table the org of
    Microsoft's reference had, ``activityparty.partyid_campaign``)."""
    unpartnered: dict[str, str] = field(default_factory=dict)
    collection_missing: dict[str, str] = field(default_factory=dict)
    collection_unpartnered: dict[str, str] = field(default_factory=dict)
    outside_missing: dict[str, str] = field(default_factory=dict)
    """Microsoft's collections to tables outside the set the CSDL lacks (by the table)."""
    outside_unpartnered: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    """Our own single-valued navigation properties Microsoft's entity type does not declare at
    all, on no lookup it lists (``entitydataprovider.organizationid_organization``)."""
    mistyped: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    bases: dict[str, str] = field(default_factory=dict)
    entity_sets: dict[str, str] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)


def load_reference(*folders: Path) -> dict[str, dict[str, Any]]:
    """Every ``<entity type>.yml`` of the folders, by name (a later folder's wins)."""
    found: dict[str, dict[str, Any]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yml")):
            found[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return found


def items(entity: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return list((entity.get(key) or {}).get("property_items") or [])


def lineage(
    entity: EntityTypeDecl | None, types: dict[str, EntityTypeDecl]
) -> Iterator[EntityTypeDecl]:
    """The entity type, then its base, its base's base... as far as ``types`` declares them."""
    while entity is not None:
        yield entity
        base = entity.base_type.split(".")[-1] if entity.base_type else None
        entity = types.get(base) if base else None


def navigations(entity: EntityTypeDecl, types: dict[str, EntityTypeDecl]) -> dict[str, Any]:
    """Own and inherited navigation properties, as a client of the Web API sees them."""
    found: dict[str, NavigationDecl] = {}
    for each in lineage(entity, types):
        for nav in each.navigations:
            found.setdefault(str(nav.name), nav)
    return found


def properties(
    entity: EntityTypeDecl | None, types: dict[str, EntityTypeDecl]
) -> dict[str, PropertyDecl]:
    """Own and inherited structural properties, by name (a type's own first)."""
    found: dict[str, PropertyDecl] = {}
    for each in lineage(entity, types):
        for prop in each.properties:
            found.setdefault(str(prop.name), prop)
    return found


def key_of(name: str, types: dict[str, EntityTypeDecl]) -> str | None:
    """An entity type's key, its own or inherited (an activity's is activitypointer's)."""
    return next((each.key for each in lineage(types.get(name), types) if each.key), None)


def document_of(table_set: TableSet) -> Document:
    return build_document(table_set, NAMES, Diagnostics())


def invented(ours: EntityTypeDecl, entity: dict[str, Any]) -> list[str]:
    """Our single-valued navigation properties on a lookup whose ``_<name>_value`` Microsoft's
    reference lists with none (``bulkdeleteoperation._ownerid_value``,
    ``contact._accountid_value``): a name a client would ask for in vain. Not for activities:
    the reference lists their lookups without the navigation properties they do have."""
    if entity["header"].get("base_type") == ACTIVITY_BASE:
        return []
    bare = {
        item["name"]
        for item in items(entity, "lookup_properties")
        if not item.get("single_valued_navigation_property")
    }
    theirs = {item["name"] for item in items(entity, "single_valued_navigation_properties")}
    return [
        f"{ours.name}.{nav.name}"
        for nav in ours.navigations
        if nav.single
        and str(nav.name) not in theirs
        and nav.constraint is not None
        and nav.constraint[0] in bare
    ]


def unexpected(ours: EntityTypeDecl, entity: dict[str, Any]) -> list[str]:
    """Our own single-valued navigation properties that Microsoft's reference neither declares
    nor ties to a lookup property it lists (those are ``invented``). Not for activities, whose
    reference leaves out navigation properties they do have."""
    if entity["header"].get("base_type") == ACTIVITY_BASE:
        return []
    theirs = {item["name"] for item in items(entity, "single_valued_navigation_properties")}
    listed = {item["name"] for item in items(entity, "lookup_properties")}
    return [
        f"{ours.name}.{nav.name}"
        for nav in ours.navigations
        if nav.single
        and str(nav.name) not in theirs
        and (nav.constraint is None or nav.constraint[0] not in listed)
    ]


def compare(table_set: TableSet, reference: dict[str, dict[str, Any]]) -> Comparison:
    """Every entity type of ``reference`` the set declares, against the set's CSDL."""
    document = document_of(table_set)
    types = {str(t.name): t for t in document.entity_types}
    sets = {s.entity_type.split(".")[-1]: str(s.name) for s in document.entity_sets}
    named = {link.schema_name.lower() for link in decide_links(table_set.tables).one_to_many}
    in_set = {t.logical_name for t in table_set.tables}
    result = Comparison()
    for name, entity in sorted(reference.items()):
        ours = types.get(name)
        if name not in in_set or ours is None:
            continue
        result.tables.append(name)
        _single(result, name, entity, navigations(ours, types), named)
        result.unknown |= {
            key
            for key, target in result.missing.items()
            if key.startswith(f"{name}.") and target not in types
        }
        _collections(result, name, entity, navigations(ours, types), in_set)
        result.invented += invented(ours, entity)
        result.unexpected += unexpected(ours, entity)
        _properties(result, name, entity, ours, types)
        _flags(result, name, entity, ours, types)
        _lookups(result, name, entity, navigations(ours, types), types)
        _binds(result, name, entity, table_set)
        _header(result, name, entity, ours, types, sets.get(name))
    return result


def _single(
    result: Comparison,
    name: str,
    entity: dict[str, Any],
    navs: dict[str, NavigationDecl],
    named: set[str],
) -> None:
    for item in items(entity, "single_valued_navigation_properties"):
        key = f"{name}.{item['name']}"
        from_base = (
            entity["header"].get("base_type") == ACTIVITY_BASE
            and str(item.get("partner", "")).lower() not in named
            and not item["name"].endswith(f"_{name}")
        )
        tally = result.inherited if from_base else result.single
        tally.total += 1
        nav = navs.get(item["name"])
        if nav is None or nav.type != "mscrm." + item["type"].removeprefix(NS):
            if not from_base:
                result.missing[key] = item["type"].removeprefix(NS)
            continue
        tally.present += 1
        if nav.partner == item.get("partner"):
            tally.partnered += 1
        else:
            result.unpartnered[key] = f"ours {nav.partner}, Microsoft's {item.get('partner')}"


def _collections(
    result: Comparison,
    name: str,
    entity: dict[str, Any],
    navs: dict[str, NavigationDecl],
    in_set: set[str],
) -> None:
    for item in items(entity, "collection_valued_navigation_properties"):
        other = item["type"].removeprefix(NS)
        key = f"{name}.{item['name']}"
        tally = result.collection if other in in_set else result.outside
        tally.total += 1
        nav = navs.get(item["name"])
        if nav is None or nav.type != f"Collection(mscrm.{other})":
            missing = result.collection_missing if other in in_set else result.outside_missing
            missing[key] = other
            continue
        tally.present += 1
        if nav.partner == item.get("partner"):
            tally.partnered += 1
        else:
            unpartnered = (
                result.collection_unpartnered if other in in_set else result.outside_unpartnered
            )
            unpartnered[key] = f"ours {nav.partner}, Microsoft's {item.get('partner')}"


def _edm(type_name: str) -> str:
    return type_name.replace(NS, "mscrm.")


def _properties(
    result: Comparison,
    name: str,
    entity: dict[str, Any],
    ours: EntityTypeDecl,
    types: dict[str, EntityTypeDecl],
) -> None:
    exposed = {p["name"] for p in items(entity, "properties")}
    exposed |= {p["name"] for p in items(entity, "lookup_properties")}
    result.extra += [f"{name}.{p.name}" for p in ours.properties if p.name not in exposed]
    declared = properties(ours, types)
    result.absent += [f"{name}.{p}" for p in sorted(exposed - set(declared))]
    for item in items(entity, "properties"):
        result.typed.total += 1
        prop = declared.get(item["name"])
        if prop is None:
            continue
        result.typed.present += 1
        if prop.type == _edm(item["type"]):
            result.typed.partnered += 1
        else:
            result.mistyped[f"{name}.{item['name']}"] = f"ours {prop.type}, Microsoft's " + _edm(
                item["type"]
            )


def _flags(
    result: Comparison,
    name: str,
    entity: dict[str, Any],
    ours: EntityTypeDecl,
    types: dict[str, EntityTypeDecl],
) -> None:
    """Microsoft's ``isreadonly`` (its ``$metadata``'s Core.Permissions Read) against ours."""
    declared = properties(ours, types)
    for item in items(entity, "properties"):
        result.computed += bool(item.get("iscomputed"))
        if "isreadonly" not in item:
            continue
        result.flagged.total += 1
        prop = declared.get(item["name"])
        if prop is None:
            continue
        result.flagged.present += 1
        if prop.computed == bool(item["isreadonly"]):
            result.flagged.partnered += 1
        else:
            result.read_only[f"{name}.{item['name']}"] = (
                f"ours {prop.computed}, Microsoft's {item['isreadonly']}"
            )
    if ours.alternate_keys:
        result.alternate_keys[name] = f"ours {list(ours.alternate_keys)}, Microsoft's none"


def _lookups(
    result: Comparison,
    name: str,
    entity: dict[str, Any],
    navs: dict[str, NavigationDecl],
    types: dict[str, EntityTypeDecl],
) -> None:
    """Each ``_<name>_value`` Microsoft lists, declared, and set through the same navigation
    properties (those leading to a type the document declares; not for activities, whose
    reference leaves out navigation properties they have)."""
    declared = properties(types.get(name), types)
    target = {
        item["name"]: item["type"].removeprefix(NS)
        for item in items(entity, "single_valued_navigation_properties")
    }
    for item in items(entity, "lookup_properties"):
        result.lookups.total += 1
        if item["name"] not in declared:
            continue
        result.lookups.present += 1
        if is_activity(name, entity):
            result.lookups.partnered += 1
            continue
        theirs = {
            nav
            for nav in item.get("single_valued_navigation_property") or []
            if target.get(nav) in types
        }
        mine = {
            nav.name
            for nav in navs.values()
            if nav.single and nav.constraint is not None and nav.constraint[0] == item["name"]
        }
        if mine == theirs:
            result.lookups.partnered += 1
        else:
            result.lookup_navs[f"{name}.{item['name']}"] = (
                f"ours {sorted(mine)}, Microsoft's {sorted(theirs)}"
            )


def _binds(result: Comparison, name: str, entity: dict[str, Any], table_set: TableSet) -> None:
    """The navigation properties ``<name>@odata.bind`` sets: Microsoft's (those a lookup
    property backs) against the bind keys of our JSON Schema and pydantic models."""
    table = table_set.get(name)
    if table is None:
        return
    columns = {c.logical_name: c for c in table.columns}
    mine = {nav.name: nav for nav in expandable(table_set, table) if nav.single}
    for nav in mine.values():
        column = columns.get(nav.column or "")
        if column is not None and not column.is_writable:
            result.bound_read_only.append(f"{name}.{nav.name}@odata.bind")
    for item in items(entity, "lookup_properties"):
        for nav_name in item.get("single_valued_navigation_property") or []:
            result.binds.total += 1
            bound = mine.get(nav_name)
            if bound is None:
                result.unbound[f"{name}.{nav_name}"] = item["name"]
                continue
            result.binds.present += 1
            column = columns.get(bound.column or "")
            if column is not None and column.is_writable:
                result.binds.partnered += 1


def _header(
    result: Comparison,
    name: str,
    entity: dict[str, Any],
    ours: EntityTypeDecl,
    types: dict[str, EntityTypeDecl],
    entity_set: str | None,
) -> None:
    header = entity["header"]
    if key_of(name, types) != header["primary_key"]:
        result.keys[name] = f"ours {key_of(name, types)}, Microsoft's {header['primary_key']}"
    base = "mscrm." + header["base_type"].removeprefix(NS)
    if ours.base_type != base:
        result.bases[name] = f"ours {ours.base_type}, Microsoft's {base}"
    theirs = header["entity_set_path"].rsplit("/", 1)[-1]
    if entity_set != theirs:
        result.entity_sets[name] = f"ours {entity_set}, Microsoft's {theirs}"


def is_activity(name: str, entity: dict[str, Any]) -> bool:
    return name in ACTIVITIES or entity["header"].get("base_type") == ACTIVITY_BASE
