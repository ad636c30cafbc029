"""Outbox claims and retry schedule: a sender claims its rows for a lease (no two app
processes send the same message), and a failed message waits its turn (backoff) instead of
being retried at every write

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("claim_token", sa.String(32)))
        batch.add_column(sa.Column("claimed_until", sa.DateTime()))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime()))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        for column in ("next_attempt_at", "claimed_until", "claim_token"):
            batch.drop_column(column)
