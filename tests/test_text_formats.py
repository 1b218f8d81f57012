"""A text column's format in every target: annotated by the record targets, refusing nothing.

Dataverse keeps a String or Memo column's format (FormatName: Email, Url, Phone, TickerSymbol,
TextArea, PhoneticGuide, VersionNumber, Json, RichText) to choose its apps' controls, and
validates no value against it: "the applied formats do not validate context, domains, or any
other values. They instruct the UI, which control to use for that type"
(MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/
data-type-format-conversions.md); a model-driven app's email address validation "shows
validation issues but won't block users from saving their record"
(powerapps-docs/maker/data-platform/data-validation-email-column.md); and Microsoft's EntityType
of ``contact`` (dynamics365-docs-odata-apis, entitytypes/contact.yml) holds ``emailaddress1`` as
a bare ``Edm.String``. FormatName is read before Format ("the FormatName value is considered
first", format-and-formatname-columns.md), and is the more precise (a Phone column's Format is
Text).

So the JSON Schema has the annotation ``x-dataverse-format`` (no ``format``, which
python-jsonschema's format checker and ajv-formats assert), the pydantic field the same
in ``json_schema_extra`` on a plain strict ``str`` (no ``EmailStr``, ``AnyUrl`` or ``Json``),
and the SQL and CSDL say nothing: a record holding ``"not-an-email"``, ``www.contoso.com``
or ``{not json`` passes all of them, as Dataverse stores it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import black
import jsonschema
import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.model import Column, ColumnType
from dvgen.targets.jsonschema.properties import ANNOTATION_KEYWORDS
from dvgen.webapi.textformats import text_format
from tests.conftest import CORPUS, NO_SHARED
from tests.test_jsonschema_validators import needs_ajv, run_ajv
from tests.test_odata_tools import xsd_errors
from tests.test_pydantic import imported

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


def _text(logical: str, kind: str, fmt: str, key: str = "format_name", length: int = 200) -> str:
    return f"""  - logical_name: contoso_{logical}
    schema_name: contoso_{logical.capitalize()}
    type: {kind}
    display_name: {logical.capitalize()}
    {key}: {fmt}
    max_length: {length}
"""


SPEC = (
    """logical_name: contoso_card
schema_name: contoso_Card
display_name: Card
display_collection_name: Cards
entity_set_name: contoso_cards
primary_id_attribute: contoso_cardid
primary_name_attribute: contoso_name
ownership_type: UserOwned
columns:
  - logical_name: contoso_cardid
    schema_name: contoso_CardId
    type: Uniqueidentifier
    display_name: Card
    valid_for_update: false
"""
    + _text("name", "String", "Text", key="format")
    + _text("email", "String", "Email")
    + _text("website", "String", "Url")
    + _text("phone", "String", "Phone")
    + _text("ticker", "String", "TickerSymbol")
    + _text("version", "String", "VersionNumber")
    + _text("yomi", "String", "PhoneticGuide")
    + _text("lines", "String", "TextArea")
    + _text("settings", "Memo", "Json", length=100000)
    + _text("body", "Memo", "RichText", length=100000)
    + _text("notes", "Memo", "TextArea", key="format", length=2000)
    + """  - logical_name: contoso_mobile
    schema_name: contoso_Mobile
    type: String
    display_name: Mobile
    format: Text
    format_name: Phone
    max_length: 50
  - logical_name: contoso_build
    schema_name: contoso_Build
    type: String
    display_name: Build
    valid_for_read: false
    format_name: VersionNumber
    max_length: 48
"""
)
"""Every text format; ``contoso_mobile`` as a G1 page prints a Phone column (Format Text);
``contoso_build`` write-only, whose pydantic ``json_schema_extra`` is too long for a line."""

FORMATS = {
    "contoso_email": "Email",
    "contoso_website": "Url",
    "contoso_phone": "Phone",
    "contoso_ticker": "TickerSymbol",
    "contoso_version": "VersionNumber",
    "contoso_yomi": "PhoneticGuide",
    "contoso_lines": "TextArea",
    "contoso_settings": "Json",
    "contoso_body": "RichText",
    "contoso_notes": "TextArea",
    "contoso_mobile": "Phone",
    "contoso_build": "VersionNumber",
}
RECORD = {
    "contoso_cardid": "1b0c8f2e-4a5d-4c3b-9e8f-7a6b5c4d3e2f",
    "contoso_name": "Harbour",
    "contoso_email": "not-an-email",
    "contoso_website": "www.contoso.com",
    "contoso_phone": "call reception",
    "contoso_ticker": "?",
    "contoso_version": "not.a.version",
    "contoso_yomi": "",
    "contoso_lines": "a\nb",
    "contoso_settings": "{not json",
    "contoso_body": "<p>unclosed",
    "contoso_notes": "x",
    "contoso_mobile": "+1 (555) 0100",
    "contoso_build": "9.2.24",
}
"""Values Dataverse stores in those columns: no format refuses any."""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("textformats")
    (folder / "specs").mkdir()
    (folder / "specs" / "contoso_card.yaml").write_text(SPEC, encoding="utf-8")
    argv = ["generate", "--specs", str(folder / "specs"), "--out", str(folder / "out")]
    assert main([*argv, "--no-cache", "-q"]) == 0
    return folder / "out"


def _schema(out: Path) -> dict[str, Any]:
    text = (out / "jsonschema" / "contoso_card.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _column(**facets: Any) -> Column:
    base: dict[str, Any] = {"logical_name": "x", "schema_name": "X", "type": ColumnType.STRING}
    return Column(**(base | facets))


@pytest.mark.parametrize(
    ("facets", "expected"),
    [
        ({"format_name": "Email"}, "Email"),
        ({"format": "Url"}, "Url"),
        ({"format": "Text", "format_name": "Phone"}, "Phone"),
        ({"format": "Email", "format_name": "Text"}, None),
        ({"format_name": "Text"}, None),
        ({}, None),
        ({"format_name": "Duration", "format": "Email"}, "Email"),
        ({"type": ColumnType.MEMO, "format": "Email"}, "Email"),
        ({"type": ColumnType.MEMO, "format_name": "Json"}, "Json"),
        ({"type": ColumnType.INTEGER, "format": "Duration"}, None),
        ({"type": ColumnType.DATE_TIME, "format": "DateOnly"}, None),
    ],
)
def test_the_format_told_is_formatname_first_and_never_text(
    facets: dict[str, Any], expected: str | None
) -> None:
    assert text_format(_column(**facets)) == expected


def test_the_json_schema_annotates_each_format_and_asserts_none(out: Path) -> None:
    properties = _schema(out)["properties"]
    told = {
        name: p["x-dataverse-format"] for name, p in properties.items() if "x-dataverse-format" in p
    }
    assert told == FORMATS
    assert "x-dataverse-format" not in properties["contoso_name"]
    assert all("format" not in properties[name] for name in FORMATS)
    assert properties["contoso_email"] == {
        "title": "Email",
        "type": ["string", "null"],
        "maxLength": 200,
        "x-dataverse-format": "Email",
    }


def test_python_jsonschema_with_format_checking_takes_what_dataverse_holds(out: Path) -> None:
    schema = _schema(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    assert list(validator.iter_errors(RECORD)) == []
    too_long = RECORD | {"contoso_email": "a" * 201}
    assert [e.json_path for e in validator.iter_errors(too_long)] == ["$.contoso_email"]
    # what a standard format would have done: refused a value Dataverse stores
    email = {"type": "string", "format": "email"}
    assert not jsonschema.Draft202012Validator(email, format_checker=FORMAT_CHECKER).is_valid(
        "not-an-email"
    )


@needs_ajv
def test_ajv_strict_with_formats_compiles_and_takes_what_dataverse_holds(out: Path) -> None:
    schema = _schema(out)
    email = {"type": "object", "properties": {"e": {"type": "string", "format": "email"}}}
    bad = RECORD | {"contoso_body": 5}
    errors, results = run_ajv([schema, email], [(0, RECORD), (0, bad), (1, {"e": "not-an-email"})])
    assert errors == []
    assert results[0] is None
    assert results[1] is not None and "contoso_body" in results[1]
    assert results[2] is not None and '"format"' in results[2]
    others = tuple(k for k in ANNOTATION_KEYWORDS if k != "x-dataverse-format")
    errors, _ = run_ajv([schema], keywords=others)
    assert [message for _, message in errors] == [
        'strict mode: unknown keyword: "x-dataverse-format"'
    ]


def test_the_pydantic_model_takes_them_and_its_schema_says_the_same(
    out: Path, tmp_path: Path
) -> None:
    package = out / "pydantic" / "dataverse_models"
    files = {
        str(path.relative_to(out / "pydantic")): path.read_text(encoding="utf-8")
        for path in package.rglob("*.py")
    }
    with imported(files, tmp_path, "dataverse_models") as models:
        model = models.ContosoCard
        card = model.model_validate(RECORD)
        assert card.model_dump(by_alias=True, mode="json", exclude_unset=True) == RECORD
        properties = model.model_json_schema(by_alias=True)["properties"]
    ours = _schema(out)["properties"]
    for name, fmt in FORMATS.items():
        assert properties[name]["x-dataverse-format"] == fmt == ours[name]["x-dataverse-format"]
        assert "format" not in properties[name]
    assert "x-dataverse-format" not in properties["contoso_name"]


def test_the_pydantic_module_is_black_formatted(out: Path) -> None:
    text = (out / "pydantic" / "dataverse_models" / "contoso_card.py").read_text(encoding="utf-8")
    assert black.format_str(text, mode=black.Mode()) == text
    assert (
        '                "writeOnly": True,\n                "x-dataverse-format": "Version' in text
    )


def test_sql_and_csdl_say_nothing_of_a_format(out: Path) -> None:
    ddl = (out / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    db = sqlite3.connect(":memory:")
    db.executescript(ddl)
    owner = "0b6f6a8e-2d0c-4f4e-8a1e-3c5d7e9f1a2b"
    row = RECORD | {"ownerid": owner, "owningbusinessunit": owner}
    del row["contoso_build"]  # not valid for read: no SQL column (sql.md, "Not stored")
    marks = ", ".join("?" * len(row))
    db.execute(f"INSERT INTO contoso_card ({', '.join(row)}) VALUES ({marks})", list(row.values()))
    assert db.execute("SELECT contoso_email, contoso_settings FROM contoso_card").fetchall() == [
        ("not-an-email", "{not json")
    ]
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    [entity] = [
        e for e in etree.fromstring(xml).iter(f"{EDM}EntityType") if e.get("Name") == "contoso_card"
    ]
    email = [p for p in entity.iter(f"{EDM}Property") if p.get("Name") == "contoso_email"]
    assert [(p.get("Type"), len(p)) for p in email] == [("Edm.String", 0)]
    assert b"Email" not in xml.replace(b'Name="contoso_email"', b"")


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_the_corpus_contact_tells_its_formats(tmp_path: Path) -> None:
    """contact's page (G1): emailaddress1 FormatName Email, websiteurl Url, telephone1 Phone,
    yomifirstname PhoneticGuide; firstname plain Text."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "contact.md").write_bytes((CORPUS / "contact.md").read_bytes())
    argv = ["generate", "--specs", str(specs), "--out", str(tmp_path / "out"), "--no-cache"]
    assert main([*argv, "-q", "--target", "jsonschema"]) == 0
    text = (tmp_path / "out" / "jsonschema" / "contact.schema.json").read_text(encoding="utf-8")
    properties = json.loads(text)["properties"]
    told = {
        name: properties[name].get("x-dataverse-format")
        for name in ("emailaddress1", "websiteurl", "telephone1", "yomifirstname", "firstname")
    }
    assert told == {
        "emailaddress1": "Email",
        "websiteurl": "Url",
        "telephone1": "Phone",
        "yomifirstname": "PhoneticGuide",
        "firstname": None,
    }
