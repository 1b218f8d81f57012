"""The breaking-change gate on real history, round 10: lookups that gain or lose targets
(Regarding, multi-table), activities, messages, a global choice two tables share, and a
solution export that stops carrying a platform table.

Examined by generating from the older version, committing, running ``dvgen check
--breaking-against HEAD`` and ``dvgen diff`` on the newer, and running ``dvgen migrate`` on
SQLite and PostgreSQL 15 with rows kept (the migrated catalog compared with the new DDL built
fresh), for eight pairs of real page versions of tables no earlier round used
(MicrosoftDocs/powerapps-docs ``.../reference/entities/``):

- queueitem 07972856 (05/20/2021) -> 09770ae5 (02/15/2023): ``objectid`` gains ``chat``;
  ``title`` read-only (300) becomes writable (850); ``exchangerate`` 10 -> 12 places; the
  read-only choice ``objecttypecode`` drops 10060 (*Knowledge Article Template*, now 10097)
  and gains 10083 (*Teams chat*): ``option-removed``, and its migration stops on a row
  holding 10060;
- actioncard 1b6722f3 (10/05/2021) -> 09770ae5: ``regardingobjectid`` gains ``chat``, the
  helper ``owningbusinessunitname`` joins, a yes/no default is spelled ``False`` then ``0``;
- principalobjectattributeaccess 1b6722f3 -> 09770ae5: ``objectid`` gains 52 targets, none
  lost;
- socialactivity 1b6722f3 -> 09770ae5 and aciviewmapper faf77306 (05/20/2021) -> 03/07/2023:
  layout only, no change;
- task 09770ae5 -> the 2025 page: ``regardingobjectid`` gains ``adx_invitation`` and six
  ``mspp_`` tables (their relationships with it), ``Associate``, ``Disassociate`` and
  ``Upsert`` are listed;
- email 09770ae5 -> the 2025 page: the lookups' name helpers (``emailsendername``,
  ``sendersaccountname``, ``slaname``...) are no longer listed, ``internetmessageheaders``
  and the PartyList ``related`` join, the File ``descriptionblobid`` states 128,000 KB,
  ``GetDecryptionKey`` is listed (an SDK message, no event);
- workflow 09770ae5 -> 06570acd (2025), its columns S to U: ``throttlingbehavior`` joins,
  ``uiflowtype`` gains *Test* (3) and a display name, the internal ``resourcecontainer`` is
  listed as writable and ``uiflowtype`` no longer as create-only; the three-state model is
  the same;

and two pairs of real solution history:

- microsoft/Power-CAT-Copilot-Studio-Kit ``OptionSets/cat_testtype.xml`` 2be6f545 -> 93f0eb73:
  the global choice of ``cat_copilottest.cat_testtypecode`` and
  ``cat_copilottestresult.cat_testtypecode`` gains *Plan Validation* (6) and *Multi-turn* (5);
- pnp/powerplatform-samples IncidentReporting 89f6a3b6 -> 26a6652f: the export stops carrying
  the ``SystemUser`` shell (no columns) and its two many-to-many relationships with portal
  tables; ``csa_csincident``, a custom activity, keeps its lookups to ``systemuser``.

Every change was classified as Dataverse takes it. Two faults, both of the records targets'
closed settings. First, met on the email page's ``issafedescriptiontruncated`` (not valid for
read: no property of the targets, nor of
Microsoft's email EntityType): with ``properties = "closed"``, a column made valid for read was
``column-access-added``, safe, though a GET without ``$select`` then returns it and the last
version's JSON Schema and pydantic model refuse the record; it is ``column-added-closed`` now.
Second, with ``choices = "open"`` an option added to a State was ``option-added``, safe, though
the targets keep a State closed whatever the setting (the pydantic enum, the JSON Schema's
``oneOf``), so the last version refuses a record in the new state (workflow's pages list a
third state, *Suspended*); it is ``option-added-closed`` now, a status reason staying open.
The pages here are short excerpts of the real ones, in their own layouts (the readable column
and the third state are hand edits of real excerpts); the solutions are read from
``../shared/solutions`` with the older export's differences put back.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.evolve.cli import closed_options, closed_properties
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.listing import load_tables
from dvgen.model import TableSet
from dvgen.targets.pydantic.target import PydanticTarget
from tests.conftest import NO_SHARED, SHARED, run
from tests.pages import resolved
from tests.test_evolve_migrate import pg_schema
from tests.test_evolve_solutions import _git
from tests.test_evolve_unseen7 import _migrates_keeping_rows
from tests.test_jsonschema_validators import render_schemas
from tests.test_pydantic import imported
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

Rows = tuple[tuple[str, str], ...]
Column = tuple[str, Rows, str]
"""A column block: its SchemaName, its rows in the page's order, its options table (or "")."""


def _g1(
    year: int,
    table: tuple[str, str, str],
    messages: tuple[str, ...],
    writable: tuple[Column, ...],
    read_only: tuple[Column, ...] = (),
    many_to_one: tuple[tuple[str, str], ...] = (),
    primary: str = "",
    about: str = "",
) -> str:
    """A page of the 2021 or the 2023 layout (``| MicrosoftDocs`` or ``| Microsoft Docs``,
    ``SDK Assembly`` or ``SDK class or method``, ``v9.0`` or ``v9.2``); ``table`` is
    (LogicalName, SchemaName, OwnershipType), ``primary`` its key (``<table>id`` unless
    named), ``about`` its description."""
    logical, schema, ownership = table
    new = year >= 2023
    title = f"{schema} table/entity reference (Microsoft Dataverse)"
    lines = [
        "---",
        f'title: "{title}{" | Microsoft Docs" if new else "| MicrosoftDocs"}"',
        f"ms.date: {'02/15/2023' if new else '10/05/2021'}",
        "---",
        "",
        f"# {schema} table/entity reference",
        "",
        about,
        "",
        "## Messages",
        "",
        f"|Message|Web API Operation|{'SDK class or method' if new else 'SDK Assembly'}|",
        "|-|-|-|",
    ]
    api = "v9.2" if new else "v9.0"
    lines += [
        f"|{m}|POST [*org URI*]/api/data/{api}/{logical}s|<xref:Microsoft.Xrm.Sdk.Messages."
        f"{m}Request>|"
        for m in messages
    ]
    lines += ["", "## Properties", "", "|Property|Value|", "|--------|-----|"]
    lines += [f"|DisplayName|{schema}|", f"|EntitySetName|{logical}s|", f"|LogicalName|{logical}|"]
    lines += [f"|OwnershipType|{ownership}|", f"|PrimaryIdAttribute|{primary or logical + 'id'}|"]
    lines += [f"|SchemaName|{schema}|"]
    for head, columns in (("Writable", writable), ("Read-only", read_only)):
        if columns:
            lines += ["", f"## {head} columns/attributes", ""]
            lines += [f"- [{name}](#BKMK_{name})" for name, _, _ in columns]
        for name, rows, options in columns:
            lines += ["", f'### <a name="BKMK_{name}"></a> {name}', ""]
            lines += ["|Property|Value|", "|--------|-----|"]
            lines += [f"|{key}|{value}|" for key, value in rows]
            if options:
                lines += ["", f"#### {name} Choices/Options", "", options.strip("\n")]
    if many_to_one:
        lines += ["", "## Many-To-One Relationships", ""]
        lines += [f"- [{name}](#BKMK_{name})" for name, _ in many_to_one]
        for name, one in many_to_one:
            lines += ["", f'### <a name="BKMK_{name}"></a> {name}', ""]
            lines += [
                f"See the [{name}]({one}.md#BKMK_{name}) one-to-many relationship for the "
                f"[{one}]({one}.md) table/entity."
            ]
    return "\n".join(lines) + "\n"


def _key(schema: str, logical: str, description: str, display: str = "") -> Column:
    rows: Rows = (
        ("Description", description),
        ("DisplayName", display),
        ("IsValidForForm", "False"),
    )
    rows += (("IsValidForRead", "True"), ("IsValidForUpdate", "False"))
    rows += (("LogicalName", logical), ("RequiredLevel", "SystemRequired"))
    return schema, (*rows, ("Type", "Uniqueidentifier")), ""


def _lookup(schema: str, targets: str, *rows: tuple[str, str], level: str = "None") -> Column:
    logical = schema.lower()
    return (
        schema,
        (
            *rows,
            ("LogicalName", logical),
            ("RequiredLevel", level),
            ("Targets", targets),
            ("Type", "Lookup"),
        ),
        "",
    )


def _string(schema: str, length: int, *rows: tuple[str, str]) -> Column:
    head: Rows = (("Description", ""), ("DisplayName", ""), ("FormatName", "Text"))
    head += (("IsLocalizable", "False"), ("IsValidForForm", "False"), ("IsValidForRead", "True"))
    tail = (("LogicalName", schema.lower()), ("MaxLength", str(length)))
    return schema, (*head, *rows, *tail, ("RequiredLevel", "None"), ("Type", "String")), ""


def _boolean(schema: str, labels: tuple[str, str], default: str, year: int) -> Column:
    """A yes/no column as 2021 pages print it (``|1|Yes|``, ``False``) and as 2023 pages do
    (``|1|Yes||``, ``0``)."""
    cell = "|" if year >= 2023 else ""
    options = f"|Value|Label|Description|\n|-----|-----|--------|\n|1|{labels[0]}|{cell}\n"
    options += f"|0|{labels[1]}|{cell}\n\n**DefaultValue**: {default}"
    rows: Rows = (("IsValidForForm", "False"), ("IsValidForRead", "True"))
    rows += (("LogicalName", schema.lower()), ("RequiredLevel", "SystemRequired"))
    return schema, (*rows, ("Type", "Boolean")), options


def _rules(old: str, new: str, name: str = "page.md") -> dict[str, tuple[str, bool]]:
    before, warnings = resolved((name, old))
    assert warnings == []
    after, warnings = resolved((name, new))
    assert warnings == []
    return {c.where: (c.rule, c.breaking) for c in diff_sets(before, after)}


def _set(name: str, text: str) -> TableSet:
    tables, warnings = resolved((name, text))
    assert warnings == []
    return tables


# --- queueitem, 07972856 (2021) and 09770ae5 (2023) -----------------------------------------

_QUEUEITEM = ("queueitem", "QueueItem", "None")
_CODES = (
    (4200, "Activity"),
    (4201, "Appointment"),
    (4202, "Email"),
    (4212, "Task"),
    (9953, "Knowledge Article"),
)


def _queueitem(year: int) -> str:
    new = year >= 2023
    targets = "activitypointer,appointment," + ("chat," if new else "") + "email,fax,task"
    objectid = _lookup(
        "ObjectId",
        targets,
        ("Description", "Choose the activity, case, or article assigned to the queue."),
        ("IsValidForUpdate", "False"),
        level="ApplicationRequired",
    )
    title = (
        "Title",
        (
            ("Description", "Shows the title or name that describes the queue record."),
            ("FormatName", "Text"),
            ("IsValidForRead", "True"),
            ("LogicalName", "title"),
            ("MaxLength", "850" if new else "300"),
            ("RequiredLevel", "None"),
            ("Type", "String"),
        ),
        "",
    )
    rate = (
        "ExchangeRate",
        (
            ("IsValidForRead", "True"),
            ("LogicalName", "exchangerate"),
            ("MaxValue", "100000000000"),
            ("MinValue", "0.000000000001" if new else "0.0000000001"),
            ("Precision", "12" if new else "10"),
            ("RequiredLevel", "None"),
            ("Type", "Decimal"),
        ),
        "",
    )
    codes = _CODES + (
        ((10083, "Teams chat"), (10097, "Knowledge Article Template"))
        if new
        else ((10060, "Knowledge Article Template"),)
    )
    cell = "|" if new else ""
    head = (
        "|Value|Label|Description|\n|-----|-----|--------|"
        if new
        else "|Value|Label|\n|-----|-----|"
    )
    options = head + "".join(f"\n|{value}|{label}|{cell}" for value, label in codes)
    kind = (
        "ObjectTypeCode",
        (
            (
                "Description",
                "Select the type of the queue item, such as activity, case, or appointment.",
            ),
            ("IsValidForRead", "True"),
            ("LogicalName", "objecttypecode"),
            ("RequiredLevel", "None"),
            ("Type", "Picklist"),
        ),
        options,
    )
    writable = (
        objectid,
        _key("QueueItemId", "queueitemid", "Unique identifier of the queue item."),
    )
    read_only = (rate, kind)
    many_to_one = (("ActivityPointer_QueueItem", "activitypointer"), ("Task_QueueItem", "task"))
    if new:
        return _g1(
            year,
            _QUEUEITEM,
            ("AddToQueue", "Create"),
            (*writable, title),
            read_only,
            (*many_to_one, ("chat_QueueItems", "chat")),
        )
    return _g1(
        year, _QUEUEITEM, ("AddToQueue", "Create"), writable, (*read_only, title), many_to_one
    )


QI = "queueitem.columns"


def test_queueitem_2021_to_2023_breaks_on_the_type_code_it_dropped() -> None:
    """Knowledge Article Template's type code was 10060 and is 10097: rows and requests
    holding 10060 are refused (the SQL CHECK, the JSON Schema and pydantic enums), as are,
    while choices are closed, records holding the codes added. The title's length, the rate's
    range and places widen: breaking for the last version's readers (its JSON Schema and
    pydantic model refuse the wider values Dataverse now returns, test_evolve_widened)."""
    assert _rules(_queueitem(2021), _queueitem(2023), "queueitem.md") == {
        f"{QI}.objectid.targets": ("lookup-target-added", False),
        f"{QI}.objecttypecode.choices.10060": ("option-removed", True),
        f"{QI}.objecttypecode.choices.10083": ("option-added", False),
        f"{QI}.objecttypecode.choices.10097": ("option-added", False),
        f"{QI}.title.max_length": ("length-widened", True),
        f"{QI}.title.valid_for_create": ("column-access-added", False),
        f"{QI}.title.valid_for_update": ("column-access-added", False),
        f"{QI}.exchangerate.min_value": ("range-widened", True),
        f"{QI}.exchangerate.precision": ("precision-widened", True),
        "queueitem.relationships.many_to_one.chat_QueueItems": ("relationship-added", False),
    }


def _project(workdir: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    """A user's project of pages: generated and committed (HEAD)."""
    (workdir / "pyproject.toml").write_text(
        '[tool.dvgen]\nspecs = "specs"\nout = "generated"\n', encoding="utf-8"
    )
    _git("init", "-q", "-b", "main")
    _pages(workdir, files)
    assert run(capsys, "generate", "-q")[0] == 0
    _git("add", "-A")
    _git("commit", "-q", "-m", "old pages")


def _pages(workdir: Path, files: dict[str, str]) -> None:
    shutil.rmtree(workdir / "specs", ignore_errors=True)
    (workdir / "specs").mkdir()
    for name, text in files.items():
        (workdir / "specs" / name).write_text(text, encoding="utf-8")


def test_the_gate_stops_the_queueitem_page_at_its_dropped_option(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(workdir, capsys, {"queueitem.md": _queueitem(2021)})
    _pages(workdir, {"queueitem.md": _queueitem(2023)})
    assert run(capsys, "generate", "-q")[0] == 0
    code, out, _ = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 1
    assert f"option-removed: {QI}.objecttypecode.choices.10060 (" in out
    assert f"option-added-closed: {QI}.objecttypecode.choices.10097 (" in out
    assert f"length-widened: {QI}.title.max_length (" in out
    assert f"range-widened: {QI}.exchangerate.min_value (" in out
    assert f"precision-widened: {QI}.exchangerate.precision (" in out
    assert "objectid" not in out and "valid_for" not in out


_ROW = "INSERT INTO queueitem (queueitemid, objecttypecode, exchangerate, title) VALUES "


def test_the_queueitem_migration_keeps_rows_and_stops_at_a_dropped_type_code(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _set("queueitem.md", _queueitem(2021)), _set("queueitem.md", _queueitem(2023))
    _migrates_keeping_rows(old, new, postgres, psycopg)
    rows = "('11111111-1111-4111-8111-111111111111', 4212, 1.0000000001, 'Call back'), "
    rows += "('22222222-2222-4222-8222-222222222222', 10060, 1, 'An article template')"
    conn = sqlite3.connect(":memory:")
    conn.executescript(render(old, "sqlite")[0])
    conn.execute(_ROW + rows)
    with pytest.raises(sqlite3.IntegrityError, match="objecttypecode"):
        conn.executescript(migration_script(old, new, "sqlite", "old").text)
    conn.rollback()
    assert conn.execute("SELECT count(*) FROM queueitem").fetchone() == (2,)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as pg:
        pg_schema(pg, "old", render(old, "postgres")[0])
        pg.execute(_ROW + rows)
        with pytest.raises(psycopg.errors.CheckViolation, match="objecttypecode"):
            pg.execute(migration_script(old, new, "postgres", "old").text)
        pg.execute("ROLLBACK")
        pg.execute("SET search_path TO old")
        kept = pg.execute("SELECT objecttypecode, exchangerate FROM queueitem ORDER BY 1")
        assert [(code, str(rate)) for code, rate in kept] == [
            (4212, "1.0000000001"),
            (10060, "1.0000000000"),
        ]


# --- actioncard and principalobjectattributeaccess, 1b6722f3 (2021) and 09770ae5 (2023) -----

_ACTIONCARD = ("actioncard", "ActionCard", "UserOwned")
_REGARDING = (
    "account,appointment,contact,email,fax,letter,phonecall,recurringappointmentmaster,task"
)


def _actioncard(year: int) -> str:
    new = year >= 2023
    regarding = _REGARDING.replace("appointment,", "appointment,chat,") if new else _REGARDING
    writable = (
        _key("ActionCardId", "actioncardid", "Unique identifier of the action card."),
        _lookup(
            "RegardingObjectId",
            regarding,
            ("Description", "Choose the record that the card relates to."),
        ),
        _boolean("Visibility", ("Private", "Public"), "0" if new else "False", year),
    )
    unit = _lookup("OwningBusinessUnit", "businessunit", ("Description", "Owning business unit."))
    read_only = (unit, _string("OwningBusinessUnitName", 160)) if new else (unit,)
    return _g1(year, _ACTIONCARD, ("Create", "Retrieve"), writable, read_only)


def test_actioncard_2021_to_2023_only_adds() -> None:
    """Its Regarding lookup gains the chat activity, and the page lists the business unit's
    name, a helper the Web API returns as an annotation of ``_owningbusinessunit_value``."""
    assert _rules(_actioncard(2021), _actioncard(2023), "actioncard.md") == {
        "actioncard.columns.regardingobjectid.targets": ("lookup-target-added", False),
        "actioncard.columns.owningbusinessunitname": ("column-added", False),
    }


_POAA = ("principalobjectattributeaccess", "PrincipalObjectAttributeAccess", "OrganizationOwned")
_OBJECTS_2021 = (
    "account,activityfileattachment,appaction,appelement,applicationuser,appointment,bot,"
    "botcomponent,businessunit,catalog,connection,contact,customapi,email,fax,goal,"
    "knowledgearticle,letter,phonecall,queue,queueitem,socialactivity,systemuser,task,team"
)
_OBJECTS_ADDED = (
    "appactionmigration,appactionrule,card,chat,connectioninstance,desktopflowbinary,"
    "flowmachineimage,msdyn_pmview,powerbireport,powerfxrule,sharedworkspace,userrating"
)


def _poaa(year: int) -> str:
    new = year >= 2023
    objects = ",".join(sorted((_OBJECTS_2021 + ("," + _OBJECTS_ADDED if new else "")).split(",")))
    description = "Unique identifier of the entity instance with shared secured field"
    writable = (
        _lookup(
            "ObjectId",
            objects,
            ("Description", description),
            ("IsValidForUpdate", "False"),
            level="SystemRequired",
        ),
        _key(
            "PrincipalObjectAttributeAccessId",
            "principalobjectattributeaccessid",
            "Unique identifier of the shared secured field instance",
        ),
        _boolean("ReadAccess", ("Yes", "No"), "0" if new else "False", year),
        _boolean("UpdateAccess", ("Yes", "No"), "0" if new else "False", year),
    )
    return _g1(year, _POAA, ("Create", "Delete", "Retrieve"), writable)


def test_field_sharing_2021_to_2023_gains_targets_and_loses_none() -> None:
    assert _rules(_poaa(2021), _poaa(2023), "poaa.md") == {
        "principalobjectattributeaccess.columns.objectid.targets": ("lookup-target-added", False),
    }


# --- socialactivity (1b6722f3 -> 09770ae5) and aciviewmapper (faf77306 -> 2023): layout only --


def _socialactivity(year: int) -> str:
    new = year >= 2023
    regarding = "account,asyncoperation,contact,knowledgearticle,knowledgebaserecord"
    author = "Shows the contact or account that authored the post."
    writable = (
        _key("ActivityId", "activityid", "Unique identifier of the activity."),
        (
            "PostAuthor",
            (
                ("Description", author),
                ("LogicalName", "postauthor"),
                ("RequiredLevel", "None"),
                ("Targets", "account,contact"),
                ("Type", "Customer"),
            ),
            "",
        ),
        _lookup(
            "RegardingObjectId",
            regarding,
            ("Description", "Shows the record that the social activity relates to."),
        ),
    )
    regular = _boolean("IsRegularActivity", ("Yes", "No"), "1" if new else "True", year)
    return _g1(
        year,
        ("socialactivity", "SocialActivity", "UserOwned"),
        ("Create",),
        writable,
        (regular,),
        primary="activityid",
    )


def _aciviewmapper(year: int) -> str:
    new = year >= 2023
    cell = "|" if new else ""
    reasons = "|Value|Label|State|\n|-----|-----|-----|\n|1|Active|0|\n|2|Inactive|1|"
    states = "|Value|Label|DefaultStatus|InvariantName|\n|-----|-----|-------------|-------------|"
    states += "\n|0|Active|1|Active|\n|1|Inactive|2|Inactive|"
    writable = (
        _key("ACIViewMapperId", "aciviewmapperid", "Unique identifier for entity instances"),
        (
            "StatusCode",
            (("LogicalName", "statuscode"), ("RequiredLevel", "None"), ("Type", "Status")),
            reasons.replace("|0|\n", f"|0|{cell}\n") if new else reasons,
        ),
        _string("ViewName", 1250, ("IsValidForUpdate", "True")),
    )
    state = (
        "statecode",
        (("LogicalName", "statecode"), ("RequiredLevel", "SystemRequired"), ("Type", "State")),
        states,
    )
    return _g1(
        year,
        ("aciviewmapper", "ACIViewMapper", "OrganizationOwned"),
        ("Create", "SetState"),
        writable,
        (state,),
    )


@pytest.mark.parametrize("build", [_socialactivity, _aciviewmapper])
def test_a_2021_page_and_its_2023_layout_are_the_same_table(build: Any) -> None:
    """A yes/no default spelled ``True`` then ``1``, options tables gaining a Description
    column, the SDK column's heading, the API version: no change."""
    assert _rules(build(2021), build(2023)) == {}


# --- task: 09770ae5 (2023) and the 2025 page ------------------------------------------------

_TASK_2025 = """---
title: "Task table/entity reference (Microsoft Dataverse)"
ms.topic: generated-reference
---

# Task table/entity reference (Microsoft Dataverse)

Generic activity representing work needed to be done.

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Associate`<br />Event: True |[Associate records](/x) |[Associate records](/y)|
| `Create`<br />Event: True |`POST` /tasks<br />See [Create](/x) |[Create records](/y)|
| `Disassociate`<br />Event: True |[Disassociate records](/x) |[Disassociate records](/y)|
| `Retrieve`<br />Event: True |`GET` /tasks(*activityid*)<br />See [Retrieve](/x) |\
[Retrieve records](/y)|
| `Upsert`<br />Event: False |`PATCH` /tasks(*activityid*)<br />See [Upsert](/x) |\
<xref:Microsoft.Xrm.Sdk.Messages.UpsertRequest>|

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Task** |
| **SchemaName** | `Task` |
| **EntitySetName** | `tasks`|
| **LogicalName** | `task` |
| **PrimaryIdAttribute** | `activityid` |
| **PrimaryNameAttribute** |`subject` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|---|---|
|Description|**Unique identifier of the task.**|
|DisplayName|**Task**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`activityid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

|Property|Value|
|---|---|
|Description|**Choose the record that the task relates to.**|
|DisplayName|**Regarding**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`regardingobjectid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|account, adx_invitation, contact, knowledgearticle, knowledgebaserecord, mspp_website|

### <a name="BKMK_Subject"></a> Subject

|Property|Value|
|---|---|
|Description|**Type a short description about the objective or primary topic of the task.**|
|DisplayName|**Subject**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`subject`|
|RequiredLevel|ApplicationRequired|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|200|

## Many-to-One relationships

These relationships are many-to-one. Listed by **SchemaName**.

- [Account_Tasks](#BKMK_Account_Tasks)
- [adx_invitation_Tasks](#BKMK_adx_invitation_Tasks)

### <a name="BKMK_Account_Tasks"></a> Account_Tasks

One-To-Many Relationship: [account Account_Tasks](account.md#BKMK_Account_Tasks)

|Property|Value|
|---|---|
|ReferencedEntity|`account`|
|ReferencedAttribute|`accountid`|
|ReferencingAttribute|`regardingobjectid`|
|ReferencingEntityNavigationPropertyName|`regardingobjectid_account_task`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `Cascade`<br />Delete: `Cascade`<br />\
Merge: `Cascade`<br />Reparent: `Cascade`<br />RollupView: `NoCascade`<br />Share: `Cascade`<br />\
Unshare: `Cascade`|

### <a name="BKMK_adx_invitation_Tasks"></a> adx_invitation_Tasks

One-To-Many Relationship: [adx_invitation adx_invitation_Tasks]\
(adx_invitation.md#BKMK_adx_invitation_Tasks)

|Property|Value|
|---|---|
|ReferencedEntity|`adx_invitation`|
|ReferencedAttribute|`adx_invitationid`|
|ReferencingAttribute|`regardingobjectid`|
|ReferencingEntityNavigationPropertyName|`regardingobjectid_adx_invitation_task`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `Cascade`<br />Delete: `Cascade`<br />\
Merge: `NoCascade`<br />Reparent: `Cascade`<br />RollupView: `NoCascade`<br />\
Share: `Cascade`<br />Unshare: `Cascade`|
"""


def _task_2023() -> str:
    writable = (
        _key("ActivityId", "activityid", "Unique identifier of the task.", "Task"),
        _lookup(
            "RegardingObjectId",
            "account,contact,knowledgearticle,knowledgebaserecord",
            ("Description", "Choose the record that the task relates to."),
            ("DisplayName", "Regarding"),
        ),
        (
            "Subject",
            (
                (
                    "Description",
                    "Type a short description about the objective or primary topic of the task.",
                ),
                ("DisplayName", "Subject"),
                ("FormatName", "Text"),
                ("LogicalName", "subject"),
                ("MaxLength", "200"),
                ("RequiredLevel", "ApplicationRequired"),
                ("Type", "String"),
            ),
            "",
        ),
    )
    return _g1(
        2023,
        ("task", "Task", "UserOwned"),
        ("Create", "Retrieve"),
        writable,
        many_to_one=(("Account_Tasks", "account"),),
        primary="activityid",
        about="Generic activity representing work needed to be done.",
    )


def test_task_2023_to_2025_gains_regarding_targets_and_lists_messages() -> None:
    """Each table that enables activities adds a Regarding target and its relationship; the
    2025 page lists ``Associate``, ``Disassociate`` and ``Upsert``, which the table always had
    (docs/evolution.md): nothing a client of the 2023 version sends or reads fails."""
    assert _rules(_task_2023(), _TASK_2025, "task.md") == {
        "task.columns.regardingobjectid.targets": ("lookup-target-added", False),
        "task.messages.Associate": ("message-added", False),
        "task.messages.Disassociate": ("message-added", False),
        "task.messages.Upsert": ("message-added", False),
        "task.relationships.many_to_one.adx_invitation_Tasks": ("relationship-added", False),
    }


def test_the_task_migration_keeps_the_rows(postgres: PostgresServer) -> None:  # noqa: F811
    import psycopg

    _migrates_keeping_rows(
        _set("task.md", _task_2023()), _set("task.md", _TASK_2025), postgres, psycopg
    )


# --- workflow: 09770ae5 (2023) and the 2025 page (06570acd), its columns S to U -------------

_STATE_2023 = """|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Draft|1|Draft|
|1|Activated|2|Activated|
|2|Suspended|3|Suspended|"""
_REASONS_2023 = """|Value|Label|State|
|-----|-----|-----|
|1|Draft|0|
|2|Activated|1|
|3|CompanyDLPViolation|2|"""
_FLOWS_2023 = """|Value|Label|Description|
|-----|-----|--------|
|0|Windows recorder (V1)||
|1|Selenium IDE||
|2|Power Automate Desktop||
|101|Recording||"""


def _workflow_2023() -> str:
    read_only = (
        (
            "ResourceContainer",
            (
                ("Description", "For internal use only."),
                ("DisplayName", "ResourceContainer"),
                ("FormatName", "Text"),
                ("IsValidForForm", "True"),
                ("IsValidForRead", "True"),
                ("LogicalName", "resourcecontainer"),
                ("MaxLength", "10000"),
                ("RequiredLevel", "None"),
                ("Type", "String"),
            ),
            "",
        ),
    )
    writable = (
        (
            "StateCode",
            (
                ("Description", "Status of the workflow"),
                ("DisplayName", "Status"),
                ("IsValidForCreate", "False"),
                ("LogicalName", "statecode"),
                ("RequiredLevel", "SystemRequired"),
                ("Type", "State"),
            ),
            _STATE_2023,
        ),
        (
            "StatusCode",
            (
                ("Description", "Reason for the status of the workflow"),
                ("DisplayName", "Status Reason"),
                ("LogicalName", "statuscode"),
                ("RequiredLevel", "None"),
                ("Type", "Status"),
            ),
            _REASONS_2023,
        ),
        (
            "UIFlowType",
            (
                ("Description", "Type of the UI Flow process."),
                ("DisplayName", "Desktop Flow Type"),
                ("IsValidForForm", "True"),
                ("IsValidForRead", "True"),
                ("IsValidForUpdate", "False"),
                ("LogicalName", "uiflowtype"),
                ("RequiredLevel", "None"),
                ("Type", "Picklist"),
            ),
            _FLOWS_2023,
        ),
        _key("WorkflowId", "workflowid", "Unique identifier of the process.", "Process"),
    )
    return _g1(
        2023,
        ("workflow", "Workflow", "UserOwned"),
        ("Create", "Retrieve"),
        writable,
        read_only,
        about="Set of logical rules that define the steps necessary to automate a specific "
        "business process, task, or set of actions to be performed.",
    )


_WORKFLOW_2025 = """---
title: "Process (Workflow) table/entity reference (Microsoft Dataverse)"
ms.topic: generated-reference
---

# Process (Workflow) table/entity reference (Microsoft Dataverse)

Set of logical rules that define the steps necessary to automate a specific business process, \
task, or set of actions to be performed.

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /workflows<br />See [Create](/x) |[Create records](/y)|
| `Retrieve`<br />Event: True |`GET` /workflows(*workflowid*)<br />See [Retrieve](/x) |\
[Retrieve records](/y)|

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Workflow** |
| **SchemaName** | `Workflow` |
| **EntitySetName** | `workflows`|
| **LogicalName** | `workflow` |
| **PrimaryIdAttribute** | `workflowid` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

### <a name="BKMK_ResourceContainer"></a> ResourceContainer

|Property|Value|
|---|---|
|Description|**For internal use only.**|
|DisplayName|**ResourceContainer**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`resourcecontainer`|
|RequiredLevel|None|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|10000|

### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|---|---|
|Description|**Status of the workflow**|
|DisplayName|**Status**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`statecode`|
|RequiredLevel|SystemRequired|
|Type|State|
|DefaultFormValue|0|
|GlobalChoiceName|`workflow_statecode`|

#### StateCode Choices/Options

|Value|Details|
|---|---|
|0|Label: **Draft**<br />DefaultStatus: 1<br />InvariantName: `Draft`|
|1|Label: **Activated**<br />DefaultStatus: 2<br />InvariantName: `Activated`|
|2|Label: **Suspended**<br />DefaultStatus: 3<br />InvariantName: `Suspended`|

### <a name="BKMK_StatusCode"></a> StatusCode

|Property|Value|
|---|---|
|Description|**Reason for the status of the workflow**|
|DisplayName|**Status Reason**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`statuscode`|
|RequiredLevel|None|
|Type|Status|
|DefaultFormValue|-1|
|GlobalChoiceName|`workflow_statuscode`|

#### StatusCode Choices/Options

|Value|Details|
|---|---|
|1|Label: **Draft**<br />State:0<br />TransitionData: None|
|2|Label: **Activated**<br />State:1<br />TransitionData: None|
|3|Label: **CompanyDLPViolation**<br />State:2<br />TransitionData: None|

### <a name="BKMK_ThrottlingBehavior"></a> ThrottlingBehavior

|Property|Value|
|---|---|
|Description|**The throttling behavior type.**|
|DisplayName|**Throttling behavior type**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`throttlingbehavior`|
|RequiredLevel|None|
|Type|Picklist|
|DefaultFormValue||
|GlobalChoiceName|`workflow_throttlingbehaviortype`|

#### ThrottlingBehavior Choices/Options

|Value|Label|
|---|---|
|0|**None**|
|1|**TenantPool**|
|2|**CopilotStudio**|

### <a name="BKMK_UIFlowType"></a> UIFlowType

|Property|Value|
|---|---|
|Description|**Type of the UI Flow process.**|
|DisplayName|**UI Flow Type**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`uiflowtype`|
|RequiredLevel|None|
|Type|Picklist|
|DefaultFormValue|-1|
|GlobalChoiceName|`workflow_uiflowtype`|

#### UIFlowType Choices/Options

|Value|Label|
|---|---|
|0|**Windows recorder (V1)**|
|1|**Selenium IDE**|
|2|**Power Automate Desktop**|
|3|**Test**|
|101|**Recording**|

### <a name="BKMK_WorkflowId"></a> WorkflowId

|Property|Value|
|---|---|
|Description|**Unique identifier of the process.**|
|DisplayName|**Process**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`workflowid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

FLOW = "workflow.columns"


def test_workflow_2023_to_2025_adds_a_choice_an_option_and_write_access() -> None:
    """The 2025 page lists the internal ``resourcecontainer`` among the writable columns (the
    2023 page among the read-only ones) and no longer says ``uiflowtype`` is create-only;
    a desktop flow type and a choice column join, the state model is the same."""
    assert _rules(_workflow_2023(), _WORKFLOW_2025, "workflow.md") == {
        f"{FLOW}.resourcecontainer.valid_for_create": ("column-access-added", False),
        f"{FLOW}.resourcecontainer.valid_for_update": ("column-access-added", False),
        f"{FLOW}.throttlingbehavior": ("column-added", False),
        f"{FLOW}.uiflowtype.choices.3": ("option-added", False),
        f"{FLOW}.uiflowtype.display_name": ("display-name-changed", False),
        f"{FLOW}.uiflowtype.valid_for_update": ("column-access-added", False),
    }


def test_the_workflow_migration_keeps_the_rows(postgres: PostgresServer) -> None:  # noqa: F811
    import psycopg

    old, new = _set("workflow.md", _workflow_2023()), _set("workflow.md", _WORKFLOW_2025)
    _migrates_keeping_rows(old, new, postgres, psycopg)


# --- email: 09770ae5 (2023) and the 2025 page -----------------------------------------------


def _g2(schema: str, description: str, display: str, rows: Rows, read: bool = True) -> str:
    """A column block as the 2024-on pages print it."""
    lines = [f'### <a name="BKMK_{schema}"></a> {schema}', "", "|Property|Value|", "|---|---|"]
    lines += [f"|Description|{f'**{description}**' if description else ''}|"]
    lines += [f"|DisplayName|{f'**{display}**' if display else ''}|"]
    lines += [f"|IsValidForForm|{'True' if display else 'False'}|", f"|IsValidForRead|{read}|"]
    lines += [f"|LogicalName|`{schema.lower()}`|"] + [f"|{key}|{value}|" for key, value in rows]
    return "\n".join(lines) + "\n"


_SENDER = "Shows the sender of the email."
_SENDERS_ACCOUNT = "Shows the parent account of the sender of the email."
_SLA = "Choose the service level agreement (SLA) that you want to apply to the email record."
_RECIPIENTS = "account, contact, knowledgearticle, queue, systemuser, unresolvedaddress"
_EMAIL_WRITABLE = "\n".join(
    (
        _g2(
            "ActivityId",
            "Unique identifier of the email activity.",
            "",
            (("RequiredLevel", "SystemRequired"), ("Type", "Uniqueidentifier")),
        ),
        _g2(
            "InternetMessageHeaders",
            "Contains a set of internet headers associated to the email message in json format",
            "Internet message headers",
            (
                ("RequiredLevel", "None"),
                ("Type", "String"),
                ("Format", "Text"),
                ("MaxLength", "500"),
            ),
        ),
        _g2(
            "related",
            "Enter the related records for the email.",
            "Related",
            (("RequiredLevel", "None"), ("Type", "PartyList"), ("Targets", _RECIPIENTS)),
        ),
        _g2(
            "SLAId",
            _SLA,
            "SLA",
            (("RequiredLevel", "None"), ("Type", "Lookup"), ("Targets", "sla")),
        ),
    )
)
_EMAIL_READ_ONLY = "\n".join(
    (
        _g2(
            "DescriptionBlobId",
            "File that contains description content.",
            "",
            (("RequiredLevel", "None"), ("Type", "File"), ("MaxSizeInKB", "128000")),
        ),
        _g2(
            "EmailSender",
            _SENDER,
            "",
            (
                ("RequiredLevel", "None"),
                ("Type", "Lookup"),
                ("Targets", "account, contact, queue, systemuser"),
            ),
        ),
        _g2(
            "SendersAccount",
            _SENDERS_ACCOUNT,
            "",
            (("RequiredLevel", "None"), ("Type", "Lookup"), ("Targets", "account")),
        ),
    )
)
_EMAIL_2025 = f"""---
title: "Email table/entity reference (Microsoft Dataverse)"
ms.topic: reference
---

# Email table/entity reference (Microsoft Dataverse)

Activity that is delivered using email protocols.

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /emails<br />See [Create](/x) |[Create records](/y)|
| `GetDecryptionKey`<br />Event: False | |<xref:Microsoft.Crm.Sdk.Messages.GetDecryptionKeyRequest>|
| `SendEmail`<br />Event: True |\
<xref:Microsoft.Dynamics.CRM.SendEmail?displayProperty=nameWithType /> |\
<xref:Microsoft.Crm.Sdk.Messages.SendEmailRequest>|

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Email** |
| **SchemaName** | `Email` |
| **EntitySetName** | `emails`|
| **LogicalName** | `email` |
| **PrimaryIdAttribute** | `activityid` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

{_EMAIL_WRITABLE}
## Read-only columns/attributes

{_EMAIL_READ_ONLY}
"""


def _email_2023() -> str:
    def name(schema: str, length: int, description: str, display: str) -> Column:
        rows: Rows = (
            ("Description", description),
            ("DisplayName", display),
            ("FormatName", "Text"),
        )
        rows += (("IsValidForForm", "False"), ("IsValidForRead", "True"))
        rows += (("IsValidForUpdate", "False"), ("LogicalName", schema.lower()))
        return (
            schema,
            (*rows, ("MaxLength", str(length)), ("RequiredLevel", "None"), ("Type", "String")),
            "",
        )

    writable = (
        _key("ActivityId", "activityid", "Unique identifier of the email activity."),
        name(
            "EmailSenderName",
            400,
            "Shows the name of the sender of the email.",
            "Email Sender Name",
        ),
        name(
            "SendersAccountName",
            400,
            "Shows the name of the sender account of the email.",
            "Email Sender Account Name",
        ),
        _lookup(
            "SLAId",
            "sla",
            ("Description", _SLA),
            ("DisplayName", "SLA"),
            ("IsValidForForm", "True"),
        ),
    )
    read_only = (
        (
            "DescriptionBlobId",
            (
                ("Description", "File that contains description content."),
                ("LogicalName", "descriptionblobid"),
                ("RequiredLevel", "None"),
                ("Type", "File"),
            ),
            "",
        ),
        _lookup("EmailSender", "account,contact,queue,systemuser", ("Description", _SENDER)),
        _lookup("SendersAccount", "account", ("Description", _SENDERS_ACCOUNT)),
        _string("SLAName", 100),
    )
    return _g1(
        2023,
        ("email", "Email", "UserOwned"),
        ("Create", "SendEmail"),
        writable,
        read_only,
        primary="activityid",
        about="Activity that is delivered using email protocols.",
    )


EMAIL = "email.columns"


def test_email_2023_to_2025_drops_only_what_clients_never_see() -> None:
    """The lookups' name helpers (no property of Microsoft's email EntityType: it has
    ``_emailsender_value`` and ``_sendersaccount_value``) are no longer listed; a text column
    and the PartyList ``related`` join (a PartyList is no property either: the Web API carries
    activity parties as ``email_activity_parties``); the File column states the size it always
    had room for, larger than the default (its property holds the file's id: no record target
    bounds the size); an SDK message is listed."""
    assert _rules(_email_2023(), _EMAIL_2025, "email.md") == {
        f"{EMAIL}.emailsendername": ("lookup-companion-removed", False),
        f"{EMAIL}.sendersaccountname": ("lookup-companion-removed", False),
        f"{EMAIL}.slaname": ("lookup-companion-removed", False),
        f"{EMAIL}.internetmessageheaders": ("column-added", False),
        f"{EMAIL}.related": ("column-added", False),
        f"{EMAIL}.descriptionblobid.max_size_in_kb": ("facet-widened-unenforced", False),
        "email.messages.GetDecryptionKey": ("message-added", False),
    }


def test_closed_properties_break_on_the_new_text_column_only(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With ``properties = "closed"`` the last version's JSON Schema and pydantic model refuse
    a record holding ``internetmessageheaders``; no record holds ``related``."""
    _project(workdir, capsys, {"email.md": _email_2023()})
    with (workdir / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write('properties = "closed"\n')
    _pages(workdir, {"email.md": _EMAIL_2025})
    assert run(capsys, "generate", "-q")[0] == 0
    code, out, _ = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 1
    assert f"column-added-closed: {EMAIL}.internetmessageheaders (" in out
    assert "related" not in out and "companion" not in out
    schema = json.loads(Path("generated/jsonschema/email.schema.json").read_text("utf-8"))
    assert "related" not in schema["properties"]


def test_the_email_migration_keeps_the_rows(postgres: PostgresServer) -> None:  # noqa: F811
    import psycopg

    old, new = _set("email.md", _email_2023()), _set("email.md", _EMAIL_2025)
    _migrates_keeping_rows(old, new, postgres, psycopg)


# --- a column made valid for read, while properties are closed -----------------------------


def _truncated(readable: bool) -> str:
    """The 2025 email page with ``IsSafeDescriptionTruncated``, which it prints as not valid
    for read (so neither the targets nor Microsoft's email EntityType carry it), made
    readable or not."""
    rows: Rows = (("RequiredLevel", "None"), ("Type", "Integer"), ("MaxValue", "2147483647"))
    block = _g2(
        "IsSafeDescriptionTruncated", "For internal use only.", "", (*rows, ("MinValue", "0"))
    )
    return (
        _EMAIL_2025 + "\n" + block.replace("|IsValidForRead|True|", f"|IsValidForRead|{readable}|")
    )


@pytest.mark.parametrize("properties", ["open", "closed"])
def test_a_column_made_readable_breaks_closed_records(properties: str) -> None:
    """A GET without ``$select`` now returns ``issafedescriptiontruncated``: with closed
    properties the last version's JSON Schema and pydantic model refuse the record, as for a
    column added (it was ``column-access-added``, safe, and the gate let it through)."""
    before, after = _set("email.md", _truncated(False)), _set("email.md", _truncated(True))
    config = Config(properties=properties)
    changes = closed_properties(diff_sets(before, after), config, after)
    rule = "column-added-closed" if properties == "closed" else "column-access-added"
    assert [(c.where, c.rule, c.breaking) for c in changes] == [
        (f"{EMAIL}.issafedescriptiontruncated.valid_for_read", rule, properties == "closed")
    ]


@pytest.mark.parametrize("properties", ["open", "closed"])
def test_the_last_version_s_records_targets_refuse_the_readable_column_when_closed(
    tmp_path: Path, properties: str
) -> None:
    record = {"activityid": "11111111-1111-4111-8111-111111111111", "issafedescriptiontruncated": 0}
    for readable, package in ((False, "old"), (True, "new")):
        tables = _set("email.md", _truncated(readable))
        config = Config(properties=properties, pydantic_package=f"{package}_{properties}")
        schema = render_schemas(tables, config)["email.schema.json"]
        takes = readable or properties == "open"
        assert jsonschema.Draft202012Validator(schema).is_valid(record) is takes
        files = PydanticTarget(config).render(tables, Diagnostics())
        with imported(files, tmp_path / package, f"{package}_{properties}") as module:
            model: type[pydantic.BaseModel] = module.Email
            if takes:
                model.model_validate(record)
            else:
                with pytest.raises(pydantic.ValidationError, match="issafedescriptiontruncated"):
                    model.model_validate(record)


# --- a state added while choices are open ---------------------------------------------------


def _retired(year: int = 2023) -> str:
    """aciviewmapper's page with a third state, *Retired* (2), and its status reason (3): a
    hand edit of the real state model (Microsoft's tables do gain states: workflow's 2023 and
    2025 pages list *Suspended*, 2, beside Draft and Activated)."""
    text = _aciviewmapper(year).replace(
        "|1|Inactive|2|Inactive|", "|1|Inactive|2|Inactive|\n|2|Retired|3|Retired|"
    )
    return text.replace("|2|Inactive|1|", "|2|Inactive|1|\n|3|Retired|2|")


STATES = "aciviewmapper.columns"


@pytest.mark.parametrize("choices", ["open", "closed"])
def test_a_state_added_breaks_whatever_the_choices_setting(choices: str) -> None:
    """The targets keep a State closed with ``choices = "open"`` (the pydantic enum, the JSON
    Schema's ``oneOf``): the last version refuses a record in the new state. It was
    ``option-added``, safe, and the gate let it through; a status reason stays open."""
    before, after = _set("a.md", _aciviewmapper(2023)), _set("a.md", _retired())
    changes = closed_options(diff_sets(before, after), Config(choices=choices), after)
    reason = "option-added-closed" if choices == "closed" else "option-added"
    assert {c.where: c.rule for c in changes} == {
        f"{STATES}.statecode.choices.2": "option-added-closed",
        f"{STATES}.statuscode.choices.3": reason,
    }


def test_the_last_version_s_records_targets_refuse_the_new_state_with_open_choices(
    tmp_path: Path,
) -> None:
    """The last version takes a status reason it does not know (open choices), not a state."""
    retired = {"statecode": 2, "statuscode": 3}
    reason = {"statecode": 1, "statuscode": 3}
    for text, package in ((_aciviewmapper(2023), "old"), (_retired(), "new")):
        tables = _set("a.md", text)
        config = Config(choices="open", pydantic_package=f"{package}_states")
        schema = render_schemas(tables, config)["aciviewmapper.schema.json"]
        validator = jsonschema.Draft202012Validator(schema)
        assert validator.is_valid(retired) is (package == "new")
        assert validator.is_valid(reason) is (package == "old")  # new: 3 is Retired's
        files = PydanticTarget(config).render(tables, Diagnostics())
        with imported(files, tmp_path / package, f"{package}_states") as module:
            model: type[pydantic.BaseModel] = module.ACIViewMapper
            if package == "new":
                model.model_validate(retired)
            else:
                model.model_validate(reason)
                with pytest.raises(pydantic.ValidationError, match="statecode"):
                    model.model_validate(retired)


def test_the_gate_names_the_new_state_with_open_choices(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(workdir, capsys, {"aciviewmapper.md": _aciviewmapper(2023)})
    with (workdir / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write('choices = "open"\n')
    _pages(workdir, {"aciviewmapper.md": _retired()})
    assert run(capsys, "generate", "-q")[0] == 0
    code, out, _ = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 1
    assert f"option-added-closed: {STATES}.statecode.choices.2 (" in out
    assert "statuscode" not in out


# --- solutions ------------------------------------------------------------------------------

SOLUTIONS = SHARED / "solutions"
KIT = SOLUTIONS / "microsoft__Power-CAT-Copilot-Studio-Kit__CopilotStudioAccelerator"
INCIDENTS = SOLUTIONS / "pnp__powerplatform-samples__IncidentReporting"


def _copy(source: Path, target: Path) -> Path:
    if not source.is_dir():
        pytest.skip(NO_SHARED)
    shutil.copytree(source, target)
    return target


def _kit_2be6f545(folder: Path) -> None:
    """``OptionSets/cat_testtype.xml`` as commit 2be6f545 has it: options 1 to 4, no
    ``IsHidden`` (93f0eb73 adds *Plan Validation*, 6, then *Multi-turn*, 5)."""
    path = folder / "OptionSets/cat_testtype.xml"
    text = path.read_text("utf-8-sig").replace(' IsHidden="0"', "")
    start = text.index('    <option value="6"')
    end = text.index("  </options>")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def _export(
    workdir: Path, capsys: pytest.CaptureFixture[str], old: Path, new: Path, settings: str
) -> tuple[int, str]:
    """``old`` generated and committed, ``new`` exported over it: the gate's exit and output."""
    (workdir / "pyproject.toml").write_text(
        f'[tool.dvgen]\nspecs = "specs"\nout = "generated"\n{settings}', encoding="utf-8"
    )
    _git("init", "-q", "-b", "main")
    shutil.copytree(old, workdir / "specs/sol")
    assert run(capsys, "generate", "-q")[0] == 0
    _git("add", "-A")
    _git("commit", "-q", "-m", "old export")
    shutil.rmtree(workdir / "specs/sol")
    shutil.copytree(new, workdir / "specs/sol")
    assert run(capsys, "generate", "-q")[0] == 0
    code, out, _ = run(capsys, "check", "--breaking-against", "HEAD")
    return code, out


def _tables(folder: Path) -> TableSet:
    config = Config(specs=folder, out=folder.parent / "out", cache=False)
    return load_tables(config, Diagnostics())


TEST_TYPE = ("cat_copilottest", "cat_copilottestresult")


@pytest.mark.parametrize("choices", ["closed", "open"])
def test_a_global_choice_two_tables_share_gains_options(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
    choices: str,
) -> None:
    """Both columns that name ``cat_testtype`` gain the options, each read at its line in the
    OptionSets file; closed choices break both, open ones neither."""
    base = tmp_path_factory.mktemp("kit")
    new = _copy(KIT, base / "new")
    old = _copy(KIT, base / "old")
    _kit_2be6f545(old)
    code, out = _export(workdir, capsys, old, new, f'choices = "{choices}"\n')
    found = [line.strip() for line in out.splitlines() if ".cat_testtypecode.choices." in line]
    if choices == "open":
        assert (code, found) == (0, [])
        return
    assert code == 1
    lines = (workdir / "specs/sol/OptionSets/cat_testtype.xml").read_text("utf-8-sig").splitlines()
    at = {v: next(i for i, x in enumerate(lines, 1) if f'option value="{v}"' in x) for v in (5, 6)}
    assert found == [
        f"specs/sol/OptionSets/cat_testtype.xml:{at[value]}: option-added-closed: "
        f"{table}.columns.cat_testtypecode.choices.{value} (" + found[i].split(" (", 1)[1]
        for i, (table, value) in enumerate((t, v) for t in TEST_TYPE for v in (5, 6))
    ]


def _incidents_89f6a3b6(folder: Path) -> None:
    """The IncidentReporting export of 89f6a3b6: a ``SystemUser`` shell with no columns among
    its root components, and the many-to-many relationships of systemuser with two portal
    tables (``adx_webrole_systemuser``, ``powerpagecomponent_webrole_systemuser``)."""
    (folder / "Entities/SystemUser").mkdir()
    (folder / "Entities/SystemUser/Entity.xml").write_text(_SYSTEMUSER, encoding="utf-8")
    solution = folder / "Other/Solution.xml"
    root = '<RootComponent type="1" schemaName="team"'
    text = solution.read_text("utf-8-sig")
    text = text.replace(
        root, '<RootComponent type="1" schemaName="systemuser" behavior="0" />\n      ' + root
    )
    solution.write_text(text, encoding="utf-8")
    listed = folder / "Other/Relationships.xml"
    text = listed.read_text("utf-8-sig").replace(
        "</EntityRelationships>",
        '  <EntityRelationship Name="adx_webrole_systemuser" />\n'
        '  <EntityRelationship Name="powerpagecomponent_webrole_systemuser" />\n'
        "</EntityRelationships>",
    )
    listed.write_text(text, encoding="utf-8")
    for first, name in (
        ("Adx_webrole", "adx_webrole_systemuser"),
        ("powerpagecomponent", "powerpagecomponent_webrole_systemuser"),
    ):
        (folder / f"Other/Relationships/{first}.xml").write_text(
            _many(first, name), encoding="utf-8"
        )


_SYSTEMUSER = """<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Employee" OriginalName="">SystemUser</Name>
  <EntityInfo>
    <entity Name="SystemUser">
      <LocalizedNames>
        <LocalizedName description="Employee" languagecode="1033" />
      </LocalizedNames>
      <attributes />
      <EntitySetName>systemusers</EntitySetName>
      <OwnershipTypeMask>BusinessOwned</OwnershipTypeMask>
      <IsActivity>0</IsActivity>
      <IsActivityParty>1</IsActivityParty>
      <IntroducedVersion>5.0.0.0</IntroducedVersion>
    </entity>
  </EntityInfo>
</Entity>
"""


def _many(first: str, name: str) -> str:
    role = (
        "      <EntityRelationshipRole>\n"
        f"        <NavigationPropertyName>{name}</NavigationPropertyName>\n"
        "        <AssociationRoleOrdinal>{}</AssociationRoleOrdinal>\n"
        "      </EntityRelationshipRole>\n"
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<EntityRelationships xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <EntityRelationship Name="{name}">
    <EntityRelationshipType>ManyToMany</EntityRelationshipType>
    <FirstEntityName>{first}</FirstEntityName>
    <SecondEntityName>SystemUser</SecondEntityName>
    <IntersectEntityName>{name}</IntersectEntityName>
    <EntityRelationshipRoles>
{role.format(1)}{role.format(2)}    </EntityRelationshipRoles>
  </EntityRelationship>
</EntityRelationships>
"""


def test_an_export_that_stops_carrying_a_platform_table_removes_it(
    workdir: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The generated ``systemuser`` (its JSON Schema, pydantic model, ``$metadata`` entity
    type and SQL table) is gone with the shell: ``table-removed``, read in REF's model; the
    custom activity's lookups to it keep their columns and lose their foreign keys."""
    base = tmp_path_factory.mktemp("incidents")
    new = _copy(INCIDENTS, base / "new")
    old = _copy(INCIDENTS, base / "old")
    _incidents_89f6a3b6(old)
    code, out = _export(workdir, capsys, old, new, "")
    assert code == 1
    found = [line.strip() for line in out.splitlines() if ": table-removed: " in line]
    assert [line.split(" (")[0] for line in found] == [
        "HEAD:generated/model/systemuser.yaml:2: table-removed: systemuser"
    ]
    _, listed, _ = run(capsys, "diff", "--against", "HEAD", "--format", "json")
    assert [(c["table"], c["rule"]) for c in json.loads(listed)["changes"]] == [
        ("systemuser", "table-removed")
    ]


@pytest.mark.parametrize("pair", ["kit", "incidents"])
def test_the_solution_migrations_keep_the_rows(
    tmp_path: Path,
    pair: str,
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    source, edit = (KIT, _kit_2be6f545) if pair == "kit" else (INCIDENTS, _incidents_89f6a3b6)
    new = _copy(source, tmp_path / "new" / "sol")
    old = _copy(source, tmp_path / "old" / "sol")
    edit(old)
    before, after = _tables(old.parent), _tables(new.parent)
    assert diff_sets(before, after)
    _migrates_keeping_rows(before, after, postgres, psycopg)
