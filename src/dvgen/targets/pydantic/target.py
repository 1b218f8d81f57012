"""The ``pydantic`` target: an importable package of pydantic v2 models, one per table.

``OUT/pydantic/<pydantic-package>/`` holds:

- ``<table>.py`` per table: its model (a ``DataverseModel``) and its local choice enums;
- ``choices.py``: the enums of global choices, generated once for every table using them;
- ``_base.py``: ``DataverseModel`` (``populate_by_name``, extra members such as
  ``@odata.etag`` kept; with ``properties = "closed"``, OData annotations alone), ``Choice``
  (an IntEnum whose members carry their ``label``), ``BooleanManagedProperty`` and the
  markers (``JsonNumber``, ``CommaSeparated``, ``PrimaryKey``...);
- ``__init__.py``, offering every model by name but importing each only on first use
  (PEP 562 ``__getattr__``; type checkers read its ``if TYPE_CHECKING:`` imports), so a
  program using one table of a thousand loads one module and the ones it refers to;
- ``py.typed``.

A model reads a record as the Web API carries it (field aliases are the Web API property
names) and ``model_dump(by_alias=True, mode="json")`` writes it back the same. Its fields follow
the JSON Schema target's decisions: every field may be absent (a create or update body holds
no primary key); every field may be null (an aggregate row's key too). The code is
black-formatted as generated (no formatter runs), passes ``mypy --strict`` with the pydantic
plugin, and importing it runs nothing but class definitions. Text from specs only ever appears
in string literals (``escape.python_literal``, ``escape.python_docstring``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from dvgen.diagnostics import Diagnostics, Location
from dvgen.escape import python_literal
from dvgen.fragments import fragments
from dvgen.model import Table, TableSet
from dvgen.render import template
from dvgen.targets import Target
from dvgen.targets.jsonschema.closed import not_bind
from dvgen.targets.pydantic.enums import LINE_LENGTH, EnumClass, EnumPlan, class_statement
from dvgen.targets.pydantic.fields import BASE, FieldBuilder, FieldContext, Import
from dvgen.targets.pydantic.names import KEYWORDS, ClassName, ModuleName, Namespace
from dvgen.targets.pydantic.navs import navigation_fields, reserve
from dvgen.targets.pydantic.states import status_reasons
from dvgen.targets.tablekeys import kept_text, navigation_inputs, table_inputs
from dvgen.webapi.facets import OPTION_KINDS, SINCE_1753, OptionSets
from dvgen.webapi.inherited import inherited_members
from dvgen.webapi.properties import api_properties

PACKAGE_SETTING = Location("[tool.dvgen] pydantic-package")
TEMPLATES = ("model", "choices", "_base", "__init__")
THIRD_PARTY = frozenset({"pydantic", "pydantic_core"})


@dataclass(frozen=True, slots=True)
class ModelContext:
    name: str
    doc: str
    title: str
    fields: list[FieldContext]
    status_reasons: tuple[str, ...] = ()
    """The lines of its ``status_reasons = StatusReasons(...)`` (``states``), if it has one."""
    inherited: tuple[str, ...] = ()
    """The lines of its ``inherited_members`` (``properties = "closed"``: an activity's
    members inherited from ``activitypointer``, ``webapi.inherited``), if it has any."""

    @property
    def statement(self) -> str:
        return class_statement(self.name, "DataverseModel")


@dataclass(slots=True)
class ModuleContext:
    doc: str
    imports: list[str] = field(default_factory=list)
    """Import statements, grouped: an empty string separates groups."""
    enums: list[EnumClass] = field(default_factory=list)
    model: ModelContext | None = None
    exports: list[str] = field(default_factory=list)
    checked_imports: list[str] = field(default_factory=list)
    """Imports for type checkers only (``if TYPE_CHECKING:``), indented for that block: models
    of other modules, which may import this one."""
    lazy: list[tuple[str, str]] = field(default_factory=list)
    """``__init__``: (model, module) of each model, imported on first use."""


@dataclass(frozen=True, slots=True, order=True)
class Export:
    module: str
    name: str


def package_name(text: str, diagnostics: Diagnostics) -> str | None:
    """The package's import name: a Python identifier, not a keyword."""
    if not text.isidentifier() or not text.isascii() or text in KEYWORDS:
        diagnostics.error(PACKAGE_SETTING, f"{text!r} is not a valid Python package name")
        return None
    return text


class PydanticTarget(Target):
    name = "pydantic"
    folder = "pydantic"
    patterns = ("*/*.py", "*/py.typed")
    weight = 0.71
    kept_weight = 0.18

    def check_settings(self, diagnostics: Diagnostics) -> None:
        package_name(self.config.pydantic_package, diagnostics)

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        package = package_name(self.config.pydantic_package, diagnostics)
        if package is None:
            return {}
        render = {
            name: template(f"pydantic/{name}.py.jinja", self.config.templates) for name in TEMPLATES
        }
        plan = PackagePlan(tables, diagnostics, self.config.choices, self.config.properties)
        files = {
            f"{package}/_base.py": render["_base"](
                open_choices=self.config.choices == "open",
                closed_properties=self.config.properties == "closed",
                since_1753=SINCE_1753,
                not_bind=not_bind(),
            ),
            f"{package}/choices.py": render["choices"](m=plan.choices_module()),
            f"{package}/__init__.py": render["__init__"](m=plan.init_module()),
            f"{package}/py.typed": "\n",  # PEP 561: the package is typed (any content)
        }
        kept = fragments(self)  # a table whose inputs are the same is not built again
        model = render["model"]

        def text(table: Table, found: Diagnostics) -> str:
            return model(m=plan.table_module(table, found)[1])

        for table in tables.tables:
            module = plan.modules[table.logical_name]
            files[f"{package}/{module}.py"] = kept_text(
                kept,
                "pydantic/model",
                partial(plan.table_inputs, table),
                diagnostics,
                partial(text, table),
            )
        kept.finish()
        return dict(sorted(files.items()))


class PackagePlan:
    """Every name of the package, claimed once in a fixed order: models (by table), then shared
    enums (by GlobalChoiceName), then local enums (by table, column)."""

    def __init__(
        self,
        tables: TableSet,
        diagnostics: Diagnostics,
        choices: str = "closed",
        properties: str = "open",
    ) -> None:
        names = Namespace()
        self.models = {t.logical_name: names.claim(ClassName(t.schema_name)) for t in tables.tables}
        modules = Namespace()
        self.modules = {
            t.logical_name: modules.claim(ModuleName(t.logical_name)) for t in tables.tables
        }
        options = OptionSets(tables, diagnostics)
        self.enums = EnumPlan(list(tables.tables), options, names, self.models, choices)
        self.diagnostics = diagnostics
        self.tables = tables
        self.closed = properties == "closed"
        """``properties = "closed"``: collections of tables outside the set are fields too."""

    def table_inputs(self, table: Table) -> str:
        """Everything ``table_module`` reads beyond the settings (``tablekeys``): the table,
        its model's and module's names, the enums of its choices and those of its module, its
        navigation properties, their targets' facts and their models' and modules' names."""
        navs = navigation_inputs(self.tables, table, self.closed)
        choices = [
            self.enums.of(table, p.column) for p in api_properties(table) if p.kind in OPTION_KINDS
        ]
        targets = [(self.models.get(n.target), self.modules.get(n.target)) for n, _ in navs]
        name = table.logical_name
        mine = (self.models[name], self.modules[name], self.enums.local[name])
        return table_inputs(table, mine, choices, navs, targets)

    def table_module(
        self, table: Table, diagnostics: Diagnostics | None = None
    ) -> tuple[str, ModuleContext]:
        """The table's module and what its template reads; warnings go to ``diagnostics``
        (the plan's by default)."""
        found = self.diagnostics if diagnostics is None else diagnostics
        builder = FieldBuilder(self.enums, found)
        names = Namespace()
        reserve(self.tables, table, names, self.closed)
        fields = builder.fields(table, names)
        rule = status_reasons(table, fields)
        navs = navigation_fields(table, self.tables, self.models, self.modules, names, self.closed)
        fields += navs.fields
        imports: set[Import] = {
            *builder.imports,
            *navs.imports,
            ("typing", "Annotated"),
            ("pydantic", "ConfigDict"),
            ("pydantic", "Field"),
            (BASE, "DataverseModel"),
        }
        enums = self.enums.local[table.logical_name]
        imports.update((BASE, e.base) for e in enums)
        if rule:
            imports.add((BASE, "StatusReasons"))
        title = table.display_name or table.schema_name
        model = ModelContext(
            name=self.models[table.logical_name],
            doc=table.description or f"A row of the Dataverse table {title}.",
            title=title,
            fields=fields,
            status_reasons=rule,
            inherited=inherited_lines(self.tables, table) if self.closed else (),
        )
        doc = f"The Dataverse table {table.logical_name}. Generated by dvgen: do not edit."
        if navs.checked_imports:
            imports.add(("typing", "TYPE_CHECKING"))
        checked = [_from(m, names, indent=4) for m, names in _grouped(navs.checked_imports)]
        return self.modules[table.logical_name], ModuleContext(
            doc, import_lines(imports), enums, model, checked_imports=checked
        )

    def choices_module(self) -> ModuleContext:
        imports: set[Import] = {(BASE, e.base) for e in self.enums.shared}
        doc = "Global choices, shared by the tables using them. Generated by dvgen: do not edit."
        return ModuleContext(doc, import_lines(imports), self.enums.shared)

    def init_module(self) -> ModuleContext:
        """The package's ``__init__``: every model by name, each imported lazily; the type
        checker's imports are indented for their ``if TYPE_CHECKING:`` block."""
        exports = sorted(Export(self.modules[t], name) for t, name in self.models.items())
        doc = "Pydantic models of Dataverse tables. Generated by dvgen: do not edit."
        imports = [_from(f".{e.module}", [e.name], indent=4) for e in exports]
        return ModuleContext(
            doc,
            imports,
            exports=sorted(e.name for e in exports),
            lazy=sorted((e.name, e.module) for e in exports),
        )


def inherited_lines(tables: TableSet, table: Table) -> tuple[str, ...]:
    """``inherited_members = ("community", ...)`` in the class body, as black lays it out (a
    trailing comma keeps it one name a line); none when the table inherits nothing unlisted."""
    names = inherited_members(tables, table)
    if not names:
        return ()
    return (
        "    inherited_members = (",
        *(f"        {python_literal(name)}," for name in names),
        "    )",
    )


def import_lines(imports: set[Import]) -> list[str]:
    """``from m import a, b`` statements in groups (future, standard library, third party,
    ours), each on one line when it fits, else one name per line as black writes it."""
    names = dict(_grouped(imports))
    groups: list[list[str]] = [["from __future__ import annotations"]]
    for group in (_stdlib, _third_party, _ours):
        groups.append([_from(m, found) for m, found in names.items() if group(m)])
    lines: list[str] = []
    for group_lines in groups:
        if group_lines:
            lines += [*([""] if lines else []), *group_lines]
    return lines


def _grouped(imports: set[Import]) -> list[tuple[str, list[str]]]:
    """Each module and the names imported from it, in isort's order: constants, classes,
    then the rest (``TYPE_CHECKING, Annotated``)."""
    names: dict[str, list[str]] = {}
    for module, name in sorted(imports, key=lambda i: (i[0], _kind(i[1]), i[1])):
        names.setdefault(module, []).append(name)
    return list(names.items())


def _kind(name: str) -> int:
    return 0 if name.isupper() else 1 if name[:1].isupper() else 2


def _from(module: str, names: list[str], indent: int = 0) -> str:
    """One ``from`` statement as black writes it at ``indent`` spaces."""
    pad = " " * indent
    line = f"{pad}from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    inner = "".join(f"{pad}    {n},\n" for n in names)
    return f"{pad}from {module} import (\n{inner}{pad})"


def _stdlib(module: str) -> bool:
    return not module.startswith(".") and module not in THIRD_PARTY


def _third_party(module: str) -> bool:
    return module in THIRD_PARTY


def _ours(module: str) -> bool:
    return module.startswith(".")
