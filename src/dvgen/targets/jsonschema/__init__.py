"""JSON Schema 2020-12, one document per table (templates/jsonschema/)."""
