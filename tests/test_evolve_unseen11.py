"""The gate after the reader's view of widened facets, on real pages and a real solution.

A widened MaxLength, MinValue/MaxValue or Precision is breaking where the last version's JSON
Schema or pydantic model enforces the bound, ``facet-widened-unenforced`` elsewhere; a narrowed
one is breaking. Each verdict here is held to the real targets: the last version's JSON Schema
(python-jsonschema) and pydantic model (imported) refuse a value the new version returns exactly
when the verdict is breaking, and ``dvgen migrate`` keeps the rows on SQLite and PostgreSQL 15.

Real sources (MicrosoftDocs/powerapps-docs ``.../reference/entities/``):

- ``sharepointsite.md``, 2021 layout (``| MicrosoftDocs``): ``relativeurl`` MaxLength 160,
  ``exchangerate`` MinValue 0.0000000001 and Precision 10, the decimal spelling of the 2021 pages;
- ``sharepointdocumentlocation.md`` 10/05/2021 and 02/15/2023 (09770ae5, ../shared/corpus):
  ``relativeurl`` 255, ``exchangerate`` 0.000000000001 and 12 places;
- ``appointment.md`` 11/14/2020 (005fe887, ../shared/corpus): ``exchangerate`` 0.0000000001 and
  10 places, as every 2020 page; 2021 and later pages print 12 places (fax, 1b6722f3).

The 2023 pages spell the same bounds ``1E-10`` and ``1E-12``: a spelling is no change.

And a real unpacked solution (../shared/solutions, Xiaomingyn/PP.Asset.Management), edited as a
maker would: a longer serial number, a shorter description, a purchase value no longer negative
and its places no longer the currency's (AccuracySource 2 -> 0).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.model import TableSet
from tests.conftest import run, settings
from tests.pages import resolved
from tests.test_evolve_gate import git
from tests.test_evolve_unseen7 import ASSETS, _edit, _migrates_keeping_rows, _solution
from tests.test_evolve_widened import Version, versions  # noqa: F401 (the fixture)
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer

SITE = """---
title: "SharePoint Site (SharePointSite) table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 10/05/2021
---

# SharePoint Site (SharePointSite) table/entity reference

SharePoint site from where documents can be managed in Microsoft Dynamics 365.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|SharePointSites|
|DisplayCollectionName|SharePoint Sites|
|DisplayName|SharePoint Site|
|EntitySetName|sharepointsites|
|IsBPFEntity|False|
|LogicalCollectionName|sharepointsites|
|LogicalName|sharepointsite|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|sharepointsiteid|
|PrimaryNameAttribute|name|
|SchemaName|SharePointSite|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [Name](#BKMK_Name)
- [RelativeUrl](#BKMK_RelativeUrl)
- [SharePointSiteId](#BKMK_SharePointSiteId)

### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|Description|Type a logical name for the SharePoint site.|
|DisplayName|Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|name|
|MaxLength|160|
|RequiredLevel|SystemRequired|
|Type|String|


### <a name="BKMK_RelativeUrl"></a> RelativeUrl

|Property|Value|
|--------|-----|
|Description|Relative URL of the SharePoint site.|
|DisplayName|Relative URL|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|relativeurl|
|MaxLength|{url}|
|RequiredLevel|None|
|Type|String|


### <a name="BKMK_SharePointSiteId"></a> SharePointSiteId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the SharePoint site in Dynamics 365|
|DisplayName|SharePoint Site ID|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|sharepointsiteid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [ExchangeRate](#BKMK_ExchangeRate)

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|--------|-----|
|Description|Exchange rate between the currency associated with the SharePoint site record and the base currency.|
|DisplayName|Exchange Rate|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|exchangerate|
|MaxValue|100000000000|
|MinValue|{rate}|
|Precision|{places}|
|RequiredLevel|None|
|Type|Decimal|
"""
"""The 2021 page of sharepointsite, cut to three columns and the rate: ``{url}``, ``{rate}`` and
``{places}`` are 160, 0.0000000001 and 10 on it; 255, 0.000000000001 and 12 on the pages of
its sibling sharepointdocumentlocation."""


def _site(url: int, rate: str, places: int) -> TableSet:
    tables, warnings = resolved(
        ("sharepointsite.md", SITE.format(url=url, rate=rate, places=places))
    )
    assert warnings == []
    return tables


def _rules(old: TableSet, new: TableSet) -> dict[str, tuple[str, bool]]:
    return {c.where: (c.rule, c.breaking) for c in diff_sets(old, new)}


OLD_SITE = (160, "0.0000000001", 10)
NEW_SITE = (255, "0.000000000001", 12)


def test_a_longer_url_and_a_finer_rate_break_the_last_versions_readers(
    versions: Any,  # noqa: F811
) -> None:
    """Dataverse returns a 200-character URL, a rate of 2E-12 and one of twelve places: the
    2021 JSON Schema refuses the first two (``maxLength`` 160, ``minimum`` 1E-10) and only
    annotates the places, which its pydantic model refuses; all three are breaking."""
    old_set, new_set = _site(*OLD_SITE), _site(*NEW_SITE)
    prefix = "sharepointsite.columns"
    assert _rules(old_set, new_set) == {
        f"{prefix}.relativeurl.max_length": ("length-widened", True),
        f"{prefix}.exchangerate.min_value": ("range-widened", True),
        f"{prefix}.exchangerate.precision": ("precision-widened", True),
    }
    old: Version = versions(old_set, "sharepointsite", "SharePointSite", "site_2021")
    new: Version = versions(new_set, "sharepointsite", "SharePointSite", "site_2023")
    url, small, places = (
        {"relativeurl": "u" * 200},
        {"exchangerate": 2e-12},
        {"exchangerate": 0.123456789012},
    )
    for record in (url, small, places):
        assert new.schema_takes(record) and new.model_takes(record), record
        assert not old.model_takes(record), record
    assert not old.schema_takes(url) and not old.schema_takes(small)
    assert old.schema_takes(places)  # x-dataverse-precision: an annotation
    within = {"relativeurl": "u" * 160, "exchangerate": 0.5}
    assert old.schema_takes(within) and old.model_takes(within)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (OLD_SITE, (160, "1E-10", 10)),
        (NEW_SITE, (255, "1E-12", 12)),
    ],
    ids=["2021-rate", "2023-rate"],
)
def test_the_2023_spelling_of_the_same_bound_is_no_change(
    old: tuple[int, str, int], new: tuple[int, str, int]
) -> None:
    assert diff_sets(_site(*old), _site(*new)) == []


def test_narrowing_back_is_breaking_for_writers() -> None:
    """The reverse pair: values the 2023 targets took, the 2021 ones refuse (writers break)."""
    assert _rules(_site(*NEW_SITE), _site(*OLD_SITE)) == {
        "sharepointsite.columns.relativeurl.max_length": ("length-narrowed", True),
        "sharepointsite.columns.exchangerate.min_value": ("range-narrowed", True),
        "sharepointsite.columns.exchangerate.precision": ("precision-narrowed", True),
    }


def test_the_site_migrates_keeping_its_rows(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    _migrates_keeping_rows(_site(*OLD_SITE), _site(*NEW_SITE), postgres, psycopg)


# --- a real solution, edited as a maker would -------------------------------------------------

needs_solutions = pytest.mark.skipif(not ASSETS.is_dir(), reason="../shared/solutions is absent")

EDITS = (
    ('"ayc_Serialnumber">', "<MaxLength>100</MaxLength>", "<MaxLength>200</MaxLength>"),
    ('"ayc_Description">', "<MaxLength>4000</MaxLength>", "<MaxLength>2000</MaxLength>"),
    ('"ayc_PurchaseValue">', "<MinValue>-922337203685477</MinValue>", "<MinValue>0</MinValue>"),
    (
        '"ayc_PurchaseValue">',
        "<AccuracySource>2</AccuracySource>",
        "<AccuracySource>0</AccuracySource>",
    ),
)
"""A serial number of 200 characters, a description of 2,000, a purchase value of at least 0
whose places are its own (Accuracy 2) rather than the currency's (4, what the targets hold)."""


def _edit_asset(folder: Path) -> None:
    for after, old, new in EDITS:
        _edit(folder / "Entities/ayc_Asset/Entity.xml", after, old, new)


def _assets(tmp: Path) -> tuple[TableSet, TableSet]:
    old, new = tmp / "old" / "sol", tmp / "new" / "sol"
    shutil.copytree(ASSETS, old)
    shutil.copytree(ASSETS, new)
    _edit_asset(new)
    return _solution(old, tmp / "old"), _solution(new, tmp / "new")


ASSET_RULES = {
    "ayc_asset.columns.ayc_serialnumber.max_length": ("length-widened", True),
    "ayc_asset.columns.ayc_description.max_length": ("length-narrowed", True),
    "ayc_asset.columns.ayc_purchasevalue.min_value": ("range-narrowed", True),
    "ayc_asset.columns.ayc_purchasevalue.precision_source": ("precision-narrowed", True),
}


@needs_solutions
def test_a_makers_widening_and_narrowings_are_what_the_targets_refuse(
    tmp_path: Path,
    versions: Any,  # noqa: F811
) -> None:
    old_set, new_set = _assets(tmp_path)
    assert _rules(old_set, new_set) == ASSET_RULES
    old: Version = versions(old_set, "ayc_asset", "AycAsset", "assets_old")
    new: Version = versions(new_set, "ayc_asset", "AycAsset", "assets_new")
    longer = {"ayc_serialnumber": "s" * 150}
    assert new.schema_takes(longer) and new.model_takes(longer)
    assert not old.schema_takes(longer) and not old.model_takes(longer)
    for record in ({"ayc_description": "d" * 3000}, {"ayc_purchasevalue": -5}):
        assert old.schema_takes(record) and old.model_takes(record), record
        assert not new.schema_takes(record) and not new.model_takes(record), record
    places = {"ayc_purchasevalue": 1.2345}
    assert old.model_takes(places) and not new.model_takes(places)
    assert old.schema_takes(places) and new.schema_takes(places)  # annotated only


@needs_solutions
def test_the_edited_solution_migrates_keeping_its_rows(
    tmp_path: Path,
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _assets(tmp_path)
    _migrates_keeping_rows(old, new, postgres, psycopg)


@needs_solutions
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_acknowledging_a_widening_end_to_end(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/evolution.md's flow on the solution: the gate fails naming the rules and printing
    the TOML; the entries acknowledge them; once committed they acknowledge nothing and warn."""
    shutil.copytree(ASSETS, workdir / "specs")
    settings(workdir, 'specs = "specs"\nout = "generated"')
    git("init", "-q", "-b", "main")
    assert run(capsys, "generate")[0] == 0
    git("add", "-A")
    git("commit", "-q", "-m", "first")
    _edit_asset(workdir / "specs")
    assert run(capsys, "generate")[0] == 0
    code, out, err = run(capsys, "diff", "--against", "HEAD", "--format", "json")
    assert code == 0
    changes = json.loads(out)["changes"]
    found = {".".join([c["table"], *c["path"]]): (c["rule"], c["breaking"]) for c in changes}
    assert found == ASSET_RULES
    code, out, err = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 1
    assert "length-widened: ayc_asset.columns.ayc_serialnumber.max_length" in out
    assert "4 breaking change(s) since HEAD not acknowledged" in err
    toml = out[out.index("[[tool.dvgen.breaking.allow]]") :].replace(
        "why clients can take this change", "clients regenerate from release 2"
    )
    with (workdir / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + toml)
    assert run(capsys, "check", "--breaking-against", "HEAD") == (0, "", "")
    git("commit", "-q", "-am", "second")
    code, out, err = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 0
    assert err.count("[breaking-allow-unused]") == 4
