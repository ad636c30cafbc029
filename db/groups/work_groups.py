"""Groupes de travail: who belongs, who coordinates, joining and leaving.

Open groups take members at once; moderated ones take requests that a coordinator accepts.
A group always keeps one coordinator. Organisers create, edit and close groups; a group's
coordinators manage it. Contributors only see groups' public descriptions. All audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db import audit, notifications, search, validation
from db.engine import now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.roles import User, has_role, require_role
from db.schema import departments, group_members, users, working_groups

STATUS_LABELS = {"active": "Actif", "paused": "En pause", "closed": "Clos"}


@dataclass(frozen=True)
class GroupSummary:
    id: int
    slug: str
    name: str
    description: str
    status: str
    moderated: bool
    members: int
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class Member:
    user_id: int
    name: str
    department_code: str | None
    md_name: str | None
    job_title: str | None
    role: str
    status: str
    joined_at: datetime


@dataclass(frozen=True)
class Membership:
    role: str
    status: str  # "active", or "pending" while a request waits
    muted: bool


def list_groups(conn: sa.Connection) -> list[GroupSummary]:
    """Every group with its active member count and coordinators (public information)."""
    counts = dict(
        conn.execute(
            sa.select(group_members.c.group_id, sa.func.count())
            .where(group_members.c.status == "active")
            .group_by(group_members.c.group_id)
        )
        .tuples()
        .all()
    )
    coordinators: dict[int, list[str]] = {}
    for group_id, name in conn.execute(
            sa.select(group_members.c.group_id, users.c.display_name)
            .join(users, users.c.id == group_members.c.user_id)
            .where(group_members.c.role == "coordinator", group_members.c.status == "active")
            .order_by(users.c.display_name)):
        coordinators.setdefault(group_id, []).append(name)
    rows = conn.execute(sa.select(working_groups).order_by(
        sa.case((working_groups.c.status == "closed", 1), else_=0), working_groups.c.name))
    return [GroupSummary(r.id, r.slug, r.name, r.description, r.status, r.moderated,
                         counts.get(r.id, 0), tuple(coordinators.get(r.id, [])))
            for r in rows]


def get_group(conn: sa.Connection, *, group_id: int) -> GroupSummary:
    found = next((g for g in list_groups(conn) if g.id == group_id), None)
    if found is None:
        raise NotFound("Ce groupe n'existe pas.")
    return found


def get_membership(conn: sa.Connection, *, user: User | None, group_id: int) -> Membership | None:
    if user is None:
        return None
    row = conn.execute(sa.select(group_members).where(
        group_members.c.group_id == group_id, group_members.c.user_id == user.id)).first()
    return Membership(row.role, row.status, row.muted) if row else None


def may_manage(conn: sa.Connection, user: User | None, group_id: int) -> bool:
    """Organisers, and the group's own coordinators."""
    if has_role(user, "organiser"):
        return True
    mine = get_membership(conn, user=user, group_id=group_id)
    return mine is not None and mine.status == "active" and mine.role == "coordinator"


def _require_manager(conn: sa.Connection, user: User, group_id: int) -> None:
    if not may_manage(conn, user, group_id):
        raise PermissionDenied("Seuls les coordinateurs du groupe et les organisateurs "
                               "peuvent faire cela.")


def list_members(conn: sa.Connection, *, viewer: User, group_id: int,
                 status: str = "active") -> list[Member]:
    """Members (or pending requests) with their MD; MD staff only."""
    require_role(viewer, "member")
    rows = conn.execute(
        sa.select(users.c.id.label("user_id"), users.c.display_name.label("name"),
                  users.c.department_code, departments.c.md_name, users.c.job_title,
                  group_members.c.role, group_members.c.status, group_members.c.joined_at)
        .join(users, users.c.id == group_members.c.user_id)
        .outerjoin(departments, departments.c.code == users.c.department_code)
        .where(group_members.c.group_id == group_id, group_members.c.status == status,
               users.c.active.is_(True))
        .order_by(sa.case((group_members.c.role == "coordinator", 0), else_=1),
                  users.c.display_name))
    return [Member(**row._mapping) for row in rows]


def _slug(conn: sa.Connection, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", search.fold(name)).strip("-")[:50] or "groupe"
    slug, n = base, 1
    while conn.execute(sa.select(working_groups.c.id).where(working_groups.c.slug == slug)
                       ).first():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _clean(name: str, description: str) -> tuple[str, str]:
    name, description = validation.clean(name), validation.clean(description)
    validation.raise_if({
        "name": validation.plain_text(name, label="Le nom", max_len=120),
        "description": validation.text(description, label="La description", max_len=20_000,
                                       required=False)})
    return name, description


def create_group(conn: sa.Connection, *, actor: User, name: str, description: str = "",
                 moderated: bool = False, coordinator_id: int | None = None) -> int:
    """A new group (organisers); its coordinator is `coordinator_id`, else the creator."""
    require_role(actor, "organiser")
    name, description = _clean(name, description)
    if conn.execute(sa.select(working_groups.c.id).where(working_groups.c.name == name)
                    ).first():
        raise ValidationError({"name": "Un groupe porte déjà ce nom."})
    group_id = conn.execute(working_groups.insert().values(
        slug=_slug(conn, name), name=name, description=description, status="active",
        moderated=moderated, created_at=now()).returning(working_groups.c.id)).scalar_one()
    conn.execute(group_members.insert().values(
        group_id=group_id, user_id=coordinator_id or actor.id, role="coordinator",
        status="active", joined_at=now()))
    audit.record(conn, actor_id=actor.id, action="create", entity="group", entity_id=group_id)
    return group_id


def update_group(conn: sa.Connection, *, actor: User, group_id: int, name: str,
                 description: str, moderated: bool, status: str) -> None:
    """Coordinators and organisers edit the group; closing it (read-only) too."""
    _require_manager(conn, actor, group_id)
    name, description = _clean(name, description)
    if status not in STATUS_LABELS:
        raise ValidationError({"status": "Statut inconnu."})
    conn.execute(working_groups.update().where(working_groups.c.id == group_id).values(
        name=name, description=description, moderated=moderated, status=status))
    audit.record(conn, actor_id=actor.id, action="update", entity="group",
                 entity_id=group_id, detail={"status": status})


def join(conn: sa.Connection, *, actor: User, group_id: int) -> str:
    """Join an open group, or ask to join a moderated one. Returns the new status."""
    require_role(actor, "member")
    group = get_group(conn, group_id=group_id)
    if group.status == "closed":
        raise ValidationError({"_form": "Ce groupe est clos : il n'accueille plus de membres."})
    mine = get_membership(conn, user=actor, group_id=group_id)
    if mine is not None:
        raise ValidationError({"_form": "Votre demande est déjà en attente." if
                               mine.status == "pending" else "Vous êtes déjà membre de ce "
                               "groupe."})
    status = "pending" if group.moderated else "active"
    conn.execute(group_members.insert().values(group_id=group_id, user_id=actor.id,
                                               role="member", status=status, joined_at=now()))
    audit.record(conn, actor_id=actor.id, action="join", entity="group", entity_id=group_id,
                 detail={"status": status})
    if status == "pending":
        for coordinator in _coordinator_ids(conn, group_id):
            notifications.notify(conn, user_id=coordinator, kind="group",
                                 text=f"{actor.display_name} demande à rejoindre « "
                                 f"{group.name} ».", link=f"groups?groupe={group_id}")
    return status


def _coordinator_ids(conn: sa.Connection, group_id: int) -> list[int]:
    return list(conn.execute(sa.select(group_members.c.user_id).where(
        group_members.c.group_id == group_id, group_members.c.role == "coordinator",
        group_members.c.status == "active")).scalars())


def leave(conn: sa.Connection, *, actor: User, group_id: int) -> None:
    """Leave a group, or withdraw a request; the last coordinator cannot leave."""
    mine = get_membership(conn, user=actor, group_id=group_id)
    if mine is None:
        raise ValidationError({"_form": "Vous n'êtes pas membre de ce groupe."})
    if mine.role == "coordinator" and _coordinator_ids(conn, group_id) == [actor.id]:
        raise ValidationError({"_form": "Vous êtes le dernier coordinateur ou la dernière "
                                        "coordinatrice : nommez quelqu'un d'autre avant de "
                                        "quitter le groupe."})
    conn.execute(group_members.delete().where(group_members.c.group_id == group_id,
                                              group_members.c.user_id == actor.id))
    audit.record(conn, actor_id=actor.id, action="leave", entity="group", entity_id=group_id)


def decide(conn: sa.Connection, *, actor: User, group_id: int, user_id: int,
           accept: bool) -> None:
    """A coordinator accepts or declines a request to join."""
    _require_manager(conn, actor, group_id)
    match = sa.and_(group_members.c.group_id == group_id, group_members.c.user_id == user_id,
                    group_members.c.status == "pending")
    statement = (group_members.update().where(match).values(status="active", joined_at=now())
                 if accept else group_members.delete().where(match))
    if conn.execute(statement).rowcount == 0:
        raise NotFound("Cette demande n'existe plus.")
    group = get_group(conn, group_id=group_id)
    notifications.notify(conn, user_id=user_id, kind="group", link=f"groups?groupe={group_id}",
                         text=f"Votre demande pour « {group.name} » a été "
                         + ("acceptée." if accept else "déclinée."))
    audit.record(conn, actor_id=actor.id, action="accept" if accept else "decline",
                 entity="group", entity_id=group_id, detail={"user_id": user_id})


def set_coordinator(conn: sa.Connection, *, actor: User, group_id: int, user_id: int,
                    coordinator: bool) -> None:
    """Name a member coordinator, or take it back (a group keeps at least one)."""
    _require_manager(conn, actor, group_id)
    if not coordinator and _coordinator_ids(conn, group_id) == [user_id]:
        raise ValidationError({"_form": "Le groupe doit garder au moins un coordinateur."})
    if conn.execute(group_members.update().where(
            group_members.c.group_id == group_id, group_members.c.user_id == user_id,
            group_members.c.status == "active").values(
            role="coordinator" if coordinator else "member")).rowcount == 0:
        raise NotFound("Cette personne n'est pas membre du groupe.")
    audit.record(conn, actor_id=actor.id, action="coordinator", entity="group",
                 entity_id=group_id, detail={"user_id": user_id, "on": coordinator})


def mute(conn: sa.Connection, *, actor: User, group_id: int, muted: bool) -> None:
    """Stop (or resume) the notifications of a group one belongs to."""
    if conn.execute(group_members.update().where(
            group_members.c.group_id == group_id, group_members.c.user_id == actor.id)
            .values(muted=muted)).rowcount == 0:
        raise ValidationError({"_form": "Vous n'êtes pas membre de ce groupe."})


def announce(conn: sa.Connection, *, group_id: int | None, actor_id: int, what: str,
             link: str) -> None:
    """Tell the group's members (not muted, not the author) about new content:
    « Inclusion numérique — nouvelle ressource : … »."""
    if group_id is None:
        return
    name = conn.execute(sa.select(working_groups.c.name).where(
        working_groups.c.id == group_id)).scalar()
    text = f"{name} — {what}"
    for user_id in conn.execute(sa.select(group_members.c.user_id).where(
            group_members.c.group_id == group_id, group_members.c.status == "active",
            group_members.c.muted.is_(False), group_members.c.user_id != actor_id)).scalars():
        notifications.notify(conn, user_id=user_id, kind="group", text=text, link=link)
