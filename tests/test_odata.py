"""The odata target: what each column, relationship and table becomes in the CSDL document."""

from __future__ import annotations

import dataclasses

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import ColumnType, DateTimeBehavior, Relationships, Table, TableSet
from dvgen.targets.odata.names import EdmName, InvalidEdmName, is_simple_identifier
from dvgen.targets.odata.target import ODataTarget
from dvgen.targets.odata.types import EDM_TYPES
from dvgen.webapi.properties import ApiKind
from tests.test_odata_support import col, lookup, many, rel, render, table

T = ColumnType
UNICODE = {"Unicode": "false"}
SCALE = {"Scale": "variable"}


def test_every_web_api_kind_has_an_edm_type() -> None:
    assert set(EDM_TYPES) == set(ApiKind)


@pytest.mark.parametrize(
    ("kind", "fields", "edm", "facets"),
    [
        (T.UNIQUEIDENTIFIER, {}, "Edm.Guid", {}),
        (T.STRING, {"max_length": 100}, "Edm.String", UNICODE),
        (T.MEMO, {"max_length": 2000}, "Edm.String", UNICODE),
        (T.INTEGER, {"min_value": 0}, "Edm.Int32", {}),
        (T.BIG_INT, {}, "Edm.Int64", {}),
        (T.DECIMAL, {"precision": 2}, "Edm.Decimal", SCALE),
        (T.MONEY, {"precision": 4}, "Edm.Decimal", SCALE),
        (T.DOUBLE, {"precision": 5}, "Edm.Double", {}),
        (T.DATE_TIME, {"date_time_behavior": DateTimeBehavior.DATE_ONLY}, "Edm.Date", {}),
        (
            T.DATE_TIME,
            {"date_time_behavior": DateTimeBehavior.USER_LOCAL},
            "Edm.DateTimeOffset",
            {},
        ),
        (
            T.DATE_TIME,
            {"date_time_behavior": DateTimeBehavior.TIME_ZONE_INDEPENDENT, "format": "DateOnly"},
            "Edm.DateTimeOffset",
            {},
        ),
        (T.DATE_TIME, {}, "Edm.DateTimeOffset", {}),
        (T.BOOLEAN, {"default_value": True}, "Edm.Boolean", {}),
        (T.PICKLIST, {}, "Edm.Int32", {}),
        (T.STATE, {}, "Edm.Int32", {}),
        (T.STATUS, {}, "Edm.Int32", {}),
        (T.MULTI_SELECT_PICKLIST, {}, "Edm.String", UNICODE),
        (T.ENTITY_NAME, {}, "Edm.String", UNICODE),
        (T.MANAGED_PROPERTY, {}, "mscrm.BooleanManagedProperty", {}),
        (T.IMAGE, {}, "Edm.Binary", {}),
        (T.FILE, {}, "Edm.Binary", {}),
    ],
)
def test_column_type_maps_to_edm_type(
    kind: ColumnType, fields: dict[str, object], edm: str, facets: dict[str, str]
) -> None:
    doc = render(table("x_thing", col("x_value", kind, **fields)))
    prop = doc.props("x_thing")["x_value"]
    assert {k: v for k, v in prop.items() if k not in ("Name", "Type")} == facets
    assert prop["Type"] == edm


@pytest.mark.parametrize("kind", [T.PARTY_LIST, T.VIRTUAL, T.CALENDAR_RULES])
def test_columns_the_web_api_does_not_expose_are_left_out(kind: ColumnType) -> None:
    doc = render(table("x_thing", col("x_hidden", kind)))
    assert "x_hidden" not in doc.props("x_thing")


def test_columns_a_client_can_neither_read_nor_write_and_lookup_companions_are_left_out() -> None:
    doc = render(
        table(
            "x_thing",
            col("x_secret", valid_for_read=False),
            col("x_internal", valid_for_read=False, valid_for_create=False, valid_for_update=False),
            lookup("x_ownerref", "x_other"),
            col("x_ownerrefname"),
            col("x_ownerrefyominame"),
        )
    )
    assert sorted(doc.props("x_thing")) == ["_x_ownerref_value", "x_secret", "x_thingid"]


def test_a_column_named_like_its_table_gets_the_web_api_suffix() -> None:
    doc = render(table("x_thing", col("x_thing")))
    assert "x_thing1" in doc.props("x_thing")


def test_managed_property_complex_type_is_declared_once_and_only_when_used() -> None:
    doc = render(
        table(
            "x_thing",
            col("iscustomizable", T.MANAGED_PROPERTY),
            col("ishidden", T.MANAGED_PROPERTY),
        )
    )
    complex_types = doc.schema.findall("{http://docs.oasis-open.org/odata/ns/edm}ComplexType")
    assert [c.get("Name") for c in complex_types] == ["BooleanManagedProperty"]
    members = [(p.get("Name"), p.get("Type"), p.get("Unicode")) for p in complex_types[0]]
    assert members == [
        ("Value", "Edm.Boolean", None),
        ("CanBeChanged", "Edm.Boolean", None),
        ("ManagedPropertyLogicalName", "Edm.String", "false"),
    ]
    plain = render(table("x_other", col("x_name")))
    assert "ComplexType" not in plain.text


def test_entity_type_key_base_type_and_entity_set() -> None:
    doc = render(table("x_thing", col("x_name"), entity_set="x_things"))
    entity = doc.entity("x_thing")
    assert entity is not None
    assert entity.get("BaseType") == "mscrm.crmbaseentity"
    assert doc.key("x_thing") == ["x_thingid"]
    assert list(doc.props("x_thing")) == ["x_thingid", "x_name"]
    assert doc.sets() == {"x_things": ("Microsoft.Dynamics.CRM.x_thing", {})}
    base = doc.entity("crmbaseentity")
    assert base is not None and base.get("Abstract") == "true" and len(base) == 0
    assert doc.entity_names()[0] == "crmbaseentity"


def test_read_only_properties_are_computed_and_read_permission() -> None:
    doc = render(
        table(
            "x_thing",
            col("versionnumber", T.BIG_INT, valid_for_create=False, valid_for_update=False),
            col("x_name", valid_for_update=False),
        )
    )
    entity = doc.entity("x_thing")
    assert entity is not None
    terms = {
        p.get("Name"): [a.get("Term", "").rpartition(".")[2] for a in p]
        for p in entity.iter("{http://docs.oasis-open.org/odata/ns/edm}Property")
    }
    assert terms["versionnumber"] == ["Computed", "Permissions"]
    assert terms["x_name"] == []
    assert "<EnumMember>Org.OData.Core.V1.Permission/Read</EnumMember>" in doc.text


def two_tables_with_a_lookup() -> tuple[Table, Table]:
    relationship = rel(
        "x_parent_x_child", "x_parent", "x_child", "x_parentref", "x_ParentRef", "x_children"
    )
    return (
        table("x_parent", col("x_name")),
        table(
            "x_child",
            lookup("x_parentref", "x_parent", description="The parent."),
            m2o=(relationship,),
        ),
    )


def test_lookup_is_a_value_property_and_a_partnered_single_navigation() -> None:
    doc = render(*two_tables_with_a_lookup())
    assert doc.props("x_child")["_x_parentref_value"]["Type"] == "Edm.Guid"
    assert "x_parentref" not in doc.props("x_child")
    assert doc.navs("x_child") == {
        "x_ParentRef": {
            "Type": "mscrm.x_parent",
            "Nullable": "false",
            "Partner": "x_children",
            "constraint": "_x_parentref_value->x_parentid",
        }
    }
    assert doc.navs("x_parent") == {
        "x_children": {"Type": "Collection(mscrm.x_child)", "Partner": "x_ParentRef"}
    }
    assert doc.sets()["x_childs"][1] == {"x_ParentRef": "x_parents"}
    assert doc.sets()["x_parents"][1] == {"x_children": "x_childs"}
    assert not doc.warnings


def test_the_relationship_may_be_listed_on_either_table() -> None:
    parent, child = two_tables_with_a_lookup()
    moved = dataclasses.replace(child, relationships=Relationships())
    listed = dataclasses.replace(
        parent, relationships=Relationships(one_to_many=child.relationships.many_to_one)
    )
    assert render(listed, moved).text == render(parent, child).text


def test_a_lookup_with_several_targets_gets_one_navigation_per_target() -> None:
    doc = render(
        table("account", col("name")),
        table("contact", col("fullname")),
        table(
            "x_deal",
            lookup("x_customerid", "account", "contact", kind=T.CUSTOMER),
            m2o=(
                rel(
                    "x_deal_account",
                    "account",
                    "x_deal",
                    "x_customerid",
                    "x_customerid_account",
                    "x_deal_accounts",
                ),
                rel(
                    "x_deal_contact",
                    "contact",
                    "x_deal",
                    "x_customerid",
                    "x_customerid_contact",
                    "x_deal_contacts",
                ),
            ),
        ),
    )
    navs = doc.navs("x_deal")
    assert navs["x_customerid_account"]["constraint"] == "_x_customerid_value->accountid"
    assert navs["x_customerid_contact"]["constraint"] == "_x_customerid_value->contactid"
    assert doc.navs("account")["x_deal_accounts"]["Partner"] == "x_customerid_account"
    assert doc.navs("contact")["x_deal_contacts"]["Partner"] == "x_customerid_contact"
    assert sorted(doc.props("x_deal")) == ["_x_customerid_value", "x_dealid"]


def test_a_guid_referencing_attribute_constrains_the_plain_property() -> None:
    doc = render(
        table("processstage"),
        table(
            "x_thing",
            col("stageid", T.UNIQUEIDENTIFIER),
            m2o=(
                rel(
                    "processstage_x_thing",
                    "processstage",
                    "x_thing",
                    "stageid",
                    "stageid_processstage",
                    "processstage_x_thing",
                ),
            ),
        ),
    )
    assert doc.navs("x_thing")["stageid_processstage"]["constraint"] == "stageid->processstageid"


def test_the_referenced_key_defaults_to_the_primary_id_of_a_table_of_the_set() -> None:
    unkeyed = rel("x_a_x_b", "x_a", "x_b", "x_aref", "x_ARef", None, referenced_attribute=None)
    doc = render(table("x_a"), table("x_b", lookup("x_aref", "x_a"), m2o=(unkeyed,)))
    assert doc.navs("x_b")["x_ARef"]["constraint"] == "_x_aref_value->x_aid"


def test_many_to_many_sides_named_on_each_page_are_joined() -> None:
    doc = render(
        table("x_a", m2m=(many("x_a_b", "x_a", "x_b", "x_a_bs", None),)),
        table("x_b", m2m=(many("x_a_b", "x_b", "x_a", "x_b_as", None),)),
    )
    assert doc.navs("x_a") == {"x_a_bs": {"Type": "Collection(mscrm.x_b)", "Partner": "x_b_as"}}
    assert doc.navs("x_b") == {"x_b_as": {"Type": "Collection(mscrm.x_a)", "Partner": "x_a_bs"}}
    assert not doc.warnings


def test_self_referential_relationship_puts_both_ends_on_one_type() -> None:
    relationship = rel(
        "x_thing_parent", "x_thing", "x_thing", "x_parentid", "x_parentid", "x_thing_parent"
    )
    doc = render(table("x_thing", lookup("x_parentid", "x_thing"), m2o=(relationship,)))
    navs = doc.navs("x_thing")
    assert navs["x_parentid"]["Partner"] == "x_thing_parent"
    assert navs["x_thing_parent"] == {"Type": "Collection(mscrm.x_thing)", "Partner": "x_parentid"}


def test_unknown_navigation_name_is_derived_from_the_lookup() -> None:
    """Microsoft's rule: a lookup with one target names its navigation property."""
    link_only = rel("x_parent_x_child", "x_parent", "x_child", None, None, "x_children")
    doc = render(
        table("x_parent"),
        table("x_child", lookup("x_parentref", "x_parent"), m2o=(link_only,)),
    )
    assert doc.navs("x_child") == {
        "x_parentref": {
            "Type": "mscrm.x_parent",
            "Nullable": "false",
            "Partner": "x_children",
            "constraint": "_x_parentref_value->x_parentid",
        }
    }
    assert doc.navs("x_parent") == {
        "x_children": {"Type": "Collection(mscrm.x_child)", "Partner": "x_parentref"}
    }


def test_a_relationship_no_rule_ties_to_a_lookup_is_warned_with_its_line() -> None:
    first = rel("x_one", "x_parent", "x_child", None, None, None)
    second = rel("x_two", "x_parent", "x_child", None, None, None)
    doc = render(
        table("x_parent"),
        table(
            "x_child",
            lookup("x_aref", "x_parent"),
            lookup("x_bref", "x_parent"),
            m2o=(first, second),
        ),
    )
    assert doc.navs("x_child") == {}
    assert doc.warned("relationship 'x_one'", "no rule decides")


def test_lookup_without_any_relationship_is_reported() -> None:
    doc = render(
        table("account"),
        table("contact"),
        table("x_thing", lookup("x_customerid", "account", "contact", kind=T.CUSTOMER)),
    )
    assert doc.navs("x_thing") == {}
    assert doc.warned("lookup 'x_customerid'", "to account, contact", "no relationship")


def test_a_lookup_to_tables_outside_the_set_is_left_to_resolve_to_report() -> None:
    """``lookup-target-outside-set`` says it once, for every target."""
    doc = render(table("x_thing", lookup("x_customerid", "account", "contact", kind=T.CUSTOMER)))
    assert doc.navs("x_thing") == {}
    assert not doc.warned("lookup 'x_customerid'")


def test_an_invalid_navigation_name_is_reported_not_written() -> None:
    broken = rel("x_parent_x_child", "x_parent", "x_child", "x_parentref", "``", "x_children")
    doc = render(
        table("x_parent"), table("x_child", lookup("x_parentref", "x_parent"), m2o=(broken,))
    )
    assert doc.navs("x_child") == {}
    assert doc.navs("x_parent") == {"x_children": {"Type": "Collection(mscrm.x_child)"}}
    assert doc.warned("x_parent_x_child", "'``' is not a valid EDM identifier")


def test_a_navigation_name_taken_twice_keeps_the_first_and_its_partner_only() -> None:
    doc = render(
        table("queue"),
        table("systemuser"),
        table(
            "email",
            lookup("acceptingentityid", "queue", "systemuser"),
            m2o=(
                rel(
                    "email_acceptingentity_queue",
                    "queue",
                    "email",
                    "acceptingentityid",
                    "acceptingentityid",
                    "q_emails",
                ),
                rel(
                    "email_acceptingentity_systemuser",
                    "systemuser",
                    "email",
                    "acceptingentityid",
                    "acceptingentityid",
                    "u_emails",
                ),
            ),
        ),
    )
    assert doc.navs("email")["acceptingentityid"]["Type"] == "mscrm.queue"
    assert doc.navs("queue")["q_emails"]["Partner"] == "acceptingentityid"
    assert "Partner" not in doc.navs("systemuser")["u_emails"]
    assert doc.warned(
        "'acceptingentityid' of 'email'", "email_acceptingentity_systemuser", "left out"
    )


def test_many_to_many_has_a_navigation_on_each_side() -> None:
    doc = render(
        table("systemuser"),
        table(
            "team",
            m2m=(
                many(
                    "teammembership_association",
                    "team",
                    "systemuser",
                    "teammembership_association",
                    "teammembership_association",
                ),
            ),
        ),
    )
    assert doc.navs("team") == {
        "teammembership_association": {
            "Type": "Collection(mscrm.systemuser)",
            "Partner": "teammembership_association",
        }
    }
    assert doc.navs("systemuser")["teammembership_association"]["Type"] == "Collection(mscrm.team)"
    assert doc.sets()["systemusers"][1] == {"teammembership_association": "teams"}


def test_self_referential_many_to_many_has_two_members_partnered_to_each_other() -> None:
    """As Dataverse: ``connectionroleassociation_association`` and ``..._referenced``."""
    doc = render(
        table(
            "connectionrole",
            m2m=(many("assoc", "connectionrole", "connectionrole", "assoc", "assoc"),),
        )
    )
    assert doc.navs("connectionrole") == {
        "assoc": {"Type": "Collection(mscrm.connectionrole)", "Partner": "assoc_referenced"},
        "assoc_referenced": {"Type": "Collection(mscrm.connectionrole)", "Partner": "assoc"},
    }


def test_many_to_many_side_without_name_is_the_schema_name_and_outside_a_placeholder() -> None:
    doc = render(
        table("contact"),
        table(
            "x_bank",
            m2m=(
                many("x_bank_contacts", "x_bank", "contact", "x_bank_contacts", None),
                many("x_bank_packages", "x_bank", "package", "x_bank_packages", "x_bank_packages"),
            ),
        ),
    )
    assert doc.navs("x_bank") == {
        "x_bank_contacts": {"Type": "Collection(mscrm.contact)", "Partner": "x_bank_contacts"},
        "x_bank_packages": {"Type": "Collection(mscrm.package)", "Partner": "x_bank_packages"},
    }
    assert doc.navs("contact") == {
        "x_bank_contacts": {"Type": "Collection(mscrm.x_bank)", "Partner": "x_bank_contacts"}
    }
    assert doc.key("package") == ["packageid"]  # outside the set (tests/test_many_to_many_outside)
    assert not doc.warned("'x_bank' lacks")


def test_owner_lookups_lead_to_principal_and_users_and_teams_derive_from_it() -> None:
    owner = rel(
        "owner_x_things", "owner", "x_thing", "ownerid", "ownerid", "owner_x_things", "ownerid"
    )
    doc = render(
        table("systemuser", col("fullname")),
        table("team"),
        table("x_thing", lookup("ownerid", "systemuser", "team", kind=T.OWNER), m2o=(owner,)),
    )
    assert doc.navs("x_thing")["ownerid"] == {
        "Type": "mscrm.principal",
        "Nullable": "false",
        "Partner": "owner_x_things",
        "constraint": "_ownerid_value->ownerid",
    }
    principal = doc.entity("principal")
    assert principal is not None and principal.get("Abstract") == "true"
    assert doc.key("principal") == ["ownerid"]
    assert doc.navs("principal")["owner_x_things"]["Partner"] == "ownerid"
    for name in ("systemuser", "team"):
        entity = doc.entity(name)
        assert entity is not None and entity.get("BaseType") == "mscrm.principal"
        assert doc.key(name) == []
        assert f"{name}id" in doc.props(name)
    assert "ownerid" not in doc.sets()["x_things"][1]  # no entity set holds principals
    assert not any("placeholder" in w for w in doc.warnings)


ACTIVITY_COLUMNS = (col("activityid", T.UNIQUEIDENTIFIER), col("subject"))


def test_activities_derive_from_activitypointer_without_redeclaring_its_members() -> None:
    regarding = rel(
        "x_thing_tasks",
        "x_thing",
        "task",
        "regardingobjectid",
        "regardingobjectid_x_thing_task",
        "x_thing_tasks",
    )
    doc = render(
        table(
            "activitypointer", *ACTIVITY_COLUMNS, pid="activityid", entity_set="activitypointers"
        ),
        table(
            "task",
            *ACTIVITY_COLUMNS,
            col("percentcomplete", T.INTEGER),
            lookup("regardingobjectid", "x_thing"),
            pid="activityid",
            m2o=(regarding,),
        ),
        table("x_thing"),
    )
    task = doc.entity("task")
    assert task is not None and task.get("BaseType") == "mscrm.activitypointer"
    assert doc.key("task") == []
    assert sorted(doc.props("task")) == ["_regardingobjectid_value", "percentcomplete"]
    assert doc.key("activitypointer") == ["activityid"]
    assert doc.sets()["tasks"][1] == {"regardingobjectid_x_thing_task": "x_things"}
    assert not any("placeholder" in w for w in doc.warnings)


def test_an_activity_without_activitypointer_in_the_set_gets_a_placeholder_base() -> None:
    doc = render(
        table("task", *ACTIVITY_COLUMNS, col("percentcomplete", T.INTEGER), pid="activityid")
    )
    assert doc.props("activitypointer") == {
        "activityid": {"Name": "activityid", "Type": "Edm.Guid"}
    }
    assert doc.key("activitypointer") == ["activityid"]
    assert sorted(doc.props("task")) == ["percentcomplete", "subject"]
    assert "activitypointers" not in doc.sets()
    assert doc.warned("'activitypointer' is not in the set", "placeholder", "task (derived type)")


def test_a_table_outside_the_set_becomes_a_key_only_placeholder() -> None:
    created = rel(
        "lk_x_thing_createdby",
        "x_user",
        "x_thing",
        "createdby",
        "createdby",
        "lk_x_thing_createdby",
    )
    modified = rel("lk_x_thing_modifiedby", "x_user", "x_thing", "modifiedby", "modifiedby", None)
    doc = render(
        table(
            "x_thing",
            lookup("createdby", "x_user"),
            lookup("modifiedby", "x_user"),
            m2o=(created, modified),
        )
    )
    assert doc.props("x_user") == {"x_userid": {"Name": "x_userid", "Type": "Edm.Guid"}}
    assert doc.key("x_user") == ["x_userid"]
    assert doc.navs("x_user") == {
        "lk_x_thing_createdby": {"Type": "Collection(mscrm.x_thing)", "Partner": "createdby"},
        "lk_x_thing_modifiedby": {"Type": "Collection(mscrm.x_thing)", "Partner": "modifiedby"},
    }
    assert doc.navs("x_thing")["modifiedby"]["Partner"] == "lk_x_thing_modifiedby"
    assert doc.navs("x_thing")["modifiedby"]["constraint"] == "_modifiedby_value->x_userid"
    assert list(doc.sets()) == ["x_things"]
    assert doc.sets()["x_things"][1] == {}
    assert doc.warned("'x_user' is not in the set", "x_thing.createdby, x_thing.modifiedby")


def test_activities_outside_the_set_derive_from_activitypointer_and_share_its_key() -> None:
    """Microsoft's activityparty page names its relationships to each activity only by a link
    (``letter_activity_parties``); Dataverse ties them all to ``activityid`` (Targets:
    activitypointer) as ``activityid_<activity>``. An activity outside the set is a placeholder
    derived from activitypointer, keyed by the ``activityid`` it inherits (never a made-up
    ``letterid`` or ``activitypointerid``)."""
    links = tuple(
        rel(f"{name}_activity_parties", name, "activityparty", None, referenced_attribute=None)
        for name in ("activitypointer", "letter", "task")
    )
    doc = render(
        table("activityparty", lookup("activityid", "activitypointer"), m2o=links),
    )
    navs = doc.navs("activityparty")
    assert {name: (nav["Type"], nav.get("constraint")) for name, nav in navs.items()} == {
        f"activityid_{name}": (f"mscrm.{name}", "_activityid_value->activityid")
        for name in ("activitypointer", "letter", "task")
    }
    assert navs["activityid_letter"]["Partner"] == "letter_activity_parties"
    letter = doc.entity("letter")
    assert letter is not None and letter.get("BaseType") == "mscrm.activitypointer"
    assert (doc.key("letter"), doc.props("letter")) == ([], {})
    assert doc.props("activitypointer") == {
        "activityid": {"Name": "activityid", "Type": "Edm.Guid"}
    }
    assert not doc.warned("no rule decides")


def test_a_relationship_to_an_activity_of_the_set_references_its_activityid() -> None:
    """A page that names the relationship only by a link leaves its ReferencedAttribute to the
    other side: an activity of the set is keyed by ``activityid``, not ``<name>id``."""
    regarding = rel(
        "Task_x_things", "task", "x_thing", "regardingobjectid", referenced_attribute=None
    )
    doc = render(
        table("x_thing", lookup("regardingobjectid", "task"), m2o=(regarding,)),
        table("task", *ACTIVITY_COLUMNS, pid="activityid"),
    )
    nav = doc.navs("x_thing")["regardingobjectid"]
    assert nav["constraint"] == "_regardingobjectid_value->activityid"


def test_an_unnamed_key_is_the_tables_name_and_id() -> None:
    """Dataverse names every table's primary key ``<logical name>id``."""
    keyless = rel(
        "lk_x", "x_user", "x_thing", "createdby", "createdby", None, referenced_attribute=None
    )
    outgoing = rel(
        "x_thing_x_notes", "x_thing", "x_note", "x_thingref", "x_thingref", "x_thing_x_notes"
    )
    doc = render(table("x_thing", lookup("createdby", "x_user"), m2o=(keyless,), o2m=(outgoing,)))
    assert doc.entity_names() == ["crmbaseentity", "x_note", "x_thing", "x_user"]
    assert doc.key("x_user") == ["x_userid"]
    assert doc.navs("x_thing")["createdby"]["Partner"] == "lk_x"
    assert doc.key("x_note") == ["x_noteid"]  # outside the set (tests/test_one_to_many_outside)
    assert doc.navs("x_note")["x_thingref"]["Partner"] == "x_thing_x_notes"
    assert not doc.warned("'x_thing' lacks")


def test_entity_set_names_missing_or_repeated_are_reported() -> None:
    doc = render(
        table("x_a", entity_set=None, logical_collection_name="x_alist"),
        table("x_b", entity_set=None),
        table("x_c", entity_set="x_alist"),
        table("x_d", entity_set="x d"),
    )
    assert list(doc.sets()) == ["x_alist"]
    assert doc.warned("'x_b' has no EntitySetName")
    assert doc.warned("'x_c' has the entity set name 'x_alist'")
    assert doc.warned("'x_d' entity set name 'x d' is not a valid EDM identifier")


def test_primary_id_missing_from_the_columns_is_still_the_key() -> None:
    doc = render(dataclasses.replace(table("x_thing"), columns=(col("x_name"),)))
    assert doc.key("x_thing") == ["x_thingid"]
    assert doc.props("x_thing")["x_thingid"]["Type"] == "Edm.Guid"
    assert doc.warned("primary id 'x_thingid'", "declared as an Edm.Guid key")


def test_a_table_without_primary_id_or_with_a_base_type_name_is_left_out() -> None:
    doc = render(
        table("x_thing", pid=None),
        dataclasses.replace(table("x_odd"), primary_id_attribute="x odd id"),
        table("principal", pid="principalid"),
        table("x_ok"),
    )
    assert doc.entity_names() == ["crmbaseentity", "x_ok"]
    assert doc.warned("'x_thing' has no PrimaryIdAttribute: left out")
    assert doc.warned("'x_odd' has the PrimaryIdAttribute 'x odd id': left out")
    assert doc.warned("'principal' has the name of a Web API base type")


def test_settings_name_the_schema_and_the_container() -> None:
    config = Config(odata_namespace="Contoso.Data", odata_alias="c", odata_container="Service")
    doc = render(*two_tables_with_a_lookup(), config=config)
    schema = doc.schema
    assert (schema.get("Namespace"), schema.get("Alias")) == ("Contoso.Data", "c")
    entity = doc.entity("x_child")
    assert entity is not None and entity.get("BaseType") == "c.crmbaseentity"
    assert doc.navs("x_child")["x_ParentRef"]["Type"] == "c.x_parent"
    assert doc.sets()["x_childs"][0] == "Contoso.Data.x_child"
    container = schema.find("{http://docs.oasis-open.org/odata/ns/edm}EntityContainer")
    assert container is not None and container.get("Name") == "Service"


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("odata_namespace", "1Bad.Name", "odata-namespace: '1Bad.Name' is not a valid namespace"),
        ("odata_namespace", "Edm", "odata-namespace: 'Edm' is reserved"),
        ("odata_namespace", "Org.OData.Core.V1", "Core vocabulary's namespace"),
        ("odata_alias", "odata", "odata-alias: 'odata' is reserved"),
        ("odata_alias", "Core", "odata-alias: 'Core' is the Core vocabulary's alias"),
        (
            "odata_alias",
            "a.b",
            "odata-alias: 'a.b' is not an identifier of ASCII letters, digits and '_'",
        ),
        (
            "odata_container",
            "My Container",
            "odata-container: 'My Container' is not an identifier of ASCII",
        ),
    ],
)
def test_invalid_settings_are_errors(setting: str, value: str, message: str) -> None:
    diagnostics = Diagnostics()
    config = dataclasses.replace(Config(), **{setting: value})
    assert ODataTarget(config).render(TableSet((table("x_a"),)), diagnostics) == {}
    assert diagnostics.has_errors
    assert any(message in d.message for d in diagnostics), [str(d) for d in diagnostics]


def test_output_is_deterministic_whatever_the_input_order() -> None:
    tables = [*two_tables_with_a_lookup(), table("account"), table("contact")]
    first = render(*tables)
    second = render(*reversed(tables))
    assert first.text == second.text
    assert first.text.endswith("</edmx:Edmx>\n") and not first.text.endswith("\n\n")
    assert "\r" not in first.text
    assert first.text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<edmx:Edmx')


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("accountid", True),
        ("_createdby_value", True),
        ("Account_Tasks", True),
        ("é_name", True),
        ("x" * 128, True),
        ("x" * 129, False),
        ("", False),
        ("1abc", False),
        ("``", False),
        ("a b", False),
        ("a.b", False),
        ("$a", False),
    ],
)
def test_edm_names_are_simple_identifiers(text: str, valid: bool) -> None:
    assert is_simple_identifier(text) is valid
    if valid:
        assert EdmName(text) == text
    else:
        with pytest.raises(InvalidEdmName):
            EdmName(text)


def test_a_file_columns_navigation_named_as_the_column_is_a_note_and_another_clash_a_warning() -> (
    None
):
    """Pages from 2024 on name a File column's navigation to its ``fileattachment`` row as the
    column (``msdyn_errorlog``): CSDL holds one member of a name, the column's property stays
    (it is how a client reads the file) and the navigation is left out with a note, while any
    other navigation clashing with a member is still a warning."""
    upload = table(
        "new_upload",
        col("new_errorlog", ColumnType.FILE),
        lookup("new_ownerref", "new_other"),
        col("new_other"),
        m2o=(
            rel(
                "FileAttachment_new_upload_new_errorlog",
                "fileattachment",
                "new_upload",
                "new_errorlog",
                single="new_errorlog",
                referenced_attribute="fileattachmentid",
            ),
            rel("new_other_upload", "new_other", "new_upload", "new_ownerref", single="new_other"),
        ),
    )
    rendered = render(upload, table("fileattachment"), table("new_other"))
    found = {d.code: d.severity for d in rendered.diagnostics if "clash" in d.code}
    assert found == {
        "odata-file-navigation-clash": Severity.INFO,
        "odata-member-clash": Severity.WARNING,
    }
    upload_type = rendered.root.find(".//{*}EntityType[@Name='new_upload']")
    assert upload_type is not None
    names = [e.get("Name") for e in upload_type]
    assert names.count("new_errorlog") == 1 and names.count("new_other") == 1
