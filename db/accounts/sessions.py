"""Signing in: the password check with its lockout, and the signed token of the sign-in
cookie (PyJWT, HS256, our own claims).

A token names the account (`sub`) and its `session_version` (`ver`). Raising the version
(a password change, a deactivation, « Se déconnecter partout ») makes every token issued
before sign nobody in, on every app process at once: the check reads the database, not a
process's memory.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from db import audit
from db.accounts import passwords
from db.accounts.users import get_by_username, get_user, record_failed_login
from db.engine import now
from db.errors import NotFound, ValidationError
from db.roles import User
from db.schema import users

TOKEN_DAYS = 30
ALGORITHM = "HS256"


@functools.cache
def _dummy_hash() -> str:
    """Checked when the username is unknown, so that a wrong username takes as long as a
    wrong password (no way to learn which accounts exist by timing the form). Made on
    first use: hashing at import cost every process 0.3 s before its first page."""
    return passwords.hash_password("compte inexistant, mot de passe factice")


WRONG = "Identifiant ou mot de passe incorrect."
LOCKED = ("Ce compte est temporairement verrouillé après plusieurs tentatives "
          "infructueuses. Réessayez dans 15 minutes ou demandez à un administrateur.")


@dataclass(frozen=True)
class Attempt:
    """A sign-in attempt: the account it opened, or the French reason it did not. Refusals
    are returned, not raised, so that the transaction counting a wrong password commits."""
    user: User | None
    problem: str | None = None

    def raise_if_refused(self) -> User:
        if self.user is None:
            raise ValidationError({"_form": self.problem or WRONG})
        return self.user


def authenticate(conn: sa.Connection, *, username: str, password: str,
                 at: datetime | None = None) -> Attempt:
    """The account these credentials open, its login recorded; a wrong password counts
    towards the lockout (the fifth in a row locks for 15 minutes)."""
    at = at or now()
    user = get_by_username(conn, username=(username or "").strip().lower())
    if user is None or not user.active or user.held_for_claim:
        passwords.verify(password or "", _dummy_hash())
        return Attempt(None, WRONG)
    if user.locked(at):
        return Attempt(None, LOCKED)
    stored = conn.execute(sa.select(users.c.password_hash).where(users.c.id == user.id)
                          ).scalar_one()
    if not passwords.verify(password or "", stored):
        after = record_failed_login(conn, username=user.username, at=at)
        return Attempt(None, LOCKED if after and after.locked(at) else WRONG)
    conn.execute(users.update().where(users.c.id == user.id)
                 .values(failed_logins=0, locked_until=None, last_login_at=at))
    audit.record(conn, actor_id=user.id, action="login", entity="user", entity_id=user.id)
    return Attempt(get_user(conn, user_id=user.id))


def issue_token(user: User, *, key: str, at: datetime | None = None) -> str:
    """The sign-in cookie's value for `user`, valid `TOKEN_DAYS` days."""
    import jwt  # see `user_from_token`

    issued = at or now()
    claims = {"sub": str(user.id), "ver": user.session_version, "iat": issued,
              "exp": issued + timedelta(days=TOKEN_DAYS)}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def user_from_token(conn: sa.Connection, *, token: str, key: str) -> User | None:
    """The active account a cookie signs in, or None (forged, expired, of an older session
    version, or of an account deactivated since).

    PyJWT (and the cryptography it loads) is imported by the first sign-in, not by every
    process start: the sign-in form for a first visitor comes 60 ms sooner (#17)."""
    import jwt

    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM],
                            options={"require": ["sub", "ver", "exp"]})
        user = get_user(conn, user_id=int(claims["sub"]))
    except (jwt.InvalidTokenError, ValueError, NotFound):
        return None
    return user if still_signed_in(user, claims["ver"]) else None


def still_signed_in(user: User | None, version: int) -> bool:
    """Whether a session opened at `version` still holds (checked on every page)."""
    return user is not None and user.active and user.session_version == version


def end_sessions(conn: sa.Connection, *, user_id: int) -> None:
    """Every sign-in cookie and open session of this account stops holding."""
    conn.execute(users.update().where(users.c.id == user_id)
                 .values(session_version=users.c.session_version + 1))


def sign_out_everywhere(conn: sa.Connection, *, actor: User) -> None:
    """« Se déconnecter partout »: a lost phone, a shared computer."""
    end_sessions(conn, user_id=actor.id)
    audit.record(conn, actor_id=actor.id, action="sign_out_everywhere", entity="user",
                 entity_id=actor.id)

