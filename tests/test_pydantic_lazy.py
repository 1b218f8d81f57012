"""The generated package imports lazily: importing one model loads its module and the modules
of the models it refers to, nothing else; the package still offers every model by name, to
programs (``from dataverse_models import X``, ``dir()``) and to ``mypy --strict``."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dvgen.cli import main
from tests.test_pydantic_package import MYPY_CONFIG

ALONE = """\
logical_name: contoso_widget
schema_name: contoso_Widget
entity_set_name: contoso_widgets
primary_id_attribute: contoso_widgetid
columns:
  - logical_name: contoso_widgetid
    schema_name: contoso_WidgetId
    type: Uniqueidentifier
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's specs (contoso_project and backgroundoperation refer to each other) and a
    table nothing refers to, generated: the folder holding ``dataverse_models``."""
    root = tmp_path_factory.mktemp("lazy")
    specs = root / "specs"
    specs.mkdir()
    for path in (Path(__file__).resolve().parents[1] / "specs").iterdir():
        (specs / path.name).write_bytes(path.read_bytes())
    (specs / "contoso_widget.yaml").write_text(ALONE)
    out = root / "generated"
    argv = ["generate", "-q", "--no-cache", "--target", "pydantic"]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert main([*argv, "--specs", str(specs), "--out", str(out)]) == 0
    return out / "pydantic"


def python(code: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


LOADED = """
import json, sys
{statement}
print(json.dumps(sorted(m for m in sys.modules if m.startswith("dataverse_models"))))
"""


def test_importing_one_model_loads_it_alone_and_its_first_use_what_it_refers_to(
    package: Path,
) -> None:
    statement = "from dataverse_models.contoso_widget import ContosoWidget"
    loaded = json.loads(python(LOADED.format(statement=statement), package))
    assert loaded == [
        "dataverse_models",
        "dataverse_models._base",
        "dataverse_models.contoso_widget",
    ]
    statement = "from dataverse_models.contoso_project import ContosoProject"
    loaded = json.loads(python(LOADED.format(statement=statement), package))
    assert loaded == [
        "dataverse_models",
        "dataverse_models._base",
        "dataverse_models.contoso_project",
    ]
    statement += "\nContosoProject.model_rebuild()"  # its first use: its lookup's model
    loaded = json.loads(python(LOADED.format(statement=statement), package))
    assert "dataverse_models.backgroundoperation" in loaded
    assert "dataverse_models.contoso_widget" not in loaded
    loaded = json.loads(python(LOADED.format(statement="import dataverse_models"), package))
    assert loaded == ["dataverse_models"]


RING = 400
"""Tables each leading to the next, the last to the first: one cycle through all of them."""


def ring_table(index: int) -> str:
    """Table ``x_t<index>`` of the ring, with a lookup (and its relationship) to the next."""
    me, after = f"x_t{index}", f"x_t{(index + 1) % RING}"
    return textwrap.dedent(
        f"""\
        logical_name: {me}
        schema_name: {me}
        entity_set_name: {me}s
        primary_id_attribute: {me}id
        columns:
          - {{logical_name: {me}id, schema_name: {me}id, type: Uniqueidentifier}}
          - {{logical_name: x_nextid, schema_name: x_nextid, type: Lookup, targets: [{after}]}}
        relationships:
          many_to_one:
            - schema_name: {me}_next
              referenced_entity: {after}
              referenced_attribute: {after}id
              referencing_entity: {me}
              referencing_attribute: x_nextid
              referencing_entity_navigation_property_name: x_next
        """
    )


def test_a_ring_of_400_tables_imports_and_validates_a_record_through_it(
    tmp_path: Path,
) -> None:
    """400 tables each leading to the next: importing one model, and validating a record
    expanded along the ring, loads only what the record reaches, with Python's default
    recursion limit (every module imported at the end of the one before it, and one schema
    holding all 400 models, went past it at about 140 tables: RecursionError)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for index in range(RING):
        (specs / f"x_t{index}.yaml").write_text(ring_table(index))
    out = tmp_path / "out"
    argv = ["generate", "-q", "--no-cache", "--target", "pydantic"]
    assert main([*argv, "--specs", str(specs), "--out", str(out)]) == 0
    out = out / "pydantic"
    record = key = "5f0c4a0e-0000-0000-0000-000000000001"
    for index in reversed(range(1, 6)):
        record = f'{{"x_t{index}id": "{key}", "x_next": {record if index < 5 else "null"}}}'
    code = f"""
        import sys
        from dataverse_models.x_t0 import XT0
        loaded = sorted(m for m in sys.modules if m.startswith("dataverse_models."))
        print(len(loaded))
        record = XT0.model_validate_json('{{"x_t0id": "{key}", "x_next": {record}}}')
        print(type(record.x_next.x_next.x_next).__name__)
        print(len([m for m in sys.modules if m.startswith("dataverse_models.")]))
        bad = {{"x_t1id": "{key}", "x_next": {{"x_t2id": "not a guid"}}}}
        try:
            XT0.model_validate({{"x_t0id": "{key}", "x_next": bad}})
        except ValueError as error:
            print(error.errors()[0]["loc"])
        from pydantic import BaseModel, TypeAdapter
        from dataverse_models.x_t200 import XT200

        class Mine(BaseModel):  # a model of the program's own holding a generated one
            row: XT200

        row = {{"x_t200id": "{key}", "x_next": {{"x_t201id": "{key}"}}}}
        print(type(Mine.model_validate({{"row": row}}).row.x_next).__name__)
        print(TypeAdapter(list[XT200]).validate_python([row])[0].x_t200id == record.x_t0id)
    """
    assert python(code, out).splitlines() == [
        "2",  # _base and x_t0
        "XT3",
        "9",  # _base, x_t0 to x_t5 (the record) and what they name: x_t6, x_t399
        "('x_next', 'x_next', 'x_t2id')",
        "XT201",
        "True",
    ]


def test_the_package_still_offers_every_model_by_name(package: Path) -> None:
    out = python(
        """
        import sys
        import dataverse_models
        from dataverse_models import ContosoProject
        names = dir(dataverse_models)
        assert {"Backgroundoperation", "ContosoProject", "ContosoWidget"} <= set(names), names
        assert "dataverse_models.contoso_widget" not in sys.modules
        assert dataverse_models.ContosoWidget.__name__ == "ContosoWidget"
        try:
            dataverse_models.Nope
        except AttributeError as exc:
            print(exc)
        key = "5f0c4a0e-0000-0000-0000-00000000000"
        record = ContosoProject.model_validate(
            {"contoso_projectid": key + "1",
             "contoso_OperationId": {"backgroundoperationid": key + "2"}}
        )
        print(type(record.contoso_operationid).__name__)
        """,
        package,
    )
    assert out.splitlines() == [
        "module 'dataverse_models' has no attribute 'Nope'",
        "Backgroundoperation",
    ]


CLIENT = """\
from dataverse_models import ContosoProject, ContosoWidget


def name_of(project: ContosoProject) -> str | None:
    return project.contoso_name


def key_of(widget: ContosoWidget) -> str:
    return str(widget.contoso_widget_id)
"""


def test_mypy_strict_sees_every_name_and_refuses_a_wrong_one(package: Path) -> None:
    (package / "mypy.ini").write_text(MYPY_CONFIG)
    (package / "client.py").write_text(CLIENT)
    (package / "wrong.py").write_text("from dataverse_models import ContosoWidgt\n")
    mypy = [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir", ".mypy"]
    done = subprocess.run(
        [*mypy, "client.py"], cwd=package, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run(
        [*mypy, "wrong.py"], cwd=package, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert 'Module "dataverse_models" has no attribute "ContosoWidgt"' in done.stdout
