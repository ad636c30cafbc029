"""Shared kits (#18): an MD's travelling material (contents, photos, linked resources), its
bookings by the libraries of the network, and the days each unit is held — on PostgreSQL
with an exclusion constraint so that two bookings of one unit never meet, buffers included

Revision ID: 0027
Revises: 0026
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

KINDS = ("exposition", "malle_numerique", "tablettes", "valise_thematique", "liseuses",
         "materiel_animation", "autre")
BOOKING_STATUSES = ("demandee", "proposee", "acceptee", "partie", "rendue", "refusee",
                    "annulee", "attente", "offerte", "expiree")
TABLES = ("kits", "kit_items", "kit_photos", "kit_resources", "kit_bookings", "kit_holds")


def _fk(table: str, column: str, target: str, ondelete: str | None = None,
        key: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.{key}"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def _check(table: str, name: str, rule: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(rule, name=op.f(f"ck_{table}_{name}"))


def _among(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({','.join(repr(v) for v in values)})"


def _stamps() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime, nullable=False),  # UTC, naive (Instant)
            sa.Column("updated_at", sa.DateTime, nullable=False)]


def _kits() -> None:
    op.create_table(
        "kits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("department_code", sa.String(3), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("theme_id", sa.Integer),
        sa.Column("audience", sa.String(200), nullable=False, server_default=""),
        sa.Column("insurance_eur", sa.Integer),
        sa.Column("transport", sa.String(20), nullable=False, server_default="navette"),
        sa.Column("min_days", sa.Integer, nullable=False, server_default="1"),
        sa.Column("max_days", sa.Integer, nullable=False, server_default="30"),
        sa.Column("buffer_days", sa.Integer, nullable=False, server_default="2"),
        sa.Column("units", sa.Integer, nullable=False, server_default="1"),
        sa.Column("status", sa.String(20), nullable=False, server_default="disponible"),
        sa.Column("needs_approval", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("search_text", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.Integer),
        *_stamps(),
        _fk("kits", "department_code", "departments", key="code"),
        _fk("kits", "theme_id", "forum_themes"),
        _fk("kits", "created_by", "users"),
        _check("kits", "kind", _among("kind", KINDS)),
        _check("kits", "status", _among("status", ("disponible", "maintenance", "retiree"))),
        _check("kits", "transport", _among("transport", ("navette", "retrait", "les_deux"))),
        _check("kits", "length", "min_days >= 1 AND max_days >= min_days"),
        _check("kits", "buffer", "buffer_days BETWEEN 0 AND 30"),
        _check("kits", "units", "units >= 1"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kits")),
    )
    op.create_table(
        "kit_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kit_id", sa.Integer, nullable=False),
        sa.Column("item", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        _fk("kit_items", "kit_id", "kits", "CASCADE"),
        _check("kit_items", "quantity", "quantity >= 1"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_items")),
    )
    op.create_table(
        "kit_photos",
        sa.Column("kit_id", sa.Integer, nullable=False),
        sa.Column("file_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        _fk("kit_photos", "kit_id", "kits", "CASCADE"),
        _fk("kit_photos", "file_id", "files"),
        sa.PrimaryKeyConstraint("kit_id", "file_id", name=op.f("pk_kit_photos")),
    )
    op.create_table(
        "kit_resources",
        sa.Column("kit_id", sa.Integer, nullable=False),
        sa.Column("resource_id", sa.Integer, nullable=False),
        _fk("kit_resources", "kit_id", "kits", "CASCADE"),
        _fk("kit_resources", "resource_id", "resources", "CASCADE"),
        sa.PrimaryKeyConstraint("kit_id", "resource_id", name=op.f("pk_kit_resources")),
    )


def _bookings() -> None:
    op.create_table(
        "kit_bookings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kit_id", sa.Integer, nullable=False),
        sa.Column("requested_by", sa.Integer, nullable=False),
        sa.Column("library", sa.String(200), nullable=False),
        sa.Column("commune", sa.String(120), nullable=False),
        sa.Column("library_department", sa.String(3), nullable=False),
        sa.Column("purpose", sa.String(300), nullable=False),
        sa.Column("event_id", sa.Integer),
        sa.Column("pitch_id", sa.Integer),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False, server_default="1"),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("route", sa.String(300), nullable=False, server_default=""),
        sa.Column("md_note", sa.Text, nullable=False, server_default=""),
        sa.Column("proposed_starts_on", sa.Date),
        sa.Column("proposed_ends_on", sa.Date),
        sa.Column("offer_expires_at", sa.DateTime),
        sa.Column("departed_at", sa.DateTime),
        sa.Column("departed_by", sa.Integer),
        sa.Column("departure_note", sa.Text, nullable=False, server_default=""),
        sa.Column("returned_at", sa.DateTime),
        sa.Column("returned_by", sa.Integer),
        sa.Column("return_condition", sa.String(20)),
        sa.Column("missing_items", sa.Text, nullable=False, server_default=""),
        sa.Column("late_notified_at", sa.DateTime),
        *_stamps(),
        _fk("kit_bookings", "kit_id", "kits", "CASCADE"),
        _fk("kit_bookings", "requested_by", "users"),
        _fk("kit_bookings", "library_department", "departments", key="code"),
        _fk("kit_bookings", "event_id", "events", "SET NULL"),
        _fk("kit_bookings", "pitch_id", "pitches", "SET NULL"),
        _fk("kit_bookings", "departed_by", "users"),
        _fk("kit_bookings", "returned_by", "users"),
        _check("kit_bookings", "dates", "ends_on >= starts_on"),
        _check("kit_bookings", "quantity", "quantity >= 1"),
        _check("kit_bookings", "status", _among("status", BOOKING_STATUSES)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_bookings")),
    )
    op.create_table(
        "kit_holds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("booking_id", sa.Integer, nullable=False),
        sa.Column("kit_id", sa.Integer, nullable=False),
        sa.Column("unit", sa.Integer, nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        _fk("kit_holds", "booking_id", "kit_bookings", "CASCADE"),
        _fk("kit_holds", "kit_id", "kits", "CASCADE"),
        _check("kit_holds", "dates", "ends_on >= starts_on"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_holds")),
    )


INDEXES = {"kits": ("department_code", "theme_id", "created_by"),
           "kit_items": ("kit_id",), "kit_photos": ("file_id",),
           "kit_resources": ("resource_id",),
           "kit_bookings": ("kit_id", "requested_by", "library_department", "event_id",
                            "pitch_id", "departed_by", "returned_by"),
           "kit_holds": ("booking_id", "kit_id")}


def upgrade() -> None:
    _kits()
    _bookings()
    for table, columns in INDEXES.items():
        for column in columns:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
    if op.get_bind().dialect.name == "postgresql":
        # one unit of one kit is never held twice on a day, whatever the concurrency
        # in public, never in a schema of its own: dropping that schema (a test's, a
        # benchmark's) would take the extension, and every constraint built on it, along
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public")
        op.execute("ALTER TABLE kit_holds ADD CONSTRAINT kit_holds_no_overlap EXCLUDE USING "
                   "gist (kit_id WITH =, unit WITH =, "
                   "daterange(starts_on, ends_on, '[]') WITH &&)")
        for table in TABLES:  # as every table: see 0002
            op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
