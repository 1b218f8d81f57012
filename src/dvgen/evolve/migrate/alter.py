"""PostgreSQL and SQL Server migrations: ALTER statements, in an order that always applies.

Keys and checks that change are dropped first and added back last, so no statement meets a
constraint of the other version; a column's type, nullability and default change in place;
a narrowing or a new NOT NULL is preceded by a data check that stops the migration, naming the
column, when rows there are would not fit.
"""

from __future__ import annotations

from dvgen.evolve.migrate.schema import SqlSchema, constraints_of
from dvgen.evolve.migrate.spelling import ALTERS, PostgresAlter
from dvgen.evolve.migrate.steps import Migration, Step, step
from dvgen.targets.sql.context import SqlColumn, SqlConstraint, SqlTable
from dvgen.targets.sql.names import SqlText
from dvgen.targets.sql.plan import ColumnPlan


def alter_migration(old: SqlSchema, new: SqlSchema) -> Migration:
    spell = ALTERS[new.dialect.name](new.dialect)
    kept = sorted(set(old.tables) & set(new.tables))
    steps: list[Step] = []
    steps += _drop_keys(old, new, spell)
    for name in kept:
        steps += _drop_constraints(name, old.tables[name], new.tables[name], spell)
    steps += [
        step(f"drop table {name}", f"DROP TABLE {old.tables[name].name};", destructive=True)
        for name in sorted(set(old.tables) - set(new.tables))
    ]
    for name in kept:
        steps += _columns(name, old, new, spell)
    steps += [
        step(f"create table {name}", new.create(name))
        for name in sorted(set(new.tables) - set(old.tables))
    ]
    for name in kept:
        steps += _add_constraints(name, old.tables[name], new.tables[name], spell)
    steps += _add_keys(old, new, spell)
    steps += _comments(old, new, spell)
    steps += [_refill(name, new) for name in kept if _rows_differ(old, new, name)]
    return Migration(
        [s for s in steps if s.statements],
        preamble=[SqlText(s) for s in new.dialect.PREAMBLE],
    )


def _drop_keys(old: SqlSchema, new: SqlSchema, spell: PostgresAlter) -> list[Step]:
    gone = [k for name, k in old.foreign_keys.items() if new.foreign_keys.get(name) != k]
    return [
        step(f"drop foreign key {key.name}", spell.drop_constraint(key.table, key.name))
        for key in gone
    ]


def _add_keys(old: SqlSchema, new: SqlSchema, spell: PostgresAlter) -> list[Step]:
    added = [k for name, k in new.foreign_keys.items() if old.foreign_keys.get(name) != k]
    return [
        step(f"add foreign key {key.name}", spell.add_constraint(key.table, key.name, key.body))
        for key in added
    ]


def _changing(old: SqlTable, new: SqlTable) -> set[str]:
    """Names of the constraints dropped and added back: those whose text changes, and the
    checks of a column whose type changes (SQL Server refuses to alter a column a constraint
    depends on; elsewhere it costs one validation)."""
    before, after = constraints_of(old), constraints_of(new)
    names = {key for key, c in before.items() if key not in after or after[key].body != c.body}
    names |= {key for key in after if key not in before}
    types = {str(c.name): c.type for c in old.columns}
    for column in new.columns:
        if column.check is not None and types.get(str(column.name), column.type) != column.type:
            names.add(str(column.check.name))
    return names


def _drop_constraints(name: str, old: SqlTable, new: SqlTable, spell: PostgresAlter) -> list[Step]:
    changing = _changing(old, new)
    gone = [c for key, c in constraints_of(old).items() if key in changing]
    statements = [spell.drop_constraint(old.name, c.name) for c in gone]
    statements += [
        f"DROP INDEX {index.name} ON {old.name};" for index in _rebuilt(old, new, old.indexes)
    ]
    return [step(f"{name}: drop constraints that change", *statements)]


def _add_constraints(name: str, old: SqlTable, new: SqlTable, spell: PostgresAlter) -> list[Step]:
    """Added checks hold for the rows there are, or the statement fails naming the check."""
    changing = _changing(old, new)
    added = [c for key, c in constraints_of(new).items() if key in changing]
    statements = [spell.add_constraint(new.name, c.name, c.body) for c in added]
    statements += [str(index.body) for index in _rebuilt(new, old, new.indexes)]
    return [step(f"{name}: add constraints", *statements)]


def _rebuilt(one: SqlTable, other: SqlTable, indexes: list[SqlConstraint]) -> list[SqlConstraint]:
    """The unique indexes (SQL Server's alternate keys) of ``one`` that ``other`` has not, or
    all of them when a column changes type (SQL Server refuses to alter a column an index
    holds): dropped first and made again last, like the constraints."""
    types = {str(c.name): c.type for c in other.columns}
    retyped = any(types.get(str(c.name), c.type) != c.type for c in one.columns)
    return [index for index in indexes if retyped or index not in other.indexes]


def _columns(name: str, old: SqlSchema, new: SqlSchema, spell: PostgresAlter) -> list[Step]:
    """Each column's steps, titled by its logical name (``table.column``)."""
    before = {str(c.name): c for c in old.tables[name].columns}
    after = {str(c.name): c for c in new.tables[name].columns}
    old_plans, new_plans = _plans_by_quoted(old, name), _plans_by_quoted(new, name)
    table = new.tables[name].name
    steps = [
        step(
            f"drop column {name}.{old_plans[key].logical_name}",
            *spell.drop_column(table, c),
            destructive=True,
        )
        for key, c in before.items()
        if key not in after
    ]
    for key, column in after.items():
        where = f"{name}.{new_plans[key].logical_name}"
        if key in before:
            plans = old_plans[key], new_plans[key]
            steps += _changed(where, table, before[key], column, *plans, spell)
        else:
            steps.append(_added(where, table, column, spell))
    return steps


def _plans_by_quoted(schema: SqlSchema, table: str) -> dict[str, ColumnPlan]:
    return {
        str(schema.names[table][plan.logical_name]): plan for plan in schema.plans[table].columns
    }


def _added(where: str, table: str, column: SqlColumn, spell: PostgresAlter) -> Step:
    statements = spell.add_column(table, column)
    if column.null == "NOT NULL":
        statements += _require(where, table, column, spell)
    return step(f"add column {where}", *statements)


def _require(where: str, table: str, column: SqlColumn, spell: PostgresAlter) -> list[str]:
    message = (
        f"{where}: rows without a value, which the new schema requires: "
        "fill them (or delete them) before migrating"
    )
    return [spell.fail_if(table, f"{column.name} IS NULL", message), *spell.set_null(table, column)]


def _changed(
    where: str,
    table: str,
    old: SqlColumn,
    new: SqlColumn,
    old_plan: ColumnPlan,
    new_plan: ColumnPlan,
    spell: PostgresAlter,
) -> list[Step]:
    steps: list[Step] = []
    retyped = old.type != new.type  # a default is dropped and set again around it
    if old.default is not None and (old.default != new.default or retyped):
        steps.append(step(f"{where}: drop default", *spell.drop_default(table, old)))
    if retyped:
        steps.append(_retype(where, table, old, new, old_plan, new_plan, spell))
    if old.null != new.null:
        statements = (
            _require(where, table, new, spell)
            if new.null == "NOT NULL"
            else spell.set_null(table, new)
        )
        steps.append(step(f"{where}: nullability", *statements))
    if new.default is not None and (old.default != new.default or retyped):
        steps.append(step(f"{where}: default", *spell.set_default(table, new)))
    return steps


def widens(old: ColumnPlan, new: ColumnPlan) -> bool:
    """Whether every value of the old column fits the new one unchanged."""
    if old.kind is not new.kind:
        return False
    if old.length is not None and new.length is not None and new.length < old.length:
        return False
    if new.length is not None and old.length is None:
        return False
    if None in (old.precision, old.scale, new.precision, new.scale):
        return old.precision == new.precision and old.scale == new.scale
    assert old.precision is not None and old.scale is not None
    assert new.precision is not None and new.scale is not None
    return new.scale >= old.scale and new.precision - new.scale >= old.precision - old.scale


def _retype(
    where: str,
    table: str,
    old: SqlColumn,
    new: SqlColumn,
    old_plan: ColumnPlan,
    new_plan: ColumnPlan,
    spell: PostgresAlter,
) -> Step:
    if widens(old_plan, new_plan):
        return step(
            f"{where}: widen {old.type} to {new.type}", *spell.set_type(table, old, new, False)
        )
    message = f"{where}: rows whose value does not fit {new.type}: change them before migrating"
    statements: list[str] = []
    if old_plan.kind is new_plan.kind:
        statements.append(spell.fail_if(table, spell.narrowed(old, new.type), message))
    statements += spell.set_type(table, old, new, old_plan.kind is not new_plan.kind)
    return step(f"{where}: narrow {old.type} to {new.type}", *statements, destructive=True)


def _comments(old: SqlSchema, new: SqlSchema, spell: PostgresAlter) -> list[Step]:
    """Descriptions of kept tables: added, changed or removed (new tables carry their own)."""
    kept = {str(new.tables[n].name) for n in set(old.tables) & set(new.tables)}
    statements: list[SqlText] = []
    for key in sorted(set(old.descriptions) | set(new.descriptions), key=str):
        if key[0] not in kept:
            continue
        before, after = old.descriptions.get(key), new.descriptions.get(key)
        column_gone = key[1] is not None and after is None and not _has_column(new, key)
        if after is None and before is not None and not column_gone:
            statements += spell.uncomment(before)
        elif after is not None and before is None:
            statements += new.dialect.comment(after)
        elif after is not None and before is not None and after.text != before.text:
            statements += spell.recomment(before, after)
    declarations = new.dialect.declarations(list(new.descriptions.values())) if statements else []
    return [step("descriptions", *declarations, *statements)]


def _has_column(schema: SqlSchema, key: tuple[str, str | None]) -> bool:
    table = next(t for t in schema.tables.values() if str(t.name) == key[0])
    return any(str(c.name) == key[1] for c in table.columns)


def _rows_differ(old: SqlSchema, new: SqlSchema, name: str) -> bool:
    return name in new.labels and old.tables[name].row_batches != new.tables[name].row_batches


def _refill(name: str, new: SqlSchema) -> Step:
    """A label table's rows come from the definitions alone: replaced whole."""
    table = new.tables[name]
    inserts = [
        "INSERT INTO {} ({}) VALUES\n{};".format(
            table.name, ", ".join(table.column_names), ",\n".join(f"    {row}" for row in batch)
        )
        for batch in table.row_batches
    ]
    return step(f"{name}: rows from the new definitions", f"DELETE FROM {table.name};", *inserts)
