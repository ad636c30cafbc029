"""« Suites à donner » (seed 001: « Conclusion et suites à donner »): the actions decided
at a day's conclusion — what, who, by when, where it stands — shown on the day page and in
the host working group's space; each owner is told when one is given to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from db import audit, notifications, validation
from db.engine import now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.events.days import get_event
from db.roles import User, has_role, require_role
from db.schema import event_followups, events, users

STATUSES = {"todo": "À faire", "doing": "En cours", "done": "Fait"}


@dataclass(frozen=True)
class FollowupInput:
    """An action as the organiser's form gives it."""
    what: str | None = None
    owner_id: int | None = None
    due_on: date | None = None


@dataclass(frozen=True)
class Followup:
    id: int
    event_id: int
    event_title: str
    what: str
    owner_id: int
    owner: str
    due_on: date | None
    status: str


def add_followup(conn: sa.Connection, *, actor: User, event_id: int,
                 data: FollowupInput) -> Followup:
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    what = validation.clean(data.what)
    owner = conn.execute(sa.select(users.c.id).where(
        users.c.id == data.owner_id, users.c.active.is_(True),
        users.c.held_for_claim.is_(False))).first() if data.owner_id else None
    validation.raise_if({
        "what": validation.plain_text(what, label="L'action", max_len=300),
        "owner_id": None if owner else "Choisissez qui s'en charge.",
        "due_on": "L'échéance vient avant la journée." if data.due_on and
        data.due_on < event.day else None})
    followup_id = conn.execute(event_followups.insert().values(
        event_id=event_id, what=what, owner_id=data.owner_id, due_on=data.due_on,
        created_by=actor.id, created_at=now()).returning(event_followups.c.id)).scalar_one()
    when = f", pour le {data.due_on:%d/%m/%Y}" if data.due_on else ""
    notifications.notify(conn, user_id=int(data.owner_id or 0), kind="followup",
                         text=f"Suite à donner à « {event.title} » : {what}{when}.",
                         link=f"events?event={event_id}",
                         email_subject=f"Une suite à donner : {event.title}")
    audit.record(conn, actor_id=actor.id, action="add_followup", entity="event",
                 entity_id=event_id, detail={"followup": followup_id})
    return _list(conn, event_followups.c.id == followup_id)[0]


def set_followup_status(conn: sa.Connection, *, actor: User, followup_id: int,
                        status: str) -> None:
    """The owner or an organiser says where it stands."""
    row = conn.execute(sa.select(event_followups).where(
        event_followups.c.id == followup_id)).first()
    if row is None:
        raise NotFound("Action introuvable.")
    if row.owner_id != actor.id and not has_role(actor, "organiser"):
        raise PermissionDenied("Seuls la personne chargée de l'action et les organisateurs "
                               "la mettent à jour.")
    if status not in STATUSES:
        raise ValidationError({"status": "État inconnu."})
    conn.execute(event_followups.update().where(event_followups.c.id == followup_id)
                 .values(status=status))
    audit.record(conn, actor_id=actor.id, action="followup_status", entity="event",
                 entity_id=row.event_id, detail={"followup": followup_id, "status": status})


def _list(conn: sa.Connection, where: sa.ColumnElement[bool]) -> list[Followup]:
    rows = conn.execute(
        sa.select(event_followups, users.c.display_name, events.c.title)
        .join(users, users.c.id == event_followups.c.owner_id)
        .join(events, events.c.id == event_followups.c.event_id)
        .where(where).order_by(event_followups.c.due_on.is_(None), event_followups.c.due_on,
                               event_followups.c.id))
    return [Followup(r.id, r.event_id, r.title, r.what, r.owner_id, r.display_name, r.due_on,
                     r.status) for r in rows]


def list_followups(conn: sa.Connection, *, event_id: int) -> list[Followup]:
    """A day's actions, soonest deadline first."""
    return _list(conn, event_followups.c.event_id == event_id)


def list_group_followups(conn: sa.Connection, *, viewer: User, group_id: int) -> list[Followup]:
    """The open actions of the days this working group hosted (MD staff)."""
    require_role(viewer, "member")
    return _list(conn, sa.and_(events.c.group_id == group_id,
                               event_followups.c.status != "done"))


def list_owners(conn: sa.Connection) -> dict[int, str]:
    """Who may be given an action: the MD staff and organisers with an account, by name."""
    rows = conn.execute(sa.select(users.c.id, users.c.display_name).where(
        users.c.active.is_(True), users.c.held_for_claim.is_(False),
        users.c.role != "contributor").order_by(users.c.display_name))
    return {r.id: r.display_name for r in rows}
