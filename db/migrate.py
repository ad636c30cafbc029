"""Bring a database to the latest schema. Run at every start-up: idempotent, never drops data.

`python -m db.migrate` does the same from the shell (on the configured database URL).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from db.engine import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    """Alembic is imported only when a migration runs: a process starting on a database
    already at head never needs it (150 ms of every cold start, #17)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration, read from the files' names (`0027_kits.py` holds revision
    « 0027 »; a test checks that Alembic finds the same head)."""
    return max(path.name.split("_")[0] for path in (MIGRATIONS / "versions").glob("0*.py"))


def current_revision(engine: Engine) -> str | None:
    """The database's revision, as Alembic writes it (None on an empty database)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


LOCK_KEY = 0x436F6F704D44  # « CoopMD »: the advisory lock that migrations hold


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply pending migrations in one transaction; cheap when already at head.

    N app processes may start together on one empty database: on PostgreSQL the migration
    transaction first takes an advisory lock (transaction-scoped, so it also holds through
    a transaction pooler), and the processes that waited find the schema at head; on
    SQLite, `BEGIN IMMEDIATE` already lets one writer in at a time."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    from alembic import command

    _migrate(engine, partial(command.upgrade, revision=revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Go back to `revision`, keeping every row (see `_migrate` for SQLite)."""
    from alembic import command

    _migrate(engine, partial(command.downgrade, revision=revision))


def _migrate(engine: Engine, step: Callable[[Config], None]) -> None:
    """One migration run in one transaction. On SQLite, Alembic rebuilds a table to add a
    foreign key or drop a column (copy, DROP, rename): with foreign keys enforced, dropping
    a table other rows point to failed (`forum_themes` at 0010, both ways, as soon as a
    post existed). So the run has them off (a pragma that only takes effect outside a
    transaction) and `PRAGMA foreign_key_check` must find nothing before the commit."""
    config = _config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw: Any = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                                 {"key": LOCK_KEY})
                config.attributes["connection"] = conn
                step(config)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("La migration casserait des liens entre lignes : "
                                       "rien n'a été modifié.")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


if __name__ == "__main__":
    upgrade(make_engine())
    print("Base de données à jour.")
