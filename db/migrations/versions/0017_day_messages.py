"""Messages to a day's registrants and automatic reminders (#13): `event_messages` keeps
each one (who wrote it, to whom, how many received it); `events.reminders` says which
days before the day people are reminded (« 7,1 », empty for none), and a reminder is
unique per day and delay, so that several app processes send it once

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("reminders", sa.String(20), nullable=False,
                                   server_default="7,1"))
    op.create_table(
        "event_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("audience", sa.String(20), nullable=False),
        sa.Column("atelier_id", sa.Integer),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("sent_by", sa.Integer),
        sa.Column("sent_at", sa.DateTime, nullable=False),  # UTC, naive (as Instant)
        sa.Column("recipients", sa.Integer, nullable=False),
        sa.Column("reminder", sa.Integer),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name=op.f("fk_event_messages_event_id_events")),
        sa.ForeignKeyConstraint(["atelier_id"], ["event_sessions.id"], ondelete="SET NULL",
                                name=op.f("fk_event_messages_atelier_id_event_sessions")),
        sa.ForeignKeyConstraint(["sent_by"], ["users.id"],
                                name=op.f("fk_event_messages_sent_by_users")),
        sa.UniqueConstraint("event_id", "reminder",
                            name=op.f("uq_event_messages_event_id_reminder")),
        sa.CheckConstraint("audience IN ('all','confirmed','waitlisted','atelier')",
                           name=op.f("ck_event_messages_audience")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_messages")),
    )
    for column in ("event_id", "atelier_id", "sent_by"):
        op.create_index(op.f(f"ix_event_messages_{column}"), "event_messages", [column])
    if op.get_bind().dialect.name == "postgresql":  # Supabase: no access through its API
        op.execute('ALTER TABLE "event_messages" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    op.drop_table("event_messages")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("reminders")
