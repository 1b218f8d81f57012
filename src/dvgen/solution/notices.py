"""What reading a solution says of what its folder lacks: a listed table without its Entity.xml,
a listed global choice without its OptionSets/ file, a custom lookup without its relationship,
a solution of no table at all. Each is a coded
warning at the line it concerns; none stops the run."""

from __future__ import annotations

from collections.abc import Collection

from dvgen.diagnostics import Diagnostics, Location, clip
from dvgen.model import ColumnType, Table
from dvgen.solution.entity import MAPPED, NOTED, EntityRead
from dvgen.solution.manifest import Manifest, other_components
from dvgen.solution.xml import Node

TABLE_ELEMENTS = (MAPPED - {"attributes"}) | {tag.lower() for tag in NOTED}
"""Elements dvgen reads as the table's properties inside ``<EntityInfo>/<entity>`` (its
attributes aside: each misplaced ``<attribute>`` has its own warning)."""


def warn_unlisted(
    manifest: Manifest,
    read: dict[str, EntityRead],
    linked: set[str],
    where: str,
    diagnostics: Diagnostics,
) -> None:
    """A table the manifest lists as a root component whose definition the folder lacks (an
    Entities/ folder left out of the repository, or a copy of part of it): every export writes
    one for each, so its columns are missing, not absent. When relationships of the solution
    name it (``linked``: its system relationships in Other/Relationships/BusinessUnit.xml, a
    lookup of another table to it), those are still read into a layer of their own, so the
    warning says that much rather than that the table is left out."""
    for logical in sorted(set(manifest.lines) - set(read)):
        if logical:
            diagnostics.warning(
                Location(where, manifest.lines[logical]),
                f"solution '{manifest.unique_name}' lists table '{logical}', but holds no "
                f"Entities/{logical}/Entity.xml (nor a customizations.xml entry) for it: "
                f"{_unlisted_outcome(logical in linked, manifest.behaviors.get(logical))}",
                code="solution-table-missing",
            )


def warn_unlisted_choices(
    manifest: Manifest, defined: Collection[str], where: str, diagnostics: Diagnostics
) -> None:
    """A global choice the manifest lists as a root component whose definition the folder
    lacks (``defined``: the names, lowercased, of the global choices it holds): every export
    writes ``OptionSets/<name>.xml`` (or a customizations.xml entry) for each, so the
    choice's options are missing, not absent, and the columns using it would say they accept
    any integer."""
    for name in sorted(set(manifest.choices) - set(defined)):
        diagnostics.warning(
            Location(where, manifest.choices[name]),
            f"solution '{manifest.unique_name}' lists global choice {clip(name)!r}, but "
            f"holds no OptionSets/{clip(name)}.xml (nor a customizations.xml entry) for it: "
            "the columns using it get no options from it (another spec of the set that "
            "defines it, if any, still gives them theirs)",
            code="solution-choice-missing",
        )


def _unlisted_outcome(linked: bool, behavior: str | None) -> str:
    """What becomes of a listed table whose Entity.xml the folder lacks. A table listed with
    behavior 1 or 2 is one the solution only customizes (Microsoft's ``account``, another
    solution's table): what it changes there is lost, but the table itself is whatever the
    rest of the set makes of it (``account.md`` beside the solution), not left out."""
    if linked:
        return "only the relationships the solution holds of it are read (its columns are missing)"
    if behavior in ("1", "2"):
        return (
            "what the solution changes in it is not read (the table is still built from the "
            "specs of the set that define it, if any)"
        )
    return "the table is left out"


def warn_untargeted(table: Table, entity: EntityRead, diagnostics: Diagnostics) -> None:
    """A lookup the solution adds whose table neither a relationship of the solution nor its
    ``<LookupTypes>`` names. Every export writes the relationship of a custom lookup (in
    Other/Relationships/ or customizations.xml), so a folder that lacks it (a file left out of
    the repository, an export cut short) would otherwise give a lookup to nothing: no foreign
    key, no navigation property, and nothing said."""
    for column in table.columns:
        if (
            column.type is ColumnType.LOOKUP
            and not column.targets
            and column.logical_name in entity.custom
        ):
            diagnostics.warning(
                column.loc,
                f"lookup {table.logical_name}.{column.logical_name}: no relationship of the "
                "solution names the table it refers to, nor does its <LookupTypes>: its "
                "target is unknown (no foreign key, no navigation property); add the "
                "relationship's file (Other/Relationships/) to the folder",
                code="solution-lookup-untargeted",
            )


NO_TABLES = "solution-without-tables"


def warn_no_tables(
    manifest: Manifest, where: str, custom_apis: int, diagnostics: Diagnostics
) -> None:
    """A solution of flows, web resources or apps only (common among the solutions kept on
    GitHub) defines no table and customizes none: nothing of it reaches a generated file, which
    the user pointing dvgen at it should hear rather than infer. Its ``custom_apis`` (the
    folders of ``customapis/``, which a manifest need not list) are named too: the folder is
    not empty, what it holds is not tables."""
    apis = ""
    if custom_apis:
        apis = f"; {custom_apis} custom API{'s' if custom_apis > 1 else ''} in customapis/"
    diagnostics.warning(
        Location(where, manifest.components_line),
        f"solution '{manifest.unique_name}' defines and customizes no table (its root "
        f"components: {other_components(manifest)}{apis}): nothing of it reaches the generated "
        "files",
        code=NO_TABLES,
    )


def warn_misplaced_table_elements(node: Node, where: Location, diagnostics: Diagnostics) -> None:
    """Table properties written as children of ``<Entity>`` instead of its
    ``<EntityInfo>/<entity>`` (a hand-written Entity.xml packed with ``pac solution pack``, a
    hand merge): the reader looks for them where every export writes them, so they are not
    read, and an alternate key among them would be lost without a word."""
    found = [child for child in node.children if child.key in TABLE_ELEMENTS]
    if not found:
        return
    names = ", ".join(f"<{clip(child.tag)}>" for child in found)
    name = node.value("Name") or ""
    diagnostics.warning(
        where.at(found[0].line),
        f"table {clip(name)!r}: {names} sit outside <EntityInfo>/<entity>, where an export "
        "writes a table's properties: not read",
        code="solution-table-element-misplaced",
    )


STRAY_RELATIONSHIPS = "solution-relationships-misplaced"


def warn_stray_relationships(paths: list[str], diagnostics: Diagnostics) -> None:
    """Relationship files in a ``Relationships/`` folder at the solution's root (a folder
    written by hand rather than unpacked): SolutionPackager and ``pac solution pack`` read
    relationships from ``Other/Relationships/`` only, so Dataverse would not have them either.
    Not read, and said so, rather than lookups silently losing their tables."""
    for path in paths:
        diagnostics.warning(
            Location(path),
            "a relationship file outside Other/Relationships/, where an unpacked solution keeps "
            "its relationships (and pac solution pack reads them): not read",
            code=STRAY_RELATIONSHIPS,
        )
