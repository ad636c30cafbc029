"""Ranked choices (#13): a choice slot may ask for « vœux classés » (`event_slots.ranked`);
each registration ranks its ateliers (`slot_wishes`), then the organiser runs the
allocation, recorded with its seed (`allocated_at`, `allocation_seed`)

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_slots") as batch:
        batch.add_column(sa.Column("ranked", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("allocated_at", sa.DateTime))  # UTC, naive (Instant)
        batch.add_column(sa.Column("allocation_seed", sa.Integer))
    op.create_table(
        "slot_wishes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("registration_id", sa.Integer, nullable=False),
        sa.Column("slot_id", sa.Integer, nullable=False),
        sa.Column("atelier_id", sa.Integer, nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"], ondelete="CASCADE",
                                name=op.f("fk_slot_wishes_registration_id_registrations")),
        sa.ForeignKeyConstraint(["slot_id"], ["event_slots.id"], ondelete="CASCADE",
                                name=op.f("fk_slot_wishes_slot_id_event_slots")),
        sa.ForeignKeyConstraint(["atelier_id"], ["event_sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_slot_wishes_atelier_id_event_sessions")),
        sa.UniqueConstraint("registration_id", "slot_id", "rank",
                            name=op.f("uq_slot_wishes_registration_id_slot_id_rank")),
        sa.UniqueConstraint("registration_id", "slot_id", "atelier_id",
                            name=op.f("uq_slot_wishes_registration_id_slot_id_atelier_id")),
        sa.CheckConstraint("rank BETWEEN 1 AND 3", name=op.f("ck_slot_wishes_rank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot_wishes")),
    )
    for column in ("registration_id", "slot_id", "atelier_id"):
        op.create_index(op.f(f"ix_slot_wishes_{column}"), "slot_wishes", [column])
    if op.get_bind().dialect.name == "postgresql":  # as every table: see 0002
        op.execute('ALTER TABLE "slot_wishes" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    op.drop_table("slot_wishes")
    with op.batch_alter_table("event_slots") as batch:
        batch.drop_column("allocation_seed")
        batch.drop_column("allocated_at")
        batch.drop_column("ranked")
