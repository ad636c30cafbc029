"""`benchmarks.crowd`, the « other sessions » of #17's side-by-side measures, against a real
`streamlit run` on the demo data: signed in by our cookie alone, its sessions open pages
and post replies through Streamlit's own protocol, with no error — else the measures taken
beside it would be beside nothing."""

from __future__ import annotations

import time

import sqlalchemy as sa

from benchmarks.crowd import Crowd, people
from db import demo
from db.schema import forum_posts
from tests.conftest import make_user
from tests.e2e.conftest import COOKIE_KEY


def test_the_crowd_signs_in_browses_and_posts_replies(live_engine, live_db, server):
    with live_engine.begin() as conn:
        demo.load(conn)
        for n in range(3):
            make_user(conn, f"foule.{n}", "member", department_code="42")
    cookies, threads = people(live_db, 3, COOKIE_KEY, prefix="foule.")
    assert len(cookies) == 3 and threads
    crowd = Crowd(int(server.rsplit(":", 1)[1]), cookies, threads)
    deadline = time.monotonic() + 90  # 1–3 s between two steps, a reply every fifth step
    while _replies(live_engine) == 0 and time.monotonic() < deadline:
        time.sleep(1)
    runs, posts, errors, count = crowd.stop()
    assert count == 0, errors
    assert runs >= 5 and posts >= 1
    assert _replies(live_engine) == posts


def _replies(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(forum_posts).where(
            forum_posts.c.body.like("Réponse de charge%"))).scalar_one()
