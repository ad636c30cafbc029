"""Answers to propositions (seed 004: the forum feeds « une feuille de route commune »):
organisers give each proposition a state with an official answer, shown on the post and
filterable in the theme; its author and followers are told. A proposition similar to
another can be merged into it: it points to the kept one, and its +1 are carried over,
once per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, validation
from db.engine import now
from db.errors import NotFound, ValidationError
from db.roles import User, require_role
from db.schema import forum_follows, forum_posts, forum_reactions, users

STATES = {"a_l_etude": "À l'étude", "retenue": "Retenue",
          "integree": "Intégrée à la feuille de route", "non_retenue": "Non retenue"}


@dataclass(frozen=True)
class Answer:
    state: str
    text: str
    by: str | None
    at: datetime | None
    merged_into: int | None


def _proposition(conn: sa.Connection, post_id: int, *, lock: bool = False) -> sa.Row[Any]:
    query = sa.select(forum_posts).where(forum_posts.c.id == post_id,
                                         forum_posts.c.deleted_at.is_(None))
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None or row.kind != "proposition" or row.parent_id is not None:
        raise NotFound("Proposition introuvable.")
    return row


def _tell(conn: sa.Connection, post: sa.Row[Any], text: str) -> None:
    followers = set(conn.execute(sa.select(forum_follows.c.user_id).where(
        forum_follows.c.post_id == post.id)).scalars())
    for user_id in {post.author_id, *followers}:
        notifications.notify(conn, user_id=user_id, kind="proposition_answer", text=text,
                             link=f"forum?sujet={post.id}",
                             email_subject=f"Réponse à la proposition « {post.title} »")


def answer_proposition(conn: sa.Connection, *, actor: User, post_id: int, state: str,
                       answer: str) -> Answer:
    """Organisers only; the answer is Markdown, said to the author and followers."""
    require_role(actor, "organiser")
    post = _proposition(conn, post_id, lock=True)
    text = validation.clean(answer)
    validation.raise_if({
        "state": None if state in STATES else "Choisissez un état.",
        "answer": validation.text(text, label="La réponse", max_len=5_000)})
    conn.execute(forum_posts.update().where(forum_posts.c.id == post_id).values(
        answer_state=state, answer=text, answered_by=actor.id, answered_at=now()))
    _tell(conn, post, f"Votre proposition « {post.title} » : {STATES[state].lower()}. "
                      f"{text}")
    audit.record(conn, actor_id=actor.id, action="answer_proposition", entity="forum_post",
                 entity_id=post_id, detail={"state": state})
    found = get_answer(conn, post_id=post_id)
    assert found is not None  # just written
    return found


def theme_of(conn: sa.Connection, *, post_id: int) -> int:
    return conn.execute(sa.select(forum_posts.c.theme_id)
                        .where(forum_posts.c.id == post_id)).scalar_one()


def get_answer(conn: sa.Connection, *, post_id: int) -> Answer | None:
    row = conn.execute(sa.select(forum_posts.c.answer_state, forum_posts.c.answer,
                                 forum_posts.c.answered_at, forum_posts.c.merged_into,
                                 users.c.display_name)
                       .outerjoin(users, users.c.id == forum_posts.c.answered_by)
                       .where(forum_posts.c.id == post_id)).first()
    if row is None or row.answer_state is None:
        return None
    return Answer(row.answer_state, row.answer or "", row.display_name, row.answered_at,
                  row.merged_into)


def merge_proposition(conn: sa.Connection, *, actor: User, post_id: int, into_id: int) -> None:
    """`post_id` joins `into_id` (same theme): it says so and points there; each +1 it had
    counts once for the kept one. Into itself, or back into a chain that leads to it:
    refused."""
    require_role(actor, "organiser")
    merged, kept = _proposition(conn, post_id, lock=True), _proposition(conn, into_id)
    if post_id == into_id:
        raise ValidationError({"into": "Une proposition ne se fusionne pas avec elle-même."})
    if merged.theme_id != kept.theme_id:
        raise ValidationError({"into": "Les deux propositions doivent être du même thème."})
    seen, step = {post_id}, kept
    while step.merged_into is not None:  # the kept one may itself have been merged
        if step.merged_into in seen:
            raise ValidationError({"into": "Cette fusion ferait une boucle."})
        seen.add(step.id)
        step = _proposition(conn, step.merged_into)
    if step.id in seen:
        raise ValidationError({"into": "Cette fusion ferait une boucle."})
    carried = sa.select(forum_reactions.c.user_id).where(forum_reactions.c.post_id == post_id,
                                                        forum_reactions.c.user_id.not_in(
        sa.select(forum_reactions.c.user_id).where(forum_reactions.c.post_id == step.id)),
        forum_reactions.c.user_id != step.author_id)
    for user_id in conn.execute(carried).scalars().all():
        conn.execute(forum_reactions.insert().values(post_id=step.id, user_id=user_id,
                                                     created_at=now()))
    conn.execute(forum_posts.update().where(forum_posts.c.id == post_id).values(
        merged_into=step.id, answer_state="retenue", answered_by=actor.id, answered_at=now(),
        answer=f"Fusionnée avec la proposition « {step.title} », qui la porte désormais."))
    _tell(conn, merged, f"Votre proposition « {merged.title} » rejoint la proposition "
                        f"« {step.title} » : ses soutiens y sont reportés.")
    audit.record(conn, actor_id=actor.id, action="merge_proposition", entity="forum_post",
                 entity_id=post_id, detail={"into": step.id})
