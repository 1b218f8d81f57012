"""Faults found reviewing the three rules merged for the single-valued navigation property of a
placeholder of a table outside the set (38986f2, a145e01, a1a6312, fcbf808, 5b63ce0), against
Microsoft's EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``: ../shared/validators/webapi-v9), on the
corpus, each of its tables alone and 80 pairs of them, in shuffled orders of tables and
relationships.

- An activity's Regarding outside the set ended with the activity's name for every table
  (``regardingobjectid_asyncoperation_email``), as if ``activitypointer``'s Regarding held them
  all; Microsoft's ``email`` and ``socialactivity`` have ``regardingobjectid_asyncoperation``
  (partners of ``asyncoperation``'s ``AsyncOperation_Emails`` and
  ``AsyncOperation_SocialActivities``) beside ``regardingobjectid_account_email``: the suffix
  avoids a clash with the inherited ``regardingobjectid_<table>`` only, as for an activity of the
  set, whose name did not end so. The set tells which tables ``activitypointer``'s Regarding
  holds: its page, or the table's relationship to it (``Account_ActivityPointers``, which
  ``asyncoperation``'s page does not list).
- A table one relationship of the set references by ``activityid`` (an activity Dataverse's list
  does not name) and another by an unstated key (a page naming the relationship by a link only)
  was declared by whichever relationship's schema name sorted first: ``crmbaseentity`` keyed by
  ``<logical name>id``, or derived from ``activitypointer`` with a ``<logical name>id`` property
  its lookups were constrained to, which no activity has.
- The other side of a many-to-many relationship that is such an activity declared
  ``<logical name>id`` on the placeholder too.
- A Customer lookup or a sender's of Microsoft's tables kept its bare name on the placeholder
  of a page alone (``account``: ``contact_customer_accounts`` with ``parentcustomerid``,
  ``Account_Email_EmailSender`` with ``emailsender``); Microsoft's ``contact``, ``email``,
  ``socialactivity`` and ``activityfileattachment`` EntityTypes name each ``<lookup>_<table>``
  (``parentcustomerid_account``, ``emailsender_account``, ``postauthor_account``,
  ``postauthoraccount_account``, ``parentid_post``): each table of the corpus alone partnered 400
  of Microsoft's 521 collections to tables outside it as Microsoft does, 389 before.
"""

from __future__ import annotations

import pytest

from dvgen.model import ColumnType
from tests.test_odata_support import col, lookup, many, rel, render, table
from tests.test_odata_tools import xsd_errors
from tests.test_one_to_many_outside import _o2m

ACTIVITY_COLUMNS = (
    col("activityid", ColumnType.UNIQUEIDENTIFIER),
    lookup("regardingobjectid", "account", "asyncoperation", "contact"),
)


def test_an_activitys_regarding_ends_with_it_only_where_activitypointers_holds_the_table() -> None:
    """``asyncoperation``'s page lists ``AsyncOperation_Emails`` and no relationship to
    ``activitypointer``; ``account``'s lists ``Account_ActivityPointers`` beside its emails."""
    jobs = table(
        "asyncoperation",
        o2m=(
            _o2m("AsyncOperation_Emails", "asyncoperation", "email", "regardingobjectid"),
            _o2m(
                "AsyncOperation_SocialActivities",
                "asyncoperation",
                "socialactivity",
                "regardingobjectid",
            ),
        ),
    )
    account = table(
        "account",
        o2m=(
            _o2m("Account_ActivityPointers", "account", "activitypointer", "regardingobjectid"),
            _o2m("Account_Emails", "account", "email", "regardingobjectid"),
        ),
    )
    alone = render(jobs)
    assert alone.navs("asyncoperation")["AsyncOperation_Emails"]["Partner"] == (
        "regardingobjectid_asyncoperation"
    )
    assert set(alone.navs("socialactivity")) == {"regardingobjectid_asyncoperation"}
    both = render(jobs, account)
    assert set(both.navs("email")) == {
        "regardingobjectid_asyncoperation",
        "regardingobjectid_account_email",
    }
    # the same name as email's own page gives it
    with_email = render(jobs, table("email", *ACTIVITY_COLUMNS, pid="activityid"))
    assert with_email.navs("asyncoperation")["AsyncOperation_Emails"]["Partner"] == (
        "regardingobjectid_asyncoperation"
    )
    assert xsd_errors(both.text.encode("utf-8")) == []


@pytest.mark.parametrize("schema", ["a_visit_account", "zz_visit_account"])
def test_an_activity_keyed_by_one_relationship_is_keyed_so_by_any(schema: str) -> None:
    """``annotation.objectid`` references ``x_visit`` by ``activityid``; ``account``'s page
    names its lookup's relationship without the key: whichever sorts first, ``x_visit``
    derives from ``activitypointer``, declares no ``x_visitid``, and the lookup is constrained
    to ``activityid``."""
    notes = rel(
        "x_visit_Annotations", "x_visit", "annotation", "objectid", None, None, "activityid"
    )
    visit = rel(schema, "x_visit", "account", "x_visitid", None, None, None)
    annotation = table("annotation", lookup("objectid", "x_visit"), m2o=(notes,))
    account = table("account", lookup("x_visitid", "x_visit"), m2o=(visit,))
    for order in ((annotation, account), (account, annotation)):
        doc = render(*order)
        entity = doc.entity("x_visit")
        assert entity is not None and entity.get("BaseType") == "mscrm.activitypointer"
        assert "x_visitid" not in doc.props("x_visit")
        assert doc.navs("account")["x_visitid"]["constraint"] == "_x_visitid_value->activityid"
        assert xsd_errors(doc.text.encode("utf-8")) == []


def test_the_many_to_many_side_of_such_an_activity_declares_no_key_of_its_own() -> None:
    notes = rel(
        "x_visit_Annotations", "x_visit", "annotation", "objectid", None, None, "activityid"
    )
    visits = many("x_account_visit", "account", "x_visit", "x_visits", "x_accounts")
    doc = render(
        table("annotation", lookup("objectid", "x_visit"), m2o=(notes,)),
        table("account", m2m=(visits,)),
    )
    entity = doc.entity("x_visit")
    assert entity is not None and entity.get("BaseType") == "mscrm.activitypointer"
    assert "x_visitid" not in doc.props("x_visit")
    assert doc.navs("x_visit")["x_accounts"]["Partner"] == "x_visits"
    assert xsd_errors(doc.text.encode("utf-8")) == []


@pytest.mark.parametrize(
    ("referenced", "schema", "referencing", "column"),
    [
        ("account", "contact_customer_accounts", "contact", "parentcustomerid"),
        ("account", "Account_Email_EmailSender", "email", "emailsender"),
        ("account", "SocialActivity_PostAuthor_accounts", "socialactivity", "postauthor"),
        (
            "contact",
            "socialactivity_postauthoraccount_contacts",
            "socialactivity",
            "postauthoraccount",
        ),
        ("post", "post_activity_file_attachment", "activityfileattachment", "parentid"),
    ],
)
def test_a_customer_or_sender_lookup_of_a_page_alone_is_named_for_its_table(
    referenced: str, schema: str, referencing: str, column: str
) -> None:
    doc = render(table(referenced, o2m=(_o2m(schema, referenced, referencing, column),)))
    assert doc.navs(referenced)[schema]["Partner"] == f"{column}_{referenced}"
    assert set(doc.navs(referencing)) == {f"{column}_{referenced}"}
    assert xsd_errors(doc.text.encode("utf-8")) == []
