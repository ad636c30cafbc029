"""The days a kit is away: the one path that locks a kit, finds its free units, holds them
for a booking, lets them go, and offers what was let go to the waiting list.

A booking from `starts_on` to `ends_on` holds its units from `starts_on` to `ends_on` plus
the kit's buffer days (transport, checking): two holds of one unit never meet, so two
loans are always `buffer_days` apart. Every change runs with the kit's row locked
(`db.locks`, as the ateliers' places), and PostgreSQL's exclusion constraint on
`kit_holds` refuses an overlap even from a writer that forgot the lock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db import notifications
from db.engine import now
from db.locks import lock_rows
from db.schema import kit_bookings, kit_holds, kits

OFFER_HOURS = 48


def lock_kit(conn: sa.Connection, kit_id: int) -> sa.Row[Any]:
    return lock_rows(conn, kits, [kit_id], missing="Ce matériel n'existe pas (ou plus).")[
        kit_id]


def span(starts_on: date, ends_on: date, buffer_days: int) -> tuple[date, date]:
    """The days a loan keeps the kit away from the others: its own and the buffer after."""
    return starts_on, ends_on + timedelta(days=buffer_days)


def busy_units(conn: sa.Connection, kit_id: int, first: date, last: date, *,
               ignore_booking: int | None = None) -> set[int]:
    """Units of this kit held on at least one day of [first, last]."""
    query = sa.select(kit_holds.c.unit).distinct().where(
        kit_holds.c.kit_id == kit_id, kit_holds.c.starts_on <= last,
        kit_holds.c.ends_on >= first)
    if ignore_booking is not None:
        query = query.where(kit_holds.c.booking_id != ignore_booking)
    return set(conn.execute(query).scalars())


def free_units(conn: sa.Connection, kit: sa.Row[Any], starts_on: date, ends_on: date, *,
               ignore_booking: int | None = None) -> list[int]:
    first, last = span(starts_on, ends_on, kit.buffer_days)
    busy = busy_units(conn, kit.id, first, last, ignore_booking=ignore_booking)
    return [unit for unit in range(1, kit.units + 1) if unit not in busy]


def hold(conn: sa.Connection, *, kit: sa.Row[Any], booking_id: int, starts_on: date,
         ends_on: date, quantity: int) -> bool:
    """Hold `quantity` free units for the booking (the kit locked by the caller); False,
    and nothing written, when there are not enough."""
    units = free_units(conn, kit, starts_on, ends_on, ignore_booking=booking_id)
    if len(units) < quantity:
        return False
    first, last = span(starts_on, ends_on, kit.buffer_days)
    try:
        with conn.begin_nested():
            conn.execute(kit_holds.delete().where(kit_holds.c.booking_id == booking_id))
            conn.execute(kit_holds.insert(), [
                {"booking_id": booking_id, "kit_id": kit.id, "unit": unit,
                 "starts_on": first, "ends_on": last} for unit in units[:quantity]])
    except sa.exc.IntegrityError:  # the exclusion constraint: someone skipped the lock
        return False
    return True


def release(conn: sa.Connection, *, booking_id: int) -> None:
    conn.execute(kit_holds.delete().where(kit_holds.c.booking_id == booking_id))


def offer_freed(conn: sa.Connection, *, kit: sa.Row[Any], today: date,
                at: datetime | None = None) -> list[int]:
    """After days were let go: each request waiting for this kit, oldest first, whose
    dates are free now gets them held and is offered them for 48 hours (told in the app
    and by e-mail). Returns the bookings offered."""
    at = at or now()
    waiting = conn.execute(sa.select(kit_bookings).where(
        kit_bookings.c.kit_id == kit.id, kit_bookings.c.status == "attente",
        kit_bookings.c.starts_on >= today)
        .order_by(kit_bookings.c.created_at, kit_bookings.c.id)).all()
    offered = []
    for request in waiting:
        if not hold(conn, kit=kit, booking_id=request.id, starts_on=request.starts_on,
                    ends_on=request.ends_on, quantity=request.quantity):
            continue
        expires = at + timedelta(hours=OFFER_HOURS)
        conn.execute(kit_bookings.update().where(kit_bookings.c.id == request.id).values(
            status="offerte", offer_expires_at=expires, updated_at=at))
        notifications.notify(
            conn, user_id=request.requested_by, kind="kit",
            text=f"« {kit.title} » s'est libéré du {request.starts_on:%d/%m/%Y} au "
                 f"{request.ends_on:%d/%m/%Y} : acceptez-le sous 48 heures, sinon il sera "
                 "proposé à la demande suivante.",
            link=f"kits?reservation={request.id}",
            email_subject=f"« {kit.title} » est disponible pour vos dates")
        offered.append(request.id)
    return offered
