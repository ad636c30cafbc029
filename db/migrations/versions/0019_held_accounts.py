"""Places held for colleagues without an account yet (#13): a cohort registration for
someone who has no account creates an inactive account under their name and e-mail
(`users.held_for_claim`); signing up with that e-mail claims it, with its registrations

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("held_for_claim", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("held_for_claim")
