"""What a person sees of days across lists: their own registrations (« Mes inscriptions »)
and, for a list of days, the places left and their own status on each — read in a few
grouped queries for the whole list. Registering and its rules are `registrations`'s."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from db.events import Event, get_event
from db.events.registrations import Registration, _choices, _registration
from db.roles import User
from db.schema import event_sessions, event_slots, registration_choices, registrations


def list_mine(conn: sa.Connection, *, user: User) -> list[tuple[Event, Registration]]:
    """The user's registrations that are not cancelled, soonest day first."""
    rows = conn.execute(sa.select(registrations).where(
        registrations.c.user_id == user.id, registrations.c.status != "cancelled")).all()
    choices = _choices(conn, [r.id for r in rows])
    found = [(get_event(conn, event_id=r.event_id, viewer=user),
              _registration(r, choices.get(r.id, []))) for r in rows]
    return sorted(found, key=lambda pair: pair[0].day)


@dataclass(frozen=True)
class DayOverview:
    """What a list of days says of each: places left in its ateliers, my own status."""
    places_left: int | None  # None: no atelier with places in its programme
    my_status: str | None  # confirmed | waitlisted | None


def list_day_overviews(conn: sa.Connection, *, user: User | None,
                       event_ids: list[int]) -> dict[int, DayOverview]:
    """Two grouped queries for the whole list. Places left of a day: in its tightest
    choice slot (everyone picks one atelier in each)."""
    if not event_ids:
        return {}
    taken = (sa.select(registration_choices.c.session_id, sa.func.count().label("n"))
             .where(registration_choices.c.status == "confirmed")
             .group_by(registration_choices.c.session_id).subquery())
    per_slot = conn.execute(
        sa.select(event_slots.c.event_id, event_slots.c.id,
                  sa.func.sum(event_sessions.c.capacity - sa.func.coalesce(taken.c.n, 0)))
        .join(event_sessions, event_sessions.c.slot_id == event_slots.c.id)
        .outerjoin(taken, taken.c.session_id == event_sessions.c.id)
        .where(event_slots.c.event_id.in_(event_ids))
        .group_by(event_slots.c.event_id, event_slots.c.id)).all()
    left: dict[int, int] = {}
    for event_id, _slot, remaining in per_slot:
        left[event_id] = min(left.get(event_id, int(remaining)), int(remaining))
    mine = dict(conn.execute(sa.select(registrations.c.event_id, registrations.c.status).where(
        registrations.c.event_id.in_(event_ids), registrations.c.user_id == user.id,
        registrations.c.status != "cancelled")).tuples().all()) if user else {}
    return {e: DayOverview(left.get(e), mine.get(e)) for e in event_ids}
