"""Feuilles de route and digests at region scale (#15): 300 people, 20,000 forum posts, a
regional roadmap of 200 actions with 2,000 sources, and a day of notifications for each
person. Measures, SQLite and PostgreSQL in one run:
- the roadmap page and an action page, each against a one-line page rerun in the same run
  (target: within 3 × trivial + 30 ms);
- building and queuing the daily digests of the 300 people (target: < 5 s).

Run: `python -m benchmarks.roadmaps`.
"""

from __future__ import annotations

import os
import random
import time
from datetime import timedelta

import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")
os.environ.setdefault("COOPMD_REMINDERS", "off")

from benchmarks.common import page_vs_trivial, side_by_side, user
from db import digests, mailer, migrate
from db.accounts import passwords
from db.engine import make_engine, now
from db.schema import (
    digest_subscriptions,
    forum_posts,
    forum_themes,
    notifications,
    roadmap_action_posts,
    roadmap_actions,
    roadmap_history,
    users,
)

PEOPLE, POSTS, ACTIONS, SOURCES_EACH, TOLD_EACH = 300, 20_000, 200, 10, 20
KINDS = ["forum", "mention", "roadmap", "proposition_answer", "group"]


def _people(conn: sa.Connection) -> list[int]:
    secret = passwords.hash_password("benchmark only")
    conn.execute(users.insert(), [
        {"username": f"gens{n:04d}", "email": f"gens{n:04d}@md.example.fr",
         "display_name": f"Personne {n}", "password_hash": secret,
         "role": "member" if n % 3 else "contributor", "department_code": "42",
         "created_at": now()} for n in range(PEOPLE)])
    return list(conn.execute(sa.select(users.c.id).where(
        users.c.username.like("gens%"))).scalars())


def _posts(conn: sa.Connection, people: list[int], rng: random.Random) -> list[int]:
    themes = list(conn.execute(sa.select(forum_themes.c.id)).scalars())
    kinds = ["retour_experience", "point_vigilance", "proposition"]
    conn.execute(forum_posts.insert(), [
        {"theme_id": rng.choice(themes), "author_id": rng.choice(people),
         "kind": kinds[n % 3], "title": f"Contribution {n}", "body": "Un texte. " * 20,
         "search_text": "", "created_at": now(), "updated_at": now()}
        for n in range(POSTS)])
    return list(conn.execute(sa.select(forum_posts.c.id).where(
        forum_posts.c.kind == "proposition")).scalars())


def _roadmap(conn: sa.Connection, people: list[int], propositions: list[int],
             rng: random.Random) -> int:
    statuses = ["a_lancer", "en_cours", "realisee", "abandonnee"]
    conn.execute(roadmap_actions.insert(), [
        {"group_id": None, "title": f"Action {n}", "description": "Ce qu'il faut faire.",
         "owner_id": rng.choice(people), "horizon": f"{2026 + n % 3}-T{1 + n % 4}",
         "status": statuses[n % 4], "progress": (n * 7) % 101, "created_at": now(),
         "updated_at": now()} for n in range(ACTIONS)])
    actions = list(conn.execute(sa.select(roadmap_actions.c.id)).scalars())
    conn.execute(roadmap_action_posts.insert(), [
        {"action_id": a, "post_id": p} for a in actions
        for p in rng.sample(propositions, SOURCES_EACH)])
    conn.execute(roadmap_history.insert(), [
        {"action_id": a, "status": "a_lancer", "progress": 0, "at": now()} for a in actions])
    return actions[0]


def _told(conn: sa.Connection, people: list[int], start, rng: random.Random) -> None:
    conn.execute(notifications.insert(), [
        {"user_id": p, "kind": rng.choice(KINDS), "text": f"Nouvelle {n} pour vous",
         "link": f"forum?sujet={n}", "created_at": start + timedelta(minutes=n * 50)}
        for p in people for n in range(TOLD_EACH)])
    conn.execute(digest_subscriptions.insert(), [
        {"user_id": p, "frequency": "daily", "created_at": now()} for p in people])


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    rng = random.Random(15)
    with engine.begin() as conn:
        user(conn, "lectrice", "member")
        people = _people(conn)
        action = _roadmap(conn, people, _posts(conn, people, rng), rng)
        start, _end = digests.period("daily", now())
        _told(conn, people, start, rng)
    found = {}
    for name, query in (("roadmap page", {"feuille": "region"}),
                        ("action page", {"action": str(action)})):
        page, trivial = page_vs_trivial(url, "lectrice", "pages/roadmap.py", query=query)
        found[f"{name}, ms (target: 3 × trivial + 30)"] = f"{page:.1f} / {3 * trivial + 30:.1f}"
    with engine.begin() as conn:  # the app, started above without SMTP, turned mail off
        mailer.configure(conn, enabled=True, public_url="https://coopmd.example/")
    with engine.begin() as conn:
        began = time.perf_counter()
        queued = digests.send_due(conn)
        took = time.perf_counter() - began
    found[f"daily digests of {PEOPLE}, s (target < 5)"] = f"{took:.2f} ({queued} sent)"
    engine.dispose()
    return found


if __name__ == "__main__":
    side_by_side(measure)
