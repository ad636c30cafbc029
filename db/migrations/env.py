"""Alembic environment. The app drives it from `db.migrate.upgrade`, which passes a
connection; `alembic revision --autogenerate` from the shell (alembic.ini) gets an engine
on the configured database URL instead."""

from alembic import context

from db.engine import make_engine
from db.schema import metadata


def not_fulltext(name, type_, parent_names) -> bool:
    """Full-text indexes live outside the SQLAlchemy schema (FTS5 tables, GIN expressions):
    autogenerate must not propose to drop them."""
    return not ("_fts" in (name or "") or (name or "").endswith("_fulltext"))


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True, include_name=not_fulltext)
    with context.begin_transaction():
        context.run_migrations()


if "connection" in context.config.attributes:
    _run(context.config.attributes["connection"])
else:
    with make_engine().connect() as shell_connection:
        _run(shell_connection)
        shell_connection.commit()
