"""Forum « inclusion numérique »: themes and typed contributions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db.schema import forum_posts, forum_themes, users

KIND_LABELS = {"retour_experience": "Retour d'expérience", "point_vigilance": "Point de vigilance",
               "proposition": "Proposition", "question": "Question", "reponse": "Réponse"}


@dataclass(frozen=True)
class PostCard:
    id: int
    title: str | None
    body: str
    kind: str
    theme_title: str
    author_name: str
    created_at: datetime


def _public() -> sa.ColumnElement[bool]:
    """What anyone may see: published, not deleted (hidden and pending posts are not)."""
    return sa.and_(forum_posts.c.status == "published", forum_posts.c.deleted_at.is_(None))


def latest(conn: sa.Connection, *, limit: int = 5) -> list[PostCard]:
    """Newest published contributions (threads, not replies)."""
    query = (sa.select(forum_posts.c.id, forum_posts.c.title, forum_posts.c.body,
                       forum_posts.c.kind, forum_themes.c.title.label("theme_title"),
                       users.c.display_name.label("author_name"), forum_posts.c.created_at)
             .select_from(forum_posts.join(forum_themes,
                                           forum_themes.c.id == forum_posts.c.theme_id)
                          .join(users, users.c.id == forum_posts.c.author_id))
             .where(_public(), forum_posts.c.parent_id.is_(None))
             .order_by(forum_posts.c.created_at.desc(), forum_posts.c.id.desc()).limit(limit))
    return [PostCard(**row._mapping) for row in conn.execute(query)]
