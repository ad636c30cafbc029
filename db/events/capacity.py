"""Places in ateliers: the one path that locks, counts, places, promotes and refreshes.

Every change to an atelier's places — a registration, a change of atelier, an organiser's
move, a capacity raised, a cancellation — goes through these functions, in one
transaction: lock the ateliers' rows (`SELECT … FOR UPDATE` on PostgreSQL; every SQLite
transaction starts with `BEGIN IMMEDIATE`), always in ascending id order so that two
transactions never wait on each other in a circle, then count and write. The unique
constraints (one choice per registration and slot) back this up. Per-MD quotas and kit
booking are meant to lock and count here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import mailer, notifications
from db.engine import now
from db.errors import NotFound
from db.events import exports
from db.events.days import Event, get_event
from db.schema import event_sessions, registration_choices, registrations


@dataclass(frozen=True)
class Placement:
    """Where one choice landed: a confirmed place, or a position on the waiting list."""
    slot_id: int
    atelier_id: int
    title: str
    status: str  # confirmed | waitlisted
    position: int | None  # stored waiting-list position (ever increasing)
    rank: int | None  # place in the waiting list now (1 = next), None when confirmed


def lock(conn: sa.Connection, atelier_ids: Iterable[int]) -> dict[int, sa.Row[Any]]:
    """Lock these ateliers' rows, ascending ids; their id, slot, capacity and title."""
    ids = sorted(set(atelier_ids))
    rows = {r.id: r for r in conn.execute(
        sa.select(event_sessions.c.id, event_sessions.c.slot_id, event_sessions.c.capacity,
                  event_sessions.c.title)
        .where(event_sessions.c.id.in_(ids)).order_by(event_sessions.c.id).with_for_update())}
    if len(rows) != len(ids):
        raise NotFound("Atelier introuvable.")
    return rows


def confirmed_count(conn: sa.Connection, atelier_id: int) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(registration_choices).where(
        registration_choices.c.session_id == atelier_id,
        registration_choices.c.status == "confirmed")).scalar_one()


def plan(conn: sa.Connection, choices: dict[int, int]) -> list[Placement]:
    """Lock the chosen ateliers and decide, for each (slot → atelier), a confirmed place or
    the next position on its waiting list: two statements whatever the number of slots."""
    ateliers = lock(conn, choices.values())
    counts = {r.session_id: r for r in conn.execute(
        sa.select(registration_choices.c.session_id,
                  sa.func.count().filter(registration_choices.c.status == "confirmed")
                  .label("confirmed"),
                  sa.func.count().filter(registration_choices.c.status == "waitlisted")
                  .label("waiting"),
                  sa.func.max(registration_choices.c.waitlist_position).label("last"))
        .where(registration_choices.c.session_id.in_(list(ateliers)))
        .group_by(registration_choices.c.session_id))}
    placed = []
    for slot_id, atelier_id in sorted(choices.items()):
        count = counts.get(atelier_id)
        confirmed, waiting, last = (count.confirmed, count.waiting, count.last or 0) \
            if count else (0, 0, 0)
        full = confirmed >= ateliers[atelier_id].capacity
        placed.append(Placement(slot_id, atelier_id, ateliers[atelier_id].title,
                                "waitlisted" if full else "confirmed",
                                last + 1 if full else None, waiting + 1 if full else None))
    return placed


def place(conn: sa.Connection, *, registration_id: int, placed: list[Placement],
          stamp: datetime | None = None) -> list[Placement]:
    """Write what `plan` decided (same transaction: the ateliers are still locked)."""
    conn.execute(registration_choices.insert(), [
        {"registration_id": registration_id, "slot_id": p.slot_id, "session_id": p.atelier_id,
         "status": p.status, "waitlist_position": p.position,
         "created_at": stamp or now()} for p in placed])
    return placed


def is_full(conn: sa.Connection, atelier_id: int) -> bool:
    """Of an atelier already locked by the caller."""
    capacity = conn.execute(sa.select(event_sessions.c.capacity)
                            .where(event_sessions.c.id == atelier_id)).scalar_one()
    return confirmed_count(conn, atelier_id) >= capacity


def refresh_status(conn: sa.Connection, registration_id: int) -> None:
    """A registration is waitlisted while one of its ateliers is."""
    waiting = conn.execute(sa.select(registration_choices.c.id).where(
        registration_choices.c.registration_id == registration_id,
        registration_choices.c.status == "waitlisted")).first()
    conn.execute(registrations.update().where(registrations.c.id == registration_id,
                                              registrations.c.status != "cancelled")
                 .values(status="waitlisted" if waiting else "confirmed",
                         updated_at=now()))


def calendar(conn: sa.Connection, event: Event) -> tuple[str, bytes]:
    """The day's .ics attached to the e-mails that confirm a place."""
    url = f"{mailer.public_url(conn)}events?event={event.id}"
    return f"journee-{event.day:%Y-%m-%d}.ics", exports.ics(event, url=url)


def promote_waiting(conn: sa.Connection, *, atelier_id: int) -> list[int]:
    """Fill free places (atelier locked by the caller) from the waiting list, in order; each
    promoted person is told. Returns their user ids."""
    row = conn.execute(sa.select(event_sessions.c.capacity, event_sessions.c.title)
                       .where(event_sessions.c.id == atelier_id)).one()
    free = row.capacity - confirmed_count(conn, atelier_id)
    if free <= 0:
        return []
    waiting = conn.execute(
        sa.select(registration_choices.c.id, registration_choices.c.registration_id,
                  registrations.c.user_id, registrations.c.event_id)
        .join(registrations, registrations.c.id == registration_choices.c.registration_id)
        .where(registration_choices.c.session_id == atelier_id,
               registration_choices.c.status == "waitlisted")
        .order_by(registration_choices.c.waitlist_position).limit(free)).all()
    for choice in waiting:
        conn.execute(registration_choices.update().where(registration_choices.c.id == choice.id)
                     .values(status="confirmed", waitlist_position=None))
        refresh_status(conn, choice.registration_id)
        event = get_event(conn, event_id=choice.event_id)
        notifications.notify(
            conn, user_id=choice.user_id, kind="promotion",
            text=f"Une place s'est libérée : votre inscription à l'atelier « {row.title} » "
                 f"({event.title}, {event.day:%d/%m/%Y}) est confirmée.",
            link=f"events?event={event.id}", email_subject=f"Place confirmée : {row.title}",
            attachment=calendar(conn, event) if mailer.enabled(conn) else None)
    return [choice.user_id for choice in waiting]
