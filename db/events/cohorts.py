"""Cohorts: the colleagues an MD member registers to a day (« chaque MD est libre de créer
une cohorte de collègues référents »). Registering, changing and cancelling are
`registrations`'s (with its rule `colleague_of`); this module lists who may be added and
who was.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from db.events.registrations import Registration, get_registration
from db.roles import User, has_role
from db.schema import ROLES, registrations, users


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str
    job_title: str | None


@dataclass(frozen=True)
class CohortEntry:
    name: str
    registration: Registration


def list_colleagues(conn: sa.Connection, *, actor: User, event_id: int) -> list[Colleague]:
    """The MD staff of the actor's department not registered to this day yet, by name."""
    if not has_role(actor, "member") or actor.department_code is None:
        return []
    taken = sa.select(registrations.c.user_id).where(
        registrations.c.event_id == event_id, registrations.c.status != "cancelled")
    rows = conn.execute(sa.select(users.c.id, users.c.display_name, users.c.job_title).where(
        users.c.department_code == actor.department_code, users.c.active.is_(True),
        users.c.role.in_(ROLES[ROLES.index("member"):]), users.c.id != actor.id,
        users.c.id.not_in(taken)).order_by(users.c.display_name)).all()
    return [Colleague(r.id, r.display_name, r.job_title) for r in rows]


def list_cohort(conn: sa.Connection, *, actor: User, event_id: int) -> list[CohortEntry]:
    """The colleagues the actor registered to this day (not cancelled), by name."""
    rows = conn.execute(sa.select(registrations.c.id, users.c.display_name).join(
        users, users.c.id == registrations.c.user_id).where(
        registrations.c.event_id == event_id, registrations.c.registered_by == actor.id,
        registrations.c.user_id != actor.id, registrations.c.status != "cancelled")
        .order_by(users.c.display_name)).all()
    return [CohortEntry(r.display_name, get_registration(conn, registration_id=r.id))
            for r in rows]
