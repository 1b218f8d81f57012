"""The columns Dataverse creates with a custom activity table (``IsActivity``), beside those of
every table (``dvgen.systemparts``): what ``dvgen.systemcolumns`` adds to an activity written by
hand.

Found in real data, not from memory. Microsoft's "Custom activities" (powerapps-docs,
developer/data-platform/custom-activities.md): a custom activity inherits every property of
``activitypointer`` and every activity party type, its primary column is ``subject``, and it is
user or team owned. The columns are those the custom activity ``csa_csIncident`` of
``pnp__powerplatform-samples__IncidentReporting/Entities`` in ``../shared/solutions`` lists as
made by Dataverse (``<IsCustomField>0``), with their facets, labels and descriptions; Microsoft's
solution-made activity ``msfp_surveyresponse`` (its live ``EntityDefinitions``) lists the same
set. The options no export lists are the reference pages': ``deliveryprioritycode``'s global
``activitypointer_deliveryprioritycode`` from ``email.md`` in ``../shared/corpus``, and
``isregularactivity``'s ``activitypointer_isregularactivity`` (No, Yes) from the 2024 pages of
Microsoft's activities (``True Label: Yes``, ``False Label: No``).

``community``'s global ``socialprofile_community`` has no options in the export: its options
are those Microsoft's pages list (``socialactivity.md`` in ``../shared/corpus``: Other,
Facebook, Twitter); an app may add more (Omnichannel's pages list 18), as a solution or a
customization of the global choice then says. The Web API's ``task`` EntityType
(``../shared/validators/webapi-v9/task.yml``) declares every property this set gives an
activity, and besides only task's own.

The targets of ``regardingobjectid`` are the tables an org enables activities for: those a spec
states, which ``systemcolumns`` relates, and the set's (``dvgen.regarding``), which resolution
relates. Left out, the evidence not settling them: the targets of ``requiredattendees`` and of
``optionalattendees`` (the export lists none).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from dvgen.model import Choice, Column, ColumnType, DateTimeBehavior, RequiredLevel
from dvgen.systemparts import INT_RANGE, READ_ONLY

ACTIVITY_NAME = "subject"
"""An activity's primary name column: every activity's, never chosen."""
_PARTIES = ("account", "contact", "systemuser")
_DURATION: dict[str, Any] = {
    "format": "Duration",
    "min_value": 0,
    "max_value": INT_RANGE["max_value"],
}
_NO_YES = (Choice(0, "No"), Choice(1, "Yes"))
_PRIORITY = (Choice(0, "Low"), Choice(1, "Normal"), Choice(2, "High"))


DESCRIPTIONS = {
    "createdby": "Unique identifier of the user who created the activity.",
    "createdon": "Date and time when the activity was created.",
    "createdonbehalfby": "Unique identifier of the delegate user who created the activitypointer.",
    "modifiedby": "Unique identifier of user who last modified the activity.",
    "modifiedon": "Date and time when activity was last modified.",
    "modifiedonbehalfby": "Unique identifier of the delegate user who last modified the "
    "activitypointer.",
    "ownerid": "Unique identifier of the user or team who owns the activity.",
    "owningbusinessunit": "Unique identifier of the business unit that owns the activity.",
    "owningteam": "Unique identifier of the team that owns the activity.",
    "owninguser": "Unique identifier of the user that owns the activity.",
}
"""How Dataverse describes the columns of every table on an activity (``csa_csIncident``'s
export; the Web API's ``task`` describes its lookups alike)."""


def described(column: Column) -> Column:
    """``column``, one of every table's, described as an activity's."""
    text = DESCRIPTIONS.get(column.logical_name)
    return dataclasses.replace(column, description=text) if text else column


def columns() -> Iterator[Column]:
    """Every column Dataverse creates with a custom activity that ``systemparts`` does not, in
    a fixed order."""
    yield from _times()
    yield from _parties()
    yield from _flags()
    yield from _choices()
    yield from _texts()
    yield from _references()


def _column(
    name: str, schema: str, kind: ColumnType, label: str, text: str, **facets: Any
) -> Column:
    return Column(name, schema, kind, display_name=label, description=text, **facets)


def _date(name: str, schema: str, label: str, text: str, **facets: Any) -> Column:
    """A date and time in the user's time zone, its behaviour fixed."""
    return _column(
        name,
        schema,
        ColumnType.DATE_TIME,
        label,
        text,
        format="DateAndTime",
        date_time_behavior=DateTimeBehavior.USER_LOCAL,
        can_change_date_time_behavior=False,
        **facets,
    )


def _times() -> Iterator[Column]:
    """When the activity is planned, done, sent and sorted, and how long it takes."""
    yield _date("actualend", "ActualEnd", "Actual End", "Actual end time of the activity.")
    yield _date("actualstart", "ActualStart", "Actual Start", "Actual start time of the activity.")
    yield _column(
        "actualdurationminutes",
        "ActualDurationMinutes",
        ColumnType.INTEGER,
        "Actual Duration",
        "Actual duration of the activity in minutes.",
        **_DURATION,
    )
    yield _date("scheduledend", "ScheduledEnd", "Due Date", "Scheduled end time of the activity.")
    yield _date(
        "scheduledstart", "ScheduledStart", "Start Date", "Scheduled start time of the activity."
    )
    yield _column(
        "scheduleddurationminutes",
        "ScheduledDurationMinutes",
        ColumnType.INTEGER,
        "Scheduled Duration",
        "Scheduled duration of the activity, specified in minutes.",
        **_DURATION,
    )
    yield _date(
        "sortdate",
        "SortDate",
        "Sort Date",
        "Shows the date and time by which the activities are sorted.",
    )
    yield _date(
        "lastonholdtime",
        "LastOnHoldTime",
        "Last On Hold Time",
        "Contains the date and time stamp of the last on hold time.",
    )
    yield _column(
        "onholdtime",
        "OnHoldTime",
        ColumnType.INTEGER,
        "On Hold Time (Minutes)",
        "Shows how long, in minutes, that the record was on hold.",
        **INT_RANGE,
        **READ_ONLY,
    )
    yield _date(
        "deliverylastattemptedon",
        "DeliveryLastAttemptedOn",
        "Date Delivery Last Attempted",
        "Date and time when the delivery of the activity was last attempted.",
        **READ_ONLY,
    )
    yield _date(
        "postponeactivityprocessinguntil",
        "PostponeActivityProcessingUntil",
        "Delay activity processing until",
        "For internal use only.",
        **READ_ONLY,
    )
    yield _date(
        "senton", "SentOn", "Date Sent", "Date and time when the activity was sent.", **READ_ONLY
    )


_PARTY_LISTS = (
    ("bcc", "BCC", "BCC", "Blind Carbon-copy (bcc) recipients of the activity.", _PARTIES),
    ("cc", "CC", "CC", "Carbon-copy (cc) recipients of the activity.", _PARTIES),
    ("customers", "Customers", "Customers", "Customer with which the activity is associated.",
     ("account", "contact")),
    ("from", "From", "From", "Person who the activity is from.", _PARTIES),
    ("optionalattendees", "OptionalAttendees", "Optional Attendees",
     "List of optional attendees for the activity.", ()),
    ("organizer", "Organizer", "Organizer", "Person who organized the activity.",
     ("systemuser",)),
    ("partners", "Partners", "Outsource Vendors",
     "Outsource vendor with which activity is associated.", ("account", "contact")),
    ("requiredattendees", "RequiredAttendees", "Required Attendees",
     "List of required attendees for the activity.", ()),
    ("resources", "Resources", "Resources",
     "Users or facility/equipment that are required for the activity.", ("systemuser",)),
    ("to", "To", "To", "Person who is the receiver of the activity.", _PARTIES),
)  # fmt: skip
"""The activity party types, each a PartyList column whose parties are rows of
``activityparty`` (name, schema name, label, description, the tables a party may be)."""


def _parties() -> Iterator[Column]:
    for name, schema, label, text, targets in _PARTY_LISTS:
        yield _column(name, schema, ColumnType.PARTY_LIST, label, text, targets=targets)


_FLAGS = (
    ("isbilled", "IsBilled", "Is Billed",
     "Information regarding whether the activity was billed as part of resolving a case."),
    ("ismapiprivate", "IsMapiPrivate", "Is Private", "For internal use only."),
    ("isworkflowcreated", "IsWorkflowCreated", "Is Workflow Created",
     "Information regarding whether the activity was created from a workflow rule."),
    ("leftvoicemail", "LeftVoiceMail", "Left Voice Mail", "Left the voice mail"),
)  # fmt: skip


def _flags() -> Iterator[Column]:
    """Yes/no columns, false unless set; ``isregularactivity`` is Dataverse's to set."""
    for name, schema, label, text in _FLAGS:
        yield _column(
            name, schema, ColumnType.BOOLEAN, label, text, default_value=False, choices=_NO_YES
        )
    yield _column(
        "isregularactivity",
        "IsRegularActivity",
        ColumnType.BOOLEAN,
        "Is Regular Activity",
        "Information regarding whether the activity is a regular activity type or event type.",
        required_level=RequiredLevel.SYSTEM_REQUIRED,
        global_choice_name="activitypointer_isregularactivity",
        default_value=True,
        choices=_NO_YES,
        **READ_ONLY,
    )


def _choices() -> Iterator[Column]:
    """The activity's type (its table's logical name), priority, social channel and
    recurrence."""
    yield _column(
        "activitytypecode",
        "ActivityTypeCode",
        ColumnType.ENTITY_NAME,
        "Activity Type",
        "Type of activity.",
        required_level=RequiredLevel.SYSTEM_REQUIRED,
        **READ_ONLY,
    )
    yield _column(
        "prioritycode",
        "PriorityCode",
        ColumnType.PICKLIST,
        "Priority",
        "Priority of the activity.",
        default_form_value=1,
        choices=_PRIORITY,
    )
    yield _column(
        "community",
        "Community",
        ColumnType.PICKLIST,
        "Social Channel",
        "Shows how contact about the social activity originated, such as from Twitter or "
        "Facebook. This field is read-only.",
        global_choice_name="socialprofile_community",
        choices=(Choice(0, "Other"), Choice(1, "Facebook"), Choice(2, "Twitter")),
    )
    yield _column(
        "deliveryprioritycode",
        "DeliveryPriorityCode",
        ColumnType.PICKLIST,
        "Delivery Priority",
        "Priority of delivery of the activity to the email server.",
        valid_for_update=False,
        global_choice_name="activitypointer_deliveryprioritycode",
        default_form_value=1,
        choices=_PRIORITY,
    )
    yield _column(
        "instancetypecode",
        "InstanceTypeCode",
        ColumnType.PICKLIST,
        "Recurring Instance Type",
        "Type of instance of a recurring series.",
        required_level=RequiredLevel.SYSTEM_REQUIRED,
        default_form_value=0,
        choices=tuple(
            Choice(value, label)
            for value, label in enumerate(
                (
                    "Not Recurring",
                    "Recurring Master",
                    "Recurring Instance",
                    "Recurring Exception",
                    "Recurring Future Exception",
                )
            )
        ),
        **READ_ONLY,
    )


def _texts() -> Iterator[Column]:
    """The activity's description, its Exchange item, and what apps keep with it."""
    yield _column(
        "description",
        "Description",
        ColumnType.MEMO,
        "Description",
        "Description of the activity.",
        max_length=2000,
    )
    yield _column(
        "activityadditionalparams",
        "ActivityAdditionalParams",
        ColumnType.MEMO,
        "Activity Additional Parameters",
        "Additional information provided by the external application as JSON. For internal "
        "use only.",
        format="TextArea",
        max_length=8192,
    )
    for name, schema, label, text, length in (
        ("exchangeitemid", "ExchangeItemId", "Exchange Item ID",
         "The message id of activity which is returned from Exchange Server.", 200),
        ("exchangeweblink", "ExchangeWebLink", "Exchange WebLink",
         "Shows the web link of Activity of type email.", 1250),
        ("traversedpath", "TraversedPath", "(Deprecated) Traversed Path",
         "For internal use only.", 1250),
    ):  # fmt: skip
        yield _column(
            name, schema, ColumnType.STRING, label, text, format_name="Text", max_length=length
        )


def _references() -> Iterator[Column]:
    """The activity's process, stage, series, SLAs and sender's mailbox."""
    guid = ColumnType.UNIQUEIDENTIFIER
    yield _column("processid", "ProcessId", guid, "Process", "Unique identifier of the Process.")
    yield _column(
        "stageid", "StageId", guid, "(Deprecated) Process Stage", "Unique identifier of the Stage."
    )
    yield _column(
        "seriesid",
        "SeriesId",
        guid,
        "Series Id",
        "Uniqueidentifier specifying the id of recurring series of an instance.",
        **READ_ONLY,
    )
    lookup = ColumnType.LOOKUP
    yield _column(
        "regardingobjectid",
        "RegardingObjectId",
        lookup,
        "Regarding",
        "Unique identifier of the object with which the activity is associated.",
    )
    yield _column(
        "slaid",
        "SLAId",
        lookup,
        "SLA",
        "Choose the service level agreement (SLA) that you want to apply to the case record.",
        targets=("sla",),
    )
    yield _column(
        "slainvokedid",
        "SLAInvokedId",
        lookup,
        "Last SLA applied",
        "Last SLA that was applied to this case. This field is for internal use only.",
        targets=("sla",),
        **READ_ONLY,
    )
    yield _column(
        "sendermailboxid",
        "SenderMailboxId",
        lookup,
        "Sender's Mailbox",
        "Unique identifier of the mailbox associated with the sender of the email message.",
        targets=("mailbox",),
        **READ_ONLY,
    )
