"""SQL DDL for PostgreSQL, SQLite and SQL Server (templates/sql/), one dialect per module in
``dialects/``.
"""
