"""``properties = "closed"``: a record holds only what the Web API carries for its table.

The Web API refuses a member its entity type does not declare ("The property 'nmae' does not
exist on type 'Microsoft.Dynamics.CRM.account'"), and a property annotation of an undeclared
property ("An undeclared property 'x' which only has property annotations in the payload",
a misspelt ``x@odata.bind``). So a closed schema has ``unevaluatedProperties: false`` and
takes, beside its ``properties``, what its ``patternProperties`` match:

- instance annotations of the record: a name starting with ``@`` (``@odata.etag``,
  ``@odata.context``, ``@odata.id`` of an ``$expand`` with ``/$ref``);
- annotations of a collection-valued navigation property: ``<collection>@<term>``
  (``<collection>@odata.nextLink``, ``<collection>@odata.bind`` associating on create);
- on a property or a single-valued navigation property, every annotation but ``@odata.bind``
  (``_x_value@OData.Community.Display.V1.FormattedValue``): a single-valued navigation
  property's is declared itself (a pattern matching a declared name fails ajv's strict mode),
  and a property's is refused, as the Web API binds navigation properties only ("An
  undeclared property 'name' which only has property annotations in the payload", a bind
  annotation is no property's);
- an activity's members inherited from ``activitypointer`` its spec does not list
  (``webapi.inherited``), with any value, and their annotations.

Patterns keep to the regular expressions every validator reads (no lookahead): the names are
escaped for ECMA-262 (``u`` flag), and "not ``odata.bind``" is spelt out character by character.

``unevaluatedProperties``, not ``additionalProperties``: both refuse the same members, but
python-jsonschema words an ``additionalProperties`` failure beside ``patternProperties`` as
"'nmae' does not match any of the regexes: ..." followed by every pattern (thousands of
characters on a large table), where ``unevaluatedProperties`` says "Unevaluated properties are
not allowed ('nmae' was unexpected)"; ajv names the member either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Schema = dict[str, Any]
BIND_TERM = "odata.bind"
_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
"""ECMA-262's syntax characters and ``/``: the only ones a ``u`` pattern may escape."""


def closed_members(
    names: Sequence[str],
    single_navigations: Sequence[str],
    inherited: Sequence[str] = (),
    collections: Sequence[str] = (),
) -> Schema:
    """``patternProperties`` and ``unevaluatedProperties`` of a closed record whose declared
    properties are ``names`` (``@odata.bind`` keys among them), ``single_navigations`` and
    ``collections`` the single- and collection-valued navigation properties among them,
    ``inherited`` the members it takes undeclared (an activity's, from ``activitypointer``,
    properties and navigation properties alike: any annotation)."""
    bound = {*collections, *inherited}
    unbound = sorted({n for n in names if "@" not in n} - bound)
    patterns: Schema = {
        "^@": {"description": "An OData annotation of the record (@odata.etag...)."},
    }
    if inherited:
        patterns[f"^{_alternatives(sorted(inherited))}$"] = {
            "description": "A property or navigation property inherited from activitypointer, "
            "the Web API's base type of activities, that the spec does not list.",
        }
    if bound:
        patterns[f"^{_alternatives(sorted(bound))}@"] = {
            "description": "An OData annotation of a collection-valued navigation property "
            "(...@odata.nextLink, ...@odata.bind) or of an inherited member.",
        }
    if unbound:
        patterns[f"^{_alternatives(unbound)}@{_other_than(BIND_TERM)}"] = {
            "description": "An OData annotation of a property or single-valued navigation "
            "property (...@OData.Community.Display.V1.FormattedValue), but @odata.bind: "
            "declared above for a single-valued navigation property, and no property's.",
        }
    return {"patternProperties": patterns, "unevaluatedProperties": False}


def not_bind() -> str:
    """The pattern of any annotation term but ``odata.bind`` (the pydantic target's closed
    models spell their JSON Schema with it too)."""
    return _other_than(BIND_TERM)


def _alternatives(names: Sequence[str]) -> str:
    return "(?:" + "|".join(ecma_escape(n) for n in names) + ")"


def _other_than(word: str) -> str:
    """A pattern matching any start of a text but ``word`` alone: a text that differs from it
    at some character, or goes on past it."""
    branches = [ecma_escape(word[:i]) + f"[^{ecma_escape(c)}]" for i, c in enumerate(word)]
    return "(?:" + "|".join([*branches, ecma_escape(word) + "."]) + ")"


def ecma_escape(text: str) -> str:
    """``text`` as a literal in an ECMA-262 pattern with the ``u`` flag (ajv's), which
    Python's ``re`` reads alike: a backslash before syntax characters alone."""
    return "".join("\\" + c if c in _SYNTAX else c for c in text)
