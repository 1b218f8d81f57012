"""What solutions' words mean to dvgen: type names, levels, formats, codes, and the table flags
known to change no output. Data, kept apart from the code that reads the XML."""

from __future__ import annotations

from dvgen.dataverse_tables import OWNER_TABLES
from dvgen.model import ColumnType, DateTimeBehavior, OwnershipType, RequiredLevel, TableType

TYPES: dict[str, ColumnType] = {
    "primarykey": ColumnType.UNIQUEIDENTIFIER,
    "uniqueidentifier": ColumnType.UNIQUEIDENTIFIER,
    "nvarchar": ColumnType.STRING,
    "ntext": ColumnType.MEMO,
    "memo": ColumnType.MEMO,
    "int": ColumnType.INTEGER,
    "bigint": ColumnType.BIG_INT,
    "decimal": ColumnType.DECIMAL,
    "money": ColumnType.MONEY,
    "float": ColumnType.DOUBLE,
    "double": ColumnType.DOUBLE,
    "bit": ColumnType.BOOLEAN,
    "boolean": ColumnType.BOOLEAN,
    "datetime": ColumnType.DATE_TIME,
    "picklist": ColumnType.PICKLIST,
    "multiselectpicklist": ColumnType.MULTI_SELECT_PICKLIST,
    "state": ColumnType.STATE,
    "status": ColumnType.STATUS,
    "lookup": ColumnType.LOOKUP,
    "customer": ColumnType.CUSTOMER,
    "owner": ColumnType.OWNER,
    "partylist": ColumnType.PARTY_LIST,
    "image": ColumnType.IMAGE,
    "file": ColumnType.FILE,
    "virtual": ColumnType.VIRTUAL,
    "entityname": ColumnType.ENTITY_NAME,
    "managedproperty": ColumnType.MANAGED_PROPERTY,
    "calendarrules": ColumnType.CALENDAR_RULES,
}
"""``<Type>`` as solutions write it -> the model's type."""

REQUIRED = {
    "none": RequiredLevel.NONE,
    "recommended": RequiredLevel.RECOMMENDED,
    "required": RequiredLevel.APPLICATION_REQUIRED,
    "applicationrequired": RequiredLevel.APPLICATION_REQUIRED,
    "systemrequired": RequiredLevel.SYSTEM_REQUIRED,
}
BEHAVIORS = {
    "1": DateTimeBehavior.USER_LOCAL,
    "2": DateTimeBehavior.DATE_ONLY,
    "3": DateTimeBehavior.TIME_ZONE_INDEPENDENT,
}
FORMATS = {
    "text": "Text",
    "textarea": "TextArea",
    "email": "Email",
    "url": "Url",
    "phone": "Phone",
    "richtext": "RichText",
    "tickersymbol": "TickerSymbol",
    "versionnumber": "VersionNumber",
    "phoneticguide": "PhoneticGuide",
    "json": "Json",
    "none": "None",
    "duration": "Duration",
    "timezone": "TimeZone",
    "language": "Language",
    "locale": "Locale",
    "date": "DateOnly",
    "datetime": "DateAndTime",
}
"""``<Format>`` values -> the spelling of the reference pages (``Format``/``FormatName``)."""

TYPE_CODES = {
    1: "account",
    2: "contact",
    3: "opportunity",
    4: "lead",
    5: "annotation",
    8: "systemuser",
    9: "team",
    10: "businessunit",
    112: "incident",
    2020: "queue",
    4000: "equipment",
    4200: "activitypointer",
    4201: "appointment",
    4202: "email",
    4204: "fax",
    4207: "letter",
    4210: "phonecall",
    4212: "task",
    9105: "transactioncurrency",
    9750: "sla",
}
"""Object type codes of Microsoft's tables that ``<LookupTypes>`` names (fixed across orgs;
a custom table's code differs per org, so it is left to the relationships)."""

OWNERSHIP = {
    "userowned": OwnershipType.USER_OWNED,
    "teamowned": OwnershipType.TEAM_OWNED,
    "businessowned": OwnershipType.BUSINESS_OWNED,
    "orgowned": OwnershipType.ORGANIZATION_OWNED,
    "organizationowned": OwnershipType.ORGANIZATION_OWNED,
    "businessparented": OwnershipType.BUSINESS_PARENTED,
    "none": OwnershipType.NONE,
}
DERIVED_SOURCE_TYPES = {"1": "a calculated column", "2": "a rollup column", "3": "a formula column"}
"""``<SourceType>`` of an attribute whose value Dataverse derives (0: a plain column): read-only
(``solution.attributes``), and refused on an elastic table (``dvgen.elastic``)."""
DATA_SOURCE_PROVIDER = "b2112a7e-b26c-42f7-9b63-9a809a9d716f"
"""The provider of data-source tables (the settings of a virtual table's source): stored rows."""
ELASTIC_PROVIDER = "1d9bde74-9ebd-4da9-8ff5-aa74945b9f74"
"""The provider of elastic tables, whose export states no ``<TableType>``: rows Dataverse stores
(in Azure Cosmos DB), not a virtual table's (``IsElasticTable`` of microsoft/Power-Fx-Dataverse,
``src/PowerFx.Dataverse/Extensions.cs``: ``DataProviderId`` this GUID; the five elastic tables
of the Copilot Studio Kit's export carry it, with ``partitionid`` and ``ttlinseconds``)."""
TABLE_TYPES = {t.value.lower(): t for t in TableType}
SYSTEM_TARGETS = {
    "createdby": ("systemuser",),
    "modifiedby": ("systemuser",),
    "createdonbehalfby": ("systemuser",),
    "modifiedonbehalfby": ("systemuser",),
    "owninguser": ("systemuser",),
    "owningteam": ("team",),
    "owningbusinessunit": ("businessunit",),
    "transactioncurrencyid": ("transactioncurrency",),
    "ownerid": OWNER_TABLES,
}
"""Targets of the system lookups every table has, for exports that leave out their
relationships (the relationships, when present, decide)."""
TABLE_FLAGS = frozenset(
    """
    activitytypemask autocreateaccessteams autoroutetoownerqueue canchangehierarchicalrelationship
    canchangetrackingbeenabled cancreateattributes cancreatecharts cancreateforms cancreateviews
    canenablesynctoexternalsearchindex canmodifyadditionalsettings canmodifyauditsettings
    canmodifyconnectionsettings canmodifyduplicatedetectionsettings canmodifymailmergesettings
    canmodifymobileclientoffline canmodifymobileclientreadonly canmodifymobileclientvisibility
    canmodifymobilevisibility canmodifyqueuesettings changetrackingenabled controldescriptionxml
    customcontroldefaultconfigid dayssincerecordlastmodified enforcestatetransitions
    entitycolor entityhelpurl entityhelpurlenabled entitymask events formlibraries
    hasrelatedfeedback hasrelatednotes iconmediumname iconsmallname
    iconvectorname introducedversion isauditenabled isbusinessprocessenabled iscollaboration
    isconnectionsenabled iscustomizable isdocumentmanagementenabled
    isdocumentrecommendationsenabled isduplicatechecksupported isenabledforexternalchannels
    isinteractioncentricenabled isknowledgemanagementenabled ismailmergeenabled
    ismapigridenabled ismappable ismsteamsintegrationenabled isofflineinmobileclient
    isonenoteintegrationenabled isquickcreateenabled isreadingpaneenabled
    isreadonlyinmobileclient isrenameable isreplicated isreplicationuserfiltered
    isrequiredoffline isretrieveauditenabled isretrievemultipleauditenabled isslaenabled
    issolutionaware isvisibleinmobile isvisibleinmobileclient mobileofflinefilters
    primaryentitytypecode string synctoexternalsearchindex
    """.split()
)
"""Table elements about the maker's app, auditing, mobile, search or icons (every one the real
solutions hold): none changes a generated file. Another unknown element goes to ``extra``."""
ENTITY_CHILDREN = frozenset(
    "name objecttypecode entityinfo formxml savedqueries ribbondiffxml "
    "customcontroldefaultconfigs strings visualizations".split()
)
"""Children of ``<Entity>``: names and table, then forms, views, ribbons and charts (not read).
Another child is kept in the table's ``extra``."""
COMPONENT_TYPES = {
    "9": "choice",
    "20": "security role",
    "26": "view",
    "29": "process",
    "60": "form",
    "61": "web resource",
    "62": "site map",
    "66": "custom control",
    "80": "model-driven app",
    "90": "plug-in type",
    "91": "plug-in assembly",
    "92": "plug-in step",
    "300": "canvas app",
    "371": "connector",
    "372": "connector",
    "380": "environment variable",
    "431": "image column setting",
    "432": "table image setting",
}
"""Names of the root component types (Solution.xml ``type``) a solution without tables holds,
for the warning that says what it holds instead."""
