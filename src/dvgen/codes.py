"""Every warning and note code, with what it means: the one list ``--ignore`` is checked
against, the README's table is checked against, and every ``warning``/``info`` call uses."""

from __future__ import annotations

import difflib

CODES: dict[str, str] = {
    # --- reading specs -----------------------------------------------------------------------
    "block-ignored": "a second table, options list or relationship line in one block: ignored",
    "block-orphan": "a table, text or options list with no heading it belongs to: ignored",
    "extension-column-unknown": "an extension page changes a column its table does not have",
    "extension-change-empty": "an extension page's column change with only empty values: none",
    "extension-relationship-unknown": (
        "an extension page changes a relationship its table does not have"
    ),
    "extension-properties-ignored": (
        "an extension page's table properties (DisplayName...): not applied"
    ),
    "extension-without-table": "an extension page whose table no spec defines: skipped",
    "heading-second-title": "a second '#' heading: the sections below it are read as the page's",
    "front-matter": "page front matter that is not YAML, or values that are not text: ignored",
    "logical-name-case": (
        "a page's LogicalName with capitals: keyed in lower case; a column's Web API property "
        "keeps them"
    ),
    "intersect-attribute-other-side": (
        "a many-to-many row whose IntersectAttribute is the other table's id: read as its side"
    ),
    "link-not-a-table": "a relationship links to a page that is no table reference page",
    "message-unnamed": "a message row without a name",
    "not-a-spec": "a Markdown file in the specs folder that is plainly no reference page: skipped",
    "option-extra": "an option detail dvgen does not know, kept in 'extra'",
    "options-misplaced": "an options list naming another column than the one above it",
    "property-unknown": "a property row dvgen does not know, kept in 'extra'",
    "row-cells": "a row with more cells than its table (an unescaped pipe?): extra cells ignored",
    "section-misplaced": "a heading under a section that holds no items (a '##' heading missing?)",
    "section-unknown": "a section dvgen does not know: ignored",
    "solution-attribute-misplaced": "a solution's column outside its table's attributes: not read",
    "solution-key-column-unknown": (
        "a solution's alternate key names a column the table lacks or no key may use: left out"
    ),
    "solution-element-unknown": "an element of a solution's choice dvgen does not know: not read",
    "solution-language-fallback": (
        "a solution with no labels (or only some) in language: the others read in their first"
    ),
    "solution-lookup-untargeted": "a solution's custom lookup no relationship gives a table to",
    "solution-nested": "a folder of the specs folder holding solutions only deeper: not read",
    "specs-subfolder": "spec files in a sub-folder of the specs folder: not read",
    "solution-relationship-unknown": "a solution relationship of an unknown type: left out",
    "solution-relationships-misplaced": "a relationship file of a solution outside "
    "Other/Relationships/: not read",
    "solution-table-element-misplaced": "a solution's table property outside its table's "
    "EntityInfo: not read",
    "solution-table-missing": "a table a solution lists with no Entity.xml in the folder: its "
    "definition or changes left out but for the relationships naming it",
    "solution-choice-missing": "a global choice a solution lists with no OptionSets/ file in "
    "the folder: the columns using it get no options from it",
    "solution-type-unknown": "a solution column of an unknown type: read as Virtual, type in extra",
    "solution-value-invalid": "a solution value unfit for its element (not a number...): left out",
    "solution-without-tables": "a solution of flows, apps or web resources only: nothing to read",
    "solution-yaml-format": "a solution in the YAML source-control format: not read",
    "spec-large": "a spec file larger than dvgen expects of a reference page",
    "status-reason-stateless": "a hand-written status reason without its state: no state check",
    "table-property-not-a-name": "a page's plural name (CollectionSchemaName...) that is no name",
    "text-unknown": "text in a column or relationship block that dvgen does not understand",
    # --- the set -----------------------------------------------------------------------------
    "activities-refused": (
        "a solution's activity or elastic table said enabled for activities: read as not"
    ),
    "choices-on-non-choice": "a column that is not a choice lists choices",
    "elastic-unsupported": (
        "an elastic table's column, custom key or many-to-many relationship Dataverse refuses"
    ),
    "has-activities-contradicted": (
        "has_activities: false on a table a regarding relationship relates: read as enabled"
    ),
    "layer-column-unknown": "a solution changes a column its table does not have: not applied",
    "lookup-from-relationship": "a table's relationship names a lookup its page lacks: added",
    "lookup-relationship-missing": (
        "a hand-written lookup no many-to-one relationship names: no foreign key, no navigation"
    ),
    "lookup-target-contradicted": (
        "a lookup's one target is not the table its relationship references: the relationship's"
    ),
    "intersect-column-missing": (
        "a hand-written many-to-many's intersect_attribute its intersect table lacks"
    ),
    "lookup-target-outside-set": "a lookup to a Dataverse table the set does not hold",
    "lookup-target-unknown": (
        "a lookup or relationship to a table neither in the set nor known (misspelt?)"
    ),
    "primary-id-missing": "the primary id attribute is not among the columns",
    "regarding-name-taken": (
        "another relationship has the name of a regarding relationship Dataverse makes: not added"
    ),
    "solution-base-missing": (
        "a solution customizes a table no spec defines, or holds only relationships of one it "
        "created: built from its shell"
    ),
    "selection-unmatched": "a name or glob of include, exclude or --table that matches no table",
    "solution-order-unmatched": "a name of the setting solution-order that is no solution read",
    "solution-order-against-dependency": (
        "a solution the setting solution-order lists before one it depends on"
    ),
    # --- every record target -----------------------------------------------------------------
    "choice-without-options": "a choice column with no options: any integer is accepted",
    "global-choice-differs": "tables list different options for one global choice",
    "range-beyond-type": "MinValue/MaxValue beyond what the column's type holds",
    "range-inverted": "MinValue above MaxValue: the type's range is used",
    "webapi-navigation": "a relationship whose navigation property no rule decides",
    # --- OData -------------------------------------------------------------------------------
    "odata-base-type-name": "a table with the name of a Web API base type: left out",
    "odata-invalid-name": "a name that is no EDM identifier: left out",
    "odata-key-not-readable": "the primary id is not a readable column: declared as the key",
    "odata-member-clash": "a property and a navigation property of one name: one left out",
    "odata-file-navigation-clash": (
        "a file column's navigation to its attachment, named as the column: left out"
    ),
    "odata-navigation-missing": "a lookup lacks a navigation property no relationship names",
    "odata-no-entity-set": "a table without an entity set name",
    "odata-placeholder-type": "a related table outside the set, declared with its key only",
    "odata-property-duplicate": "a property declared twice: left out",
    "odata-table-left-out": "a table that cannot be an entity type: left out",
    "odata-alternate-key-left-out": "an alternate key over a column with no property: left out",
    "xml-control-character": "text holds characters XML 1.0 cannot carry: written as U+FFFD",
    # --- SQL ---------------------------------------------------------------------------------
    "sql-column-not-stored": "a column the database does not store (a virtual column)",
    "sql-alternate-key-left-out": (
        "an alternate key over a column not stored or not indexable: no unique constraint"
    ),
    "sql-intersect-absent": (
        "a many-to-many relationship of two tables of the schema whose intersect table no spec "
        "defines: its rows have no table"
    ),
    "sql-comment-cut": "a description longer than the dialect's comment limit: cut",
    "sql-key-not-primary": "a lookup referencing a column that is not a primary key",
    "sql-label-duplicate": "a choice value listed twice: the label table keeps the first",
    "sql-name-changed": "a name created otherwise than spelt (too long, or a clash)",
    "sql-no-foreign-key": (
        "a lookup that gets no foreign key (polymorphic, outside the set, or to a keyless table)"
    ),
    "sql-no-primary-key": "a table without a primary key column",
    "sql-nul": "text holds a NUL character, which no database stores: U+FFFD",
    "sql-scale-cut": "more digits than the dialect's numeric type holds: decimal places cut",
    "sql-table-empty": "a table with no column to store: not created",
    "sqlserver-cascade-cycle": "SQL Server refuses a cascade cycle or second path: NO ACTION",
    # --- the breaking-change gate ------------------------------------------------------------
    "breaking-allow-unused": (
        "an acknowledged breaking change that is no change since REF: it would acknowledge "
        "the next one unseen"
    ),
    # --- settings ----------------------------------------------------------------------------
    "template-unused": "a template of the templates folder that overrides no built-in one",
}
"""Code -> what it names, grouped by where it arises."""


def unknown_code(code: str) -> str | None:
    """Why ``code`` is not a code (with the closest one), or None when it is one."""
    if code in CODES:
        return None
    close = difflib.get_close_matches(code, CODES, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown warning code {code!r}{hint} (the codes: dvgen's README, 'Warning codes')"
