"""Invitations (part of the accounts domain): an email or a whole domain that an admin
allows to register with a role above `contributor`, typically MD staff as `member`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import audit, validation
from db.engine import now
from db.errors import NotFound
from db.roles import ROLE_LABELS, User, require_role
from db.schema import invitations


@dataclass(frozen=True)
class Invitation:
    id: int
    email: str | None
    domain: str | None
    role: str
    created_at: datetime
    used_at: datetime | None

    @property
    def target(self) -> str:
        return self.email or f"@{self.domain}"


def _invitation(row: sa.Row[Any]) -> Invitation:
    return Invitation(row.id, row.email, row.domain, row.role, row.created_at, row.used_at)


def invitation_for(conn: sa.Connection, *, email: str) -> Invitation | None:
    """The invitation matching this email exactly, else its domain; exact email wins."""
    email = validation.clean(email).lower()
    domain = email.rsplit("@", 1)[-1]
    query = (sa.select(invitations)
             .where(sa.or_(invitations.c.email == email, invitations.c.domain == domain))
             .order_by(invitations.c.email.is_(None)))
    row = conn.execute(query).first()
    return _invitation(row) if row else None


def invite(conn: sa.Connection, *, actor: User, target: str, role: str = "member") -> Invitation:
    """`target` is an email (`marie@cd42.fr`) or a domain (`cd42.fr` or `@cd42.fr`)."""
    require_role(actor, "admin")
    target = validation.clean(target).lower().removeprefix("@")
    is_email = "@" in target
    problem = validation.email(target) if is_email else validation.domain(target)
    if role not in ROLE_LABELS or role == "contributor":
        problem = problem or "Choisissez un rôle : membre, organisateur·rice ou administrateur·rice."
    column = invitations.c.email if is_email else invitations.c.domain
    if not problem and conn.execute(sa.select(invitations.c.id).where(column == target)).first():
        problem = "Cette adresse ou ce domaine est déjà invité."
    validation.raise_if({"target": problem})
    values = {"email": target} if is_email else {"domain": target}
    new_id = conn.execute(invitations.insert().values(
        **values, role=role, created_by=actor.id, created_at=now())
        .returning(invitations.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="invite", entity="invitation", entity_id=new_id,
                 detail={"target": target, "role": role})
    return _invitation(conn.execute(sa.select(invitations).where(invitations.c.id == new_id))
                       .one())


def list_invitations(conn: sa.Connection, *, actor: User) -> list[Invitation]:
    require_role(actor, "admin")
    rows = conn.execute(sa.select(invitations).order_by(invitations.c.created_at.desc()))
    return [_invitation(row) for row in rows]


def revoke(conn: sa.Connection, *, actor: User, invitation_id: int) -> None:
    require_role(actor, "admin")
    deleted = conn.execute(invitations.delete().where(invitations.c.id == invitation_id))
    if not deleted.rowcount:
        raise NotFound("Invitation introuvable.")
    audit.record(conn, actor_id=actor.id, action="revoke_invitation", entity="invitation",
                 entity_id=invitation_id)

