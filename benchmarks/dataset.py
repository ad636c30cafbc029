"""The « 10 × region » dataset, deterministic from a seed, in one database:

    python -m benchmarks.dataset --scale 10 [--url sqlite:///data/region.db]

At scale 10: the 101 departments and 12 MDs of the reference data, 300 named accounts
(MD staff, organisers, contributors) in 20 working groups, 500 fiches + 5,000 comments,
50 days × 8 ateliers × 2,000 registrations, 20,000 forum posts, 2,000 resources. A day's
2,000 registrations need 2,000 distinct people: the days bring their own participant
accounts (`bench…`, no usable password) on top of the 300. Bulk inserts: this builds a
fixture fast, it does not exercise the app's write path (the benchmarks do).
"""

from __future__ import annotations

import argparse
import os
import random
import time

import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")

from benchmarks import events_dataset, forum, kits, pitches, resources
from benchmarks.common import PASSWORD
from benchmarks.events_dataset import AURA
from db import migrate
from db.accounts import passwords
from db.engine import make_engine, now
from db.schema import events, group_members, users, working_groups
from db.schema import pitches as pitch_table
from db.schema import resources as resource_table

ROLES = ["member"] * 8 + ["contributor", "organiser"]


def accounts(conn: sa.Connection, count: int, rng: random.Random) -> list[int]:
    """Named accounts `region000`…, password PASSWORD; the first is an admin."""
    secret = passwords.hash_password(PASSWORD)
    conn.execute(users.insert(), [
        {"username": f"region{n:03d}", "email": f"region{n:03d}@md.example.fr",
         "display_name": f"Personne Région {n:03d}", "password_hash": secret,
         "role": "admin" if n == 0 else rng.choice(ROLES),
         "department_code": rng.choice(AURA), "job_title": rng.choice(
             ["Référente de territoire", "Directeur", "Médiatrice numérique"]),
         "territory": f"Territoire {n % 40}", "created_at": now()} for n in range(count)])
    return list(conn.execute(sa.select(users.c.id).where(users.c.username.like("region%"))
                             .order_by(users.c.id)).scalars())


def working_groups_with_members(conn: sa.Connection, people: list[int], count: int,
                                rng: random.Random) -> list[int]:
    existing = conn.execute(sa.select(sa.func.count()).select_from(working_groups)).scalar()
    missing = [
        {"slug": f"groupe-{n}", "name": f"Groupe de travail {n}", "status": "active",
         "description": "Un groupe du jeu de données régional.", "moderated": n % 4 == 0,
         "created_at": now()} for n in range(max(0, count - existing))]
    if missing:  # at scale 1 the seeded groups may be enough
        conn.execute(working_groups.insert(), missing)
    group_ids = list(conn.execute(sa.select(working_groups.c.id)).scalars())
    rows = {}
    for person in people:
        for group_id in rng.sample(group_ids, rng.randint(1, 3)):
            rows[(group_id, person)] = "member"
    for group_id in group_ids:
        rows[(group_id, rng.choice(people))] = "coordinator"
    conn.execute(group_members.insert(), [
        {"group_id": g, "user_id": u, "role": role, "status": "active", "joined_at": now()}
        for (g, u), role in rows.items()])
    return group_ids


def spread_over_groups(engine: sa.Engine, group_ids: list[int], rng: random.Random) -> None:
    """Attach fiches, resources and days to groups, as people would."""
    with engine.begin() as conn:
        for table in (pitch_table, resource_table, events):
            ids = list(conn.execute(sa.select(table.c.id)).scalars())
            for group_id in group_ids:
                chosen = rng.sample(ids, min(len(ids), max(1, len(ids) // len(group_ids))))
                conn.execute(table.update().where(table.c.id.in_(chosen))
                             .values(group_id=group_id))


def build(url: str, *, scale: int = 10, seed: int = 2025) -> dict[str, int]:
    """Fill the database at `url` (migrated first); returns what was created."""
    rng = random.Random(seed)
    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        people = accounts(conn, 30 * scale, rng)
        group_ids = working_groups_with_members(conn, people, 2 * scale, rng)
    pitches.fill(engine, people[0], count=50 * scale, comments=500 * scale, seed=seed)
    events_dataset.fill(engine, days=5 * scale, ateliers=8, per_day=200 * scale, seed=seed)
    forum.fill(engine, people, threads=800 * scale, replies=1200 * scale, seed=seed)
    resources.fill(engine, people[0], count=200 * scale, seed=seed)
    spread_over_groups(engine, group_ids, rng)
    kits.fill(engine, people[0], count=20 * scale, bookings=1000 * scale, seed=seed)
    engine.dispose()
    return {"accounts": len(people), "groups": len(group_ids), "fiches": 50 * scale,
            "days": 5 * scale, "forum posts": 2000 * scale, "resources": 200 * scale,
            "kits": 20 * scale, "kit bookings": 1000 * scale}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="10 = « 10 × région »")
    parser.add_argument("--url", default="sqlite:///data/region.db",
                        help="database URL (a fresh, empty database)")
    parser.add_argument("--seed", type=int, default=2025)
    arguments = parser.parse_args()
    start = time.perf_counter()
    created = build(arguments.url, scale=arguments.scale, seed=arguments.seed)
    print(", ".join(f"{v} {k}" for k, v in created.items())
          + f" — en {time.perf_counter() - start:.1f} s")
    print(f"Comptes : region000 (administrateur) … region{created['accounts'] - 1:03d}, "
          f"mot de passe « {PASSWORD} ».")


if __name__ == "__main__":
    main()
