"""Builders for days used by the events tests (through the domain functions only)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import sqlalchemy as sa

from db import events
from db.engine import local_now
from db.events import programme


def build_day(conn, organiser, *, capacity: int = 2, ateliers: int = 2,
              audience: str = "md_staff", publish: bool = True, day_quota: int | None = None,
              atelier_quota: int | None = None) -> tuple[int, int, list[int]]:
    """A day 30 days ahead, registrations open, with one choice slot of `ateliers` ateliers
    (and, if asked, at most `day_quota` people and `atelier_quota` places per MD).

    Returns (event id, choice slot id, atelier ids).
    """
    day = (local_now() + timedelta(days=30)).date()
    event = events.create_event(
        conn,
        actor=organiser,
        data=events.DayInput(
            title="Journée régionale des référents de territoire",
            description="Partager des expériences.",
            day=day,
            starts_at=time(9, 30),
            ends_at=time(17),
            place="Médiathèque départementale de la Loire",
            address=None,
            host_department_code="42",
            audience=audience,
            registration_opens_at=local_now() - timedelta(days=1),
            registration_closes_at=datetime.combine(day - timedelta(days=2), time(18)),
            md_quota=day_quota,
        ),
    )
    programme.create_slot(
        conn,
        actor=organiser,
        event_id=event.id,
        data=programme.SlotInput(
            starts_at=time(9, 30), ends_at=time(10), kind="accueil", title="Accueil"
        ),
    )
    slot = programme.create_slot(
        conn,
        actor=organiser,
        event_id=event.id,
        data=programme.SlotInput(
            starts_at=time(14, 45), ends_at=time(16, 15), kind="ateliers", title="Atelier au choix"
        ),
    )
    ids = [
        programme.create_atelier(
            conn,
            actor=organiser,
            slot_id=slot,
            data=programme.AtelierInput(
                title=f"Atelier {n}",
                capacity=capacity,
                host_department_code="42",
                facilitator="MD de la Loire",
                room=f"Salle {n}",
                description=None,
                md_quota=atelier_quota,
            ),
        )
        for n in range(1, ateliers + 1)
    ]
    if publish:
        events.set_status(conn, actor=organiser, event_id=event.id, status="published")
    return event.id, slot, ids


def held_today(conn, organiser, person):
    """A day held today, `person` registered to its first atelier and marked present.

    Returns (event id, choice slot id, the registration)."""
    from db.events import desk, registrations

    event_id, slot, (first, _) = build_day(conn, organiser, capacity=5)
    mine = registrations.register(conn, actor=person, event_id=event_id, choices={slot: first})
    desk.check_in(conn, actor=organiser, registration_id=mine.id)
    conn.execute(sa.text("UPDATE events SET day = :d WHERE id = :e"),
                 {"d": local_now().date(), "e": event_id})
    return event_id, slot, mine
