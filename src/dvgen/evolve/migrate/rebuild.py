"""SQLite migrations: a table whose CREATE TABLE text changes is rebuilt.

SQLite's ALTER TABLE cannot change a column's type, nullability or checks, nor add a foreign
key, and its descriptions live in the CREATE TABLE text. So, in the order SQLite documents
("Making Other Kinds Of Table Schema Changes", https://www.sqlite.org/lang_altertable.html):
foreign keys off, begin, create the new table under a temporary name, copy the columns both
versions have, drop the old table, rename the new one, check the foreign keys, commit, foreign
keys on. The copy is the data check: STRICT types, NOT NULL and CHECK constraints refuse a row
that would not fit, and the transaction rolls back, naming the constraint.
"""

from __future__ import annotations

import dataclasses

from dvgen.evolve.migrate.alter import widens
from dvgen.evolve.migrate.schema import SqlSchema
from dvgen.evolve.migrate.steps import Migration, Step, step
from dvgen.targets.sql.context import comment_text
from dvgen.targets.sql.names import SqlIdentifier, SqlText
from dvgen.targets.sql.plan import SqlKind

TEMPORARY = "{name}__dvgen_new"
FOREIGN_KEY_CHECK = (
    'CREATE TEMP TABLE "dvgen_migration_check" ("violations" INTEGER CONSTRAINT '
    '"rows reference rows that do not exist: see PRAGMA foreign_key_check" '
    'CHECK ("violations" = 0));',
    'INSERT INTO "dvgen_migration_check" SELECT count(*) FROM pragma_foreign_key_check;',
    'DROP TABLE "dvgen_migration_check";',
)
"""Step 10, made to fail: with foreign keys off, PRAGMA foreign_key_check only lists the rows
that reference nothing; counted into a CHECK, they stop the migration, which rolls back."""


def rebuild_migration(old: SqlSchema, new: SqlSchema) -> Migration:
    steps: list[Step] = [
        step(f"drop table {name}", f"DROP TABLE {old.tables[name].name};", destructive=True)
        for name in sorted(set(old.tables) - set(new.tables))
    ]
    for name in sorted(set(old.tables) & set(new.tables)):
        if _stored(old, name) != _stored(new, name):
            steps.append(_rebuild(name, old, new))
    steps += [
        step(f"create table {name}", new.create(name))
        for name in sorted(set(new.tables) - set(old.tables))
    ]
    if steps:
        steps.append(step("check foreign keys", *FOREIGN_KEY_CHECK))
    return Migration(
        steps,
        preamble=[SqlText("PRAGMA foreign_keys = OFF;")],
        postamble=[SqlText("PRAGMA foreign_keys = ON;")],
    )


def _rebuild(name: str, old: SqlSchema, new: SqlSchema) -> Step:
    table = new.tables[name]
    temporary = SqlIdentifier(TEMPORARY.format(name=_bare(table.name)))
    created = new.create(name, dataclasses.replace(table, name=temporary.quoted))
    kept = [c for c in new.names[name] if c in old.names[name]]
    columns = ", ".join(new.names[name][c] for c in kept)
    copied = ", ".join(_copied(old, new, name, c) for c in kept)
    statements = [
        created,
        f"INSERT INTO {temporary.quoted} ({columns}) SELECT {copied} FROM {old.tables[name].name};",
        f"DROP TABLE {old.tables[name].name};",
        f"ALTER TABLE {temporary.quoted} RENAME TO {table.name};",
    ]
    lost = _lost(name, old, new)
    title = f"rebuild table {name}" + (f" ({'; '.join(lost)})" if lost else "")
    if name in new.labels:  # rows come from the new definitions, in the CREATE step
        statements[1] = f"-- {comment_text(name)}: rows from the new definitions"
    return step(title, *statements, destructive=bool(lost))


OFFSET = "'*[+-][0-9][0-9]:[0-9][0-9]'"
"""A GLOB matching an ISO 8601 text that ends in a numeric UTC offset (``+02:00``): the only
zone SQLite's date functions read besides ``Z`` (a text with neither is read as UTC)."""


def _copied(old: SqlSchema, new: SqlSchema, table: str, column: str) -> str:
    """The old column's value as the new column takes it: an instant (UserLocal) whose column
    became DateOnly is its date at UTC, as Dataverse keeps it ("existing values remain in UTC"
    until ConvertDateAndTimeBehavior converts them: the Web API returns the UTC value's date),
    which the DATE check takes; one whose column became TimeZoneIndependent is its time at UTC
    (a value written with an offset is moved to ``Z``, as PostgreSQL's migration reads it at
    UTC; one at UTC already is kept as written); any other value is copied as it is, for the
    checks to judge."""
    name = old.names[table][column]
    was, becomes = old.column(table, column).kind, new.column(table, column).kind
    if was is SqlKind.TIMESTAMP_TZ and becomes is SqlKind.DATE:
        return f"date({name})"
    if was is SqlKind.TIMESTAMP_TZ and becomes is SqlKind.TIMESTAMP:
        utc = f"strftime('%Y-%m-%dT%H:%M:%fZ', {name})"
        return f"CASE WHEN {name} GLOB {OFFSET} THEN {utc} ELSE {name} END"
    return str(name)


def _stored(schema: SqlSchema, name: str) -> str:
    """What SQLite keeps of a table: the CREATE TABLE text (with its rows, for label tables),
    without the ``--`` lines above it (its title, the columns not stored)."""
    table = dataclasses.replace(schema.tables[name], title=SqlText(""), omitted=[])
    return schema.create(name, table)


def _bare(quoted: str) -> str:
    return quoted[1:-1].replace('""', '"')


def _lost(name: str, old: SqlSchema, new: SqlSchema) -> list[str]:
    """What the rebuild drops or narrows: columns gone, columns whose values may not fit."""
    lost = [f"drop column {c}" for c in old.names[name] if c not in new.names[name]]
    for column in new.names[name]:
        if column in old.names[name]:
            if not widens(old.column(name, column), new.column(name, column)):
                lost.append(f"narrow column {column}")
    return lost
