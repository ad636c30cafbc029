"""Forum moderation: reports (three from different people hide a post), the pending and
reported queues, approve / hide with a reason / restore. Everything audited. Organisers are
told when a post waits for them or is reported; the author of a hidden post is told why.
A hidden first post leaves its thread in place (`db.forum.browse` masks it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, validation
from db.engine import now
from db.errors import NotFound, ValidationError
from db.forum import REPORTS_TO_HIDE
from db.forum import follows as forum_follows
from db.roles import User, require_role
from db.schema import forum_posts, forum_reports, users


@dataclass(frozen=True)
class QueueItem:
    post_id: int
    title: str | None
    body: str
    author_name: str
    status: str
    reports: int
    reasons: tuple[str, ...]
    created_at: datetime


def report(conn: sa.Connection, *, actor: User, post_id: int, reason: str) -> bool:
    """Report a post once per person; returns whether it is now hidden (3rd report)."""
    reason = validation.clean(reason)
    validation.raise_if({"reason": validation.plain_text(reason, label="La raison",
                                                         max_len=500)})
    row = conn.execute(sa.select(forum_posts).where(forum_posts.c.id == post_id,
                                                   forum_posts.c.deleted_at.is_(None))).first()
    if row is None or row.status == "pending":
        raise NotFound("Message introuvable.")
    if conn.execute(sa.select(forum_reports.c.id).where(
            forum_reports.c.post_id == post_id, forum_reports.c.user_id == actor.id)).first():
        raise ValidationError({"reason": "Vous avez déjà signalé ce message."})
    conn.execute(forum_reports.insert().values(post_id=post_id, user_id=actor.id,
                                               reason=reason, created_at=now()))
    open_reports = _open_reports(conn, post_id)
    hidden = open_reports >= REPORTS_TO_HIDE and row.status == "published"
    if hidden:
        conn.execute(forum_posts.update().where(forum_posts.c.id == post_id)
                     .values(status="hidden", hidden_reason="Signalé par plusieurs personnes",
                             updated_at=now()))
        _tell_author(conn, row, "signalé par plusieurs personnes.")
    tell_moderators(conn, text=f"Un message a été signalé ({open_reports} signalement"
                               f"{'s' if open_reports > 1 else ''}) : {reason}")
    audit.record(conn, actor_id=actor.id, action="report", entity="forum_post",
                 entity_id=post_id, detail={"reports": open_reports, "hidden": hidden})
    return hidden


def tell_moderators(conn: sa.Connection, *, text: str) -> None:
    """Every organiser and admin, in the app (the moderation queue is the link)."""
    for user_id in conn.execute(sa.select(users.c.id).where(
            users.c.role.in_(("organiser", "admin")), users.c.active.is_(True),
            users.c.held_for_claim.is_(False))).scalars().all():
        notifications.notify(conn, user_id=user_id, kind="moderation", text=text,
                             link="moderation")


def _tell_author(conn: sa.Connection, post: sa.Row[Any], reason: str) -> None:
    thread = post.parent_id or post.id
    what = f"« {post.title} »" if post.title else "du " + f"{post.created_at:%d/%m/%Y}"
    notifications.notify(conn, user_id=post.author_id, kind="post_hidden",
                         text=f"Votre message {what} a été masqué par la modération. "
                              f"Raison : {reason}",
                         link=f"forum?sujet={thread}")


def _open_reports(conn: sa.Connection, post_id: int) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(forum_reports).where(
        forum_reports.c.post_id == post_id, forum_reports.c.resolved_at.is_(None))
    ).scalar_one()


def list_queue(conn: sa.Connection, *, actor: User) -> list[QueueItem]:
    """Pending first contributions and reported or hidden posts, oldest first."""
    require_role(actor, "organiser")
    reported = sa.select(forum_reports.c.post_id).where(forum_reports.c.resolved_at.is_(None))
    flagged = sa.union(sa.select(forum_posts.c.id).where(  # the partial index's own clause
        forum_posts.c.status != "published", forum_posts.c.status.in_(("pending", "hidden"))),
        reported)
    rows = sorted(conn.execute(
        sa.select(forum_posts, users.c.display_name).join(
            users, users.c.id == forum_posts.c.author_id)
        .where(forum_posts.c.deleted_at.is_(None), forum_posts.c.id.in_(flagged))).all(),
        key=lambda r: r.created_at)  # a few rows: sorted here, never via a full index walk
    reasons: dict[int, list[str]] = {}
    for post_id, text in conn.execute(sa.select(forum_reports.c.post_id, forum_reports.c.reason)
                                      .where(forum_reports.c.resolved_at.is_(None))):
        reasons.setdefault(post_id, []).append(text)
    return [QueueItem(r.id, r.title, r.body, r.display_name, r.status,
                      len(reasons.get(r.id, [])), tuple(reasons.get(r.id, [])), r.created_at)
            for r in rows]


def _decide(conn: sa.Connection, actor: User, post_id: int, action: str,
            **values: Any) -> None:
    require_role(actor, "organiser")
    if conn.execute(forum_posts.update().where(forum_posts.c.id == post_id)
                    .values(**values, updated_at=now())).rowcount == 0:
        raise NotFound("Message introuvable.")
    conn.execute(forum_reports.update().where(forum_reports.c.post_id == post_id,
                                              forum_reports.c.resolved_at.is_(None))
                 .values(resolved_at=now()))
    audit.record(conn, actor_id=actor.id, action=action, entity="forum_post",
                 entity_id=post_id, detail={k: v for k, v in values.items() if k != "status"})


def approve(conn: sa.Connection, *, actor: User, post_id: int) -> None:
    """Publish a pending post (or keep a reported one): its reports are closed."""
    was = conn.execute(sa.select(forum_posts.c.status).where(forum_posts.c.id == post_id)
                       ).scalar()
    _decide(conn, actor, post_id, "approve", status="published", hidden_reason=None)
    if was == "pending":
        forum_follows.announce(conn, post_id=post_id)


def hide(conn: sa.Connection, *, actor: User, post_id: int, reason: str) -> None:
    """Hidden with the moderator's reason, told to its author; a thread's first post
    leaves its replies in place."""
    reason = validation.clean(reason)
    validation.raise_if({"reason": validation.plain_text(reason, label="La raison",
                                                         max_len=300)})
    _decide(conn, actor, post_id, "hide", status="hidden", hidden_reason=reason)
    _tell_author(conn, conn.execute(sa.select(forum_posts).where(
        forum_posts.c.id == post_id)).one(), reason)


def restore(conn: sa.Connection, *, actor: User, post_id: int) -> None:
    _decide(conn, actor, post_id, "restore", status="published", hidden_reason=None)
