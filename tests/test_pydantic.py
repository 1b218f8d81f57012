"""The pydantic target: names, enums, fields, escaping (the repo's ``generated/pydantic`` is the
golden record of its specs).

``stress_tables()`` is a table set built to break a code generator (hostile texts, labels
that are keywords or nothing at all, names that shadow builtins, names long enough to make
black split lines, a global choice two pages disagree on). ``test_pydantic_package.py`` runs
black and mypy over its package too.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import black
import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import Choice, Column, ColumnType, DateTimeBehavior, Table, TableSet
from dvgen.targets.pydantic.names import (
    BASEMODEL_ATTRIBUTES,
    BUILTINS,
    KEYWORDS,
    ClassName,
    EnumMemberName,
    FieldName,
    member_names,
)
from dvgen.targets.pydantic.target import PydanticTarget
from tests.conftest import resolve_clean

HOSTILE = (
    'He said """hi""" and \'bye\'',
    "back\\slash \\",
    "{{ x }} {% if %} {# c #}",
    "</x> ]]> <![CDATA[ & &amp;",
    "nul\x00here",
    "line\u2028para\u2029end",
    "'); DROP TABLE t; --",
    "tab\tcr\rlf\n",
    '"',
    " padded ",
    "bidi \u202eevil\u202c zwj \u200d",
    "\U0001f680 emoji",
)
LABELS = ("class", "None", "1st", "mro", "\U0001f680", "", "label", "value", "_", "True", "A-B")
LONG = "x" * 30


def column(name: str, type_: ColumnType, schema: str | None = None, **extra: Any) -> Column:
    return Column(logical_name=name, schema_name=schema or name, type=type_, **extra)


def options(*labels: str, start: int = 1) -> tuple[Choice, ...]:
    return tuple(Choice(start + i, label) for i, label in enumerate(labels))


def hostile_table() -> Table:
    """Every text of this table is hostile; its labels are the classic troublemakers."""
    cols = [
        column("hostileid", ColumnType.UNIQUEIDENTIFIER, "HostileId"),
        column("type", ColumnType.STRING, "Type", max_length=10),
        column("model_config", ColumnType.INTEGER, "model_config"),
        column("date", ColumnType.DATE_TIME, date_time_behavior=DateTimeBehavior.DATE_ONLY),
        column("json", ColumnType.BOOLEAN, choices=(Choice(0, "No"), Choice(1, "Yes"))),
        column("schema", ColumnType.MEMO, max_length=100),
        column("model_dump", ColumnType.STRING, max_length=5),
        column("copy", ColumnType.ENTITY_NAME),
        column("class", ColumnType.STRING, "Class"),
        column("kind", ColumnType.PICKLIST, "Kind", choices=options(*LABELS)),
        column("dupes", ColumnType.PICKLIST, "Dupes", choices=options("Same", "Same", "Same!")),
    ]
    for i, text in enumerate(HOSTILE):
        cols.append(
            column(
                f"text{i}",
                ColumnType.STRING,
                f"Text{i}",
                display_name=text,
                description=text,
                max_length=100,
            )
        )
        cols.append(
            column(f"pick{i}", ColumnType.PICKLIST, f"Pick{i}", choices=options(text, "ok"))
        )
    return Table(
        logical_name="hostile",
        schema_name="Hostile",
        display_name=HOSTILE[0],
        description=HOSTILE[0] + HOSTILE[4] + HOSTILE[5] + HOSTILE[1],
        primary_id_attribute="hostileid",
        columns=tuple(cols),
    )


def long_names_table() -> Table:
    """Names long enough to push every line black might split past 88 columns."""
    table = "new_" + "VeryLongTableName" * 3
    wide = "\u6771\u4eac" * 20
    return Table(
        logical_name=table.lower(),
        schema_name=table,
        primary_id_attribute=table.lower() + "id",
        columns=(
            column(table.lower() + "id", ColumnType.UNIQUEIDENTIFIER, table + "Id"),
            column(
                "new_" + LONG + "choice",
                ColumnType.PICKLIST,
                "new_" + "AnotherVeryLongColumnName" * 2,
                choices=options("A" * 120, wide, "\u00e9" * 38, "é" * 30 + " b"),
            ),
            column(
                "new_" + LONG + "choices",
                ColumnType.MULTI_SELECT_PICKLIST,
                "new_" + "YetAnotherVeryLongColumnName" * 2,
                choices=options("One", "Two"),
            ),
            column(
                "new_money",
                ColumnType.MONEY,
                "new_Money",
                min_value=Decimal("-922337203685477.0001"),
                max_value=Decimal("922337203685477.0001"),
                precision=4,
                precision_source=0,
            ),
            column(
                "new_decimal",
                ColumnType.DECIMAL,
                "new_Decimal",
                min_value=Decimal("1E-12"),
                max_value=Decimal("100000000000"),
                precision=12,
            ),
            column("new_" + "z" * 90, ColumnType.STRING, max_length=5, description="d" * 200),
        ),
    )


def global_choice_tables() -> list[Table]:
    """Two pages listing different options for one global choice (and one relabelled)."""

    def table(name: str, choices: tuple[Choice, ...]) -> Table:
        return Table(
            logical_name=name,
            schema_name=name.title(),
            primary_id_attribute=name + "id",
            columns=(
                column(name + "id", ColumnType.UNIQUEIDENTIFIER),
                column(
                    "componentstate",
                    ColumnType.PICKLIST,
                    "ComponentState",
                    global_choice_name="componentstate",
                    choices=choices,
                    loc=Location(f"{name}.yaml", 7),
                ),
            ),
        )

    return [
        table("alpha", (Choice(0, "Published"), Choice(1, "Unpublished"))),
        table("beta", (Choice(0, "Published"), Choice(1, "Draft"), Choice(2, "Deleted"))),
        table("gamma", (Choice(0, "Published"), Choice(1, "Unpublished"))),
    ]


def builtin_names_table() -> Table:
    """A table whose schema name is a builtin and a name the modules import."""
    return Table(
        logical_name="field",
        schema_name="Field",
        primary_id_attribute="fieldid",
        columns=(column("fieldid", ColumnType.UNIQUEIDENTIFIER),),
    )


def stress_tables() -> TableSet:
    return resolve_clean(
        [hostile_table(), long_names_table(), builtin_names_table(), *global_choice_tables()]
    )


def render(
    tables: TableSet,
    package: str = "dataverse_models",
    choices: str = "closed",
    properties: str = "open",
) -> tuple[dict[str, str], list[str]]:
    diagnostics = Diagnostics()
    config = Config(pydantic_package=package, choices=choices, properties=properties)
    files = PydanticTarget(config).render(tables, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return files, [str(d) for d in diagnostics.sorted()]


@pytest.fixture(scope="module")
def stress() -> dict[str, str]:
    return render(stress_tables(), "stress_unit_models")[0]


@pytest.fixture(scope="module")
def stress_package(
    stress: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("stress")
    with imported(stress, root, "stress_unit_models") as package:
        yield package


class imported:
    """Write a rendered package under ``root``, import it, and forget it afterwards."""

    def __init__(self, files: dict[str, str], root: Path, package: str) -> None:
        self.files, self.root, self.package = files, root, package

    def __enter__(self) -> ModuleType:
        for rel, text in self.files.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        self._forget()  # a package of that name another test left imported
        sys.path.insert(0, str(self.root))
        return importlib.import_module(self.package)

    def __exit__(self, *exc: object) -> None:
        sys.path.remove(str(self.root))
        self._forget()

    def _forget(self) -> None:
        for name in [n for n in sys.modules if n.split(".")[0] == self.package]:
            del sys.modules[name]


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [
        ("Active", 0, "ACTIVE"),
        ("Client-side Paging", 1, "CLIENT_SIDE_PAGING"),
        ("class", 2, "CLASS"),
        ("None", 3, "NONE"),
        ("1st", 4, "OPTION_1ST"),
        ("mro", 5, "MRO"),
        ("\U0001f680", 6, "VALUE_6"),
        ("", -1, "VALUE_MINUS_1"),
        ("Doctor's Offices", 7, "DOCTORS_OFFICES"),
        ("Café Crème", 8, "CAFE_CREME"),
        ("ReadOnly", 9, "READ_ONLY"),
        ("\u6771\u4eac", 10, "VALUE_10"),
    ],
)
def test_enum_member_names(label: str, value: int, expected: str) -> None:
    assert EnumMemberName(label, value) == expected


def test_clashing_labels_get_their_values_and_names_never_collide() -> None:
    names = member_names(
        [("Planning", 1), ("planning", 2), ("A-B", 3), ("A B", 4), ("", 5), ("Value 5", 6)]
    )
    assert names == ["PLANNING_1", "PLANNING_2", "A_B_3", "A_B_4", "VALUE_5_5", "VALUE_5_6"]
    assert member_names([("A 1", 9), ("A", 1), ("A", 2)]) == ["A_1", "A_1_2", "A_2"]


def test_long_labels_are_cut_at_a_word() -> None:
    name = EnumMemberName("The message was saved as a Microsoft Dynamics 365 email record", 1)
    assert name == "THE_MESSAGE_WAS_SAVED_AS_A_MICROSOFT_DYNAMICS"
    assert len(EnumMemberName("x" * 200, 1)) == 48


@pytest.mark.parametrize(
    ("schema", "logical", "expected"),
    [
        ("ParentCustomerId", "parentcustomerid", "parent_customer_id"),
        ("Address1_Line1", "address1_line1", "address1_line1"),
        ("msdyn_ACIViewMapperId", "msdyn_aciviewmapperid", "msdyn_aci_view_mapper_id"),
        ("statecode", "statecode", "statecode"),
        ("Type", "type", "type_"),
        ("id", "id", "id_"),
        ("model_config", "model_config", "model_config_"),
        ("ModelVersion", "modelversion", "model_version_"),
        ("Json", "json", "json_"),
        ("Date", "date", "date_"),
        ("Match", "match", "match_"),
        ("Renamed", "something", "something"),
        ("_Private", "_private", "private"),
    ],
)
def test_field_names(schema: str, logical: str, expected: str) -> None:
    name = FieldName(schema, logical)
    assert name == expected
    assert name.isidentifier() and name not in KEYWORDS | BUILTINS | BASEMODEL_ATTRIBUTES
    assert not name.startswith("_")


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ("Account", "Account"),
        ("sample_BankAccount", "SampleBankAccount"),
        ("AICopilot_AIPlugin", "AICopilotAIPlugin"),
        ("msdyn_odatav4ds", "MsdynOdatav4ds"),
        ("Exception", "Exception_"),
        ("Field", "Field_"),
        ("None", "None_"),
    ],
)
def test_class_names(schema: str, expected: str) -> None:
    assert ClassName(schema) == expected


def test_model_names_are_unique_across_the_set() -> None:
    tables = resolve_clean(
        [
            Table(logical_name="new_foo", schema_name="new_Foo"),
            Table(logical_name="new_foo_", schema_name="new_foo"),
            Table(logical_name="newfoo", schema_name="NewFoo"),
        ]
    )
    files, _ = render(tables)
    init = files["dataverse_models/__init__.py"]
    assert "from .new_foo import NewFoo\n" in init
    assert "from .new_foo_ import NewFoo2\n" in init
    assert "from .newfoo import NewFoo3\n" in init


# --- the generated code ----------------------------------------------------------------------


def test_stress_package_is_black_formatted(stress: dict[str, str]) -> None:
    for path, text in stress.items():
        if path.endswith(".py"):
            assert black.format_str(text, mode=black.Mode()) == text, path


def test_hostile_texts_come_out_exact(stress_package: ModuleType) -> None:
    hostile = importlib.import_module("stress_unit_models.hostile")
    model = stress_package.Hostile
    table = hostile_table()
    assert model.__doc__ == table.description
    assert model.model_config["title"] == table.display_name
    fields = {info.alias: info for info in model.model_fields.values()}
    for i, text in enumerate(HOSTILE):
        assert fields[f"text{i}"].title == text
        assert fields[f"text{i}"].description == text
        enum_class = type(fields[f"pick{i}"].annotation.__args__[0].__members__["OK"])
        assert enum_class(1).label == text
    assert [m.label for m in hostile.HostileKind] == list(LABELS)


def test_hostile_texts_stay_inside_string_literals(stress: dict[str, str]) -> None:
    """Parsing the module finds exactly the statements we generate: no text became code."""
    tree = ast.parse(stress["stress_unit_models/hostile.py"])
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    assert [c.name for c in classes][-1] == "Hostile"
    model = classes[-1]
    names = [s.target.id for s in model.body if isinstance(s, ast.AnnAssign)]  # type: ignore[union-attr]
    assert len(names) == len(hostile_table().columns)
    for text in ("\x00", "\u2028", "\u2029", "\u202e", "\r"):
        assert text not in stress["stress_unit_models/hostile.py"]


def test_label_members(stress_package: ModuleType) -> None:
    hostile = importlib.import_module("stress_unit_models.hostile")
    kind = hostile.HostileKind
    assert issubclass(kind, enum.IntEnum)
    assert list(kind.__members__) == [
        "CLASS", "NONE", "OPTION_1ST", "MRO", "VALUE_5", "VALUE_6", "LABEL", "VALUE", "VALUE_9",
        "TRUE", "A_B",
    ]  # fmt: skip
    assert kind.MRO.label == "mro" and kind.VALUE_6.label == "" and kind(11).label == "A-B"
    assert [m.name for m in hostile.HostileDupes] == ["SAME_1", "SAME_2", "SAME_3"]


def test_field_names_never_shadow(stress_package: ModuleType) -> None:
    fields = stress_package.Hostile.model_fields
    for name in ("type_", "model_config_", "date_", "json_", "schema_", "model_dump_", "copy_"):
        assert name in fields
    assert "class_" in fields


def test_builtin_and_imported_names_are_not_shadowed(stress_package: ModuleType) -> None:
    assert stress_package.Field_.__name__ == "Field_"
    module = importlib.import_module("stress_unit_models.field")
    assert module.Field.__module__ == "pydantic.fields"


def test_global_choice_is_generated_once_with_the_union_of_options(
    stress: dict[str, str], stress_package: ModuleType
) -> None:
    choices = importlib.import_module("stress_unit_models.choices")
    state = choices.ComponentState
    assert [(m.value, m.label) for m in state] == [
        (0, "Published"),
        (1, "Unpublished"),
        (2, "Deleted"),
    ]
    assert stress["stress_unit_models/choices.py"].count("class ComponentState(") == 1
    for name in ("Alpha", "Beta", "Gamma"):
        annotation = getattr(stress_package, name).model_fields["component_state"].annotation
        assert state in annotation.__args__
        assert "class ComponentState" not in stress[f"stress_unit_models/{name.lower()}.py"]


def test_global_choice_conflicts_are_reported() -> None:
    _, warnings = render(resolve_clean(global_choice_tables()))
    assert warnings == [
        "alpha.yaml:7: warning: componentstate: global choice 'componentstate': 2 ('Deleted') "
        "is missing here but listed in beta; using the union of all tables' options (3) "
        "[global-choice-differs]",
        "beta.yaml:7: warning: componentstate: global choice 'componentstate': 1 is 'Draft' "
        "here but 'Unpublished' in alpha, gamma; using the union of all tables' options (3) "
        "[global-choice-differs]",
        "gamma.yaml:7: warning: componentstate: global choice 'componentstate': 2 ('Deleted') "
        "is missing here but listed in beta; using the union of all tables' options (3) "
        "[global-choice-differs]",
    ]


def test_local_choice_named_like_its_table_and_column() -> None:
    table = Table(
        logical_name="contoso_task",
        schema_name="contoso_Task",
        columns=(
            column("contoso_phase", ColumnType.PICKLIST, "contoso_Phase", choices=options("A")),
            column(
                "contoso_taskkind", ColumnType.PICKLIST, "contoso_TaskKind", choices=options("A")
            ),
            column(
                "statecode",
                ColumnType.STATE,
                "StateCode",
                global_choice_name="contoso_task_statecode",
                choices=options("Active", start=0),
            ),
        ),
    )
    files, _ = render(resolve_clean([table]))
    module = files["dataverse_models/contoso_task.py"]
    for name in ("ContosoTaskPhase", "ContosoTaskKind", "ContosoTaskStateCode"):
        assert f"class {name}(Choice):" in module
    assert "class " not in files["dataverse_models/choices.py"]


def test_rendering_is_deterministic_and_ordered() -> None:
    tables = stress_tables()
    first, _ = render(tables)
    shuffled = TableSet(tuple(reversed(tables.tables)))
    assert render(resolve_clean(list(shuffled.tables)))[0] == first
    assert list(first) == sorted(first)
    assert all(text.endswith("\n") and not text.endswith("\n\n") for text in first.values())
    assert first["dataverse_models/py.typed"] == "\n"


def test_invalid_package_name_is_an_error() -> None:
    diagnostics = Diagnostics()
    config = Config(pydantic_package="not-valid")
    assert PydanticTarget(config).render(stress_tables(), diagnostics) == {}
    assert diagnostics.has_errors
    assert "'not-valid' is not a valid Python package name" in str(diagnostics.sorted()[0])


def test_columns_with_no_options_are_plain_ints() -> None:
    table = Table(
        logical_name="bare",
        schema_name="Bare",
        columns=(
            column("pick", ColumnType.PICKLIST),
            column("many", ColumnType.MULTI_SELECT_PICKLIST),
        ),
    )
    files, warnings = render(resolve_clean([table]))
    module = files["dataverse_models/bare.py"]
    assert "        int | None,\n" in module and "        list[int] | None,\n" in module
    assert sum("no options listed" in w for w in warnings) == 2


def test_seed_has_no_enum_member_without_a_readable_name(seed_set: TableSet) -> None:
    files, _ = render(seed_set)
    module = files["dataverse_models/contoso_project.py"]
    for line in (
        '    PLANNING_100000000 = 100000000, "Planning"',
        '    CLASS = 100000001, "class"',
        '    NONE = 100000002, "None"',
        '    OPTION_1ST = 100000003, "1st"',
        '    LAUNCH = 100000004, "\U0001f680 Launch"',
        '    VALUE_100000005 = 100000005, ""',
    ):
        assert line + "\n" in module
    assert dataclasses.is_dataclass(seed_set.tables[0])
