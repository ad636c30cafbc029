"""Forum contributions get the same folded search text as fiches

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("forum_posts") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), server_default="",
                                   nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("forum_posts") as batch:
        batch.drop_column("search_text")
