"""Shared resources at region scale (2,000 resources: 1,500 files, 500 links, over the
working groups and AURA departments), SQLite and PostgreSQL:

- the list page's AppTest rerun against a one-line page (target ≤ 3 × trivial + 30 ms);
- search latency p50/p95 (count + first page) over varied French queries (target < 50 ms).

Run: `python -m benchmarks.resources`.
"""

from __future__ import annotations

import hashlib
import random

import sqlalchemy as sa

from benchmarks.common import page_vs_trivial, side_by_side, user
from benchmarks.common import search_latency as timed
from benchmarks.pitches import AURA, WORDS
from db import migrate, reference, resources, search
from db.engine import make_engine, now
from db.resources import browse as resource_browse
from db.schema import files
from db.schema import resources as resources_table

QUERIES = ["guide", "mediatheques numerique", "diagnostic territorial", "tablettes",
           "formation bénévoles", "réseau", "inclusion", "jeunesse patrimoine", "élus",
           "ateliers"]


def fill(engine: sa.Engine, owner_id: int, *, count: int = 2000, seed: int = 7) -> None:
    rng = random.Random(seed)
    with engine.begin() as conn:
        groups = list(reference.list_groups(conn))
        file_ids = conn.execute(files.insert().returning(files.c.id), [
            {"sha256": hashlib.sha256(str(n).encode()).hexdigest(), "name": f"f{n}.pdf",
             "mime": "application/pdf", "size": 1000 + n, "backend": "local",
             "key": f"xx/{n}", "created_at": now()} for n in range(count * 3 // 4)]
        ).scalars().all()
        rows = []
        for n in range(count):
            title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" n° {n}"
            description = " ".join(rng.choices(WORDS, k=50))
            tags = ", ".join(rng.sample(WORDS, 2))
            is_file = n < len(file_ids)
            rows.append({
                "title": title, "description": description,
                "kind": rng.choice(list(resources.KIND_LABELS)), "tags": tags,
                "url": None if is_file else f"https://exemple.fr/{n}",
                "file_id": file_ids[n] if is_file else None,
                "file_name": f"ressource-{n}.pdf" if is_file else None,
                "group_id": rng.choice(groups), "department_code": rng.choice(AURA),
                "year": rng.randrange(2010, 2026), "licence": rng.choice(resources.LICENCES),
                "owner_id": owner_id, "downloads": rng.randrange(200),
                "search_text": search.document(title, description, tags),
                "created_at": now(), "updated_at": now()})
        conn.execute(resources_table.insert(), rows)
    if engine.dialect.name == "postgresql":  # what autovacuum does to a live database
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def search_latency(engine: sa.Engine, rounds: int = 5) -> tuple[float, float]:
    def search(conn: sa.Connection, query: str) -> None:  # the count, then the page
        chosen = resource_browse.Filters(query=query)
        resource_browse.count_resources(conn, filters=chosen)
        resource_browse.list_resources(conn, filters=chosen)

    return timed(engine, QUERIES, search, rounds)


def measure(url: str) -> dict[str, str]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        reader = user(conn, "lectrice", "member")
    fill(engine, reader.id)
    p50, p95 = search_latency(engine)
    page_ms, trivial_ms = page_vs_trivial(url, "lectrice", "pages/resources.py")
    engine.dispose()
    target = 3 * trivial_ms + 30
    return {
        "resources (files / links)": "1 500 / 500",
        "search p50 (ms)": f"{p50:.1f}",
        "search p95 (ms), target < 50": f"{p95:.1f}",
        "trivial page rerun (ms)": f"{trivial_ms:.1f}",
        "resource list rerun (ms)": f"{page_ms:.1f}",
        "list target 3×trivial+30 (ms)":
            f"{target:.0f} ({'ok' if page_ms <= target else 'MISSED'})",
    }


if __name__ == "__main__":
    side_by_side(measure)
