"""Writing in the forum: contributions, replies (one level), +1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db import audit, reference, rows, search, validation
from db.engine import now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.forum import CONTRIBUTION_KINDS, ORGANISATION_TYPES, get_theme, mentions, moderation
from db.forum import follows as forum_follows
from db.roles import User, has_role
from db.schema import forum_posts, forum_reactions


@dataclass(frozen=True)
class Posted:
    id: int
    status: str  # "published", or "pending" while a first contribution awaits approval


def _needs_approval(conn: sa.Connection, author: User) -> bool:
    """A contributor's first contribution is moderated; MD staff post directly."""
    if has_role(author, "member"):
        return False
    return conn.execute(sa.select(forum_posts.c.id).where(
        forum_posts.c.author_id == author.id, forum_posts.c.status == "published")
    ).first() is None


def _check_open(conn: sa.Connection, theme_id: int) -> None:
    if not get_theme(conn, theme_id=theme_id).open:
        raise ValidationError({"_form": "Ce thème est clos : on peut le lire, plus y écrire."})


def _body(text: str | None, *, required: bool = True) -> str:
    body = validation.clean(text)
    validation.raise_if({"body": validation.text(body, label="Le texte", max_len=20_000,
                                                 required=required)})
    return body


def contribute(conn: sa.Connection, *, actor: User, theme_id: int, kind: str, title: str,
               body: str, organisation_type: str | None = None,
               department_code: str | None = None, tags: str = "") -> Posted:
    """A new thread in a theme (any signed-in account)."""
    if not has_role(actor, "contributor"):
        raise PermissionDenied("Connectez-vous pour contribuer.")
    _check_open(conn, theme_id)
    title = validation.clean(title)
    tags, tags_problem = validation.tags(tags)
    problems = {
        "title": validation.plain_text(title, label="Le titre", max_len=200),
        "kind": None if kind in CONTRIBUTION_KINDS else "Choisissez le type de contribution.",
        "organisation_type": None if not organisation_type or organisation_type in
        ORGANISATION_TYPES else "Type de structure inconnu.",
        "department_code": reference.department_problem(conn, department_code),
        "tags": tags_problem}
    validation.raise_if(problems)
    text = _body(body)
    mentions.check(conn, text)
    status = "pending" if _needs_approval(conn, actor) else "published"
    post_id = conn.execute(forum_posts.insert().values(
        theme_id=theme_id, author_id=actor.id, kind=kind, title=title, body=text,
        status=status, organisation_type=organisation_type or None,
        department_code=department_code or None, tags=tags,
        search_text=search.document(title, text, tags), created_at=now(), updated_at=now())
        .returning(forum_posts.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="post", entity="forum_post",
                 entity_id=post_id, detail={"status": status})
    if status == "published":
        forum_follows.announce(conn, post_id=post_id)
    else:
        moderation.tell_moderators(conn, text=f"Une contribution attend la modération : "
                                              f"« {title} » ({actor.display_name}).")
    return Posted(post_id, status)


def _post(conn: sa.Connection, post_id: int, *, lock: bool = False) -> sa.Row[Any]:
    query = sa.select(forum_posts).where(forum_posts.c.id == post_id,
                                         forum_posts.c.deleted_at.is_(None))
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFound("Message introuvable.")
    return row


def reply(conn: sa.Connection, *, actor: User, post_id: int, body: str) -> Posted:
    """Answer a thread; answering a reply answers its thread (one level of nesting)."""
    if not has_role(actor, "contributor"):
        raise PermissionDenied("Connectez-vous pour répondre.")
    target = _post(conn, post_id)
    if target.status != "published":  # a masked thread keeps its replies, takes no more
        raise NotFound("Message introuvable.")
    thread = _post(conn, target.parent_id) if target.parent_id else target
    _check_open(conn, thread.theme_id)
    text = _body(body)
    mentions.check(conn, text)
    status = "pending" if _needs_approval(conn, actor) else "published"
    reply_id = conn.execute(forum_posts.insert().values(
        theme_id=thread.theme_id, parent_id=thread.id, author_id=actor.id, kind="reponse",
        body=text, status=status, search_text=search.document(text), created_at=now(),
        updated_at=now()).returning(forum_posts.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="reply", entity="forum_post",
                 entity_id=reply_id, detail={"thread": thread.id, "status": status})
    if status == "published":
        forum_follows.announce(conn, post_id=reply_id)
    else:
        moderation.tell_moderators(conn, text=f"Une réponse attend la modération "
                                              f"({actor.display_name}).")
    return Posted(reply_id, status)


def toggle_plus_one(conn: sa.Connection, *, actor: User, post_id: int) -> bool:
    """+1 once per person; a second click takes it back. Returns whether it is now given.

    One's own post cannot be supported: « les plus soutenues » must count other people.
    The post row is locked so that simultaneous clicks toggle one after the other."""
    row = _post(conn, post_id, lock=True)
    if row.status != "published":
        raise NotFound("Message introuvable.")
    if row.author_id == actor.id:
        raise ValidationError({"_form": "Vous ne pouvez pas soutenir votre propre message."})
    return rows.toggle(conn, forum_reactions, post_id=post_id, user_id=actor.id)


def delete_own(conn: sa.Connection, *, actor: User, post_id: int,
               at: datetime | None = None) -> None:
    """Soft delete by its author: the thread keeps its place, the text is gone."""
    row = _post(conn, post_id)
    if row.author_id != actor.id:
        raise PermissionDenied("Vous ne pouvez supprimer que vos propres messages.")
    conn.execute(forum_posts.update().where(forum_posts.c.id == post_id)
                 .values(deleted_at=at or now(), updated_at=now()))
    audit.record(conn, actor_id=actor.id, action="delete", entity="forum_post",
                 entity_id=post_id)


EDIT_WINDOW = timedelta(minutes=30)


def edit_own(conn: sa.Connection, *, actor: User, post_id: int, body: str,
             title: str | None = None, at: datetime | None = None) -> None:
    """Authors correct their post within 30 minutes; it then shows as edited."""
    row = _post(conn, post_id)
    moment = at or now()
    if row.author_id != actor.id:
        raise PermissionDenied("Vous ne pouvez modifier que vos propres messages.")
    if moment - row.created_at > EDIT_WINDOW:
        raise ValidationError({"body": "Un message se modifie dans les 30 minutes qui suivent "
                                       "sa publication."})
    text = _body(body)
    values: dict[str, Any] = {"body": text, "edited_at": moment, "updated_at": moment}
    new_title = row.title
    if row.parent_id is None:
        new_title = validation.clean(title) if title is not None else row.title
        validation.raise_if({"title": validation.plain_text(new_title or "", label="Le titre",
                                                            max_len=200)})
        values["title"] = new_title
    values["search_text"] = search.document(new_title, text, row.tags)
    conn.execute(forum_posts.update().where(forum_posts.c.id == post_id).values(**values))
    audit.record(conn, actor_id=actor.id, action="edit", entity="forum_post", entity_id=post_id)


def mark_useful(conn: sa.Connection, *, actor: User, reply_id: int, useful: bool = True) -> None:
    """The thread's author (or an organiser) marks a reply as « réponse utile »."""
    row = _post(conn, reply_id)
    if row.parent_id is None:
        raise ValidationError({"_form": "Seules les réponses se marquent comme utiles."})
    thread = _post(conn, row.parent_id)
    if actor.id != thread.author_id and not has_role(actor, "organiser"):
        raise PermissionDenied("Seul l'auteur du sujet (ou un organisateur) choisit la "
                               "réponse utile.")
    conn.execute(forum_posts.update().where(forum_posts.c.id == reply_id)
                 .values(useful=useful, updated_at=now()))
    audit.record(conn, actor_id=actor.id, action="mark_useful", entity="forum_post",
                 entity_id=reply_id, detail={"useful": useful})
