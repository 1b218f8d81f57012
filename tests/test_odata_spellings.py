"""``odata-spellings``: Dataverse's own spellings (``Scale="Variable"``, the Core vocabulary's
``PermissionType``) on request; by default the OASIS ones, valid by edm.xsd and the
vocabulary the document references."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.config import Config, _from_section
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.model import TableSet
from dvgen.targets.odata.target import ODataTarget


def _metadata(tables: TableSet, spellings: str | None = None) -> str:
    config = Config() if spellings is None else Config(odata_spellings=spellings)
    diagnostics = Diagnostics()
    text = ODataTarget(config).render(tables, diagnostics)["metadata.xml"]
    assert not diagnostics.has_errors
    return text


def test_default_is_the_oasis_spelling(seed_set: TableSet) -> None:
    text = _metadata(seed_set)
    assert 'Scale="variable"' in text
    assert "<EnumMember>Org.OData.Core.V1.Permission/Read</EnumMember>" in text
    assert "Variable" not in text and "PermissionType" not in text
    assert text == _metadata(seed_set, "oasis")


def test_dataverse_spelling(seed_set: TableSet) -> None:
    text = _metadata(seed_set, "dataverse")
    assert 'Scale="Variable"' in text and 'Scale="variable"' not in text
    assert "<EnumMember>Org.OData.Core.V1.PermissionType/Read</EnumMember>" in text
    assert "Core.V1.Permission/Read" not in text
    oasis = _metadata(seed_set)
    assert text.replace("Variable", "variable").replace("PermissionType/", "Permission/") == oasis


def test_the_setting_is_checked() -> None:
    assert _from_section({"odata-spellings": "dataverse"}, Path("p.toml")).odata_spellings == (
        "dataverse"
    )
    with pytest.raises(SpecError, match="must be one of 'oasis', 'dataverse'"):
        _from_section({"odata-spellings": "microsoft"}, Path("p.toml"))
