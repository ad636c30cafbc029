"""The organisers' desk on the day: check-in, and confirming someone from a waiting list
out of order. Both are organiser-only and audited."""

from __future__ import annotations

import sqlalchemy as sa

from db import audit, notifications
from db.engine import now
from db.errors import PermissionDenied, ValidationError
from db.events import capacity
from db.events.registrations import get_registration
from db.roles import User, has_role
from db.schema import registration_choices, registrations, users


def check_in(conn: sa.Connection, *, actor: User, registration_id: int,
             present: bool = True) -> None:
    """Organisers mark who came on the day (and can undo it)."""
    if not has_role(actor, "organiser"):
        raise PermissionDenied("Le pointage est réservé aux organisateurs.")
    registration = get_registration(conn, registration_id=registration_id)
    if registration.status == "cancelled":
        raise ValidationError({"_form": "Cette inscription est annulée."})
    conn.execute(registrations.update().where(registrations.c.id == registration_id)
                 .values(checked_in_at=now() if present else None))
    audit.record(conn, actor_id=actor.id, action="check_in" if present else "undo_check_in",
                 entity="registration", entity_id=registration_id)


def promote(conn: sa.Connection, *, actor: User, registration_id: int, slot_id: int) -> None:
    """An organiser confirms someone from the waiting list, out of order, if a place is free."""
    if not has_role(actor, "organiser"):
        raise PermissionDenied("Réservé aux organisateurs.")
    choice = get_registration(conn, registration_id=registration_id).choice_for(slot_id)
    if choice is None or choice.status != "waitlisted":
        raise ValidationError({"_form": "Cette personne n'est pas en liste d'attente ici."})
    atelier = capacity.lock(conn, [choice.atelier_id])[choice.atelier_id]
    if capacity.confirmed_count(conn, choice.atelier_id) >= atelier.capacity:
        raise ValidationError({"_form": "L'atelier est complet : augmentez sa capacité ou "
                                        "déplacez quelqu'un d'abord."})
    person = get_registration(conn, registration_id=registration_id).user_id
    if capacity.is_full(conn, choice.atelier_id, conn.execute(
            sa.select(users.c.department_code).where(users.c.id == person)).scalar_one()):
        raise ValidationError({"_form": "Les places de cette MD dans l'atelier sont prises : "
                                        "augmentez le nombre de places par MD d'abord."})
    conn.execute(registration_choices.update().where(
        registration_choices.c.registration_id == registration_id,
        registration_choices.c.slot_id == slot_id)
        .values(status="confirmed", waitlist_position=None))
    capacity.refresh_status(conn, registration_id)
    promoted = get_registration(conn, registration_id=registration_id)
    notifications.notify(conn, user_id=promoted.user_id, kind="promotion",
                         text=f"Votre place à l'atelier « {atelier.title} » est confirmée.",
                         link=f"events?event={promoted.event_id}")
    audit.record(conn, actor_id=actor.id, action="promote", entity="registration",
                 entity_id=registration_id, detail={"slot": slot_id})
