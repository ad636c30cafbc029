"""What every benchmark shares: accounts, a PostgreSQL schema of its own, the AppTest rerun
of a page against a one-line page, and the side-by-side table."""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")

from db import accounts

PASSWORD = "benchmark phrase de passe"
ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("COOPMD_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def user(conn: sa.Connection, name: str, role: str) -> accounts.User:
    user = accounts.register(conn, username=name, email=f"{name}@md.example.fr",
                             display_name=name, password=PASSWORD, password_repeat=PASSWORD,
                             department_code="42")
    conn.execute(sa.text("UPDATE users SET role = :r WHERE id = :i"), {"r": role, "i": user.id})
    return accounts.get_user(conn, user_id=user.id)


def page_vs_trivial(url: str, username: str, page_path: str, session: dict | None = None,
                    runs: int = 20, query: dict | None = None) -> tuple[float, float]:
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
    for key, value in (session or {}).items():
        page.session_state[key] = value
    page.switch_page(page_path)
    for key, value in (query or {}).items():
        page.query_params[key] = value
    page.run()
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


def search_latency(engine: sa.Engine, queries: list[str],
                   search: Callable[[sa.Connection, str], object],
                   rounds: int = 5) -> tuple[float, float]:
    """Median and 95th percentile (ms) of `search(conn, query)`, every query `rounds` times."""
    seconds = []
    with engine.connect() as conn:
        for _ in range(rounds):
            for query in queries:
                start = time.perf_counter()
                search(conn, query)
                seconds.append(time.perf_counter() - start)
    seconds.sort()
    return statistics.median(seconds) * 1000, seconds[int(len(seconds) * 0.95) - 1] * 1000


def pg_schema_url() -> tuple[str, Callable[[], None]]:
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


def side_by_side(measure: Callable[[str], dict[str, str]]) -> None:
    """Run `measure` on a fresh SQLite file and a fresh PostgreSQL schema; print one table."""
    import tempfile

    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = measure(f"sqlite:///{folder}/bench.db")
    url, drop = pg_schema_url()
    try:
        results["PostgreSQL"] = measure(url)
    finally:
        drop()
    width = max(len(k) for k in results["SQLite"])
    print(f"{'measure':<{width}}  {'SQLite':>16}  {'PostgreSQL':>16}")
    for key in results["SQLite"]:
        print(f"{key:<{width}}  {results['SQLite'][key]:>16}  {results['PostgreSQL'][key]:>16}")
