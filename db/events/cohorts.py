"""Cohorts: the colleagues an MD member registers to a day (« chaque MD est libre de créer
une cohorte de collègues référents »). Registering, changing and cancelling are
`registrations`'s (with its rule `colleague_of`); this module lists who may be added and
who was, and registers a colleague who has no account yet: an account is held under their
name and e-mail (inactive for signing in, not in the directory), with an invitation, and
signing up with that e-mail claims it with its registrations (`db.accounts.register`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from db import audit, validation
from db.accounts import get_user, passwords
from db.engine import now
from db.errors import PermissionDenied, ValidationError
from db.events.answers import Answers
from db.events.registrations import Registration, get_registration, register
from db.roles import User, has_role
from db.schema import ROLES, invitations, registrations, users


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str
    job_title: str | None


@dataclass(frozen=True)
class CohortEntry:
    name: str
    registration: Registration
    held: bool = False  # no account yet: the place waits for them to sign up


@dataclass(frozen=True)
class Newcomer:
    """A colleague without an account, as the cohort form gives them."""
    name: str | None = None
    email: str | None = None


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
    rows = conn.execute(sa.select(registrations.c.id, users.c.display_name,
                                  users.c.held_for_claim).join(
        users, users.c.id == registrations.c.user_id).where(
        registrations.c.event_id == event_id, registrations.c.registered_by == actor.id,
        registrations.c.user_id != actor.id, registrations.c.status != "cancelled")
        .order_by(users.c.display_name)).all()
    return [CohortEntry(r.display_name, get_registration(conn, registration_id=r.id),
                        r.held_for_claim) for r in rows]


def _held_account(conn: sa.Connection, actor: User, name: str, email: str) -> User:
    """The account held for this e-mail (created now, or by an earlier registration)."""
    row = conn.execute(sa.select(users.c.id, users.c.held_for_claim, users.c.department_code)
                       .where(users.c.email == email)).first()
    if row is not None and not row.held_for_claim:
        raise ValidationError({"email": "Cette personne a déjà un compte : choisissez-la dans "
                                        "la liste des collègues."})
    if row is not None:
        if row.department_code != actor.department_code:
            raise PermissionDenied("Cette personne est rattachée à une autre MD.")
        return get_user(conn, user_id=row.id)
    user_id = conn.execute(users.insert().values(
        username=f"place-{secrets.token_hex(6)}", email=email, display_name=name,
        password_hash=passwords.hash_password(secrets.token_urlsafe(32)), role="member",
        department_code=actor.department_code, held_for_claim=True, created_at=now())
        .returning(users.c.id)).scalar_one()
    if not conn.execute(sa.select(invitations.c.id).where(invitations.c.email == email)).first():
        conn.execute(invitations.insert().values(email=email, role="member",
                                                 created_by=actor.id, created_at=now()))
    audit.record(conn, actor_id=actor.id, action="hold_account", entity="user",
                 entity_id=user_id)
    return get_user(conn, user_id=user_id)


def register_newcomer(conn: sa.Connection, *, actor: User, event_id: int, person: Newcomer,
                      choices: dict[int, int], answers: Answers | None = None,
                      wishes: dict[int, list[int]] | None = None) -> Registration:
    """Register a colleague of the actor's MD who has no account yet; they are told by
    e-mail (when mail is on) and find the registration once they sign up with it."""
    if not has_role(actor, "member") or actor.department_code is None:
        raise PermissionDenied("Seuls les personnels d'une MD inscrivent leurs collègues.")
    name, email = validation.clean(person.name), validation.clean(person.email).lower()
    validation.raise_if({
        "name": validation.plain_text(name, label="Le nom", max_len=80),
        "email": validation.email(email)})
    held = _held_account(conn, actor, name, email)
    return register(conn, actor=actor, user=held, event_id=event_id, choices=choices,
                    answers=answers, wishes=wishes)
