"""Journées at region scale, SQLite and PostgreSQL side by side, in one run:

- 200 simultaneous sign-ups for one atelier of 20 places: wall time until all settled;
- the organisers' dashboard (AppTest rerun, median of 20) against a trivial one-line page
  measured in the same loop, with the target « ≤ 3 × trivial + 30 ms »;
- XLSX export of one day's 2,000 registrations (query + file);
- #13: the dashboard again once the day has three questions of its own, answered by all
  2,000 (counted on the dashboard), and a cohort of 10 colleagues registered one after the
  other by their director (target < 1 s).

Run: `python -m benchmarks.events` (PostgreSQL from COOPMD_TEST_PG_URL or the local server).
"""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime, timedelta
from datetime import time as clock

import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")

from benchmarks.common import page_vs_trivial, side_by_side, user
from benchmarks.events_dataset import fill
from db import accounts, events, migrate
from db.engine import local_now, make_engine, run_in_transaction
from db.events import capacity, exports, programme, questions, registrations
from db.events import reports as event_reports
from db.schema import registrations as registration_table


def sign_up_rush(url: str, organiser: accounts.User, people: int = 200) -> float:
    engine = make_engine(url, pool_size=60, max_overflow=0, pool_timeout=120)
    with engine.begin() as conn:
        day = (local_now() + timedelta(days=5)).date()
        event = events.create_event(
            conn,
            actor=organiser,
            data=events.DayInput(
                title="Ruée",
                description="",
                day=day,
                starts_at=clock(9),
                ends_at=clock(17),
                place="MD",
                address=None,
                host_department_code="42",
                audience="md_staff",
                registration_opens_at=local_now() - timedelta(days=1),
                registration_closes_at=datetime.combine(day, clock(8)),
            ),
        )
        slot = programme.create_slot(
            conn,
            actor=organiser,
            event_id=event.id,
            data=programme.SlotInput(
                starts_at=clock(14), ends_at=clock(16), kind="ateliers", title="Atelier"
            ),
        )
        atelier = programme.create_atelier(
            conn,
            actor=organiser,
            slot_id=slot,
            data=programme.AtelierInput(
                title="Vingt",
                capacity=20,
                description=None,
                host_department_code=None,
                facilitator=None,
                room=None,
            ),
        )
        events.set_status(conn, actor=organiser, event_id=event.id, status="published")
        crowd = [user(conn, f"rush{n:03d}", "member") for n in range(people)]
    barrier = threading.Barrier(people + 1)

    def go(person: accounts.User) -> None:
        barrier.wait()
        run_in_transaction(engine, lambda c: registrations.register(
            c, actor=person, event_id=event.id, choices={slot: atelier}))

    threads = [threading.Thread(target=go, args=(p,)) for p in crowd]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    with engine.connect() as conn:
        assert capacity.confirmed_count(conn, atelier) == 20
    engine.dispose()
    return elapsed


def xlsx_export(engine: sa.Engine, organiser: accounts.User, event_id: int) -> tuple[float,
                                                                                    int]:
    start = time.perf_counter()
    with engine.connect() as conn:
        people = event_reports.list_people(conn, actor=organiser, event_id=event_id)
        slots = event_reports.choice_slot_titles(conn, event_id=event_id)
    data = exports.registrations_xlsx(people, slots, title="Benchmark")
    assert data[:2] == b"PK"
    return time.perf_counter() - start, len(people)


def ask_three_questions(engine: sa.Engine, organiser: accounts.User, event_id: int) -> None:
    """A yes/no, a one-choice and a number question, answered by every registration."""
    with engine.begin() as conn:
        for data in (questions.QuestionInput(kind="yes_no", label="Covoiturage ?"),
                     questions.QuestionInput(kind="one", label="Menu",
                                             options="Standard\nVégétarien\nSans gluten"),
                     questions.QuestionInput(kind="number", label="Places en voiture")):
            questions.add_question(conn, actor=organiser, event_id=event_id, data=data)
        conn.execute(registration_table.update()
                     .where(registration_table.c.event_id == event_id)
                     .values(answers={"q1": True, "q2": "Végétarien", "q3": 2}))


def cohort_of_ten(engine: sa.Engine, organiser: accounts.User) -> float:
    """A director registers ten colleagues of her MD, one click (one transaction) each."""
    with engine.begin() as conn:
        director = user(conn, "directrice", "member")
        colleagues = [user(conn, f"collegue{n}", "member") for n in range(10)]
        day = (local_now() + timedelta(days=9)).date()
        event = events.create_event(conn, actor=organiser, data=events.DayInput(
            title="Cohorte", day=day, starts_at=clock(9), ends_at=clock(17), place="MD",
            host_department_code="42", registration_opens_at=local_now() - timedelta(days=1),
            registration_closes_at=datetime.combine(day, clock(8))))
        slot = programme.create_slot(conn, actor=organiser, event_id=event.id,
                                     data=programme.SlotInput(starts_at=clock(14),
                                                              ends_at=clock(16),
                                                              kind="ateliers", title="A"))
        atelier = programme.create_atelier(conn, actor=organiser, slot_id=slot,
                                           data=programme.AtelierInput(title="A", capacity=40))
        events.set_status(conn, actor=organiser, event_id=event.id, status="published")
    start = time.perf_counter()
    for colleague in colleagues:
        run_in_transaction(engine, lambda c, who=colleague: registrations.register(
            c, actor=director, user=who, event_id=event.id, choices={slot: atelier}))
    return time.perf_counter() - start


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    start = time.perf_counter()
    first_day = fill(engine)
    built = time.perf_counter() - start
    with engine.begin() as conn:
        organiser = user(conn, "organisatrice", "organiser")
    rush = sign_up_rush(url, organiser)
    page_ms, trivial_ms = page_vs_trivial(url, "organisatrice", "pages/events_dashboard.py",
                                          {"dashboard_event": first_day})
    export_s, rows = xlsx_export(engine, organiser, first_day)
    ask_three_questions(engine, organiser, first_day)
    asked_ms, asked_trivial_ms = page_vs_trivial(url, "organisatrice",
                                                 "pages/events_dashboard.py",
                                                 {"dashboard_event": first_day})
    cohort = cohort_of_ten(engine, organiser)
    with engine.connect() as conn:
        counted = conn.execute(sa.text("SELECT count(*) FROM registrations")).scalar_one()
    engine.dispose()
    target = 3 * trivial_ms + 30
    return {
        "dataset (registrations)": f"{counted:,}".replace(",", " "),
        "dataset build (s)": f"{built:.1f}",
        "200 sign-ups settled (s), target < 2": f"{rush:.2f}",
        "trivial page rerun (ms)": f"{trivial_ms:.1f}",
        "dashboard rerun (ms)": f"{page_ms:.1f}",
        "dashboard / trivial": f"{page_ms / trivial_ms:.1f}×",
        "dashboard target 3×trivial+30 (ms)": f"{target:.0f} ({'ok' if page_ms <= target else 'MISSED'})",
        f"XLSX export of {rows} (s), target < 2": f"{export_s:.2f}",
        "dashboard with 3 questions (ms)": f"{asked_ms:.1f}",
        "its target 3×trivial+30 (ms)": f"{3 * asked_trivial_ms + 30:.0f} "
        f"({'ok' if asked_ms <= 3 * asked_trivial_ms + 30 else 'MISSED'})",
        "cohort of 10 registered (s), target < 1": f"{cohort:.2f}",
    }


if __name__ == "__main__":
    side_by_side(measure)
