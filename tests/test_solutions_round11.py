"""Variations met in an eleventh round of real solutions outside the corpus (2013 to 2026
exports: a Japanese CRM 2013 folder, 2025-2026 folders customizing Microsoft's contact and
email, a custom Customer column, navigation names given by a script), each as a minimal
solution written for the test."""

from __future__ import annotations

from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate
from tests.solution_support import DECLARATION, manifest

ACCOUNT_SPEC = """logical_name: account
schema_name: Account
display_name: Account
entity_set_name: accounts
primary_id_attribute: accountid
primary_name_attribute: name
table_type: Standard
ownership_type: UserOwned
columns:
  - logical_name: accountid
    schema_name: AccountId
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: name
    schema_name: Name
    type: String
    required_level: ApplicationRequired
    max_length: 160
"""


def _generate(
    tmp_path: Path, files: dict[str, str], spec: str | None = None
) -> tuple[Generation, Diagnostics]:
    """The solution ``files`` (by path, under ``specs/Solution``), beside ``account.yaml``
    when ``spec`` is given, generated; its diagnostics, whatever they are."""
    specs = tmp_path / "specs"
    for relative, text in files.items():
        path = specs / "Solution" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    if spec is not None:
        (specs / "account.yaml").write_text(spec, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    return generation, diagnostics


# Ritz's 1stSolution (Jackygwo/ritz, 2025) lists account with behavior 1 (the solution
# customizes Microsoft's table) but its folder holds no Entities/Account/Entity.xml. With
# account.md (here a YAML spec) beside it, account is generated in full, while
# solution-table-missing said "the table is left out": a warning contradicting the output.
ACCOUNT_ONLY_LISTED = manifest(
    "1stSolution",
    "csch",
    17909,
    '<RootComponent type="1" schemaName="account" behavior="1" />',
)


def test_a_listed_customization_without_its_entity_xml_does_not_say_the_table_is_left_out(
    tmp_path: Path,
) -> None:
    generation, diagnostics = _generate(
        tmp_path, {"Other/Solution.xml": ACCOUNT_ONLY_LISTED}, ACCOUNT_SPEC
    )
    assert "model/account.yaml" in generation.files
    (warning,) = [d for d in diagnostics if d.code == "solution-table-missing"]
    assert "'account'" in warning.message and "left out" not in warning.message
    assert "what the solution changes in it is not read" in warning.message


# TPR (GDFujitsu/GD, 2019) lists contact with behavior 1, and its Entity.xml holds nothing but
# <Name LocalizedName="Individual"> (no <EntityInfo>): without contact.md, the table is built
# from its shell, the primary key Dataverse names it, and the warning counted "1 columns".
CONTACT_NAME_ONLY = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Individual" OriginalName="">Contact</Name>
  <RibbonDiffXml />
</Entity>
"""


def test_a_shell_of_one_column_is_counted_in_the_singular(tmp_path: Path) -> None:
    solution = manifest(
        "TPR", "new", 10000, '<RootComponent type="1" schemaName="contact" behavior="1" />'
    )
    generation, diagnostics = _generate(
        tmp_path,
        {"Other/Solution.xml": solution, "Entities/Contact/Entity.xml": CONTACT_NAME_ONLY},
    )
    contact = generation.tables.get("contact")
    assert contact is not None and [c.logical_name for c in contact.columns] == ["contactid"]
    (warning,) = [d for d in diagnostics if d.code == "solution-base-missing"]
    assert "(1 column);" in warning.message
