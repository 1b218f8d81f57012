"""Review of round 19's merges: what was found wrong, each held by a test that fails without
its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

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
