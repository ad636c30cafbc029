"""The audit trail: every write records who did what to which row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.engine import now
from db.schema import audit_log, users


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    username: str | None
    action: str
    entity: str
    entity_id: str | None
    detail: dict[str, Any] | None


def record(conn: sa.Connection, *, actor_id: int | None, action: str, entity: str,
           entity_id: Any = None, detail: dict[str, Any] | None = None) -> None:
    conn.execute(audit_log.insert().values(
        at=now(), user_id=actor_id, action=action, entity=entity,
        entity_id=None if entity_id is None else str(entity_id), detail=detail))


def list_recent(conn: sa.Connection, *, limit: int = 50, offset: int = 0,
                entity: str | None = None) -> list[AuditEntry]:
    """Newest first. Callers check that the viewer may read the log (admins)."""
    query = (sa.select(audit_log, users.c.username)
             .select_from(audit_log.outerjoin(users, users.c.id == audit_log.c.user_id))
             .order_by(audit_log.c.id.desc()).limit(limit).offset(offset))
    if entity:
        query = query.where(audit_log.c.entity == entity)
    return [AuditEntry(r.at, r.username, r.action, r.entity, r.entity_id, r.detail)
            for r in conn.execute(query)]


def count_entries(conn: sa.Connection, *, action: str | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(audit_log)
    if action:
        query = query.where(audit_log.c.action == action)
    return conn.execute(query).scalar_one()
