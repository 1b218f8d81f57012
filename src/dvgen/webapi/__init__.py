"""The Web API's view of the set: Dataverse facts that resolve, every target and the gate share.

Which columns are properties and under which names and types (``properties``), the bounds every
target checks values against (``facets``), the entity types tables derive from (``bases``), each
relationship merged once from every table that lists it (``links``), the lookup a relationship
belongs to (``lookup_links``) and the navigation properties (``navs``). It reads the model and
nothing of a later stage (``tests/test_layering.py``).
"""
