"""One table being assembled from its base definition and its layers, one layer at a time."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from typing import Any

from dvgen.companions import companions
from dvgen.diagnostics import Diagnostics, Location
from dvgen.layers.keys import add_key
from dvgen.layers.merge import (
    BASE,
    Key,
    Origin,
    Tracker,
    as_added,
    fill_unknowns,
    in_listed_order,
    position_of,
)
from dvgen.layers.relationships import KINDS, add_relationships, remove_relationship
from dvgen.model import (
    INFERRED,
    NOWHERE,
    Choice,
    Column,
    ColumnChange,
    ColumnType,
    LayerKind,
    OneToManyRelationship,
    OptionRemoval,
    Relationships,
    Removal,
    Table,
    TableExtension,
    TableType,
)
from dvgen.optionlinks import option_relationships
from dvgen.parse import authoring, statuses
from dvgen.parse.statuses import STATELESS
from dvgen.platformlinks import platform_links
from dvgen.regarding import REFUSED, refusal
from dvgen.systemcolumns import FILE_ATTACHMENT, file_relationship, notes_relationship

_STORED = (None, TableType.STANDARD)
"""The table types whose rows Dataverse stores itself: those that get an added column's
companions."""


class Assembly:
    """A table's columns and relationships by name, with what layers removed (checked once
    every layer has applied: a later layer may remove what still uses a removed column)."""

    def __init__(
        self,
        table: Table,
        tracker: Tracker,
        from_shell: bool = False,
        others: dict[str, Table] | None = None,
    ) -> None:
        self.table = table
        self.tracker = tracker
        self.diagnostics: Diagnostics = tracker.diagnostics
        self.from_shell = from_shell
        self.others = others or {}
        """The set's tables (as parsed), for the relationships with this table that only
        other tables declare: resolution adds them to this table, so it may remove them."""
        self.columns = {column.logical_name: column for column in table.columns}
        rel = table.relationships
        self.relationships: dict[str, dict[str, Any]] = {
            kind: {r.schema_name.lower(): r for r in getattr(rel, kind)} for kind in KINDS
        }
        self.messages = list(table.messages)
        self.events = list(table.events)
        self.keys = {key.logical_name: key for key in table.keys}
        self.removed_columns: dict[str, Removal] = {}
        self.removed_relationships: dict[str, Removal] = {}

    @property
    def name(self) -> str:
        return self.table.logical_name

    def build(self, layered: Sequence[tuple[Key, Origin]] = ()) -> Table:
        """The table as the layers left it; ``layered``: what they set in it
        (``Tracker.layered``), for ``Table.origins``."""
        return dataclasses.replace(
            self.table,
            columns=tuple(self.columns.values()),
            messages=tuple(self.messages),
            events=tuple(self.events),
            keys=tuple(self.keys.values()),
            relationships=Relationships(
                **{kind: tuple(self.relationships[kind].values()) for kind in KINDS}
            ),
            origins=self._origins(layered),
        )

    def _origins(self, layered: Sequence[tuple[Key, Origin]]) -> tuple[tuple[str, Location], ...]:
        """What the layers set in this table, by part (``Table.origins``)."""
        kinds = {schema: kind for kind in KINDS for schema in self.relationships[kind]}
        found = dict(self.table.origins)
        for key, origin in layered:
            path = _part(key, kinds)
            if path is not None:
                found[path] = origin.loc
        return tuple(sorted(found.items()))

    def apply(self, layer: TableExtension) -> None:
        """The table's labels and activities first, then removals (so a layer may remove a
        column and define it anew), added columns, changes, option removals, relationships,
        alternate keys, messages and events. A layer enables activities, and none disables
        them (Dataverse cannot)."""
        if self.from_shell and layer.shell is not None:
            self._fill_from_shell(layer.shell)
        for facet, value in layer.table_changes:
            self._change_table(facet, value, layer)
        if layer.has_activities and not self.table.has_activities:
            self._enable_activities(layer)
        for removal in layer.removed_columns:
            self._remove_column(removal, layer)
        for removal in layer.removed_relationships:
            remove_relationship(self, removal)
        for column in (*layer.columns, *self._supports(layer)):
            self._add_column(column, layer)
        for change in layer.column_changes:
            self._change(change, layer)
        if not self.from_shell and layer.kind is LayerKind.SOLUTION and layer.shell is not None:
            self._listed_in_shell(layer.shell)
        for option in layer.removed_options:
            self._remove_option(option, layer)
        add_relationships(self, layer)
        self._attach_files(layer)
        if layer.has_notes:
            self._enable_notes(layer)
        if self.from_shell:
            self._link_platform(layer)
        for key in layer.keys:
            add_key(self, key, layer)
        known = {message.name for message in self.messages}
        self.messages += [m for m in layer.messages if m.name not in known]
        known = {event.name for event in self.events}
        self.events += [e for e in layer.events if e.name not in known]

    def _enable_activities(self, layer: TableExtension) -> None:
        """The table enabled for activities by ``layer``, unless Dataverse cannot enable it
        (an activity, an elastic table: ``regarding.refusal``): an error then at the
        customization's ``has_activities``, a warning for a solution's word, which is not
        followed (as for a table a solution defines: ``regarding``)."""
        reason = refusal(self.table.primary_id_attribute, self.table.table_type)
        if reason is None:
            self.table = dataclasses.replace(self.table, has_activities=True)
            return
        where = layer.has_activities_loc if layer.has_activities_loc != NOWHERE else layer.loc
        message = f"enables table {self.name!r} for activities, but {reason}"
        if layer.kind is LayerKind.CUSTOMIZATION:
            self.diagnostics.error(where, message)
        else:
            self.diagnostics.warning(where, f"{message}: read as not", REFUSED)

    def _enable_notes(self, layer: TableExtension) -> None:
        """The table related to its notes, as Dataverse relates a table enabled for notes
        (``systemcolumns.notes_relationship``), unless the base or a layer relates them already:
        a shell's ``<HasRelatedNotes>True`` on a table no page of the set describes, or a table
        its page leaves without notes; located at the layer, not said to be the solution's: the
        export does not say whether it enabled notes or found them enabled."""
        notes = notes_relationship(self._related(), layer.loc)
        self._relate([] if notes is None else [notes], layer)

    def _link_platform(self, layer: TableExtension) -> None:
        """A table built from a shell, a solution made (its publisher's prefix: Project
        Operations' ``msdyn_estimateline``, a portal's ``adx_invitation``), with the six
        relationships Dataverse's own tables have to every such table
        (``dvgen.platformlinks``), which its page would list (Microsoft's EntityType of
        ``msdyn_estimateline`` has ``msdyn_estimateline_AsyncOperations``...), and those of
        the options the shell states on (``dvgen.optionlinks``: Microsoft's ``adx_invitation``
        has ``adx_invitation_connections1`` and ``adx_invitation_DuplicateBaseRecord``...,
        its export both options); not one of the platform, which names its own otherwise
        (``Account_AsyncOperations``)."""
        if "_" in self.name:
            self._relate(platform_links(self._related(), layer.loc), layer)
            at = dataclasses.replace(self._related(), loc=layer.loc)
            self._relate(option_relationships(at, layer.options), layer)

    def _attach_files(self, layer: TableExtension) -> None:
        """Each File column a customization or a solution adds with the relationship Dataverse
        makes for it (``systemcolumns.file_relationship``: ``FileAttachment_<table>_<column>``),
        unless one of that name or column relates it already (an export's
        ``FileAttachment.xml``), located at the column: as a File column of a table written by
        hand or a solution's own table has it. None from a page (which lists what its solution
        made) nor on a virtual or elastic table (as ``_supports``)."""
        if layer.kind is LayerKind.EXTENSION_PAGE or self.table.table_type not in _STORED:
            return
        known = self.relationships["many_to_one"]
        used = {item.referencing_attribute for item in known.values()}
        for column in layer.columns:
            if column.type is not ColumnType.FILE or column.logical_name in used:
                continue
            item = dataclasses.replace(file_relationship(self.table, column), loc=column.loc)
            name = item.schema_name.lower()
            if name not in known:
                known[name] = as_added(item, layer)
                key: Key = ("relationship", self.name, item.schema_name)
                self.tracker.origins[key] = Origin(position_of(layer), column.loc)

    def _related(self) -> Table:
        """The table with the one-to-many relationships the layers have left it so far."""
        one_to_many = tuple(self.relationships["one_to_many"].values())
        return dataclasses.replace(self.table, relationships=Relationships(one_to_many=one_to_many))

    def _relate(self, made: list[OneToManyRelationship], layer: TableExtension) -> None:
        """``made`` (what Dataverse relates to the table itself) added, located at ``layer``,
        not said to be its solution's."""
        for relationship in made:
            self.relationships["one_to_many"][relationship.schema_name.lower()] = relationship
            key: Key = ("relationship", self.name, relationship.schema_name)
            self.tracker.origins[key] = Origin(position_of(layer), layer.loc)

    def _supports(self, layer: TableExtension) -> tuple[Column, ...]:
        """The columns Dataverse creates beside each image, file and rollup column a
        customization or a solution adds (``dvgen.companions``: ``<image>id``, ``<file>_name``,
        ``<rollup>_date``...), which no export lists, that neither the table nor the layer has:
        on Microsoft's ``contact`` as on a table written by hand. None on a virtual or elastic
        table (whose columns are its provider's, or another set, as ``dvgen.systemcolumns``
        leaves them), nor from a page, which lists what its solution added."""
        if layer.kind is LayerKind.EXTENSION_PAGE or self.table.table_type not in _STORED:
            return ()
        have = {*self.columns, *(c.logical_name for c in layer.columns)}
        have.update(change.logical_name for change in layer.column_changes)
        return tuple(c for c in companions(layer.columns) if c.logical_name not in have)

    def _change_table(self, facet: str, value: str, layer: TableExtension) -> None:
        """One of the table's labels as the layer states it, checked against the layers of
        the same rank that set it (the base's, from the table's own spec, any layer changes)."""
        key: Key = ("table", self.name)
        at = Origin(position_of(layer), layer.loc)
        fallback = self.tracker.origin(key, Origin(BASE, self.table.loc))
        mine = getattr(self.table, facet)
        what = f"table {self.name!r}: {facet}"
        if self.tracker.settle((*key, facet), at, fallback, what, (mine, value)):
            changed: dict[str, Any] = {facet: value}
            self.table = dataclasses.replace(self.table, **changed)

    def _listed_in_shell(self, shell: Table) -> None:
        """The columns a solution's shell lists unmodified (``unmodified="1"``: neither added
        nor changed) that the base lacks: the export shows the org has them, as for a column
        it restates (``_existing``), a page being older than the org or of another product
        (Field Service's ``msdyn_PreferredResource`` on ``account``, tc-ca/ROM-GSR's shell).
        Not the key a shell is given by Dataverse's naming rule."""
        for column in shell.columns:
            if column.logical_name not in self.columns and INFERRED not in column.extra:
                self.columns[column.logical_name] = column

    def _fill_from_shell(self, shell: Table) -> None:
        """A table built from one solution's shell takes the standard columns another
        solution's shell knows and it does not: shells never conflict, they only inform."""
        for column in shell.columns:
            self.columns.setdefault(column.logical_name, column)

    def _key(self, column: Column) -> Key:
        """The key of ``column``, its origin known (a base column's: where the base has it)."""
        key: Key = ("column", self.name, column.logical_name)
        self.tracker.origins.setdefault(key, Origin(BASE, column.loc))
        return key

    def _add_column(self, new: Column, layer: TableExtension) -> None:
        present = self.columns.get(new.logical_name)
        at = Origin(position_of(layer), new.loc)
        if present is None:
            self.columns[new.logical_name] = as_added(new, layer)
            self.tracker.origins[("column", self.name, new.logical_name)] = at
            return
        if layer.kind is LayerKind.EXTENSION_PAGE:
            self.columns[new.logical_name] = fill_unknowns(present, new)
            return
        adding = "list it under 'changes:'" if layer.kind is LayerKind.CUSTOMIZATION else None
        key = self._key(present)
        merged = self.tracker.merge_record(key, present, new, at, adding)
        choices = self.tracker.add_options(
            key, merged.choices, new.choices, at, strict=adding is not None
        )
        if layer.kind is LayerKind.SOLUTION and new.choices:
            choices = in_listed_order(choices, (c.value for c in new.choices))
        targets = tuple(dict.fromkeys((*merged.targets, *new.targets)))
        self.columns[new.logical_name] = dataclasses.replace(
            merged, choices=choices, targets=targets
        )

    def _change(self, change: ColumnChange, layer: TableExtension) -> None:
        column = self._existing(change.logical_name, change.loc, "changes", layer)
        if column is None:
            return
        if layer.kind is LayerKind.EXTENSION_PAGE:
            self._change_from_page(column, change, layer)
            return
        options = (
            change.relabeled
            or change.foreign_choices
            or any(facet == "choices" for facet, _ in change.changes)
        )
        if options and self._options_refused(column, change.loc, layer):
            return
        if layer.kind is LayerKind.CUSTOMIZATION and self._beyond_limits(column, change):
            return
        key = self._key(column)
        at = Origin(position_of(layer), change.loc)
        fallback = self.tracker.origin(key, Origin(BASE, column.loc))
        updates: dict[str, Any] = {}
        for facet, value in change.changes:
            if facet == "choices":
                strict = layer.kind is LayerKind.CUSTOMIZATION
                updates[facet] = self.tracker.add_options(
                    key, column.choices, value, at, strict, change.choices_at
                )
            elif facet == "targets":
                updates[facet] = tuple(dict.fromkeys((*column.targets, *value)))
            elif facet == "extra":
                updates[facet] = (*column.extra, *value)
            else:
                what = f"column {column.logical_name!r} of table {self.name!r}: {facet}"
                mine = getattr(column, facet)
                if self.tracker.settle((*key, facet), at, fallback, what, (mine, value)):
                    updates[facet] = value
        column = dataclasses.replace(column, **updates)
        if change.relabeled:
            relabeled = self.tracker.relabel(
                key, column.choices, change.relabeled, at, change.relabeled_at
            )
            column = dataclasses.replace(column, choices=relabeled)
        column = self._foreign_added(column, change, key, at)
        if layer.kind is LayerKind.SOLUTION:  # it states the choice whole
            column = _in_solution_order(column, change)
        self.columns[column.logical_name] = column

    def _foreign_added(self, column: Column, change: ColumnChange, key: Key, at: Origin) -> Column:
        """``column`` with the options a solution lists labelled only in another language that
        it lacks (``Tracker.add_foreign``); ``_in_solution_order`` places them."""
        added = self.tracker.add_foreign(key, column.choices, change.foreign_choices, at)
        if not added:
            return column
        return dataclasses.replace(column, choices=(*column.choices, *added))

    def _beyond_limits(self, column: Column, change: ColumnChange) -> bool:
        """Whether a customization sets a facet beyond what Dataverse accepts for the column's
        type (a String of 5,000 characters): errors, as for a column it adds
        (``parse.authoring``), checked here, where the type is known."""
        facets = dict(change.changes)
        options = [c.value for c in (*column.choices, *facets.get("choices", ()))]
        found = authoring.changed(column.type.value, column.logical_name, facets, options)
        for message in found:
            self.diagnostics.error(change.loc, f"changes: {message}")
        if column.type is ColumnType.STATUS:
            states = [
                option.value
                for c in self.columns.values()
                if c.type is ColumnType.STATE
                for option in c.choices
            ]
            for choice in facets.get("choices", ()):
                if choice.state is None:
                    message = statuses.stateless(column.logical_name, choice.value, states)
                    self.diagnostics.warning(change.loc, f"changes: {message}", STATELESS)
                elif states and choice.state not in states:  # as for a table's (``statuses``)
                    message = statuses.foreign_state(
                        column.logical_name, choice.value, choice.state, states
                    )
                    self.diagnostics.error(change.loc, f"changes: {message}")
                    found.append(message)
        return bool(found)

    def _change_from_page(
        self, column: Column, change: ColumnChange, layer: TableExtension
    ) -> None:
        """An extension page's change: its values win (``_change_column``), each recorded as
        set there, for ``dvgen show --sources``."""
        self.columns[column.logical_name] = _change_column(column, change)
        key, at = self._key(column), Origin(position_of(layer), change.loc)
        for facet, value in change.changes:
            if facet == "choices":
                self.tracker.origins.update(((*key, "choice", c.value), at) for c in value)
            else:
                self.tracker.origins[(*key, facet)] = at

    def _options_refused(self, column: Column, where: Location, layer: TableExtension) -> bool:
        """Whether a change of ``column``'s options is refused: a column that is no choice has
        none, and a customization changes a global choice's options for every column using
        it, with ``customizes_choice:`` (changed on one column, the columns would differ)."""
        if not column.type.has_options:
            self.diagnostics.error(
                where,
                f"changes the options of column {column.logical_name!r} of table "
                f"{self.name!r}, {_article(column.type)} {column.type} column, which has none",
            )
            return True
        if not (column.global_choice_name and layer.kind is LayerKind.CUSTOMIZATION):
            return False
        self.diagnostics.error(
            where,
            f"column {column.logical_name!r} of table {self.name!r} uses global choice "
            f"{column.global_choice_name!r}: change its options in a spec of their own "
            f"('customizes_choice: {column.global_choice_name}'), for every column using it",
        )
        return True

    def _existing(
        self, name: str, where: Location, verb: str, layer: TableExtension
    ) -> Column | None:
        """The column ``name``, or None with a diagnostic: an error for a customization,
        today's warning for an extension page. A solution restates a standard column the base
        may not list (a page older than the org): the column comes from the solution's shell,
        or, absent there too, the change is skipped with a warning."""
        column = self.columns.get(name)
        if column is not None:
            return column
        known = layer.shell.column(name) if layer.shell is not None else None
        if layer.kind is LayerKind.SOLUTION and known is not None:
            self.columns[name] = known  # as a base column: the layer's changes then apply
            return known
        if layer.kind is LayerKind.SOLUTION:
            self.diagnostics.warning(
                where,
                f"{verb} column {name!r}, which table {self.name!r} does not have: not applied",
                "layer-column-unknown",
            )
            return None
        if layer.kind is LayerKind.EXTENSION_PAGE:
            self.diagnostics.warning(
                where,
                f"column {name!r} is not a column of table {self.name!r}; its changes are not "
                "applied",
                "extension-column-unknown",
            )
            return None
        removed = self.removed_columns.get(name)
        close = difflib.get_close_matches(name, sorted(self.columns), n=1)
        hint = (
            f" (removed at {removed.loc})"
            if removed
            else f" (did you mean {close[0]!r}?)"
            if close
            else ""
        )
        self.diagnostics.error(
            where, f"{verb} column {name!r}, which table {self.name!r} does not have{hint}"
        )
        return None

    def _remove_column(self, removal: Removal, layer: TableExtension) -> None:
        if self._existing(removal.name, removal.loc, "removes", layer) is None:
            return
        primary = {self.table.primary_id_attribute: "id", self.table.primary_name_attribute: "name"}
        if removal.name in primary:
            self.diagnostics.error(
                removal.loc,
                f"removes column {removal.name!r}, the primary {primary[removal.name]} column "
                f"of table {self.name!r}: a table cannot lose it",
            )
            return
        doomed = [removal.name]
        while doomed:
            name = doomed.pop()
            gone = self.columns.pop(name)
            self.removed_columns[name] = removal
            self.tracker.forget(("column", self.name, name))
            doomed += [n for n in self._beside(gone) if n not in doomed]
            if gone.type is ColumnType.FILE:
                self._remove_file_relationship(name, removal)

    def _remove_file_relationship(self, column: str, removal: Removal) -> None:
        """A File column's relationship to the ``fileattachment`` row holding its file
        (``FileAttachment_<table>_<column>``) goes with it: Dataverse makes it with the column,
        not customizable, and deletes it with the column; no layer can remove it apart."""
        known = self.relationships["many_to_one"]
        for key, item in list(known.items()):
            if item.referenced_entity == FILE_ATTACHMENT and item.referencing_attribute == column:
                del known[key]
                self.removed_relationships[key] = removal

    def _beside(self, column: Column) -> list[str]:
        """The columns of the table that go with ``column``: those an attribute of it (a
        lookup's ``...name``), and the columns Dataverse made beside an image, a file or a
        rollup column (``dvgen.companions``: ``<image>_url``...), which exist with it only."""
        name = column.logical_name
        found = [c.logical_name for c in self.columns.values() if c.attribute_of == name]
        found += [c.logical_name for c in companions((column,)) if c.logical_name in self.columns]
        return list(dict.fromkeys(found))

    def _remove_option(self, option: OptionRemoval, layer: TableExtension) -> None:
        column = self._existing(option.column or "", option.loc, "removes an option of", layer)
        if column is None or self._options_refused(column, option.loc, layer):
            return
        kept = tuple(c for c in column.choices if c.value != option.value)
        if len(kept) == len(column.choices):
            values = ", ".join(str(c.value) for c in column.choices) or "none"
            self.diagnostics.error(
                option.loc,
                f"removes option {option.value} of column {column.logical_name!r} of table "
                f"{self.name!r}, which it does not have (its values: {values})",
            )
            return
        self.columns[column.logical_name] = dataclasses.replace(column, choices=kept)


def _part(key: Key, kinds: dict[str, str]) -> str | None:
    """The name ``dvgen show --sources`` gives the part a tracker key names:
    ``("column", table, name, facet)`` -> ``columns.<name>.<facet>``; None for a key of
    nothing shown (a relationship no longer in the table)."""
    what, _, *rest = key
    if what == "table":
        return ".".join(map(str, rest))
    if what == "column":
        name, *inner = rest
        if inner[:1] == ["choice"]:
            inner = ["choices", *inner[1:]]
        return ".".join(map(str, ["columns", name, *inner]))
    if what == "key":
        return ".".join(map(str, ["keys", *rest]))
    if what == "relationship":
        schema, *inner = rest
        kind = kinds.get(str(schema).lower())
        return None if kind is None else ".".join(map(str, ["relationships", kind, schema, *inner]))
    return None


def _change_column(column: Column, change: ColumnChange) -> Column:
    """An extension page's change, as dvgen has always applied it: the page's value wins."""
    updates: dict[str, Any] = {}
    for name, value in change.changes:
        if name == "targets":
            updates[name] = tuple(dict.fromkeys((*column.targets, *value)))
        elif name == "choices":
            updates[name] = _merge_choices(column.choices, value)
        elif name == "extra":
            updates[name] = (*column.extra, *value)
        else:
            updates[name] = value
    return dataclasses.replace(column, **updates)


def _merge_choices(base: tuple[Choice, ...], added: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """The page's options over the base's; what a re-listed option leaves unsaid (an empty
    label, ``|1|****|`` on Sales pages; no description) is the base's, not erased."""
    merged = {choice.value: choice for choice in base}
    for choice in added:
        known = merged.get(choice.value)
        merged[choice.value] = choice if known is None else _restated(choice, known)
    return tuple(merged.values())


def _restated(choice: Choice, known: Choice) -> Choice:
    filled = fill_unknowns(choice, known)
    return filled if filled.label else dataclasses.replace(filled, label=known.label)


def _article(word: str) -> str:
    return "an" if word[:1] in "AEIOU" else "a"


def _in_solution_order(column: Column, change: ColumnChange) -> Column:
    """``column``'s options in the order a solution lists them, the org's: every option it
    lists (``ColumnChange.choices_order``, those labelled only in another language included: a
    French org's restated choice read in English), else those of its ``choices`` change; a
    column whose options it does not restate as it was."""
    listed = change.choices_order or tuple(
        choice.value for facet, value in change.changes if facet == "choices" for choice in value
    )
    if not listed:
        return column
    return dataclasses.replace(column, choices=in_listed_order(column.choices, listed))
