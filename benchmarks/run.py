"""Every figure in one table, SQLite and PostgreSQL side by side, on the « 10 × region »
dataset (`benchmarks.dataset`):

- each page's AppTest rerun (median of 20) against a one-line page measured in the same
  run — target ≤ 3 × trivial + 30 ms;
- search p50/p95 (fiches, forum, resources) — target p95 < 50 ms;
- 200 simultaneous sign-ups for 20 places, settled — target < 2 s;
- XLSX export of a day's 2,000 registrations — target < 2 s;
- cold start: `streamlit run` until the login form is visible in Chromium — target < 3 s.

Run: `python -m benchmarks.run` (about ten minutes on a 2-core machine).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks import events as event_bench
from benchmarks import forum, pitches, resources
from benchmarks.common import ROOT, page_vs_trivial, side_by_side
from benchmarks.dataset import build
from db import accounts
from db.engine import make_engine
from db.schema import events, forum_posts, group_members
from db.schema import pitches as pitch_table
from db.schema import resources as resource_table

CHROMIUM = "/usr/bin/chromium"
USER = "region000"  # the dataset's administrator: every page is open to them


def _first(conn: sa.Connection, query: sa.Select) -> str:
    return str(conn.execute(query.limit(1)).scalar_one())


def pages(engine: sa.Engine) -> list[tuple[str, str, dict, dict]]:
    """(label, page file, query parameters, session state) of every screen to time."""
    with engine.connect() as conn:
        fiche = _first(conn, sa.select(pitch_table.c.id).order_by(pitch_table.c.id))
        day = _first(conn, sa.select(events.c.id).order_by(events.c.day))
        theme = _first(conn, sa.select(forum_posts.c.theme_id).group_by(
            forum_posts.c.theme_id).order_by(sa.func.count().desc()))
        thread = _first(conn, sa.select(forum_posts.c.parent_id).where(
            forum_posts.c.parent_id.is_not(None)).order_by(forum_posts.c.parent_id))
        resource = _first(conn, sa.select(resource_table.c.id).order_by(resource_table.c.id))
        group = _first(conn, sa.select(group_members.c.group_id).group_by(
            group_members.c.group_id).order_by(sa.func.count().desc()))
    none: dict = {}
    return [
        ("accueil", "pages/home.py", none, none),
        ("fiches (liste)", "pages/pitches.py", none, none),
        ("fiche", "pages/pitches.py", {"fiche": fiche}, none),
        ("rédiger une fiche", "pages/pitch_edit.py", none, none),
        ("journées", "pages/events.py", none, none),
        ("journée", "pages/events.py", {"event": day}, none),
        ("forum (thèmes)", "pages/forum.py", none, none),
        ("forum (thème)", "pages/forum.py", {"theme": theme}, none),
        ("forum (sujet)", "pages/forum.py", {"sujet": thread}, none),
        ("ressources", "pages/resources.py", none, none),
        ("ressource", "pages/resources.py", {"ressource": resource}, none),
        ("ajouter une ressource", "pages/resource_edit.py", none, none),
        ("groupes", "pages/groups.py", none, none),
        ("espace d'un groupe", "pages/groups.py", {"groupe": group}, none),
        ("annuaire", "pages/directory.py", none, none),
        ("mes inscriptions", "pages/my_registrations.py", none, none),
        ("mon compte", "pages/account.py", none, none),
        ("organiser une journée", "pages/events_admin.py", none, none),
        ("suivi des inscriptions", "pages/events_dashboard.py", none,
         {"dashboard_event": int(day)}),
        ("modération", "pages/moderation.py", none, none),
        ("administration", "pages/admin.py", none, none),
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cold_start(url: str, app_dir: Path = ROOT, browser: Any = None) -> float:
    """Seconds from `streamlit run` to the login form visible in Chromium (`browser`, if
    given, opens a new context: an empty cache, as a launched one has)."""
    from playwright.sync_api import sync_playwright

    if browser is not None:
        context = browser.new_context()
        try:
            return _cold_start(url, app_dir, context.new_page())
        finally:
            context.close()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            return _cold_start(url, app_dir, launched.new_page())
        finally:
            launched.close()


def _cold_start(url: str, app_dir: Path, page: Any) -> float:
    port = _free_port()
    env = {**os.environ, "COOPMD_DATABASE_URL": url, "COOPMD_COOKIE_KEY": "x" * 40}
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"], cwd=app_dir,
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(port)
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_label("Identifiant").wait_for(timeout=30_000)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_healthy(port: int) -> None:
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health")
            return
        except OSError:
            time.sleep(0.05)


def one_line_cold_start(url: str, browser: Any = None) -> float:
    """The same measure for a one-line app showing the same field: what Streamlit and
    Chromium cost on this machine whatever the app does."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "app.py").write_text(
            'import streamlit as st\nst.text_input("Identifiant")\n')
        return cold_start(url, Path(folder), browser)


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def measure(url: str) -> dict[str, str]:
    built = time.perf_counter()
    build(url, scale=10)
    built = time.perf_counter() - built
    engine = make_engine(url)
    with engine.connect() as conn:
        admin = accounts.get_by_username(conn, username=USER)
        theme = int(_first(conn, sa.select(forum_posts.c.theme_id)))
        first_day = int(_first(conn, sa.select(events.c.id).order_by(events.c.day)))
    figures = {"dataset build (s), target < 60 on SQLite": f"{built:.1f}"}
    for label, path, query, session in pages(engine):
        page_ms, trivial_ms = page_vs_trivial(url, USER, path, session, query=query)
        target = 3 * trivial_ms + 30
        figures[f"page « {label} » (ms)"] = (f"{page_ms:.1f} / {target:.0f} "
                                             f"{_verdict(page_ms, target)}")
    for label, (p50, p95) in (
            ("fiches", pitches.search_latency(engine, admin)),
            ("forum", forum.search_latency(engine, admin, theme)),
            ("ressources", resources.search_latency(engine))):
        figures[f"search {label} p50 / p95 (ms)"] = (f"{p50:.1f} / {p95:.1f} "
                                                    f"{_verdict(p95, 50)}")
    rush = event_bench.sign_up_rush(url, admin)
    figures["200 sign-ups settled (s)"] = f"{rush:.2f} {_verdict(rush, 2)}"
    export_s, rows = event_bench.xlsx_export(engine, admin, first_day)
    figures[f"XLSX of {rows} registrations (s)"] = f"{export_s:.2f} {_verdict(export_s, 2)}"
    engine.dispose()
    start, floor = cold_start(url), one_line_cold_start(url)
    figures["cold start to login form (s) [one-line app]"] = (
        f"{start:.2f} [{floor:.2f}] {_verdict(start, 3)}")
    return figures


if __name__ == "__main__":
    side_by_side(measure)
