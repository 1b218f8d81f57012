"""A relationship Dataverse makes from one of its own tables to every table
(``platformlinks.PLATFORM_LINKS``: ``<table>_AsyncOperations``, ``<table>_SyncErrors``...)
belongs to the lookup that holds a row of any table, when a page names it alone.

asyncoperation's 2021 page (``../shared/corpus/asyncoperation.md``) lists ``Team_AsyncOperations``
and ``team_asyncoperation`` by name alone, both to ``team``, and has two lookups whose Targets
hold ``team`` (``owningteam``, ``regardingobjectid``) that neither name spells: no navigation
property was declared for either, where Microsoft's EntityType
(``../shared/validators/webapi-v9/asyncoperation.yml``) partners ``regardingobjectid_team`` with
``Team_AsyncOperations`` and ``owningteam`` with ``team_asyncoperation``."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.cli import main
from tests.test_parse_unseen38 import EDM, entity_type_alone


def _lookup(schema: str, targets: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"|Description||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|LogicalName|{schema.lower()}|\n|RequiredLevel|None|\n|Targets|{targets}|\n"
        "|Type|Lookup|\n\n\n"
    )


def _page(table: str, regarding: str, links: tuple[tuple[str, str], ...]) -> str:
    """A 2021 page of ``table`` with an owning team, a lookup of any table (``regarding``)
    and ``links`` (schema name, referenced table) listed by name alone."""
    listed = "".join(f"- [{name}](#BKMK_{name})\n" for name, _ in links)
    blocks = "".join(
        f'### <a name="BKMK_{name}"></a> {name}\n\n'
        f"See {other} Table [{name}]({other}.md) One-To-Many relationship.\n\n"
        for name, other in links
    )
    return (
        f"---\ntitle: T\nms.date: 03/04/2021\n---\n\n# {table} table/entity reference\n\n"
        "## Properties\n\n|Property|Value|\n|--------|-----|\n"
        f"|EntitySetName|{table}s|\n|LogicalName|{table}|\n|OwnershipType|UserOwned|\n"
        f"|PrimaryIdAttribute|{table}id|\n|SchemaName|{table}|\n\n"
        "## Writable columns/attributes\n\n"
        + _lookup(regarding, "account,sdkmessageprocessingstep,team")
        + _lookup("OwningExtensionId", "sdkmessageprocessingstep")
        + _lookup("OwningTeam", "team")
        + "## Many-To-One Relationships\n\nEach Many-To-One relationship is defined by a "
        "corresponding One-To-Many relationship with the related table. Listed by "
        f"**SchemaName**.\n\n{listed}\n\n{blocks}"
    )


def _navs(entity: object) -> dict[str, tuple[str | None, str | None]]:
    return {
        n.get("Name", ""): (n.get("Type"), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")  # type: ignore[attr-defined]
    }


@pytest.mark.parametrize(
    ("table", "regarding", "made", "nav"),
    [
        ("asyncoperation", "RegardingObjectId", "Team_AsyncOperations", "regardingobjectid_team"),
        # the base system's syncerror relationships are named as an activity's (single_names)
        ("syncerror", "RegardingObjectId", "Team_SyncErrors", "regardingobjectid_team_syncerror"),
        (
            "principalobjectattributeaccess",
            "ObjectId",
            "team_PrincipalObjectAttributeAccesses",
            "objectid_team",
        ),
    ],
)
def test_the_platform_made_relationship_takes_the_lookup_of_any_table(
    tmp_path: Path, table: str, regarding: str, made: str, nav: str
) -> None:
    owner = f"team_{table}"
    page = _page(table, regarding, ((made, "team"), (owner, "team")))
    navs = _navs(entity_type_alone(tmp_path, table, page))
    assert navs[nav] == ("mscrm.team", made)
    assert navs["owningteam"] == ("mscrm.team", owner)


def test_a_name_of_that_form_to_a_table_the_lookup_cannot_hold_keeps_its_own_lookup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``SdkMessageProcessingStep_AsyncOperations`` is ``owningextensionid``'s (Microsoft's
    EntityType), the one lookup whose Targets hold ``sdkmessageprocessingstep`` (asyncoperation's
    ``regardingobjectid`` lists no such target): the name decides only among the lookups that
    can hold the referenced row."""
    name = "SdkMessageProcessingStep_AsyncOperations"
    page = _page(
        "asyncoperation",
        "RegardingObjectId",
        ((name, "sdkmessageprocessingstep"), ("Team_AsyncOperations", "team")),
    ).replace("|Targets|account,sdkmessageprocessingstep,team|", "|Targets|account,team|")
    navs = _navs(entity_type_alone(tmp_path, "asyncoperation", page))
    assert navs["owningextensionid"] == ("mscrm.sdkmessageprocessingstep", name)
    assert navs["regardingobjectid_team"] == ("mscrm.team", "Team_AsyncOperations")
    assert "webapi-navigation" not in capsys.readouterr().err


def test_the_corpus_page_of_system_jobs_declares_both_lookups_to_team(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import CORPUS

    if not (CORPUS / "asyncoperation.md").is_file():
        pytest.skip("../shared/corpus is absent")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "asyncoperation.md").write_bytes((CORPUS / "asyncoperation.md").read_bytes())
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    assert "Team_AsyncOperations" not in capsys.readouterr().err
    xml = (out / "odata" / "metadata.xml").read_text()
    assert 'Name="regardingobjectid_team" Type="mscrm.team"' in xml
    assert 'Name="owningteam" Type="mscrm.team"' in xml
