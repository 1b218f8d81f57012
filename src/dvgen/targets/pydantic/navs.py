"""Navigation fields of the pydantic target: a record read with ``$expand`` carries the
related record (single-valued) or a list of them (collection-valued) under the navigation
property's name, and a record written may set a lookup with ``<single>@odata.bind``.

- the related record is the other table's model when that table is in the set, else a
  ``DataverseModel`` (any record, its members kept);
- a model of another module is imported for type checkers only (``if TYPE_CHECKING:``): the
  models refer to each other (account -> contact -> account), so each is completed on its
  first use, with the models it names imported then (``_base.DataverseModel.model_rebuild``),
  and validates a related record by that record's model (``_base.Navigation``);
- a field is named as its navigation property in lower case (``primarycontactid``,
  ``primarycontactid_bind``);
- every navigation field is optional; ``@odata.bind`` fields take a URL (``/accounts(<id>)``)
  or ``None`` (clears the lookup), and are written only when set.

The same navigation properties as the JSON Schema (``webapi.navs.expandable``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dvgen.escape import python_literal
from dvgen.model import Table, TableSet
from dvgen.targets.jsonschema.navs import BIND, navigation_schemas
from dvgen.targets.pydantic.fields import BASE, FieldContext, Import, type_lines
from dvgen.targets.pydantic.names import FieldName, Namespace
from dvgen.webapi.navs import ApiNavigation, expandable
from dvgen.webapi.properties import api_properties

ANY_RECORD = "DataverseModel"
MARKER = "Navigation"


@dataclass(slots=True)
class NavigationFields:
    fields: list[FieldContext] = field(default_factory=list)
    imports: set[Import] = field(default_factory=set)
    """Imports at the top of the module."""
    checked_imports: set[Import] = field(default_factory=set)
    """Models of other modules, imported for type checkers only (they may import this one)."""


def navigation_fields(
    table: Table,
    tables: TableSet,
    models: dict[str, str],
    modules: dict[str, str],
    names: Namespace,
    closed: bool = False,
) -> NavigationFields:
    """The navigation fields of ``table``; ``names`` holds the column fields' names.

    With ``populate_by_name`` a record's key fills the field of that alias or that name, so no
    field's name may be another field's alias: the column fields were named with these aliases
    taken (``reserve``), and these fields are named with the columns' aliases taken."""
    found = NavigationFields()
    navs = expandable(tables, table, closed)
    names.taken.update(p.name for p in api_properties(table))
    if navs:
        found.imports.add((BASE, MARKER))
    patterns = {
        name: schema.get("pattern")
        for name, schema in navigation_schemas(tables, table, closed)
        if name.endswith(BIND)
    }
    for nav in navs:
        record = _record_type(table, nav, models, modules, found)
        annotation = record if nav.single else f"list[{record}]"
        kind = "record" if nav.single else "records"
        found.fields.append(
            FieldContext(
                name=_claim(names, nav.name),
                type_lines=type_lines(annotation, optional=True),
                marker_lines=(f"{MARKER},",),
                arguments=(
                    ("alias", python_literal(nav.name)),
                    (
                        "description",
                        python_literal(f"The related {nav.target} {kind}, with $expand."),
                    ),
                ),
            )
        )
    for nav in navs:
        if nav.single:
            found.fields.append(_bind_field(nav, names, patterns.get(nav.name + BIND)))
    return found


def reserve(tables: TableSet, table: Table, names: Namespace, closed: bool = False) -> None:
    """Take the navigation properties' names before the columns' fields are named."""
    names.taken.update(nav.name for nav in expandable(tables, table, closed))


def _claim(names: Namespace, web_api_name: str) -> str:
    """The navigation property's name in lower case (``contoso_operationid``), apart from the
    snake_case name of its lookup's ``_x_value`` field (``contoso_operation_id``); its own
    alias, reserved for it, it may take."""
    lower = web_api_name.lower()
    name = FieldName(lower, lower)
    if name == web_api_name and name in names.taken:
        return name
    return names.claim(name)


def _record_type(
    table: Table,
    nav: ApiNavigation,
    models: dict[str, str],
    modules: dict[str, str],
    found: NavigationFields,
) -> str:
    model = models.get(nav.target)
    if model is None:
        found.imports.add((BASE, ANY_RECORD))
        return ANY_RECORD
    if nav.target != table.logical_name:
        found.checked_imports.add((f".{modules[nav.target]}", model))
    return model


def _bind_field(nav: ApiNavigation, names: Namespace, pattern: str | None) -> FieldContext:
    arguments = [("alias", python_literal(nav.name + BIND)), ("strict", "True")]
    if pattern is not None:
        arguments.append(("pattern", python_literal(pattern)))
    arguments += [
        ("json_schema_extra", '{"writeOnly": True}'),
        (
            "description",
            python_literal(
                f"Sets the lookup to a record of {nav.target} on create or update: its URL, "
                "/<entity set>(<key>); None clears it."
            ),
        ),
    ]
    return FieldContext(
        name=_claim(names, nav.name + "_bind"),
        type_lines=type_lines("str", optional=True),
        marker_lines=(f"{MARKER},",),
        arguments=tuple(arguments),
    )
