"""The four questions every day asked (lunch, diet, accessibility, comment) become the
default set of a day (#13): `events.standard_questions` lists the ones a day asks

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("standard_questions", sa.String(100), nullable=False,
                                   server_default="lunch,dietary,accessibility_needs,comment"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("standard_questions")
