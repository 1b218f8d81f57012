"""Review of round 14's merged rules (webapi kin lookups, many-to-many naming, solution shells,
evolve navigation-renamed): the fault found.

- ``evolve.navigations`` left out a table related to itself: a self-referencing many-to-many
  whose name one version leaves unstated (``new_site_site`` and ``new_site_site_referenced``,
  as Dataverse names them) and the next states (``new_x``) renames both collections in
  ``$metadata``, the JSON Schema and pydantic, while diff said no change and the gate passed.
"""

from __future__ import annotations

from dvgen.evolve.diff import diff_sets
from tests.pages import resolved


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
