"""Who may do what: the user as every domain sees it, and the role ladder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeGuard

from db.engine import now
from db.errors import PermissionDenied
from db.schema import ROLES

ROLE_LABELS = {"contributor": "Contributeur·rice", "member": "Membre (personnel MD)",
               "organiser": "Organisateur·rice", "admin": "Administrateur·rice"}


@dataclass(frozen=True)
class User:
    id: int
    username: str
    email: str
    display_name: str
    role: str
    department_code: str | None
    organisation: str | None
    job_title: str | None
    active: bool
    must_change_password: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    last_login_at: datetime | None
    session_version: int = 0  # the sign-in cookies of another version sign nobody in
    held_for_claim: bool = False  # a place held by a colleague: nobody signs in with it

    def locked(self, at: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (at or now())


def has_role(user: User | None, minimum: str) -> TypeGuard[User]:
    """Roles are ordered: admin > organiser > member > contributor."""
    return (user is not None and user.active
            and ROLES.index(user.role) >= ROLES.index(minimum))


def require_role(user: User | None, minimum: str) -> User:
    if not has_role(user, minimum):
        raise PermissionDenied(f"Action réservée au rôle « {ROLE_LABELS[minimum]} » ou plus.")
    return user
