"""pydantic v2 models, one module per table in a lazily importing package (templates/pydantic/)."""
