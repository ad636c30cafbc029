"""In-app notifications (the bell in the sidebar)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db import mailer
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
           link: str | None = None, email_subject: str | None = None,
           attachment: tuple[str, bytes] | None = None) -> None:
    """In-app notification; also an email (through the outbox) when a subject is given
    and email is configured."""
    conn.execute(notifications.insert().values(user_id=user_id, kind=kind, text=text[:300],
                                               link=link, created_at=now()))
    if email_subject:
        body = text + (f"\n\nVoir sur Coop'MD : {mailer.public_url(conn)}{link}" if link
                       else "")
        mailer.enqueue(conn, user_id=user_id, subject=f"Coop'MD — {email_subject}",
                       body=body, attachment=attachment)


def unread_count(conn: sa.Connection, *, user: User) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(notifications).where(
        notifications.c.user_id == user.id, notifications.c.read_at.is_(None))).scalar_one()


def list_recent(conn: sa.Connection, *, user: User, limit: int = 20) -> list[Notification]:
    rows = conn.execute(sa.select(notifications).where(notifications.c.user_id == user.id)
                        .order_by(notifications.c.id.desc()).limit(limit))
    return [Notification(r.id, r.kind, r.text, r.link, r.created_at, r.read_at) for r in rows]


def mark_all_read(conn: sa.Connection, *, user: User) -> None:
    conn.execute(notifications.update().where(notifications.c.user_id == user.id,
                                              notifications.c.read_at.is_(None))
                 .values(read_at=now()))


def mark_read(conn: sa.Connection, *, user: User, ids: list[int]) -> None:
    """Only the user's own notifications: ids come from the browser."""
    conn.execute(notifications.update().where(notifications.c.user_id == user.id,
                                              notifications.c.id.in_(ids),
                                              notifications.c.read_at.is_(None))
                 .values(read_at=now()))
