"""Alembic environment: runs on the connection handed over by ``reconnect.storage.migrate``."""

from alembic import context
from sqlalchemy import Connection

from reconnect.storage.tables import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("reconnect migrations run through reconnect.storage.migrate only")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
