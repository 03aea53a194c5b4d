"""Persistence: engine, tables, migrations and the repositories that map rows to domain objects."""
