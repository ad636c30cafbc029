"""« Vœux classés »: in a ranked choice slot, each registration ranks up to three of its
ateliers (1st, 2nd, 3rd) until the organiser runs the allocation (`allocation`); then the
slot is an ordinary choice slot. Who may change them, and when, is `registrations`'s."""

from __future__ import annotations

import sqlalchemy as sa

from db.errors import ValidationError
from db.schema import event_sessions, event_slots, slot_wishes

MAX_WISHES = 3


def wish_slots(conn: sa.Connection, *, event_id: int) -> dict[int, set[int]]:
    """The day's ranked slots not allocated yet, each with its ateliers."""
    rows = conn.execute(sa.select(event_slots.c.id, event_sessions.c.id.label("atelier"))
                        .join(event_sessions, event_sessions.c.slot_id == event_slots.c.id)
                        .where(event_slots.c.event_id == event_id,
                               event_slots.c.ranked.is_(True),
                               event_slots.c.allocated_at.is_(None))).all()
    slots: dict[int, set[int]] = {}
    for row in rows:
        slots.setdefault(row.id, set()).add(row.atelier)
    return slots


def check_wishes(conn: sa.Connection, *, event_id: int,
                 wishes: dict[int, list[int]]) -> dict[int, list[int]]:
    """Every ranked slot gets 1 to 3 distinct ateliers of its own, in order."""
    slots = wish_slots(conn, event_id=event_id)
    if set(wishes) - set(slots):
        raise ValidationError({"wishes": "Ce créneau ne prend pas de vœux classés."})
    for slot_id, ateliers in slots.items():
        given = [a for a in wishes.get(slot_id, []) if a is not None]
        if not given:
            raise ValidationError({"wishes": "Classez au moins un atelier pour chaque créneau "
                                             "à vœux (trois au plus, par ordre de préférence)."})
        if len(given) != len(set(given)):
            raise ValidationError({"wishes": "Un même atelier ne peut être classé deux fois."})
        if len(given) > MAX_WISHES:
            raise ValidationError({"wishes": f"{MAX_WISHES} vœux au plus par créneau."})
        if not set(given) <= ateliers:
            raise ValidationError({"wishes": "Cet atelier n'appartient pas à ce créneau."})
    return {slot_id: [a for a in wishes.get(slot_id, []) if a is not None] for slot_id in slots}


def save_wishes(conn: sa.Connection, *, registration_id: int,
                wishes: dict[int, list[int]]) -> None:
    """Replace this registration's wishes for these slots."""
    for slot_id, ateliers in wishes.items():
        conn.execute(slot_wishes.delete().where(slot_wishes.c.registration_id == registration_id,
                                                slot_wishes.c.slot_id == slot_id))
        if ateliers:
            conn.execute(slot_wishes.insert(), [
                {"registration_id": registration_id, "slot_id": slot_id, "atelier_id": a,
                 "rank": rank} for rank, a in enumerate(ateliers, 1)])


def list_wishes(conn: sa.Connection, *, registration_id: int) -> dict[int, tuple[int, ...]]:
    rows = conn.execute(sa.select(slot_wishes.c.slot_id, slot_wishes.c.atelier_id)
                        .where(slot_wishes.c.registration_id == registration_id)
                        .order_by(slot_wishes.c.slot_id, slot_wishes.c.rank)).all()
    found: dict[int, list[int]] = {}
    for row in rows:
        found.setdefault(row.slot_id, []).append(row.atelier_id)
    return {slot: tuple(ateliers) for slot, ateliers in found.items()}
