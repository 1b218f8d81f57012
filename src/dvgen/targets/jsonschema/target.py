"""The ``jsonschema`` target: one JSON Schema (2020-12) per table, ``<logical_name>.schema.json``.

A schema describes one record as the Dataverse Web API carries it: the properties of
``webapi.properties.api_properties`` under their Web API names (a lookup as its ``_x_value``
Guid), each typed by ``properties.TYPE_MAPPING``.

Presence and null, decided once:

- Nothing is ``required``. A GET returns the primary key in every record, with or without
  ``$select``, but the Web API also carries records without it: create and update bodies (the
  key is in the URL, or Dataverse assigns it), deep-inserted records, an ``$expand`` with
  ``/$ref`` (``{"@odata.id": ...}``), ``InitializeFrom``'s record. Any other property is absent
  when a query does not select it.
- A property may be ``null`` (the column holds no value; without ``$select`` the Web API
  returns every property, unset ones as ``null``), the primary key too: a row of
  ``$apply=aggregate(...)`` holds every property of the table as ``null``, the key included
  (web-api-query-data-sample.md, Section 7). RequiredLevel does not change this: it is a rule
  for forms and creates, and a record can still read ``null``.
- Other members (``@odata.etag``, ``<property>@OData.Community.Display.V1.FormattedValue``,
  a column an organisation added) are allowed: the schema leaves other members open, unless
  ``properties = "closed"``, where only OData annotations are (``closed``).
- A record holding a state (``statecode``) holds no status reason of another state
  (``webapi.states``): an ``allOf`` of one ``if``/``then`` per state.

``$id`` is ``<jsonschema-base-uri><logical_name>.schema.json``: stable, from a setting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from dvgen.diagnostics import Diagnostics, Location
from dvgen.fragments import fragments
from dvgen.model import Table, TableSet
from dvgen.render import template
from dvgen.targets import Target
from dvgen.targets.jsonschema.closed import closed_members
from dvgen.targets.jsonschema.navs import BIND, navigation_schemas
from dvgen.targets.jsonschema.properties import PropertySchemas, Schema
from dvgen.targets.tablekeys import kept_text, navigation_inputs, table_inputs
from dvgen.webapi.facets import OPTION_KINDS, OptionSets
from dvgen.webapi.inherited import inherited_members
from dvgen.webapi.properties import ApiProperty, api_properties
from dvgen.webapi.states import state_status

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TEMPLATE = "jsonschema/table.schema.json.jinja"
BASE_URI_SETTING = Location("[tool.dvgen] jsonschema-base-uri")


@dataclass(frozen=True, slots=True)
class PropertyContext:
    name: str
    schema: Schema


@dataclass(frozen=True, slots=True)
class SchemaContext:
    dialect: str
    id: str
    title: str
    description: str | None
    properties: list[PropertyContext]
    all_of: list[Schema]
    """Rules across properties: the status reasons each state may not hold."""
    members: Schema | None = None
    """With ``properties = "closed"``: ``patternProperties`` (OData annotations) and
    ``unevaluatedProperties: false``; None leaves other members open."""


def base_uri(text: str, diagnostics: Diagnostics) -> str | None:
    """The base of every ``$id``: an absolute URI with no query or fragment, ending in ``/``."""
    parts = urlsplit(text)
    if not parts.scheme or not parts.netloc or parts.query or parts.fragment or " " in text:
        diagnostics.error(
            BASE_URI_SETTING, f"{text!r} is not an absolute URI without query or fragment"
        )
        return None
    return text if text.endswith("/") else text + "/"


def schema_context(
    table: Table,
    base: str,
    properties: PropertySchemas,
    tables: TableSet | None = None,
    closed: bool = False,
) -> SchemaContext:
    """The table's schema: its Web API properties, then (given its set) its navigation
    properties and ``@odata.bind`` keys (``jsonschema_navs``); ``closed``: no other member
    but OData annotations (``jsonschema.closed``)."""
    props = api_properties(table)
    navigations = navigation_schemas(tables, table, closed) if tables is not None else []
    names = [p.name for p in props] + [name for name, _ in navigations]
    singles = [n.removesuffix(BIND) for n in names if n.endswith(BIND)]
    collections = [n for n, _ in navigations if "@" not in n and n not in singles]
    inherited = inherited_members(tables, table) if closed and tables is not None else ()
    return SchemaContext(
        dialect=DIALECT,
        id=f"{base}{table.logical_name}.schema.json",
        title=table.display_name or table.schema_name,
        description=table.description or None,
        properties=[
            *(PropertyContext(p.name, properties.schema(table, p)) for p in props),
            *(PropertyContext(name, schema) for name, schema in navigations),
        ],
        all_of=state_rules(table, props),
        members=closed_members(names, singles, inherited, collections) if closed else None,
    )


def state_rules(table: Table, props: Sequence[ApiProperty]) -> list[Schema]:
    """For each state, the status reasons of the others refused when the record holds it
    (``webapi.states``; when it holds no status reason, or ``null``, nothing is refused)."""
    names = {p.column.logical_name: p.name for p in props}
    rule = state_status(table, names)
    if rule is None:
        return []
    state, status = names[rule.state], names[rule.status]
    return [
        {
            "if": {"properties": {state: {"const": value}}, "required": [state]},
            "then": {"properties": {status: {"not": {"enum": list(others)}}}},
        }
        for value, others in rule.foreign
    ]


class JsonSchemaTarget(Target):
    name = "jsonschema"
    folder = "jsonschema"
    patterns = ("*.schema.json",)
    weight = 0.74
    kept_weight = 0.31

    def check_settings(self, diagnostics: Diagnostics) -> None:
        base_uri(self.config.jsonschema_base_uri, diagnostics)

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        base = base_uri(self.config.jsonschema_base_uri, diagnostics)
        if base is None:
            return {}
        options = OptionSets(tables, diagnostics)
        schema = template(TEMPLATE, self.config.templates)
        kept = fragments(self)  # a table whose inputs are the same is not built again

        closed = self.config.properties == "closed"

        def text(table: Table, found: Diagnostics) -> str:
            properties = PropertySchemas(options, found, self.config.choices, closed)
            return schema(s=schema_context(table, base, properties, tables, closed))

        files = {
            f"{table.logical_name}.schema.json": kept_text(
                kept,
                TEMPLATE,
                partial(schema_inputs, tables, table, options, closed),
                diagnostics,
                partial(text, table),
            )
            for table in tables.tables
        }
        kept.finish()
        return files


def schema_inputs(tables: TableSet, table: Table, options: OptionSets, closed: bool) -> str:
    """Everything ``schema_context`` reads beyond the settings: the table, the option sets of
    its choices (a global one merges every user's options), its navigation properties and
    their targets' facts (``tablekeys``)."""
    choices = [options.of(table, p.column) for p in api_properties(table) if p.kind in OPTION_KINDS]
    return table_inputs(table, choices, navigation_inputs(tables, table, closed))
