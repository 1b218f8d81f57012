"""OData v4 CSDL ``$metadata``, shaped like the Dataverse Web API's own (templates/odata/)."""
