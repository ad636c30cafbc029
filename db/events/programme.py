"""The programme of a day: ordered slots, and the ateliers (with capacity) of choice slots.

Editing never loses registrations: a slot or atelier with registrations cannot be deleted,
and a capacity cannot drop below the confirmed places (raising it promotes waiting people).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import time
from typing import Any

import sqlalchemy as sa

from db import audit, reference, validation
from db.errors import NotFound, ValidationError
from db.events import SLOT_KINDS, Atelier, Event, Slot, capacity, get_event
from db.roles import User, require_role
from db.schema import event_sessions, event_slots, registration_choices, slot_wishes


@dataclass(frozen=True)
class SlotInput:
    """A programme slot as the form gives it; checked by `add_slot` and `update_slot`."""
    starts_at: time | None = None
    ends_at: time | None = None
    kind: str | None = None
    title: str | None = None
    description: str | None = None
    ranked: bool | None = False  # « vœux classés » (an « ateliers au choix » slot only)


@dataclass(frozen=True)
class AtelierInput:
    """An atelier as the form gives it: its places may be the text typed (« 12 »), parsed
    here once; checked by `add_atelier` and `update_atelier`."""
    title: str | None = None
    description: str | None = None
    host_department_code: str | None = None
    facilitator: str | None = None
    room: str | None = None
    capacity: int | str | None = None
    md_quota: int | str | None = None  # confirmed places of one MD, at most; blank: no cap


def list_slots(conn: sa.Connection, *, event_id: int,
               department_code: str | None = None) -> list[Slot]:
    """Slots in time order, each choice slot with its ateliers and their live counts (and,
    given the viewer's MD, the places it holds where a quota applies)."""
    slots = conn.execute(sa.select(event_slots).where(event_slots.c.event_id == event_id)
                         .order_by(event_slots.c.starts_at, event_slots.c.id)).all()
    slot_ids = [s.id for s in slots]
    todays = sa.select(event_sessions.c.id).where(event_sessions.c.slot_id.in_(slot_ids))
    counts = sa.select(
        registration_choices.c.session_id,
        sa.func.sum(sa.case((registration_choices.c.status == "confirmed", 1), else_=0))
        .label("confirmed"),
        sa.func.sum(sa.case((registration_choices.c.status == "waitlisted", 1), else_=0))
        .label("waiting"),
    ).where(registration_choices.c.session_id.in_(todays)
            ).group_by(registration_choices.c.session_id).subquery()
    rows = conn.execute(
        sa.select(event_sessions, sa.func.coalesce(counts.c.confirmed, 0).label("confirmed"),
                  sa.func.coalesce(counts.c.waiting, 0).label("waiting"))
        .select_from(event_sessions.outerjoin(counts,
                                              counts.c.session_id == event_sessions.c.id))
        .where(event_sessions.c.slot_id.in_(slot_ids))
        .order_by(event_sessions.c.id)).all()
    capped = [r.id for r in rows if r.md_quota]
    taken = capacity.md_confirmed(conn, capped, department_code) if capped else {}
    ateliers: dict[int, list[Atelier]] = {}
    for r in rows:
        ateliers.setdefault(r.slot_id, []).append(Atelier(
            r.id, r.slot_id, r.title, r.description, r.host_department_code, r.facilitator,
            r.room, r.capacity, int(r.confirmed), int(r.waiting), r.md_quota,
            taken.get(r.id, 0) if department_code and r.md_quota else None))
    return [Slot(s.id, s.position, s.starts_at, s.ends_at, s.kind, s.title, s.description,
                 s.is_choice, tuple(ateliers.get(s.id, ())), s.ranked,
                 s.allocated_at is not None) for s in slots]


def _slot_problems(conn: sa.Connection, event: Event, data: dict[str, Any],
                   slot_id: int | None) -> dict[str, Any]:
    problems: dict[str, str | None] = {
        "title": validation.plain_text(data["title"], label="L'intitulé", max_len=200),
        "kind": None if data["kind"] in SLOT_KINDS else "Type de créneau inconnu.",
    }
    starts, ends = data["starts_at"], data["ends_at"]
    if not isinstance(starts, time):
        problems["starts_at"] = "L'heure de début est obligatoire."
        return problems
    if ends is not None and ends <= starts:
        problems["ends_at"] = "La fin du créneau doit être après son début."
    elif starts < event.starts_at or (ends or starts) > event.ends_at:
        problems["starts_at"] = (f"Le créneau doit tenir dans la journée "
                                 f"({event.starts_at:%H:%M}–{event.ends_at:%H:%M}).")
    else:
        problems["starts_at"] = _overlap(conn, event.id, starts, ends or starts, slot_id)
    return problems


def _overlap(conn: sa.Connection, event_id: int, starts: time, ends: time,
             slot_id: int | None) -> str | None:
    for other in list_slots(conn, event_id=event_id):
        if other.id == slot_id:
            continue
        other_end = other.ends_at or other.starts_at
        if (starts < other_end and other.starts_at < ends) or starts == other.starts_at:
            return (f"Ce créneau chevauche « {other.title} » ({other.starts_at:%H:%M}"
                    f"{'–' + format(other.ends_at, '%H:%M') if other.ends_at else ''}).")
    return None


def _clean_slot(given: SlotInput) -> dict[str, Any]:
    return {"starts_at": given.starts_at, "ends_at": given.ends_at, "kind": given.kind,
            "title": validation.clean(given.title),
            "description": validation.clean(given.description) or None,
            "ranked": bool(given.ranked) and given.kind == "ateliers"}


def create_slot(conn: sa.Connection, *, actor: User, event_id: int, data: SlotInput) -> int:
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    values = _clean_slot(data)
    validation.raise_if(_slot_problems(conn, event, values, None))
    slot_id = conn.execute(event_slots.insert().values(
        event_id=event_id, position=0, is_choice=values["kind"] == "ateliers", **values)
        .returning(event_slots.c.id)).scalar_one()
    _renumber(conn, event_id)
    audit.record(conn, actor_id=actor.id, action="add_slot", entity="event",
                 entity_id=event_id, detail={"slot": slot_id})
    return slot_id


def update_slot(conn: sa.Connection, *, actor: User, slot_id: int, data: SlotInput) -> None:
    require_role(actor, "organiser")
    slot = _slot_row(conn, slot_id)
    event = get_event(conn, event_id=slot.event_id, viewer=actor)
    values = _clean_slot(data)
    validation.raise_if(_slot_problems(conn, event, values, slot_id))
    if slot.is_choice and values["kind"] != "ateliers" and _has_ateliers(conn, slot_id):
        raise ValidationError({"kind": "Ce créneau a des ateliers : supprimez-les d'abord."})
    if values["ranked"] != slot.ranked and _has_choices(conn, slot_id):
        raise ValidationError({"ranked": "Des personnes ont déjà choisi ou classé leurs "
                                         "ateliers : le mode de choix ne change plus."})
    conn.execute(event_slots.update().where(event_slots.c.id == slot_id)
                 .values(is_choice=values["kind"] == "ateliers", **values))
    _renumber(conn, slot.event_id)
    audit.record(conn, actor_id=actor.id, action="update_slot", entity="event",
                 entity_id=slot.event_id, detail={"slot": slot_id})


def delete_slot(conn: sa.Connection, *, actor: User, slot_id: int) -> None:
    require_role(actor, "organiser")
    slot = _slot_row(conn, slot_id)
    if _has_ateliers(conn, slot_id):
        raise ValidationError({"_form": "Ce créneau a des ateliers : supprimez-les d'abord."})
    conn.execute(event_slots.delete().where(event_slots.c.id == slot_id))
    _renumber(conn, slot.event_id)
    audit.record(conn, actor_id=actor.id, action="delete_slot", entity="event",
                 entity_id=slot.event_id, detail={"slot": slot_id, "title": slot.title})


def _slot_row(conn: sa.Connection, slot_id: int) -> sa.Row[Any]:
    row = conn.execute(sa.select(event_slots).where(event_slots.c.id == slot_id)).first()
    if row is None:
        raise NotFound("Créneau introuvable.")
    return row


def _has_choices(conn: sa.Connection, slot_id: int) -> bool:
    """Someone chose an atelier here, or ranked them."""
    return any(conn.execute(sa.select(table.c.id).where(table.c.slot_id == slot_id)).first()
               for table in (registration_choices, slot_wishes))


def _has_ateliers(conn: sa.Connection, slot_id: int) -> bool:
    return conn.execute(sa.select(event_sessions.c.id)
                        .where(event_sessions.c.slot_id == slot_id)).first() is not None


def _renumber(conn: sa.Connection, event_id: int) -> None:
    for position, slot in enumerate(list_slots(conn, event_id=event_id)):
        if slot.position != position:
            conn.execute(event_slots.update().where(event_slots.c.id == slot.id)
                         .values(position=position))


def _atelier_problems(conn: sa.Connection, data: dict[str, Any]) -> dict[str, str | None]:
    problems: dict[str, str | None] = {
        "title": validation.plain_text(data["title"], label="Le titre", max_len=200),
        "description": validation.text(data["description"] or "", label="La description",
                                       max_len=5_000, required=False),
        "facilitator": validation.plain_text(data["facilitator"] or "", label="L'animation",
                                             max_len=200, required=False),
        "room": validation.plain_text(data["room"] or "", label="La salle", max_len=120,
                                      required=False),
    }
    data["capacity"], problems["capacity"] = validation.whole_number(
        data["capacity"], label="Le nombre de places", low=1, high=5000, example=12)
    data["md_quota"], problems["md_quota"] = validation.whole_number(
        data["md_quota"], label="Le nombre de places par MD", low=1, high=5000,
        required=False, example=4)
    if data["md_quota"] and data["capacity"] and data["md_quota"] > data["capacity"]:
        problems["md_quota"] = (f"Le nombre de places par MD ({data['md_quota']}) dépasse "
                                f"celui de l'atelier ({data['capacity']}).")
    problems["host_department_code"] = reference.department_problem(
        conn, data["host_department_code"])
    return problems


def _clean_atelier(given: AtelierInput) -> dict[str, Any]:
    data = asdict(given)
    for key in ("title", "description", "facilitator", "room"):
        data[key] = validation.clean(data[key]) or None
    data["title"] = data["title"] or ""
    data["host_department_code"] = validation.reference(data["host_department_code"])
    return data


def create_atelier(conn: sa.Connection, *, actor: User, slot_id: int, data: AtelierInput) -> int:
    require_role(actor, "organiser")
    slot = _slot_row(conn, slot_id)
    if not slot.is_choice:
        raise ValidationError({"_form": "Les ateliers se placent dans un créneau « ateliers "
                                        "au choix »."})
    values = _clean_atelier(data)
    validation.raise_if(_atelier_problems(conn, values))
    atelier_id = conn.execute(event_sessions.insert().values(slot_id=slot_id, **values)
                              .returning(event_sessions.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="add_atelier", entity="event",
                 entity_id=slot.event_id, detail={"atelier": atelier_id})
    return atelier_id


def update_atelier(conn: sa.Connection, *, actor: User, atelier_id: int,
                   data: AtelierInput) -> None:
    """Edit an atelier; more places (or a larger MD quota) promote the first people
    waiting, fewer than the confirmed count are refused."""
    require_role(actor, "organiser")
    values = _clean_atelier(data)
    validation.raise_if(_atelier_problems(conn, values))
    row = capacity.lock(conn, [atelier_id])[atelier_id]
    confirmed = capacity.confirmed_count(conn, atelier_id)
    if values["capacity"] < confirmed:
        raise ValidationError({"capacity": f"{confirmed} personnes sont déjà confirmées dans "
                                           f"cet atelier : la capacité ne peut pas descendre "
                                           f"en dessous."})
    most = max(capacity.md_shares(conn, atelier_id).values(), default=0)
    if values["md_quota"] and values["md_quota"] < most:
        raise ValidationError({"md_quota": f"Une MD a déjà {most} places confirmées dans cet "
                                           "atelier : le nombre de places par MD ne peut pas "
                                           "descendre en dessous."})
    conn.execute(event_sessions.update().where(event_sessions.c.id == atelier_id)
                 .values(**values))
    capacity.promote_waiting(conn, atelier_id=atelier_id)
    audit.record(conn, actor_id=actor.id, action="update_atelier", entity="event",
                 entity_id=_slot_row(conn, row.slot_id).event_id,
                 detail={"atelier": atelier_id, "capacity": values["capacity"],
                         "md_quota": values["md_quota"]})


def delete_atelier(conn: sa.Connection, *, actor: User, atelier_id: int) -> None:
    require_role(actor, "organiser")
    row = capacity.lock(conn, [atelier_id])[atelier_id]
    used = conn.execute(sa.select(sa.func.count()).select_from(registration_choices)
                        .where(registration_choices.c.session_id == atelier_id)).scalar_one()
    if used:
        raise ValidationError({"_form": f"{used} inscription(s) portent sur cet atelier : "
                                        "déplacez ces personnes avant de le supprimer."})
    conn.execute(event_sessions.delete().where(event_sessions.c.id == atelier_id))
    audit.record(conn, actor_id=actor.id, action="delete_atelier", entity="event",
                 entity_id=_slot_row(conn, row.slot_id).event_id,
                 detail={"atelier": atelier_id, "title": row.title})
