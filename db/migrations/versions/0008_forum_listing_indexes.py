"""Forum: indexes that answer a theme's list, count and per-type figures by themselves

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_forum_posts_listing", "forum_posts",
                    ["theme_id", "parent_id", "status", "deleted_at", "created_at",
                     "author_id", "id"])
    op.create_index("ix_forum_posts_kinds", "forum_posts",
                    ["theme_id", "kind", "status", "deleted_at", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_forum_posts_kinds", "forum_posts")
    op.drop_index("ix_forum_posts_listing", "forum_posts")
