"""The forum at region scale (20,000 posts: 8,000 contributions and 12,000 replies over the
three themes, 20,000 +1), SQLite and PostgreSQL:

- a theme page's AppTest rerun against a one-line page (target ≤ 3 × trivial + 30 ms);
- search latency p50/p95 over varied French queries (target p95 < 50 ms);
- the synthesis of the largest theme as XLSX and as Markdown (target < 2 s).

Run: `python -m benchmarks.forum`.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

import sqlalchemy as sa

from benchmarks.common import page_vs_trivial, side_by_side, user
from benchmarks.common import search_latency as timed
from benchmarks.pitches import AURA, WORDS
from db import forum, migrate, search
from db.engine import make_engine, now
from db.forum import synthesis as forum_synthesis
from db.schema import forum_posts, forum_reactions

QUERIES = ["mediatheques", "inclusion numérique", "bénévoles formation", "tablette",
           "réseau lecture", "diagnostic territoire", "élus", "ateliers jeunesse",
           "portail ressources", "médiation"]
KINDS = ["retour_experience", "point_vigilance", "proposition", "question"]


def _post(rng: random.Random, theme_id: int, author_id: int, n: int, **extra) -> dict:
    title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" n° {n}"
    body = " ".join(rng.choices(WORDS, k=60))
    at = now() - timedelta(days=rng.randrange(400))
    return {"theme_id": theme_id, "author_id": author_id, "kind": rng.choice(KINDS),
            "title": title, "body": body, "status": "published",
            "department_code": rng.choice(AURA), "organisation_type": "bibliotheque",
            "tags": ", ".join(rng.sample(WORDS, 2)), "search_text": search.document(
                title, body), "created_at": at, "updated_at": at, **extra}


def fill(engine: sa.Engine, author_ids: list[int], *, threads: int = 8000,
         replies: int = 12000, seed: int = 5) -> None:
    rng = random.Random(seed)
    with engine.begin() as conn:
        themes = [t.id for t in forum.list_themes(conn)]
        conn.execute(forum_posts.insert(), [
            _post(rng, rng.choice(themes), rng.choice(author_ids), n) for n in range(threads)])
        heads = conn.execute(sa.select(forum_posts.c.id, forum_posts.c.theme_id)).all()
        answers = []
        for n in range(replies):
            head = rng.choice(heads)
            answers.append(_post(rng, head.theme_id, rng.choice(author_ids), n, title=None,
                                 kind="reponse", parent_id=head.id))
        conn.execute(forum_posts.insert(), answers)
        pairs = {(rng.choice(heads).id, rng.choice(author_ids)) for _ in range(20000)}
        conn.execute(forum_reactions.insert(), [
            {"post_id": p, "user_id": u, "created_at": now()} for p, u in pairs])
    if engine.dialect.name == "postgresql":  # what autovacuum does to a live database
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def search_latency(engine: sa.Engine, viewer, theme_id: int,
                   rounds: int = 5) -> tuple[float, float]:
    def search(conn: sa.Connection, query: str) -> None:  # the count, then the page
        chosen = forum.Filters(query=query)
        forum.count_threads(conn, viewer=viewer, theme_id=theme_id, filters=chosen)
        forum.list_threads(conn, viewer=viewer, theme_id=theme_id, filters=chosen)

    return timed(engine, QUERIES, search, rounds)


def synthesis_seconds(engine: sa.Engine, organiser, theme_id: int) -> tuple[float, float]:
    with engine.connect() as conn:
        start = time.perf_counter()
        forum_synthesis.xlsx(conn, actor=organiser, theme_id=theme_id)
        middle = time.perf_counter()
        forum_synthesis.markdown(conn, actor=organiser, theme_id=theme_id)
        return middle - start, time.perf_counter() - middle


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        reader = user(conn, "lectrice", "member")
        organiser = user(conn, "organisatrice", "organiser")
        authors = [reader.id, organiser.id] + [user(conn, f"auteur{n}", "member").id
                                               for n in range(30)]
    fill(engine, authors)
    with engine.connect() as conn:
        theme_id = max(forum.list_themes(conn), key=lambda t: sum(t.counts.values())).id
    p50, p95 = search_latency(engine, reader, theme_id)
    xlsx_s, markdown_s = synthesis_seconds(engine, organiser, theme_id)
    page_ms, trivial_ms = page_vs_trivial(url, "lectrice", "pages/forum.py",
                                          query={"theme": str(theme_id)})
    engine.dispose()
    target = 3 * trivial_ms + 30
    return {
        "posts (contributions + replies)": "20 000",
        "search p50 (ms)": f"{p50:.1f}",
        "search p95 (ms), target < 50": f"{p95:.1f}",
        "synthesis XLSX (s), target < 2": f"{xlsx_s:.2f}",
        "synthesis Markdown (s), target < 2": f"{markdown_s:.2f}",
        "trivial page rerun (ms)": f"{trivial_ms:.1f}",
        "theme page rerun (ms)": f"{page_ms:.1f}",
        "theme target 3×trivial+30 (ms)":
            f"{target:.0f} ({'ok' if page_ms <= target else 'MISSED'})",
    }


if __name__ == "__main__":
    side_by_side(measure)
