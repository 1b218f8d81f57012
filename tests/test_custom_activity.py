"""Custom activity tables (``IsActivity``): what Dataverse holds for one, from a solution and
from a YAML spec written by hand, checked through every target.

Evidence, not memory: the custom activity ``csa_csIncident`` of
``pnp__powerplatform-samples__IncidentReporting`` in ``../shared/solutions`` (its Entity.xml
lists the columns Dataverse made with it, its Relationships the system relationships, spelt
``<table>_systemuser_createdby``); the live ``EntityDefinitions`` of Microsoft's solution-made
activity ``msfp_surveyresponse`` (its delegates' relationships
``msfp_surveyresponse_systemuser_createdonbehalfby``, its ``msfp_surveyresponse_activity_parties``);
and the Web API's own ``task`` EntityType (``../shared/validators/webapi-v9/task.yml``: BaseType
``activitypointer``, key ``activityid``, ``activitytypecode`` an ``Edm.String``).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from dvgen.model import ColumnType, Table
from dvgen.pipeline import Generation
from tests.solution_support import layered, manifest
from tests.test_pydantic import imported

ROOT = '<RootComponent type="1" schemaName="new_sms" behavior="0" />'


def _attribute(physical: str, kind: str, body: str = "", mask: str = "ValidForForm") -> str:
    """An export's ``<attribute>`` Dataverse made with the activity (``IsCustomField`` 0)."""
    logical = physical.lower()
    return f"""<attribute PhysicalName="{physical}">
  <Type>{kind}</Type><Name>{logical}</Name><LogicalName>{logical}</LogicalName>
  <RequiredLevel>none</RequiredLevel><DisplayMask>{mask}</DisplayMask>
  <ValidForUpdateApi>0</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>
  <ValidForCreateApi>0</ValidForCreateApi><IsCustomField>0</IsCustomField>{body}
</attribute>"""


# The custom activity's activitytypecode as csa_csIncident's export writes it: a picklist of the
# global activitypointer_activitytypecode whose display mask says ObjectTypeCode.
ACTIVITY_TYPE = _attribute(
    "ActivityTypeCode",
    "picklist",
    "<OptionSetName>activitypointer_activitytypecode</OptionSetName>",
    mask="ObjectTypeCode|ValidForAdvancedFind|ValidForGrid",
)
DELEGATE = _attribute(
    "CreatedOnBehalfBy", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />"
)
CREATED_BY = _attribute("CreatedBy", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />")
CREATED_BY_RELATIONSHIP = """<EntityRelationship Name="new_sms_systemuser_createdby">
  <EntityRelationshipType>OneToMany</EntityRelationshipType><IsHierarchical>0</IsHierarchical>
  <ReferencingEntityName>new_sms</ReferencingEntityName>
  <ReferencedEntityName>SystemUser</ReferencedEntityName>
  <CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>NoCascade</CascadeDelete>
  <ReferencingAttributeName>CreatedBy</ReferencingAttributeName>
</EntityRelationship>"""


def _export(*attributes: str, relationships: str = "") -> dict[str, str]:
    """An extracted export of the custom activity ``new_sms`` with ``attributes`` beside its
    key and subject."""
    entity = (
        '<Entity><Name LocalizedName="SMS" OriginalName="SMS">new_sms</Name>'
        '<EntityInfo><entity Name="new_sms"><LocalizedNames>'
        '<LocalizedName description="SMS" languagecode="1033" /></LocalizedNames><attributes>'
        + _attribute("ActivityId", "primarykey")
        + _attribute("Subject", "nvarchar", "<MaxLength>200</MaxLength>", mask="PrimaryName")
        + "".join(attributes)
        + "</attributes><EntitySetName>new_smses</EntitySetName><IsActivity>1</IsActivity>"
        "<OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
    )
    customizations = (
        '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<Entities>{entity}</Entities><EntityRelationships>{relationships}"
        "</EntityRelationships><optionsets /><Languages><Language>1033</Language></Languages>"
        "</ImportExportXml>"
    )
    return {
        "solution.xml": manifest("Messaging", "new", 10000, ROOT),
        "customizations.xml": customizations,
    }


def _table(generation: Generation, name: str = "new_sms") -> Table:
    table = generation.tables.get(name)
    assert isinstance(table, Table)
    return table


def _record(activity: str, **fields: Any) -> dict[str, Any]:
    """A row of the activity as ``GET /<set>(<id>)`` returns it."""
    return {"activityid": str(uuid.uuid4()), "subject": "Hello", **fields} | {
        "activitytypecode": activity
    }


# --- a solution's custom activity ------------------------------------------------------------


def test_activity_type_of_an_export_is_the_table_s_name_as_the_web_api_gives_it(
    tmp_path: Path,
) -> None:
    """An export writes a custom activity's activitytypecode as a picklist of the global
    ``activitypointer_activitytypecode`` marked ObjectTypeCode; Dataverse types it EntityName
    (task.md: ``Type: EntityName``; task.yml: ``Edm.String``), so a Web API record carries
    the activity's logical name, not a number."""
    generation = layered(tmp_path, _export(ACTIVITY_TYPE))
    column = _table(generation).columns_by_name["activitytypecode"]
    assert (column.type, column.global_choice_name, column.choices) == (
        ColumnType.ENTITY_NAME,
        None,
        (),
    )
    assert (
        '<Property Name="activitytypecode" Type="Edm.String"'
        in (generation.files["odata/metadata.xml"])
    )
    package = {
        path.removeprefix("pydantic/"): text
        for path, text in generation.files.items()
        if path.startswith("pydantic/")
    }
    with imported(package, tmp_path / "pkg", "dataverse_models") as models:
        row = models.NewSms.model_validate(_record("new_sms"))
    assert row.activity_type_code == "new_sms"
