"""What the Web API's ``$metadata`` declares: the EDM type of each kind of property, the complex
types those need, and the base entity types Dataverse derives its tables from.

Evidence (MicrosoftDocs/powerapps-docs, webapi/): web-api-properties.md, web-api-entitytypes.md,
web-api-types-operations.md (2021), behavior-format-date-time-attribute.md, image-column-data.md,
file-column-data.md, and real ``$metadata`` documents. Business properties carry only two facets:
``Unicode="false"`` on strings and a variable Scale on decimals; never MaxLength, Precision or
Nullable, not even on keys.

Dataverse writes ``Scale="Variable"``, the casing of Microsoft.OData.Edm 7.x, which CSDL (XML
4.01 section 7.2.4 and the OASIS edm.xsd) spells ``variable``: OData/odata.net issues #1243 and
#2501, fixed by PR #2905; oasis-tcs/odata-specs#751 asks services for lower case and clients to
read either. The document here is valid by the OASIS schema, so it writes ``variable``.

Dataverse also still names the Core vocabulary's permission enumeration ``PermissionType``
(``Org.OData.Core.V1.PermissionType/Read``, web-api-types-operations.md), the name of the
2016 vocabulary; the vocabulary the document references names it ``Permission``. The setting
``odata-spellings = "dataverse"`` writes both as Dataverse does, for clients that compare with
a real ``$metadata``; the default, ``"oasis"``, stays valid by the schema and the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from dvgen.webapi.properties import ApiKind

Facets = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class EdmType:
    name: str
    """``Edm.X``, or the name of a type this schema declares (then ``local``)."""
    facets: Facets = ()
    local: bool = False

    def qualified(self, alias: str) -> str:
        return f"{alias}.{self.name}" if self.local else self.name


GUID = EdmType("Edm.Guid")
STRING = EdmType("Edm.String", (("Unicode", "false"),))
DECIMAL = EdmType("Edm.Decimal", (("Scale", "variable"),))
BOOLEAN = EdmType("Edm.Boolean")
BOOLEAN_MANAGED_PROPERTY = EdmType("BooleanManagedProperty", local=True)

EDM_TYPES: dict[ApiKind, EdmType] = {
    ApiKind.GUID: GUID,
    ApiKind.STRING: STRING,
    ApiKind.INT32: EdmType("Edm.Int32"),
    ApiKind.INT64: EdmType("Edm.Int64"),
    ApiKind.DECIMAL: DECIMAL,
    ApiKind.MONEY: DECIMAL,
    ApiKind.DOUBLE: EdmType("Edm.Double"),
    ApiKind.DATE: EdmType("Edm.Date"),
    ApiKind.DATETIME: EdmType("Edm.DateTimeOffset"),
    ApiKind.BOOLEAN: BOOLEAN,
    ApiKind.CHOICE: EdmType("Edm.Int32"),
    ApiKind.CHOICES: STRING,
    ApiKind.ENTITY_NAME: STRING,
    ApiKind.MANAGED_PROPERTY: BOOLEAN_MANAGED_PROPERTY,
    ApiKind.IMAGE: EdmType("Edm.Binary"),
    ApiKind.BINARY: EdmType("Edm.Binary"),
    ApiKind.FILE: EdmType("Edm.Binary"),
    ApiKind.LOOKUP: GUID,
}
"""One EDM type per Web API kind: Picklist/State/Status are Int32 (no EnumTypes for option
sets), a multi-select choice is the comma-separated string ``"1,3"``, a DateOnly column is
``Edm.Date``, a file column is declared Binary (it reads as the file's id), a lookup is the
Guid ``_x_value``."""

COMPLEX_TYPES: dict[str, tuple[tuple[str, EdmType], ...]] = {
    "BooleanManagedProperty": (
        ("Value", BOOLEAN),
        ("CanBeChanged", BOOLEAN),
        ("ManagedPropertyLogicalName", STRING),
    ),
}
"""Complex types this schema declares when a property uses them (Web API reference,
``BooleanManagedProperty ComplexType``)."""

PERMISSION_READ = {
    "oasis": "Org.OData.Core.V1.Permission/Read",
    "dataverse": "Org.OData.Core.V1.PermissionType/Read",
}
"""The Core.Permissions member that marks a computed property read-only, per spelling."""
DATAVERSE_FACETS = {("Scale", "variable"): ("Scale", "Variable")}
"""Facets Dataverse spells otherwise than the OASIS schema."""


def spelled(facets: Facets, spellings: str) -> Facets:
    """``facets`` as the ``odata-spellings`` setting writes them."""
    if spellings != "dataverse":
        return facets
    return tuple(DATAVERSE_FACETS.get(facet, facet) for facet in facets)
