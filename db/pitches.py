"""Fiches projet (pitches): the MDs' structured project sheets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db.roles import User
from db.schema import departments, pitches, users

STATUS_LABELS = {"idee": "Idée", "preparation": "En préparation", "en_cours": "En cours",
                 "termine": "Terminé"}


@dataclass(frozen=True)
class PitchCard:
    id: int
    title: str
    summary: str
    status: str
    department: str | None
    owner_name: str
    updated_at: datetime


def _visible_to(viewer: User | None) -> sa.ColumnElement[bool]:
    """Published sheets for everyone; drafts only for their owner."""
    if viewer is None:
        return pitches.c.state == "published"
    return sa.or_(pitches.c.state == "published", pitches.c.owner_id == viewer.id)


def latest(conn: sa.Connection, *, viewer: User | None, limit: int = 5) -> list[PitchCard]:
    query = (sa.select(pitches.c.id, pitches.c.title, pitches.c.summary, pitches.c.status,
                       departments.c.name.label("department"),
                       users.c.display_name.label("owner_name"), pitches.c.updated_at)
             .select_from(pitches.join(users, users.c.id == pitches.c.owner_id)
                          .outerjoin(departments,
                                     departments.c.code == pitches.c.department_code))
             .where(_visible_to(viewer))
             .order_by(pitches.c.updated_at.desc(), pitches.c.id.desc()).limit(limit))
    return [PitchCard(**row._mapping) for row in conn.execute(query)]
