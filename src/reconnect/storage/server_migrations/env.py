"""Alembic environment of the server's tables: runs on the connection ``server_db`` hands over."""

from alembic import context
from sqlalchemy import Connection

from reconnect.storage.server_tables import ServerBase

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("server migrations run through reconnect.storage.server_db only")

context.configure(
    connection=connection,
    target_metadata=ServerBase.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
    version_table="server_alembic_version",
)
with context.begin_transaction():
    context.run_migrations()
