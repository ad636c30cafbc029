"""Journées régionales: days, programme slots, ateliers and registrations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import sqlalchemy as sa

from db.engine import now
from db.roles import User
from db.schema import departments, events, registrations


@dataclass(frozen=True)
class EventCard:
    id: int
    title: str
    day: date
    starts_at: time
    ends_at: time
    place: str
    host_md: str | None
    registration_status: str | None = None


def _card_query() -> sa.Select:
    return (sa.select(events.c.id, events.c.title, events.c.day, events.c.starts_at,
                      events.c.ends_at, events.c.place, departments.c.md_name.label("host_md"))
            .select_from(events.outerjoin(
                departments, departments.c.code == events.c.host_department_code)))


def upcoming(conn: sa.Connection, *, limit: int = 5, today: date | None = None) -> list[EventCard]:
    """Published days from today on, soonest first."""
    query = (_card_query().where(events.c.status == "published",
                                 events.c.day >= (today or now().date()))
             .order_by(events.c.day).limit(limit))
    return [EventCard(**row._mapping) for row in conn.execute(query)]


def next_for_user(conn: sa.Connection, *, user: User,
                  today: date | None = None) -> EventCard | None:
    """The user's next day with a registration that is not cancelled."""
    query = (_card_query().add_columns(registrations.c.status.label("registration_status"))
             .join(registrations, registrations.c.event_id == events.c.id)
             .where(registrations.c.user_id == user.id,
                    registrations.c.status != "cancelled",
                    events.c.status.in_(("published", "closed")),
                    events.c.day >= (today or now().date()))
             .order_by(events.c.day).limit(1))
    row = conn.execute(query).first()
    return EventCard(**row._mapping) if row else None
