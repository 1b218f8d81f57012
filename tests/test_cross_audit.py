"""Cross-table faults an audit of a 221-table set found, each kept as the smallest set of
hand-written specs that shows it, checked as a client reads the output (lxml, sqlite3).

- An activity's own relationship to a table ``activitypointer`` also has a lookup to is
  named ``<lookup>_<activity>`` (the base type declares ``<lookup>``). Without
  ``activitypointer``'s page, which lookups it has is what the activities share; a page
  listing only a few of its columns must not take ``createdby`` out of that.
- A self-referencing many-to-many relationship's intersect table holds the same table's id
  twice: both columns reference it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.webapi_oracle import properties
from lxml import etree

from dvgen.cli import main
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.targets.odata.context import Names, build_document

EDM = {"e": "http://docs.oasis-open.org/odata/ns/edm"}

SYSTEMUSER = """\
logical_name: systemuser
schema_name: SystemUser
entity_set_name: systemusers
primary_id_attribute: systemuserid
columns:
  - {logical_name: systemuserid, schema_name: SystemUserId, type: Uniqueidentifier}
"""

FULL_ACTIVITY = """\
logical_name: {name}
schema_name: {name}
entity_set_name: {name}s
primary_id_attribute: activityid
columns:
  - {{logical_name: activityid, schema_name: ActivityId, type: Uniqueidentifier}}
  - {{logical_name: createdby, schema_name: CreatedBy, type: Lookup, targets: [systemuser]}}
relationships:
  many_to_one:
    - schema_name: lk_{name}_createdby
      referenced_entity: systemuser
      referencing_entity: {name}
      referencing_attribute: createdby
"""

SHORT_ACTIVITY = """\
logical_name: phonecall
schema_name: PhoneCall
entity_set_name: phonecalls
primary_id_attribute: activityid
columns:
  - {logical_name: activityid, schema_name: ActivityId, type: Uniqueidentifier}
"""


def generate(tmp_path: Path, specs: dict[str, str], target: str) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    for name, text in specs.items():
        (folder / f"{name}.yaml").write_text(text)
    out = tmp_path / "out"
    argv = ["generate", "--specs", str(folder), "--out", str(out), "--no-cache", "-q"]
    assert main([*argv, "--target", target]) == 0
    return out


def navigations(out: Path, entity_type: str) -> dict[str, str | None]:
    document = etree.parse(str(out / "odata" / "metadata.xml"))
    found = document.find(f".//e:EntityType[@Name='{entity_type}']", EDM)
    assert found is not None
    return {n.get("Name"): n.get("Partner") for n in found.iterfind("e:NavigationProperty", EDM)}


def test_a_short_activity_page_keeps_the_activity_suffix(tmp_path: Path) -> None:
    specs = {
        "systemuser": SYSTEMUSER,
        "appointment": FULL_ACTIVITY.format(name="appointment"),
        "fax": FULL_ACTIVITY.format(name="fax"),
        "phonecall": SHORT_ACTIVITY,
    }
    out = generate(tmp_path, specs, "odata")
    for activity in ("appointment", "fax"):
        navs = navigations(out, activity)
        assert navs.get(f"createdby_{activity}") == f"lk_{activity}_createdby"
        assert "createdby" not in navs


def test_a_lookup_few_activities_hold_keeps_its_name(tmp_path: Path) -> None:
    """A lookup two of five activities hold (as one a solution adds) is not activitypointer's."""
    specs = {
        "systemuser": SYSTEMUSER,
        "appointment": FULL_ACTIVITY.format(name="appointment"),
        "fax": FULL_ACTIVITY.format(name="fax"),
        **{
            name: SHORT_ACTIVITY.replace("phonecall", name)
            for name in ("phonecall", "letter", "task")
        },
    }
    out = generate(tmp_path, specs, "odata")
    for activity in ("appointment", "fax"):
        assert navigations(out, activity).get("createdby") == f"lk_{activity}_createdby"


CONNECTIONROLE = """\
logical_name: connectionrole
schema_name: ConnectionRole
entity_set_name: connectionroles
primary_id_attribute: connectionroleid
columns:
  - {logical_name: connectionroleid, schema_name: ConnectionRoleId, type: Uniqueidentifier}
relationships:
  many_to_many:
    - schema_name: connectionroleassociation_association
      intersect_entity_name: connectionroleassociation
      this_table:
        logical_name: connectionrole
        intersect_attribute: connectionroleid
        navigation_property_name: connectionroleassociation_association
      other_table:
        logical_name: connectionrole
        intersect_attribute: associatedconnectionroleid
        navigation_property_name: connectionroleassociation_association
"""

ASSOCIATION = """\
logical_name: connectionroleassociation
schema_name: ConnectionRoleAssociation
entity_set_name: connectionroleassociations
primary_id_attribute: connectionroleassociationid
columns:
  - logical_name: connectionroleassociationid
    schema_name: ConnectionRoleAssociationId
    type: Uniqueidentifier
  - logical_name: connectionroleid
    schema_name: ConnectionRoleId
    type: Uniqueidentifier
  - logical_name: associatedconnectionroleid
    schema_name: AssociatedConnectionRoleId
    type: Uniqueidentifier
"""


def test_a_self_referencing_intersect_references_its_table_twice(tmp_path: Path) -> None:
    specs = {"connectionrole": CONNECTIONROLE, "connectionroleassociation": ASSOCIATION}
    out = generate(tmp_path, specs, "sql")
    with sqlite3.connect(":memory:") as db:
        db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
        keys = db.execute("PRAGMA foreign_key_list('connectionroleassociation')").fetchall()
    assert sorted((row[3], row[2], row[4]) for row in keys) == [
        ("associatedconnectionroleid", "connectionrole", "connectionroleid"),
        ("connectionroleid", "connectionrole", "connectionroleid"),
    ]


def test_every_referential_constraint_joins_properties_of_one_type(
    corpus_set: TableSet,
) -> None:
    """CSDL: a ReferentialConstraint's Property and ReferencedProperty have the same type. A File
    column (``webresource.contentfileref``, ``email.descriptionblobid``) is Edm.Binary, while
    its relationship references ``fileattachmentid``, a Guid: its navigation property stays,
    without a constraint (3 such constraints on the corpus before)."""
    names = Names("Microsoft.Dynamics.CRM", "mscrm", "System")
    document = build_document(corpus_set, names, Diagnostics())
    types = {str(t.name): t for t in document.entity_types}
    checked = 0
    for entity in document.entity_types:
        own = properties(entity, types)
        for nav in entity.navigations:
            if nav.constraint is None:
                continue
            prop, ref = nav.constraint
            target = properties(types.get(nav.type.removeprefix("mscrm.")), types)
            assert own[prop].type == target[ref].type, (str(entity.name), str(nav.name))
            checked += 1
    assert checked > 500
    webresource = types["webresource"]
    file_navs = [n for n in webresource.navigations if str(n.name) == "ContentFileRef"]
    assert file_navs and file_navs[0].constraint is None
