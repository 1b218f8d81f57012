"""Review of round 19's merges: what was found wrong, each held by a test that fails without
its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.model import TableSet
from tests.test_parse_unseen38 import entity_type_alone
from tests.test_platform_link_names import _navs, _page


def test_a_process_session_s_owning_team_relationship_is_not_taken_for_the_regarding_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """processsession's 2023 page (MicrosoftDocs/powerapps-docs,
    ``reference/entities/processsession.md``) lists ``Team_ProcessSessions`` and
    ``team_processsession`` by name alone, both to ``team``. Microsoft's processsession
    EntityType (MicrosoftDocs/dynamics365-docs-odata-apis) partners ``owningteam`` with
    ``team_processsession`` and ``regardingobjectid_team`` with ``Team_ProcessSessions``:
    the owner's relationship ends in ``_processsession``, the suffix of the relationships the
    system job makes to solution tables (``catalog_ProcessSession``), so that suffix decided the
    pair the wrong way round. No navigation property is better than a swapped one."""
    page = _page(
        "processsession",
        "RegardingObjectId",
        (("Team_ProcessSessions", "team"), ("team_processsession", "team")),
    )
    navs = _navs(entity_type_alone(tmp_path, "processsession", page))
    assert navs.get("owningteam", (None, None))[1] != "Team_ProcessSessions"
    assert navs.get("regardingobjectid_team", (None, None))[1] != "team_processsession"


def test_a_customization_removing_a_file_column_takes_its_file_relationship_along(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The repository's ``contoso_project`` has a File column, ``contoso_charter``, whose
    relationship ``FileAttachment_contoso_Project_contoso_Charter`` Dataverse makes with it
    (added since sol27 where no spec states it). A customization removing the column was then
    refused ("relationship ... still uses it: remove the relationship too"), though its author
    never wrote that relationship and Dataverse, which makes it not customizable, deletes it
    with the column. The column and its relationship go, as before sol27."""
    import shutil

    from dvgen.cli import main

    specs = tmp_path / "specs"
    shutil.copytree(Path(__file__).parents[1] / "specs", specs)
    (specs / "zz_remove.yaml").write_text(
        "customizes: contoso_project\nremove:\n  columns: [contoso_charter]\n"
    )
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    assert "still uses it" not in capsys.readouterr().err
    model = (out / "model" / "contoso_project.yaml").read_text()
    assert "contoso_charter" not in model
    assert "FileAttachment_contoso_Project_contoso_Charter" not in model
    assert "contoso_charter" not in (out / "odata" / "metadata.xml").read_text().lower()


def _secret_table(readable: bool, writable: bool) -> TableSet:
    from dvgen.model import ColumnType, Table
    from tests.conftest import resolve_clean
    from tests.test_pydantic import column

    secret = column(
        "secret",
        ColumnType.STRING,
        max_length=10,
        valid_for_read=readable,
        valid_for_create=writable,
        valid_for_update=writable,
    )
    return resolve_clean(
        [
            Table(
                logical_name="alpha",
                schema_name="Alpha",
                primary_id_attribute="alphaid",
                primary_name_attribute="name",
                columns=(
                    column("alphaid", ColumnType.UNIQUEIDENTIFIER),
                    column("name", ColumnType.STRING, max_length=10),
                    secret,
                ),
            )
        ]
    )


@pytest.mark.parametrize(
    ("writable_before", "rule"),
    [(True, "column-access-added"), (False, "column-added-closed")],
    ids=["write-only-before", "neither-before"],
)
def test_a_write_only_column_made_readable_is_no_new_property(
    tmp_path: Path, writable_before: bool, rule: str
) -> None:
    """With ``properties = "closed"``, evolve10 made a column made valid for read
    ``column-added-closed`` (breaking). A column valid for create or update but not for read
    is a property already (``writeOnly``, as Microsoft's ``$metadata`` declares one a client
    may write): the last version's JSON Schema and pydantic model take a record holding it,
    so making it readable breaks nothing. Judged by jsonschema and pydantic themselves."""
    import jsonschema
    import pydantic

    from dvgen.config import Config
    from dvgen.diagnostics import Diagnostics
    from dvgen.evolve.cli import closed_properties
    from dvgen.evolve.diff import diff_sets
    from dvgen.targets.pydantic.target import PydanticTarget
    from tests.test_jsonschema_validators import render_schemas
    from tests.test_pydantic import imported

    before = _secret_table(False, writable_before)
    after = _secret_table(True, True)
    config = Config(properties="closed", pydantic_package="old_secret")
    changes = closed_properties(diff_sets(before, after), config, after)
    read = [c for c in changes if c.path[-1] == "valid_for_read"]
    assert [(c.rule, c.breaking) for c in read] == [(rule, rule == "column-added-closed")]
    record = {"alphaid": "11111111-1111-4111-8111-111111111111", "secret": "x"}
    schema = render_schemas(before, config)["alpha.schema.json"]
    assert jsonschema.Draft202012Validator(schema).is_valid(record) is writable_before
    files = PydanticTarget(config).render(before, Diagnostics())
    with imported(files, tmp_path / "old", "old_secret") as module:
        model: type[pydantic.BaseModel] = module.Alpha
        if writable_before:
            model.model_validate(record)
        else:
            with pytest.raises(pydantic.ValidationError, match="secret"):
                model.model_validate(record)


def test_a_file_column_a_customization_adds_gets_its_file_relationship(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """sol27 gave each File column of a hand-written table or a solution's own its
    ``FileAttachment_<table>_<column>`` relationship, yet not one a customization (or a
    solution's layer) adds to a table: ``contoso_project.contoso_charter`` had it, a
    ``contoso_brief`` added by a customization not, though Dataverse makes it with the column
    whichever way it comes. Its companion ``contoso_brief_name`` was added already."""
    import shutil

    from dvgen.cli import main

    specs = tmp_path / "specs"
    shutil.copytree(Path(__file__).parents[1] / "specs", specs)
    (specs / "zz_add.yaml").write_text(
        "customizes: contoso_project\ncolumns:\n  - logical_name: contoso_brief\n"
        "    schema_name: contoso_Brief\n    type: File\n    display_name: Brief\n"
    )
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    capsys.readouterr()
    import yaml

    model = yaml.safe_load((out / "model" / "contoso_project.yaml").read_text())
    files = {
        r["referencing_attribute"]: (r["schema_name"], r["referenced_entity"], r["is_customizable"])
        for r in model["relationships"]["many_to_one"]
        if r["referenced_entity"] == "fileattachment"
    }
    assert files == {
        "contoso_charter": (
            "FileAttachment_contoso_Project_contoso_Charter",
            "fileattachment",
            False,
        ),
        "contoso_brief": ("FileAttachment_contoso_Project_contoso_Brief", "fileattachment", False),
    }
    metadata = (out / "odata" / "metadata.xml").read_text()
    assert (
        '<NavigationProperty Name="FileAttachment_contoso_Project_contoso_Brief" '
        'Type="Collection(mscrm.contoso_project)"/>'
    ) in metadata
