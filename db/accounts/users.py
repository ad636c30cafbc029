"""Accounts: users, roles, login bookkeeping, passwords, invitations.

Every function that changes something takes the acting user, checks the role here (a page
reached by URL must not bypass it) and writes an audit row, inside the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db import audit, reference, validation
from db.accounts import passwords
from db.accounts.invitations import invitation_for
from db.engine import now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.roles import ROLE_LABELS, User, has_role, require_role
from db.schema import ROLES, invitations, users

__all__ = ["ROLE_LABELS", "User", "has_role", "require_role"]

LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _user(row: sa.Row[Any] | None) -> User | None:
    return None if row is None else _present(row)


def _present(row: sa.Row[Any]) -> User:
    return User(**{field: getattr(row, field) for field in User.__dataclass_fields__})


def get_user(conn: sa.Connection, *, user_id: int) -> User:
    user = _user(conn.execute(sa.select(users).where(users.c.id == user_id)).first())
    if user is None:
        raise NotFound("Utilisateur introuvable.")
    return user


def get_by_username(conn: sa.Connection, *, username: str) -> User | None:
    query = sa.select(users).where(users.c.username == (username or "").strip().lower())
    return _user(conn.execute(query).first())


def count_users(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()


# --- validation (pure) -------------------------------------------------------------------
def username_problem(username: str) -> str | None:
    if not username:
        return "L'identifiant est obligatoire."
    if not 3 <= len(username) <= 40:
        return "L'identifiant doit faire entre 3 et 40 caractères."
    if not set(username) <= USERNAME_CHARS:
        return ("L'identifiant ne peut contenir que des lettres minuscules sans accent, "
                "des chiffres, le point, le tiret et le tiret bas (exemple : marie.dupont).")
    return None


def _profile_problems(conn: sa.Connection, fields: dict[str, Any]) -> dict[str, str | None]:
    return {
        "display_name": validation.plain_text(fields["display_name"], label="Le nom affiché",
                                              max_len=80),
        "department_code": reference.department_problem(conn, fields.get("department_code")),
        "organisation": validation.plain_text(fields.get("organisation") or "",
                                              label="La structure", max_len=120,
                                              required=False),
        "job_title": validation.plain_text(fields.get("job_title") or "", label="La fonction",
                                           max_len=120, required=False),
    }


def _clean_fields(**fields: str | None) -> dict[str, Any]:
    cleaned: dict[str, str | None] = {key: validation.clean(value)
                                      for key, value in fields.items()}
    cleaned["username"] = (cleaned.get("username") or "").lower()
    cleaned["email"] = (cleaned.get("email") or "").lower()
    for optional in ("department_code", "organisation", "job_title"):
        cleaned[optional] = cleaned.get(optional) or None
    return cleaned


def _new_account_problems(conn: sa.Connection, data: dict[str, Any], password: str,
                          password_repeat: str) -> dict[str, str | None]:
    problems = _profile_problems(conn, data)
    problems["username"] = username_problem(data["username"])
    problems["email"] = validation.email(data["email"])
    problems["password"] = passwords.problem(password, username=data["username"],
                                             email=data["email"])
    if not problems["password"] and password != password_repeat:
        problems["password_repeat"] = "Les deux mots de passe ne sont pas identiques."
    if not problems["username"] and get_by_username(conn, username=data["username"]):
        problems["username"] = "Cet identifiant est déjà pris : choisissez-en un autre."
    if not problems["email"] and conn.execute(sa.select(users.c.id).where(
            users.c.email == data["email"], users.c.held_for_claim.is_(False))).first():
        problems["email"] = "Un compte existe déjà avec cette adresse e-mail."
    return problems


def _claim_held(conn: sa.Connection, data: dict[str, Any], password: str,
                role: str) -> User | None:
    """The account a colleague's cohort registration held under this e-mail, now the
    person's own (with its registrations), or None. Locked: two sign-ups claim it once."""
    held = conn.execute(sa.select(users.c.id).where(
        users.c.email == data["email"], users.c.held_for_claim.is_(True))
        .with_for_update()).first()
    if held is None:
        return None
    conn.execute(users.update().where(users.c.id == held.id).values(
        username=data["username"], display_name=data["display_name"],
        password_hash=passwords.hash_password(password), held_for_claim=False, active=True,
        role=role, **{k: data[k] for k in ("department_code", "organisation", "job_title")
                      if data[k]}))
    return get_user(conn, user_id=held.id)


def _insert_user(conn: sa.Connection, data: dict[str, Any], password: str, role: str) -> User:
    values = {key: data[key] for key in ("username", "email", "display_name",
                                          "department_code", "organisation", "job_title")}
    try:
        with conn.begin_nested():
            user_id = conn.execute(users.insert().values(
                **values, role=role, password_hash=passwords.hash_password(password),
                created_at=now()).returning(users.c.id)).scalar_one()
    except sa.exc.IntegrityError as error:  # lost a race with a simultaneous sign-up
        raise ValidationError({"username": "Cet identifiant ou cet e-mail vient d'être pris."}
                              ) from error
    return get_user(conn, user_id=user_id)


def register(conn: sa.Connection, *, username: str, email: str, display_name: str,
             password: str, password_repeat: str, department_code: str | None = None,
             organisation: str | None = None, job_title: str | None = None) -> User:
    """Self-registration: `contributor`, or the role an admin (or a colleague registering
    them to a day) invited this email/domain to; a place held under this e-mail is claimed."""
    data = _clean_fields(username=username, email=email, display_name=display_name,
                         department_code=department_code, organisation=organisation,
                         job_title=job_title)
    validation.raise_if(_new_account_problems(conn, data, password, password_repeat))
    invitation = invitation_for(conn, email=data["email"])
    role = invitation.role if invitation else "contributor"
    user = _claim_held(conn, data, password, role) or _insert_user(conn, data, password, role)
    if invitation:
        conn.execute(invitations.update().where(invitations.c.id == invitation.id)
                     .values(used_at=now()))
    audit.record(conn, actor_id=user.id, action="register", entity="user", entity_id=user.id,
                 detail={"role": role, "invitation": invitation.id if invitation else None})
    return user


def create_first_admin(conn: sa.Connection, *, username: str, email: str, display_name: str,
                       password: str, password_repeat: str,
                       department_code: str | None = None) -> User:
    """Only on an empty database: there is no default account anywhere."""
    if count_users(conn):
        raise PermissionDenied("Un administrateur existe déjà : connectez-vous.")
    data = _clean_fields(username=username, email=email, display_name=display_name,
                         department_code=department_code)
    validation.raise_if(_new_account_problems(conn, data, password, password_repeat))
    user = _insert_user(conn, data, password, "admin")
    audit.record(conn, actor_id=user.id, action="first_admin", entity="user", entity_id=user.id)
    return user


# --- login bookkeeping -------------------------------------------------------------------
def record_failed_login(conn: sa.Connection, *, username: str,
                        at: datetime | None = None) -> User | None:
    """Count a wrong password; the fifth in a row locks the account for 15 minutes."""
    user = get_by_username(conn, username=username)
    if user is None:
        return None
    at = at or now()
    failures = user.failed_logins + 1
    values: dict[str, Any] = {"failed_logins": failures}
    if failures >= LOCK_AFTER:
        values = {"failed_logins": 0, "locked_until": at + LOCK_FOR}
        audit.record(conn, actor_id=None, action="lock", entity="user", entity_id=user.id)
    conn.execute(users.update().where(users.c.id == user.id).values(**values))
    return get_user(conn, user_id=user.id)


# --- passwords and profile -------------------------------------------------------------
def change_password(conn: sa.Connection, *, actor: User, current_password: str,
                    new_password: str, new_password_repeat: str) -> None:
    row = conn.execute(sa.select(users.c.password_hash).where(users.c.id == actor.id)).first()
    problems: dict[str, str | None] = {}
    if row is None or not passwords.verify(current_password, row.password_hash):
        problems["current_password"] = "Le mot de passe actuel est incorrect."
    problems["new_password"] = passwords.problem(new_password, username=actor.username,
                                                 email=actor.email)
    if not problems["new_password"]:
        if new_password == current_password:
            problems["new_password"] = "Choisissez un mot de passe différent de l'actuel."
        elif new_password != new_password_repeat:
            problems["new_password_repeat"] = "Les deux mots de passe ne sont pas identiques."
    validation.raise_if(problems)
    # every sign-in cookie issued before stops holding (the session that changed it gets
    # a new one: see components.auth)
    conn.execute(users.update().where(users.c.id == actor.id).values(
        password_hash=passwords.hash_password(new_password), must_change_password=False,
        session_version=users.c.session_version + 1))
    audit.record(conn, actor_id=actor.id, action="change_password", entity="user",
                 entity_id=actor.id)


def reset_password(conn: sa.Connection, *, actor: User, user_id: int) -> str:
    """Admin only: returns a temporary password, to show once; it must be changed at login."""
    require_role(actor, "admin")
    target = get_user(conn, user_id=user_id)
    temporary = passwords.temporary()
    conn.execute(users.update().where(users.c.id == target.id).values(
        password_hash=passwords.hash_password(temporary), must_change_password=True,
        failed_logins=0, locked_until=None, session_version=users.c.session_version + 1))
    audit.record(conn, actor_id=actor.id, action="reset_password", entity="user",
                 entity_id=target.id)
    return temporary


def update_profile(conn: sa.Connection, *, actor: User, display_name: str,
                   department_code: str | None, organisation: str | None,
                   job_title: str | None) -> User:
    data = _clean_fields(display_name=display_name, department_code=department_code,
                         organisation=organisation, job_title=job_title)
    validation.raise_if(_profile_problems(conn, data))
    changes = {key: data[key] for key in ("display_name", "department_code", "organisation",
                                          "job_title")}
    conn.execute(users.update().where(users.c.id == actor.id).values(**changes))
    audit.record(conn, actor_id=actor.id, action="update_profile", entity="user",
                 entity_id=actor.id, detail=changes)
    return get_user(conn, user_id=actor.id)


# --- administration --------------------------------------------------------------------
def list_users(conn: sa.Connection, *, actor: User, search: str = "", role: str | None = None,
               limit: int = 50, offset: int = 0) -> tuple[list[User], int]:
    """A page of users (and the total), for the admin page; search on name, login, email."""
    require_role(actor, "admin")
    query = sa.select(users)
    if search:
        pattern = f"%{validation.clean(search).lower()}%"
        query = query.where(sa.or_(sa.func.lower(users.c.display_name).like(pattern),
                                   users.c.username.like(pattern), users.c.email.like(pattern)))
    if role:
        query = query.where(users.c.role == role)
    total = conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    rows = conn.execute(query.order_by(users.c.display_name, users.c.id)
                        .limit(limit).offset(offset))
    return [_present(row) for row in rows], total


def _active_admins(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(users).where(
        users.c.role == "admin", users.c.active.is_(True))).scalar_one()


def _guard_last_admin(conn: sa.Connection, target: User) -> None:
    if target.role == "admin" and target.active and _active_admins(conn) <= 1:
        raise PermissionDenied("Impossible : c'est le dernier administrateur actif. "
                               "Nommez d'abord un autre administrateur.")


def set_role(conn: sa.Connection, *, actor: User, user_id: int, role: str) -> User:
    require_role(actor, "admin")
    if role not in ROLES:
        raise ValidationError({"role": "Ce rôle n'existe pas."})
    target = get_user(conn, user_id=user_id)
    if role != "admin":
        _guard_last_admin(conn, target)
    conn.execute(users.update().where(users.c.id == target.id).values(role=role))
    audit.record(conn, actor_id=actor.id, action="set_role", entity="user", entity_id=target.id,
                 detail={"from": target.role, "to": role})
    return get_user(conn, user_id=target.id)


def set_active(conn: sa.Connection, *, actor: User, user_id: int, active: bool) -> User:
    require_role(actor, "admin")
    target = get_user(conn, user_id=user_id)
    if not active:
        _guard_last_admin(conn, target)
    conn.execute(users.update().where(users.c.id == target.id).values(
        active=active, session_version=users.c.session_version + (0 if active else 1)))
    audit.record(conn, actor_id=actor.id, action="activate" if active else "deactivate",
                 entity="user", entity_id=target.id)
    return get_user(conn, user_id=target.id)
