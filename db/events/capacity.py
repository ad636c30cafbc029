"""Places in ateliers: the one path that locks, counts, places, promotes and refreshes.

Every change to an atelier's places — a registration, a change of atelier, an organiser's
move, a capacity raised, a cancellation — goes through these functions, in one
transaction: lock the ateliers' rows (`SELECT … FOR UPDATE` on PostgreSQL; every SQLite
transaction starts with `BEGIN IMMEDIATE`), always in ascending id order so that two
transactions never wait on each other in a circle, then count and write. The unique
constraints (one choice per registration and slot) back this up. Per-MD quotas (« 4
places par MD au plus ») are counted here, under the same lock: a person whose MD has used
its places waits, like a person who finds the atelier full, and promotion skips them until
their MD has a place again. Kit booking locks its kits with the same `db.locks.lock_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import mailer, notifications
from db.engine import now
from db.errors import ValidationError
from db.events import exports
from db.events.days import Event, get_event
from db.locks import lock_rows
from db.schema import event_sessions, events, registration_choices, registrations, users


@dataclass(frozen=True)
class Placement:
    """Where one choice landed: a confirmed place, or a position on the waiting list."""
    slot_id: int
    atelier_id: int
    title: str
    status: str  # confirmed | waitlisted
    position: int | None  # stored waiting-list position (ever increasing)
    rank: int | None  # place in the waiting list now (1 = next), None when confirmed
    by_quota: bool = False  # waiting because the person's MD has used its places


def lock(conn: sa.Connection, atelier_ids: Iterable[int]) -> dict[int, sa.Row[Any]]:
    """Lock these ateliers' rows, ascending ids; their id, slot, capacity, quota, title."""
    c = event_sessions.c
    return lock_rows(conn, event_sessions, atelier_ids,
                     (c.id, c.slot_id, c.capacity, c.title, c.md_quota),
                     missing="Atelier introuvable.")


def confirmed_count(conn: sa.Connection, atelier_id: int) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(registration_choices).where(
        registration_choices.c.session_id == atelier_id,
        registration_choices.c.status == "confirmed")).scalar_one()


def md_confirmed(conn: sa.Connection, atelier_ids: Iterable[int],
                 department_code: str | None) -> dict[int, int]:
    """Confirmed places held by people of this MD, per atelier (locked by the caller)."""
    if department_code is None:
        return {}
    return {r.session_id: r.taken for r in conn.execute(
        sa.select(registration_choices.c.session_id, sa.func.count().label("taken"))
        .join(registrations, registrations.c.id == registration_choices.c.registration_id)
        .join(users, users.c.id == registrations.c.user_id)
        .where(registration_choices.c.session_id.in_(list(atelier_ids)),
               registration_choices.c.status == "confirmed",
               users.c.department_code == department_code)
        .group_by(registration_choices.c.session_id))}


def plan(conn: sa.Connection, choices: dict[int, int], *,
         department_code: str | None = None) -> list[Placement]:
    """Lock the chosen ateliers and decide, for each (slot → atelier), a confirmed place or
    the next position on its waiting list — full, or its places for the person's MD
    (`department_code`) used: three statements whatever the number of slots."""
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
    quotas = [a for a in ateliers.values() if a.md_quota]
    mine = md_confirmed(conn, [a.id for a in quotas], department_code) if quotas else {}
    placed = []
    for slot_id, atelier_id in sorted(choices.items()):
        atelier, count = ateliers[atelier_id], counts.get(atelier_id)
        confirmed, waiting, last = (count.confirmed, count.waiting, count.last or 0) \
            if count else (0, 0, 0)
        by_quota = bool(atelier.md_quota and department_code
                        and mine.get(atelier_id, 0) >= atelier.md_quota)
        full = by_quota or confirmed >= atelier.capacity
        placed.append(Placement(slot_id, atelier_id, atelier.title,
                                "waitlisted" if full else "confirmed",
                                last + 1 if full else None, waiting + 1 if full else None,
                                by_quota))
    return placed


def check_day_quota(conn: sa.Connection, event: Event, person_id: int,
                    department_code: str | None) -> None:
    """A day with « N personnes par MD au plus »: lock the day's row (concurrent sign-ups
    of the day queue here, before the ateliers' locks, always in that order), then count the
    people of this MD registered, the person themself aside (a cancelled registration
    coming back to life)."""
    if not event.md_quota or department_code is None:
        return
    conn.execute(sa.select(events.c.id).where(events.c.id == event.id).with_for_update())
    taken = conn.execute(
        sa.select(sa.func.count()).select_from(registrations)
        .join(users, users.c.id == registrations.c.user_id)
        .where(registrations.c.event_id == event.id, registrations.c.status != "cancelled",
               registrations.c.user_id != person_id,
               users.c.department_code == department_code)).scalar_one()
    if taken >= event.md_quota:
        places = (f"les {event.md_quota} places de cette MD sont prises" if event.md_quota > 1
                  else "la place de cette MD est prise")
        raise ValidationError({"_form": (
            f"Cette journée accueille au plus {event.md_quota} personne"
            f"{'s' if event.md_quota > 1 else ''} par MD, et {places}. Voyez avec les "
            "organisateurs, ou annulez d'abord l'inscription d'un·e collègue.")})


def place(conn: sa.Connection, *, registration_id: int, placed: list[Placement],
          stamp: datetime | None = None) -> list[Placement]:
    """Write what `plan` decided (same transaction: the ateliers are still locked)."""
    if not placed:  # a day whose only choice slot takes ranked wishes
        return placed
    conn.execute(registration_choices.insert(), [
        {"registration_id": registration_id, "slot_id": p.slot_id, "session_id": p.atelier_id,
         "status": p.status, "waitlist_position": p.position,
         "created_at": stamp or now()} for p in placed])
    return placed


def is_full(conn: sa.Connection, atelier_id: int, department_code: str | None = None) -> bool:
    """Of an atelier already locked by the caller: no place left, or none for this MD."""
    row = conn.execute(sa.select(event_sessions.c.capacity, event_sessions.c.md_quota)
                       .where(event_sessions.c.id == atelier_id)).one()
    if row.md_quota and md_confirmed(conn, [atelier_id], department_code).get(
            atelier_id, 0) >= row.md_quota:
        return True
    return confirmed_count(conn, atelier_id) >= row.capacity


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


def md_shares(conn: sa.Connection, atelier_id: int) -> dict[str | None, int]:
    """Confirmed places in this atelier, per MD (department code; None: no MD)."""
    return {r.department_code: r.taken for r in conn.execute(
        sa.select(users.c.department_code, sa.func.count().label("taken"))
        .join(registrations, registrations.c.user_id == users.c.id)
        .join(registration_choices,
              registration_choices.c.registration_id == registrations.c.id)
        .where(registration_choices.c.session_id == atelier_id,
               registration_choices.c.status == "confirmed")
        .group_by(users.c.department_code))}


def _next_in_line(conn: sa.Connection, atelier_id: int, free: int,
                  quota: int | None) -> list[sa.Row[Any]]:
    """The first `free` people waiting whose MD still has a place (all, without quota)."""
    waiting = conn.execute(
        sa.select(registration_choices.c.id, registration_choices.c.registration_id,
                  registrations.c.user_id, registrations.c.event_id, users.c.department_code)
        .join(registrations, registrations.c.id == registration_choices.c.registration_id)
        .join(users, users.c.id == registrations.c.user_id)
        .where(registration_choices.c.session_id == atelier_id,
               registration_choices.c.status == "waitlisted")
        .order_by(registration_choices.c.waitlist_position)
        .limit(None if quota else free)).all()
    if not quota:
        return list(waiting)
    held = md_shares(conn, atelier_id)
    chosen: list[sa.Row[Any]] = []
    for person in waiting:
        if len(chosen) == free:
            break
        code = person.department_code
        if code is None or held.get(code, 0) < quota:
            held[code] = held.get(code, 0) + 1
            chosen.append(person)
    return chosen


def promote_waiting(conn: sa.Connection, *, atelier_id: int) -> list[int]:
    """Fill free places (atelier locked by the caller) from the waiting list, in order,
    skipping people whose MD has used its places; each promoted person is told. Returns
    their user ids."""
    row = conn.execute(sa.select(event_sessions.c.capacity, event_sessions.c.title,
                                 event_sessions.c.md_quota)
                       .where(event_sessions.c.id == atelier_id)).one()
    free = row.capacity - confirmed_count(conn, atelier_id)
    if free <= 0:
        return []
    waiting = _next_in_line(conn, atelier_id, free, row.md_quota)
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
