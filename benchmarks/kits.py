"""Shared kits at region scale (#18): 200 kits of the twelve MDs and 10,000 bookings over
five years (with their holds). Measures, SQLite and PostgreSQL in one run:
- the catalogue's availability search for a date range (target: p95 < 50 ms);
- a kit's page and the MD's circulation dashboard, each against a one-line page rerun in
  the same run (AppTest: the server's share of what a person waits for);
- 50 simultaneous bookings of one kit, from the first request to the last answer
  (target: < 1 s), with no overlap.

Run: `python -m benchmarks.kits`.
"""

from __future__ import annotations

import os
import random
import threading
import time
from datetime import date, timedelta

import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")
os.environ.setdefault("COOPMD_REMINDERS", "off")

import contextlib

from benchmarks.common import page_vs_trivial, search_latency, side_by_side, user
from db import kits, migrate
from db.engine import local_now, make_engine, now, run_in_transaction
from db.errors import DomainError
from db.kits.model import KINDS
from db.schema import departments, kit_bookings, kit_holds
from db.schema import kits as kit_table

KITS, BOOKINGS, RACERS = 200, 10_000, 50
FIRST_DAY = date(local_now().year - 3, 1, 1)


def fill(engine: sa.Engine, borrower: int, *, count: int = KITS,
         bookings: int = BOOKINGS, seed: int = 18) -> list[int]:
    """`count` kits (the first fifth the Loire's) and `bookings` loans over five years;
    the kits' ids. Also used by the region dataset (`benchmarks.dataset`)."""
    rng = random.Random(seed)
    with engine.begin() as conn:
        kit_ids = _kits(conn, rng, count)
        _bookings(conn, kit_ids, borrower, rng, bookings)
    return kit_ids


def _kits(conn: sa.Connection, rng: random.Random, count: int) -> list[int]:
    mds = list(conn.execute(sa.select(departments.c.code).where(
        departments.c.md_name.is_not(None))).scalars())
    conn.execute(kit_table.insert(), [
        {"department_code": "42" if n < count // 5 else rng.choice(mds), "title": f"Malle {n}",
         "kind": list(KINDS)[n % len(KINDS)], "description": "Du matériel à prêter.",
         "units": 1 + (n % 5 == 0), "buffer_days": 2, "needs_approval": bool(n % 2),
         "search_text": f" malle {n} tablette ", "created_at": now(), "updated_at": now()}
        for n in range(count)])
    return list(conn.execute(sa.select(kit_table.c.id).order_by(kit_table.c.id)).scalars())


def _bookings(conn: sa.Connection, kit_ids: list[int], borrower: int,
              rng: random.Random, count: int) -> None:
    """Loans one after the other on each kit over five years, the past ones returned."""
    today, rows, holds = local_now().date(), [], []
    for kit_id in kit_ids:
        start = FIRST_DAY + timedelta(days=rng.randrange(20))
        for _ in range(count // len(kit_ids)):
            end = start + timedelta(days=rng.randrange(3, 14))
            rows.append({"kit_id": kit_id, "requested_by": borrower,
                         "library": f"Bibliothèque {rng.randrange(300)}", "commune": "Ville",
                         "library_department": "42", "purpose": "Animation",
                         "starts_on": start, "ends_on": end, "quantity": 1,
                         "status": "rendue" if end < today else "acceptee",
                         "created_at": now(), "updated_at": now()})
            start = end + timedelta(days=3 + rng.randrange(5, 40))
    conn.execute(kit_bookings.insert(), rows)
    for booking_id, kit_id, starts, ends in conn.execute(sa.select(
            kit_bookings.c.id, kit_bookings.c.kit_id, kit_bookings.c.starts_on,
            kit_bookings.c.ends_on).where(kit_bookings.c.kit_id.in_(kit_ids))):
        holds.append({"booking_id": booking_id, "kit_id": kit_id, "unit": 1,
                      "starts_on": starts, "ends_on": ends + timedelta(days=2)})
    conn.execute(kit_holds.insert(), holds)


def _rush(engine: sa.Engine, kit_id: int, people: list) -> tuple[float, int]:
    """Seconds from the barrier to the last answer, and the bookings that got the kit."""
    barrier, ends = threading.Barrier(len(people) + 1), []
    far = local_now().date() + timedelta(days=3 * 365)

    def book(index: int) -> None:
        barrier.wait()
        start = far + timedelta(days=index % 10)
        with contextlib.suppress(DomainError):
            run_in_transaction(engine, lambda c: kits.book(c, actor=people[index],
                               kit_id=kit_id, data=kits.BookingInput(
                                   library=f"Bibliothèque {index}", commune="Ville",
                                   library_department="42", purpose="Rush",
                                   starts_on=start, ends_on=start + timedelta(days=2))))
        ends.append(time.perf_counter())

    threads = [threading.Thread(target=book, args=(i,)) for i in range(len(people))]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    with engine.connect() as conn:
        won = conn.execute(sa.select(sa.func.count()).select_from(kit_bookings).where(
            kit_bookings.c.kit_id == kit_id, kit_bookings.c.purpose == "Rush")).scalar()
    return max(ends) - began, won


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url, pool_size=RACERS, max_overflow=0)
    migrate.upgrade(engine)
    rng = random.Random(18)
    with engine.begin() as conn:
        user(conn, "pret", "member")
        people = [user(conn, f"biblio{n:02d}", "member") for n in range(RACERS)]
    kit_ids = fill(engine, people[0].id)
    ranges = [(FIRST_DAY + timedelta(days=rng.randrange(5 * 365)), rng.randrange(1, 21))
              for _ in range(20)]

    def search(conn: sa.Connection, chosen: tuple[date, int]) -> object:
        return kits.list_kits(conn, filters=kits.KitFilters(
            starts_on=chosen[0], ends_on=chosen[0] + timedelta(days=chosen[1]),
            free_only=True))

    median, p95 = search_latency(engine, ranges, search)  # type: ignore[arg-type]
    found = {"availability search, ms median / p95 (target p95 < 50)":
             f"{median:.1f} / {p95:.1f}"}
    for name, query in (("kit page", {"malle": str(kit_ids[0])}),
                        ("MD dashboard", {"suivi": "1"})):
        page, trivial = page_vs_trivial(url, "pret", "pages/kits.py", query=query)
        found[f"{name}, ms / trivial page (ratio)"] = (
            f"{page:.0f} / {trivial:.0f} ({page / trivial:.1f}×)")
    took, won = _rush(engine, kit_ids[1], people)
    found[f"{RACERS} simultaneous bookings, s (target < 1)"] = f"{took:.2f} ({won} won)"
    engine.dispose()
    return found


if __name__ == "__main__":
    side_by_side(measure)
