"""Review of round 14's merged rules (webapi kin lookups, many-to-many naming, solution shells,
evolve navigation-renamed): the fault found.

- ``evolve.navigations`` left out a table related to itself: a self-referencing many-to-many
  whose name one version leaves unstated (``new_site_site`` and ``new_site_site_referenced``,
  as Dataverse names them) and the next states (``new_x``) renames both collections in
  ``$metadata``, the JSON Schema and pydantic, while diff said no change and the gate passed.
- ``webapi.properties._names_a_key`` (this round's rule for ``role.organizationidname``,
  ``usersettings.businessunitidname``: blank read-only Strings on the pages) took any String
  named ``<uniqueidentifier>name`` without a description for a display name, so a YAML spec's
  writable ``new_runidname`` beside its ``new_runid`` was left out of ``$metadata``, the JSON
  Schema and pydantic (a spec states no description where a page prints an empty one). The
  display name is read-only, as both pages list it; a column a client may write is its own.
"""

from __future__ import annotations

from jsonschema import Draft202012Validator
from lxml import etree

from dvgen.evolve.diff import diff_sets
from dvgen.webapi.properties import api_properties, lookup_companions
from tests.pages import resolved
from tests.test_jsonschema_validators import render_schemas
from tests.test_odata_support import render_set
from tests.test_odata_tools import needs_xsd, xsd_errors


def _site(navigation: str | None) -> str:
    named = f", navigation_property_name: {navigation}" if navigation else ""
    return (
        "logical_name: new_site\nschema_name: new_Site\nentity_set_name: new_sites\n"
        "primary_id_attribute: new_siteid\ncolumns:\n"
        "  - {logical_name: new_siteid, type: Uniqueidentifier, required_level: SystemRequired}\n"
        "relationships:\n  many_to_many:\n    - schema_name: new_site_site\n"
        "      intersect_entity_name: new_site_site\n"
        f"      this_table: {{logical_name: new_site, intersect_attribute: new_siteidone{named}}}\n"
        "      other_table: {logical_name: new_site, intersect_attribute: new_siteidtwo}\n"
    )


def _renamed(old: str | None, new: str | None) -> list[tuple[str, str]]:
    before, _ = resolved(("new_site.yaml", _site(old)))
    after, _ = resolved(("new_site.yaml", _site(new)))
    changes = diff_sets(before, after)
    return [(str(c.old), str(c.new)) for c in changes if c.rule == "navigation-renamed"]


def test_a_self_referencing_many_to_many_named_anew_is_renamed() -> None:
    assert _renamed(None, "new_x") == [
        ("new_site_site, new_site_site_referenced", "new_x, new_x_referenced")
    ]


def test_a_self_referencing_many_to_many_stating_the_decided_name_is_no_change() -> None:
    assert _renamed(None, "new_site_site") == []
    assert _renamed("new_site_site", None) == []


def _job(readonly: bool) -> str:
    flags = ", valid_for_create: false, valid_for_update: false" if readonly else ""
    return (
        "logical_name: new_job\nentity_set_name: new_jobs\nprimary_id_attribute: new_jobid\n"
        "columns:\n"
        "  - {logical_name: new_jobid, type: Uniqueidentifier, required_level: SystemRequired}\n"
        "  - {logical_name: new_runid, type: Uniqueidentifier}\n"
        f"  - {{logical_name: new_runidname, type: String, max_length: 100{flags}}}\n"
    )


@needs_xsd
def test_a_writable_string_named_after_a_uniqueidentifier_is_a_property() -> None:
    table_set, warnings = resolved(("new_job.yaml", _job(readonly=False)))
    assert warnings == []
    table = table_set.by_name["new_job"]
    assert "new_runidname" not in lookup_companions(table)
    assert "new_runidname" in [p.name for p in api_properties(table)]
    text = render_set(table_set).text
    assert xsd_errors(text.encode("utf-8")) == []
    names = {p.get("Name") for p in etree.fromstring(text.encode("utf-8")).iter("{*}Property")}
    assert "new_runidname" in names
    schema = render_schemas(table_set)["new_job.schema.json"]
    Draft202012Validator.check_schema(schema)
    assert "new_runidname" in schema["properties"]


def test_a_blank_read_only_string_named_after_a_uniqueidentifier_is_its_display_name() -> None:
    table_set, _ = resolved(("new_job.yaml", _job(readonly=True)))
    table = table_set.by_name["new_job"]
    assert "new_runidname" in lookup_companions(table)
    assert "new_runidname" not in [p.name for p in api_properties(table)]
