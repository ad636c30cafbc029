"""The allocation of ranked wishes at the scale of #13: 2,000 people × 8 ateliers of 250
places, 30 per MD at most, three wishes each (skewed towards the first ateliers, as real
wishes are), read from the database, solved and published — SQLite and PostgreSQL in one
run. Target: < 2 s for the allocation.

Run: `python -m benchmarks.allocation`.
"""

from __future__ import annotations

import os
import random
import time

import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")

from benchmarks.common import side_by_side, user
from benchmarks.events_dataset import AURA
from db import migrate
from db.accounts import passwords
from db.engine import make_engine, now
from db.events import allocation
from db.schema import event_sessions, registrations, slot_wishes, users
from tests.db.events_fixtures import build_day

PEOPLE, ATELIERS, PLACES, QUOTA = 2000, 8, 250, 30


def _crowd(conn: sa.Connection, event_id: int, slot: int, ateliers: list[int]) -> None:
    rng = random.Random(2025)
    secret = passwords.hash_password("benchmark only")
    conn.execute(users.insert(), [
        {"username": f"voeu{n:05d}", "email": f"voeu{n:05d}@md.example.fr",
         "display_name": f"Personne {n}", "password_hash": secret, "role": "member",
         "department_code": rng.choice(AURA), "created_at": now()} for n in range(PEOPLE)])
    people = conn.execute(sa.select(users.c.id).where(users.c.username.like("voeu%"))).scalars()
    conn.execute(registrations.insert(), [
        {"event_id": event_id, "user_id": p, "status": "confirmed", "created_at": now(),
         "updated_at": now()} for p in people])
    regs = conn.execute(sa.select(registrations.c.id).where(
        registrations.c.event_id == event_id)).scalars().all()
    weights = [8, 7, 6, 5, 4, 3, 2, 1]  # the first ateliers are wanted most
    wishes = []
    for reg in regs:
        chosen: list[int] = []
        while len(chosen) < 3:
            pick = rng.choices(ateliers, weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        wishes += [{"registration_id": reg, "slot_id": slot, "atelier_id": a, "rank": r}
                   for r, a in enumerate(chosen, 1)]
    conn.execute(slot_wishes.insert(), wishes)


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        organiser = user(conn, "organisatrice", "organiser")
        event_id, slot, ateliers = build_day(conn, organiser, capacity=PLACES,
                                             ateliers=ATELIERS, atelier_quota=QUOTA)
        conn.execute(sa.text("UPDATE event_slots SET ranked = :t WHERE id = :s"),
                     {"t": True, "s": slot})
        conn.execute(event_sessions.update().where(event_sessions.c.slot_id == slot)
                     .values(capacity=PLACES))
        _crowd(conn, event_id, slot, ateliers)
    with engine.begin() as conn:
        start = time.perf_counter()
        preview = allocation.preview_allocation(conn, actor=organiser, slot_id=slot, seed=1)
        previewed = time.perf_counter() - start
    with engine.begin() as conn:
        start = time.perf_counter()
        allocation.publish_allocation(conn, actor=organiser, slot_id=slot, seed=1)
        published = time.perf_counter() - start
    engine.dispose()
    counts = preview.counts()
    return {"people × ateliers": f"{PEOPLE} × {ATELIERS}",
            "allocation computed (s), target < 2": f"{previewed:.2f}",
            "allocation published, 2,000 places written (s)": f"{published:.2f}",
            "1st / 2nd / 3rd / other / none": " / ".join(str(counts[k]) for k in counts)}


if __name__ == "__main__":
    side_by_side(measure)
