"""Resources: a folded search text and its full-text index (as for the forum)

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.frozen_fulltext import fulltext_ddl

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("resources") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), server_default="",
                                   nullable=False))
    for statement in fulltext_ddl("resources", op.get_bind().dialect.name)[0]:
        op.execute(statement)


def downgrade() -> None:
    for statement in fulltext_ddl("resources", op.get_bind().dialect.name)[1]:
        op.execute(statement)
    with op.batch_alter_table("resources") as batch:
        batch.drop_column("search_text")
