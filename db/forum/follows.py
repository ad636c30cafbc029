"""Following a forum thread or theme: followers hear about what gets published there."""

from __future__ import annotations

import sqlalchemy as sa

from db import notifications, rows
from db.forum import mentions
from db.roles import User
from db.schema import forum_follows, forum_posts, forum_themes


def toggle(conn: sa.Connection, *, actor: User, theme_id: int | None = None,
           post_id: int | None = None) -> bool:
    """Follow or stop following one theme or one thread; returns whether now following."""
    if (theme_id is None) == (post_id is None):
        raise ValueError("a theme or a thread, not both")
    return rows.toggle(conn, forum_follows, user_id=actor.id, theme_id=theme_id,
                       post_id=post_id)


def follows(conn: sa.Connection, *, user: User, theme_id: int | None = None,
            post_id: int | None = None) -> bool:
    match = [forum_follows.c.user_id == user.id]
    match.append(forum_follows.c.theme_id == theme_id if theme_id else
                 forum_follows.c.theme_id.is_(None))
    match.append(forum_follows.c.post_id == post_id if post_id else
                 forum_follows.c.post_id.is_(None))
    return conn.execute(sa.select(forum_follows.c.id).where(*match)).first() is not None


def announce(conn: sa.Connection, *, post_id: int) -> None:
    """Tell followers that this post is now published: a reply reaches the thread's author
    and followers, a new thread reaches the theme's followers (never its own author)."""
    post = conn.execute(sa.select(forum_posts).where(forum_posts.c.id == post_id)).one()
    if post.parent_id:
        thread = conn.execute(sa.select(forum_posts).where(
            forum_posts.c.id == post.parent_id)).one()
        audience = {thread.author_id, *conn.execute(sa.select(forum_follows.c.user_id).where(
            forum_follows.c.post_id == thread.id)).scalars()}
        text = f"Nouvelle réponse dans « {thread.title} »."
        link = f"forum?sujet={thread.id}"
    else:
        theme_title = conn.execute(sa.select(forum_themes.c.title).where(
            forum_themes.c.id == post.theme_id)).scalar_one()
        audience = set(conn.execute(sa.select(forum_follows.c.user_id).where(
            forum_follows.c.theme_id == post.theme_id)).scalars())
        text = f"Nouvelle contribution « {post.title} » dans le thème « {theme_title} »."
        link = f"forum?sujet={post.id}"
    for user_id in audience - {post.author_id}:
        notifications.notify(conn, user_id=user_id, kind="forum", text=text, link=link)
    mentions.tell(conn, post)
