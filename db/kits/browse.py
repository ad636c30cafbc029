"""Finding a kit and reading its days: the catalogue's filters (kind, MD, theme, words,
free on given dates), a kit's month of booked, buffer and free days, and the bookings of a
kit, of a person, of an MD."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from db import search
from db.errors import NotFound, PermissionDenied
from db.kits.model import HOLDING, Booking, KitCard, may_manage
from db.roles import User
from db.schema import departments, kit_bookings, kit_holds, kit_photos, kits, users

MAX_BUFFER = 30  # kits.buffer_days is checked ≤ 30: holds further away cannot matter


@dataclass(frozen=True)
class KitFilters:
    kind: str | None = None
    department_code: str | None = None
    theme_id: int | None = None
    words: str = ""
    starts_on: date | None = None  # with ends_on: say which kits are free then
    ends_on: date | None = None
    free_only: bool = False
    with_retired: bool = False


def _query(filters: KitFilters) -> sa.Select[tuple[object, ...]]:
    first_photo = sa.select(sa.func.min(kit_photos.c.file_id)).where(
        kit_photos.c.kit_id == kits.c.id).scalar_subquery()
    query = (sa.select(kits.c.id, kits.c.title, kits.c.kind, kits.c.department_code,
                       departments.c.md_name, kits.c.status, kits.c.units,
                       kits.c.buffer_days, first_photo.label("photo_id"))
             .join(departments, departments.c.code == kits.c.department_code)
             .order_by(kits.c.title, kits.c.id))
    for column, value in ((kits.c.kind, filters.kind),
                          (kits.c.department_code, filters.department_code),
                          (kits.c.theme_id, filters.theme_id)):
        if value:
            query = query.where(column == value)
    if not filters.with_retired:
        query = query.where(kits.c.status != "retiree")
    for term in search.terms(filters.words):
        query = query.where(kits.c.search_text.like(f"% {term}%"))
    return query


def free_kits(conn: sa.Connection, kit_rows: Sequence[sa.Row[Any]], starts_on: date,
              ends_on: date) -> set[int]:
    """Which of these kits (id, units, buffer_days, status) have a unit free on every day
    from `starts_on` to `ends_on` plus their buffer: one query for all of them."""
    wanted = {r.id: r for r in kit_rows if r.status == "disponible"}
    busy: dict[int, set[int]] = defaultdict(set)
    for hold in conn.execute(sa.select(kit_holds.c.kit_id, kit_holds.c.unit,
                                       kit_holds.c.starts_on).where(
            kit_holds.c.kit_id.in_(list(wanted)), kit_holds.c.ends_on >= starts_on,
            kit_holds.c.starts_on <= ends_on + timedelta(days=MAX_BUFFER))):
        kit = wanted[hold.kit_id]
        if hold.starts_on <= ends_on + timedelta(days=kit.buffer_days):
            busy[hold.kit_id].add(hold.unit)
    return {kit_id for kit_id, kit in wanted.items() if len(busy[kit_id]) < kit.units}


def list_kits(conn: sa.Connection, *, filters: KitFilters, limit: int = 20,
              offset: int = 0) -> tuple[list[KitCard], int]:
    """One page of the catalogue and how many kits match in all."""
    rows = conn.execute(_query(filters)).all()
    dated = filters.starts_on is not None and filters.ends_on is not None
    free = free_kits(conn, rows, filters.starts_on, filters.ends_on) \
        if dated and filters.starts_on and filters.ends_on else set()
    if dated and filters.free_only:
        rows = [r for r in rows if r.id in free]
    return [KitCard(r.id, r.title, r.kind, r.department_code, r.md_name or "", r.status,
                    r.units, r.photo_id, (r.id in free) if dated else None)
            for r in rows[offset:offset + limit]], len(rows)


@dataclass(frozen=True)
class Day:
    day: date
    state: str  # libre | reserve | delai (the buffer after a loan) | partiel (some units)
    booking_id: int | None


def month_days(conn: sa.Connection, *, kit_id: int, month: date) -> list[Day]:
    """Each day of `month`: free, booked, in a buffer, or partly booked (some units)."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    kit = conn.execute(sa.select(kits.c.units).where(kits.c.id == kit_id)).scalar_one()
    rows = conn.execute(
        sa.select(kit_holds.c.unit, kit_holds.c.starts_on, kit_holds.c.ends_on,
                  kit_bookings.c.id, kit_bookings.c.ends_on.label("loan_ends"))
        .join(kit_bookings, kit_bookings.c.id == kit_holds.c.booking_id)
        .where(kit_holds.c.kit_id == kit_id, kit_holds.c.starts_on <= last,
               kit_holds.c.ends_on >= first, kit_bookings.c.status.in_(HOLDING))).all()
    days = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        meeting = [r for r in rows if r.starts_on <= day <= r.ends_on]
        loans = [r for r in meeting if day <= r.loan_ends]
        units = {r.unit for r in meeting}
        state = ("libre" if not meeting else "partiel" if len(units) < kit
                 else "reserve" if loans else "delai")
        days.append(Day(day, state, (loans or meeting)[0].id if meeting else None))
    return days


def _bookings_query() -> sa.Select[tuple[object, ...]]:
    return (sa.select(kit_bookings, kits.c.title.label("kit_title"),
                      kits.c.department_code.label("kit_department"),
                      users.c.display_name.label("borrower"))
            .join(kits, kits.c.id == kit_bookings.c.kit_id)
            .join(users, users.c.id == kit_bookings.c.requested_by))


def _booking(r: sa.Row[Any]) -> Booking:
    return Booking(r.id, r.kit_id, r.kit_title, r.kit_department, r.requested_by, r.borrower,
                   r.library, r.commune, r.library_department, r.purpose, r.event_id,
                   r.pitch_id, r.starts_on, r.ends_on, r.quantity, r.status, r.route,
                   r.md_note, r.proposed_starts_on, r.proposed_ends_on, r.offer_expires_at,
                   r.departed_at, r.departure_note, r.returned_at, r.return_condition,
                   r.missing_items, r.created_at)


def get_booking(conn: sa.Connection, *, booking_id: int, viewer: User) -> Booking:
    """A booking, for the person who asked and the kit's MD staff (and organisers)."""
    row = conn.execute(_bookings_query().where(kit_bookings.c.id == booking_id)).first()
    if row is None:
        raise NotFound("Cette réservation n'existe pas (ou plus).")
    if row.requested_by != viewer.id and not may_manage(viewer, row.kit_department):
        raise PermissionDenied("Cette réservation ne se lit que par la personne qui l'a "
                               "faite et par la MD qui prête le matériel.")
    return _booking(row)


def list_bookings(conn: sa.Connection, *, kit_id: int | None = None,
                  requested_by: int | None = None, department_code: str | None = None,
                  library: str | None = None, statuses: tuple[str, ...] = (),
                  limit: int = 500) -> list[Booking]:
    """Bookings of a kit, of a person, of an MD's kits or of a library, latest first."""
    query = _bookings_query().order_by(kit_bookings.c.starts_on.desc(),
                                       kit_bookings.c.id.desc()).limit(limit)
    for column, value in ((kit_bookings.c.kit_id, kit_id),
                          (kit_bookings.c.requested_by, requested_by),
                          (kits.c.department_code, department_code)):
        if value is not None:
            query = query.where(column == value)
    if library:
        query = query.where(sa.func.lower(kit_bookings.c.library) == library.lower())
    if statuses:
        query = query.where(kit_bookings.c.status.in_(statuses))
    return [_booking(r) for r in conn.execute(query)]
