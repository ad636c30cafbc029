"""Fiches projet at region scale (500 fiches, 5,000 comments), SQLite and PostgreSQL:

- the list page's AppTest rerun against a one-line page (target ≤ 3 × trivial + 30 ms);
- search latency p50/p95 over varied French queries (target p95 < 50 ms).

Run: `python -m benchmarks.pitches`.
"""

from __future__ import annotations

import random

import sqlalchemy as sa

from benchmarks.common import page_vs_trivial, side_by_side, user
from benchmarks.common import search_latency as timed
from db import migrate, search
from db.engine import make_engine, now
from db.pitches import browse as pitch_browse
from db.schema import pitch_comments, pitch_follows, pitches

WORDS = ["médiathèque", "numérique", "réseau", "bibliothèques", "lecture", "publique", "diagnostic", "territoire", "formation", "bénévoles", "inclusion", "ateliers", "tablettes", "liseuses", "ressources", "convention", "communes", "élus", "jeunesse", "patrimoine", "portail", "navette", "collections", "animation"]
AURA = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]
QUERIES = ["mediatheques", "réseau lecture", "diagnostic", "formations benevoles",
           "tablette", "inclusion numérique", "convention commune", "portail", "élus",
           "patrimoine jeunesse"]


def fill(engine: sa.Engine, owner_id: int, *, count: int = 500, comments: int = 5000,
         seed: int = 2) -> None:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" n° {n}"
        summary = " ".join(rng.choices(WORDS, k=40))
        rows.append({"title": title, "summary": summary, "status": "en_cours",
                     "state": "published", "department_code": rng.choice(AURA),
                     "tags": ", ".join(rng.sample(WORDS, 2)), "owner_id": owner_id,
                     "search_text": search.document(title, summary), "created_at": now(),
                     "updated_at": now()})
    with engine.begin() as conn:
        conn.execute(pitches.insert(), rows)
        ids = list(conn.execute(sa.select(pitches.c.id)).scalars())
        conn.execute(pitch_comments.insert(), [
            {"pitch_id": rng.choice(ids), "author_id": owner_id, "body": "Merci !",
             "created_at": now(), "updated_at": now()} for _ in range(comments)])
        conn.execute(pitch_follows.insert(), [
            {"pitch_id": pitch_id, "user_id": owner_id, "created_at": now()}
            for pitch_id in rng.sample(ids, count // 5)])
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE")


def search_latency(engine: sa.Engine, viewer, rounds: int = 5) -> tuple[float, float]:
    return timed(engine, QUERIES, lambda conn, query: pitch_browse.list_pitches(
        conn, viewer=viewer, filters=pitch_browse.Filters(query=query)), rounds)


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        reader = user(conn, "lectrice", "member")
    fill(engine, reader.id)
    p50, p95 = search_latency(engine, reader)
    page_ms, trivial_ms = page_vs_trivial(url, "lectrice", "pages/pitches.py")
    engine.dispose()
    target = 3 * trivial_ms + 30
    return {
        "fiches / comments": "500 / 5 000",
        "search p50 (ms)": f"{p50:.1f}",
        "search p95 (ms), target < 50": f"{p95:.1f}",
        "trivial page rerun (ms)": f"{trivial_ms:.1f}",
        "fiche list rerun (ms)": f"{page_ms:.1f}",
        "list target 3×trivial+30 (ms)": f"{target:.0f} ({'ok' if page_ms <= target else 'MISSED'})",
    }


if __name__ == "__main__":
    side_by_side(measure)
