"""A many-to-many relationship to a table outside the set has its collection-valued navigation
property on the set's side, as a lookup to such a table has its single-valued one: the
OData document declares the other table as a key-only placeholder (``<logical name>id``, the
primary id Dataverse gives it), partnered back; the JSON Schema and pydantic models declare the
collection (of any objects) when closed and leave it to their open members otherwise, as for
any collection of a table outside the set.

Microsoft's own ``$metadata`` has the collection on both sides: ``queue`` has
``queuemembership_association`` of type ``Collection(systemuser)``, partner
``queuemembership_association`` (dynamics365-docs-odata-apis,
WebAPI-reference/dynamics-ce-odata-9/entitytypes/queue.yml), and the 2024 powerapps-docs page of
``mspp_webrole`` lists ``mspp_columnpermissionprofile_webrole`` among its many-to-many
navigation properties, which ``mspp_columnpermissionprofile``'s page names only by a link.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.resolve import resolve
from tests.expanded_support import check_json_schema, check_pydantic
from tests.test_odata_support import Rendered, lookup, many, rel, render_set, table
from tests.test_odata_tools import needs_xsd, xsd_errors

PROFILE = "00000000-0000-0000-0000-00000000000a"
ROLE = "00000000-0000-0000-0000-00000000000b"


def _set() -> TableSet:
    """``mspp_columnpermissionprofile`` without ``mspp_webrole``; a second relationship to an
    activity outside the set, and one to ``externalparty``, which the Web API does not expose."""
    profile = table(
        "mspp_columnpermissionprofile",
        m2m=(
            many(
                "mspp_columnpermissionprofile_webrole",
                "mspp_columnpermissionprofile",
                "mspp_webrole",
                "mspp_columnpermissionprofile_webrole",
                None,
            ),
            many("x_profile_task", "mspp_columnpermissionprofile", "task", "x_profile_task", None),
            many("x_profile_party", "mspp_columnpermissionprofile", "externalparty", "xp", None),
        ),
    )
    diagnostics = Diagnostics()
    tables = resolve([profile], diagnostics)
    assert not diagnostics.has_errors
    return tables


@pytest.fixture(scope="module")
def document() -> Rendered:
    return render_set(_set())


def test_the_other_table_is_a_key_only_placeholder_partnered_back(document: Rendered) -> None:
    name = "mspp_columnpermissionprofile_webrole"
    assert document.navs("mspp_columnpermissionprofile")[name] == {
        "Type": "Collection(mscrm.mspp_webrole)",
        "Partner": name,
    }
    assert document.key("mspp_webrole") == ["mspp_webroleid"]
    assert list(document.props("mspp_webrole")) == ["mspp_webroleid"]
    assert document.navs("mspp_webrole") == {
        name: {"Type": "Collection(mscrm.mspp_columnpermissionprofile)", "Partner": name}
    }
    assert list(document.sets()) == ["mspp_columnpermissionprofiles"]  # no set, no binding
    assert document.sets()["mspp_columnpermissionprofiles"][1] == {}
    assert document.warned(
        "'mspp_webrole' is not in the set", f"mspp_columnpermissionprofile.{name}"
    )


def test_an_activity_outside_the_set_derives_from_activitypointer(document: Rendered) -> None:
    assert document.navs("mspp_columnpermissionprofile")["x_profile_task"]["Type"] == (
        "Collection(mscrm.task)"
    )
    assert document.key("task") == []  # activityid is activitypointer's
    assert document.props("task") == {}
    assert document.key("activitypointer") == ["activityid"]


def test_a_table_the_web_api_does_not_expose_has_none(document: Rendered) -> None:
    assert "xp" not in document.navs("mspp_columnpermissionprofile")
    assert document.entity("externalparty") is None
    assert document.warned("lacks", "not in the set", "x_profile_party")


@needs_xsd
def test_the_document_is_valid_by_the_oasis_schema(document: Rendered) -> None:
    assert xsd_errors(document.text.encode("utf-8")) == []


def test_a_lookup_and_a_many_to_many_share_one_placeholder() -> None:
    """Either way to the same table outside the set, one entity type, with both keys' users."""
    thing = table(
        "x_thing",
        lookup("x_roleid", "mspp_webrole"),
        m2o=(rel("x_role_thing", "mspp_webrole", "x_thing", "x_roleid", "x_roleid", None),),
        m2m=(many("x_thing_role", "x_thing", "mspp_webrole", "x_thing_role", "x_thing_role"),),
    )
    diagnostics = Diagnostics()
    doc = render_set(resolve([thing], diagnostics))
    assert doc.key("mspp_webrole") == ["mspp_webroleid"]
    assert set(doc.navs("mspp_webrole")) == {"x_role_thing", "x_thing_role"}
    assert doc.warned(
        "'mspp_webrole' is not in the set", "x_thing.x_roleid", "x_thing.x_thing_role"
    )


RECORD = {
    "mspp_columnpermissionprofileid": PROFILE,
    "mspp_columnpermissionprofile_webrole": [{"mspp_webroleid": ROLE, "mspp_name": "Admins"}],
}


@pytest.mark.parametrize("properties", ["open", "closed"])
def test_json_schema_takes_the_expanded_collection(properties: str) -> None:
    check_json_schema(
        _set(),
        "mspp_columnpermissionprofile",
        RECORD,
        "mspp_columnpermissionprofile_webrole",
        properties,
    )


@pytest.mark.parametrize("properties", ["open", "closed"])
def test_pydantic_takes_the_expanded_collection(properties: str, tmp_path: Path) -> None:
    check_pydantic(
        _set(),
        "MsppColumnpermissionprofile",
        RECORD,
        "mspp_columnpermissionprofile_webrole",
        properties,
        tmp_path,
    )


SITE = """logical_name: new_site
schema_name: new_Site
entity_set_name: new_sites
primary_id_attribute: new_siteid
columns:
  - {logical_name: new_siteid, type: Uniqueidentifier, required_level: SystemRequired}
relationships:
  many_to_many:
    - schema_name: new_site_widget
      intersect_entity_name: new_site_widget
      this_table: {logical_name: new_site, navigation_property_name: new_site_widgets}
      other_table: {logical_name: new_widget, navigation_property_name: new_widget_sites}
"""
WIDGET = """logical_name: new_widget
schema_name: new_Widget
entity_set_name: new_widgets
primary_id_attribute: new_widgetid
columns:
  - {logical_name: new_widgetid, type: Uniqueidentifier, required_level: SystemRequired}
"""


def test_a_table_the_selection_leaves_out_is_outside_the_set_as_for_a_lookup(
    tmp_path: Path,
) -> None:
    """``--table new_site``: ``new_widget``, which the folder defines, is a placeholder with the
    collection partnered back, not a table with an entity set (select.py: outside the set)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "new_site.yaml").write_text(SITE)
    (specs / "new_widget.yaml").write_text(WIDGET)
    out = tmp_path / "out"
    args = ["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]
    assert main([*args, "--table", "new_site", "--target", "odata"]) == 0
    doc = Rendered((out / "odata" / "metadata.xml").read_text(), Diagnostics())
    assert doc.navs("new_site") == {
        "new_site_widgets": {"Type": "Collection(mscrm.new_widget)", "Partner": "new_widget_sites"}
    }
    assert doc.navs("new_widget") == {
        "new_widget_sites": {"Type": "Collection(mscrm.new_site)", "Partner": "new_site_widgets"}
    }
    assert list(doc.props("new_widget")) == ["new_widgetid"]
    assert list(doc.sets()) == ["new_sites"]
