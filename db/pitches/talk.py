"""Discussing fiches: comments (Markdown, edited within 15 minutes, deleted by their author,
hidden by organisers with a reason) and « Je suis intéressé·e » follows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, rows, settings, validation
from db.engine import now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.pitches import get_pitch
from db.roles import User, has_role, require_role
from db.schema import pitch_comments, pitch_follows, pitches, users

EDIT_WINDOW = timedelta(minutes=15)
CONTRIBUTORS_KEY = "pitch_comments_from_contributors"


@dataclass(frozen=True)
class Comment:
    id: int
    author_id: int
    author_name: str
    body: str
    created_at: datetime
    updated_at: datetime
    hidden_reason: str | None

    def editable_by(self, user: User | None, at: datetime | None = None) -> bool:
        return (user is not None and user.id == self.author_id and self.hidden_reason is None
                and (at or now()) - self.created_at <= EDIT_WINDOW)


def contributors_may_comment(conn: sa.Connection) -> bool:
    return settings.get(conn, CONTRIBUTORS_KEY) == "1"


def set_contributors_may_comment(conn: sa.Connection, *, actor: User, allowed: bool) -> None:
    require_role(actor, "admin")
    settings.put(conn, CONTRIBUTORS_KEY, "1" if allowed else "0")
    audit.record(conn, actor_id=actor.id, action="set_setting", entity="setting",
                 entity_id=CONTRIBUTORS_KEY, detail={"value": allowed})


def may_comment(conn: sa.Connection, user: User | None) -> bool:
    return has_role(user, "member") or (has_role(user, "contributor")
                                        and contributors_may_comment(conn))


def list_comments(conn: sa.Connection, *, pitch_id: int, viewer: User | None) -> list[Comment]:
    """Oldest first; deleted ones are gone, hidden ones keep their place with the reason."""
    get_pitch(conn, pitch_id=pitch_id, viewer=viewer)
    rows = conn.execute(
        sa.select(pitch_comments, users.c.display_name)
        .join(users, users.c.id == pitch_comments.c.author_id)
        .where(pitch_comments.c.pitch_id == pitch_id, pitch_comments.c.deleted_at.is_(None))
        .order_by(pitch_comments.c.created_at, pitch_comments.c.id))
    return [Comment(r.id, r.author_id, r.display_name, "" if r.hidden_reason else r.body,
                    r.created_at, r.updated_at, r.hidden_reason) for r in rows]


def _body(text: str) -> str:
    body = validation.clean(text)
    validation.raise_if({"body": validation.text(body, label="Le commentaire",
                                                 max_len=10_000)})
    return body


def add_comment(conn: sa.Connection, *, actor: User, pitch_id: int, body: str) -> int:
    pitch = get_pitch(conn, pitch_id=pitch_id, viewer=actor)
    if not may_comment(conn, actor):
        raise PermissionDenied("Les commentaires sont réservés aux personnels des MD.")
    text = _body(body)
    comment_id = conn.execute(pitch_comments.insert().values(
        pitch_id=pitch_id, author_id=actor.id, body=text, created_at=now(), updated_at=now())
        .returning(pitch_comments.c.id)).scalar_one()
    audience = {pitch.owner_id, *conn.execute(sa.select(pitch_follows.c.user_id).where(
        pitch_follows.c.pitch_id == pitch_id)).scalars()} - {actor.id}
    for user_id in audience:
        notifications.notify(conn, user_id=user_id, kind="pitch_comment",
                             text=f"{actor.display_name} a commenté la fiche « {pitch.title} ».",
                             link=f"pitches?fiche={pitch_id}")
    audit.record(conn, actor_id=actor.id, action="comment", entity="pitch", entity_id=pitch_id,
                 detail={"comment": comment_id})
    return comment_id


def _comment_row(conn: sa.Connection, comment_id: int) -> sa.Row[Any]:
    row = conn.execute(sa.select(pitch_comments).where(
        pitch_comments.c.id == comment_id, pitch_comments.c.deleted_at.is_(None))).first()
    if row is None:
        raise NotFound("Commentaire introuvable.")
    return row


def edit_comment(conn: sa.Connection, *, actor: User, comment_id: int, body: str,
                 at: datetime | None = None) -> None:
    row = _comment_row(conn, comment_id)
    comment = Comment(row.id, row.author_id, "", row.body, row.created_at, row.updated_at,
                      row.hidden_reason)
    if row.author_id != actor.id:
        raise PermissionDenied("Vous ne pouvez modifier que vos propres commentaires.")
    if not comment.editable_by(actor, at):
        raise ValidationError({"body": "Un commentaire se modifie dans les 15 minutes qui "
                                       "suivent sa publication."})
    conn.execute(pitch_comments.update().where(pitch_comments.c.id == comment_id)
                 .values(body=_body(body), updated_at=at or now()))
    audit.record(conn, actor_id=actor.id, action="edit_comment", entity="pitch",
                 entity_id=row.pitch_id, detail={"comment": comment_id})


def delete_comment(conn: sa.Connection, *, actor: User, comment_id: int) -> None:
    row = _comment_row(conn, comment_id)
    if row.author_id != actor.id:
        raise PermissionDenied("Vous ne pouvez supprimer que vos propres commentaires.")
    conn.execute(pitch_comments.update().where(pitch_comments.c.id == comment_id)
                 .values(deleted_at=now()))
    audit.record(conn, actor_id=actor.id, action="delete_comment", entity="pitch",
                 entity_id=row.pitch_id, detail={"comment": comment_id})


def hide_comment(conn: sa.Connection, *, actor: User, comment_id: int, reason: str) -> None:
    require_role(actor, "organiser")
    row = _comment_row(conn, comment_id)
    reason = validation.clean(reason)
    validation.raise_if({"reason": validation.plain_text(reason, label="La raison",
                                                         max_len=300)})
    conn.execute(pitch_comments.update().where(pitch_comments.c.id == comment_id)
                 .values(hidden_reason=reason, hidden_by=actor.id))
    audit.record(conn, actor_id=actor.id, action="hide_comment", entity="pitch",
                 entity_id=row.pitch_id, detail={"comment": comment_id, "reason": reason})


def toggle_follow(conn: sa.Connection, *, actor: User, pitch_id: int) -> bool:
    """Follow or stop following; returns whether the user now follows the fiche."""
    get_pitch(conn, pitch_id=pitch_id, viewer=actor)
    return rows.toggle(conn, pitch_follows, pitch_id=pitch_id, user_id=actor.id)


def follows(conn: sa.Connection, *, user: User, pitch_id: int) -> bool:
    return conn.execute(sa.select(pitch_follows.c.user_id).where(
        pitch_follows.c.pitch_id == pitch_id, pitch_follows.c.user_id == user.id)).first() \
        is not None


def list_followers(conn: sa.Connection, *, actor: User, pitch_id: int) -> list[str]:
    """Who follows the fiche: shown to its owner (and organisers) only."""
    owner = conn.execute(sa.select(pitches.c.owner_id).where(pitches.c.id == pitch_id)
                         ).scalar()
    if owner != actor.id and not has_role(actor, "organiser"):
        raise PermissionDenied("Seul l'auteur de la fiche voit qui la suit.")
    return list(conn.execute(sa.select(users.c.display_name)
                             .join(pitch_follows, pitch_follows.c.user_id == users.c.id)
                             .where(pitch_follows.c.pitch_id == pitch_id)
                             .order_by(users.c.display_name)).scalars())


def count_followers(conn: sa.Connection, *, pitch_id: int) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(pitch_follows)
                        .where(pitch_follows.c.pitch_id == pitch_id)).scalar_one()
