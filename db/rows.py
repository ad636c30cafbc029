"""Small row operations shared by domains."""

from __future__ import annotations

import sqlalchemy as sa

from db.engine import now


def toggle(conn: sa.Connection, table: sa.Table, **key: object) -> bool:
    """Insert the row identified by `key` if absent, delete it if present (a follow, a +1).
    Returns whether the row exists afterwards."""
    match = sa.and_(*(table.c[name] == value for name, value in key.items()))
    if conn.execute(sa.select(sa.literal(1)).select_from(table).where(match)).first():
        conn.execute(table.delete().where(match))
        return False
    conn.execute(table.insert().values(**key, created_at=now()))
    return True
