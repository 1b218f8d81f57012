"""dvgen: Microsoft Dataverse table definitions to code."""
