"""Registrations to a day and its ateliers: capacity, waiting list, promotion.

Places themselves (locks, counts, waiting lists, promotion) are `db.events.capacity`'s:
this module decides who may register, when, and what is said to them. One registration per
person and day is also a unique constraint.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import audit, mailer, notifications
from db.engine import local_now, now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.events import Event, capacity, get_event, may_attend, questions
from db.events import wishes as day_wishes
from db.events.answers import Answers, answer_columns  # Answers: also registrations'
from db.roles import User, has_role
from db.schema import (
    event_sessions,
    event_slots,
    registration_choices,
    registrations,
    slot_wishes,
    users,
)


@dataclass(frozen=True)
class Choice:
    slot_id: int
    atelier_id: int
    atelier_title: str
    status: str
    rank: int | None  # place in the waiting list (1 = next), None when confirmed


@dataclass(frozen=True)
class Registration:
    id: int
    event_id: int
    user_id: int
    status: str
    lunch: bool
    dietary: str | None
    accessibility_needs: str | None
    comment: str | None
    created_at: datetime
    checked_in_at: datetime | None
    choices: tuple[Choice, ...]
    registered_by: int | None = None  # a colleague of the same MD, or an organiser
    replies: dict[str, Any] = field(default_factory=dict)  # to the day's own questions
    wishes: dict[int, tuple[int, ...]] = field(default_factory=dict)  # ranked slot → ateliers

    def choice_for(self, slot_id: int) -> Choice | None:
        return next((c for c in self.choices if c.slot_id == slot_id), None)


def _choice_slots(conn: sa.Connection, event_id: int) -> dict[int, set[int]]:
    """Each choice slot of the day with the ids of its ateliers."""
    rows = conn.execute(sa.select(event_slots.c.id, event_sessions.c.id.label("atelier"))
                        .select_from(event_slots.outerjoin(
                            event_sessions, event_sessions.c.slot_id == event_slots.c.id))
                        .where(event_slots.c.event_id == event_id,
                               event_slots.c.is_choice.is_(True),
                               sa.or_(event_slots.c.ranked.is_(False),  # wishes: see wishes
                                      event_slots.c.allocated_at.is_not(None)))).all()
    slots: dict[int, set[int]] = {}
    for row in rows:
        slots.setdefault(row.id, set())
        if row.atelier is not None:
            slots[row.id].add(row.atelier)
    return {slot: ateliers for slot, ateliers in slots.items() if ateliers}


def _check_choices(conn: sa.Connection, event_id: int, choices: dict[int, int]) -> None:
    slots = _choice_slots(conn, event_id)
    if set(choices) - set(slots):
        raise ValidationError({"choices": "Un choix porte sur un créneau sans atelier."})
    missing = set(slots) - set(choices)
    if missing:
        raise ValidationError({"choices": "Choisissez un atelier pour chaque créneau "
                                          "« ateliers au choix »."})
    for slot_id, atelier_id in choices.items():
        if atelier_id not in slots[slot_id]:
            raise ValidationError({"choices": "Cet atelier n'appartient pas à ce créneau."})


def colleague_of(actor: User, person: User) -> bool:
    """A member of an MD registers the colleagues of the same MD (« chaque MD est libre de
    créer une cohorte de collègues référents »); organisers register anyone."""
    return (person.id == actor.id or has_role(actor, "organiser")
            or (has_role(actor, "member") and has_role(person, "member")
                and actor.department_code is not None
                and person.department_code == actor.department_code))


def _check_may_register(actor: User, person: User, event: Event) -> None:
    if not colleague_of(actor, person):
        raise PermissionDenied("Vous pouvez inscrire les collègues de votre MD ; pour une "
                               "autre personne, voyez avec les organisateurs.")
    if not may_attend(person, event.audience):
        raise PermissionDenied("Cette journée est réservée aux personnels des médiathèques "
                               "départementales." if event.audience == "md_staff" else
                               "Cette journée est réservée aux membres de Coop'MD.")
    reason = event.registration_state()
    if reason and not (has_role(actor, "organiser") and event.status in ("published", "closed")
                       and event.day >= local_now().date()):
        raise ValidationError({"_form": reason})


def register(conn: sa.Connection, *, actor: User, event_id: int, choices: dict[int, int],
             answers: Answers | None = None, user: User | None = None,
             wishes: dict[int, list[int]] | None = None) -> Registration:
    """Register `user` (default: the actor) with one atelier per choice slot.

    Everything that does not depend on the places left is done before the ateliers are
    locked, so that concurrent sign-ups wait on each other as briefly as possible.
    """
    person = user or actor
    event = get_event(conn, event_id=event_id, viewer=actor)
    _check_may_register(actor, person, event)
    _check_choices(conn, event_id, choices)
    ranked = day_wishes.check_wishes(conn, event_id=event_id, wishes=wishes or {})
    values = answer_columns(answers or Answers(),
                            questions.list_questions(conn, event_id=event_id),
                            event.standard_questions)
    # locked: two sign-ups of one person at once (a double click after a cancellation)
    # wait here for each other, and the second one sees the first's registration
    existing = conn.execute(sa.select(registrations.c.id, registrations.c.status).where(
        registrations.c.event_id == event_id, registrations.c.user_id == person.id)
        .with_for_update()).first()
    if existing and existing.status != "cancelled":
        raise ValidationError({"_form": "Vous êtes déjà inscrit·e à cette journée : modifiez "
                                        "votre inscription plutôt."})
    attachment = capacity.calendar(conn, event) if mailer.enabled(conn) else None
    capacity.check_day_quota(conn, event, person.id, person.department_code)
    planned = capacity.plan(conn, choices,  # locks the ateliers: from here on, be brief
                            department_code=person.department_code)
    status = "waitlisted" if any(p.status == "waitlisted" for p in planned) else "confirmed"
    stamp = now()
    registration_id = _upsert_registration(conn, event_id, person, actor, existing,
                                           {**values, "status": status}, stamp)
    placed = capacity.place(conn, registration_id=registration_id, placed=planned, stamp=stamp)
    day_wishes.save_wishes(conn, registration_id=registration_id, wishes=ranked)
    registration = Registration(
        registration_id, event_id, person.id, status, values["lunch"], values["dietary"],
        values["accessibility_needs"], values["comment"], stamp, None,
        tuple(Choice(p.slot_id, p.atelier_id, p.title, p.status, p.rank) for p in placed),
        actor.id, values.get("answers") or {},
        {slot: tuple(ateliers) for slot, ateliers in ranked.items()})
    _notify_registered(conn, registration, event, attachment,
                       by=actor if actor.id != person.id else None,
                       quota_held=any(p.by_quota for p in placed),
                       held=person.held_for_claim)
    audit.record(conn, actor_id=actor.id, action="register", entity="registration",
                 entity_id=registration_id, detail={"event": event_id, "user": person.id})
    return registration


def _upsert_registration(
    conn: sa.Connection,
    event_id: int,
    person: User,
    actor: User,
    existing: sa.Row[Any] | None,
    values: dict[str, Any],
    stamp: datetime,
) -> int:
    if existing:  # a cancelled registration comes back to life
        conn.execute(registrations.update().where(registrations.c.id == existing.id).values(
            registered_by=actor.id, updated_at=stamp, **values))
        return existing.id
    try:
        return conn.execute(registrations.insert().values(
            event_id=event_id, user_id=person.id, registered_by=actor.id, created_at=stamp,
            updated_at=stamp, **values).returning(registrations.c.id)).scalar_one()
    except sa.exc.IntegrityError as error:  # the same person, twice at once: the caller's
        # transaction is rolled back by this error, nothing is half-written
        raise ValidationError({"_form": "Vous êtes déjà inscrit·e à cette journée."}) from error


def _notify_registered(conn: sa.Connection, registration: Registration, event: Event,
                       attachment: tuple[str, bytes] | None, *, by: User | None,
                       quota_held: bool = False, held: bool = False) -> None:
    waiting = [c for c in registration.choices if c.status == "waitlisted"]
    text = (f"Inscription confirmée : {event.title} ({event.day:%d/%m/%Y})." if not waiting else
            f"Inscrit·e à {event.title} ; liste d'attente pour « {waiting[0].atelier_title} »"
            f" (position {waiting[0].rank})"
            + (", les places réservées à votre MD y étant prises." if quota_held else "."))
    if by is not None:
        text = f"{by.display_name} vous a inscrit·e. {text}"
    if held:
        text += (" Créez votre compte Coop'MD avec cette adresse e-mail pour retrouver votre "
                 "inscription et choisir vos ateliers.")
    notifications.notify(conn, user_id=registration.user_id,
                         kind="waitlist" if waiting else "confirmation", text=text,
                         link=f"events?event={event.id}",
                         email_subject=(("Liste d'attente : " if waiting else
                                         "Inscription confirmée : ") + event.title)
                         if attachment else None, attachment=attachment)


def _choices(conn: sa.Connection, registration_ids: list[int]) -> dict[int, list[Choice]]:
    earlier = registration_choices.alias("earlier")
    rank = (sa.select(sa.func.count()).select_from(earlier).where(
        earlier.c.session_id == registration_choices.c.session_id,
        earlier.c.status == "waitlisted",
        earlier.c.waitlist_position <= registration_choices.c.waitlist_position)
        .scalar_subquery())
    rows = conn.execute(
        sa.select(registration_choices.c.registration_id, registration_choices.c.slot_id,
                  registration_choices.c.session_id, event_sessions.c.title,
                  registration_choices.c.status, rank.label("rank"))
        .join(event_sessions, event_sessions.c.id == registration_choices.c.session_id)
        .where(registration_choices.c.registration_id.in_(registration_ids))
        .order_by(registration_choices.c.slot_id)).all()
    found: dict[int, list[Choice]] = {}
    for r in rows:
        found.setdefault(r.registration_id, []).append(Choice(
            r.slot_id, r.session_id, r.title, r.status,
            r.rank if r.status == "waitlisted" else None))
    return found


def _registration(row: sa.Row[Any], choices: list[Choice]) -> Registration:
    return Registration(row.id, row.event_id, row.user_id, row.status, row.lunch, row.dietary,
                        row.accessibility_needs, row.comment, row.created_at,
                        row.checked_in_at, tuple(choices), row.registered_by,
                        row.answers or {})


def get_registration(conn: sa.Connection, *, registration_id: int) -> Registration:
    row = conn.execute(sa.select(registrations)
                       .where(registrations.c.id == registration_id)).first()
    if row is None:
        raise NotFound("Inscription introuvable.")
    found = _registration(row, _choices(conn, [row.id]).get(row.id, []))
    return replace(found, wishes=day_wishes.list_wishes(conn, registration_id=row.id))


def get_registration_for(conn: sa.Connection, *, event_id: int, user: User) -> Registration | None:
    """The user's registration to this day, if any and not cancelled."""
    row = conn.execute(sa.select(registrations.c.id).where(
        registrations.c.event_id == event_id, registrations.c.user_id == user.id,
        registrations.c.status != "cancelled")).first()
    return get_registration(conn, registration_id=row.id) if row else None


def _editable(conn: sa.Connection, actor: User, registration_id: int) -> tuple[Registration,
              Event]:
    """The registration, locked for this change: two changes of one registration at once
    (a double cancel) run one after the other, and the second sees the first's result."""
    conn.execute(sa.select(registrations.c.id).where(registrations.c.id == registration_id)
                 .with_for_update())
    registration = get_registration(conn, registration_id=registration_id)
    if actor.id not in (registration.user_id, registration.registered_by) \
            and not has_role(actor, "organiser"):
        raise PermissionDenied("Vous ne pouvez modifier que votre inscription et celles des "
                               "collègues que vous avez inscrit·es.")
    if registration.status == "cancelled":
        raise ValidationError({"_form": "Cette inscription est annulée."})
    event = get_event(conn, event_id=registration.event_id, viewer=actor)
    reason = event.registration_state()
    if not has_role(actor, "organiser") and reason:
        raise ValidationError({"_form": reason})
    return registration, event


def _department_of(conn: sa.Connection, user_id: int) -> str | None:
    return conn.execute(sa.select(users.c.department_code)
                        .where(users.c.id == user_id)).scalar_one()


def _refuse_losing_place(conn: sa.Connection, current: Choice | None, atelier_id: int,
                         department: str | None) -> None:
    """A confirmed place is given up for a waiting list only when the person said so."""
    if current and current.status == "confirmed" and capacity.is_full(conn, atelier_id,
                                                                      department):
        target = conn.execute(sa.select(event_sessions.c.title)
                              .where(event_sessions.c.id == atelier_id)).one()
        why = ("est complet" if capacity.is_full(conn, atelier_id) else
               "n'a plus de place pour votre MD (nombre de places par MD atteint)")
        raise ValidationError({"choices": (
            f"L'atelier « {target.title} » {why} : y passer, c'est prendre place en "
            f"liste d'attente et libérer votre place confirmée dans « {current.atelier_title} »"
            ", qui irait à la personne suivante. Votre inscription n'a pas changé. Pour le "
            "faire quand même, cochez « J'accepte de perdre ma place confirmée » puis "
            "enregistrez à nouveau.")})


def change_choice(conn: sa.Connection, *, actor: User, registration_id: int, slot_id: int,
                  atelier_id: int, give_up_place: bool = False) -> Registration:
    """Switch atelier in one slot: the old place goes to the next person waiting.

    Moving from a confirmed place to a full atelier is refused unless `give_up_place`:
    people lost their place without knowing it."""
    registration, event = _editable(conn, actor, registration_id)
    current = registration.choice_for(slot_id)
    _check_choices(conn, event.id, {**{c.slot_id: c.atelier_id for c in registration.choices},
                                    slot_id: atelier_id})
    if current and current.atelier_id == atelier_id:
        return registration
    capacity.lock(conn, [atelier_id, *([current.atelier_id] if current else [])])
    department = _department_of(conn, registration.user_id)
    if not give_up_place:
        _refuse_losing_place(conn, current, atelier_id, department)
    conn.execute(registration_choices.delete().where(
        registration_choices.c.registration_id == registration_id,
        registration_choices.c.slot_id == slot_id))
    capacity.place(conn, registration_id=registration_id, placed=capacity.plan(
        conn, {slot_id: atelier_id}, department_code=department))
    if current:
        capacity.promote_waiting(conn, atelier_id=current.atelier_id)
    capacity.refresh_status(conn, registration_id)
    audit.record(conn, actor_id=actor.id, action="change_choice", entity="registration",
                 entity_id=registration_id, detail={"slot": slot_id, "atelier": atelier_id})
    if registration.user_id != actor.id:
        notifications.notify(conn, user_id=registration.user_id, kind="moved",
                             text=f"Un organisateur a modifié votre atelier pour {event.title}.",
                             link=f"events?event={event.id}")
    return get_registration(conn, registration_id=registration_id)


def cancel(conn: sa.Connection, *, actor: User, registration_id: int) -> None:
    """Cancel a registration; each freed place goes to the first person waiting.

    Organisers may do it at any time (after the closing date too); the person is told."""
    registration, event = _editable(conn, actor, registration_id)
    freed = sorted(c.atelier_id for c in registration.choices)
    capacity.lock(conn, freed)
    conn.execute(registration_choices.delete().where(
        registration_choices.c.registration_id == registration_id))
    conn.execute(slot_wishes.delete().where(slot_wishes.c.registration_id == registration_id))
    conn.execute(registrations.update().where(registrations.c.id == registration_id)
                 .values(status="cancelled", updated_at=now()))
    for atelier_id in freed:
        capacity.promote_waiting(conn, atelier_id=atelier_id)
    audit.record(conn, actor_id=actor.id, action="cancel", entity="registration",
                 entity_id=registration_id)
    if registration.user_id != actor.id:
        notifications.notify(conn, user_id=registration.user_id, kind="unregistered",
                             text=f"{actor.display_name} a annulé votre inscription à "
                                  f"« {event.title} » ({event.day:%d/%m/%Y}).",
                             link=f"events?event={event.id}")


def set_wishes(conn: sa.Connection, *, actor: User, registration_id: int, slot_id: int,
               ateliers: list[int]) -> Registration:
    """Change one's ranked wishes until registrations close (and the allocation runs)."""
    registration, event = _editable(conn, actor, registration_id)
    checked = day_wishes.check_wishes(conn, event_id=event.id, wishes={
        **{s: list(a) for s, a in registration.wishes.items()}, slot_id: ateliers})
    day_wishes.save_wishes(conn, registration_id=registration_id,
                           wishes={slot_id: checked[slot_id]})
    audit.record(conn, actor_id=actor.id, action="set_wishes", entity="registration",
                 entity_id=registration_id, detail={"slot": slot_id, "wishes": ateliers})
    return get_registration(conn, registration_id=registration_id)


def set_answers(conn: sa.Connection, *, actor: User, registration_id: int,
                answers: Answers) -> Registration:
    """Change lunch, dietary, accessibility needs, comment and the answers to the day's own
    questions (when given) until registrations close."""
    _registration_row, event = _editable(conn, actor, registration_id)
    asked = questions.list_questions(conn, event_id=event.id) if answers.replies is not None \
        else []
    conn.execute(registrations.update().where(registrations.c.id == registration_id)
                 .values(**answer_columns(answers, asked, event.standard_questions),
                         updated_at=now()))
    audit.record(conn, actor_id=actor.id, action="set_answers", entity="registration",
                 entity_id=registration_id)
    return get_registration(conn, registration_id=registration_id)
