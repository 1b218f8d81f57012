"""The Web API's view of a table, shared by every target: which columns are properties and under
which names and types (``properties``), the navigation properties (``navs``), and the bounds
every target checks values against (``facets``).
"""
