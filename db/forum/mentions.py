"""« @identifiant » in a forum message: an unknown name is refused before anything is
written; each person named is told once the message is published (a message waiting for
moderation tells nobody yet: nobody but the moderators may read it), and only if they
may read it — an active account, never the author."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from db import notifications
from db.errors import ValidationError
from db.roles import User, has_role
from db.schema import forum_posts, users

# « @marie.dupont » but not « jeanne@cd82.fr »; a final dot ends the sentence, not the name
MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{1,59})")


def named(text: str) -> list[str]:
    """The identifiants a text mentions, in order, once each."""
    found: list[str] = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip("._-").lower()
        if name not in found:
            found.append(name)
    return found


def _people(conn: sa.Connection, names: list[str]) -> dict[str, Any]:
    rows = conn.execute(sa.select(users).where(sa.func.lower(users.c.username).in_(names),
                                               users.c.held_for_claim.is_(False)))
    return {row.username.lower(): row for row in rows}


def check(conn: sa.Connection, text: str) -> None:
    """Refuse a message that names someone who has no account (nothing is written)."""
    names = named(text)
    if not names:
        return
    unknown = [n for n in names if n not in _people(conn, names)]
    if unknown:
        raise ValidationError({"body": "Personne n'a l'identifiant " + ", ".join(
            f"« @{n} »" for n in unknown) + " sur Coop'MD : vérifiez l'orthographe."})


def tell(conn: sa.Connection, post: sa.Row[Any]) -> None:
    """When `post` is published: each person it names who may read it is told."""
    names = named(post.body)
    if not names or post.status != "published":
        return
    thread_id = post.parent_id or post.id
    title = post.title or conn.execute(sa.select(forum_posts.c.title).where(
        forum_posts.c.id == thread_id)).scalar() or ""
    author = conn.execute(sa.select(users.c.display_name).where(
        users.c.id == post.author_id)).scalar()
    for person in _people(conn, names).values():
        if person.id == post.author_id or not person.active:
            continue  # the forum is read by every active account, so by all the others
        notifications.notify(conn, user_id=person.id, kind="mention",
                             text=f"{author} vous mentionne dans « {title} ».",
                             link=f"forum?sujet={thread_id}",
                             email_subject=f"{author} vous mentionne")



def list_mentionable(conn: sa.Connection, *, viewer: User, thread_id: int) -> dict[str, str]:
    """Who the « Mentionner » box offers (identifiant → name): for MD staff, everyone who
    reads the forum; for a contributor, who already wrote in this thread (the directory is
    not theirs to browse)."""
    query = sa.select(users.c.username, users.c.display_name).where(
        users.c.active.is_(True), users.c.held_for_claim.is_(False), users.c.id != viewer.id)
    if not has_role(viewer, "member"):
        writers = sa.select(forum_posts.c.author_id).where(
            sa.or_(forum_posts.c.id == thread_id, forum_posts.c.parent_id == thread_id),
            forum_posts.c.status == "published", forum_posts.c.deleted_at.is_(None))
        query = query.where(users.c.id.in_(writers))
    rows = conn.execute(query.order_by(users.c.display_name))
    return {r.username: f"{r.display_name} (@{r.username})" for r in rows}
