"""Review of round 22's merges: what they left wrong, each with the real source that shows it.

The order of a choice a solution restates (round 31 of real solutions, ``layers.merge.
in_listed_order``): a solution states a choice whole, in the order the org's app shows it, and
dvgen now takes that order, but only from the options it kept as changes. An option labelled
only in another language than the set's (a French org's ``<label languagecode="1036">`` of a
Microsoft option, as hmcts' and demat's exports have them) is left out of the layer so that
the page's English label stays, and its place in the org's order went with it: Raj812/
LCMS_Package's ``accountcategorycode`` (1, 925290000, 925290001, 2, 282210000) exported by an
org whose labels of Microsoft's 1 and 2 are French kept 1 and 2 first, and a restated choice
whose every option is French kept the page's order whole. The layer now carries the order of
every option it lists (``ColumnChange.choices_order``, ``ChoiceExtension.options_order``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dvgen.pipeline import Generation
from tests.conftest import needs_shared
from tests.solution_support import manifest
from tests.test_solutions_round31 import (
    ACCOUNT_YAML,
    MANIFEST_82,
    _category,
    _column,
    _run,
)

ENGLISH, FRENCH = 1033, 1036


def _option(value: int, label: str, language: int) -> str:
    return (
        f'<option value="{value}"><labels><label description="{label}" '
        f'languagecode="{language}" /></labels></option>'
    )


def _export(options: tuple[tuple[int, str, int], ...]) -> dict[str, str]:
    """Raj812/LCMS_Package's customizations.xml, its account category's options in ``options``
    (value, label, the label's only language)."""
    listed = "".join(_option(*option) for option in options)
    xml = _category(()).replace("<options></options>", f"<options>{listed}</options>")
    return {"lcms/solution.xml": MANIFEST_82, "lcms/customizations.xml": xml}


def _choices(generation: Generation, table: str, column: str) -> list[tuple[int, str]]:
    return [(c.value, c.label) for c in _column(generation, table, column).choices]


BASE = ACCOUNT_YAML.replace("{more}", "")


def test_options_labelled_in_another_language_keep_their_place(tmp_path: Path) -> None:
    """Microsoft's 1 and 2 labelled in French only: their English labels stay (the page's), and
    the org's order stays too; dvgen gave 1, 2, 925290000, 282210000."""
    options = (
        (925290000, "Arresting Agency", ENGLISH),
        (1, "Client privilégié", FRENCH),
        (282210000, "Treating Facility", ENGLISH),
        (2, "Standard", FRENCH),
    )
    generation, _ = _run(tmp_path, _export(options), yaml={"account.yaml": BASE})
    assert _choices(generation, "account", "accountcategorycode") == [
        (925290000, "Arresting Agency"),
        (1, "Preferred Customer"),
        (282210000, "Treating Facility"),
        (2, "Standard"),
    ]
    schema = generation.files["jsonschema/account.schema.json"]
    assert schema.index('"const": 925290000') < schema.index('"const": 1,')
    assert schema.index('"const": 282210000') < schema.index('"const": 2,')
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    row = ("00000000-0000-0000-0000-000000000001", 282210000)
    db.execute("INSERT INTO account (accountid, accountcategorycode) VALUES (?, ?)", row)


def test_a_choice_labelled_only_in_another_language_keeps_the_orgs_order(tmp_path: Path) -> None:
    """Every option French: the layer changed nothing, so the page's order stayed (1, 2)."""
    options = ((2, "Standard", FRENCH), (1, "Client privilégié", FRENCH))
    generation, _ = _run(tmp_path, _export(options), yaml={"account.yaml": BASE})
    assert _choices(generation, "account", "accountcategorycode") == [
        (2, "Standard"),
        (1, "Preferred Customer"),
    ]


def test_the_same_order_in_another_language_changes_nothing(tmp_path: Path) -> None:
    options = ((1, "Client privilégié", FRENCH), (2, "Standard", FRENCH))
    generation, _ = _run(tmp_path, _export(options), yaml={"account.yaml": BASE})
    assert _choices(generation, "account", "accountcategorycode") == [
        (1, "Preferred Customer"),
        (2, "Standard"),
    ]


CASE = """\
logical_name: new_case
entity_set_name: new_cases
primary_id_attribute: new_caseid
columns:
  - {logical_name: new_caseid, type: Uniqueidentifier, required_level: SystemRequired}
  - logical_name: new_origin
    type: Picklist
    global_choice_name: incident_caseorigincode
    choices: [{value: 1, label: Phone}, {value: 2, label: Email}, {value: 3, label: Web}]
"""


@needs_shared
def test_a_global_choice_labelled_only_in_another_language_keeps_the_orgs_order(
    tmp_path: Path,
) -> None:
    """The same for a global choice a solution restates (``OptionSets/<name>.xml``)."""
    options = "".join(
        _option(value, label, FRENCH)
        for value, label in ((3, "Web"), (1, "Téléphone"), (2, "Courriel"))
    )
    files = {
        "origins/Other/Solution.xml": manifest(
            "Origins",
            "new",
            10000,
            '<RootComponent type="9" schemaName="incident_caseorigincode" behavior="0" />',
        ),
        "origins/Other/Customizations.xml": "<ImportExportXml><Entities /></ImportExportXml>",
        "origins/OptionSets/incident_caseorigincode.xml": (
            '<optionset Name="incident_caseorigincode"><OptionSetType>picklist</OptionSetType>'
            '<IsGlobal>1</IsGlobal><displaynames><displayname description="Origin" '
            f'languagecode="1033" /></displaynames><options>{options}</options></optionset>'
        ),
    }
    generation, _ = _run(tmp_path, files, yaml={"new_case.yaml": CASE})
    assert _choices(generation, "new_case", "new_origin") == [
        (3, "Web"),
        (1, "Phone"),
        (2, "Email"),
    ]
