"""Forum contributions: a full-text index over their folded search text
(French `tsvector` on PostgreSQL, FTS5 on SQLite: see `db.migrations.frozen_fulltext`)

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from db.migrations.frozen_fulltext import fulltext_ddl

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in fulltext_ddl("forum_posts", op.get_bind().dialect.name)[0]:
        op.execute(statement)


def downgrade() -> None:
    for statement in fulltext_ddl("forum_posts", op.get_bind().dialect.name)[1]:
        op.execute(statement)
