"""The solution reader's gaps the last round left, each from a real export.

A relationship's ``<RelationshipDescription>`` only in another language than the set's was
read as its description over a table a page defines, where review 21's guard kept a menu label
only in another language (and a column's or a table's label or description) from replacing the
page's. DenisMorelER/demat's French export (``src/solution/Other/Relationships/Account.xml``)
writes a custom relationship's description ``<Description description="" languagecode="1036"
/>`` alone, and a Microsoft one's in 1036 and 1033: a French-only text names the relationship
for a French reader, and stays out of an English set's model where a page defines the table.

A folder holding both an unpacked solution (``Other/Solution.xml``) and an extracted export
(``solution.xml`` and ``customizations.xml`` at its root, what 237 repositories of the index
commit as the .zip's content) read the unpacked one and passed over the other without a word:
two copies of which the one meant cannot be told, as a folder and its .zip put in the specs
folder together, which is an error naming both. It is refused so, at the export's line.

A table a solution holds only relationships of (its Entity.xml absent) had the lookups
Dataverse creates with every table that those relationships name (``lk_<table>_createdby``,
``business_unit_<table>``) made as any lookup: writable, unlabelled, where Dataverse's are read
only (the corpus's account page lists CreatedBy and OwningBusinessUnit among its read-only
columns, neither IsValidForCreate nor IsValidForUpdate). And a custom lookup that only a
relationship of a table the solution customizes names (``<ReferencingAttributeName>new_QuxId``,
the lookup's SchemaName: the field guide's section 1) kept the logical name as SchemaName,
where a table the solution holds whole had it spelt.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import Table
from dvgen.pipeline import generate
from tests.conftest import CORPUS, needs_shared, run
from tests.solution_support import attribute_xml
from tests.test_solutions_round30 import (
    MANY,
    ONE,
    _entity,
    _key,
    _menu,
    _name,
    _one_to_many,
    _relationships,
    _role,
    _roots,
    _shell,
    _solution,
    _with,
)

RELATIONSHIP = "sample_BankAccount_Contacts"
NAMES = ("contact", "sample_bankaccount")


def _described(texts: dict[int, str]) -> dict[str, str]:
    """A French org's export restating Microsoft's sample_bankaccount and contact, with the
    relationship between them described in ``texts`` (language code -> text)."""
    roles = _role("sample_bankaccountid", ONE, _menu("UseCollectionName", 10000), "")
    described = "".join(
        f'<Description description="{text}" languagecode="{code}" />'
        for code, text in texts.items()
    )
    relationship = _one_to_many(
        RELATIONSHIP,
        "Contact",
        "sample_bankaccount",
        "sample_bankaccountid",
        roles + f"<EntityRelationshipRole>{MANY}</EntityRelationshipRole>",
        "RemoveLink",
    ).replace(
        "<RelationshipDescription />",
        f"<RelationshipDescription><Descriptions>{described}</Descriptions>"
        "</RelationshipDescription>",
    )
    return {
        "Other/Solution.xml": _solution(
            "frsol", "er", 12221, 1036, _roots((1, "sample_bankaccount", 2), (1, "contact", 2))
        ),
        "Entities/sample_bankaccount/Entity.xml": _shell(
            "sample_bankaccount", "Compte", _name("sample_name", 100)
        ),
        "Entities/Contact/Entity.xml": _shell(
            "Contact",
            "Contact",
            _with(attribute_xml("sample_bankaccountid", "lookup"), LookupStyle="single"),
        ),
        "Other/Relationships/sample_bankaccount.xml": _relationships(relationship),
    }


def _generate(
    tmp_path: Path, files: dict[str, str], pages: tuple[str, ...], language: int = 1033
) -> dict[str, Table]:
    specs = tmp_path / "specs"
    specs.mkdir(parents=True)
    for relative, text in files.items():
        path = specs / "frsol" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + text, encoding="utf-8")
    for page in pages:
        shutil.copy(CORPUS / page, specs / page)
    diagnostics = Diagnostics()
    config = Config(specs=specs, out=tmp_path / "out", cache=False, language=language)
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return {name: table for name in NAMES if (table := generation.tables.get(name))}


def _descriptions(tables: dict[str, Table]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in NAMES:
        rels = tables[name].relationships
        for rel in (*rels.many_to_one, *rels.one_to_many):
            if rel.schema_name == RELATIONSHIP:
                found[name] = dict(rel.extra).get("Description")
    return found


@needs_shared
def test_a_description_only_in_another_language_is_not_the_sets(tmp_path: Path) -> None:
    tables = _generate(
        tmp_path,
        _described({1036: "Titulaires du compte"}),
        ("sample_bankaccount.md", "contact.md"),
    )
    assert _descriptions(tables) == {"contact": None, "sample_bankaccount": None}


@needs_shared
def test_a_description_in_the_wanted_language_is_read(tmp_path: Path) -> None:
    texts = {1036: "Titulaires du compte", 1033: "Holders of the account"}
    tables = _generate(tmp_path, _described(texts), ("sample_bankaccount.md", "contact.md"))
    assert _descriptions(tables)["contact"] == "Holders of the account"


@needs_shared
def test_a_french_set_reads_the_french_description(tmp_path: Path) -> None:
    tables = _generate(
        tmp_path,
        _described({1036: "Titulaires du compte"}),
        ("sample_bankaccount.md", "contact.md"),
        1036,
    )
    assert _descriptions(tables)["contact"] == "Titulaires du compte"


def test_a_foreign_description_is_read_where_no_page_defines_the_table(tmp_path: Path) -> None:
    tables = _generate(tmp_path, _described({1036: "Titulaires du compte"}), ())
    assert _descriptions(tables)["contact"] == "Titulaires du compte"


@needs_shared
def test_a_column_and_table_description_only_in_another_language_leave_the_pages(
    tmp_path: Path,
) -> None:
    """The guard review 21 extended to menu labels holds for a restated column's and a
    table's descriptions already (``Language.states``): pinned beside the relationship's."""
    french = '<Descriptions><Description description="{}" languagecode="1036" /></Descriptions>'
    files = _described({1036: "Titulaires du compte"})
    firstname = attribute_xml("FirstName", "nvarchar", "<MaxLength>50</MaxLength>", custom=0)
    firstname = firstname.replace("<displaynames>", french.format("Prénom") + "<displaynames>")
    contact = files["Entities/Contact/Entity.xml"]
    contact = contact.replace("<attributes>", "<attributes>" + firstname, 1)
    contact = contact.replace("</attributes>", "</attributes>" + french.format("Une personne"))
    files["Entities/Contact/Entity.xml"] = contact
    page = _generate(tmp_path / "page", {}, ("contact.md",))["contact"]
    table = _generate(tmp_path / "both", files, ("sample_bankaccount.md", "contact.md"))["contact"]
    assert table.description == page.description
    assert table.columns_by_name["firstname"].description == (
        page.columns_by_name["firstname"].description
    )
    alone = _generate(tmp_path / "alone", files, ())["contact"]
    assert alone.description == "Une personne"
    assert alone.columns_by_name["firstname"].description == "Prénom"


def _write(folder: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + text, encoding="utf-8")


def _unpacked() -> dict[str, str]:
    name = _name("sample_name", 100)
    return {
        "Other/Solution.xml": _solution(
            "frsol", "er", 12221, 1033, _roots((1, "sample_bankaccount", 2))
        ),
        "Entities/sample_bankaccount/Entity.xml": _shell("sample_bankaccount", "Account", name),
    }


def _extracted() -> dict[str, str]:
    manifest = _solution("frsol", "er", 12221, 1033, _roots((1, "sample_bankaccount", 2)))
    return {
        "solution.xml": manifest,
        "customizations.xml": "<ImportExportXml><Entities>"
        + _shell("sample_bankaccount", "Account", _name("sample_name", 100))
        + "</Entities></ImportExportXml>",
    }


def test_a_folder_with_both_layouts_is_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "specs"
    _write(specs / "frsol", {**_unpacked(), **_extracted()})
    code, _, err = run(capsys, "generate", "--specs", str(specs), "--out", str(tmp_path / "out"))
    assert code == 2, err
    assert "frsol/customizations.xml:2: error: an extracted export" in err
    assert "frsol/Other/Solution.xml" in err
    assert not (tmp_path / "out").exists()


def test_an_export_beside_a_project_s_unpacked_src_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export extracted at the root of a pac solution init project, its source in src/."""
    specs = tmp_path / "specs"
    _write(specs / "frsol", _extracted())
    _write(specs / "frsol" / "src", _unpacked())
    code, _, err = run(capsys, "generate", "--specs", str(specs), "--out", str(tmp_path / "out"))
    assert code == 2, err
    assert "frsol/customizations.xml:2: error: an extracted export" in err
    assert "frsol/src/Other/Solution.xml" in err


def test_a_customizations_xml_alone_beside_an_unpacked_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export's tables without its manifest are a second copy of the tables all the same."""
    specs = tmp_path / "specs"
    _write(
        specs / "frsol", {**_unpacked(), "customizations.xml": _extracted()["customizations.xml"]}
    )
    code, _, err = run(capsys, "generate", "--specs", str(specs), "--out", str(tmp_path / "out"))
    assert code == 2, err
    assert "frsol/customizations.xml:2: error: an extracted export" in err


def test_a_zip_with_both_layouts_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for relative, text in {**_unpacked(), **_extracted()}.items():
            archive.writestr(relative, text)
    (specs / "frsol.zip").write_bytes(buffer.getvalue())
    code, _, err = run(capsys, "generate", "--specs", str(specs), "--out", str(tmp_path / "out"))
    assert code == 2, err
    assert "frsol.zip/customizations.xml:1: error: an extracted export" in err


@pytest.mark.parametrize("layout", [_unpacked, _extracted])
def test_either_layout_alone_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: object
) -> None:
    assert callable(layout)
    specs = tmp_path / "specs"
    _write(specs / "frsol", layout())
    code, _, err = run(capsys, "generate", "--specs", str(specs), "--out", str(tmp_path / "out"))
    assert code == 0, err


def _roles(nav: str) -> str:
    return _role(nav, ONE) + f"<EntityRelationshipRole>{MANY}</EntityRelationshipRole>"


def _only_related() -> dict[str, str]:
    """``new_foo``, the solution's own table (behavior 0), its Entity.xml absent; ``account``
    customized (behavior 1), with a lookup only a relationship names."""
    one = _one_to_many
    return {
        "Other/Solution.xml": _solution(
            "gapsol", "new", 10000, 1033, _roots((1, "new_foo", 0), (1, "account", 1))
        ),
        "Entities/Account/Entity.xml": _shell(
            "Account", "Account", attribute_xml("new_Note", "nvarchar", "<MaxLength>9</MaxLength>")
        ),
        "Entities/new_Baz/Entity.xml": _entity(
            "new_Baz", "Baz", _key("new_BazId") + _name("new_name", 100)
        ),
        "Other/Relationships/SystemUser.xml": _relationships(
            one(
                "lk_new_foo_createdby",
                "new_foo",
                "SystemUser",
                "CreatedBy",
                _roles("createdby"),
                "NoCascade",
            )
        ),
        "Other/Relationships/BusinessUnit.xml": _relationships(
            one(
                "business_unit_new_foo",
                "new_foo",
                "BusinessUnit",
                "OwningBusinessUnit",
                _roles("owningbusinessunit"),
                "NoCascade",
            )
        ),
        "Other/Relationships/new_Baz.xml": _relationships(
            one(
                "new_new_baz_new_foo_BazId",
                "new_foo",
                "new_Baz",
                "new_BazId",
                _roles("new_BazId"),
                "RemoveLink",
            ),
            one(
                "new_new_baz_account_BazId",
                "Account",
                "new_Baz",
                "new_BazId",
                _roles("new_BazId"),
                "RemoveLink",
            ),
        ),
    }


def _tables_of(tmp_path: Path, files: dict[str, str], pages: tuple[str, ...]) -> dict[str, Table]:
    specs = tmp_path / "specs"
    _write(specs / "gapsol", files)
    for page in pages:
        shutil.copy(CORPUS / page, specs / page)
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    names = ("new_foo", "account", "new_baz")
    return {name: table for name in names if (table := generation.tables.get(name))}


def test_a_related_only_table_has_dataverse_s_platform_lookups(tmp_path: Path) -> None:
    foo = _tables_of(tmp_path, _only_related(), ())["new_foo"]
    made = {c.logical_name: c for c in foo.columns}
    for name, schema, label in (
        ("createdby", "CreatedBy", "Created By"),
        ("owningbusinessunit", "OwningBusinessUnit", "Owning Business Unit"),
    ):
        column = made[name]
        assert (column.schema_name, column.display_name) == (schema, label)
        assert (column.valid_for_create, column.valid_for_update) == (False, False)
    # A custom lookup stays the solution's to set.
    assert made["new_bazid"].schema_name == "new_BazId"
    assert (made["new_bazid"].valid_for_create, made["new_bazid"].valid_for_update) == (
        True,
        True,
    )


def test_a_customized_table_s_lookup_named_by_a_relationship_alone_is_spelt(
    tmp_path: Path,
) -> None:
    account = _tables_of(tmp_path, _only_related(), ())["account"]
    assert account.columns_by_name["new_bazid"].schema_name == "new_BazId"


@needs_shared
def test_beside_the_page_the_lookup_is_spelt_too(tmp_path: Path) -> None:
    account = _tables_of(tmp_path, _only_related(), ("account.md",))["account"]
    assert account.columns_by_name["new_bazid"].schema_name == "new_BazId"
    assert account.columns_by_name["parentaccountid"].schema_name == "ParentAccountId"


def test_a_table_the_solution_created_is_not_said_to_be_customized(tmp_path: Path) -> None:
    """Bryanalano4/site-evaluation-system's Other/Solution.xml lists ``new_industries`` with
    ``behavior="0"`` (the solution created it) and its Entities/ holds none of it."""
    specs = tmp_path / "specs"
    _write(specs / "gapsol", _only_related())
    diagnostics = Diagnostics()
    generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    missing = {
        d.message.split(": ")[0]
        for d in diagnostics
        if d.code == "solution-base-missing" and "'new_foo'" in d.message
    }
    assert missing == {
        "solution 'gapsol' creates table 'new_foo' (a root component of its manifest) but "
        "holds only relationships of it, and no spec of the set defines it"
    }
    said = next(
        d.message
        for d in diagnostics
        if d.code == "solution-base-missing" and "'new_foo'" in d.message
    )
    assert "add its Entities/new_foo/Entity.xml to the solution folder" in said
    # account, customized (behavior 1), is still said to be customized.
    assert any(
        "customizes table 'account'" in d.message
        for d in diagnostics
        if d.code == "solution-base-missing"
    )
