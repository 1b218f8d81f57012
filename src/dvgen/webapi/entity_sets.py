"""The name of a table's entity set in the Web API: the collection its URLs name
(``/accounts(<id>)``) and ``$metadata`` declares as an ``EntitySet``.

It is the table's EntitySetName in lower case. Most tables' EntitySetName is lower case
already; a few system tables' is not (ribbonmetadatatoprocess's ``RibbonMetadataSetToProcess``,
delegatedauthorization's ``DelegatedAuthorizations``, knowledgearticlescategory's
``KnowledgeArticleCategories``), and there the Web API's ``$metadata`` declares
``ribbonmetadatasettoprocess``, ``delegatedauthorizations`` and ``knowledgearticlecategories``
(Microsoft's EntityType pages in MicrosoftDocs/dynamics365-docs-odata-apis; the
``$metadata`` excerpt in MicrosoftDocs/powerapps-docs issue 1287), and the mixed-case name is not
a resource of the service. The model keeps the name as the source states it.
"""

from __future__ import annotations

from dvgen.model import Table


def web_api_entity_set(table: Table) -> str | None:
    """The table's entity set as the Web API names it; None when the source states none."""
    return web_api_set_name(table.entity_set_name) if table.entity_set_name else None


def web_api_set_name(entity_set_name: str) -> str:
    """An EntitySetName as the Web API's URLs and ``$metadata`` spell it."""
    return entity_set_name.lower()
