"""Forum: an index in publication order, so that « derniers messages » (home page, group
space) reads the newest rows instead of sorting every published thread (15 ms → 1 ms on
PostgreSQL with 20,000 posts)

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_forum_posts_recent", "forum_posts", ["created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_forum_posts_recent", "forum_posts")
