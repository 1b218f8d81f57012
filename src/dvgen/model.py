"""The canonical model: typed, immutable, the only thing targets ever see.

Field order is the canonical YAML key order; field names are the YAML keys. ``None`` means
"not stated by the spec" and is left out of the YAML; empty tuples likewise.

Classes with many instances have ``__slots__``: a ``Column``'s 38 fields in a ``__dict__`` (past
the 30 keys instances can share) took 1.6 KB, 56 MB of a 1,000-table set in every process
holding it (12 MB with slots; pickled for a worker in half the time).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from dvgen.diagnostics import Location

Number = int | Decimal
Extra = tuple[tuple[str, str], ...]
"""Property rows the parser does not know: (row key as written, cell text)."""
INFERRED = ("Inferred", "the primary key of a table defined elsewhere, by Dataverse's naming rule")
"""The ``extra`` entry of a key column a solution's shell gets without the export listing it
(``dvgen.solution.entity``); a layer leaves such a column to the base (``dvgen.layers``)."""

NOWHERE = Location("<model>")


class RequiredLevel(enum.StrEnum):
    NONE = "None"
    RECOMMENDED = "Recommended"
    APPLICATION_REQUIRED = "ApplicationRequired"
    SYSTEM_REQUIRED = "SystemRequired"


class ColumnType(enum.StrEnum):
    """Dataverse attribute types, spelled as the reference pages write them."""

    BIG_INT = "BigInt"
    BOOLEAN = "Boolean"
    CALENDAR_RULES = "CalendarRules"
    CUSTOMER = "Customer"
    DATE_TIME = "DateTime"
    DECIMAL = "Decimal"
    DOUBLE = "Double"
    ENTITY_NAME = "EntityName"
    FILE = "File"
    IMAGE = "Image"
    INTEGER = "Integer"
    LOOKUP = "Lookup"
    MANAGED_PROPERTY = "ManagedProperty"
    MEMO = "Memo"
    MONEY = "Money"
    MULTI_SELECT_PICKLIST = "MultiSelectPicklist"
    OWNER = "Owner"
    PARTY_LIST = "PartyList"
    PICKLIST = "Picklist"
    STATE = "State"
    STATUS = "Status"
    STRING = "String"
    UNIQUEIDENTIFIER = "Uniqueidentifier"
    VIRTUAL = "Virtual"

    @property
    def is_lookup(self) -> bool:
        return self in _LOOKUP_TYPES

    @property
    def has_options(self) -> bool:
        return self in _OPTION_TYPES


_LOOKUP_TYPES = frozenset({ColumnType.LOOKUP, ColumnType.CUSTOMER, ColumnType.OWNER})
_OPTION_TYPES = frozenset(
    {
        ColumnType.BOOLEAN,
        ColumnType.PICKLIST,
        ColumnType.STATE,
        ColumnType.STATUS,
        ColumnType.MULTI_SELECT_PICKLIST,
    }
)


class OwnershipType(enum.StrEnum):
    NONE = "None"
    USER_OWNED = "UserOwned"
    TEAM_OWNED = "TeamOwned"
    BUSINESS_OWNED = "BusinessOwned"
    ORGANIZATION_OWNED = "OrganizationOwned"
    BUSINESS_PARENTED = "BusinessParented"


class TableType(enum.StrEnum):
    STANDARD = "Standard"
    ELASTIC = "Elastic"
    VIRTUAL = "Virtual"


class DateTimeBehavior(enum.StrEnum):
    USER_LOCAL = "UserLocal"
    DATE_ONLY = "DateOnly"
    TIME_ZONE_INDEPENDENT = "TimeZoneIndependent"


class CascadeType(enum.StrEnum):
    NO_CASCADE = "NoCascade"
    CASCADE = "Cascade"
    ACTIVE = "Active"
    USER_OWNED = "UserOwned"
    REMOVE_LINK = "RemoveLink"
    RESTRICT = "Restrict"


PAGE_LANGUAGE = 1033
"""The language of Microsoft's reference pages (English), as a Windows LCID."""
LABEL_LANGUAGE = "LabelLanguageCode"
"""The ``extra`` entry of an option whose label is in another language than English, the
reference pages': that language (a solution read in French), as the SQL label tables state it."""


@dataclass(frozen=True, slots=True)
class Choice:
    value: int
    label: str
    description: str | None = None
    default_status: int | None = None
    """State options: the status value a row gets when it enters this state."""
    invariant_name: str | None = None
    state: int | None = None
    """Status options: the state value this status belongs to."""
    transition_data: str | None = None
    extra: Extra = ()
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    """Where the option itself is written, when that is not its column's line: an option of a
    solution's global choice (``OptionSets/<name>.xml``), which its columns only name."""


@dataclass(frozen=True, slots=True)
class Column:
    logical_name: str
    schema_name: str
    type: ColumnType
    cased_logical_name: str | None = None
    """The LogicalName as Dataverse keeps it when it has capitals (``msdyn_useOrgUILanguage``:
    a few Microsoft columns), None otherwise. ``logical_name`` is its lower-case form, the key
    relationships, customizations and SQL name the column by; the Web API names the column's
    property by this one (``web_logical_name``)."""
    display_name: str | None = None
    description: str | None = None
    required_level: RequiredLevel = RequiredLevel.NONE
    valid_for_create: bool = True
    valid_for_update: bool = True
    valid_for_read: bool = True
    valid_for_form: bool | None = None
    added_by: str | None = None
    attribute_of: str | None = None
    format: str | None = None
    format_name: str | None = None
    ime_mode: str | None = None
    is_localizable: bool | None = None
    max_length: int | None = None
    min_value: Number | None = None
    max_value: Number | None = None
    precision: int | None = None
    precision_source: int | None = None
    is_base_currency: bool | None = None
    date_time_behavior: DateTimeBehavior | None = None
    can_change_date_time_behavior: bool | None = None
    source_type_mask: int | None = None
    targets: tuple[str, ...] = ()
    global_choice_name: str | None = None
    default_form_value: int | None = None
    default_value: bool | None = None
    can_store_full_image: bool | None = None
    is_primary_image: bool | None = None
    max_height: int | None = None
    max_width: int | None = None
    max_size_in_kb: int | None = None
    choices: tuple[Choice, ...] = ()
    extra: Extra = ()
    loc: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def is_writable(self) -> bool:
        return self.valid_for_create or self.valid_for_update

    @property
    def web_logical_name(self) -> str:
        """The LogicalName as the Web API spells it: with the capitals Dataverse kept."""
        return self.cased_logical_name or self.logical_name


@dataclass(frozen=True, slots=True)
class CascadeConfiguration:
    archive: CascadeType | None = None
    assign: CascadeType | None = None
    delete: CascadeType | None = None
    merge: CascadeType | None = None
    reparent: CascadeType | None = None
    rollup_view: CascadeType | None = None
    share: CascadeType | None = None
    unshare: CascadeType | None = None


@dataclass(frozen=True, slots=True)
class MenuConfiguration:
    """AssociatedMenuConfiguration: how related rows show in the model-driven app."""

    available_offline: bool | None = None
    behavior: str | None = None
    group: str | None = None
    label: str | None = None
    menu_id: str | None = None
    order: int | None = None
    query_api: str | None = None
    view_id: str | None = None


@dataclass(frozen=True, slots=True)
class OneToManyRelationship:
    """A one-to-many relationship, listed as many-to-one on the referencing table."""

    schema_name: str
    referenced_entity: str | None = None
    referenced_attribute: str | None = None
    referencing_entity: str | None = None
    referencing_attribute: str | None = None
    referenced_entity_navigation_property_name: str | None = None
    referencing_entity_navigation_property_name: str | None = None
    is_hierarchical: bool | None = None
    is_customizable: bool | None = None
    is_relationship_attribute_denormalized: bool | None = None
    is_denormalized_lookup: bool | None = None
    denormalized_attribute_name: str | None = None
    entity_key: str | None = None
    cascade_configuration: CascadeConfiguration | None = None
    associated_menu_configuration: MenuConfiguration | None = None
    added_by: str | None = None
    extra: Extra = ()
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ManyToManySide:
    logical_name: str | None = None
    intersect_attribute: str | None = None
    navigation_property_name: str | None = None
    associated_menu_configuration: MenuConfiguration | None = None


@dataclass(frozen=True, slots=True)
class ManyToManyRelationship:
    """A many-to-many relationship seen from one table: its own side and the other one.

    ``entity1`` names the relationship's first table where a page says which it is.
    """

    schema_name: str
    intersect_entity_name: str | None = None
    is_customizable: bool | None = None
    entity1: str | None = None
    this_table: ManyToManySide = ManyToManySide()
    other_table: ManyToManySide = ManyToManySide()
    added_by: str | None = None
    extra: Extra = ()
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Relationships:
    many_to_one: tuple[OneToManyRelationship, ...] = ()
    one_to_many: tuple[OneToManyRelationship, ...] = ()
    many_to_many: tuple[ManyToManyRelationship, ...] = ()

    def __len__(self) -> int:
        return len(self.many_to_one) + len(self.one_to_many) + len(self.many_to_many)


@dataclass(frozen=True, slots=True)
class Message:
    """A message (or event) of the table, cells kept as the page writes them."""

    name: str
    is_event: bool | None = None
    web_api_operation: str | None = None
    sdk: str | None = None
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    """Its row in the page's Messages (or Events) table, its item in a YAML spec."""


FrontMatterValue = str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """Where a table came from: the reference page's title and front matter."""

    title: str | None = None
    front_matter: tuple[tuple[str, FrontMatterValue], ...] = ()


@dataclass(frozen=True, slots=True)
class AlternateKey:
    """An alternate key (``EntityKeyMetadata``): columns whose values, together, identify one
    row, as the primary key does. Dataverse enforces it with a unique index and the Web API
    addresses rows by it (``/accounts(accountnumber='ABC123')``)."""

    logical_name: str
    schema_name: str
    display_name: str | None = None
    columns: tuple[str, ...] = ()
    """The key's columns (``KeyAttributes``), by logical name, in the key's order."""
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    logical_name: str
    schema_name: str
    display_name: str | None = None
    display_collection_name: str | None = None
    entity_set_name: str | None = None
    collection_schema_name: str | None = None
    logical_collection_name: str | None = None
    primary_id_attribute: str | None = None
    primary_name_attribute: str | None = None
    table_type: TableType | None = None
    ownership_type: OwnershipType | None = None
    is_bpf_entity: bool | None = None
    has_activities: bool | None = None
    """Enabled for activities (``CreateEntityRequest.HasActivities``; a solution's
    ``<HasRelatedActivities>``): each activity of the set may be regarding a row
    (``dvgen.regarding``). None: unstated, known from an ``<table>_ActivityPointers``
    relationship."""
    description: str | None = None
    added_by: str | None = None
    messages: tuple[Message, ...] = ()
    events: tuple[Message, ...] = ()
    columns: tuple[Column, ...] = ()
    keys: tuple[AlternateKey, ...] = ()
    relationships: Relationships = Relationships()
    page: Page | None = None
    extra: Extra = ()
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    origins: tuple[tuple[str, Location], ...] = field(default=(), compare=False, repr=False)
    """Where a layer (a solution, a customization, an extension page) set a part of the
    table, the last one stating it, by the names ``dvgen show --sources`` gives parts
    (``columns.<name>.<facet>``, ``columns.<name>.choices.<value>``,
    ``relationships.<kind>.<schema name>``, ``<facet>``): the provenance of what the table's
    own spec does not say. Like ``loc``, never compared nor written."""
    hand_written: bool = field(default=False, compare=False, repr=False)
    """Read from a YAML spec written by hand (``parse.yaml_spec``): no page, no solution, no
    model file dvgen wrote. Its lookups are held to Dataverse's rule that a lookup comes with
    its relationship, once the set is resolved (``lookups.check_relationships``). Like
    ``loc``, never compared nor written."""

    @cached_property
    def columns_by_name(self) -> dict[str, Column]:
        return {c.logical_name: c for c in self.columns}

    def column(self, logical_name: str) -> Column | None:
        return self.columns_by_name.get(logical_name)

    @property
    def primary_id(self) -> Column | None:
        return self.column(self.primary_id_attribute) if self.primary_id_attribute else None


@dataclass(frozen=True)
class ColumnChange:
    """What an extension page changes in a column of the table it extends."""

    logical_name: str
    changes: tuple[tuple[str, Any], ...]
    """(Column field name, new value); ``targets`` and ``choices`` add to the base's."""
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    relabeled: tuple[Choice, ...] = ()
    """Options of the column whose label (and description, if stated) this layer replaces.

    A relabel names an option value the column already has; stating it under ``choices``
    instead is an *add*, and an add of a value the column has with another label is a conflict.
    """
    choices_at: tuple[Location, ...] = field(default=(), compare=False, repr=False)
    """Where each option of the ``choices`` change is written (a YAML customization's), so
    that its conflict names its line; empty: at ``loc``."""
    relabeled_at: tuple[Location, ...] = field(default=(), compare=False, repr=False)
    """Where each of ``relabeled`` is written, as ``choices_at``."""
    choices_order: tuple[int, ...] = ()
    """A solution's: the value of every option it lists for the column, in its order (the
    org's), those left out of the ``choices`` change for being labelled only in another
    language than the set's included; empty: the order of the ``choices`` change."""
    foreign_choices: tuple[Choice, ...] = ()
    """A solution's: the options it lists labelled only in another language than the set's,
    left out of the ``choices`` change. One the column has keeps the column's label; one it
    lacks is the org's all the same, and is added with the only label it has."""


class LayerKind(enum.StrEnum):
    """Where a layer comes from; layers apply kind by kind in this order (then by ``rank``)."""

    EXTENSION_PAGE = "extension-page"
    """A reference page that lists only what a Dynamics 365 app changes in a table."""
    SOLUTION = "solution"
    """An unpacked solution's view of a table (custom table or customized standard table)."""
    CUSTOMIZATION = "customization"
    """A YAML spec with a top-level ``customizes:`` (or ``customizes-choice:``) key."""


LAYER_ORDER = tuple(LayerKind)
"""The order layers apply in, after the base definition."""


@dataclass(frozen=True)
class Removal:
    """One thing a layer removes on purpose: a column or a relationship, by logical/schema name."""

    name: str
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class OptionRemoval:
    """One option a layer removes on purpose: by value, from a column or (None) a global choice."""

    value: int
    column: str | None = None
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class TableExtension:
    """A page that lists only what a solution (Dynamics 365 Sales, say) changes in a table.

    Resolution applies it to the table it extends; it is never an output of its own.
    """

    logical_name: str
    solution: str | None = None
    columns: tuple[Column, ...] = ()
    column_changes: tuple[ColumnChange, ...] = ()
    messages: tuple[Message, ...] = ()
    events: tuple[Message, ...] = ()
    """The page's ``## Events`` rows (a Dynamics 365 page lists the events it adds)."""
    relationships: Relationships = Relationships()
    changed_relationships: tuple[str, ...] = ()
    """Relationships listed under "Customized relationships": changes to relationships the
    table has, whose stated facets override them (one with no table changes nothing)."""
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    kind: LayerKind = LayerKind.EXTENSION_PAGE
    """Which kind of layer this is: decides when it applies and how it meets earlier layers."""
    rank: int = 0
    """Position among layers of its kind (a solution's place in dependency order, 0 first).

    A layer of a later (kind, rank) overrides facets set by earlier layers; two layers of the
    same kind and rank that set one facet differently are a conflict.
    """
    shell: Table | None = None
    """What a solution knows of the standard table it touches (names, primary key, the standard
    columns it carries): the table built when no spec in the set defines the base
    (setting ``missing-base = "shell"``)."""
    removed_columns: tuple[Removal, ...] = ()
    """Columns this layer removes from the table (an error if a relationship still uses one)."""
    removed_relationships: tuple[Removal, ...] = ()
    """Relationships (by schema name, any direction) this layer removes from the table."""
    removed_options: tuple[OptionRemoval, ...] = ()
    """Options this layer removes from a column's local choice (``column`` is always set)."""
    table_changes: tuple[tuple[str, str], ...] = ()
    """The table's labels this layer changes, (facet, value): ``display_name``,
    ``display_collection_name``, ``description`` (an org that calls its accounts
    "Customers"); a solution's, in the language read."""
    keys: tuple[AlternateKey, ...] = ()
    """Alternate keys this layer adds to the table (a solution's integration key on
    Microsoft's ``contact``); one the table has already is merged as a column is."""
    has_activities: bool | None = None
    """True: this layer enables the table for activities (a solution's
    ``<HasRelatedActivities>True`` on a table it customizes: ``UpdateEntityRequest.HasActivities``,
    which "can only be enabled once. After it is enabled it cannot be disabled")."""
    has_activities_loc: Location = field(default=NOWHERE, compare=False, repr=False)
    """Where the layer says ``has_activities`` (a customization's line of it, a solution's
    ``<HasRelatedActivities>``), where a refusal is said; ``loc`` when nothing places it."""
    has_notes: bool = False
    """True: this layer enables the table for notes (a solution's ``<HasRelatedNotes>True`` on a
    table it customizes), which relates it to ``annotation`` as Dataverse does when notes are
    enabled (``systemcolumns.notes_relationship``), unless the table is related so already."""
    options: frozenset[str] = frozenset()
    """The options of ``dvgen.optionlinks.OPTION_LINKS`` this layer states on (a solution's
    ``<IsConnectionsEnabled>1`` on a table it customizes), each relating Dataverse's own tables
    to the table (``<table>_connections1``...) where the table is built from the shell."""
    created: bool = False
    """True: the solution created the table (its manifest lists it as a root component of
    behavior 0, a custom table) but holds only relationships of it, no definition: a table it
    owns, not one it customizes (``dvgen.layers.apply``'s warning says which)."""


@dataclass(frozen=True)
class ChoiceExtension:
    """A layer that adds, relabels or removes options of a global choice (``global_choice_name``).

    It applies to every column of every table that uses that global choice.
    """

    name: str
    """The global choice's name, as columns give it in ``global_choice_name``."""
    options: tuple[Choice, ...] = ()
    """Options added; a value the choice already has with another label is a conflict for a
    YAML customization and an override for a later solution (solutions state options whole)."""
    relabeled: tuple[Choice, ...] = ()
    """Existing options whose label (and description, if stated) this layer replaces."""
    removed_options: tuple[OptionRemoval, ...] = ()
    """Options removed from the choice (``column`` is None)."""
    kind: LayerKind = LayerKind.CUSTOMIZATION
    rank: int = 0
    """Position among layers of its kind, as for :class:`TableExtension`."""
    solution: str | None = None
    """The solution that makes the change (None for a YAML customization)."""
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    options_at: tuple[Location, ...] = field(default=(), compare=False, repr=False)
    """Where each of ``options`` is written (a YAML customization's), so that its conflict
    names its line; empty: at ``loc``."""
    relabeled_at: tuple[Location, ...] = field(default=(), compare=False, repr=False)
    """Where each of ``relabeled`` is written, as ``options_at``."""
    options_order: tuple[int, ...] = ()
    """A solution's: the value of every option it lists, in its order, as
    :attr:`ColumnChange.choices_order`; empty: the order of ``options``."""
    foreign_options: tuple[Choice, ...] = ()
    """A solution's: the options it lists labelled only in another language, as
    :attr:`ColumnChange.foreign_choices`."""


Spec = Table | TableExtension | ChoiceExtension


@dataclass(frozen=True)
class TableSet:
    """Every table of one run, sorted by logical name: the input of every target."""

    tables: tuple[Table, ...]

    @cached_property
    def by_name(self) -> dict[str, Table]:
        return {t.logical_name: t for t in self.tables}

    def get(self, logical_name: str | None) -> Table | None:
        return self.by_name.get(logical_name) if logical_name else None

    def __contains__(self, logical_name: object) -> bool:
        return logical_name in self.by_name
