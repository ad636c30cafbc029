"""Réunions d'un groupe de travail: lighter than a regional day — a date, a place or a
video link, an agenda, and afterwards the minutes as a resource. Members answer
présent·e / absent·e; everyone gets the `.ics`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import audit, groups, validation
from db.engine import local_now, now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.events import exports
from db.resources import url_problem
from db.roles import User
from db.schema import group_meetings, meeting_attendance, resources

ANSWERS = {"present": "Présent·e", "absent": "Absent·e"}


@dataclass(frozen=True)
class Meeting:
    id: int
    group_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str | None
    video_url: str | None
    agenda: str | None
    minutes_resource_id: int | None
    present: int = 0
    absent: int = 0
    my_answer: str | None = None

    @property
    def past(self) -> bool:
        return self.ends_at < local_now()


@dataclass(frozen=True)
class MeetingInput:
    """A meeting as its form gives it; checked by `_clean`."""
    title: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str | None = None
    video_url: str | None = None
    agenda: str | None = None


def _clean(given: MeetingInput) -> dict[str, Any]:
    data = asdict(given)
    for key in ("title", "place", "video_url", "agenda"):
        data[key] = validation.clean(data[key]) or None
    starts, ends = data["starts_at"], data["ends_at"]
    problems = {
        "title": validation.plain_text(data["title"] or "", label="Le titre", max_len=200),
        "starts_at": None if isinstance(starts, datetime) else "Indiquez le début.",
        "ends_at": None if isinstance(ends, datetime) else "Indiquez la fin.",
        "place": validation.plain_text(data["place"] or "", label="Le lieu", max_len=200,
                                       required=False),
        "video_url": url_problem(data["video_url"]) if data["video_url"] else None,
        "agenda": validation.text(data["agenda"] or "", label="L'ordre du jour",
                                  max_len=20_000, required=False)}
    if not problems["starts_at"] and not problems["ends_at"] and ends <= starts:
        problems["ends_at"] = "La fin doit être après le début."
    if not data["place"] and not data["video_url"]:
        problems["place"] = "Indiquez un lieu ou un lien de visioconférence."
    validation.raise_if(problems)
    return data


def create_meeting(conn: sa.Connection, *, actor: User, group_id: int, data: MeetingInput) -> int:
    """A meeting (the group's coordinators and organisers); members are told."""
    if not groups.may_manage(conn, actor, group_id):
        raise PermissionDenied("Seuls les coordinateurs du groupe et les organisateurs "
                               "peuvent programmer une réunion.")
    values = _clean(data)
    meeting_id = conn.execute(group_meetings.insert().values(
        group_id=group_id, created_by=actor.id, created_at=now(), **values)
        .returning(group_meetings.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="create", entity="meeting",
                 entity_id=meeting_id, detail={"group_id": group_id})
    groups.announce(conn, group_id=group_id, actor_id=actor.id,
                    what=f"réunion le {values['starts_at']:%d/%m/%Y à %H:%M} : "
                         f"{values['title']}",
                    link=f"groups?groupe={group_id}")
    return meeting_id


def _meeting(conn: sa.Connection, meeting_id: int) -> sa.Row[Any]:
    row = conn.execute(sa.select(group_meetings).where(group_meetings.c.id == meeting_id)
                       ).first()
    if row is None:
        raise NotFound("Réunion introuvable.")
    return row


def answer(conn: sa.Connection, *, actor: User, meeting_id: int, answer: str) -> None:
    """A member says whether they will come (and may change their mind)."""
    meeting = _meeting(conn, meeting_id)
    mine = groups.get_membership(conn, user=actor, group_id=meeting.group_id)
    if mine is None or mine.status != "active":
        raise PermissionDenied("Rejoignez le groupe pour répondre à ses réunions.")
    if answer not in ANSWERS:
        raise ValidationError({"_form": "Réponse inconnue."})
    conn.execute(meeting_attendance.delete().where(
        meeting_attendance.c.meeting_id == meeting_id,
        meeting_attendance.c.user_id == actor.id))
    conn.execute(meeting_attendance.insert().values(meeting_id=meeting_id, user_id=actor.id,
                                                    answer=answer))


def attach_minutes(conn: sa.Connection, *, actor: User, meeting_id: int,
                   resource_id: int) -> None:
    """The compte rendu, once written, is a resource of the group."""
    meeting = _meeting(conn, meeting_id)
    if not groups.may_manage(conn, actor, meeting.group_id):
        raise PermissionDenied("Seuls les coordinateurs du groupe et les organisateurs "
                               "peuvent joindre le compte rendu.")
    if not conn.execute(sa.select(resources.c.id).where(resources.c.id == resource_id)
                        ).first():
        raise NotFound("Ressource introuvable.")
    conn.execute(group_meetings.update().where(group_meetings.c.id == meeting_id)
                 .values(minutes_resource_id=resource_id))
    audit.record(conn, actor_id=actor.id, action="minutes", entity="meeting",
                 entity_id=meeting_id, detail={"resource_id": resource_id})


def list_meetings(conn: sa.Connection, *, viewer: User, group_id: int) -> list[Meeting]:
    """The group's meetings, next first then past ones, with the answers counted."""
    ours = sa.select(group_meetings.c.id).where(group_meetings.c.group_id == group_id)
    counts = (sa.select(meeting_attendance.c.meeting_id, meeting_attendance.c.answer,
                        sa.func.count().label("n"))
              .where(meeting_attendance.c.meeting_id.in_(ours))
              .group_by(meeting_attendance.c.meeting_id, meeting_attendance.c.answer))
    tally: dict[int, dict[str, int]] = {}
    for meeting_id, given, n in conn.execute(counts):
        tally.setdefault(meeting_id, {})[given] = n
    mine = dict(conn.execute(sa.select(meeting_attendance.c.meeting_id,
                                       meeting_attendance.c.answer)
                             .where(meeting_attendance.c.user_id == viewer.id,
                                    meeting_attendance.c.meeting_id.in_(ours))).tuples().all())
    rows = conn.execute(sa.select(group_meetings).where(group_meetings.c.group_id == group_id)
                        .order_by(group_meetings.c.starts_at.desc()))
    found = [Meeting(r.id, r.group_id, r.title, r.starts_at, r.ends_at, r.place, r.video_url,
                     r.agenda, r.minutes_resource_id, tally.get(r.id, {}).get("present", 0),
                     tally.get(r.id, {}).get("absent", 0), mine.get(r.id)) for r in rows]
    return sorted([m for m in found if not m.past], key=lambda m: m.starts_at) + [
        m for m in found if m.past]


def ics(meeting: Meeting, *, group_name: str, url: str) -> bytes:
    return exports.calendar_file(
        uid=f"coopmd-meeting-{meeting.id}@coopmd", summary=f"{meeting.title} — {group_name}",
        starts=meeting.starts_at, ends=meeting.ends_at,
        location=", ".join(filter(None, [meeting.place, meeting.video_url])), url=url,
        description="\n".join(filter(None, [meeting.agenda, meeting.video_url, url])))
