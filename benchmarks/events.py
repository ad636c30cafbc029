"""Journées at region scale, SQLite and PostgreSQL side by side, in one run:

- 200 simultaneous sign-ups for one atelier of 20 places: wall time until all settled;
- the organisers' dashboard (AppTest rerun, median of 20) against a trivial one-line page
  measured in the same loop, with the target « ≤ 3 × trivial + 30 ms »;
- XLSX export of one day's 2,000 registrations (query + file).

Run: `python -m benchmarks.events` (PostgreSQL from COOPMD_TEST_PG_URL or the local server).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")

from benchmarks.events_dataset import fill
from db import (
    accounts,
    event_reports,
    events,
    exports,
    migrate,
    programme,
    registrations,
)
from db.engine import local_now, make_engine, run_in_transaction

PASSWORD = "benchmark phrase de passe"
ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("COOPMD_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _user(conn: sa.Connection, name: str, role: str) -> accounts.User:
    user = accounts.register(conn, username=name, email=f"{name}@md.example.fr",
                             display_name=name, password=PASSWORD, password_repeat=PASSWORD,
                             department_code="42")
    conn.execute(sa.text("UPDATE users SET role = :r WHERE id = :i"), {"r": role, "i": user.id})
    return accounts.get_user(conn, user_id=user.id)


def sign_up_rush(url: str, organiser: accounts.User, people: int = 200) -> float:
    engine = make_engine(url, pool_size=60, max_overflow=0, pool_timeout=120)
    with engine.begin() as conn:
        day = (local_now() + timedelta(days=5)).date()
        event = events.create_event(
            conn, actor=organiser, title="Ruée", description="", day=day,
            starts_at=clock(9), ends_at=clock(17), place="MD", address=None,
            host_department_code="42", audience="md_staff",
            registration_opens_at=local_now() - timedelta(days=1),
            registration_closes_at=datetime.combine(day, clock(8)))
        slot = programme.add_slot(conn, actor=organiser, event_id=event.id,
                                  starts_at=clock(14), ends_at=clock(16), kind="ateliers",
                                  title="Atelier")
        atelier = programme.add_atelier(conn, actor=organiser, slot_id=slot, title="Vingt",
                                        capacity=20, description=None,
                                        host_department_code=None, facilitator=None, room=None)
        events.set_status(conn, actor=organiser, event_id=event.id, status="published")
        crowd = [_user(conn, f"rush{n:03d}", "member") for n in range(people)]
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
        assert registrations.confirmed_count(conn, atelier) == 20
    engine.dispose()
    return elapsed


def page_vs_trivial(url: str, username: str, event_id: int, runs: int = 20) -> tuple[float,
                                                                                      float]:
    """Median rerun (ms) of the dashboard and of a one-line page, in the same run.

    Each is measured in its own block: a run of another AppTest in between resets
    Streamlit's caches, which a real server keeps."""
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:  # run every rerun through app.py, as the server
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    os.environ["COOPMD_DATABASE_URL"] = url
    os.environ["COOPMD_COOKIE_KEY"] = "benchmark-" + "x" * 32
    st.cache_data.clear()
    st.cache_resource.clear()
    page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    fields = {t.label: t for t in page.text_input}
    fields["Identifiant"].input(username)
    fields["Mot de passe"].input(PASSWORD)
    next(b for b in page.button if b.label == "Se connecter").click()
    page.run()
    page.session_state["dashboard_event"] = event_id
    page.switch_page("pages/events_dashboard.py").run()
    assert not page.exception, page.exception
    trivial = AppTest.from_string("import streamlit as st\nst.write('ok')").run()
    page_times, trivial_times = [], []
    for app, times in ((trivial, trivial_times), (page, page_times), (trivial, trivial_times)):
        app.run()  # warm
        for _ in range(runs // 2 if app is trivial else runs):
            start = time.perf_counter()
            app.run()
            times.append(time.perf_counter() - start)
    PagesManager.__init__ = original
    return statistics.median(page_times) * 1000, statistics.median(trivial_times) * 1000


def xlsx_export(engine: sa.Engine, organiser: accounts.User, event_id: int) -> tuple[float,
                                                                                    int]:
    start = time.perf_counter()
    with engine.connect() as conn:
        people = event_reports.people(conn, actor=organiser, event_id=event_id)
        slots = event_reports.choice_slot_titles(conn, event_id=event_id)
    data = exports.registrations_xlsx(people, slots, title="Benchmark")
    assert data[:2] == b"PK"
    return time.perf_counter() - start, len(people)


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    start = time.perf_counter()
    first_day = fill(engine)
    built = time.perf_counter() - start
    with engine.begin() as conn:
        organiser = _user(conn, "organisatrice", "organiser")
    rush = sign_up_rush(url, organiser)
    page_ms, trivial_ms = page_vs_trivial(url, "organisatrice", first_day)
    export_s, rows = xlsx_export(engine, organiser, first_day)
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
    }


def _pg_schema_url() -> tuple[str, callable]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

    url = sa.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


def main() -> None:
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = measure(f"sqlite:///{folder}/bench.db")
    url, drop = _pg_schema_url()
    try:
        results["PostgreSQL"] = measure(url)
    finally:
        drop()
    width = max(len(k) for k in results["SQLite"])
    print(f"{'measure':<{width}}  {'SQLite':>16}  {'PostgreSQL':>16}")
    for key in results["SQLite"]:
        print(f"{key:<{width}}  {results['SQLite'][key]:>16}  {results['PostgreSQL'][key]:>16}")


if __name__ == "__main__":
    main()
