"""Tables: one ``<Entity>`` of a solution to a whole ``Table`` (a table the solution owns) or to
a ``TableExtension`` layer (a standard or another solution's table it customizes)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from dvgen.dataverse_tables import (
    ACTIVITIES,
    ACTIVITY_KEY,
    BPF_KEY,
    KNOWN_TABLES,
    OWNER,
    collection_name,
    key_of,
)
from dvgen.diagnostics import Diagnostics, Location, clip
from dvgen.model import (
    INFERRED,
    NOWHERE,
    Choice,
    Column,
    ColumnChange,
    ColumnType,
    LayerKind,
    Relationships,
    RequiredLevel,
    Table,
    TableExtension,
    TableType,
)
from dvgen.optionlinks import OPTION_LINKS
from dvgen.solution.attributes import COLUMN_LABELS, Context, read_attribute
from dvgen.solution.keys import read_keys
from dvgen.solution.optionsets import foreign_values
from dvgen.solution.relationships import Foreign, foreign_labels_left
from dvgen.solution.vocabulary import (
    DATA_SOURCE_PROVIDER,
    ELASTIC_PROVIDER,
    ENTITY_CHILDREN,
    OWNERSHIP,
    SYSTEM_TARGETS,
    TABLE_FLAGS,
    TABLE_TYPES,
)
from dvgen.solution.xml import Node

NOTED = (
    "IsActivity",
    "IsActivityParty",
    "ExternalName",
    "ExternalCollectionName",
    "DataProviderId",
    "DataSourceId",
)
"""Table elements with no model field a reader needs: kept in ``extra`` when set (and not 0)."""
MAPPED = frozenset(
    "attributes localizednames localizedcollectionnames descriptions entitysetname "
    "ownershiptypemask isbpfentity entitykeys tabletype hasrelatedactivities".split()
)
"""Table elements read into the table's fields."""
CHANGED_FACETS = (
    "display_name description required_level max_length min_value max_value precision "
    "precision_source format format_name date_time_behavior global_choice_name choices "
    "default_value default_form_value".split()
)
"""Facets a solution may change in a standard column it restates (``IsCustomField`` 0); the
defaults too (``<AppDefaultValue>``: an org makes "Other" the default address type)."""
CUSTOMER_TARGETS = ("account", "contact")
COMPANION_SUFFIXES = ("yominame", "name", "type")
BPF_SCHEMA = "BusinessProcessFlowInstanceId"


@dataclass(slots=True)
class Links:
    """The relationships of one table, the lookup targets they give its columns, and the
    lookups their ``<field>`` elements describe (by logical name)."""

    many_to_one: list[Any] = field(default_factory=list)
    one_to_many: list[Any] = field(default_factory=list)
    many_to_many: list[Any] = field(default_factory=list)
    targets: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, Column] = field(default_factory=dict)
    spelt: dict[str, str] = field(default_factory=dict)
    """Each lookup its relationships name but no ``<attribute>`` lists, as their
    ``<ReferencingAttributeName>`` spells it where that is not its logical name."""
    foreign: dict[str, Foreign] = field(default_factory=dict)
    """Schema name (lower case) -> which of its menu labels and description are only in
    another language than the wanted one (``Found.foreign``, as the relationship is placed here)."""
    schema: str | None = None
    """The table's SchemaName as its relationships spell it (``<ReferencingEntityName>``,
    ``<FirstEntityName>``), for a table the solution holds no ``<Entity>`` of."""
    away: list[Any] = field(default_factory=list)
    """For such a table, its many-to-one relationships given to the table they reference
    (which the solution holds): their lookups are its own all the same (``_links_only``)."""

    def relationships(self) -> Relationships:
        def by_name(items: list[Any]) -> tuple[Any, ...]:
            return tuple(sorted(items, key=lambda r: r.schema_name.lower()))

        return Relationships(
            by_name(self.many_to_one), by_name(self.one_to_many), by_name(self.many_to_many)
        )


@dataclass(frozen=True, slots=True)
class EntityRead:
    """One ``<Entity>`` as read: names, table element, columns and what kind each is."""

    schema: str
    info: Node | None
    columns: list[Column]
    custom: frozenset[str]
    """Columns the solution adds (``<IsCustomField>1``)."""
    unchanged: frozenset[str]
    """Columns marked ``unmodified``: listed, changing nothing."""
    primary: list[str]
    """The primary-key and primary-name columns ("" when not found)."""
    loc: Location
    extra: tuple[tuple[str, str], ...] = ()
    unstated: dict[str, Unstated] = field(default_factory=dict)
    """Per column, what its element leaves unstated (see ``Unstated``)."""
    labelled: frozenset[str] = frozenset()
    """The table's labels its ``<EntityInfo>`` states in the wanted language (``TABLE_LABELS``)."""
    named: str | None = None
    """The display name ``<Name LocalizedName=…>`` gives, in the export's base language."""


@dataclass(frozen=True, slots=True)
class Unstated:
    """What an ``<attribute>`` does not state for a column defined elsewhere: the facets it
    leaves out (a required level it does not write) or states only in another language than
    the wanted one (``display_name``, ``description``), the option values labelled only in
    another language, and the publisher's option value prefix, which marks the options the
    solution adds (they keep the only label they have)."""

    facets: frozenset[str]
    values: frozenset[int]
    option_prefix: int | None

    def keeps(self, choice: Choice) -> bool:
        """Whether a restated option is a change: labelled in the wanted language, or added."""
        mine = self.option_prefix is not None and choice.value // 10_000 == self.option_prefix
        return choice.value not in self.values or mine


def read_entity(node: Node, schema: str, ctx: Context, diagnostics: Diagnostics) -> EntityRead:
    """The table element and every column it lists, with which are custom or unmodified."""
    info_holder = node.child("EntityInfo")
    info = info_holder.child("entity") if info_holder is not None else None
    holder = info.child("attributes") if info is not None else None
    columns: list[Column] = []
    custom: set[str] = set()
    unchanged: set[str] = set()
    primary: list[str] = ["", ""]
    elements: list[Node] = []
    unstated: dict[str, Unstated] = {}
    for element in holder.all("attribute") if holder is not None else ():
        column = read_attribute(element, ctx, diagnostics)
        if column is None:
            continue
        columns.append(column)
        elements.append(element)
        unstated[column.logical_name] = _unstated(element, ctx)
        if element.get("unmodified") == "1":
            unchanged.add(column.logical_name)
        flag = element.value("IsCustomField")
        mine = ctx.prefix is not None and column.logical_name.startswith(f"{ctx.prefix}_")
        if flag == "1" or (flag is None and mine):
            custom.add(column.logical_name)
        if (element.value("Type") or "").lower() == "primarykey":
            primary[0] = column.logical_name
        if "primaryname" in (element.value("DisplayMask") or "").lower().split("|"):
            primary[1] = column.logical_name
    _warn_stray(node, holder, ctx, diagnostics)
    loc = ctx.where.at(node.line)
    logical = {
        c.logical_name
        for c, e in zip(columns, elements, strict=True)
        if _is_logical(e) or c.type is ColumnType.ENTITY_NAME
    }
    columns = [_companion(c, columns) if c.logical_name in logical else c for c in columns]
    return EntityRead(
        schema,
        info,
        columns,
        frozenset(custom),
        frozenset(unchanged),
        primary,
        loc,
        _root(node),
        unstated,
        _labelled(info, ctx),
        _named(node),
    )


def _named(node: Node) -> str | None:
    """``<Name LocalizedName=…>``: the table's display name in the export's base language,
    which every export writes, a table's shell too (``<Name LocalizedName="User">SystemUser``,
    with no ``<LocalizedNames>``); where both are there it is the ``<LocalizedName>`` of
    that language (119 of 119 tables of the solutions in ``../shared/solutions``)."""
    name = node.child("Name")
    text = (name.get("LocalizedName") or "").strip() if name is not None else ""
    return text or None


STRAY_CODE = "solution-attribute-misplaced"


def _warn_stray(node: Node, holder: Node | None, ctx: Context, diagnostics: Diagnostics) -> None:
    """Each column ``<attribute>`` of the table (one with a ``<LogicalName>`` or a
    ``PhysicalName``; a view's FetchXML names columns by ``<attribute name>``) that is not in
    ``<EntityInfo>/<entity>/<attributes>`` (a hand merge that moved it): not read, so said,
    since its column is lost."""
    kept = {id(a) for a in holder.all("attribute")} if holder is not None else set()
    for stray in node.walk("attribute"):
        name = stray.value("LogicalName") or stray.get("PhysicalName")
        if id(stray) not in kept and name:
            diagnostics.warning(
                ctx.where.at(stray.line),
                f"<attribute> {clip(name)!r} is outside <EntityInfo>/<entity>/<attributes>: "
                "not read",
                STRAY_CODE,
            )


TABLE_LABELS = (
    ("display_name", "LocalizedNames"),
    ("display_collection_name", "LocalizedCollectionNames"),
    ("description", "Descriptions"),
)
"""A table's labels, each with the element of ``<entity>`` that holds it."""


def _labelled(info: Node | None, ctx: Context) -> frozenset[str]:
    """The table labels ``info`` states in the wanted language: a label only in another
    language does not replace the one the rest of the set holds (as for a column's)."""
    if info is None or info.get("unmodified") == "1":
        return frozenset()
    return frozenset(
        facet
        for facet, tag in TABLE_LABELS
        if (found := info.child(tag)) is not None and ctx.language.states(found)
    )


def _unstated(element: Node, ctx: Context) -> Unstated:
    """What an ``<attribute>`` leaves unstated, or states only in another language."""
    facets = {facet for facet, tag in COLUMN_LABELS if not ctx.language.states(element.child(tag))}
    if element.child("RequiredLevel") is None:
        facets.add("required_level")
    inline = element.child("optionset")
    if inline is not None:
        values = foreign_values(inline, ctx.language)
    else:
        found = ctx.global_sets.get((element.value("OptionSetName") or "").lower())
        values = found.foreign if found is not None else frozenset()
    return Unstated(frozenset(facets), values, ctx.option_prefix)


def _is_logical(element: Node) -> bool:
    return element.value("IsLogical") == "1"


def _companion(column: Column, columns: list[Column]) -> Column:
    """A logical or table-type column that only describes a lookup (``owneridname``,
    ``owneridtype``, ``owneridyominame``, listed by 2011-2015 exports) as ``attribute_of``
    that lookup."""
    lookups = {c.logical_name for c in columns if c.type.is_lookup}
    for suffix in COMPANION_SUFFIXES:
        stem = column.logical_name.removesuffix(suffix)
        if stem != column.logical_name and stem in lookups and column.attribute_of is None:
            return dataclasses.replace(column, attribute_of=stem)
    return column


def _root(node: Node) -> tuple[tuple[str, str], ...]:
    """Children of ``<Entity>`` dvgen does not know, as (tag, text)."""
    return tuple((c.tag, c.text) for c in node.children if c.key not in ENTITY_CHILDREN)


def is_owned(entity: EntityRead, behavior: str | None) -> bool:
    """Whether the solution defines the whole table (a custom table it owns).

    A Microsoft table, a root component of behavior 1 or 2 (the table's properties or only
    its listed columns), an ``unmodified`` reference or a table without its primary key is
    a table defined elsewhere that the solution customizes."""
    info = entity.info
    if info is None or info.get("unmodified") == "1" or not entity.primary[0]:
        return False
    return entity.schema.lower() not in KNOWN_TABLES and behavior in (None, "0")


def with_targets(column: Column, links: Links) -> Column:
    """A lookup's targets: the relationships that use it as their referencing column; else
    the tables its ``<LookupTypes>`` name (already in ``targets``); else, for the system
    lookups every table has and for a customer column, the tables Dataverse gives them.

    The owner relationship (``owner_accounts``) references ``owner``, the Web API's abstract
    principal, not a table: the Owner column holds the users and teams its ``<LookupTypes>``
    name (8, 9), as Dataverse's metadata and the reference pages list them."""
    if not column.type.is_lookup and column.type is not ColumnType.PARTY_LIST:
        return column
    found = sorted(set(links.targets.get(column.logical_name, ()))) or list(column.targets)
    if found == [OWNER]:
        found = [target for target in column.targets if target != OWNER]
    if not found:
        found = list(SYSTEM_TARGETS.get(column.logical_name, ()))
    if not found and column.type is ColumnType.CUSTOMER:
        found = list(CUSTOMER_TARGETS)
    return dataclasses.replace(column, targets=tuple(found)) if found else column


def table_of(entity: EntityRead, links: Links, ctx: Context) -> Table:
    """The table as the solution states it: whole for a custom table, a shell otherwise."""
    logical = entity.schema.lower()
    info = entity.info
    collection = collection_name(logical)
    values: dict[str, Any] = {}
    if info is not None:
        pick = ctx.language.pick
        values = {
            **{facet: pick(info.child(tag)) for facet, tag in TABLE_LABELS},
            "ownership_type": OWNERSHIP.get((info.value("OwnershipTypeMask") or "").lower()),
            "is_bpf_entity": _flag(info.value("IsBPFEntity")),
            "has_activities": _enabled(info.value("HasRelatedActivities")),
            "table_type": _table_type(info),
        }
    if not values.get("display_name") and ctx.language.chosen == ctx.base_language:
        # A shell states no <LocalizedNames>: its <Name> still names the table, in the
        # export's language (a table built from it, no spec defining it, is shown so).
        values["display_name"] = entity.named
    return Table(
        logical_name=logical,
        schema_name=entity.schema,
        entity_set_name=(info.value("EntitySetName") if info is not None else None) or collection,
        logical_collection_name=collection,
        primary_id_attribute=entity.primary[0] or None,
        primary_name_attribute=entity.primary[1] or None,
        columns=_columns(entity, links),
        keys=read_keys(info, ctx),
        relationships=links.relationships(),
        extra=(*(_table_extra(info) if info is not None else ()), *entity.extra),
        loc=entity.loc,
        **values,
    )


def _columns(entity: EntityRead, links: Links) -> tuple[Column, ...]:
    """The table's columns with their lookup targets, and the lookup each ``<field>`` of its
    relationships describes that it does not list (a CRM 2011-2016 export keeps a
    relationship's lookup there alone), in order of name."""
    columns = [with_targets(c, links) for c in entity.columns]
    names = {c.logical_name for c in columns}
    added = [with_targets(c, links) for n, c in links.fields.items() if n not in names]
    if not added:
        return tuple(columns)
    return tuple(sorted([*columns, *added], key=lambda c: c.logical_name))


def with_key(shell: Table, info: Node | None) -> Table:
    """A shell (a table the solution customizes) with its primary key, which exports leave out:
    ``<table>id`` (``activityid`` for an activity, ``businessprocessflowinstanceid`` for a
    business process flow table), so that lookups to it and the table built from the shell
    when no spec defines the table have a key."""
    if shell.primary_id_attribute:
        return shell
    activity = (info.value("IsActivity") if info is not None else None) == "1"
    activity = activity or shell.logical_name in ACTIVITIES
    key = BPF_KEY if shell.is_bpf_entity else key_of(shell.logical_name, activity)
    schema = {ACTIVITY_KEY: "ActivityId", BPF_KEY: BPF_SCHEMA}.get(key, f"{shell.schema_name}Id")
    if shell.column(key) is None:
        column = Column(
            logical_name=key,
            schema_name=schema,
            type=ColumnType.UNIQUEIDENTIFIER,
            required_level=RequiredLevel.SYSTEM_REQUIRED,
            valid_for_update=False,
            extra=(INFERRED,),
            loc=shell.loc,
        )
        shell = dataclasses.replace(shell, columns=(column, *shell.columns))
    return dataclasses.replace(shell, primary_id_attribute=key)


def layer_of(
    shell: Table, entity: EntityRead, solution: str, foreign: dict[str, Foreign]
) -> TableExtension:
    """A customized table: its custom columns added (the columns Dataverse creates beside an
    image, a file or a rollup column, which no export lists, come with them where the layer
    applies: ``dvgen.layers.table``), the standard ones it restates changed (neither those
    marked ``unmodified`` nor the key inferred for the shell), its labels changed where it
    states them in the wanted language, its alternate keys added, activities enabled where it
    says so (``<HasRelatedActivities>``), notes where it says so (``<HasRelatedNotes>``), its
    relationships without the menu labels and descriptions ``foreign`` marks as only in
    another language (the shell, built where no page defines the table, keeps them)."""
    listed = [c for c in shell.columns if c.logical_name not in entity.unchanged]
    added = tuple(c for c in listed if c.logical_name in entity.custom)
    restated = [
        c for c in listed if c.logical_name not in entity.custom and INFERRED not in c.extra
    ]
    changes = tuple(_change(c, entity.unstated.get(c.logical_name)) for c in restated)
    labels = tuple(
        (facet, value)
        for facet, _ in TABLE_LABELS
        if facet in entity.labelled and (value := getattr(shell, facet))
    )
    return TableExtension(
        logical_name=shell.logical_name,
        solution=solution,
        columns=added,
        column_changes=tuple(c for c in changes if c.changes or c.choices_order),
        relationships=foreign_labels_left(shell.relationships, foreign),
        loc=entity.loc,
        kind=LayerKind.SOLUTION,
        shell=shell,
        table_changes=labels,
        keys=shell.keys,
        has_activities=shell.has_activities,
        has_activities_loc=_stated_at(entity, "HasRelatedActivities"),
        has_notes=has_notes(entity),
        options=enabled_options(entity),
    )


def _stated_at(entity: EntityRead, tag: str) -> Location:
    """The line of the table element's ``tag`` (where a refusal of what it says is read),
    ``NOWHERE`` when the element states none."""
    node = entity.info.child(tag) if entity.info is not None else None
    return entity.loc.at(node.line) if node is not None else NOWHERE


def _change(column: Column, unstated: Unstated | None) -> ColumnChange:
    """What a restated standard column states: its facets that are set (a required level of
    None too, when written: the org made the column optional), but not what its element leaves
    out nor its labels only in another language than the wanted one (the table's own labels
    in the wanted language stay; an option the solution adds keeps the only label it has, and
    so does one the column lacks: ``ColumnChange.foreign_choices``)."""
    order: tuple[int, ...] = ()
    foreign: tuple[Choice, ...] = ()
    if unstated is not None:
        kept = tuple(c for c in column.choices if unstated.keeps(c))
        foreign = tuple(c for c in column.choices if not unstated.keeps(c))
        if foreign:  # its order is the org's all the same
            order = tuple(c.value for c in column.choices)
        column = dataclasses.replace(column, choices=kept)
    dropped = unstated.facets if unstated is not None else frozenset()
    changes = tuple(
        (name, getattr(column, name))
        for name in CHANGED_FACETS
        if getattr(column, name) not in (None, ()) and name not in dropped
    )
    return ColumnChange(
        column.logical_name, changes, loc=column.loc, choices_order=order, foreign_choices=foreign
    )


def _table_extra(info: Node) -> tuple[tuple[str, str], ...]:
    """Noted elements that are set, and elements dvgen does not know (alternate keys are the
    table's ``keys``: ``solution.keys``)."""
    kept = [(tag, info.value(tag) or "") for tag in NOTED]
    extra = [(tag, text) for tag, text in kept if text and text != "0"]
    noted = {tag.lower() for tag in NOTED}
    for child in info.children:
        if child.key not in MAPPED and child.key not in TABLE_FLAGS and child.key not in noted:
            extra.append((child.tag, child.text))
    return tuple(extra)


def _table_type(info: Node) -> TableType:
    """``<TableType>`` where an export states it; else Elastic for a table of the elastic
    provider (``ELASTIC_PROVIDER``: its ``<DataSourceId>`` too is Dataverse's own), Virtual for
    one whose rows come from a data source or a data provider other than the one data-source
    tables use, else Standard."""
    stated = TABLE_TYPES.get((info.value("TableType") or "").lower())
    if stated is not None:
        return stated
    provider = _data_provider(info)
    if provider == ELASTIC_PROVIDER:
        return TableType.ELASTIC
    if info.value("DataSourceId") or (provider and provider != DATA_SOURCE_PROVIDER):
        return TableType.VIRTUAL
    return TableType.STANDARD


def _flag(text: str | None) -> bool | None:
    return None if text is None else text.strip() == "1"


def is_data_source(entity: EntityRead) -> bool:
    """Whether the table holds a virtual table provider's data sources (``<DataProviderId>``
    the data-source provider's: ``bg_datasource_dynamics365``): a standard table Dataverse
    relates none of its own tables to (``dvgen.platformlinks``), as the corpus's data-source
    tables (``msdyn_odatav4ds``, ``msdyn_datalakeds``...) list none."""
    return entity.info is not None and _data_provider(entity.info) == DATA_SOURCE_PROVIDER


def _data_provider(info: Node) -> str:
    """``<DataProviderId>``, a GUID in lower case without braces ("" when unstated)."""
    return (info.value("DataProviderId") or "").strip("{}").lower()


def has_notes(entity: EntityRead) -> bool:
    """Whether the table is enabled for notes (``<HasRelatedNotes>True``, as exports write it,
    or ``1``): Dataverse then relates it to ``annotation`` (``systemcolumns.with_notes``)."""
    return entity.info is not None and bool(_enabled(entity.info.value("HasRelatedNotes")))


def enabled_options(entity: EntityRead) -> frozenset[str]:
    """The options of ``dvgen.optionlinks.OPTION_LINKS`` the table states on (``1``, or
    ``True``): Dataverse then relates its own tables to it (``<table>_connections1``...)."""
    if entity.info is None:
        return frozenset()
    info = entity.info
    return frozenset(tag for tag in OPTION_LINKS if _enabled(info.value(tag)))


def _enabled(text: str | None) -> bool | None:
    """``<HasRelatedActivities>``: True (``True``, as exports write it, or ``1``) when the
    table is enabled for activities; else unstated (None), the model file of a table not
    enabled staying as it was."""
    return True if (text or "").strip().lower() in ("true", "1") else None
