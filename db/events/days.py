"""Journées régionales: a day, its programme (slots) and the ateliers of its choice slots.

Registrations live in `db.registrations`. Times of a day are French local times.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, reference, validation
from db.engine import local_now, now
from db.errors import NotFound, ValidationError
from db.roles import User, has_role, require_role
from db.schema import departments, events, registrations

AUDIENCES = {"md_staff": "Personnels des MD", "members": "Membres de Coop'MD",
             "everyone": "Tout le monde (comptes contributeurs compris)"}
STATUSES = {"draft": "Brouillon", "published": "Publiée", "closed": "Inscriptions closes",
            "archived": "Archivée", "cancelled": "Annulée"}
SLOT_KINDS = {"accueil": "Accueil", "pleniere": "Plénière", "pitchs": "Pitchs",
              "pause": "Pause", "dejeuner": "Déjeuner", "ateliers": "Ateliers au choix",
              "pot": "Pot / convivialité", "conclusion": "Conclusion"}


@dataclass(frozen=True)
class DayInput:
    """What an organiser types for a day, as the form gives it (blanks as None); cleaned
    and checked by `create_event` and `update_event`. The one list of a day's fields."""
    title: str | None = None
    description: str | None = None
    day: date | None = None
    starts_at: time | None = None
    ends_at: time | None = None
    place: str | None = None
    address: str | None = None
    host_department_code: str | None = None
    audience: str | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    md_quota: int | str | None = None  # people of one MD, at most; blank: no cap
    reminders: list[int] | tuple[int, ...] | None = None  # days before; None: J-7 and J-1
    standard_questions: list[str] | tuple[str, ...] | None = None  # None: all four


@dataclass(frozen=True)
class Event:
    id: int
    title: str
    description: str
    day: date
    starts_at: time
    ends_at: time
    place: str
    address: str | None
    host_department_code: str | None
    host_md: str | None
    audience: str
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    status: str
    cancel_message: str | None
    md_quota: int | None = None
    reminders: tuple[int, ...] = (7, 1)  # days before the day when registrants are reminded
    standard_questions: tuple[str, ...] = ("lunch", "dietary", "accessibility_needs",
                                           "comment")  # which usual questions it asks

    def is_past(self, at: datetime | None = None) -> bool:
        return self.day < (at or local_now()).date()

    def registration_state(self, at: datetime | None = None) -> str | None:
        """None when one may register now, else the French reason why not."""
        at = at or local_now()
        if self.status == "cancelled":
            return "Cette journée est annulée."
        if self.day < at.date():
            return "Cette journée est passée."
        if self.status == "closed":
            return "Les inscriptions sont closes."
        if self.status != "published":
            return f"Les inscriptions ne sont pas ouvertes (journée {STATUSES[self.status].lower()})."
        if self.registration_opens_at and at < self.registration_opens_at:
            return "Les inscriptions ne sont pas encore ouvertes."
        if self.registration_closes_at and at > self.registration_closes_at:
            return "Les inscriptions sont closes."
        return None


@dataclass(frozen=True)
class Atelier:
    id: int
    slot_id: int
    title: str
    description: str | None
    host_department_code: str | None
    facilitator: str | None
    room: str | None
    capacity: int
    confirmed: int = 0
    waiting: int = 0
    md_quota: int | None = None
    md_taken: int | None = None  # confirmed places of the viewer's MD (when asked for)

    @property
    def none_for_my_md(self) -> bool:
        return bool(self.md_quota and self.md_taken is not None
                    and self.md_taken >= self.md_quota)

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.confirmed)


@dataclass(frozen=True)
class Slot:
    id: int
    position: int
    starts_at: time
    ends_at: time | None
    kind: str
    title: str
    description: str | None
    is_choice: bool
    ateliers: tuple[Atelier, ...] = field(default_factory=tuple)
    ranked: bool = False  # « vœux classés »: wishes first, the organiser's allocation then
    allocated: bool = False

    @property
    def takes_wishes(self) -> bool:
        """Ranked and not allocated yet: people give wishes, not a choice."""
        return self.is_choice and self.ranked and not self.allocated


@dataclass(frozen=True)
class EventCard:
    id: int
    title: str
    day: date
    starts_at: time
    ends_at: time
    place: str
    host_md: str | None
    registration_status: str | None = None


def may_attend(user: User | None, audience: str) -> bool:
    """Who the audience rule lets register: MD staff are members attached to a department."""
    if audience == "everyone":
        return has_role(user, "contributor")
    if audience == "members":
        return has_role(user, "member")
    return has_role(user, "member") and bool(user.department_code)


def _event_query() -> sa.Select[Any]:
    return (sa.select(events, departments.c.md_name.label("host_md"))
            .select_from(events.outerjoin(
                departments, departments.c.code == events.c.host_department_code)))


REMINDER_CHOICES = {14: "J-14", 7: "J-7", 3: "J-3", 1: "J-1"}
# the four questions every day used to ask: now the default set, each one can be left out
STANDARD_QUESTIONS = {"lunch": "Déjeuner sur place", "dietary": "Régime alimentaire",
                      "accessibility_needs": "Besoins d'accessibilité",
                      "comment": "Commentaire"}


def _to_event(row: sa.Row[Any]) -> Event:
    values = {f.name: getattr(row, f.name) for f in fields(Event)}
    values["reminders"] = tuple(int(d) for d in row.reminders.split(",") if d)
    values["standard_questions"] = tuple(q for q in row.standard_questions.split(",") if q)
    return Event(**values)


def shown_to(viewer: User | None) -> sa.ColumnElement[bool]:
    """Days are for MD staff; a contributor (open sign-up) sees only those open to
    everyone (#15 « who may read what »). No viewer: the app's own reads."""
    if viewer is None or has_role(viewer, "member"):
        return sa.true()
    return events.c.audience == "everyone"


def get_event(conn: sa.Connection, *, event_id: int, viewer: User | None = None) -> Event:
    """A day; drafts exist only for organisers; a contributor sees only days open to all."""
    row = conn.execute(_event_query().where(events.c.id == event_id,
                                            shown_to(viewer))).first()
    if row is None or (row.status == "draft" and not has_role(viewer, "organiser")):
        raise NotFound("Journée introuvable.")
    return _to_event(row)


def list_events(conn: sa.Connection, *, viewer: User | None, past: bool = False,
                today: date | None = None, group_id: int | None = None) -> list[Event]:
    """Coming days soonest first (or past days newest first), of one working group if
    asked; drafts for organisers only."""
    today = today or local_now().date()
    query = _event_query().where(events.c.day < today if past else events.c.day >= today,
                                 shown_to(viewer))
    if group_id is not None:
        query = query.where(events.c.group_id == group_id)
    if not has_role(viewer, "organiser"):
        query = query.where(events.c.status != "draft")
    query = query.order_by(events.c.day.desc() if past else events.c.day)
    return [_to_event(r) for r in conn.execute(query)]


def _event_problems(conn: sa.Connection, data: dict[str, Any]) -> dict[str, str | None]:
    problems: dict[str, str | None] = {
        "title": validation.plain_text(data["title"], label="Le titre", max_len=200),
        "description": validation.text(data["description"], label="La description",
                                       max_len=20_000, required=False),
        "place": validation.plain_text(data["place"], label="Le lieu", max_len=200),
        "address": validation.plain_text(data["address"] or "", label="L'adresse",
                                         max_len=300, required=False),
        "day": None if isinstance(data["day"], date) else "La date est obligatoire.",
        "audience": None if data["audience"] in AUDIENCES else "Public inconnu.",
    }
    starts, ends = data["starts_at"], data["ends_at"]
    if not isinstance(starts, time) or not isinstance(ends, time):
        problems["ends_at"] = "Les heures de début et de fin sont obligatoires."
    elif ends <= starts:
        problems["ends_at"] = "L'heure de fin doit être après l'heure de début."
    opens, closes = data["registration_opens_at"], data["registration_closes_at"]
    if opens and closes and closes <= opens:
        problems["registration_closes_at"] = ("La clôture des inscriptions doit venir après "
                                              "leur ouverture.")
    elif closes and isinstance(data["day"], date) and closes.date() > data["day"]:
        problems["registration_closes_at"] = ("Les inscriptions doivent fermer au plus tard "
                                              "le jour même.")
    problems["host_department_code"] = reference.department_problem(
        conn, data["host_department_code"])
    data["md_quota"], problems["md_quota"] = validation.whole_number(
        data["md_quota"], label="Le nombre de personnes par MD", low=1, high=5000,
        required=False, example=4)
    if not set(data["reminders"]) <= set(REMINDER_CHOICES):
        problems["reminders"] = "Rappels possibles : " + ", ".join(REMINDER_CHOICES.values())
    if not set(data["standard_questions"]) <= set(STANDARD_QUESTIONS):
        problems["standard_questions"] = "Question habituelle inconnue."
    return problems


def _clean_event(given: DayInput) -> dict[str, Any]:
    data = asdict(given)
    for key in ("title", "description", "place", "address"):
        data[key] = validation.clean(data[key])
    data["address"] = data["address"] or None
    data["host_department_code"] = validation.reference(data["host_department_code"])
    data["audience"] = data["audience"] or "md_staff"
    data["reminders"] = (7, 1) if data["reminders"] is None else tuple(data["reminders"])
    data["standard_questions"] = tuple(STANDARD_QUESTIONS) if data["standard_questions"] \
        is None else tuple(data["standard_questions"])
    return data


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    """The row's columns: the reminders as « 7,1 », the usual questions in their order."""
    return {**values, "reminders": ",".join(str(d) for d in sorted(
        set(values["reminders"]), reverse=True)),
        "standard_questions": ",".join(q for q in STANDARD_QUESTIONS
                                       if q in values["standard_questions"])}


def create_event(conn: sa.Connection, *, actor: User, data: DayInput) -> Event:
    """A new day, as a draft; organisers and admins only."""
    require_role(actor, "organiser")
    values = _clean_event(data)
    validation.raise_if(_event_problems(conn, values))
    event_id = conn.execute(events.insert().values(
        **_stored(values), status="draft", created_by=actor.id, created_at=now())
        .returning(events.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="create", entity="event", entity_id=event_id)
    return get_event(conn, event_id=event_id, viewer=actor)


def update_event(conn: sa.Connection, *, actor: User, event_id: int,
                 data: DayInput) -> Event:
    require_role(actor, "organiser")
    before = get_event(conn, event_id=event_id, viewer=actor)
    values = _clean_event(data)
    validation.raise_if(_event_problems(conn, values))
    if values["day"] != before.day and _registration_count(conn, event_id):
        raise ValidationError({"day": "Des personnes sont inscrites : annulez la journée et "
                                      "créez-en une autre plutôt que d'en changer la date."})
    conn.execute(events.update().where(events.c.id == event_id).values(**_stored(values)))
    audit.record(conn, actor_id=actor.id, action="update", entity="event", entity_id=event_id)
    return get_event(conn, event_id=event_id, viewer=actor)


def _registration_count(conn: sa.Connection, event_id: int) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(registrations).where(
        registrations.c.event_id == event_id, registrations.c.status != "cancelled")
    ).scalar_one()


TRANSITIONS = {"draft": {"published"}, "published": {"closed", "draft"},
               "closed": {"published", "archived"}, "archived": set(), "cancelled": set()}


def set_status(conn: sa.Connection, *, actor: User, event_id: int, status: str) -> Event:
    """Draft → published → closed → archived (cancellation has its own function)."""
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    if status not in TRANSITIONS[event.status]:
        raise ValidationError({"status": f"Impossible de passer de « {STATUSES[event.status]} »"
                                         f" à « {STATUSES.get(status, status)} »."})
    if status == "draft" and _registration_count(conn, event_id):
        raise ValidationError({"status": "Des personnes sont inscrites : la journée ne peut "
                                         "plus redevenir un brouillon."})
    conn.execute(events.update().where(events.c.id == event_id).values(status=status))
    audit.record(conn, actor_id=actor.id, action="set_status", entity="event",
                 entity_id=event_id, detail={"from": event.status, "to": status})
    return get_event(conn, event_id=event_id, viewer=actor)


def cancel_event(conn: sa.Connection, *, actor: User, event_id: int, message: str) -> Event:
    """Cancel a day: registrations are kept (history) and every registrant is notified."""
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    message = validation.clean(message)
    validation.raise_if({"message": validation.text(
        message, label="Le message aux inscrits", max_len=2000)})
    if event.status in ("cancelled", "archived"):
        raise ValidationError({"message": "Cette journée est déjà annulée ou archivée."})
    conn.execute(events.update().where(events.c.id == event_id)
                 .values(status="cancelled", cancel_message=message))
    registrants = conn.execute(sa.select(registrations.c.user_id).where(
        registrations.c.event_id == event_id, registrations.c.status != "cancelled")).scalars()
    for user_id in registrants:
        notifications.notify(conn, user_id=user_id, kind="event_cancelled",
                             text=f"La journée « {event.title} » du {event.day:%d/%m/%Y} est "
                                  f"annulée : {message}", link=f"events?event={event_id}",
                             email_subject=f"Journée annulée : {event.title}")
    audit.record(conn, actor_id=actor.id, action="cancel", entity="event", entity_id=event_id)
    return get_event(conn, event_id=event_id, viewer=actor)


def list_all_events(conn: sa.Connection, *, actor: User) -> list[Event]:
    """Every day, newest first, for organisers choosing one to edit."""
    require_role(actor, "organiser")
    rows = conn.execute(_event_query().order_by(events.c.day.desc(), events.c.id.desc()))
    return [_to_event(r) for r in rows]


def list_upcoming(
    conn: sa.Connection, *, limit: int = 5, today: date | None = None,
    viewer: User | None = None
) -> list[EventCard]:
    """Published days from today on, soonest first (home page)."""
    query = (_card_query().where(events.c.status == "published", shown_to(viewer),
                                 events.c.day >= (today or local_now().date()))
             .order_by(events.c.day).limit(limit))
    return [EventCard(**row._mapping) for row in conn.execute(query)]


def get_next_for_user(conn: sa.Connection, *, user: User,
                      today: date | None = None) -> EventCard | None:
    """The user's next day with a registration that is not cancelled."""
    query = (_card_query().add_columns(registrations.c.status.label("registration_status"))
             .join(registrations, registrations.c.event_id == events.c.id)
             .where(registrations.c.user_id == user.id,
                    registrations.c.status != "cancelled",
                    events.c.status.in_(("published", "closed")),
                    events.c.day >= (today or local_now().date()))
             .order_by(events.c.day).limit(1))
    row = conn.execute(query).first()
    return EventCard(**row._mapping) if row else None


def _card_query() -> sa.Select[Any]:
    return (sa.select(events.c.id, events.c.title, events.c.day, events.c.starts_at,
                      events.c.ends_at, events.c.place, departments.c.md_name.label("host_md"))
            .select_from(events.outerjoin(
                departments, departments.c.code == events.c.host_department_code)))

