"""In-app notifications (the bell in the sidebar)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db.engine import now
from db.roles import User
from db.schema import notifications


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    text: str
    link: str | None
    created_at: datetime
    read_at: datetime | None


def notify(conn: sa.Connection, *, user_id: int, kind: str, text: str,
           link: str | None = None) -> None:
    conn.execute(notifications.insert().values(user_id=user_id, kind=kind, text=text[:300],
                                               link=link, created_at=now()))


def unread_count(conn: sa.Connection, *, user: User) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(notifications).where(
        notifications.c.user_id == user.id, notifications.c.read_at.is_(None))).scalar_one()


def recent(conn: sa.Connection, *, user: User, limit: int = 20) -> list[Notification]:
    rows = conn.execute(sa.select(notifications).where(notifications.c.user_id == user.id)
                        .order_by(notifications.c.id.desc()).limit(limit))
    return [Notification(r.id, r.kind, r.text, r.link, r.created_at, r.read_at) for r in rows]


def mark_all_read(conn: sa.Connection, *, user: User) -> None:
    conn.execute(notifications.update().where(notifications.c.user_id == user.id,
                                              notifications.c.read_at.is_(None))
                 .values(read_at=now()))
