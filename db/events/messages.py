"""Writing to a day's registrants, and the automatic reminders before the day.

An organiser writes to everyone registered, to the confirmed only, to the waiting list, or
to one atelier; each person gets it in the app and by e-mail (through the outbox), and the
day keeps the message with its number of recipients. Reminders go at the delays the day
lists (J-7 and J-1 unless changed), each once: its row is unique per day and delay, so a
second app process trying the same reminder fails its insert and sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, validation
from db.engine import local_now, now
from db.errors import ValidationError
from db.events.days import Event, get_event
from db.roles import User, require_role
from db.schema import event_messages, event_sessions, event_slots, events, users
from db.schema import registration_choices as choices
from db.schema import registrations as regs

AUDIENCES = {"all": "Toutes les personnes inscrites", "confirmed": "Les confirmées seulement",
             "waitlisted": "La liste d'attente", "atelier": "Les inscrits d'un atelier"}


@dataclass(frozen=True)
class MessageInput:
    """A message as the organiser's form gives it; checked by `send_message`."""
    audience: str | None = "all"
    atelier_id: int | None = None
    subject: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class DayMessage:
    id: int
    audience: str
    atelier_title: str | None
    subject: str
    body: str
    sent_by: str | None  # None: an automatic reminder
    sent_at: datetime
    recipients: int
    reminder: int | None


def recipients(conn: sa.Connection, *, event_id: int, audience: str,
               atelier_id: int | None = None) -> list[int]:
    """User ids of the registrations (not cancelled) that this audience reaches."""
    query = sa.select(regs.c.user_id).where(regs.c.event_id == event_id,
                                            regs.c.status != "cancelled")
    if audience in ("confirmed", "waitlisted"):
        query = query.where(regs.c.status == audience)
    elif audience == "atelier":
        query = query.where(regs.c.id.in_(sa.select(choices.c.registration_id).where(
            choices.c.session_id == atelier_id)))
    return list(conn.execute(query.order_by(regs.c.user_id)).scalars())


def _problems(conn: sa.Connection, event_id: int, data: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, str | None] = {
        "subject": validation.plain_text(data["subject"], label="L'objet", max_len=200),
        "body": validation.text(data["body"], label="Le message", max_len=10_000),
        "audience": None if data["audience"] in AUDIENCES else "Destinataires inconnus.",
    }
    if data["audience"] == "atelier":
        belongs = conn.execute(sa.select(event_sessions.c.id).join(event_slots).where(
            event_sessions.c.id == data["atelier_id"],
            event_slots.c.event_id == event_id)).first()
        problems["atelier_id"] = None if belongs else "Choisissez l'atelier."
    return problems


def _deliver(conn: sa.Connection, event: Event, people: list[int], subject: str,
             body: str) -> None:
    for user_id in people:
        notifications.notify(conn, user_id=user_id, kind="day_message",
                             text=f"{event.title} — {subject} : {body}",
                             link=f"events?event={event.id}", email_subject=subject)


def send_message(conn: sa.Connection, *, actor: User, event_id: int,
                 data: MessageInput) -> DayMessage:
    """Organisers only; refused when nobody would receive it."""
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    subject, body = validation.clean(data.subject), validation.clean(data.body)
    atelier_id = data.atelier_id if data.audience == "atelier" else None
    values: dict[str, Any] = {"audience": data.audience, "subject": subject, "body": body,
                              "atelier_id": atelier_id}
    validation.raise_if(_problems(conn, event_id, values))
    people = recipients(conn, event_id=event_id, audience=str(data.audience),
                        atelier_id=atelier_id)
    if not people:
        raise ValidationError({"audience": "Personne n'est inscrit parmi ces destinataires : "
                                           "le message n'est pas envoyé."})
    message_id = conn.execute(event_messages.insert().values(
        event_id=event_id, sent_by=actor.id, sent_at=now(), recipients=len(people),
        **values).returning(event_messages.c.id)).scalar_one()
    _deliver(conn, event, people, subject, body)
    audit.record(conn, actor_id=actor.id, action="message", entity="event",
                 entity_id=event_id, detail={"message": message_id, "to": len(people)})
    return list_messages(conn, actor=actor, event_id=event_id)[0]


def list_messages(conn: sa.Connection, *, actor: User, event_id: int) -> list[DayMessage]:
    """The day's history, newest first (organisers)."""
    require_role(actor, "organiser")
    rows = conn.execute(
        sa.select(event_messages, event_sessions.c.title.label("atelier_title"),
                  users.c.display_name)
        .select_from(event_messages.outerjoin(
            event_sessions, event_sessions.c.id == event_messages.c.atelier_id)
            .outerjoin(users, users.c.id == event_messages.c.sent_by))
        .where(event_messages.c.event_id == event_id)
        .order_by(event_messages.c.sent_at.desc(), event_messages.c.id.desc()))
    return [DayMessage(r.id, r.audience, r.atelier_title, r.subject, r.body, r.display_name,
                       r.sent_at, r.recipients, r.reminder) for r in rows]


def _reminder_text(event: Event, days: int) -> tuple[str, str]:
    when = "demain" if days == 1 else f"dans {days} jours"
    return (f"Rappel : {event.title}, {when}",
            (f"La journée « {event.title} » a lieu {when}, le {event.day:%d/%m/%Y} de "
            f"{event.starts_at:%H:%M} à {event.ends_at:%H:%M}, {event.place}. Votre "
            "inscription, vos ateliers et le programme sont sur Coop'MD. En cas "
            "d'empêchement, annulez votre inscription : la place ira à la personne suivante."))


def send_due_reminders(conn: sa.Connection, *, today: date | None = None) -> int:
    """Each published or closed day within one of its reminder delays gets that reminder,
    once; when several are due at once (the app was off), only the nearest is sent and the
    others are recorded as passed. Returns the number of reminders sent."""
    today = today or local_now().date()
    soon = conn.execute(sa.select(events.c.id).where(
        events.c.status.in_(("published", "closed")), events.c.day > today,
        events.c.day <= today + timedelta(days=14), events.c.reminders != "")).scalars()
    return sum(_remind(conn, get_event(conn, event_id=event_id), today)
               for event_id in list(soon))


def _remind(conn: sa.Connection, event: Event, today: date) -> int:
    due = sorted(d for d in event.reminders if event.day - timedelta(days=d) <= today)
    done = set(conn.execute(sa.select(event_messages.c.reminder).where(
        event_messages.c.event_id == event.id, event_messages.c.reminder.is_not(None)))
        .scalars())
    if not due or due[0] in done:
        return 0
    people = recipients(conn, event_id=event.id, audience="all")
    subject, body = _reminder_text(event, (event.day - today).days)
    for days in due:
        if days in done:
            continue
        try:
            with conn.begin_nested():  # another process sent it first: skip
                conn.execute(event_messages.insert().values(
                    event_id=event.id, audience="all", subject=subject, body=body,
                    sent_at=now(), recipients=len(people) if days == due[0] else 0,
                    reminder=days))
        except sa.exc.IntegrityError:
            return 0
    _deliver(conn, event, people, subject, body)
    return 1
