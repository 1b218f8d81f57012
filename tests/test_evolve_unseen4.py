"""The breaking-change gate on real solution history: unpacked solutions whose repositories
hold several commits of the same export, generated from the older one, committed, and checked
against the newer one (short excerpts of the real files, inline).

- Pilseta-cilvekiem/Participant-Management (``Customizations/``): the global choice
  ``OptionSets/pc_emailcategory.xml``, used by the column ``pc_category`` the solution adds to
  Microsoft's ``email``, has two options at commit ab5f12f and three at 9a8ec73 (``Member
  Welcome Email``, 947970002, added). The option is written in the OptionSets file: the
  ``Entity.xml`` of ``email`` only names the choice (``<OptionSetName>``), and is the same at
  both commits. The gate pointed at that column's line, where nothing changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run
from tests.solution_support import HEAD, manifest

ROOTS = """
      <RootComponent type="1" schemaName="email" behavior="1" />
      <RootComponent type="9" schemaName="pc_emailcategory" behavior="0" />"""

EMAIL = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Email" OriginalName="">Email</Name>
  <EntityInfo>
    <entity Name="Email">
      <attributes>
        <attribute PhysicalName="pc_Category">
          <Type>picklist</Type>
          <Name>pc_category</Name>
          <LogicalName>pc_category</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <ValidForUpdateApi>1</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>1</IsCustomField>
          <AppDefaultValue>-1</AppDefaultValue>
          <OptionSetName>pc_emailcategory</OptionSetName>
          <displaynames>
            <displayname description="Category" languagecode="1033" />
            <displayname description="Kategorija" languagecode="1062" />
          </displaynames>
        </attribute>
      </attributes>
      <EntitySetName>emails</EntitySetName>
    </entity>
  </EntityInfo>
</Entity>
"""

CATEGORY_AB5F12F = """<optionset
  Name="pc_emailcategory"
  localizedName="Email Category" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>
  <displaynames>
    <displayname
      description="Email Category"
      languagecode="1033" />
  </displaynames>
  <options>
    <option
      value="947970000">
      <labels>
        <label
          description="Debt Reminder"
          languagecode="1033" />
        <label
          description="Atgādinājums par parādu"
          languagecode="1062" />
      </labels>
    </option>
    <option
      value="947970001">
      <labels>
        <label
          description="Supporter Welcome Email"
          languagecode="1033" />
      </labels>
    </option>
  </options>
</optionset>
"""

CATEGORY_9A8EC73 = """<optionset Name="pc_emailcategory" localizedName="Email Category" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>
  <displaynames>
    <displayname description="Email Category" languagecode="1033" />
  </displaynames>
  <options>
    <option value="947970000">
      <labels>
        <label description="Debt Reminder" languagecode="1033" />
        <label description="Atgādinājums par parādu" languagecode="1062" />
      </labels>
    </option>
    <option value="947970001">
      <labels>
        <label description="Supporter Welcome Email" languagecode="1033" />
      </labels>
    </option>
    <option value="947970002">
      <labels>
        <label description="Member Welcome Email" languagecode="1033" />
      </labels>
    </option>
  </options>
</optionset>
"""
CATEGORY_FILE = "specs/CityForPeople/OptionSets/pc_emailcategory.xml"
ADDED = 'value="947970002"'
RELABELLED = 'value="947970000"'


def _write(category: str) -> None:
    files = {
        "Other/Solution.xml": manifest("CityForPeople", "pc", 94797, ROOTS),
        "Entities/Email/Entity.xml": EMAIL,
        "OptionSets/pc_emailcategory.xml": category,
    }
    for relative, text in files.items():
        path = Path("specs/CityForPeople") / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEAD + text, encoding="utf-8")


def _line(text: str, needle: str) -> int:
    """The 1-based line of ``needle`` in a file written with ``HEAD`` (one line) before it."""
    return 1 + next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _gate(capsys: pytest.CaptureFixture[str], old: str, new: str) -> tuple[int, str, Any]:
    _write(old)
    assert run(capsys, "generate", "--specs", "specs", "--out", "old", "--no-cache", "-q")[0] == 0
    _write(new)
    argv = ("--specs", "specs", "--out", "new", "--no-cache")
    assert run(capsys, "generate", *argv, "-q")[0] == 0
    code, out, _ = run(capsys, "check", "--breaking-against", "old/model", *argv)
    diff = run(capsys, "diff", "--against", "old/model", *argv[:2], "--format", "json")[1]
    return code, out, json.loads(diff)


def test_an_option_added_to_a_global_choice_is_read_at_its_line_in_optionsets(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The gate and the diff name the option's line in OptionSets/pc_emailcategory.xml, not
    the line of the column that names the choice (Entity.xml, unchanged)."""
    code, out, diff = _gate(capsys, CATEGORY_AB5F12F, CATEGORY_9A8EC73)
    where = f"{CATEGORY_FILE}:{_line(CATEGORY_9A8EC73, ADDED)}"
    assert code == 1
    assert f"{where}: option-added-closed: email.columns.pc_category.choices.947970002" in out
    [change] = diff["changes"]
    assert (change["rule"], change["loc"]) == ("option-added-closed", where)


def test_an_option_of_a_global_choice_relabelled_is_read_at_its_line(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A label changed in the OptionSets file: its option's line there."""
    relabelled = CATEGORY_9A8EC73.replace("Debt Reminder", "Payment Reminder")
    code, out, diff = _gate(capsys, CATEGORY_9A8EC73, relabelled)
    where = f"{CATEGORY_FILE}:{_line(relabelled, RELABELLED)}"
    assert code == 1
    assert f"{where}: option-label-changed: email.columns.pc_category.choices.947970000" in out
    [change] = diff["changes"]
    assert change["loc"] == where
