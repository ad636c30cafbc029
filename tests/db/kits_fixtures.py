"""Kits for the tests: one MD's malle numérique, a request for it, dates counted from
today (the booking rules refuse past dates)."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from db import kits
from db.kits.bookings import today
from db.roles import User


def day(offset: int) -> date:
    """Today in France plus `offset` days."""
    return today() + timedelta(days=offset)


def make_kit(conn: sa.Connection, actor: User, **values: object) -> kits.Kit:
    """A malle numérique of the actor's MD: one unit, 2 buffer days, 1 to 30 days,
    validated by the MD (`needs_approval`); `values` change any field."""
    given = {"title": "Malle de création numérique", "kind": "malle_numerique",
             "description": "Makey makey, touchboard et **fiches** d'animation.",
             "contents": "2 makey makey\n1 touchboard\nguide d'animation",
             "audience": "Tout public dès 8 ans", "insurance_eur": 1500,
             "buffer_days": 2, "units": 1, "needs_approval": True} | values
    return kits.create_kit(conn, actor=actor, data=kits.KitInput(**given))


def request(starts: int, ends: int, **values: object) -> kits.BookingInput:
    """A request from the médiathèque of Feurs, `starts` to `ends` days from today."""
    given = {"library": "Médiathèque de Feurs", "commune": "Feurs",
             "library_department": "42", "purpose": "Semaine du numérique",
             "starts_on": day(starts), "ends_on": day(ends)} | values
    return kits.BookingInput(**given)
