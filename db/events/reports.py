"""What organisers see of a day: the people registered, the dashboard figures.

Everything is computed in SQL (counts, groupings) so the dashboard stays fast with
thousands of registrations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from db.engine import paris
from db.events import Slot, get_event
from db.events.exports import Person
from db.events.programme import list_slots
from db.roles import User, require_role
from db.schema import (
    departments,
    event_sessions,
    event_slots,
    registration_choices,
    registrations,
    users,
)
from db.validation import fold

THRESHOLDS = (1.0, 0.8, 0.5)


@dataclass(frozen=True)
class AtelierFill:
    slot_title: str
    title: str
    capacity: int
    confirmed: int
    waiting: int

    @property
    def rate(self) -> float:
        return self.confirmed / self.capacity if self.capacity else 0.0


@dataclass(frozen=True)
class Dashboard:
    confirmed: int
    waiting: int
    cancelled: int
    lunch: int
    checked_in: int
    ateliers: list[AtelierFill]
    slots: list[Slot]
    by_department: list[tuple[str, int]]
    by_day: list[tuple[date, int]]

    @property
    def alerts(self) -> list[str]:
        """One line per atelier past 50 %, 80 % or 100 % of its places."""
        found = []
        for atelier in self.ateliers:
            reached = next((t for t in THRESHOLDS if atelier.rate >= t), None)
            if reached == 1.0:
                found.append(f"« {atelier.title} » est complet ({atelier.confirmed}/"
                             f"{atelier.capacity}), {atelier.waiting} en liste d'attente.")
            elif reached:
                found.append(f"« {atelier.title} » a atteint {int(reached * 100)} % "
                             f"({atelier.confirmed}/{atelier.capacity}).")
        return found


def get_dashboard(conn: sa.Connection, *, actor: User, event_id: int) -> Dashboard:
    require_role(actor, "organiser")
    get_event(conn, event_id=event_id, viewer=actor)
    mine = registrations.c.event_id == event_id
    active = sa.and_(mine, registrations.c.status != "cancelled")
    counts = conn.execute(sa.select(
        sa.func.count().filter(registrations.c.status == "confirmed"),
        sa.func.count().filter(registrations.c.status == "waitlisted"),
        sa.func.count().filter(registrations.c.status == "cancelled"),
        sa.func.count().filter(active, registrations.c.lunch.is_(True)),
        sa.func.count().filter(active, registrations.c.checked_in_at.is_not(None)),
    ).where(mine)).one()
    slots = list_slots(conn, event_id=event_id)
    fills = [AtelierFill(slot.title, a.title, a.capacity, a.confirmed, a.waiting)
             for slot in slots for a in slot.ateliers]
    label = sa.func.coalesce(departments.c.name, "Non renseigné")
    by_department = conn.execute(
        sa.select(label, sa.func.count()).select_from(registrations.join(
            users, users.c.id == registrations.c.user_id).outerjoin(
            departments, departments.c.code == users.c.department_code))
        .where(active).group_by(label).order_by(sa.func.count().desc(), label)).all()
    # by the day in France (a sign-up at 23 h 30 UTC counts for the next day in Paris)
    per_day = Counter(paris(at).date() for at in conn.execute(
        sa.select(registrations.c.created_at).where(active)).scalars())
    running, by_day = 0, []
    for when in sorted(per_day):
        running += per_day[when]
        by_day.append((when, running))
    confirmed, waiting, cancelled, lunch, checked_in = counts
    return Dashboard(confirmed, waiting, cancelled, lunch, checked_in, fills, slots,
                     [(name, count) for name, count in by_department], by_day)


def _filtered(conn: sa.Connection, event_id: int, status: str | None,
              atelier_id: int | None, confirmed_in_atelier: bool) -> sa.Select[Any]:
    query = (sa.select(registrations.c.id, users.c.display_name)
             .join(users, users.c.id == registrations.c.user_id)
             .where(registrations.c.event_id == event_id))
    query = query.where(registrations.c.status == status) if status else query.where(
        registrations.c.status != "cancelled")
    if atelier_id:
        chosen = sa.select(registration_choices.c.registration_id).where(
            registration_choices.c.session_id == atelier_id)
        if confirmed_in_atelier:
            chosen = chosen.where(registration_choices.c.status == "confirmed")
        query = query.where(registrations.c.id.in_(chosen))
    return query


def list_selection(conn: sa.Connection, *, actor: User, event_id: int, status: str | None = None,
                   atelier_id: int | None = None, search: str = "",
                   confirmed_in_atelier: bool = False) -> list[int]:
    """Ids of the registrations matching the filters, sorted by name ignoring accents.

    Only ids and names are read, so a page of 50 out of thousands stays cheap; the full
    rows come from `people_for`."""
    require_role(actor, "organiser")
    rows = list(conn.execute(_filtered(conn, event_id, status, atelier_id,
                                       confirmed_in_atelier)).all())
    if search:
        rows = [r for r in rows if fold(search) in fold(r.display_name)]
    rows.sort(key=lambda r: fold(r.display_name))
    return [r.id for r in rows]


def list_people(conn: sa.Connection, *, actor: User, event_id: int, status: str | None = None,
                atelier_id: int | None = None, search: str = "",
                confirmed_in_atelier: bool = False) -> list[Person]:
    """Every registered person of the selection (exports, attendance sheets)."""
    ids = list_selection(conn, actor=actor, event_id=event_id, status=status,
                    atelier_id=atelier_id, search=search,
                    confirmed_in_atelier=confirmed_in_atelier)
    return list_people_for(conn, actor=actor, ids=ids)


def list_people_for(conn: sa.Connection, *, actor: User, ids: list[int]) -> list[Person]:
    """Full rows for these registrations, in this order (organisers)."""
    require_role(actor, "organiser")
    return people_of(conn, ids=ids)


def people_of(conn: sa.Connection, *, ids: list[int]) -> list[Person]:
    """Full rows for these registrations, in this order; the caller checked who may."""
    found: dict[int, sa.Row[Any]] = {}
    registrar = users.alias("registrar")
    for start in range(0, len(ids), 500):
        query = (sa.select(registrations, users.c.display_name, users.c.email,
                           users.c.organisation, users.c.job_title,
                           departments.c.name.label("department"), departments.c.md_name,
                           registrar.c.display_name.label("registrar"))
                 .join(users, users.c.id == registrations.c.user_id)
                 .outerjoin(departments, departments.c.code == users.c.department_code)
                 .outerjoin(registrar, sa.and_(registrar.c.id == registrations.c.registered_by,
                                               registrar.c.id != registrations.c.user_id))
                 .where(registrations.c.id.in_(ids[start:start + 500])))
        found.update({r.id: r for r in conn.execute(query)})
    ateliers = _ateliers_of(conn, ids)
    return [Person(r.id, r.display_name, r.email, r.department, r.md_name, r.organisation,
                   r.job_title, r.status, r.lunch, r.dietary, r.accessibility_needs, r.comment,
                   r.created_at, r.checked_in_at, ateliers.get(r.id, {}), r.registrar,
                   r.answers or {})
            for r in (found[i] for i in ids)]


def _ateliers_of(conn: sa.Connection, registration_ids: list[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, str]] = {}
    for chunk_start in range(0, len(registration_ids), 500):
        chunk = registration_ids[chunk_start:chunk_start + 500]
        rows = conn.execute(
            sa.select(registration_choices.c.registration_id, event_slots.c.title.label("slot"),
                      event_sessions.c.title, registration_choices.c.status)
            .join(event_slots, event_slots.c.id == registration_choices.c.slot_id)
            .join(event_sessions, event_sessions.c.id == registration_choices.c.session_id)
            .where(registration_choices.c.registration_id.in_(chunk)))
        for r in rows:
            suffix = "" if r.status == "confirmed" else " (liste d'attente)"
            found.setdefault(r.registration_id, {})[r.slot] = r.title + suffix
    return found


def choice_slot_titles(conn: sa.Connection, *, event_id: int) -> list[str]:
    return [s.title for s in list_slots(conn, event_id=event_id) if s.is_choice]
