"""Answers to propositions (#15): organisers give a proposition a state (à l'étude,
retenue, intégrée à la feuille de route, non retenue) with an official answer, and may
merge a proposition into a similar one (`merged_into`)

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.frozen_fulltext import fulltext_ddl

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _keep_search_triggers() -> None:
    """On SQLite the batch rebuilds `forum_posts`, and its triggers go with the old table:
    the ones that keep its full-text index in step (0007) are made again."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in fulltext_ddl("forum_posts", "sqlite")[0]:
            if statement.startswith("CREATE TRIGGER"):
                op.execute(statement)


def upgrade() -> None:
    with op.batch_alter_table("forum_posts") as batch:
        batch.add_column(sa.Column("answer_state", sa.String(20)))
        batch.add_column(sa.Column("answer", sa.Text))
        batch.add_column(sa.Column("answered_by", sa.Integer))
        batch.add_column(sa.Column("answered_at", sa.DateTime))  # UTC, naive (Instant)
        batch.add_column(sa.Column("merged_into", sa.Integer))
        batch.create_foreign_key(op.f("fk_forum_posts_answered_by_users"), "users",
                                 ["answered_by"], ["id"])
        batch.create_foreign_key(op.f("fk_forum_posts_merged_into_forum_posts"),
                                 "forum_posts", ["merged_into"], ["id"])
        batch.create_check_constraint(
            op.f("ck_forum_posts_answer_state"),
            "answer_state IS NULL OR answer_state IN "
            "('a_l_etude','retenue','integree','non_retenue')")
        batch.create_index(op.f("ix_forum_posts_answered_by"), ["answered_by"])
        batch.create_index(op.f("ix_forum_posts_merged_into"), ["merged_into"])
    _keep_search_triggers()


def downgrade() -> None:
    with op.batch_alter_table("forum_posts") as batch:
        batch.drop_index(op.f("ix_forum_posts_merged_into"))
        batch.drop_index(op.f("ix_forum_posts_answered_by"))
        batch.drop_constraint(op.f("ck_forum_posts_answer_state"), type_="check")
        batch.drop_constraint(op.f("fk_forum_posts_merged_into_forum_posts"),
                              type_="foreignkey")
        batch.drop_constraint(op.f("fk_forum_posts_answered_by_users"), type_="foreignkey")
        for column in ("merged_into", "answered_at", "answered_by", "answer", "answer_state"):
            batch.drop_column(column)
    _keep_search_triggers()
