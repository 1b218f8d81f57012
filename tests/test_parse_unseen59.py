"""A fifty-ninth round of real pages outside the corpus: ten of the tables Microsoft added most
recently (retention and archival, Power Automate desktop flows' machines, real-time
collaboration, Power Pages' virtual ``mspp_*`` tables, Copilot's AI plugins, Synapse Link, the
platform's ``msdyn_*``), drawn with random.Random(59) among 96 such tables the corpus and the
tests did not name, in the draw's order, keeping those with a powerapps-docs page. None has a
Microsoft EntityType in dynamics365-docs-odata-apis (the 740 predate them). Rebuilt under
/tmp/pages59 from read_file's text:

- sharedworkspacenr (commit 12156b14, G1 06/04/2024: EntitySetName ``sharedworkspacesnr`` apart
  from the collection names, a column whose LogicalName keeps capitals, ``SharedObjects``);
- msdyn_modulerundetail (256c49f5, G2 without ms.date: Associate/Disassociate events, an empty
  Web API cell);
- mspp_publishingstatetransitionrule (0658c019, G3, TableType Virtual: ``mspp_createdby``...
  lookups of its own, no read-only section, one many-to-many without its bullet list, an Events
  section);
- synapselinkprofileentity (06abccfe, G2 08/30/2024: a ``**DeleteMultiple action**`` Web API
  cell, a SystemRequired Picklist of DefaultFormValue -1, Cascade relationships);
- sharedobject (09770ae5, G1 02/15/2023, OwnershipType None, one-to-many blocks not sorted);
- read, not rebuilt (the first 16,000 characters of most): bulkarchiveconfig (b132deb7, a
  Status with two "Active" reasons, 1 and 10), flowmachineimageversion (09770ae5),
  aipluginoperationresponsetemplate (00dcf07a, whole: a String of MaxLength 1,000,000,000),
  enablearchivalrequest (b132deb7), msdyn_pmanalysishistory (00dcf07a); and the Dynamics 365
  Field Service page of sharedworkspacenr (08/21/2024, whole: ``TableType`` ``Elastic``).

Read together, each alone and with the corpus: SQLite, PostgreSQL 15, sqlglot (tsql), the OASIS
CSDL XSD, the JSON Schema 2020-12 metaschema and the pydantic package accept the outputs; the
only diagnostic is the capitals of ``SharedObjects`` (said on purpose). The two "Active" status
reasons, the String of a billion characters, the bold Web API cell and the -1 default were
already right.

The fault: Microsoft's elastic ``sharedworkspacenr`` (the Field Service page states ``TableType``
``Elastic``) has a State ``statecode``, and dvgen warned ``elastic-unsupported`` on Microsoft's
own page ("which Dataverse cannot add to an elastic table"). "Create elastic tables using code"
is about columns one adds through the API; a reference page describes a table Dataverse has.
What a table's page states is no longer checked; what a solution or a hand-written spec adds
still is (tests/test_review16).

The second: a G1 page has no ``TableType`` row, and dvgen left the elastic ``sharedworkspacenr``
(and the corpus' ``searchtelemetry``, which live ``EntityDefinitions`` call ``Elastic``) without
a table type. A page listing ``ttlinseconds``, the Integer Dataverse creates with each elastic
table and no other (``sharedworkspaceaccesstoken``'s page of 06/04/2024 too), is now read as
``Elastic``; the corpus' outputs change only in ``searchtelemetry``'s model
(``table_type: Elastic``).

Against live ``EntityDefinitions`` dumps of a public repository (2026-05-07): the entity sets,
every single-valued navigation property and Partner (21) and every collection Partner the pages
list (37, ``record1id_mspp_publishingstatetransitionrule``...) of sharedobject,
synapselinkprofileentity, msdyn_modulerundetail and mspp_publishingstatetransitionrule match.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.diagnostics import Diagnostics, Location
from dvgen.elastic import UNSUPPORTED, check
from dvgen.parse.yaml_spec import parse_yaml_spec

ELASTIC_PAGE = """\
---
title: "Shared Workspace Non-Relational (sharedworkspacenr) table/entity reference"
ms.date: 08/21/2024
ms.service: powerapps
ms.topic: reference
---

# Shared Workspace Non-Relational (sharedworkspacenr) table/entity reference

References a container that stores real-time collaboration data.

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Shared Workspace Non-Relational** |
| **SchemaName** | `sharedworkspacenr` |
| **EntitySetName** | `sharedworkspacesnr`|
| **LogicalName** | `sharedworkspacenr` |
| **LogicalCollectionName** | `sharedworkspacenrs` |
| **PrimaryIdAttribute** | `sharedworkspacenrid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Elastic` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

- [Name](#BKMK_Name)
- [sharedworkspacenrId](#BKMK_sharedworkspacenrId)
- [StateCode](#BKMK_StateCode)

### <a name="BKMK_Name"></a> Name

|Property|Value|
|---|---|
|Description|**The name of the container.**|
|DisplayName|**Name**|
|LogicalName|`name`|
|RequiredLevel|SystemRequired|
|Type|String|
|MaxLength|256|

### <a name="BKMK_sharedworkspacenrId"></a> sharedworkspacenrId

|Property|Value|
|---|---|
|Description|**Unique identifier for entity instances**|
|LogicalName|`sharedworkspacenrid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|---|---|
|Description|**Status of the workspace**|
|DisplayName|**Status**|
|LogicalName|`statecode`|
|RequiredLevel|SystemRequired|
|Type|State|
|DefaultFormValue||
|GlobalChoiceName|`sharedworkspacenr_statecode`|

#### StateCode Choices/Options

|Value|Details|
|---|---|
|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|
|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|
"""  # fmt: skip

SPEC = """\
logical_name: contoso_workspace
schema_name: contoso_Workspace
table_type: Elastic
primary_id_attribute: contoso_workspaceid
columns:
  - logical_name: contoso_workspaceid
    type: Uniqueidentifier
  - logical_name: statecode
    type: State
    choices: [{value: 0, label: Active}]
"""


def _generate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "sharedworkspacenr.md").write_text(ELASTIC_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    return out, capsys.readouterr().err


def test_a_state_column_microsofts_elastic_page_states_is_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dvgen warned "column 'statecode' of elastic table 'sharedworkspacenr' is of type State,
    which Dataverse cannot add to an elastic table" on Microsoft's own page."""
    out, err = _generate(tmp_path, capsys)
    assert UNSUPPORTED not in err, err
    model = (out / "model" / "sharedworkspacenr.yaml").read_text(encoding="utf-8")
    assert "table_type: Elastic" in model
    assert "logical_name: statecode" in model
    schema = (out / "sql" / "postgres" / "schema.sql").read_text(encoding="utf-8")
    assert '"statecode" integer NOT NULL DEFAULT 0' in schema


def test_a_state_column_a_hand_written_spec_adds_is_still_refused() -> None:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(SPEC, Location("specs/contoso_workspace.yaml"), diagnostics)
    assert not list(diagnostics), [str(d) for d in diagnostics]
    check([table], diagnostics)
    flagged = [d.message for d in diagnostics if d.code == UNSUPPORTED]
    assert len(flagged) == 1 and "'statecode'" in flagged[0], flagged


# searchtelemetry (the corpus' page of 02/15/2023) and sharedworkspacenr (06/04/2024): G1 pages
# have no TableType row; the Web API's EntityDefinitions and the later Field Service page say
# Elastic. Excerpt of sharedworkspacenr's page.
G1_PAGE = """\
---
title: "sharedworkspacenr  table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 06/04/2024
---

# Shared Workspace Non-Relational (sharedworkspacenr)  table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|sharedworkspacesnr|
|LogicalName|sharedworkspacenr|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|sharedworkspacenrid|
|SchemaName|sharedworkspacenr|

## Writable columns/attributes

- [sharedworkspacenrId](#BKMK_sharedworkspacenrId)
- [StateCode](#BKMK_StateCode)
- [TTLInSeconds](#BKMK_TTLInSeconds)

### <a name="BKMK_sharedworkspacenrId"></a> sharedworkspacenrId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|LogicalName|sharedworkspacenrid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|--------|-----|
|LogicalName|statecode|
|RequiredLevel|SystemRequired|
|Type|State|

#### StateCode Choices/Options

|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Active|1|Active|
|1|Inactive|2|Inactive|

### <a name="BKMK_TTLInSeconds"></a> TTLInSeconds

|Property|Value|
|--------|-----|
|Description|Time to live in seconds.|
|DisplayName|Time to live|
|Format|None|
|LogicalName|ttlinseconds|
|MaxValue|2147483647|
|MinValue|1|
|RequiredLevel|None|
|Type|Integer|
"""  # fmt: skip


def test_a_page_without_its_table_type_row_listing_ttlinseconds_is_elastic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "sharedworkspacenr.md").write_text(G1_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    assert UNSUPPORTED not in capsys.readouterr().err
    model = (out / "model" / "sharedworkspacenr.yaml").read_text(encoding="utf-8")
    assert "table_type: Elastic" in model


def test_a_page_without_ttlinseconds_keeps_its_table_type_unstated(tmp_path: Path) -> None:
    page = G1_PAGE.split('### <a name="BKMK_TTLInSeconds"></a>', maxsplit=1)[0]
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "sharedworkspacenr.md").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    model = (out / "model" / "sharedworkspacenr.yaml").read_text(encoding="utf-8")
    assert "table_type" not in model
