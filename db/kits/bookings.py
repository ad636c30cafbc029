"""Booking a kit for a library: the request (automatic or validated by the kit's MD), the
MD's answer (accept, refuse with a reason, propose other dates), the borrower's answer to
a proposal, cancellation, and the waiting list whose first compatible request is offered
the freed days for 48 hours.

Every write that takes or frees days locks the kit first (`holds.lock_kit`), so that two
requests for one kit are decided one after the other, whatever the number of processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, validation
from db.engine import local_now, now
from db.errors import PermissionDenied, ValidationError
from db.kits import holds
from db.kits.browse import get_booking
from db.kits.model import Booking, booking_row, may_manage
from db.roles import User, has_role
from db.schema import departments, kit_bookings, users

OPEN = ("demandee", "proposee", "acceptee", "attente", "offerte")  # may still be cancelled


@dataclass(frozen=True)
class BookingInput:
    """A request as the booking form gives it."""
    library: str | None = None
    commune: str | None = None
    library_department: str | None = None
    purpose: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    quantity: object = 1
    event_id: int | None = None
    pitch_id: int | None = None
    route: str | None = None
    wait: bool = False  # taken dates: join the waiting list rather than be refused


def today() -> date:
    return local_now().date()


def dates_problem(kit: sa.Row[Any], starts_on: date | None, ends_on: date | None,
                  day: date) -> dict[str, str | None]:
    """The dates' messages: both given, in order, not past, within the kit's lengths."""
    if not starts_on or not ends_on:
        return {"starts_on": None if starts_on else "Indiquez la date de départ.",
                "ends_on": None if ends_on else "Indiquez la date de retour."}
    if ends_on < starts_on:
        return {"ends_on": "La date de retour doit suivre la date de départ."}
    if starts_on < day:
        return {"starts_on": "Cette date est passée : choisissez une date à venir."}
    length = (ends_on - starts_on).days + 1
    if length > kit.max_days:
        return {"ends_on": f"Ce matériel se prête {kit.max_days} jours au plus "
                           f"(demandé : {length})."}
    if length < kit.min_days:
        return {"ends_on": f"Ce matériel se prête {kit.min_days} jours au moins "
                           f"(demandé : {length})."}
    return {}


def _checked(conn: sa.Connection, kit: sa.Row[Any], data: BookingInput,
             day: date) -> dict[str, Any]:
    library, commune = validation.clean(data.library), validation.clean(data.commune)
    purpose, route = validation.clean(data.purpose), validation.clean(data.route)
    quantity, quantity_error = validation.whole_number(
        data.quantity, label="La quantité", low=1, high=max(kit.units, 1))
    if quantity_error and kit.units == 1:
        quantity_error = "Ce matériel se prête en une seule unité."
    elif quantity_error and "entre" in quantity_error:
        quantity_error = f"Ce matériel compte {kit.units} unités : pas davantage."
    known = conn.execute(sa.select(departments.c.code).where(
        departments.c.code == data.library_department)).scalar() \
        if data.library_department else None
    validation.raise_if({
        "_form": {"maintenance": "Ce matériel est en maintenance : il ne se réserve pas "
                                 "pour l'instant.",
                  "retiree": "Ce matériel est retiré du prêt."}.get(kit.status),
        "library": validation.plain_text(library, label="La bibliothèque", max_len=200),
        "commune": validation.plain_text(commune, label="La commune", max_len=120),
        "library_department": None if known else "Choisissez le département.",
        "purpose": validation.plain_text(purpose, label="L'animation prévue", max_len=300),
        "route": validation.plain_text(route, label="La tournée de navette", max_len=300,
                                       required=False),
        "quantity": quantity_error,
        **dates_problem(kit, data.starts_on, data.ends_on, day)})
    return {"library": library, "commune": commune, "library_department": known,
            "purpose": purpose, "route": route, "quantity": quantity,
            "starts_on": data.starts_on, "ends_on": data.ends_on,
            "event_id": validation.reference(data.event_id),
            "pitch_id": validation.reference(data.pitch_id)}


def tell_md(conn: sa.Connection, department_code: str, *, text: str, link: str,
            subject: str) -> None:
    """The staff of the kit's MD: each is told in the app and by e-mail."""
    for user_id in conn.execute(sa.select(users.c.id).where(
            users.c.department_code == department_code, users.c.active.is_(True),
            users.c.held_for_claim.is_(False), users.c.role != "contributor")).scalars():
        notifications.notify(conn, user_id=user_id, kind="kit", text=text, link=link,
                             email_subject=subject)


def _same_twice(conn: sa.Connection, kit_id: int, values: dict[str, Any],
                actor: User) -> bool:
    return conn.execute(sa.select(kit_bookings.c.id).where(
        kit_bookings.c.kit_id == kit_id, kit_bookings.c.status.in_(OPEN),
        sa.or_(kit_bookings.c.requested_by == actor.id,
               sa.func.lower(kit_bookings.c.library) == values["library"].lower()),
        kit_bookings.c.starts_on <= values["ends_on"],
        kit_bookings.c.ends_on >= values["starts_on"])).first() is not None


def book(conn: sa.Connection, *, actor: User, kit_id: int, data: BookingInput,
         on: date | None = None) -> Booking:
    """Request the kit for a library: held at once, then accepted (automatic kits) or
    awaiting the MD; dates taken: refused, or on the waiting list when `data.wait`."""
    if not has_role(actor, "contributor"):
        raise PermissionDenied("Connectez-vous pour réserver du matériel.")
    kit = holds.lock_kit(conn, kit_id)
    values = _checked(conn, kit, data, on or today())
    if _same_twice(conn, kit_id, values, actor):
        raise ValidationError({"_form": "Ce matériel est déjà réservé pour vous (ou pour "
                                        "cette bibliothèque) sur ces dates."})
    free = holds.free_units(conn, kit, values["starts_on"], values["ends_on"])
    if len(free) < values["quantity"] and not data.wait:
        raise ValidationError({"starts_on": (
            f"« {kit.title} » est déjà réservé sur ces dates (avec les {kit.buffer_days} "
            "jours de délai entre deux prêts). Choisissez d'autres dates, ou cochez la "
            "liste d'attente.")})
    status = ("attente" if len(free) < values["quantity"]
              else "demandee" if kit.needs_approval else "acceptee")
    stamp = now()
    booking_id = conn.execute(kit_bookings.insert().values(
        kit_id=kit_id, requested_by=actor.id, status=status, created_at=stamp,
        updated_at=stamp, **values).returning(kit_bookings.c.id)).scalar_one()
    if status != "attente" and not holds.hold(
            conn, kit=kit, booking_id=booking_id, starts_on=values["starts_on"],
            ends_on=values["ends_on"], quantity=values["quantity"]):
        raise ValidationError({"starts_on": "Ces dates viennent d'être prises : "
                                            "rechargez le calendrier."})
    if status != "acceptee":
        tell_md(conn, kit.department_code, link=f"kits?reservation={booking_id}",
                text=f"{actor.display_name} demande « {kit.title} » pour "
                     f"{values['library']} ({values['commune']}) du "
                     f"{values['starts_on']:%d/%m/%Y} au {values['ends_on']:%d/%m/%Y}"
                     + (" (liste d'attente)." if status == "attente" else "."),
                subject=f"Demande de prêt : « {kit.title} »")
    audit.record(conn, actor_id=actor.id, action=f"kit.book.{status}", entity="kit_booking",
                 entity_id=booking_id)
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def locked_booking(conn: sa.Connection, actor: User, booking_id: int,
                   allowed: tuple[str, ...], *, borrower_too: bool = False
                   ) -> tuple[sa.Row[Any], sa.Row[Any]]:
    """The booking and its kit, both locked (the kit first, as every writer does), for its
    MD's staff — and its borrower when `borrower_too` — if its status allows."""
    kit = holds.lock_kit(conn, booking_row(conn, booking_id).kit_id)
    row = booking_row(conn, booking_id, lock=True)
    if not may_manage(actor, kit.department_code) and not (
            borrower_too and row.requested_by == actor.id):
        raise PermissionDenied("Seule la personne qui a fait la demande y répond."
                               if borrower_too else
                               "Seule l'équipe de la MD qui prête ce matériel en décide.")
    if row.status not in allowed:
        raise ValidationError({"_form": "Cette réservation a déjà changé d'état : "
                                        "rechargez la page."})
    return row, kit


def _tell_borrower(conn: sa.Connection, row: sa.Row[Any], kit: sa.Row[Any],
                   text: str) -> None:
    notifications.notify(conn, user_id=row.requested_by, kind="kit",
                         text=f"« {kit.title} » : {text}",
                         link=f"kits?reservation={row.id}",
                         email_subject=f"Votre demande de prêt : « {kit.title} »")


def set_booking(conn: sa.Connection, booking_id: int, **values: Any) -> None:
    conn.execute(kit_bookings.update().where(kit_bookings.c.id == booking_id)
                 .values(**values, updated_at=now()))


def accept_booking(conn: sa.Connection, *, actor: User, booking_id: int) -> Booking:
    row, kit = locked_booking(conn, actor, booking_id, ("demandee",))
    set_booking(conn, booking_id, status="acceptee")
    _tell_borrower(conn, row, kit, f"prêt accepté du {row.starts_on:%d/%m/%Y} au "
                                   f"{row.ends_on:%d/%m/%Y}.")
    audit.record(conn, actor_id=actor.id, action="kit.accept", entity="kit_booking",
                 entity_id=booking_id)
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def refuse_booking(conn: sa.Connection, *, actor: User, booking_id: int,
                   reason: str) -> Booking:
    reason = validation.clean(reason)
    validation.raise_if({"reason": validation.text(reason, label="La raison du refus",
                                                   max_len=1_000)})
    row, kit = locked_booking(conn, actor, booking_id, ("demandee", "attente"))
    holds.release(conn, booking_id=booking_id)
    set_booking(conn, booking_id, status="refusee", md_note=reason)
    _tell_borrower(conn, row, kit, f"demande refusée. {reason}")
    holds.offer_freed(conn, kit=kit, today=today())
    audit.record(conn, actor_id=actor.id, action="kit.refuse", entity="kit_booking",
                 entity_id=booking_id)
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def propose_dates(conn: sa.Connection, *, actor: User, booking_id: int, starts_on: date | None,
                  ends_on: date | None, note: str = "") -> Booking:
    """Other dates, held for the borrower until they answer."""
    row, kit = locked_booking(conn, actor, booking_id, ("demandee",))
    note = validation.clean(note)
    problems = dates_problem(kit, starts_on, ends_on, today())
    validation.raise_if({f"proposed_{k}": v for k, v in problems.items()} | {
        "note": validation.text(note, label="Le message", max_len=1_000, required=False)})
    assert starts_on and ends_on  # dates_problem said so
    if not holds.hold(conn, kit=kit, booking_id=booking_id, starts_on=starts_on,
                      ends_on=ends_on, quantity=row.quantity):
        raise ValidationError({"proposed_starts_on": "Ces dates-là sont prises aussi."})
    set_booking(conn, booking_id, status="proposee", proposed_starts_on=starts_on,
                proposed_ends_on=ends_on, md_note=note)
    _tell_borrower(conn, row, kit, f"la MD propose le {starts_on:%d/%m/%Y} au "
                                   f"{ends_on:%d/%m/%Y}. {note}".strip())
    holds.offer_freed(conn, kit=kit, today=today())
    audit.record(conn, actor_id=actor.id, action="kit.propose", entity="kit_booking",
                 entity_id=booking_id)
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def answer_proposal(conn: sa.Connection, *, actor: User, booking_id: int,
                    accept: bool) -> Booking:
    """The borrower takes the MD's dates (accepted) or declines them (cancelled)."""
    row, kit = locked_booking(conn, actor, booking_id, ("proposee",), borrower_too=True)
    if accept:
        set_booking(conn, booking_id, status="acceptee", starts_on=row.proposed_starts_on,
                    ends_on=row.proposed_ends_on)
    else:
        holds.release(conn, booking_id=booking_id)
        set_booking(conn, booking_id, status="annulee")
        holds.offer_freed(conn, kit=kit, today=today())
    tell_md(conn, kit.department_code, link=f"kits?reservation={booking_id}",
            text=f"{row.library} {'accepte' if accept else 'décline'} les dates proposées "
                 f"pour « {kit.title} ».",
            subject=f"Réponse à votre proposition : « {kit.title} »")
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def cancel_booking(conn: sa.Connection, *, actor: User, booking_id: int) -> Booking:
    """The borrower (or the MD) cancels; the freed days go to the waiting list."""
    row, kit = locked_booking(conn, actor, booking_id, OPEN, borrower_too=True)
    holds.release(conn, booking_id=booking_id)
    set_booking(conn, booking_id, status="annulee")
    holds.offer_freed(conn, kit=kit, today=today())
    if actor.id == row.requested_by:
        tell_md(conn, kit.department_code, link=f"kits?reservation={booking_id}",
                text=f"{row.library} annule sa réservation de « {kit.title} » "
                     f"({row.starts_on:%d/%m/%Y} – {row.ends_on:%d/%m/%Y}).",
                subject=f"Réservation annulée : « {kit.title} »")
    else:
        _tell_borrower(conn, row, kit, "réservation annulée par la MD.")
    audit.record(conn, actor_id=actor.id, action="kit.cancel", entity="kit_booking",
                 entity_id=booking_id)
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def accept_offer(conn: sa.Connection, *, actor: User, booking_id: int,
                 at: datetime | None = None) -> Booking:
    """Within 48 hours, the waiting borrower takes the freed days."""
    row, kit = locked_booking(conn, actor, booking_id, ("offerte",), borrower_too=True)
    if row.offer_expires_at <= (at or now()):
        raise ValidationError({"_form": "Le délai de 48 heures est passé : ces dates ont "
                                        "été proposées à la demande suivante."})
    set_booking(conn, booking_id, status="demandee" if kit.needs_approval else "acceptee",
                offer_expires_at=None)
    tell_md(conn, kit.department_code, link=f"kits?reservation={booking_id}",
            text=f"{row.library} prend les dates libérées de « {kit.title} ».",
            subject=f"Liste d'attente : « {kit.title} »")
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def expire_offers(conn: sa.Connection, *, at: datetime | None = None) -> list[int]:
    """Offers not taken within 48 hours lapse; their days go to the next request."""
    at = at or now()
    lapsed = conn.execute(sa.select(kit_bookings.c.id, kit_bookings.c.kit_id).where(
        kit_bookings.c.status == "offerte", kit_bookings.c.offer_expires_at <= at)
        .order_by(kit_bookings.c.kit_id, kit_bookings.c.id)).all()
    for booking_id, kit_id in lapsed:
        kit = holds.lock_kit(conn, kit_id)
        row = booking_row(conn, booking_id, lock=True)
        if row.status != "offerte":
            continue  # another process took care of it
        holds.release(conn, booking_id=booking_id)
        set_booking(conn, booking_id, status="expiree")
        _tell_borrower(conn, row, kit, "la proposition a expiré (48 heures sans réponse).")
        holds.offer_freed(conn, kit=kit, today=at.date(), at=at)
    return [booking_id for booking_id, _ in lapsed]
