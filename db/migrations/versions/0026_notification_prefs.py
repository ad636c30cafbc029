"""Notifications people act on (#15): a channel per category and person (in the app, by
e-mail, both, or off), daily or weekly e-mail digests sent once per person and period,
one-use unsubscribe links, and the List-Unsubscribe header of the outbox's messages

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_user_id_users"))


def upgrade() -> None:
    op.add_column("outbox", sa.Column("list_unsubscribe", sa.String(500)))
    op.create_table(
        "notification_prefs",
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        _user_fk("notification_prefs"),
        sa.CheckConstraint("channel IN ('both','app','email','off')",
                           name=op.f("ck_notification_prefs_channel")),
        sa.PrimaryKeyConstraint("user_id", "category", name=op.f("pk_notification_prefs")),
    )
    op.create_table(
        "digest_subscriptions",
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("frequency", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),  # UTC, naive (Instant)
        _user_fk("digest_subscriptions"),
        sa.CheckConstraint("frequency IN ('daily','weekly')",
                           name=op.f("ck_digest_subscriptions_frequency")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_digest_subscriptions")),
    )
    op.create_table(
        "digests_sent",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("period_end", sa.DateTime, nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=False),
        _user_fk("digests_sent"),
        sa.UniqueConstraint("user_id", "period_end",
                            name=op.f("uq_digests_sent_user_id_period_end")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digests_sent")),
    )
    op.create_index(op.f("ix_digests_sent_user_id"), "digests_sent", ["user_id"])
    op.create_table(
        "used_tokens",
        sa.Column("jti", sa.String(64), nullable=False),
        sa.Column("used_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("jti", name=op.f("pk_used_tokens")),
    )
    if op.get_bind().dialect.name == "postgresql":  # as every table: see 0002
        for table in ("notification_prefs", "digest_subscriptions", "digests_sent",
                      "used_tokens"):
            op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    for table in ("used_tokens", "digests_sent", "digest_subscriptions",
                  "notification_prefs"):
        op.drop_table(table)
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("list_unsubscribe")
