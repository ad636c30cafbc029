"""Drafts kept in the database, so that what someone typed survives a closed tab, a page
change or a failed submit, and comes back on their next visit (one draft per user and form).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from db.engine import now
from db.roles import User
from db.schema import drafts

MAX_CHARS = 250_000  # a draft is kept even when too long to publish; beyond this, it is not


@dataclass(frozen=True)
class Draft:
    content: dict[str, Any]
    updated_at: datetime


def _storable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def save(conn: sa.Connection, *, user: User, form: str, content: dict[str, Any]) -> None:
    """Replace the user's draft for `form`; an all-empty content discards it."""
    kept = {k: _storable(v) for k, v in content.items() if v not in (None, "", [], ())}
    discard(conn, user=user, form=form)
    if kept and sum(len(str(v)) for v in kept.values()) <= MAX_CHARS:
        conn.execute(drafts.insert().values(user_id=user.id, form=form, content=kept,
                                            updated_at=now()))


def load(conn: sa.Connection, *, user: User, form: str) -> Draft | None:
    row = conn.execute(sa.select(drafts.c.content, drafts.c.updated_at).where(
        drafts.c.user_id == user.id, drafts.c.form == form)).first()
    return Draft(row.content, row.updated_at) if row else None


def discard(conn: sa.Connection, *, user: User, form: str) -> None:
    conn.execute(drafts.delete().where(drafts.c.user_id == user.id, drafts.c.form == form))
