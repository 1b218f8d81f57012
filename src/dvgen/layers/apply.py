"""Layers: what extension pages, solutions and YAML customizations change in tables (and global
choices) defined elsewhere in the set, applied in one documented order (docs/customizations.md).

The order: each table's base definition (a reference page, a YAML table spec, a solution's
custom table); then every table layer by (kind, rank, file, line): extension pages, solutions
in dependency order, YAML customizations by file name; then the global-choice layers in the
same order, so that they reach every column any layer added. Sorting by place, never by the
order files were read, makes the result the same for any file order and hash seed. How one
layer meets what earlier ones set is ``merge``'s; one table's assembly ``table``'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from dvgen.dataverse_tables import DYNAMICS_365_PAGES, KNOWN_TABLES
from dvgen.diagnostics import Diagnostics
from dvgen.layers.choices import apply_choice_layers
from dvgen.layers.merge import Tracker, fill_unknowns, layer_order
from dvgen.layers.relationships import KINDS
from dvgen.layers.table import Assembly
from dvgen.lookups import suggestion
from dvgen.model import (
    ChoiceExtension,
    LayerKind,
    OneToManyRelationship,
    Relationships,
    Removal,
    Table,
    TableExtension,
)
from dvgen.parse.keys import key_problem

__all__ = ["apply_layers", "fill_unknowns", "reference_page"]

SOLUTION_BASE_MISSING = "solution-base-missing"


def apply_layers(
    tables: list[Table],
    layers: Iterable[TableExtension | ChoiceExtension],
    diagnostics: Diagnostics,
    missing_base: str = "shell",
) -> list[Table]:
    """The tables with every layer applied, sorted by logical name; a table no spec defines
    but a solution's shell is added (``missing_base == "shell"``)."""
    layers = sorted(layers, key=layer_order)
    tracker = Tracker(diagnostics)
    by_name = {table.logical_name: table for table in tables}
    assemblies: dict[str, Assembly] = {}
    for layer in (item for item in layers if isinstance(item, TableExtension)):
        assembly = assemblies.get(layer.logical_name)
        if assembly is None:
            assembly = _assembly(layer, by_name, tracker, missing_base)
            if assembly is None:
                continue
            assemblies[layer.logical_name] = assembly
        assembly.apply(layer)
    layered = tracker.layered()
    by_name.update((name, a.build(layered.get(name, ()))) for name, a in assemblies.items())
    choices = [layer for layer in layers if isinstance(layer, ChoiceExtension)]
    removed = {name for a in assemblies.values() for name in a.removed_relationships}
    built = {name: _without(table, removed) for name, table in by_name.items()}
    built = apply_choice_layers(built, choices, tracker)
    _check_removed_columns(built, assemblies.values(), diagnostics)
    return [built[name] for name in sorted(built)]


def _assembly(
    layer: TableExtension, tables: dict[str, Table], tracker: Tracker, missing_base: str
) -> Assembly | None:
    """The assembly of the table ``layer`` changes: from its base, else from the layer's shell
    (a solution's, by default), else None with a diagnostic saying what to add."""
    base = tables.get(layer.logical_name)
    if base is not None:
        return Assembly(base, tracker, others=tables)
    diagnostics = tracker.diagnostics
    name = layer.logical_name
    if layer.kind is LayerKind.EXTENSION_PAGE:
        diagnostics.warning(
            layer.loc,
            f"this page lists only the changes {layer.solution or 'an app'} makes to "
            f"table {name!r}, and no spec defines that table: add its reference page to apply "
            "them; the page is skipped",
            "extension-without-table",
        )
        return None
    if layer.kind is LayerKind.CUSTOMIZATION:
        diagnostics.error(
            layer.loc,
            f"customizes table {name!r}, which no spec of the set defines: "
            + _what_to_add(name, tables),
        )
        return None
    return _from_shell(layer, tables, tracker, missing_base)


def _from_shell(
    layer: TableExtension, tables: dict[str, Table], tracker: Tracker, missing_base: str
) -> Assembly | None:
    """A solution's standard table without its base: built from the solution's shell (setting
    ``missing-base``: ``"shell"``, the default, or ``"skip"``), with a warning either way."""
    name = layer.logical_name
    solution = f"solution {layer.solution!r}" if layer.solution else "a solution"
    shell = layer.shell if missing_base == "shell" else None
    if shell is None:
        why = f'missing-base = "{missing_base}"' if layer.shell else "it holds no definition of it"
        outcome = f"its changes to it are skipped ({why})"
    else:
        count = len(shell.columns)
        outcome = (
            "the table is built from what the solution holds of it "
            f"({count} column{'' if count == 1 else 's'})"
        )
    if layer.created:
        # The solution's own table whose Entity.xml the folder lacks: nothing else defines it.
        what = (
            f"{solution} creates table {name!r} (a root component of its manifest) but holds "
            "only relationships of it, and no spec of the set defines it"
        )
        schema = layer.shell.schema_name if layer.shell else name
        add = f"add its Entities/{schema}/Entity.xml to the solution folder, or a spec defining it"
    else:
        what = f"{solution} customizes table {name!r}, which no spec of the set defines"
        add = _what_to_add(name, tables, slip=False)
    tracker.diagnostics.warning(layer.loc, f"{what}: {outcome}; {add}", SOLUTION_BASE_MISSING)
    if shell is None:
        return None
    return Assembly(_with_known_keys(shell), tracker, from_shell=True, others=tables)


def _with_known_keys(shell: Table) -> Table:
    """The shell without the keys naming a column it lacks (a solution's key on Microsoft's
    ``contact.emailaddress1``, a column the shell does not hold): the layer's own copy of each
    is said to be left out as it applies (``solution-key-column-unknown``), so the table built
    from the shell must not keep it either."""
    keys = tuple(
        key
        for key in shell.keys
        if key_problem(key, shell.logical_name, shell.columns_by_name, shell.table_type) is None
    )
    return shell if len(keys) == len(shell.keys) else dataclasses.replace(shell, keys=keys)


def reference_page(name: str) -> str:
    """Where Microsoft publishes the reference page of a standard table: Dataverse's own in
    powerapps-docs, the tables of Dynamics 365's apps (``incident``, ``msdyn_workorder``) in
    dynamics-365-customer-engagement."""
    if name.startswith("msdyn_"):
        return f"MicrosoftDocs/dynamics-365-customer-engagement, ce/developer/entities/{name}.md"
    if name in DYNAMICS_365_PAGES:
        return (
            "MicrosoftDocs/dynamics-365-customer-engagement, "
            f"ce/developer/reference/entities/{name}.md"
        )
    return (
        "MicrosoftDocs/powerapps-docs, "
        f"powerapps-docs/developer/data-platform/reference/entities/{name}.md"
    )


def _what_to_add(name: str, tables: dict[str, Table], slip: bool = True) -> str:
    """What to add to the specs folder for table ``name``: its reference page when dvgen knows
    it, else a spec, with the closest name of the set or of Dataverse when the name may be a
    ``slip`` of the hand (a hand-written customization's). A solution's export names a table
    its environment has (``msdyn_projectrisk``, of Project Operations' patch, which no page
    documents: Jugalchoubisa32ue8eh/DemoTeam), so a close ``msdyn_projecttask`` is no hint."""
    if name in KNOWN_TABLES:
        return f"add {name}.md from {reference_page(name)} to the specs folder"
    close = suggestion(name, tables) if slip else None
    hint = f"did you mean {close!r}? " if close and close != name else ""
    return f"{hint}add a spec that defines it (a YAML table spec, say)"


def _check_removed_columns(
    tables: dict[str, Table], assemblies: Iterable[Assembly], diagnostics: Diagnostics
) -> None:
    """A removed column that a relationship of the set still uses is an error at the
    removal, naming the relationship: the relationship would point at nothing."""
    removed: dict[tuple[str | None, str | None], Removal] = {
        (assembly.name, column): removal
        for assembly in assemblies
        for column, removal in assembly.removed_columns.items()
    }
    if not removed:
        return
    for table in tables.values():
        for relationship, used in _columns_used(table):
            removal = removed.get(used)
            if removal is not None:
                diagnostics.error(
                    removal.loc,
                    f"removes column {used[1]!r} of table {used[0]!r}, but relationship "
                    f"{relationship.schema_name!r} ({relationship.loc}) still uses it: "
                    "remove the relationship too ('remove: relationships:')",
                )


def _columns_used(
    table: Table,
) -> Iterator[tuple[OneToManyRelationship, tuple[str | None, str | None]]]:
    rel = table.relationships
    for item in (*rel.many_to_one, *rel.one_to_many):
        yield item, (item.referencing_entity, item.referencing_attribute)
        yield item, (item.referenced_entity, item.referenced_attribute)


def _without(table: Table, removed: set[str]) -> Table:
    """``table`` without the removed relationships: removed on one table, a relationship is
    gone from the other too, lest the other side bring it back."""
    if not removed:
        return table
    rel = table.relationships
    kept = {
        kind: tuple(r for r in getattr(rel, kind) if r.schema_name.lower() not in removed)
        for kind in KINDS
    }
    if all(len(kept[kind]) == len(getattr(rel, kind)) for kind in KINDS):
        return table
    return dataclasses.replace(table, relationships=Relationships(**kept))
