"""Feuilles de route (#15): per working group and one regional, actions with an owner
(a person or an MD), a horizon, a status and a progress, the forum contributions and fiches
projet they come from, and the history of their status changes

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str | None = None,
        key: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.{key}"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def _link_table(name: str, column: str, target: str) -> None:
    op.create_table(
        name,
        sa.Column("action_id", sa.Integer, nullable=False),
        sa.Column(column, sa.Integer, nullable=False),
        _fk(name, "action_id", "roadmap_actions", "CASCADE"),
        _fk(name, column, target, "CASCADE"),
        sa.PrimaryKeyConstraint("action_id", column, name=op.f(f"pk_{name}")),
    )


def upgrade() -> None:
    op.create_table(
        "roadmap_actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("group_id", sa.Integer),
        sa.Column("theme_id", sa.Integer),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("owner_id", sa.Integer),
        sa.Column("owner_department", sa.String(3)),
        sa.Column("horizon", sa.String(7), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="a_lancer"),
        sa.Column("progress", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_by", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),  # UTC, naive (Instant)
        sa.Column("updated_at", sa.DateTime, nullable=False),
        _fk("roadmap_actions", "group_id", "working_groups", "CASCADE"),
        _fk("roadmap_actions", "theme_id", "forum_themes"),
        _fk("roadmap_actions", "owner_id", "users"),
        _fk("roadmap_actions", "owner_department", "departments", key="code"),
        _fk("roadmap_actions", "created_by", "users"),
        sa.CheckConstraint("status IN ('a_lancer','en_cours','realisee','abandonnee')",
                           name=op.f("ck_roadmap_actions_status")),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name=op.f("ck_roadmap_actions_progress")),
        sa.CheckConstraint("owner_id IS NOT NULL OR owner_department IS NOT NULL",
                           name=op.f("ck_roadmap_actions_owner")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roadmap_actions")),
    )
    _link_table("roadmap_action_posts", "post_id", "forum_posts")
    _link_table("roadmap_action_pitches", "pitch_id", "pitches")
    op.create_table(
        "roadmap_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        _fk("roadmap_history", "action_id", "roadmap_actions", "CASCADE"),
        _fk("roadmap_history", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roadmap_history")),
    )
    for table, columns in (
            ("roadmap_actions", ("group_id", "theme_id", "owner_id", "owner_department",
                                 "created_by")),
            ("roadmap_action_posts", ("post_id",)), ("roadmap_action_pitches", ("pitch_id",)),
            ("roadmap_history", ("action_id", "user_id"))):
        for column in columns:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
        if op.get_bind().dialect.name == "postgresql":  # as every table: see 0002
            op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')


def downgrade() -> None:
    for table in ("roadmap_history", "roadmap_action_pitches", "roadmap_action_posts",
                  "roadmap_actions"):
        op.drop_table(table)
