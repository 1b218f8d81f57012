"""The columns and relationships Dataverse creates with a table, added to one written by hand.

A hand-written YAML table spec is what its author asks Dataverse to create; the table Dataverse
then holds has more: who made and changed each row and when, its state, its owner, its version,
and, beside a Money column, its currency. The JSON Schema and pydantic models are open and would
take such a record anyway, but the SQL tables and the CSDL would lack those columns. So a table
written by hand is completed with each of these parts it lacks; what its author wrote wins (a
column, or a relationship of that schema name or lookup, already there is kept as written).

Found in real data, not from memory:

- Every custom table of the unpacked solutions in ``../shared/solutions`` lists the columns
  Dataverse created with it (``<IsCustomField>0``): user-owned ``gmx_Expense``,
  ``gmx_ExpenseCategory``, ``gmx_ExpenseReport`` (``pnp__powerplatform-samples__
  AutomatedExpenseReporting/Entities``), organization-owned ``pc_BankAccount``
  (``Pilseta-cilvekiem__Participant-Management__CityForPeople``) and ``wh_Config``
  (``WaelHamze__xrm-ci-framework__XrmCIFrameworkSample``). Their ``Other/Relationships/*.xml``
  spell the relationships: ``lk_<table>_createdby``, ``owner_<table>``, ``business_unit_<table>``,
  ``team_<table>``, ``user_<table>``, ``organization_<table>`` by logical name,
  ``TransactionCurrency_<SchemaName>`` by schema name (``TransactionCurrency_gmx_Expense``).
- A solution lists neither ``versionnumber`` nor the delegate lookups' relationships; the
  reference pages do (``environmentvariabledefinition.md`` in ``../shared/corpus``: BigInt
  ``versionnumber``, read only; ``lk_<table>_createdonbehalfby``, ``_modifiedonbehalfby``).
- Microsoft's docs: "Create a custom table using code" (powerapps-docs, developer/data-platform/
  org-service/create-custom-entity.md: ``OwnershipType = OwnershipTypes.UserOwned``, the maker's
  default too); "Transaction Currency (currency) table" (developer/data-platform/
  transaction-currency-currency-entity: for each Money column Dataverse adds a read-only
  ``<column>_base``, the value in the base currency, ``<column> / exchangerate``, and the table
  gets ``transactioncurrencyid`` and ``exchangerate``); "User and team tables" (user-team-entities:
  a user- or team-owned table has ``ownerid`` and its owning user, team and business unit).

What is added (type, required level, valid for create/update; all are valid for read):

| columns | type | required | create | update | notes |
|---|---|---|---|---|---|
| createdby, modifiedby, *onbehalfby | Lookup | None | no | no | systemuser, lk_<t>_<column> |
| createdon, modifiedon | DateTime | None | no | no | DateAndTime, UserLocal |
| overriddencreatedon | DateTime | None | yes | no | DateOnly, UserLocal |
| importsequencenumber | Integer | None | yes | no | -2147483648..2147483647 |
| timezoneruleversionnumber | Integer | None | yes | yes | -1..2147483647 |
| utcconversiontimezonecode | Integer | None | yes | yes | -1..2147483647 |
| versionnumber | BigInt | None | no | no | the row's version |
| statecode | State | SystemRequired | no | yes | 0 Active (status 1), 1 Inactive (2) |
| statuscode | Status | None | yes | yes | 1 Active (state 0), 2 Inactive (1) |
| ownerid (user/team owned) | Owner | SystemRequired | yes | yes | owner_<t> |
| owningbusinessunit | Lookup | SystemRequired | no | no | business_unit_<t> |
| owninguser, owningteam | Lookup | None | no | no | user_<t>, team_<t> |
| organizationid (org owned) | Lookup | None | no | no | organization_<t> |
| transactioncurrencyid (money) | Lookup | None | yes | yes | TransactionCurrency_<Schema> |
| exchangerate | Decimal | None | no | no | precision 12, 1e-10..1e11 |
| <money>_base, each Money column | Money | None | no | no | its precision, base currency |
| companions of image, file, rollup columns | (there) | None | no | no | ``dvgen.companions`` |
| a flow's processid, activestageid | Lookup | (there) | (there) | (there) | lk_<t>_<column> |
| each File column's relationship | | | | | FileAttachment_<Schema>_<Column> |

A solution's own table enabled for notes (``<HasRelatedNotes>True``) gets the relationship of
its notes, ``<table>_Annotations`` (``with_notes``), which its export leaves out too; a standard
table written by hand or a solution's own gets the six Dataverse's own tables have to every table
it creates (``dvgen.platformlinks``: ``<table>_AsyncOperations``, ``<table>_SyncErrors``...).

A custom activity (a table keyed by ``activityid``) gets the columns Dataverse creates with
one besides (``dvgen.activityparts``: what ``activitypointer`` holds, the activity parties),
an activity's states (Open, Completed, Canceled, Scheduled), and its relationships spelt as
Dataverse spells a custom activity's: ``<table>_systemuser_createdby``,
``<table>_owner_ownerid``... cascading nothing (the custom activity ``csa_csIncident`` of
``pnp__powerplatform-samples__IncidentReporting``), the delegates' and the currency's as
Microsoft's solution-made ``msfp_surveyresponse`` names them, and
``activity_pointer_<SchemaName>`` from its key to its ``activitypointer`` row.

An elastic table gets another set (``dvgen.elasticparts``, as Microsoft's elastic tables have
it): the columns of every table but the state and time zone ones, the owner's when owned (its
business unit not required) and no ``organizationid``, ``partitionid`` and ``ttlinseconds``,
its built-in key, its relationships cascading nothing, and none from Dataverse's own tables; a
solution's own gets those of the three its export leaves out.

Tables left as written: a model file dvgen wrote, a customization, a table only Microsoft can
name (described as Dataverse has it), a virtual table (whose columns are its provider's), a
table without a primary name column (``CreateEntityRequest``
needs one: such a spec describes a table Dataverse made some other way, as an N:N
relationship's intersect table), and a spec that says ``system_columns: false``. A table of
another ownership (``BusinessOwned``, ``None``: no custom table can have one) gets the columns
of every table only.

It runs where a hand-written YAML spec is parsed (``parse.yaml_spec``), not in resolution:
the spec alone decides what is added, so the parse cache keeps the completed table and a run
with one spec changed completes that one only; pages and model files never pass there, so
their outputs cannot change. A table a solution owns lists the columns Dataverse created
with it, but neither the relationships of the delegate lookups nor the companions of its
image, file and rollup columns: ``owned`` adds those, where the solution is read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Literal

from dvgen import elasticparts
from dvgen.activityparts import columns as activity_columns
from dvgen.activityparts import described
from dvgen.companions import companions
from dvgen.dataverse_tables import ACTIVITY_BASE, ACTIVITY_KEY, ACTIVITY_PARTY, AUDIT_LOOKUPS
from dvgen.diagnostics import Location
from dvgen.elasticparts import NO_CASCADE
from dvgen.lookups import REGARDING, microsoft_name
from dvgen.model import (
    CascadeConfiguration,
    CascadeType,
    Column,
    ColumnType,
    OneToManyRelationship,
    OwnershipType,
    Table,
    TableType,
)
from dvgen.platformlinks import is_flow, platform_links
from dvgen.regarding import PARENTAL, relationship
from dvgen.systemparts import columns as dataverse_columns
from dvgen.systemparts import is_activity

OPT_OUT = "system_columns"
"""The top-level key of a spec that turns the completion off (``system_columns: false``)."""
_NO_CASCADE = CascadeConfiguration(
    assign=CascadeType.NO_CASCADE,
    delete=CascadeType.NO_CASCADE,
    reparent=CascadeType.NO_CASCADE,
    share=CascadeType.NO_CASCADE,
    unshare=CascadeType.NO_CASCADE,
)
_RESTRICT = dataclasses.replace(
    _NO_CASCADE, archive=CascadeType.RESTRICT, delete=CascadeType.RESTRICT
)
_ARCHIVE = dataclasses.replace(_NO_CASCADE, archive=CascadeType.NO_CASCADE)
_NONE = dataclasses.replace(_ARCHIVE, rollup_view=CascadeType.NO_CASCADE)
_REMOVE_LINK = dataclasses.replace(_NONE, delete=CascadeType.REMOVE_LINK)
_FILE = dataclasses.replace(
    _NO_CASCADE, archive=CascadeType.REMOVE_LINK, delete=CascadeType.REMOVE_LINK
)
FILE_ATTACHMENT = "fileattachment"


_COMPLETED = (None, TableType.STANDARD, TableType.ELASTIC)
"""The table types Dataverse creates the columns of (a virtual table's are its provider's)."""


def wanted(table: Table, data: dict[str, Any]) -> bool:
    """Whether the hand-written ``table`` (its spec ``data``) is one Dataverse would create
    and complete, and its author did not opt out."""
    return (
        data.get(OPT_OUT, True) is not False
        and not microsoft_name(table.logical_name)
        and table.table_type in _COMPLETED
        and table.primary_name_attribute is not None
    )


def complete(table: Table, where: Location) -> Table:
    """``table`` with each column and relationship Dataverse creates with it that it lacks,
    located at ``where`` (its ``logical_name`` line); a new table is user owned unless the
    spec says otherwise."""
    ownership = table.ownership_type or OwnershipType.USER_OWNED
    table = dataclasses.replace(table, ownership_type=ownership)
    if table.table_type is TableType.ELASTIC:
        made = [dataclasses.replace(c, loc=where) for c in dataverse_columns(table)]
        return elasticparts.with_key(_related(_with(table, made), where))
    made = list(dataverse_columns(table))
    if is_activity(table):
        made = [*map(described, made), *activity_columns()]
    system = [dataclasses.replace(c, loc=where) for c in made]
    table = _with(table, [*system, *companions(table.columns)])
    table = _adding(table, "one_to_many", platform_links(table, where))
    return _regarding(_parties(_related(table, where), where), where)


def owned(table: Table, platform: bool = True) -> Table:
    """``table`` (a solution's own) with what Dataverse created with it that the export leaves
    out: the companions of its image, file and rollup columns (``dvgen.companions``), and the
    relationship of each of its system lookups that no relationship names, located at the
    lookup (a solution exports the relationships of ``createdby`` and ``modifiedby`` but never
    those of ``createdonbehalfby`` and ``modifiedonbehalfby``, ``lk_<table>_createdonbehalfby``,
    whose navigation properties the Web API has all the same), and those Dataverse's own tables
    have to it unless not ``platform`` (``dvgen.platformlinks``: ``<table>_AsyncOperations``...;
    a virtual table provider's data sources have none); an elastic table, its partition id, time
    to live and built-in key (``dvgen.elasticparts``)."""
    if microsoft_name(table.logical_name):
        return table
    if table.table_type is TableType.ELASTIC:
        made = [dataclasses.replace(c, loc=table.loc) for c in elasticparts.columns()]
        return elasticparts.with_key(_related(_with(table, made), None))
    if table.table_type in (None, TableType.STANDARD):
        table = _with(table, list(companions(table.columns)))
        if platform:
            table = _adding(table, "one_to_many", platform_links(table, None))
    return _parties(_related(table, None), table.loc)


def _with(table: Table, parts: list[Column]) -> Table:
    """``table`` with each of ``parts`` whose name none of its columns has (nor an earlier
    part): what the author or the solution wrote wins."""
    have = set(table.columns_by_name)
    added = []
    for column in parts:
        if column.logical_name not in have:
            have.add(column.logical_name)
            added.append(column)
    return dataclasses.replace(table, columns=(*table.columns, *added)) if added else table


def _related(table: Table, where: Location | None) -> Table:
    """``table`` with each relationship of ``_relationships`` whose lookup (an activity's key,
    for its ``activitypointer`` row) it has and no relationship names, at ``where`` (None: at
    the lookup)."""
    lookups = {
        c.logical_name: c
        for c in table.columns
        if c.type.is_lookup
        or c.type is ColumnType.FILE
        or c.logical_name == table.primary_id_attribute
    }
    many_to_one = table.relationships.many_to_one
    named = {r.schema_name.lower() for r in many_to_one}
    used = {r.referencing_attribute for r in many_to_one}
    extra = [
        dataclasses.replace(r, loc=where or lookups[r.referencing_attribute].loc)
        for r in _relationships(table)
        if r.schema_name.lower() not in named
        and r.referencing_attribute not in used
        and r.referencing_attribute in lookups
    ]
    return _adding(table, "many_to_one", extra)


def _parties(table: Table, where: Location) -> Table:
    """An activity with the relationship of its parties, ``<activity>_activity_parties``
    (``activityparty.activityid``: task.md's ``task_activity_parties``, the Web API's collection
    of that name, ``msfp_surveyresponse_activity_parties``), unless it has one, at ``where``."""
    if not is_activity(table):
        return table
    name = f"{table.logical_name}_activity_parties"
    one_to_many = table.relationships.one_to_many
    if any(r.schema_name.lower() == name for r in one_to_many):
        return table
    parties = OneToManyRelationship(
        name,
        referenced_entity=table.logical_name,
        referencing_entity=ACTIVITY_PARTY,
        referencing_attribute=ACTIVITY_KEY,
        referenced_entity_navigation_property_name=name,
        loc=where,
    )
    return _adding(table, "one_to_many", [parties])


NOTES = "annotation"
"""The table of notes, whose ``objectid`` holds a row of any table enabled for notes."""


def with_notes(table: Table) -> Table:
    """``table`` (a solution's own, enabled for notes: ``<HasRelatedNotes>True``, which the
    export states without the relationship) with the one Dataverse makes to its notes
    (``notes_relationship``), unless it has one."""
    notes = notes_relationship(table, table.loc)
    return table if notes is None else _adding(table, "one_to_many", [notes])


def notes_relationship(table: Table, where: Location) -> OneToManyRelationship | None:
    """The relationship Dataverse makes to the notes of ``table`` enabled for notes, at
    ``where``; None when a relationship of ``annotation.objectid`` or of its name relates them
    already (a page's ``Account_Annotation``): ``<logical name>_Annotations``, its
    single-valued side ``objectid_<logical name>``, parental, as annotation.md (powerapps-docs)
    lists all ten of its solution-made tables (``adx_invitation_Annotations``,
    ``msdyn_aimodel_Annotations`` of ``msdyn_AIModel``) and Microsoft's annotation EntityType
    partners them; Microsoft's tables of its apps have it so too (the Web API's
    ``msdyn_estimateline_Annotations``). None for a table of the platform (no publisher
    prefix: ``Contact_Annotation``, ``Email_Annotation``, which their pages state, are named
    otherwise), and for a virtual or elastic table (Dataverse keeps no notes of another
    store's rows; an elastic table cascades nothing)."""
    if "_" not in table.logical_name or table.table_type not in (None, TableType.STANDARD):
        return None
    name = f"{table.logical_name}_Annotations"
    for known in table.relationships.one_to_many:
        by_notes = known.referencing_entity == NOTES and known.referencing_attribute == "objectid"
        if by_notes or known.schema_name.lower() == name.lower():
            return None
    return OneToManyRelationship(
        name,
        referenced_entity=table.logical_name,
        referencing_entity=NOTES,
        referencing_attribute="objectid",
        referenced_entity_navigation_property_name=name,
        referencing_entity_navigation_property_name=f"objectid_{table.logical_name}",
        is_hierarchical=False,
        cascade_configuration=PARENTAL,
        loc=where,
    )


def _regarding(table: Table, where: Location) -> Table:
    """An activity with a relationship to each table its ``regardingobjectid`` targets that no
    relationship of that lookup references, at ``where``: as Dataverse relates a custom activity
    to each table enabled for activities (``dvgen.regarding``: ``account_csa_csIncidents``,
    ``account_msfp_surveyresponses``, parental). The tables enabled for activities that the
    author does not list are related in resolution, where the set is known."""
    regarding = table.column(REGARDING)
    if not is_activity(table) or regarding is None or not regarding.type.is_lookup:
        return table
    many_to_one = table.relationships.many_to_one
    related = {r.referenced_entity for r in many_to_one if r.referencing_attribute == REGARDING}
    named = {r.schema_name.lower() for r in many_to_one}
    extra = [
        item
        for target in regarding.targets
        if target not in related
        and (item := relationship(target, table, where)).schema_name.lower() not in named
    ]
    return _adding(table, "many_to_one", extra)


def _adding(
    table: Table, kind: Literal["many_to_one", "one_to_many"], extra: list[OneToManyRelationship]
) -> Table:
    """``table`` with ``extra`` after its relationships of ``kind`` (itself when none)."""
    if not extra:
        return table
    added = (*getattr(table.relationships, kind), *extra)
    relationships = dataclasses.replace(table.relationships, **{kind: added})
    return dataclasses.replace(table, relationships=relationships)


FLOW = (("processid", "workflow"), ("activestageid", "processstage"))
"""The lookups Dataverse creates with a business process flow's table and their targets, whose
relationships (``lk_<table>_processid``, ``lk_<table>_activestageid``) cascade nothing: Microsoft's
``leadtoopportunitysalesprocess`` EntityType has ``processid`` (``mscrm.workflow``) and
``activestageid`` (``mscrm.processstage``); the exports that state them name them so
(Darleev/gh_build_test's ``Other/Relationships/Workflow.xml``: ``lk_smp_workorderbpf_processid``,
NoCascade), but a 2025 export (jurajcirc/power-platform-solutions) lists
``lk_cr468_discrepancystages_processid`` in ``Other/Relationships.xml`` and no
``Relationships/*.xml`` states it."""


def _relationships(table: Table) -> Iterator[OneToManyRelationship]:
    """Every many-to-one relationship Dataverse creates with ``table`` for its lookups of
    ``systemparts``, and a business process flow's two (``FLOW``): the relationships the
    solutions and reference pages name. An elastic
    table's cascade nothing at all (``elasticparts.NO_CASCADE``), without ``organization_<t>``
    (no elastic table has ``organizationid``) nor the currency's (no elastic table has Money)."""
    if table.table_type is not TableType.ELASTIC:
        yield from _file_relationships(table)
    if is_activity(table):
        yield from _activity_relationships(table)
        return
    name = table.logical_name
    links = [
        *((f"lk_{name}_{column}", "systemuser", column, _ARCHIVE) for column in AUDIT_LOOKUPS),
        (f"owner_{name}", "owner", "ownerid", _ARCHIVE),
        (f"business_unit_{name}", "businessunit", "owningbusinessunit", _RESTRICT),
        (f"team_{name}", "team", "owningteam", _ARCHIVE),
        (f"user_{name}", "systemuser", "owninguser", _ARCHIVE),
    ]
    if is_flow(table):
        links += [(f"lk_{name}_{column}", target, column, _ARCHIVE) for column, target in FLOW]
    if table.table_type is TableType.ELASTIC:
        for schema, referenced, column, _ in links:
            yield _many_to_one(schema, referenced, name, column, NO_CASCADE)
        return
    links += [
        (f"organization_{name}", "organization", "organizationid", _NO_CASCADE),
        (
            f"TransactionCurrency_{table.schema_name}",
            "transactioncurrency",
            "transactioncurrencyid",
            _RESTRICT,
        ),
    ]
    for schema, referenced, column, cascade in links:
        yield _many_to_one(schema, referenced, name, column, cascade)


def _file_relationships(table: Table) -> Iterator[OneToManyRelationship]:
    """The relationship Dataverse creates for each File column, to the ``fileattachment`` row
    holding the file: ``FileAttachment_<table SchemaName>_<column SchemaName>``, not
    customizable, a delete or archive removing the link, as every export holding a File
    column states it in ``Other/Relationships/FileAttachment.xml`` (``pc_BankAccount``'s
    ``FileAttachment_pc_BankAccount_pc_TransactionImportFile``, the Copilot Studio Kit's four,
    ``hmcts``' ``FileAttachment_pre__Assets_pre__Article`` in ``../shared/solutions``) but a
    2025 ``pac`` export (jurajcirc/power-platform-solutions), which lists
    ``FileAttachment_cr468_DM_Evidence_cr468_File`` in ``Other/Relationships.xml`` only. Image
    columns have none (the exports list none for theirs)."""
    for column in table.columns:
        if column.type is ColumnType.FILE:
            yield file_relationship(table, column)


def file_relationship(table: Table, column: Column) -> OneToManyRelationship:
    """The relationship Dataverse makes for the File ``column`` of ``table``
    (``_file_relationships``), without a location."""
    return dataclasses.replace(
        _many_to_one(
            f"FileAttachment_{table.schema_name}_{column.schema_name}",
            FILE_ATTACHMENT,
            table.logical_name,
            column.logical_name,
            _FILE,
        ),
        is_customizable=False,
    )


def _many_to_one(
    schema: str,
    referenced: str,
    referencing: str,
    column: str,
    cascade: CascadeConfiguration | None,
) -> OneToManyRelationship:
    """One relationship as a solution's Relationships file states it: to a table by logical
    name, the referencing side this table's lookup (the referenced key is the target's own)."""
    return OneToManyRelationship(
        schema,
        referenced_entity=referenced,
        referencing_entity=referencing,
        referencing_attribute=column,
        is_hierarchical=False,
        cascade_configuration=cascade,
    )


def _activity_relationships(table: Table) -> Iterator[OneToManyRelationship]:
    """The relationships Dataverse creates with a custom activity, spelt
    ``<table>_<referenced table>_<lookup>`` and cascading nothing, as ``csa_csIncident``'s
    export has them (its SLAs' remove the link on delete); its key refers to its
    ``activitypointer`` row (``activity_pointer_<SchemaName>``). The delegates' and the
    currency's are those of ``msfp_surveyresponse``'s live definitions (no export lists
    them; the currency's cascade is unknown, and left unstated)."""
    name = table.logical_name
    for column in AUDIT_LOOKUPS:
        yield _many_to_one(f"{name}_systemuser_{column}", "systemuser", name, column, _NONE)
    for referenced, column in (
        ("owner", "ownerid"),
        ("businessunit", "owningbusinessunit"),
        ("team", "owningteam"),
        ("systemuser", "owninguser"),
        ("mailbox", "sendermailboxid"),
    ):
        yield _many_to_one(f"{name}_{referenced}_{column}", referenced, name, column, _NONE)
    for column in ("slaid", "slainvokedid"):
        yield _many_to_one(f"{name}_sla_{column}", "sla", name, column, _REMOVE_LINK)
    yield _many_to_one(
        f"{name}_transactioncurrency_transactioncurrencyid",
        "transactioncurrency",
        name,
        "transactioncurrencyid",
        None,
    )
    yield _many_to_one(
        f"activity_pointer_{table.schema_name}", ACTIVITY_BASE, name, ACTIVITY_KEY, _ARCHIVE
    )
