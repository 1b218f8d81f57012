"""The classification table: each kind of change, breaking or safe, and why.

Breaking means breaking for a client of the previous version: Web API code that reads or
writes the old shape, typed code generated from it (pydantic, OData proxies), or a database
created from its DDL that must keep its rows. docs/evolution.md prints this table.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    breaking: bool
    reason: str


_TABLE: tuple[Rule, ...] = (
    # --- breaking -----------------------------------------------------------------------------
    Rule("table-removed", True, "clients and foreign keys that use the table fail"),
    Rule("entity-set-renamed", True, "every Web API URL of the table changes"),
    Rule("column-removed", True, "code that reads or writes the column fails"),
    Rule("type-changed", True, "values of the old type no longer parse or store"),
    Rule(
        "date-only-changed",
        True,
        "a DateTime column became DateOnly, or stopped being: the Web API sends and takes a "
        "date (2026-01-15, Edm.Date) instead of a date and time (Edm.DateTimeOffset), or the "
        "reverse: values of the old shape no longer parse, and stored times are cut to dates",
    ),
    Rule("length-narrowed", True, "longer values stored or sent before are refused"),
    Rule("range-narrowed", True, "numbers valid before fall outside the new bounds"),
    Rule("precision-narrowed", True, "decimal places valid before are rounded or refused"),
    Rule(
        "length-widened",
        True,
        "the last version's JSON Schema (maxLength) and pydantic model (max_length) refuse the "
        "longer values Dataverse now returns; a database migrates keeping its rows",
    ),
    Rule(
        "range-widened",
        True,
        "the last version's JSON Schema (minimum, maximum) and pydantic model (ge, le) refuse "
        "the numbers beyond the old bounds Dataverse now returns; a database migrates keeping "
        "its rows",
    ),
    Rule(
        "precision-widened",
        True,
        "the last version's pydantic model refuses the values with more decimal places "
        "Dataverse now returns (a Decimal's, a Money's; the JSON Schema only annotates the "
        "places); a database migrates keeping its rows",
    ),
    Rule(
        "required-raised",
        True,
        "SystemRequired: creates that leave the column empty are refused (the Web API, the SQL "
        "NOT NULL; a column clients cannot create with, or one a default fills (a choice's "
        "DefaultFormValue, a yes/no DefaultValue, a state model), which Dataverse fills: "
        "breaking for databases only, whose rows without a value stop the migration)",
    ),
    Rule(
        "required-column-added",
        True,
        "a SystemRequired column no default fills (no default value, not a state or status "
        "reason, not a lookup's name or type companion, which no client sends): creates of old "
        "clients, which do not send it, are refused, and the rows of a "
        "database created from the old DDL have no value for its NOT NULL (a column clients "
        "cannot create with, which Dataverse fills: breaking for databases only)",
    ),
    Rule(
        "default-removed",
        True,
        "a SystemRequired column's default (a choice's DefaultFormValue among its options, a "
        "yes/no DefaultValue) no longer fills it: creates that leave it out, which the last "
        "version's JSON Schema and pydantic model allow (they give the default), are refused, "
        "and the SQL column, NOT NULL, loses its DEFAULT",
    ),
    Rule("column-access-removed", True, "a create, update or read the column allowed is refused"),
    Rule("option-removed", True, "rows and requests holding the option value are refused"),
    Rule(
        "option-label-changed",
        True,
        "typed code names a choice's option after its label (a Boolean's two labels name "
        "nothing: display-name-changed)",
    ),
    Rule(
        "status-reason-moved",
        True,
        "a status reason now belongs to another state: rows and requests that pair it with its "
        "old state are refused",
    ),
    Rule(
        "option-added-closed",
        True,
        'an option added while choices are closed (the setting choices = "closed", the '
        "default), or to a State, which the targets keep closed whatever the setting: the JSON "
        "Schema, pydantic model and SQL CHECK of the last version refuse records holding the "
        "new value; an old database takes them once migrated",
    ),
    Rule(
        "options-stated-closed",
        True,
        "breaking for databases only: a choice the last version took any integer for (no "
        "options listed: choice-without-options) has its options stated while choices are "
        "closed; the migration adds their SQL CHECK, which rows the last version's database "
        "holds with another number refuse (Dataverse stores only the options: Web API "
        "clients, whose JSON Schema and pydantic model took any integer, are unaffected)",
    ),
    Rule(
        "column-added-closed",
        True,
        "a column added, or made valid for read having been valid for neither create nor "
        'update, while properties are closed (the setting properties = "closed"): the JSON '
        "Schema and pydantic model of the last version refuse records holding its property, "
        "and a GET without $select returns every column",
    ),
    Rule("lookup-target-removed", True, "references to rows of that table are refused"),
    Rule("relationship-removed", True, "navigation properties and $expand of it fail"),
    Rule(
        "delete-restricted",
        True,
        "a relationship's Delete became Restrict: deleting a row that other rows reference, "
        "which went through before, is refused (the Web API, the SQL foreign key)",
    ),
    Rule(
        "delete-cascaded",
        True,
        "a relationship's Delete became Cascade: deleting a row now deletes the rows that "
        "reference it, which a delete kept before",
    ),
    Rule("navigation-renamed", True, "the navigation property clients use changes name"),
    Rule(
        "property-renamed",
        True,
        "the capitals of a column's Web API name changed (cased_logical_name): the property "
        "clients read and write (JSON, pydantic alias, $metadata) changes name",
    ),
    Rule("message-removed", True, "clients calling the message or event fail"),
    Rule(
        "key-added",
        True,
        "breaking for databases only: rows a database created from the old DDL holds may "
        "repeat the key's values, which its new unique constraint refuses (Web API clients "
        "are unaffected)",
    ),
    Rule(
        "foreign-key-added",
        True,
        "breaking for databases only: a lookup whose one target table joined the set (or came "
        "to be stated) gets a foreign key, and the ids a database created from the old DDL "
        "holds in it name rows of a table it did not have, which the new key refuses (Web API "
        "clients are unaffected)",
    ),
    Rule(
        "key-removed",
        True,
        "clients that address rows by the alternate key (/accounts(accountnumber='ABC123')) or "
        "upsert by it fail",
    ),
    Rule(
        "key-changed",
        True,
        "the alternate key's columns change: URLs naming the old columns fail, and stored rows "
        "may clash under the new unique constraint (the same columns in another order are the "
        "same key: facet-changed)",
    ),
    # --- safe ---------------------------------------------------------------------------------
    Rule("table-added", False, "nothing that exists refers to it"),
    Rule(
        "key-added-with-primary",
        False,
        "an alternate key that holds the table's primary key: no rows, a database's old ones "
        "included, can repeat its values (an elastic table's keyfornosqlentitywithpkpartitionid,"
        " which Dataverse creates with the table); a new way to address rows",
    ),
    Rule(
        "column-added",
        False,
        "old clients ignore it (unless it is required-column-added, or column-added-closed)",
    ),
    Rule(
        "lookup-companion-removed",
        False,
        "a lookup's *Name/*YomiName/*Type column: the Web API returns it as an annotation of "
        "the lookup, never as a property, and newer pages no longer list it",
    ),
    Rule(
        "facet-widened-unenforced",
        False,
        "a length, range or precision widened that no record target of the last version "
        "enforces on a value Dataverse returns: a column the Web API carries as no property (a "
        "lookup's name companion) or does not return (not valid for read), a File's "
        "MaxSizeInKB (its property holds the file's id), a MinValue or MaxValue beyond what "
        "the type holds; every value valid before still fits, and the migration widens the "
        "SQL column keeping its rows",
    ),
    Rule("required-lowered", False, "requests valid before are still valid"),
    Rule(
        "required-raised-in-apps",
        False,
        "Recommended or ApplicationRequired (business required): app forms ask for the "
        "column, but the Web API accepts creates without it, and no generated schema, model "
        "or SQL column requires it",
    ),
    Rule("column-access-added", False, "requests valid before are still valid"),
    Rule(
        "option-added",
        False,
        'with choices = "open": values valid before still are, and typed code of the last '
        "version takes the new value as it takes any number",
    ),
    Rule(
        "options-stated",
        False,
        "a choice the last version took any integer for has its options stated, with choices "
        '= "open": the targets still take any number (no SQL CHECK); Dataverse stores only '
        "the options, which the last version takes",
    ),
    Rule(
        "options-unstated",
        False,
        "a choice's options no longer stated (the page or export that listed them gone): the "
        "targets take any integer, the migration drops the SQL CHECK keeping its rows, and "
        "Dataverse still returns only the options, which the last version takes",
    ),
    Rule("lookup-target-added", False, "references valid before still are"),
    Rule("relationship-added", False, "a new navigation property; nothing old refers to it"),
    Rule("message-added", False, "a new operation; nothing old calls it"),
    Rule("description-changed", False, "documentation only"),
    Rule(
        "display-name-changed",
        False,
        "a label for people, never part of a request: a table's, a column's, or one of a "
        "Boolean's two options' (its value is true or false in the Web API, pydantic, the "
        "JSON Schema and SQL alike)",
    ),
    Rule("facet-changed", False, "metadata no request or stored value depends on"),
)

RULES: dict[str, Rule] = {rule.name: rule for rule in _TABLE}
"""Every rule by name, breaking ones first (the order of the docs' table)."""


def unknown_rule(name: str) -> str | None:
    """Why ``name`` is no rule (with the closest one), or None when it is one."""
    if name in RULES:
        return None
    close = difflib.get_close_matches(name, list(RULES), n=1)
    hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(RULES)
    return f"unknown rule {name!r} ({hint})"
