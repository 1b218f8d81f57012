"""The Dataverse Web API's view of a table: which columns it exposes, under which names.

Shared by every target that describes a record as the Web API carries it (JSON Schema,
pydantic, OData). Sources: Microsoft's web-api-properties.md, web-api-navigation-properties.md,
behavior-format-date-time-attribute.md, file-column-data.md and real ``$metadata`` documents:

- a lookup (Lookup, Customer, Owner) is exposed as the read-only Guid ``_<name>_value``;
- columns not valid for read are left out, and so are PartyList columns (reached through
  ``<activity>_activity_parties``), plain Virtual and CalendarRules columns, and the name
  companions of lookups (``<lookup>name``, ``<lookup>yominame``, ``<lookup>type``, or any
  String/EntityName/Virtual column whose ``attribute_of`` names a lookup);
- a DateTime column with DateOnly behavior is a date (``Edm.Date``), otherwise a timestamp;
- a MultiSelectPicklist is a comma-separated string of option values (``"1,3"``);
- a File column reads as the file's id (a Guid), an Image column as base64 bytes;
- a String column Microsoft's ``$metadata`` also declares as bytes has a second property,
  ``<column>_binary`` (``annotation.documentbody_binary``: ``dataverse_tables.BINARY_VIEWS``);
- a property is named by the column's LogicalName as Dataverse keeps it, capitals included
  (``msdyn_useOrgUILanguage``: ``Column.cased_logical_name``);
- a property may not share its entity type's name (Microsoft's EDM library refuses it:
  ``ValidationRules.StructuredTypeInvalidMemberNameMatchesTypeName``): such a column gets a
  ``1`` suffix, as Dataverse's generated code does.
"""

from __future__ import annotations

import dataclasses
import enum
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

from dvgen.companions import companions
from dvgen.dataverse_tables import BINARY_VIEWS
from dvgen.model import Column, ColumnType, DateTimeBehavior, Table
from dvgen.webapi.stage_lookups import as_lookup, stage_lookup


class ApiKind(enum.StrEnum):
    """What a Web API property holds; each target maps these to its own types."""

    GUID = "guid"
    STRING = "string"
    INT32 = "int32"
    INT64 = "int64"
    DECIMAL = "decimal"
    MONEY = "money"
    DOUBLE = "double"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    """Picklist, State or Status: one option value."""
    CHOICES = "choices"
    """MultiSelectPicklist: option values as a comma-separated string."""
    ENTITY_NAME = "entity_name"
    MANAGED_PROPERTY = "managed_property"
    IMAGE = "image"
    BINARY = "binary"
    """The bytes a base64 String column holds, as Microsoft's ``$metadata`` also declares them
    (``<column>_binary``: ``dataverse_tables.BINARY_VIEWS``)."""
    FILE = "file"
    LOOKUP = "lookup"


KIND_OF: dict[ColumnType, ApiKind] = {
    ColumnType.UNIQUEIDENTIFIER: ApiKind.GUID,
    ColumnType.STRING: ApiKind.STRING,
    ColumnType.MEMO: ApiKind.STRING,
    ColumnType.INTEGER: ApiKind.INT32,
    ColumnType.BIG_INT: ApiKind.INT64,
    ColumnType.DECIMAL: ApiKind.DECIMAL,
    ColumnType.MONEY: ApiKind.MONEY,
    ColumnType.DOUBLE: ApiKind.DOUBLE,
    ColumnType.DATE_TIME: ApiKind.DATETIME,
    ColumnType.BOOLEAN: ApiKind.BOOLEAN,
    ColumnType.PICKLIST: ApiKind.CHOICE,
    ColumnType.STATE: ApiKind.CHOICE,
    ColumnType.STATUS: ApiKind.CHOICE,
    ColumnType.MULTI_SELECT_PICKLIST: ApiKind.CHOICES,
    ColumnType.ENTITY_NAME: ApiKind.ENTITY_NAME,
    ColumnType.MANAGED_PROPERTY: ApiKind.MANAGED_PROPERTY,
    ColumnType.IMAGE: ApiKind.IMAGE,
    ColumnType.FILE: ApiKind.FILE,
    ColumnType.LOOKUP: ApiKind.LOOKUP,
    ColumnType.CUSTOMER: ApiKind.LOOKUP,
    ColumnType.OWNER: ApiKind.LOOKUP,
}
"""Column types the Web API exposes as a property; the others are ``NOT_PROPERTIES``."""

NOT_PROPERTIES: dict[ColumnType, str] = {
    ColumnType.PARTY_LIST: "PartyList: its parties are rows of activityparty",
    ColumnType.CALENDAR_RULES: "CalendarRules: its rules are rows of calendarrule",
    ColumnType.VIRTUAL: "Virtual: it has no stored value",
}
"""Column types that hold no value of their own, with the reason."""

_SET_ANOTHER_WAY = frozenset({ApiKind.LOOKUP, ApiKind.FILE})
_NAME_SUFFIXES = ("name", "yominame")
_COMPANION_SUFFIXES = (*_NAME_SUFFIXES, "type")
_SHOWN_ENDS = ("name", "title")
"""How a read-only companion that shows the referenced row ends: its primary name, ``name`` or
``title`` (``kbarticle.kbarticletemplateidtitle``, "Title of the associated knowledge base
article template", of ``kbarticletemplateid``: Microsoft's ``kbarticle`` EntityType has
``_kbarticletemplateid_value`` and no ``kbarticletemplateidtitle``)."""
_PARTITION_SUFFIX = "pid"
"""``<lookup>pid``: the partition id of the elastic row a lookup references, a property."""
_TYPE_ENDS = ("type", "typecode")
"""How the name of an EntityName column holding a lookup's table ends."""
_COMPANION_TYPES = frozenset({ColumnType.STRING, ColumnType.ENTITY_NAME, ColumnType.VIRTUAL})
_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class ApiProperty:
    name: str
    """The property name in ``$metadata`` and in record JSON."""
    column: Column
    kind: ApiKind

    @property
    def read_only(self) -> bool:
        """Not valid for create nor update: the service computes it."""
        return not self.column.is_writable

    @property
    def record_read_only(self) -> bool:
        """Not set through this property in a record a client sends: computed, or set another
        way (a lookup through its navigation property, ``nav@odata.bind``; a file by upload)."""
        return self.read_only or self.kind in _SET_ANOTHER_WAY

    @property
    def write_only(self) -> bool:
        """Set by create or update, never returned: a column valid for create or update but
        not for read (``contact.subscriptionid``, a mailbox's password). Dataverse's
        ``$metadata`` declares it, as for any column a client may write."""
        return not self.column.valid_for_read

    @property
    def is_lookup(self) -> bool:
        return self.kind is ApiKind.LOOKUP

    @property
    def targets(self) -> tuple[str, ...]:
        return self.column.targets


T = TypeVar("T")


def per_table(function: Callable[[Table], T]) -> Callable[[Table], T]:
    """``function`` computed once per table object (tables are immutable), keyed by identity:
    two equal tables from different specs keep their own source locations."""
    computed: dict[int, tuple[weakref.ref[Table], T]] = {}

    @wraps(function)
    def once(table: Table) -> T:
        entry = computed.get(id(table))
        if entry is not None and entry[0]() is table:
            return entry[1]
        found = function(table)
        computed[id(table)] = (weakref.ref(table), found)
        weakref.finalize(table, computed.pop, id(table), None)
        return found

    return once


OPEN_CHOICE_TYPES = frozenset(
    {ColumnType.PICKLIST, ColumnType.STATUS, ColumnType.MULTI_SELECT_PICKLIST}
)
"""Choices an organisation can add options to (a Status gets new status reasons); a State's
options are fixed by Dataverse."""


def accepts_unknown_options(column: Column, choices: str) -> bool:
    """Under the ``choices = "open"`` setting, whether the column also takes option values its
    spec does not list (``industrycode: 100000000``, added by an organisation)."""
    return choices == "open" and column.type in OPEN_CHOICE_TYPES


def kind_of(column: Column) -> ApiKind | None:
    kind = KIND_OF.get(column.type)
    if kind is ApiKind.DATETIME and column.date_time_behavior is DateTimeBehavior.DATE_ONLY:
        return ApiKind.DATE
    return kind


@per_table  # the SQL plan asks too
def lookup_companions(table: Table) -> frozenset[str]:
    """Columns that only describe a lookup (its display name, its target table): the Web API
    carries them as annotations of the lookup's ``_x_value`` property, never as properties.

    Recognised by what the page says of them, not by a list of names:

    - ``attribute_of`` names a lookup (pages from 2024 on state it);
    - a String/EntityName/Virtual column named ``<lookup>name``, ``<lookup>yominame``, and an
      EntityName/Virtual one named ``<lookup>type``: the table a lookup's row is of is an
      EntityName (``owneridtype``: every other such column of the corpus's pages and of the
      pages of rounds 28 to 45), while a String so named is a column of its own
      (``msdyn_flow_approvalstep``'s writable ``msdyn_flow_approvalstep_modeltype``, "Model
      Type", beside the lookup ``msdyn_flow_approvalstep_model``, whose companion is
      ``..._modelidtype``);
    - an EntityName column (a table's name) named after a lookup (``objectidtypecode``) or,
      when no column is, after its stem, ending in its type (``regardingobjecttypecode`` for
      ``regardingobjectid``): a name going on past it is a column of its own, which the Web API
      carries as a property (Microsoft's ``postregarding`` EntityType has
      ``regardingobjecttypecodeforsharing``, an ``Edm.String``, beside ``regardingobjecttypecode``,
      which it has not);
    - a String column the page leaves blank (no description, no display name, not valid for
      forms: what Dataverse generates for an AttributeOf column) named after a lookup's stem
      (``slaname`` for ``slaid``, ``masteraccountidname`` for ``masterid``), unless it is
      named ``<lookup>pid``: that blank String holds the partition id of the elastic row the
      lookup references, and the Web API carries it as a property of its own (Microsoft's
      ``flowlog`` EntityType: ``cloudflowrunidpid`` beside ``_cloudflowrunid_value``;
      ``agentprompt``: ``agenticscenariopid``);
    - a read-only String column, not valid for forms, that lengthens a lookup's name and ends
      in ``name`` (or ``title``, ``_SHOWN_ENDS``), whatever description the page gives it: the
      display name of a lookup whose SchemaName lacks the ``Id`` its companion adds
      (``slakpiinstance.regardingidname``, "RegardingName", for ``regarding``; Microsoft's
      EntityType has ``_regarding_value`` only), or the title of the row it references
      (``kbarticle.kbarticletemplateidtitle``);
    - a read-only String the page leaves blank named ``<column>name`` (or ``yominame``)
      after a Uniqueidentifier column other than the primary id: the display name Dataverse
      keeps for a reference an older page prints as a plain Guid (``role.organizationid``,
      tied to ``organization`` by ``organization_roles``, and its ``organizationidname``;
      ``usersettings.businessunitid`` and ``businessunitidname``, both among the page's
      read-only columns): Microsoft's EntityTypes have the Guid and not the name. The primary
      id is such a reference only where a many-to-one relationship of the table goes through
      it (``systemuserauthorizationchangetracker.systemuserid``, a user's own id, tied to
      ``systemuser`` by ``user_userauthztracker``, beside ``systemuseridname`` and
      ``systemuseridyominame``: Microsoft's EntityType has ``systemuserid`` alone). A column a
      client may create or update with (a YAML spec's ``new_runidname`` beside its
      ``new_runid``, no description stated) is a column of its own.

    An image's ``<image>_url`` and a file's ``<file>_name`` look alike but are properties
    (``entityimage_url``, ``filecontent_name``: ``dvgen.companions``), whatever lookup's
    stem they start with.
    """
    lookups = [c.logical_name for c in table.columns if c.type.is_lookup]
    references = {r.referencing_attribute for r in table.relationships.many_to_one}
    key_names = {
        c.logical_name + suffix
        for c in table.columns
        if c.type is ColumnType.UNIQUEIDENTIFIER
        and (c.logical_name != table.primary_id_attribute or c.logical_name in references)
        for suffix in _NAME_SUFFIXES
    }
    media = {c.logical_name for c in companions(table.columns)}
    found = set()
    for column in table.columns:
        if column.type not in _COMPANION_TYPES or column.logical_name in media:
            continue
        if column.attribute_of is not None:
            if column.attribute_of in lookups:
                found.add(column.logical_name)
            continue
        if _named_companion(column, lookups) or _names_a_key(column, key_names):
            found.add(column.logical_name)
    found |= _type_companions(table, lookups)
    return frozenset(found)


def _stem(lookup: str) -> str:
    stem = lookup.removesuffix("id")
    return stem if len(stem) >= _MIN_STEM else lookup


def _named_companion(column: Column, lookups: list[str]) -> bool:
    name = column.logical_name
    suffixes = _COMPANION_SUFFIXES if column.type is not ColumnType.STRING else _NAME_SUFFIXES
    if any(name == lookup + suffix for lookup in lookups for suffix in suffixes):
        return True
    if any(name == lookup + _PARTITION_SUFFIX for lookup in lookups):
        return False
    if column.type is not ColumnType.STRING:
        return False
    if not column.is_writable and not column.valid_for_form and name.endswith(_SHOWN_ENDS):
        if any(name != lookup and name.startswith(lookup) for lookup in lookups):
            return True
    return _blank(column) and any(
        name != lookup and name.startswith(_stem(lookup)) for lookup in lookups
    )


def _names_a_key(column: Column, key_names: set[str]) -> bool:
    """A blank read-only String named after a Uniqueidentifier column with a companion's
    suffix (``key_names``: each such column's name with each suffix)."""
    if column.type is not ColumnType.STRING or column.logical_name not in key_names:
        return False
    return _blank(column) and not column.is_writable


def _blank(column: Column) -> bool:
    """Whether the page leaves the column blank, as Dataverse generates an AttributeOf
    column: no description, no display name, not valid for forms."""
    return not column.description and not column.display_name and not column.valid_for_form


def _type_companions(table: Table, lookups: list[str]) -> set[str]:
    names = [c.logical_name for c in table.columns if c.type is ColumnType.ENTITY_NAME]
    found = set()
    for lookup in lookups:
        full = [n for n in names if n.startswith(lookup) and n != lookup]
        stem = _stem(lookup)
        found.update(full or [n for n in names if n.startswith(stem) and n.endswith(_TYPE_ENDS)])
    return found


def property_name(table: Table, column: Column) -> str:
    """The Web API name of a column's property (``_x_value`` for a lookup, and for a
    ``stageid`` the Web API carries as one: ``stage_lookups``)."""
    name = column.web_logical_name
    if column.type.is_lookup or stage_lookup(table, column):
        return f"_{name}_value"
    if column.logical_name == table.logical_name:
        return name + "1"
    return name


@per_table
def api_properties(table: Table) -> tuple[ApiProperty, ...]:
    """The table's Web API properties, primary id first, then by name: every column a client
    can read or write (a column valid for neither is not in Microsoft's ``$metadata``)."""
    companions = lookup_companions(table)
    found: list[ApiProperty] = []
    for column in table.columns:
        kind = kind_of(column)
        exposed = column.valid_for_read or column.is_writable
        if kind is None or not exposed or column.logical_name in companions:
            continue
        if stage_lookup(table, column):
            found.append(
                ApiProperty(property_name(table, column), as_lookup(column), ApiKind.LOOKUP)
            )
            continue
        found.append(ApiProperty(property_name(table, column), column, kind))
        if (table.logical_name, column.logical_name) in BINARY_VIEWS:
            found.append(binary_view(column))
    primary = table.primary_id_attribute
    found.sort(key=lambda p: (p.column.logical_name != primary, p.name))
    return tuple(found)


BINARY_SUFFIX = "_binary"


def binary_view(column: Column) -> ApiProperty:
    """The ``Edm.Binary`` property Microsoft's ``$metadata`` declares beside a String column
    holding a file's bytes as base64 text (``BINARY_VIEWS``): named ``<column>_binary``, with
    the column's description and no display name, writable as the column is (Microsoft's
    ``annotation``, ``attachment``, ``webresource`` and ``salesliteratureitem`` EntityTypes)."""
    name = column.web_logical_name + BINARY_SUFFIX
    view = dataclasses.replace(
        column,
        logical_name=column.logical_name + BINARY_SUFFIX,
        schema_name=column.schema_name + BINARY_SUFFIX,
        cased_logical_name=None if column.cased_logical_name is None else name,
        display_name=None,
        max_length=None,
    )
    return ApiProperty(name, view, ApiKind.BINARY)
