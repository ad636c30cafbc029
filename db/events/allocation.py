"""The allocation of ranked choices (« vœux classés »): each person of a ranked slot gets
one atelier, capacities and per-MD quotas respected, as many people placed as possible,
then as many first wishes as possible, then second, then third; what is still tied is
broken by a seeded draw, recorded, so that the same seed gives the same result.

It is a linear programme over « person i in atelier a » (scipy's HiGHS) whose whole
weights make the order lexicographic; the seeded draw orders the people, which decides
between equal optima. Its constraints (one atelier per person; capacity; capacity per MD
inside an atelier) form two laminar families, so the optimum found at a vertex is whole
(checked; an integer programme otherwise). The organiser previews the result (how many got their 1st, 2nd, 3rd wish) and
publishes it in one transaction, which solves again with the recorded seed.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

from db import audit, notifications
from db.engine import now
from db.errors import NotFound, ValidationError
from db.events import capacity
from db.roles import User, require_role
from db.schema import (
    event_sessions,
    event_slots,
    registrations,
    slot_wishes,
    users,
)


@dataclass(frozen=True)
class Wisher:
    registration_id: int
    user_id: int
    department_code: str | None
    wishes: tuple[int, ...]  # atelier ids, 1st wish first


@dataclass(frozen=True)
class Seats:
    atelier_id: int
    title: str
    free: int
    quota: int | None
    taken: dict[str | None, int]  # confirmed places per MD already


@dataclass(frozen=True)
class Allocation:
    slot_id: int
    seed: int
    placed: dict[int, int]  # registration id → atelier id
    rank: dict[int, int | None]  # registration id → wish granted (None: outside wishes)
    unplaced: tuple[int, ...]  # registration ids: no place anywhere

    def counts(self) -> dict[str, int]:
        got = Counter(self.rank.values())
        return {"1er vœu": got[1], "2e vœu": got[2], "3e vœu": got[3],
                "hors vœux": got[None], "sans place": len(self.unplaced)}


def _matrix(people: list[Wisher], seats: list[Seats]) -> tuple[csr_matrix, np.ndarray]:
    """Rows: each person ≤ 1, each atelier ≤ its free places, each (atelier, MD) ≤ what
    its quota leaves; columns: person i in atelier a (i × len(seats) + a)."""
    n, m = len(people), len(seats)
    rows, cols, upper = [], [], []
    for i in range(n):
        rows += [i] * m
        cols += [i * m + a for a in range(m)]
        upper.append(1)
    for a, seat in enumerate(seats):
        rows += [n + a] * n
        cols += [i * m + a for i in range(n)]
        upper.append(seat.free)
    row = n + m
    for a, seat in enumerate(seats):
        if not seat.quota:
            continue
        for code in {p.department_code for p in people if p.department_code}:
            members = [i for i, p in enumerate(people) if p.department_code == code]
            rows += [row] * len(members)
            cols += [i * m + a for i in members]
            upper.append(max(0, seat.quota - seat.taken.get(code, 0)))
            row += 1
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, n * m))
    return matrix, np.array(upper, dtype=float)


def solve(people: list[Wisher], seats: list[Seats], seed: int) -> dict[int, int]:
    """registration id → atelier id, for everyone who can be placed."""
    if not people or not seats:
        return {}
    n, m = len(people), len(seats)
    order = np.random.default_rng(seed).permutation(n)  # the recorded draw: who comes first
    people = [people[i] for i in order]
    index = {seat.atelier_id: a for a, seat in enumerate(seats)}
    matrix, upper = _matrix(people, seats)
    # lexicographic in one objective with whole weights: a place outweighs any number of
    # first wishes, a first wish any number of second ones…
    base = n + 1
    value = np.full(n * m, float(base ** 3))
    for i, person in enumerate(people):
        for wish, atelier_id in enumerate(person.wishes[:3]):
            if atelier_id in index:
                value[i * m + index[atelier_id]] += base ** (2 - wish)
    found = milp(-value, constraints=[LinearConstraint(matrix, 0, upper)], bounds=Bounds(0, 1))
    x = found.x
    if found.status != 0 or x is None:
        raise ValidationError({"_form": "L'attribution n'a pas trouvé de solution."})
    if np.any((x > 1e-6) & (x < 1 - 1e-6)):  # never seen: the matrix is unimodular
        x = milp(-value, constraints=[LinearConstraint(matrix, 0, upper)],
                 bounds=Bounds(0, 1), integrality=np.ones(n * m)).x
    return {people[i].registration_id: seats[a].atelier_id
            for i in range(n) for a in range(m) if x[i * m + a] > 0.5}


def _slot(conn: sa.Connection, slot_id: int, *, lock: bool = False) -> sa.Row[Any]:
    query = sa.select(event_slots).where(event_slots.c.id == slot_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None or not row.ranked:
        raise NotFound("Créneau à vœux introuvable.")
    if row.allocated_at is not None:
        raise ValidationError({"_form": "L'attribution de ce créneau a déjà été publiée."})
    return row


def _inputs(conn: sa.Connection, slot_id: int) -> tuple[list[Wisher], list[Seats]]:
    rows = conn.execute(
        sa.select(slot_wishes.c.registration_id, slot_wishes.c.atelier_id,
                  registrations.c.user_id, users.c.department_code)
        .join(registrations, registrations.c.id == slot_wishes.c.registration_id)
        .join(users, users.c.id == registrations.c.user_id)
        .where(slot_wishes.c.slot_id == slot_id, registrations.c.status != "cancelled")
        .order_by(slot_wishes.c.registration_id, slot_wishes.c.rank)).all()
    wishes: dict[int, list[int]] = {}
    who: dict[int, tuple[int, str | None]] = {}
    for r in rows:
        wishes.setdefault(r.registration_id, []).append(r.atelier_id)
        who[r.registration_id] = (r.user_id, r.department_code)
    people = [Wisher(reg, who[reg][0], who[reg][1], tuple(w)) for reg, w in wishes.items()]
    ateliers = capacity.lock(conn, conn.execute(sa.select(event_sessions.c.id).where(
        event_sessions.c.slot_id == slot_id)).scalars().all())
    seats = [Seats(a.id, a.title, a.capacity - capacity.confirmed_count(conn, a.id),
                   a.md_quota, capacity.md_shares(conn, a.id)) for a in ateliers.values()]
    return people, seats


def _allocate(conn: sa.Connection, slot_id: int, seed: int) -> tuple[Allocation, list[Wisher],
                                                                      list[Seats]]:
    people, seats = _inputs(conn, slot_id)
    placed = solve(people, seats, seed)
    rank: dict[int, int | None] = {}
    for person in people:
        if person.registration_id in placed:
            got = placed[person.registration_id]
            rank[person.registration_id] = (person.wishes.index(got) + 1
                                            if got in person.wishes else None)
    unplaced = tuple(p.registration_id for p in people if p.registration_id not in placed)
    return Allocation(slot_id, seed, placed, rank, unplaced), people, seats


def preview_allocation(conn: sa.Connection, *, actor: User, slot_id: int,
                       seed: int | None = None) -> Allocation:
    """The result, nothing written; a new seed unless one is given."""
    require_role(actor, "organiser")
    _slot(conn, slot_id)
    return _allocate(conn, slot_id, secrets.randbelow(2**31) if seed is None else seed)[0]


def publish_allocation(conn: sa.Connection, *, actor: User, slot_id: int,
                       seed: int) -> Allocation:
    """Solve again with `seed` (the previewed result), write every place in this one
    transaction, record the seed, tell each person. Twice: refused."""
    require_role(actor, "organiser")
    slot = _slot(conn, slot_id, lock=True)
    result, people, seats = _allocate(conn, slot_id, seed)
    titles = {s.atelier_id: s.title for s in seats}
    stamp = now()
    for person in people:
        got = result.placed.get(person.registration_id)
        if got is None:  # no place left: first on the waiting list of the first wish
            capacity.place(conn, registration_id=person.registration_id, placed=capacity.plan(
                conn, {slot_id: person.wishes[0]}, department_code=person.department_code),
                stamp=stamp)
        else:  # the place the solver chose, written by the one placement path
            capacity.place(conn, registration_id=person.registration_id, placed=[
                capacity.Placement(slot_id, got, titles[got], "confirmed", None, None)],
                stamp=stamp)
        capacity.refresh_status(conn, person.registration_id)
        _tell(conn, person, got, result.rank.get(person.registration_id), titles, slot)
    conn.execute(event_slots.update().where(event_slots.c.id == slot_id)
                 .values(allocated_at=stamp, allocation_seed=seed))
    audit.record(conn, actor_id=actor.id, action="allocate", entity="event",
                 entity_id=slot.event_id, detail={"slot": slot_id, "seed": seed,
                                                  **result.counts()})
    return result


def _tell(conn: sa.Connection, person: Wisher, got: int | None, rank: int | None,
          titles: dict[int, str], slot: sa.Row[Any]) -> None:
    if got is None:
        text = (f"Attribution des ateliers « {slot.title} » : plus de place dans vos vœux ; "
                f"vous êtes en liste d'attente de « {titles[person.wishes[0]]} ».")
    else:
        wish = {1: "votre 1er vœu", 2: "votre 2e vœu", 3: "votre 3e vœu"}.get(
            rank or 0, "hors de vos vœux, ceux-ci étant complets")
        text = f"Attribution des ateliers « {slot.title} » : « {titles[got]} » ({wish})."
    notifications.notify(conn, user_id=person.user_id, kind="allocation", text=text,
                         link=f"events?event={slot.event_id}",
                         email_subject=f"Votre atelier : {slot.title}")


def count_wishers(conn: sa.Connection, *, slot_id: int) -> int:
    """Registrations (not cancelled) that ranked their wishes in this slot."""
    return conn.execute(sa.select(sa.func.count(sa.distinct(slot_wishes.c.registration_id)))
                        .join(registrations,
                              registrations.c.id == slot_wishes.c.registration_id)
                        .where(slot_wishes.c.slot_id == slot_id,
                               registrations.c.status != "cancelled")).scalar_one()


def published_at(conn: sa.Connection, *, slot_id: int) -> tuple[Any, int] | None:
    """When the allocation was published, and its seed; None before."""
    row = conn.execute(sa.select(event_slots.c.allocated_at, event_slots.c.allocation_seed)
                       .where(event_slots.c.id == slot_id)).first()
    return (row.allocated_at, row.allocation_seed) if row and row.allocated_at else None
