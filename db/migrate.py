"""Bring a database to the latest schema. Run at every start-up: idempotent, never drops data.

`python -m db.migrate` does the same from the shell (on the configured database URL).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from db.engine import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


LOCK_KEY = 0x436F6F704D44  # « CoopMD »: the advisory lock that migrations hold


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply pending migrations in one transaction; cheap when already at head.

    N app processes may start together on one empty database: on PostgreSQL the migration
    transaction first takes an advisory lock (transaction-scoped, so it also holds through
    a transaction pooler), and the processes that waited find the schema at head; on
    SQLite, `BEGIN IMMEDIATE` already lets one writer in at a time."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    config = _config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


if __name__ == "__main__":
    upgrade(make_engine())
    print("Base de données à jour.")
