"""The answers to a day's own questions (#13): `registrations.answers`, a JSON object keyed
by question id (the questions themselves are in `events.questions`)

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registrations") as batch:
        batch.add_column(sa.Column("answers", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("registrations") as batch:
        batch.drop_column("answers")
