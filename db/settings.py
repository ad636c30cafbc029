"""Key/value settings kept in the database, such as the generated cookie signing key."""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from db.schema import settings


def get(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()


def secret(conn: sa.Connection, key: str) -> str:
    """The stored secret under `key`, generated once on first use (never a constant in code)."""
    value = get(conn, key)
    if value is None:
        try:
            with conn.begin_nested():
                conn.execute(settings.insert().values(key=key,
                                                      value=secrets.token_urlsafe(48)))
        except sa.exc.IntegrityError:  # another process generated it first: use theirs
            pass
        value = get(conn, key)
    return value or ""


def put(conn: sa.Connection, key: str, value: str) -> None:
    if get(conn, key) is None:
        conn.execute(settings.insert().values(key=key, value=value))
    else:
        conn.execute(settings.update().where(settings.c.key == key).values(value=value))
