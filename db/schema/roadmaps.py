"""Tables of the feuilles de route: actions, what they come from, their history."""

from __future__ import annotations

import sqlalchemy as sa

from db.schema._base import Instant, created_at, fk, id_column, metadata, updated_at

# --- feuilles de route (seed 004: the forum feeds « une feuille de route commune ») -------
ROADMAP_STATUSES = ("a_lancer", "en_cours", "realisee", "abandonnee")
roadmap_actions = sa.Table(
    "roadmap_actions", metadata,
    id_column(),
    # the working group whose roadmap holds it; NULL: the regional roadmap
    fk("group_id", "working_groups.id", ondelete="CASCADE"),
    fk("theme_id", "forum_themes.id"),  # the seed's structure: themes 1–3 → actions
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    fk("owner_id", "users.id"),  # who carries it: a person…
    fk("owner_department", "departments.code"),  # …or an MD
    sa.Column("horizon", sa.String(7), nullable=False),  # « 2026 » or « 2026-T3 »
    sa.Column("status", sa.String(20), nullable=False, server_default="a_lancer"),
    sa.Column("progress", sa.Integer, nullable=False, server_default="0"),
    fk("created_by", "users.id"),
    created_at(),
    updated_at(),
    sa.CheckConstraint("status IN ('a_lancer','en_cours','realisee','abandonnee')",
                       name="status"),
    sa.CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
    sa.CheckConstraint("owner_id IS NOT NULL OR owner_department IS NOT NULL", name="owner"),
)

def _action_sources(name: str, column: str, target: str) -> sa.Table:
    """What an action comes from: one row per action and source, either way found."""
    return sa.Table(
        name, metadata,
        sa.Column("action_id", sa.ForeignKey("roadmap_actions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column(column, sa.ForeignKey(f"{target}.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.PrimaryKeyConstraint("action_id", column),
    )


roadmap_action_posts = _action_sources("roadmap_action_posts", "post_id", "forum_posts")
roadmap_action_pitches = _action_sources("roadmap_action_pitches", "pitch_id", "pitches")

roadmap_history = sa.Table(  # each status or progress change, with who and when
    "roadmap_history", metadata,
    id_column(),
    fk("action_id", "roadmap_actions.id", nullable=False, ondelete="CASCADE"),
    fk("user_id", "users.id"),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("progress", sa.Integer, nullable=False),
    sa.Column("at", Instant, nullable=False),
)
