"""Tables of the shared kits: an MD's travelling material, its contents, photos and linked
resources, its bookings by the libraries of the network, and the days each unit is held.

`kit_holds` is where « no two bookings of one kit overlap » lives: one row per booked unit
with the days it is away, buffer included. On PostgreSQL an exclusion constraint
(migration 0027, `btree_gist`) refuses two rows of one unit whose days meet, whatever the
concurrency; on SQLite the same rule is checked in the booking's transaction, which holds
the write lock from its first statement.
"""

from __future__ import annotations

import sqlalchemy as sa

from db.schema._base import Instant, created_at, fk, id_column, metadata, updated_at

KIT_KINDS = ("exposition", "malle_numerique", "tablettes", "valise_thematique", "liseuses",
             "materiel_animation", "autre")
KIT_STATUSES = ("disponible", "maintenance", "retiree")
TRANSPORTS = ("navette", "retrait", "les_deux")
BOOKING_STATUSES = ("demandee", "proposee", "acceptee", "partie", "rendue", "refusee",
                    "annulee", "attente", "offerte", "expiree")


def _among(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({','.join(repr(v) for v in values)})"


kits = sa.Table(
    "kits", metadata,
    id_column(),
    fk("department_code", "departments.code", nullable=False),  # the MD that lends it
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    fk("theme_id", "forum_themes.id"),
    sa.Column("audience", sa.String(200), nullable=False, server_default=""),
    sa.Column("insurance_eur", sa.Integer),
    sa.Column("transport", sa.String(20), nullable=False, server_default="navette"),
    sa.Column("min_days", sa.Integer, nullable=False, server_default="1"),
    sa.Column("max_days", sa.Integer, nullable=False, server_default="30"),
    sa.Column("buffer_days", sa.Integer, nullable=False, server_default="2"),
    sa.Column("units", sa.Integer, nullable=False, server_default="1"),
    sa.Column("status", sa.String(20), nullable=False, server_default="disponible"),
    sa.Column("needs_approval", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("search_text", sa.Text, nullable=False, server_default=""),  # search.document
    fk("created_by", "users.id"),
    created_at(),
    updated_at(),
    sa.CheckConstraint(_among("kind", KIT_KINDS), name="kind"),
    sa.CheckConstraint(_among("status", KIT_STATUSES), name="status"),
    sa.CheckConstraint(_among("transport", TRANSPORTS), name="transport"),
    sa.CheckConstraint("min_days >= 1 AND max_days >= min_days", name="length"),
    sa.CheckConstraint("buffer_days BETWEEN 0 AND 30", name="buffer"),
    sa.CheckConstraint("units >= 1", name="units"),
)

kit_items = sa.Table(  # the contents list: « 10 tablettes », « 1 makey makey »
    "kit_items", metadata,
    id_column(),
    fk("kit_id", "kits.id", nullable=False, ondelete="CASCADE"),
    sa.Column("item", sa.String(200), nullable=False),
    sa.Column("quantity", sa.Integer, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.CheckConstraint("quantity >= 1", name="quantity"),
)

kit_photos = sa.Table(
    "kit_photos", metadata,
    sa.Column("kit_id", sa.ForeignKey("kits.id", ondelete="CASCADE"), nullable=False),
    sa.Column("file_id", sa.ForeignKey("files.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.PrimaryKeyConstraint("kit_id", "file_id"),
)

kit_resources = sa.Table(  # e.g. the fiche d'animation clé en main that goes with it
    "kit_resources", metadata,
    sa.Column("kit_id", sa.ForeignKey("kits.id", ondelete="CASCADE"), nullable=False),
    sa.Column("resource_id", sa.ForeignKey("resources.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.PrimaryKeyConstraint("kit_id", "resource_id"),
)

kit_bookings = sa.Table(
    "kit_bookings", metadata,
    id_column(),
    fk("kit_id", "kits.id", nullable=False, ondelete="CASCADE"),
    fk("requested_by", "users.id", nullable=False),
    sa.Column("library", sa.String(200), nullable=False),  # the borrowing library
    sa.Column("commune", sa.String(120), nullable=False),
    fk("library_department", "departments.code", nullable=False),
    sa.Column("purpose", sa.String(300), nullable=False),  # the event it serves
    fk("event_id", "events.id", ondelete="SET NULL"),
    fk("pitch_id", "pitches.id", ondelete="SET NULL"),
    sa.Column("starts_on", sa.Date, nullable=False),  # Paris dates, both days included
    sa.Column("ends_on", sa.Date, nullable=False),
    sa.Column("quantity", sa.Integer, nullable=False, server_default="1"),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("route", sa.String(300), nullable=False, server_default=""),  # navette
    sa.Column("md_note", sa.Text, nullable=False, server_default=""),  # reason, proposal
    sa.Column("proposed_starts_on", sa.Date),
    sa.Column("proposed_ends_on", sa.Date),
    sa.Column("offer_expires_at", Instant),
    sa.Column("departed_at", Instant),
    fk("departed_by", "users.id"),
    sa.Column("departure_note", sa.Text, nullable=False, server_default=""),
    sa.Column("returned_at", Instant),
    fk("returned_by", "users.id"),
    sa.Column("return_condition", sa.String(20)),
    sa.Column("missing_items", sa.Text, nullable=False, server_default=""),
    sa.Column("late_notified_at", Instant),
    created_at(),
    updated_at(),
    sa.CheckConstraint("ends_on >= starts_on", name="dates"),
    sa.CheckConstraint("quantity >= 1", name="quantity"),
    sa.CheckConstraint(_among("status", BOOKING_STATUSES), name="status"),
)

kit_holds = sa.Table(  # the days one unit is away for a booking, buffer included
    "kit_holds", metadata,
    id_column(),
    fk("booking_id", "kit_bookings.id", nullable=False, ondelete="CASCADE"),
    fk("kit_id", "kits.id", nullable=False, ondelete="CASCADE"),
    sa.Column("unit", sa.Integer, nullable=False),
    sa.Column("starts_on", sa.Date, nullable=False),
    sa.Column("ends_on", sa.Date, nullable=False),  # the last day of the buffer
    sa.CheckConstraint("ends_on >= starts_on", name="dates"),
)
