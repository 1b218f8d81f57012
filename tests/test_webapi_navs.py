"""Microsoft's rules for the navigation properties a page leaves unnamed, one case each
(``webapi/navs.py``); the corpus-wide comparison is ``test_webapi_faithful.py``."""

from __future__ import annotations

from dvgen.model import ColumnType, OneToManyRelationship, Table
from dvgen.webapi.navs import decide_links
from dvgen.webapi.properties import lookup_companions
from tests.test_odata_support import col, lookup, many, rel, table

T = ColumnType


def links(*tables: Table) -> dict[str, tuple[str | None, str | None, str | None]]:
    """schema name -> (referencing attribute, single, collection)."""
    return {
        link.schema_name: (link.referencing_attribute, link.single, link.collection)
        for link in decide_links(list(tables)).one_to_many
    }


def link_only(schema: str, referenced: str, referencing: str) -> OneToManyRelationship:
    """A many-to-one entry of a page up to 2023: a schema name and a link, nothing else."""
    return rel(schema, referenced, referencing, None, None, None, referenced_attribute=None)


def test_a_lookup_with_one_target_names_its_navigation_property() -> None:
    thing = table(
        "x_thing", lookup("x_parentid", "x_parent"), m2o=(link_only("p", "x_parent", "x_thing"),)
    )
    assert links(thing)["p"] == ("x_parentid", "x_parentid", "p")


def test_a_lookup_with_several_targets_is_lookup_underscore_table() -> None:
    customer = lookup("x_customerid", "account", "contact", kind=T.CUSTOMER)
    thing = table(
        "x_thing",
        customer,
        m2o=(link_only("a", "account", "x_thing"), link_only("c", "contact", "x_thing")),
    )
    found = links(thing)
    assert found["a"] == ("x_customerid", "x_customerid_account", "a")
    assert found["c"] == ("x_customerid", "x_customerid_contact", "c")


def test_the_schema_name_spells_which_lookup_then_the_one_left() -> None:
    thing = table(
        "x_thing",
        lookup("createdby", "systemuser"),
        lookup("modifiedby", "systemuser"),
        lookup("preferredsystemuserid", "systemuser"),
        lookup("owninguser", "systemuser"),
        m2o=(
            link_only("lk_x_thingbase_createdby", "systemuser", "x_thing"),
            link_only("lk_x_thingbase_modifiedby", "systemuser", "x_thing"),
            link_only("system_user_x_things", "systemuser", "x_thing"),
            link_only("user_x_thing", "systemuser", "x_thing"),
        ),
    )
    found = links(thing)
    assert found["lk_x_thingbase_createdby"][0] == "createdby"
    assert found["lk_x_thingbase_modifiedby"][0] == "modifiedby"
    assert found["system_user_x_things"][0] == "preferredsystemuserid"
    assert found["user_x_thing"][0] == "owninguser"


def test_a_tie_is_reported_at_the_page_line_and_named_nowhere() -> None:
    thing = table(
        "x_thing",
        lookup("x_firstid", "x_rule"),
        lookup("x_secondid", "x_rule"),
        m2o=(
            link_only("x_rule_x_thing", "x_rule", "x_thing"),
            link_only("x_rule_x_thing_2", "x_rule", "x_thing"),
        ),
    )
    view = decide_links([thing])
    assert {f.message.split("'")[1] for f in view.findings} == {
        "x_rule_x_thing",
        "x_rule_x_thing_2",
    }
    assert all(link.single is None for link in view.one_to_many)


def test_the_sla_relationships_take_dataverse_s_own_lookups_and_names() -> None:
    """A table enabled for SLAs has two lookups to ``sla``, whose relationships a page up to
    2023 names only by schema name, which spells neither: Microsoft's $metadata (and the newer
    pages, task's and email's) give ``manualsla_<table>`` to ``slaid`` as ``sla_<table>_sla``
    and ``sla_<table>`` to ``slainvokedid`` as ``slainvokedid_<table>_sla``."""
    account = table(
        "account",
        lookup("slaid", "sla"),
        lookup("slainvokedid", "sla"),
        m2o=(
            link_only("manualsla_account", "sla", "account"),
            link_only("sla_account", "sla", "account"),
        ),
    )
    view = decide_links([account])
    assert view.findings == ()
    found = links(account)
    assert found["manualsla_account"] == ("slaid", "sla_account_sla", "manualsla_account")
    assert found["sla_account"] == ("slainvokedid", "slainvokedid_account_sla", "sla_account")


def test_a_guid_column_holding_the_key_is_column_underscore_table() -> None:
    """A table the platform made (no prefix): its ``stageid`` stays a Guid, named after
    ``processstage``; a solution's is a lookup (tests/test_parse_unseen47.py)."""
    settings = table(
        "xsettings",
        col("businessunitid", T.UNIQUEIDENTIFIER),
        col("stageid", T.UNIQUEIDENTIFIER),
        col("processid", T.UNIQUEIDENTIFIER),
        m2o=(
            link_only("business_unit_xsettings", "businessunit", "xsettings"),
            link_only("processstage_xsettings", "processstage", "xsettings"),
        ),
    )
    found = links(settings)
    assert found["business_unit_xsettings"][:2] == (
        "businessunitid",
        "businessunitid_businessunit",
    )
    assert found["processstage_xsettings"][:2] == ("stageid", "stageid_processstage")


def test_an_activity_is_its_activitypointer_row_and_suffixes_shared_lookups() -> None:
    def activity(name: str) -> Table:
        return table(
            name,
            lookup("createdby", "systemuser"),
            lookup(f"x_{name}ref", "account"),
            pid="activityid",
            m2o=(
                link_only(f"lk_{name}_createdby", "systemuser", name),
                link_only(f"activity_pointer_{name}", "activitypointer", name),
                link_only(f"x_{name}_account", "account", name),
            ),
        )

    found = links(activity("task"), activity("fax"))
    assert found["activity_pointer_task"][:2] == ("activityid", "activityid_activitypointer")
    assert found["lk_task_createdby"][1] == "createdby_task"  # activitypointer has createdby
    assert found["x_task_account"][1] == "x_taskref"  # only the task has it


def test_an_owner_column_has_its_owner_relationship_without_a_name_for_it() -> None:
    thing = table("x_thing", lookup("ownerid", "systemuser", "team", kind=T.OWNER))
    (link,) = decide_links([thing]).one_to_many
    assert (link.referenced, link.referencing_attribute, link.single) == (
        "owner",
        "ownerid",
        "ownerid",
    )
    assert link.collection is None  # owner_x_things or owner_x_thing: no rule says


def test_an_owner_relationship_named_without_its_lookup_owns_the_owner_column() -> None:
    """A 2021 page lists ``owner_importfiles`` by a link alone ("See owner Table"): it is the
    Owner column's, with no synthetic owner link beside it to claim ``ownerid`` first and leave
    the stated one unmatched (a ``webapi-navigation`` warning, importfile)."""
    owner = lookup("ownerid", "systemuser", "team", kind=T.OWNER)
    thing = table("x_thing", owner, m2o=(link_only("owner_x_things", "owner", "x_thing"),))
    decided = decide_links([thing])
    assert [(link.schema_name, link.referencing_attribute) for link in decided.one_to_many] == [
        ("owner_x_things", "ownerid")
    ]
    assert decided.findings == ()


def test_what_the_page_states_wins() -> None:
    stated = rel("p", "x_parent", "x_thing", "x_parentid", "x_custom_nav", "x_children")
    assert links(table("x_thing", lookup("x_parentid", "x_parent"), m2o=(stated,)))["p"] == (
        "x_parentid",
        "x_custom_nav",
        "x_children",
    )


def test_many_to_many_defaults_to_the_schema_name_and_self_reference_to_two_members() -> None:
    view = decide_links(
        [
            table("x_a", m2m=(many("x_a_b", "x_a", "x_b", None, None),)),
            table("x_b"),
            table("x_c", m2m=(many("x_c_c", "x_c", "x_c", None, None),)),
        ]
    )
    sides = {m.schema_name: (m.first.navigation, m.second.navigation) for m in view.many_to_many}
    assert sides == {"x_a_b": ("x_a_b", "x_a_b"), "x_c_c": ("x_c_c", "x_c_c_referenced")}


def test_lookup_companions_are_recognised_by_what_the_page_says() -> None:
    """AttributeOf columns the Web API never exposes, told apart without a list of names."""
    thing = table(
        "x_thing",
        lookup("slaid", "sla"),
        lookup("masterid", "x_thing"),
        lookup("regardingobjectid", "account", "contact"),
        lookup("objectid", "account", "contact"),
        col("slaname", T.STRING),  # blank on the page: no description, no display name
        col("masteraccountidname", T.STRING),
        col("regardingobjecttypecode", T.ENTITY_NAME),
        col("objectidtypecode", T.ENTITY_NAME),
        col("objecttypecode", T.ENTITY_NAME, description="Type of entity.", display_name="Type"),
        col("slanotes", T.STRING, description="Notes on the SLA.", display_name="SLA notes"),
        col("filecontent_name", T.STRING),  # a File column's name: a property
        col("filecontent", T.FILE),
    )
    assert lookup_companions(thing) == {
        "slaname",
        "masteraccountidname",
        "regardingobjecttypecode",
        "objectidtypecode",
    }
