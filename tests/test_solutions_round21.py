"""Real unpacked solutions, round 21: each navigation property name dvgen gives a lookup
compared with what the export's ``<EntityRelationshipRoles>`` state.

Looked at (short excerpts below, transcribed; no whole file copied):
microsoft/powercat-automation-kit's ``AutomationCoEMain`` (``autocoe_`` tables, relationship
names cut at 40 characters, three lookups named ``autocoe_AutomationProject`` on three tables,
an N:N whose two roles share its name, the system relationships exported without roles);
tsykes-ctecs/PurchaseRequisitionData (2025, ``cttech_``: a custom activity
``cttech_OF95ApprovalUser`` regarding Microsoft's and the solution's tables, customizations of
contact and systemuser with lookups to account, Microsoft's ``msa_account_managingpartner``
whose referenced role has no name, a 97-character relationship name, a lookup name cut at 33
characters); WandersonSantos1/WSFDEV_TCC (2025, Portuguese names, a contact shell with no
columns and ``<HasRelatedNotes>``/``<HasRelatedActivities>``/``<HasRelatedFeedback>`` True:
nothing changes beside contact's page); and ``pnp__powerplatform-samples__IncidentReporting``
of ``../shared/solutions`` (the custom activity ``csa_csIncident``). Every name the roles
state was met (32 of 32 and 23 of 23 where the mini-exports held the roles).

The fault: a custom activity's navigation properties. Dataverse gives an activity a solution
made its own single-valued navigation property beside each it inherits from
``activitypointer``, named apart whatever else the org holds: Microsoft's Web API pages of
``adx_portalcomment``, ``msfp_surveyinvite`` and ``msfp_surveyresponse`` have
``createdby_adx_portalcomment``, ``ownerid_adx_portalcomment``,
``regardingobjectid_adx_ad_adx_portalcomment`` (every table its Regarding holds), and
``activityid_adx_portalcomment`` partnered with ``activity_pointer_adx_portalcomment`` where
the platform's activities have ``activityid_activitypointer``. dvgen named them so only when
the set held ``activitypointer``'s page or two other activities: a solution with one custom
activity got ``createdby``, ``regardingobjectid_account``, ``activityid_activitypointer``
(the inherited names), and beside Microsoft's task and email pages the Regarding was named
apart for the tables those pages list and not for the others (``regardingobjectid_adx_ad``
beside ``regardingobjectid_adx_invitation_csa_csincident``). And its ``slainvokedid``, whose
relationship the exports list without roles, was ``slainvokedid_<activity>``: both exports'
role for ``slaid`` says ``sla_activitypointer_sla_<activity>``, Microsoft's pages
``slainvokedid_activitypointer_sla_<activity>``.

Left: ``campaignresponse.originatingactivityid`` to a custom activity, which Microsoft names
``originatingactivityid_<activity>_campaignresponse`` (no page of the set holds it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import generate
from tests.conftest import CORPUS, SHARED, needs_shared
from tests.solution_support import attribute_xml, generate_unpacked, manifest
from tests.test_solutions_round19 import (
    LOOKUP,
    _checked,
    _collection,
    _entity,
    _relationships,
    _roots,
    _single,
)

SUBJECT = "<DisplayMask>PrimaryName</DisplayMask><Format>text</Format><MaxLength>400</MaxLength>"
OWNER = (
    "<LookupStyle>single</LookupStyle><LookupTypes>"
    '<LookupType id="00000000-0000-0000-0000-000000000000">8</LookupType>'
    '<LookupType id="00000000-0000-0000-0000-000000000000">9</LookupType></LookupTypes>'
)


def _regarding(name: str, referenced: str, attribute: str = "RegardingObjectId") -> str:
    """A relationship an activity's export lists without roles, as Dataverse made it: the
    Regarding of ``cttech_OF95ApprovalUser`` (Other/Relationships/Account.xml...), or its key
    to ``activitypointer`` (ActivityPointer.xml)."""
    parental = referenced not in ("ActivityPointer", "SLA")
    cascade = "Cascade" if parental else "NoCascade"
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>cttech_OF95ApprovalUser</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeAssign>{cascade}</CascadeAssign>
    <CascadeDelete>{cascade}</CascadeDelete>
    <CascadeArchive>NoCascade</CascadeArchive>
    <CascadeReparent>{cascade}</CascadeReparent>
    <CascadeShare>{cascade}</CascadeShare>
    <CascadeUnshare>{cascade}</CascadeUnshare>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
  </EntityRelationship>
"""


# tsykes-ctecs/PurchaseRequisitionData, Entities/cttech_OF95ApprovalUser/Entity.xml (the
# columns the names depend on), Entities/cttech_INTERNALPURCHASEREQUISITION/Entity.xml
# (<HasRelatedActivities>True), Other/Relationships/{Account,Contact,ActivityPointer,
# cttech_INTERNALPURCHASEREQUISITION}.xml: the activity's Regarding and key relationships.
ACTIVITY = (
    attribute_xml("ActivityId", "primarykey", custom=0)
    + attribute_xml("Subject", "nvarchar", SUBJECT, custom=0)
    + attribute_xml("CreatedBy", "lookup", LOOKUP, custom=0)
    + attribute_xml("OwnerId", "owner", OWNER, custom=0)
    + attribute_xml("RegardingObjectId", "lookup", LOOKUP, custom=0)
    + attribute_xml("SLAId", "lookup", LOOKUP, custom=0)
    + attribute_xml("SLAInvokedId", "lookup", LOOKUP, custom=0)
)
REQUISITION = attribute_xml(
    "cttech_INTERNALPURCHASEREQUISITIONId", "primarykey", custom=0
) + attribute_xml(
    "cttech_Name",
    "nvarchar",
    "<DisplayMask>PrimaryName</DisplayMask><Format>text</Format><MaxLength>100</MaxLength>",
)
ACTIVITY_FLAGS = "<IsActivity>1</IsActivity><IsActivityParty>0</IsActivityParty>"
PURCHASES = {
    "Other/Solution.xml": manifest(
        "PurchaseRequisition",
        "cttech",
        10000,
        _roots({"cttech_OF95ApprovalUser": 0, "cttech_INTERNALPURCHASEREQUISITION": 0}),
    ),
    "Entities/cttech_OF95ApprovalUser/Entity.xml": _entity(
        "cttech_OF95ApprovalUser", ACTIVITY, ACTIVITY_FLAGS
    ),
    "Entities/cttech_INTERNALPURCHASEREQUISITION/Entity.xml": _entity(
        "cttech_INTERNALPURCHASEREQUISITION",
        REQUISITION,
        "<HasRelatedActivities>True</HasRelatedActivities>",
    ),
    "Other/Relationships/Account.xml": _relationships(
        _regarding("account_cttech_OF95ApprovalUsers", "Account")
    ),
    "Other/Relationships/Contact.xml": _relationships(
        _regarding("contact_cttech_OF95ApprovalUsers", "Contact")
    ),
    "Other/Relationships/ActivityPointer.xml": _relationships(
        _regarding("activity_pointer_cttech_OF95ApprovalUser", "ActivityPointer", "ActivityId")
    ),
    # Other/Relationships/SLA.xml, each without its roles (the export states slaid's)
    "Other/Relationships/SLA.xml": _relationships(
        _regarding("cttech_of95approvaluser_sla_slaid", "SLA", "SLAId"),
        _regarding("cttech_of95approvaluser_sla_slainvokedid", "SLA", "SLAInvokedId"),
    ),
    "Other/Relationships/cttech_INTERNALPURCHASEREQUISITION.xml": _relationships(
        _regarding(
            "cttech_internalpurchaserequisition_cttech_OF95ApprovalUsers",
            "cttech_INTERNALPURCHASEREQUISITION",
        )
    ),
}
ACTIVITY_TYPE = "cttech_of95approvaluser"


def test_a_lone_custom_activity_names_its_regarding_apart(tmp_path: Path) -> None:
    """Each table the activity regards, Microsoft's or the solution's, has its own
    ``regardingobjectid_<table>_<activity>``, partnered with the relationship the export
    names: no other activity nor ``activitypointer``'s page is in the set."""
    generation, diagnostics = generate_unpacked(tmp_path, "PurchaseRequisition", PURCHASES)
    metadata = _checked(generation, diagnostics)
    for table, relationship in (
        ("account", "account_cttech_OF95ApprovalUsers"),
        ("contact", "contact_cttech_OF95ApprovalUsers"),
        (
            "cttech_internalpurchaserequisition",
            "cttech_internalpurchaserequisition_cttech_OF95ApprovalUsers",
        ),
    ):
        name = f"regardingobjectid_{table}_{ACTIVITY_TYPE}"
        assert _single(metadata, name, table, relationship), name
    for table in ("account", "contact"):
        assert f'<NavigationProperty Name="regardingobjectid_{table}" ' not in metadata


def test_a_lone_custom_activity_names_its_own_lookups_apart(tmp_path: Path) -> None:
    """``createdby`` and ``ownerid`` are the activity's own ``createdby_<activity>``,
    ``ownerid_<activity>``, as ``adx_portalcomment``'s are: the bare names are those it
    inherits from ``activitypointer``."""
    generation, diagnostics = generate_unpacked(tmp_path, "PurchaseRequisition", PURCHASES)
    metadata = _checked(generation, diagnostics)
    assert f'<NavigationProperty Name="createdby_{ACTIVITY_TYPE}" Type="mscrm.systemuser"' in (
        metadata
    )
    assert f'<NavigationProperty Name="ownerid_{ACTIVITY_TYPE}" Type="mscrm.principal"' in metadata
    assert '<NavigationProperty Name="createdby" Type="mscrm.systemuser"' not in metadata


def test_a_custom_activitys_key_relationship_is_named_by_the_activity(tmp_path: Path) -> None:
    """``activity_pointer_<SchemaName>`` is partnered with ``activityid_<activity>``, as
    Microsoft's ``activitypointer`` has ``activity_pointer_adx_portalcomment`` with
    ``activityid_adx_portalcomment`` (the platform's: ``activityid_activitypointer``)."""
    generation, diagnostics = generate_unpacked(tmp_path, "PurchaseRequisition", PURCHASES)
    metadata = _checked(generation, diagnostics)
    relationship = "activity_pointer_cttech_OF95ApprovalUser"
    assert _single(metadata, f"activityid_{ACTIVITY_TYPE}", "activitypointer", relationship)
    assert _collection(metadata, relationship, ACTIVITY_TYPE, f"activityid_{ACTIVITY_TYPE}")
    assert "activityid_activitypointer" not in metadata


def test_a_custom_activitys_parties_are_named_by_the_activity_and_activityparty(
    tmp_path: Path,
) -> None:
    """``<activity>_activity_parties`` is partnered with ``activityid_<activity>_activityparty``,
    as Microsoft's ``msdyn_approval_activity_parties`` is with
    ``activityid_msdyn_approval_activityparty`` (``activityid_<activity>`` names the
    activity's own relationship to ``activitypointer``)."""
    generation, diagnostics = generate_unpacked(tmp_path, "PurchaseRequisition", PURCHASES)
    metadata = _checked(generation, diagnostics)
    party = f"activityid_{ACTIVITY_TYPE}_activityparty"
    assert _collection(metadata, f"{ACTIVITY_TYPE}_activity_parties", "activityparty", party)
    assert f'<NavigationProperty Name="{party}" Type="mscrm.{ACTIVITY_TYPE}"' in metadata


@needs_shared
def test_the_incident_activity_is_named_alike_beside_microsofts_activities(
    tmp_path: Path,
) -> None:
    """``csa_csIncident`` (``../shared/solutions``) beside Microsoft's task and email pages:
    every table its Regarding holds is named apart, those the pages list (adx_invitation) and
    those they do not (adx_ad, the solution's sa_event) alike."""
    solution = SHARED / "solutions" / "pnp__powerplatform-samples__IncidentReporting"
    specs = tmp_path / "specs"
    shutil.copytree(solution, specs / solution.name)
    for page in ("task.md", "email.md"):
        shutil.copy(CORPUS / page, specs / page)
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    metadata = _checked(generation, diagnostics)
    for table in ("adx_ad", "adx_invitation", "sa_event", "account"):
        name = f"regardingobjectid_{table}_csa_csincident"
        assert f'<NavigationProperty Name="{name}" Type="mscrm.{table}"' in metadata, name
    assert '<NavigationProperty Name="regardingobjectid_adx_ad" ' not in metadata
    assert _single(
        metadata, "activityid_csa_csincident", "activitypointer", "activity_pointer_csa_csIncident"
    )


def test_a_custom_activitys_sla_lookups_are_named_after_activitypointers(tmp_path: Path) -> None:
    """``slaid`` and ``slainvokedid`` are ``sla_activitypointer_sla_<activity>`` and
    ``slainvokedid_activitypointer_sla_<activity>``: the first as the export's role states it,
    the second as Microsoft's ``msfp_surveyinvite`` has it, its relationship stating none."""
    generation, diagnostics = generate_unpacked(tmp_path, "PurchaseRequisition", PURCHASES)
    metadata = _checked(generation, diagnostics)
    for name, relationship in (
        ("sla_activitypointer_sla", "cttech_of95approvaluser_sla_slaid"),
        ("slainvokedid_activitypointer_sla", "cttech_of95approvaluser_sla_slainvokedid"),
    ):
        assert _single(metadata, f"{name}_{ACTIVITY_TYPE}", "sla", relationship), name
