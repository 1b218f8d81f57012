"""One solution (an unpacked folder's bundle, or an exported .zip) to the specs it holds."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

from dvgen import systemcolumns
from dvgen.dataverse_tables import KNOWN_TABLES, collection_name, key_of
from dvgen.diagnostics import Diagnostic, Diagnostics, Location, SpecError, clip, fatal
from dvgen.lookups import microsoft_name
from dvgen.model import (
    ChoiceExtension,
    LayerKind,
    ManyToManyRelationship,
    OneToManyRelationship,
    Spec,
    Table,
    TableExtension,
)
from dvgen.optionlinks import option_links
from dvgen.solution.attributes import Context
from dvgen.solution.checks import bounded, check_names
from dvgen.solution.entity import (
    EntityRead,
    Links,
    Unstated,
    enabled_options,
    has_notes,
    is_data_source,
    is_owned,
    layer_of,
    read_entity,
    table_of,
    with_key,
)
from dvgen.solution.folder import (
    MANIFEST,
    SOURCE_MANIFEST,
    custom_api,
    is_stray_relationships,
    unbundle,
    without_managed_twins,
)
from dvgen.solution.keys import known_keys
from dvgen.solution.labels import Language, languages_in
from dvgen.solution.lookups import named_by_schema, spelt_lookups
from dvgen.solution.manifest import Manifest, SolutionInfo, read_manifest
from dvgen.solution.notices import (
    warn_misplaced_table_elements,
    warn_no_tables,
    warn_stray_relationships,
    warn_unlisted,
    warn_unlisted_choices,
    warn_untargeted,
)
from dvgen.solution.optionsets import OptionSet, read_optionset
from dvgen.solution.relationships import (
    Found,
    field_lookup,
    foreign_labels_left,
    read_relationship,
)
from dvgen.solution.xml import Node, natural, parse_xml
from dvgen.validate import MAX_NAME

Parsed = tuple[tuple[Spec, ...], list[Diagnostic], SolutionInfo | None]

EXPORTED_MANIFEST = "solution.xml"
CUSTOMIZATIONS = ("other/customizations.xml", "customizations.xml")


@dataclass(slots=True)
class Documents:
    """The solution's XML, wherever its layout keeps it: (node, file it is in)."""

    manifest: Node
    manifest_at: str
    """The manifest's file, as diagnostics name it."""
    customizations: Node | None = None
    entities: list[tuple[Node, str]] = field(default_factory=list)
    optionsets: list[tuple[Node, str]] = field(default_factory=list)
    relationships: list[tuple[Node, str]] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)
    """Relationship files outside ``Other/Relationships/`` (not parsed, not read)."""
    custom_apis: list[str] = field(default_factory=list)
    """The unique names of the custom APIs in ``customapis/`` (not parsed, not read)."""


def read_solution(name: str, data: bytes, language: int) -> Parsed:
    """Every spec of the solution, its diagnostics, and what ordering solutions needs;
    no spec when any file has an error."""
    specs, found, info = _read_solution(name, data, language)
    return specs, [bounded(d) for d in found], info


def _read_solution(name: str, data: bytes, language: int) -> Parsed:
    diagnostics = Diagnostics()
    try:
        docs = _documents(name, without_managed_twins(unbundle(data, name)))
        specs, info = _read(docs, name, language, diagnostics)
        for spec in specs:
            check_names(spec, diagnostics)
    except SpecError as exc:
        return (), [*diagnostics, *exc.diagnostics], None
    if diagnostics.has_errors:
        return (), list(diagnostics), None
    return specs, list(diagnostics), info


def _documents(name: str, files: dict[str, bytes]) -> Documents:
    """Every kept file parsed; the errors of all broken files raised together."""
    by_lower = {path.lower(): path for path in files}
    manifest_path = by_lower.get(MANIFEST) or by_lower.get(EXPORTED_MANIFEST)
    if manifest_path is None:
        raise fatal(Location(name), "no Other/Solution.xml (or solution.xml in a .zip) found")
    _one_layout(name, files, by_lower)
    stray = sorted((path for path in files if is_stray_relationships(path)), key=str.lower)
    errors: list[Diagnostic] = []
    parsed: dict[str, Node] = {}
    apis = {path: api for path in files if (api := custom_api(path))}
    left_out = {*stray, *apis}
    kept = [path for path in sorted(files, key=str.lower) if path not in left_out]
    for path in dict.fromkeys([manifest_path, *kept]):
        try:
            parsed[path] = parse_xml(files[path], f"{name}/{path}")
        except SpecError as exc:
            errors += exc.diagnostics
    if errors:
        raise SpecError(dict.fromkeys(errors))
    docs = Documents(parsed[manifest_path], f"{name}/{manifest_path}")
    docs.stray = [f"{name}/{path}" for path in stray]
    docs.custom_apis = sorted(apis.values())
    for path, root in parsed.items():
        _sort_into(docs, path.lower(), root, f"{name}/{path}")
    return docs


def _one_layout(name: str, files: dict[str, bytes], by_lower: dict[str, str]) -> None:
    """Refuse a solution holding both an unpacked layout (``Other/Solution.xml``) and an
    extracted export (``customizations.xml`` at its root, most often beside the export's
    ``solution.xml``): two copies of its tables, or two solutions', of which the one meant
    cannot be told (the export may be older than the unpacked files, or newer), and reading
    both would define each table twice; as a folder and its exported .zip put in the specs
    folder together are."""
    extracted = by_lower.get(CUSTOMIZATIONS[1])
    unpacked = by_lower.get(MANIFEST) or by_lower.get(SOURCE_MANIFEST)
    if unpacked is None or extracted is None:
        return
    data = files[extracted]
    start = data.find(b"<ImportExportXml")
    line = data.count(b"\n", 0, start) + 1 if start >= 0 else 1
    raise fatal(
        Location(f"{name}/{extracted}").at(line),
        "an extracted export (customizations.xml at the solution's root) beside the unpacked "
        f"solution of {name}/{unpacked}: which copy is meant cannot be told, and reading both "
        "would define each table twice; keep one (move the export out of the folder, or "
        "unpack it over the folder with pac solution unpack)",
    )


def _sort_into(docs: Documents, lower: str, root: Node, where: str) -> None:
    """One file's content into the documents, by where the unpacked layout keeps it."""
    parts = lower.split("/")
    if lower in CUSTOMIZATIONS:
        docs.customizations = root
        _add_customizations(docs, root, where)
    elif parts[0] == "entities" and len(parts) == 3 and parts[2] == "entity.xml":
        docs.entities.append((root, where))
    elif parts[0] == "optionsets" and len(parts) == 2:
        docs.optionsets.append((root, where))
    elif lower == "other/relationships.xml" or lower.startswith("other/relationships/"):
        found = [root] if root.key == "entityrelationship" else root.children
        docs.relationships += [(node, where) for node in found]


def _add_customizations(docs: Documents, root: Node, path: str) -> None:
    """Tables, choices and relationships defined inside customizations.xml (an exported
    solution keeps all of them there; an unpacked one leaves placeholders)."""
    for holder, tag, into in (
        ("Entities", "Entity", docs.entities),
        ("optionsets", "optionset", docs.optionsets),
        ("EntityRelationships", "EntityRelationship", docs.relationships),
    ):
        section = root.child(holder)
        into.extend((node, path) for node in (section.all(tag) if section is not None else ()))


def _language(
    docs: Documents, manifest: Manifest, wanted: int, where: Location, diagnostics: Diagnostics
) -> Language:
    if not docs.entities and not docs.optionsets:
        return Language(wanted, wanted)  # no label to read: nothing to say of their language
    present: dict[int, None] = {}
    if manifest.base_language is not None:
        present[manifest.base_language] = None
    languages = docs.customizations.child("Languages") if docs.customizations else None
    for node in languages.all("Language") if languages is not None else ():
        code = natural(node.text)
        if code is not None:
            present.setdefault(code, None)
    for node, _ in [*docs.entities, *docs.optionsets]:
        for code in languages_in(node):
            present.setdefault(code, None)
    return Language.choose(wanted, list(present), where, diagnostics)


def _read(
    docs: Documents, name: str, wanted: int, diagnostics: Diagnostics
) -> tuple[tuple[Spec, ...], SolutionInfo]:
    manifest = read_manifest(docs.manifest)
    if not manifest.unique_name:
        raise fatal(Location(name), "the solution manifest has no <UniqueName>")
    if len(manifest.unique_name) > MAX_NAME:
        # Every message about the solution's layers quotes it: refused, not printed whole.
        size = len(manifest.unique_name)
        message = f"the solution's <UniqueName> is {size} characters long, over {MAX_NAME}"
        raise fatal(Location(docs.manifest_at), message)
    language = _language(docs, manifest, wanted, Location(name), diagnostics)
    global_sets = _global_sets(docs, language, diagnostics)
    images = _images(docs.customizations)
    prefix = manifest.prefix.lower() if manifest.prefix else None
    base = Context(
        Location(name),
        language,
        global_sets,
        images,
        "",
        prefix,
        manifest.option_prefix,
        manifest.base_language,
    )
    read = _entities(docs, base, diagnostics)
    owned = {
        logical
        for logical, entity in read.items()
        if is_owned(entity, manifest.behaviors.get(logical))
    }
    primary_ids = {logical: read[logical].primary[0] for logical in owned}
    links = _links(docs, read, primary_ids, language, diagnostics)
    warn_unlisted(manifest, read, set(links), docs.manifest_at, diagnostics)
    warn_unlisted_choices(manifest, global_sets, docs.manifest_at, diagnostics)
    warn_stray_relationships(docs.stray, diagnostics)
    specs: list[Spec] = []
    for logical, entity in sorted(read.items()):
        ctx = dataclasses.replace(base, where=Location(entity.loc.path), table=logical)
        found = links.pop(logical, Links())
        if logical not in owned:
            # A customized table keeps the lookups of its relationships to the tables that
            # define them (``dvgen.resolve``): a <field> may restate one of Microsoft's.
            found.fields.clear()
        table = table_of(entity, found, ctx)
        warn_untargeted(table, entity, diagnostics)
        if logical in owned:
            made = spelt_lookups(table, found.spelt)
            custom = entity.custom | (set(made.columns_by_name) - set(table.columns_by_name))
            table = named_by_schema(made, frozenset(custom))
            if has_notes(entity):
                table = systemcolumns.with_notes(table)
            if not is_data_source(entity):
                table = option_links(table, enabled_options(entity))
            table = systemcolumns.owned(table, platform=not is_data_source(entity))
            specs.append(known_keys(table, diagnostics))
        else:
            # A lookup the solution adds to a table defined elsewhere is named as one it adds
            # to its own table (Lead's ye_Facility, Incident's cr1a3_Customer_account); one of
            # Microsoft's apps (msdyn_) keeps what its reference page names it.
            # A custom lookup only its relationships name (to a table the export lacks, or
            # holds) is the solution's, spelt as they spell it (``new_QuxId``), as on a table
            # it holds whole; Microsoft's are the tables' own (``dvgen.resolve``).
            spelt = {k: v for k, v in found.spelt.items() if not microsoft_name(k)}
            made = spelt_lookups(table, spelt)
            custom = entity.custom | (set(made.columns_by_name) - set(table.columns_by_name))
            layered = dataclasses.replace(entity, custom=frozenset(custom))
            added = frozenset(c for c in layered.custom if not microsoft_name(c))
            shell = named_by_schema(with_key(made, entity.info), added)
            specs.append(layer_of(shell, layered, manifest.unique_name, found.foreign))
    specs += [_links_only(logical, only, manifest, name) for logical, only in sorted(links.items())]
    specs += _choice_layers(global_sets, manifest)
    if not specs:
        warn_no_tables(manifest, docs.manifest_at, len(docs.custom_apis), diagnostics)
    language.report(Location(name), diagnostics)
    info = SolutionInfo(
        unique_name=manifest.unique_name,
        requires=manifest.requires,
        owns=frozenset(owned),
        touches=frozenset(s.logical_name for s in specs if isinstance(s, TableExtension)),
    )
    return tuple(specs), info


def _entities(docs: Documents, base: Context, diagnostics: Diagnostics) -> dict[str, EntityRead]:
    read: dict[str, EntityRead] = {}
    for node, path in docs.entities:
        where = Location(path)
        schema = (node.value("Name") or "").strip() or _info_name(node)
        if not schema:
            diagnostics.error(where.at(node.line), "an <Entity> without a <Name>")
            continue
        earlier = read.get(schema.lower())
        if earlier is not None:
            # A hand merge that kept both sides: which one is meant cannot be told, and
            # keeping the last would drop the other's columns without a word.
            message = f"table {clip(schema)!r} is defined twice: here and at {earlier.loc}"
            diagnostics.error(where.at(node.line), message)
            continue
        ctx = dataclasses.replace(base, where=where, table=schema.lower())
        read[schema.lower()] = read_entity(node, schema, ctx, diagnostics)
        warn_misplaced_table_elements(node, where, diagnostics)
    return read


def _links_only(logical: str, only: Links, manifest: Manifest, name: str) -> TableExtension:
    """A table the solution has no Entity.xml of but relationships with (a custom activity's
    ``regardingobjectid`` tables): a layer holding only those relationships. Its shell (the
    table built when no spec defines it) has the names Dataverse gives it, as a shell read
    from an Entity.xml has: the SchemaName its relationships spell (``_spell``), its key named
    after it, and the lookups they name as their ``<ReferencingAttributeName>`` spells them."""
    where = _first_loc(only) or Location(name)
    plural = collection_name(logical)
    table = Table(
        logical,
        only.schema or logical,
        entity_set_name=plural,
        logical_collection_name=plural,
        relationships=only.relationships(),
        loc=where,
    )
    # Its lookups of relationships the table they reference holds (``Links.away``) are
    # spelt too; those relationships stay where they were placed.
    rels = table.relationships
    sketch = dataclasses.replace(rels, many_to_one=(*rels.many_to_one, *only.away))
    shell = spelt_lookups(with_key(table, None), only.spelt, platform=False, sketch=sketch)
    return TableExtension(
        logical_name=logical,
        solution=manifest.unique_name,
        relationships=foreign_labels_left(shell.relationships, only.foreign),
        loc=where,
        kind=LayerKind.SOLUTION,
        shell=shell,
        created=_created(logical, manifest),
    )


def _created(logical: str, manifest: Manifest) -> bool:
    """Whether the manifest says the solution created ``logical``: a root component of
    behavior 0 (the whole table with all its parts) that is none of Microsoft's tables."""
    return (
        manifest.behaviors.get(logical) == "0"
        and logical not in KNOWN_TABLES
        and not microsoft_name(logical)
    )


def _info_name(node: Node) -> str:
    holder = node.child("EntityInfo")
    entity = holder.child("entity") if holder is not None else None
    return (entity.get("Name") or "") if entity is not None else ""


def _global_sets(
    docs: Documents, language: Language, diagnostics: Diagnostics
) -> dict[str, OptionSet]:
    found: dict[str, OptionSet] = {}
    for node, path in docs.optionsets:
        optionset = read_optionset(node, Location(path), language, diagnostics, placed=True)
        if not optionset.name:
            diagnostics.error(Location(path, node.line), "an <optionset> without a Name")
            continue
        found.setdefault(optionset.name.lower(), optionset)
    return found


def _images(root: Node | None) -> frozenset[tuple[str, str, str]]:
    """(table, column, ``full`` or ``primary``): image columns that keep full images, and each
    table's primary image, as customizations.xml states them (2021 exports on)."""
    found: set[tuple[str, str, str]] = set()
    sections = (
        ("AttributeImageConfigs", "AttributeImageConfig", "attributelogicalname", "full"),
        ("EntityImageConfigs", "EntityImageConfig", "primaryimageattribute", "primary"),
    )
    for holder, tag, column, what in sections:
        section = root.child(holder) if root is not None else None
        for config in section.all(tag) if section is not None else ():
            if what == "full" and config.value("canstorefullimage") != "1":
                continue
            table = (config.value("parententitylogicalname") or "").lower()
            found.add((table, (config.value(column) or "").lower(), what))
    return frozenset(found)


def _links(
    docs: Documents,
    read: dict[str, EntityRead],
    primary_ids: dict[str, str],
    language: Language,
    diagnostics: Diagnostics,
) -> dict[str, Links]:
    """Each relationship given to one table of the solution (the referencing or first table
    when the solution has it, else the other one, else a layer of its own), and each lookup
    its targets."""
    links: dict[str, Links] = defaultdict(Links)
    seen: set[str] = set()
    for node, path in docs.relationships:
        found = read_relationship(node, Location(path), language, diagnostics)
        if found is None or found.relationship.schema_name.lower() in seen:
            continue
        seen.add(found.relationship.schema_name.lower())
        _place(found, read, primary_ids, links)
        _spell(found, read, links)
        _add_field(found, read, language, links)
    _away(read, links)
    return links


def _away(read: dict[str, EntityRead], links: dict[str, Links]) -> None:
    """Give each table the solution holds only relationships of (``_links_only``) the
    many-to-one ones placed on the table they reference, the solution's (``Links.away``)."""
    alone = {logical for logical in links if logical not in read}
    for logical, holder in list(links.items()):
        for rel in holder.one_to_many:
            first = rel.referencing_entity
            if first in alone and first != logical:
                links[first].away.append(rel)


def _spell(found: Found, read: dict[str, EntityRead], links: dict[str, Links]) -> None:
    """The SchemaName of a table the solution holds relationships of but no ``<Entity>``, as
    the first of them spells it (``<ReferencingEntityName>new_Industries``, as
    Bryanalano4/site-evaluation-system's ``business_unit_new_industries`` does): the name of
    the table built from them when no spec defines it, and of its key (``new_IndustriesId``)."""
    if found.first in read or found.first not in links or found.node is None:
        return
    one_to_many = isinstance(found.relationship, OneToManyRelationship)
    tag = "ReferencingEntityName" if one_to_many else "FirstEntityName"
    spelt = (found.node.value(tag) or "").strip()
    if spelt.lower() == found.first and links[found.first].schema is None:
        links[found.first].schema = spelt


def _add_field(
    found: Found, read: dict[str, EntityRead], language: Language, links: dict[str, Links]
) -> None:
    """The lookup a relationship's ``<field>`` describes, for its referencing table when the
    solution has that table but no column of the lookup's name."""
    rel = found.relationship
    entity = read.get(found.first)
    if not isinstance(rel, OneToManyRelationship):
        return
    if entity is None and found.first not in links:
        return  # kept by the table it references, which the solution has
    name = rel.referencing_attribute
    if not name or name in links[found.first].fields:
        return
    if entity is not None:
        if any(c.logical_name == name for c in entity.columns):
            return
        column = field_lookup(found, language)
        if column is not None:
            links[found.first].fields[name] = column
            return
    spelt = (found.node.value("ReferencingAttributeName") or "").strip() if found.node else ""
    if spelt and spelt != name and spelt.lower() == name:
        links[found.first].spelt[name] = spelt


def _place(
    found: Found, read: dict[str, EntityRead], primary_ids: dict[str, str], links: dict[str, Links]
) -> None:
    rel = found.relationship
    first, second = found.first, found.second
    if isinstance(rel, OneToManyRelationship):
        if second in primary_ids:
            rel = dataclasses.replace(rel, referenced_attribute=primary_ids[second])
        if first in read or second not in read:
            links[first].many_to_one.append(rel)
            links[first].foreign[rel.schema_name.lower()] = found.foreign
            if rel.referencing_attribute:
                links[first].targets.setdefault(rel.referencing_attribute, []).append(second)
        else:
            links[second].one_to_many.append(rel)
            links[second].foreign[rel.schema_name.lower()] = found.foreign
        return
    assert isinstance(rel, ManyToManyRelationship)
    rel = _with_intersect_attributes(rel, primary_ids)
    if first in read or second not in read:
        links[first].many_to_many.append(rel)
        links[first].foreign[rel.schema_name.lower()] = found.foreign
    else:
        mirrored = dataclasses.replace(rel, this_table=rel.other_table, other_table=rel.this_table)
        links[second].many_to_many.append(mirrored)
        links[second].foreign[rel.schema_name.lower()] = found.foreign.mirrored()


def _with_intersect_attributes(
    rel: ManyToManyRelationship, primary_ids: dict[str, str]
) -> ManyToManyRelationship:
    """Each side's column in the intersect table, which exports leave out: Dataverse names it
    after the side's primary key (``<table>id``), ``<key>one`` and ``<key>two`` when a table
    is related to itself."""
    first, second = rel.this_table.logical_name or "", rel.other_table.logical_name or ""
    one, two = (_key_of(name, primary_ids) for name in (first, second))
    if first == second:
        one, two = f"{one}one", f"{two}two"
    return dataclasses.replace(
        rel,
        this_table=dataclasses.replace(rel.this_table, intersect_attribute=one),
        other_table=dataclasses.replace(rel.other_table, intersect_attribute=two),
    )


def _key_of(table: str, primary_ids: dict[str, str]) -> str:
    return primary_ids.get(table) or key_of(table)


def _first_loc(links: Links) -> Location | None:
    items = [*links.many_to_one, *links.one_to_many, *links.many_to_many]
    return min((item.loc for item in items), default=None)


def _choice_layers(global_sets: dict[str, OptionSet], manifest: Manifest) -> list[Spec]:
    """A global choice the solution restates but does not own (no publisher prefix) is a layer
    that adds its options to that choice wherever a table uses it (relabelling one only in
    the wanted language)."""
    prefix = f"{manifest.prefix.lower()}_" if manifest.prefix else None
    layers: list[Spec] = []
    for key, optionset in sorted(global_sets.items()):
        if (prefix is not None and key.startswith(prefix)) or not _standard(key):
            continue
        restated = Unstated(frozenset(), optionset.foreign, manifest.option_prefix)
        options = tuple(c for c in optionset.choices if restated.keeps(c))
        foreign = tuple(c for c in optionset.choices if not restated.keeps(c))
        dropped = bool(foreign)  # its order is the org's all the same
        layers.append(
            ChoiceExtension(
                name=optionset.name,
                options=options,
                options_order=tuple(c.value for c in optionset.choices) if dropped else (),
                foreign_options=foreign,
                kind=LayerKind.SOLUTION,
                solution=manifest.unique_name,
                loc=optionset.loc,
            )
        )
    return layers


def _standard(name: str) -> bool:
    """A Microsoft global choice: no publisher prefix (``industrycode``, ``budgetstatus``), or a
    table-named one (``incident_caseorigincode``) whose table is Microsoft's."""
    head = name.split("_", 1)[0]
    return "_" not in name or head in KNOWN_TABLES
