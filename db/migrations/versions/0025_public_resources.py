"""Who may read what (#15): a resource marked public is read by contributors (open
sign-up) too; the others, as the fiches, the directory and most days, are for MD staff

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: a batch rebuild on SQLite would drop the full-text triggers
    op.add_column("resources", sa.Column("public", sa.Boolean, nullable=False,
                                         server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("resources") as batch:
        batch.drop_column("public")
