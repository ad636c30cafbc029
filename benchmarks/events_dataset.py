"""A region-scale set of days, deterministic from a seed: 50 days × 8 ateliers, 2,000
registrations each (bulk inserts: this builds a fixture, it does not test the app path)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from db.accounts import passwords
from db.engine import local_now, now
from db.schema import (
    event_sessions,
    event_slots,
    events,
    registration_choices,
    registrations,
    users,
)

AURA = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]


def _people(conn: sa.Connection, count: int, rng: random.Random) -> list[int]:
    secret = passwords.hash_password("benchmark only, never used")
    rows = [{"username": f"bench{n:05d}", "email": f"bench{n:05d}@md.example.fr",
             "display_name": f"Personne {n:05d}", "password_hash": secret, "role": "member",
             "department_code": rng.choice(AURA), "created_at": now()}
            for n in range(count)]
    conn.execute(users.insert(), rows)
    return list(conn.execute(sa.select(users.c.id).where(users.c.username.like("bench%"))
                             .order_by(users.c.id)).scalars())


def _day(conn: sa.Connection, index: int, organiser: int, ateliers: int,
         capacity: int) -> tuple[int, int, list[int]]:
    day = (local_now() + timedelta(days=10 + index)).date()
    event_id = conn.execute(events.insert().values(
        title=f"Journée {index + 1}", description="", day=day, starts_at=time(9, 30),
        ends_at=time(17), place="Médiathèque départementale", audience="md_staff",
        status="published", created_by=organiser, created_at=now(),
        registration_opens_at=local_now() - timedelta(days=30),
        registration_closes_at=datetime.combine(day, time(8)))
        .returning(events.c.id)).scalar_one()
    slot_id = conn.execute(event_slots.insert().values(
        event_id=event_id, position=0, starts_at=time(14), ends_at=time(16), kind="ateliers",
        title="Ateliers au choix", is_choice=True).returning(event_slots.c.id)).scalar_one()
    atelier_ids = [conn.execute(event_sessions.insert().values(
        slot_id=slot_id, title=f"Atelier {n + 1}", capacity=capacity,
        host_department_code=AURA[n % len(AURA)]).returning(event_sessions.c.id)).scalar_one()
        for n in range(ateliers)]
    return event_id, slot_id, atelier_ids


def fill(engine: sa.Engine, *, days: int = 50, ateliers: int = 8, per_day: int = 2000,
         seed: int = 1) -> int:
    """Fill the database; returns the id of the first day (the one to measure)."""
    rng = random.Random(seed)
    with engine.begin() as conn:
        people = _people(conn, per_day, rng)
        first = None
        for index in range(days):
            event_id, slot_id, atelier_ids = _day(conn, index, people[0], ateliers,
                                                  per_day // ateliers)
            first = first or event_id
            start = local_now() - timedelta(days=20)
            regs = [{"event_id": event_id, "user_id": person, "status": "confirmed",
                     "lunch": rng.random() < 0.8, "created_at": start + timedelta(minutes=n),
                     "updated_at": start} for n, person in enumerate(people)]
            conn.execute(registrations.insert(), regs)
            ids = conn.execute(sa.select(registrations.c.id).where(
                registrations.c.event_id == event_id).order_by(registrations.c.id)).scalars()
            conn.execute(registration_choices.insert(), [
                {"registration_id": reg_id, "slot_id": slot_id,
                 "session_id": atelier_ids[n % ateliers], "status": "confirmed",
                 "created_at": start} for n, reg_id in enumerate(ids)])
        if engine.dialect.name == "postgresql":  # fresh statistics: no autovacuum mid-run
            conn.exec_driver_sql("ANALYZE")
    return first
