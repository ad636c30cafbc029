"""What the shared kits are made of, as their MD (`catalogue`, `circulation`) and their
borrowers (`bookings`) see them: the French names of kinds and statuses, a kit's card and
full view, a booking, and who manages a kit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from db.errors import NotFound
from db.roles import User, has_role
from db.schema import kit_bookings, kits

KINDS = {"exposition": "Exposition", "malle_numerique": "Malle numérique",
         "tablettes": "Tablettes", "valise_thematique": "Valise thématique",
         "liseuses": "Liseuses", "materiel_animation": "Matériel d'animation",
         "autre": "Autre"}
KIT_STATUSES = {"disponible": "Disponible", "maintenance": "En maintenance",
                "retiree": "Retirée du prêt"}
TRANSPORTS = {"navette": "Navette départementale", "retrait": "Retrait à la MD",
              "les_deux": "Navette ou retrait à la MD"}
BOOKING_STATUSES = {
    "demandee": "Demande en attente de la MD", "proposee": "Autres dates proposées",
    "acceptee": "Acceptée", "partie": "Prêtée (partie)", "rendue": "Rendue",
    "refusee": "Refusée", "annulee": "Annulée", "attente": "En liste d'attente",
    "offerte": "Créneau proposé (48 h pour accepter)", "expiree": "Proposition expirée"}
CONDITIONS = {"bon": "Bon état", "a_verifier": "À vérifier", "abime": "Abîmé"}
HOLDING = ("demandee", "proposee", "acceptee", "partie", "rendue", "offerte")
LOANS = ("acceptee", "partie", "rendue")  # what the yearly report counts


@dataclass(frozen=True)
class Item:
    item: str
    quantity: int


@dataclass(frozen=True)
class KitCard:
    id: int
    title: str
    kind: str
    department_code: str
    md_name: str
    status: str
    units: int
    photo_id: int | None
    free: bool | None = None  # on the dates searched; None: no dates given


@dataclass(frozen=True)
class Kit:
    id: int
    title: str
    kind: str
    department_code: str
    md_name: str
    description: str
    theme_id: int | None
    audience: str
    insurance_eur: int | None
    transport: str
    min_days: int
    max_days: int
    buffer_days: int
    units: int
    status: str
    needs_approval: bool
    items: list[Item] = field(default_factory=list)
    photo_ids: list[int] = field(default_factory=list)
    resources: list[tuple[int, str]] = field(default_factory=list)  # (id, title)


@dataclass(frozen=True)
class Booking:
    id: int
    kit_id: int
    kit_title: str
    department_code: str  # the kit's MD
    requested_by: int
    borrower: str
    library: str
    commune: str
    library_department: str
    purpose: str
    event_id: int | None
    pitch_id: int | None
    starts_on: date
    ends_on: date
    quantity: int
    status: str
    route: str
    md_note: str
    proposed_starts_on: date | None
    proposed_ends_on: date | None
    offer_expires_at: datetime | None
    departed_at: datetime | None
    departure_note: str
    returned_at: datetime | None
    return_condition: str | None
    missing_items: str
    created_at: datetime

    def late_on(self, today: date) -> bool:
        """Still out after its last day."""
        return self.status == "partie" and self.ends_on < today


def may_manage(user: User | None, department_code: str) -> bool:
    """The kit's MD staff, and the organisers for every MD."""
    return has_role(user, "organiser") or (
        has_role(user, "member") and user.department_code == department_code)


def kit_row(conn: sa.Connection, kit_id: int) -> sa.Row[Any]:
    row = conn.execute(sa.select(kits).where(kits.c.id == kit_id)).first()
    if row is None:
        raise NotFound("Ce matériel n'existe pas (ou plus).")
    return row


def booking_row(conn: sa.Connection, booking_id: int, *, lock: bool = False) -> sa.Row[Any]:
    query = sa.select(kit_bookings).where(kit_bookings.c.id == booking_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFound("Cette réservation n'existe pas (ou plus).")
    return row
