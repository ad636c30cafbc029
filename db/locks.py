"""Row locks that serialise the writes competing for one limited thing — an atelier's
places, a kit's days — whatever the number of processes.

On PostgreSQL the rows are locked `FOR UPDATE`, always in ascending id order so that two
transactions never wait on each other in a circle; every SQLite write transaction already
holds the database's write lock from its first statement (`BEGIN IMMEDIATE`, see
`db.engine`), so the same call simply reads there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from db.errors import NotFound


def lock_rows(conn: sa.Connection, table: sa.Table, ids: Iterable[int],
              columns: Iterable[sa.ColumnElement[Any]] = (), *,
              missing: str = "Introuvable.") -> dict[int, sa.Row[Any]]:
    """Lock these rows of `table` (all their columns, or `columns`), by id; a row that
    does not exist raises `NotFound(missing)`."""
    wanted = sorted(set(ids))
    chosen = list(columns) or list(table.c)
    rows = {r.id: r for r in conn.execute(
        sa.select(*chosen).where(table.c.id.in_(wanted)).order_by(table.c.id)
        .with_for_update())}
    if len(rows) != len(wanted):
        raise NotFound(missing)
    return rows
