"""Which rule a difference falls under: from where it is (its path) and its two values."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from dvgen.createdefaults import create_default
from dvgen.diagnostics import Diagnostics
from dvgen.evolve.enforced import for_readers
from dvgen.evolve.options import GLOBAL_TYPES
from dvgen.model import CascadeType, ColumnType, DateTimeBehavior, RequiredLevel, Table
from dvgen.targets.sql.plan import plan_table
from dvgen.webapi.entity_sets import web_api_set_name
from dvgen.webapi.facets import (
    DEFAULT_MAX_SIZE_IN_KB,
    RANGES,
    enforced_places,
    number_range,
)
from dvgen.webapi.properties import kind_of, lookup_companions

_REQUIRED = list(RequiredLevel)
_MUST_SEND = RequiredLevel.SYSTEM_REQUIRED.value
"""The required level a create must fill. ApplicationRequired ("business required") and
Recommended are for app forms: the Web API creates a row without the column (Microsoft's
support article "Dataverse records are created without required fields"), and no target
requires it (the SQL is NOT NULL for SystemRequired only; the JSON Schema and pydantic model
require nothing)."""
_FILLED_TYPES = (ColumnType.STATE.value, ColumnType.STATUS.value)
"""Types whose new column Dataverse fills on create: the initial state, its default status."""
_UNSENT = frozenset({"required_level", "valid_for_create", "valid_for_update"})
"""Facets of what a client sends, which say nothing of a lookup's companion
(``lookup_companions``: its name, or ``owneridtype``): no client sends one (the Web API carries
it as an annotation of the lookup's value, never as a property; Dataverse fills it from the
lookup) and the SQL stores it nullable whatever its required level, so raising it to
SystemRequired or refusing it on create or update breaks no request and no database:
``facet-changed``, as the companion joining a table SystemRequired is ``column-added``."""
DEFAULTS = frozenset({"default_form_value", "default_value"})
"""A column's defaults: what Dataverse stores when a create leaves the column out."""
_DELETE_GOES_THROUGH = frozenset({CascadeType.CASCADE.value, CascadeType.REMOVE_LINK.value})
"""A relationship's Delete behaviours under which deleting a referenced row succeeds; the
others refuse it while rows reference it (Restrict; the SQL's NO ACTION for the rest)."""


def classify(old_table: Table, new_table: Table, path: tuple[str, ...], old: Any, new: Any) -> str:
    """The rule name of one difference (``path`` as ``diff.leaves`` gives it)."""
    head = path[0]
    if head == "columns":
        return _column((old_table, new_table), path, old, new)
    if head == "relationships":
        return _relationship(path, old, new)
    if head == "keys":
        return _key(new_table, path, old, new)
    if head in ("messages", "events") and len(path) == 2:
        return _presence(old, new, "message")
    if len(path) == 1:
        if head == "entity_set_name" and old is not None and new is not None:
            if web_api_set_name(str(old)) == web_api_set_name(str(new)):
                return "facet-changed"  # a change of case: the Web API's name is the same
            return "entity-set-renamed"
        return _described(head)
    return "facet-changed"


def _presence(old: Any, new: Any, what: str) -> str:
    return f"{what}-added" if old is None else f"{what}-removed"


def _described(field: str) -> str:
    if field == "description":
        return "description-changed"
    if field == "display_name":
        return "display-name-changed"
    return "facet-changed"


def _column(tables: tuple[Table, Table], path: tuple[str, ...], old: Any, new: Any) -> str:
    table, new_table = tables
    if len(path) == 2:
        if new is None and path[1] in lookup_companions(table):
            return "lookup-companion-removed"
        if old is None and _unfilled_required(new_table, path[1], new):
            return "required-column-added"
        return _presence(old, new, "column")
    field = path[2]
    if field == "choices":
        if len(path) == 4:
            return _option_presence(tables, path[1], old, new)
        return _option(_type_of(table, path[1]), path[4], old, new)
    if field == "max_size_in_kb":
        return for_readers(tables, path[1], field, _size(_type_of(table, path[1]), old, new))
    if field in ("precision", "precision_source"):
        return for_readers(tables, path[1], field, _places(tables, path[1], field))
    if field in ("min_value", "max_value"):
        return for_readers(tables, path[1], field, _range(tables, path[1], field, old, new))
    if field in _UNSENT and path[1] in lookup_companions(new_table):
        return "facet-changed"
    if field in DEFAULTS and _default_removed(tables, path[1]):
        return "default-removed"
    compare = _FACETS.get(field)
    if compare is None:
        return _described(field)
    return for_readers(tables, path[1], field, compare(old, new))


def _size(column_type: str | None, old: Any, new: Any) -> str:
    """An Image or File column's MaxSizeInKB left unstated is the one Dataverse creates it with
    (``DEFAULT_MAX_SIZE_IN_KB``: 10,240 KB for an image, 32,768 KB for a file), as the targets
    take it: stating that value changes nothing a request or stored value depends on."""
    default = next(
        (size for kind, size in DEFAULT_MAX_SIZE_IN_KB.items() if kind.value == column_type), None
    )
    old = default if old is None else old
    new = default if new is None else new
    if old is not None and new is not None and Decimal(old) == Decimal(new):
        return "facet-changed"
    return _narrower(old, new, True, "length")


def _unfilled_required(table: Table, name: str, column: dict[str, Any]) -> bool:
    """Whether a new column must hold a value that no default gives (``_filled``): a
    SystemRequired column clients can create with (creates of old clients, which do not send
    it, are refused), or one only Dataverse fills (``ComponentIdUnique``, ``SolutionId``,
    ``OverwriteTime`` when a table becomes solution aware) that the SQL stores NOT NULL: the
    rows a database created from the old DDL holds have no value for it, so the migration
    stops on them, and that database's own inserts, which leave it out, are refused.

    A lookup's companion (``lookup_companions``: its name, or the table type of a polymorphic
    lookup, ``owneridtype``, which 2023 pages list among the writable columns) is one no client
    sends, whatever the page says: the Web API carries it as an annotation of the lookup's
    value, never as a property, and Dataverse fills it from the lookup; it breaks only where
    the SQL stores it NOT NULL."""
    if column.get("required_level") != _MUST_SEND or _filled(table, name, column):
        return False
    if column.get("valid_for_create", True) and name not in lookup_companions(table):
        return True
    stored = plan_table(table, Diagnostics()).by_name.get(name)
    return stored is not None and stored.not_null and stored.default is None


def _filled(table: Table, name: str, column: dict[str, Any]) -> bool:
    """Whether Dataverse fills a new column a create leaves out, and the SQL with it: a
    Boolean's DefaultValue, a choice's DefaultFormValue other than -1 (``create_default``),
    a State's initial state and its Status's default (the SQL plan's defaults), so no create
    is refused for lack of it."""
    if column.get("type") in _FILLED_TYPES:
        return True
    model = table.column(name)
    return model is not None and create_default(model) is not None


def _default_removed(tables: tuple[Table, Table], name: str) -> bool:
    """Whether a SystemRequired column (not a State or Status: ``_FILLED_TYPES``) that a
    default filled before is filled by none now: its DefaultFormValue became -1, or a value
    that is none of its options (``create_default``). A create leaving it out, which Dataverse
    completed with the default, is refused; the SQL column keeps NOT NULL and drops its
    DEFAULT, so inserts that leave it out fail too."""
    before, after = (table.column(name) for table in tables)
    if before is None or after is None or after.type.value in _FILLED_TYPES:
        return False
    if after.required_level is not RequiredLevel.SYSTEM_REQUIRED:
        return False
    return create_default(before) is not None and create_default(after) is None


def _type_of(table: Table, logical_name: str) -> str | None:
    column = table.column(logical_name)
    return column.type.value if column is not None else None


def _option_presence(tables: tuple[Table, Table], name: str, old: Any, new: Any) -> str:
    """An option added or removed; a Boolean's is one of its two labels stated or no longer
    stated (an export's Boolean naming a global choice it does not carry,
    ``<OptionSetName>isencryptedattributevalueset</OptionSetName>``, then the page or a later
    export stating Yes and No): its values are true and false in both versions, so it is a
    display name, as a Boolean's label changed is (``_option``).

    A Picklist's or MultiSelectPicklist's options where a version gave it none (its targets
    took any integer: ``choice-without-options``; ``evolve.options`` gives both versions the
    options their targets take) are ``options-stated`` when the other version states them
    (``options-stated-closed`` with closed choices: ``cli.closed_options``), and
    ``options-unstated`` when it no longer does: Dataverse keeps the same option set (the
    column names one global choice in both), storing and returning only its values
    (``PicklistValueOutOfRange``, 0x8004431A, refuses any other), so a record of either
    version is one the other's JSON Schema and pydantic model take; only an SQL CHECK comes
    or goes."""
    boolean = ColumnType.BOOLEAN.value
    if all(_type_of(table, name) == boolean for table in tables):
        return "display-name-changed"
    before, after = (table.column(name) for table in tables)
    if before is not None and after is not None and before.type is after.type:
        if before.type in GLOBAL_TYPES and old is None and not before.choices:
            return "options-stated"
        if before.type in GLOBAL_TYPES and new is None and not after.choices:
            return "options-unstated"
    return _presence(old, new, "option")


def _option(column_type: str | None, field: str, old: Any, new: Any) -> str:
    """An option's facet: a choice's label names it in typed code, and a status reason's
    state is the state rows and requests must pair it with (the SQL pair check, the state
    models). A Boolean's two labels name nothing: its value is true or false everywhere
    (Edm.Boolean, a pydantic bool, a JSON Schema boolean whose label is a title, an SQL
    boolean), so they are display names."""
    if field == "label":
        boolean = column_type == ColumnType.BOOLEAN.value
        return "display-name-changed" if boolean else "option-label-changed"
    if field == "state" and old is not None and new is not None:
        return "status-reason-moved"
    return _described(field)


def _narrower(old: Any, new: Any, unset_is_wider: bool, what: str) -> str:
    """``{what}-narrowed`` when ``new`` allows less than ``old`` (a bigger lower bound when
    ``unset_is_wider`` is False, else a smaller limit; unset: no limit)."""
    if old is None or new is None:
        narrowed = old is None
    else:
        narrowed = Decimal(new) < Decimal(old) if unset_is_wider else Decimal(new) > Decimal(old)
    return f"{what}-narrowed" if narrowed else f"{what}-widened"


def _range(tables: tuple[Table, Table], name: str, field: str, old: Any, new: Any) -> str:
    """A MinValue or MaxValue one version leaves unstated by the bound every target enforces
    (``facets.number_range``: the type's where none is stated): stating the type's own bound
    where none was (an Integer's -2147483648), or one beyond it, changes nothing a record or
    stored value depends on (the JSON Schema's ``minimum``, pydantic's ``ge``, the SQL CHECK
    are the same), as a MaxSizeInKB stated at Dataverse's default (``_size``). Two stated
    bounds compare as they are (``enforced``: one beyond the type is unenforced)."""
    before, after = (table.column(name) for table in tables)
    kinds = {kind_of(column) if column is not None else None for column in (before, after)}
    kind = kinds.pop() if len(kinds) == 1 else None
    one_sided = (old is None) != (new is None)
    if one_sided and before is not None and after is not None and kind in RANGES:
        side = 0 if field == "min_value" else 1
        quiet = Diagnostics()
        old = number_range(before, kind, quiet)[side]
        new = number_range(after, kind, quiet)[side]
        if old == new:
            return "facet-changed"
    return _narrower(old, new, field == "max_value", "range")


def _places(tables: tuple[Table, Table], name: str, field: str) -> str:
    """A Precision (or a Money's PrecisionSource) by the decimal places the targets hold values
    to (``facets.enforced_places``): a Decimal's unstated Precision is 10, a Money's 4 (also
    when the currency's or the organization's precision decides, PrecisionSource 1 or 2), as
    their records and SQL take them; a Double's is only displayed, never enforced. So stating
    a Precision narrower than the unstated one narrows, and a Double's Precision is a facet."""
    before, after = (table.column(name) for table in tables)
    if before is None or after is None:
        return "facet-changed"
    if field == "precision_source" and before.precision != after.precision:
        return "facet-changed"  # the Precision's own change says what the places became
    old, new = enforced_places(before), enforced_places(after)
    if old is None or new is None or old == new:
        return "facet-changed"
    return "precision-narrowed" if new < old else "precision-widened"


def _required(old: Any, new: Any) -> str:
    raised = _REQUIRED.index(RequiredLevel(new)) > _REQUIRED.index(RequiredLevel(old))
    if not raised:
        return "required-lowered"
    return "required-raised" if new == _MUST_SEND else "required-raised-in-apps"


def _targets(old: Any, new: Any) -> str:
    """A target the new version no longer lists is ``lookup-target-removed``; a version that
    lists none names no target at all, which no Dataverse lookup is (every lookup references
    a table): the page does not say (the 2025 customer-engagement pages print an empty
    ``|Targets||`` for entitlementchannel's ``owningbusinessunit`` and ``owninguser``, whose
    ``owninguser`` Microsoft's EntityType still binds to ``systemuser``), so no reference
    valid before is refused: ``facet-changed``, listed (``diff``: the JSON Schema's
    ``x-dataverse-targets`` goes, and an SQL foreign key to a table of the set with it)."""
    if old and not new:
        return "facet-changed"
    removed = set(old or ()) - set(new or ())
    added = set(new or ()) - set(old or ())
    if removed:
        return "lookup-target-removed"
    return "lookup-target-added" if added else "facet-changed"


def _behavior(old: Any, new: Any) -> str:
    """A DateTime column's behaviour; unstated is UserLocal, the one Dataverse creates a
    column with (behavior-format-date-time-attribute.md). DateOnly changes the shape of every
    value (a date, not a date and time) in the Web API and each target; UserLocal and
    TimeZoneIndependent share it."""
    date_only = DateTimeBehavior.DATE_ONLY.value
    if (old == date_only) != (new == date_only):
        return "date-only-changed"
    return "facet-changed"


def _access(old: Any, new: Any) -> str:
    return "column-access-removed" if old and not new else "column-access-added"


_FACETS: dict[str, Callable[[Any, Any], str]] = {
    "type": lambda old, new: "type-changed",
    "cased_logical_name": lambda old, new: "property-renamed",
    "max_length": lambda old, new: _narrower(old, new, True, "length"),
    "required_level": _required,
    "targets": _targets,
    "date_time_behavior": _behavior,
    "valid_for_create": _access,
    "valid_for_update": _access,
    "valid_for_read": _access,
}
"""Column facets with a rule of their own; every other facet is ``facet-changed``."""


def _key(new_table: Table, path: tuple[str, ...], old: Any, new: Any) -> str:
    """An alternate key: added, removed, or its columns changed (both at once: rows the old
    key kept apart may clash under the new one, and URLs naming the old columns fail). The
    same columns in another order are the same key: a URL names each key value
    (``/rsv_bookings(rsv_code='A-1',rsv_day=2024-05-01)``, OData's key-value pairs, in any
    order), and a unique constraint refuses the same rows whatever its columns' order. A key
    added over the table's primary key is ``key-added-with-primary``: no rows can repeat
    its values (an elastic table's built-in ``keyfornosqlentitywithpkpartitionid``)."""
    if len(path) == 2:
        if old is None and _holds_primary_key(new_table, new):
            return "key-added-with-primary"
        return _presence(old, new, "key")
    if path[2] == "columns":
        return "facet-changed" if sorted(old or ()) == sorted(new or ()) else "key-changed"
    return _described(path[2])


def _holds_primary_key(table: Table, key: Any) -> bool:
    """Whether the key (its model data) has ``table``'s primary key among its columns."""
    primary = table.primary_id_attribute
    columns = key.get("columns") if isinstance(key, dict) else None
    return primary is not None and isinstance(columns, list) and primary in columns


_ENDS = frozenset(
    {"referenced_entity", "referenced_attribute", "referencing_entity", "referencing_attribute"}
)
"""The tables and columns a one-to-many relationship joins. Dataverse never changes them (a
relationship is deleted and made anew, its schema name free again): a relationship of the
same name between other tables is the old one removed, its navigation properties pointing
at another table (``$expand`` and ``@odata.bind`` of the old one fail)."""
_SIDE_ENDS = frozenset({"logical_name", "intersect_attribute"})
"""What a many-to-many relationship's side joins (its table, the intersect table's column for
it), never changed either: a relationship of the same name between other tables, or through
another intersect table (``intersect_entity_name``), is the old one removed, its collection
navigation properties listing rows of another table."""


def _relationship(path: tuple[str, ...], old: Any, new: Any) -> str:
    if len(path) == 3:
        return _presence(old, new, "relationship")
    if old is None or new is None:
        return "facet-changed"
    if path[-1].endswith("navigation_property_name"):
        return "navigation-renamed"
    if path[-1] in _ENDS or _joins_other(path):
        return "relationship-removed"
    if path[-2:] == ("cascade_configuration", "delete"):
        return _delete(old, new)
    return "facet-changed"


def _joins_other(path: tuple[str, ...]) -> bool:
    """Whether ``path`` is what a many-to-many relationship joins (both versions state it)."""
    if path[1] != "many_to_many" or len(path) < 4:
        return False
    if len(path) == 4:
        return path[3] == "intersect_entity_name"
    return len(path) == 5 and path[3] in ("this_table", "other_table") and path[4] in _SIDE_ENDS


def _delete(old: Any, new: Any) -> str:
    """A relationship's Delete behaviour, both versions stating it (a 2025 page states the
    cascades a 2023 page leaves out: no change). Cascade deletes the referencing rows, Restrict
    refuses the delete (configure-entity-relationship-cascading-behavior.md); SQL follows, as
    ON DELETE CASCADE, SET NULL and RESTRICT."""
    if new == CascadeType.CASCADE.value:
        return "delete-cascaded"
    if old in _DELETE_GOES_THROUGH and new not in _DELETE_GOES_THROUGH:
        return "delete-restricted"
    return "facet-changed"
