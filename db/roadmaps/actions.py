"""A roadmap's actions: who carries them (a person or an MD), by when (a horizon), where
they stand (status, progress, and the history of each change), and what they come from
(forum contributions and fiches projet). A proposition added as a source is « intégrée à
la feuille de route », and its author and followers are told with a link to the action.

Roadmaps are public: anyone signed in reads them. Organisers write the regional one and
every group's; a group's coordinators write their group's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, validation
from db.engine import now
from db.errors import PermissionDenied, ValidationError
from db.groups.work_groups import may_manage
from db.roadmaps.browse import get_action
from db.roadmaps.model import HORIZON, STATUSES, Action, get_row, roadmap_name
from db.roles import User, has_role
from db.schema import (
    departments,
    forum_follows,
    forum_posts,
    group_members,
    pitches,
    roadmap_action_pitches,
    roadmap_action_posts,
    roadmap_actions,
    roadmap_history,
    users,
)


@dataclass(frozen=True)
class ActionInput:
    """An action as the roadmap's form gives it; the owner is a person or an MD."""
    title: str | None = None
    description: str | None = None
    owner_id: int | None = None
    owner_department: str | None = None
    horizon: str | None = None
    status: str | None = "a_lancer"
    progress: object = 0
    theme_id: int | None = None


def may_edit(conn: sa.Connection, user: User | None, group_id: int | None) -> bool:
    """Organisers everywhere; a group's coordinators on their group's roadmap."""
    if has_role(user, "organiser"):
        return True
    return group_id is not None and has_role(user, "member") and may_manage(conn, user,
                                                                            group_id)


def _require_editor(conn: sa.Connection, user: User, group_id: int | None) -> None:
    if not may_edit(conn, user, group_id):
        raise PermissionDenied("Seuls les organisateurs et les coordinateurs du groupe "
                               "modifient cette feuille de route.")


def _owner_error(conn: sa.Connection, group_id: int | None, data: ActionInput) -> str | None:
    """The owner is someone of the roadmap's space: a member of the group (any MD staff
    for the regional one), or the MD of one of them."""
    if data.owner_id is None and not data.owner_department:
        return "Indiquez qui porte l'action : une personne ou une MD."
    people = sa.select(users.c.id, users.c.department_code).where(
        users.c.active.is_(True), users.c.held_for_claim.is_(False),
        users.c.role != "contributor")
    if group_id is not None:
        people = people.join(group_members, group_members.c.user_id == users.c.id).where(
            group_members.c.group_id == group_id, group_members.c.status == "active")
    space = people.subquery()
    if data.owner_id is not None and conn.execute(
            sa.select(space.c.id).where(space.c.id == data.owner_id)).first() is None:
        return ("Cette personne n'est pas membre du groupe de travail." if group_id
                else "Cette personne n'est pas un personnel de MD.")
    if data.owner_department:
        md = conn.execute(sa.select(departments.c.md_name).where(
            departments.c.code == data.owner_department)).scalar()
        if not md:
            return "Choisissez une médiathèque départementale."
        if group_id is not None and conn.execute(sa.select(space.c.id).where(
                space.c.department_code == data.owner_department)).first() is None:
            return "Aucun membre du groupe de travail n'est de cette MD."
    return None


def _checked(conn: sa.Connection, group_id: int | None, data: ActionInput) -> dict[str, Any]:
    """The row's values, or one ValidationError naming every field at fault."""
    title, description = validation.clean(data.title), validation.clean(data.description)
    horizon = validation.clean(data.horizon).upper()
    progress, progress_error = validation.whole_number(
        data.progress, label="La progression", low=0, high=100, example=40)
    validation.raise_if({
        "title": validation.plain_text(title, label="Le titre", max_len=200),
        "description": validation.text(description, label="La description", max_len=5_000,
                                       required=False),
        "owner": _owner_error(conn, group_id, data),
        "horizon": None if HORIZON.match(horizon) else
        "L'horizon s'écrit comme une année (2026) ou un trimestre (2026-T3).",
        "status": None if data.status in STATUSES else "Choisissez un statut.",
        "progress": progress_error and progress_error.replace("entre 0 et 100",
                                                              "entre 0 et 100 %")})
    return {"title": title, "description": description, "owner_id": data.owner_id,
            "owner_department": data.owner_department or None, "horizon": horizon,
            "status": data.status, "progress": progress,
            "theme_id": validation.reference(data.theme_id)}


def create_action(conn: sa.Connection, *, actor: User, group_id: int | None,
                  data: ActionInput, post_ids: Sequence[int] = (),
                  pitch_ids: Sequence[int] = ()) -> Action:
    """A new action of the roadmap (`group_id` None: the regional one), with its first
    sources; the person who carries it is told."""
    _require_editor(conn, actor, group_id)
    roadmap_name(conn, group_id)  # NotFound for a group that does not exist
    values = _checked(conn, group_id, data)
    action_id = conn.execute(roadmap_actions.insert().values(
        group_id=group_id, created_by=actor.id, created_at=now(), updated_at=now(),
        **values).returning(roadmap_actions.c.id)).scalar_one()
    _record_change(conn, action_id, actor, values["status"], values["progress"])
    for post_id in post_ids:
        add_source(conn, actor=actor, action_id=action_id, post_id=post_id)
    for pitch_id in pitch_ids:
        add_source(conn, actor=actor, action_id=action_id, pitch_id=pitch_id)
    if data.owner_id is not None and data.owner_id != actor.id:
        notifications.notify(conn, user_id=data.owner_id, kind="roadmap",
                             text=f"Vous portez l'action « {values['title']} » de la "
                                  f"{roadmap_name(conn, group_id).lower()}.",
                             link=f"roadmap?action={action_id}")
    audit.record(conn, actor_id=actor.id, action="create_roadmap_action",
                 entity="roadmap_action", entity_id=action_id, detail={"group": group_id})
    return get_action(conn, action_id=action_id, viewer=actor)


def update_action(conn: sa.Connection, *, actor: User, action_id: int,
                  data: ActionInput) -> Action:
    """Every field at once; a new status or progress is kept in the history, and the
    authors of its source propositions are told of a new status."""
    row = get_row(conn, action_id, lock=True)
    _require_editor(conn, actor, row.group_id)
    values = _checked(conn, row.group_id, data)
    conn.execute(roadmap_actions.update().where(roadmap_actions.c.id == action_id)
                 .values(updated_at=now(), **values))
    if (values["status"], values["progress"]) != (row.status, row.progress):
        _record_change(conn, action_id, actor, values["status"], values["progress"])
    if values["status"] != row.status:
        _tell_sources(conn, action_id, f"L'action « {values['title']} », issue de votre "
                      f"proposition, est maintenant : {STATUSES[values['status']].lower()}.")
    audit.record(conn, actor_id=actor.id, action="update_roadmap_action",
                 entity="roadmap_action", entity_id=action_id,
                 detail={"status": values["status"], "progress": values["progress"]})
    return get_action(conn, action_id=action_id, viewer=actor)


def delete_action(conn: sa.Connection, *, actor: User, action_id: int) -> None:
    """Its sources and history go with it; the propositions keep their answer."""
    row = get_row(conn, action_id, lock=True)
    _require_editor(conn, actor, row.group_id)
    conn.execute(roadmap_actions.delete().where(roadmap_actions.c.id == action_id))
    audit.record(conn, actor_id=actor.id, action="delete_roadmap_action",
                 entity="roadmap_action", entity_id=action_id, detail={"title": row.title})


def _record_change(conn: sa.Connection, action_id: int, actor: User, status: str,
                   progress: int) -> None:
    conn.execute(roadmap_history.insert().values(action_id=action_id, user_id=actor.id,
                                                 status=status, progress=progress, at=now()))


def _tell_sources(conn: sa.Connection, action_id: int, text: str,
                  only_post: int | None = None) -> None:
    """The authors and followers of the action's source propositions."""
    posts = sa.select(roadmap_action_posts.c.post_id).where(
        roadmap_action_posts.c.action_id == action_id)
    if only_post is not None:
        posts = posts.where(roadmap_action_posts.c.post_id == only_post)
    authors = sa.select(forum_posts.c.author_id).where(
        forum_posts.c.id.in_(posts), forum_posts.c.kind == "proposition")
    followers = sa.select(forum_follows.c.user_id).where(forum_follows.c.post_id.in_(posts))
    for user_id in sorted(set(conn.execute(authors.union(followers)).scalars())):
        notifications.notify(conn, user_id=user_id, kind="roadmap", text=text,
                             link=f"roadmap?action={action_id}",
                             email_subject="Feuille de route")


def add_source(conn: sa.Connection, *, actor: User, action_id: int,
               post_id: int | None = None, pitch_id: int | None = None) -> None:
    """A forum contribution or a fiche projet the action comes from (once each). A
    proposition added is « intégrée à la feuille de route », and its people are told."""
    row = get_row(conn, action_id)
    _require_editor(conn, actor, row.group_id)
    if post_id is not None:
        _add_post(conn, actor, row, post_id)
    elif pitch_id is not None:
        fiche = conn.execute(sa.select(pitches.c.id).where(
            pitches.c.id == pitch_id, pitches.c.state == "published")).first()
        if fiche is None:
            raise ValidationError({"source": "Cette fiche projet n'est pas publiée."})
        if not _linked(conn, roadmap_action_pitches, action_id, "pitch_id", pitch_id):
            conn.execute(roadmap_action_pitches.insert().values(action_id=action_id,
                                                                pitch_id=pitch_id))
    else:
        raise ValidationError({"source": "Choisissez une contribution ou une fiche."})
    audit.record(conn, actor_id=actor.id, action="add_roadmap_source",
                 entity="roadmap_action", entity_id=action_id,
                 detail={"post": post_id, "pitch": pitch_id})


def _linked(conn: sa.Connection, table: sa.Table, action_id: int, column: str,
            value: int) -> bool:
    return conn.execute(sa.select(table.c.action_id).where(
        table.c.action_id == action_id, table.c[column] == value)).first() is not None


def _add_post(conn: sa.Connection, actor: User, action: sa.Row[Any], post_id: int) -> None:
    post = conn.execute(sa.select(forum_posts).where(
        forum_posts.c.id == post_id, forum_posts.c.parent_id.is_(None),
        forum_posts.c.status == "published", forum_posts.c.deleted_at.is_(None))).first()
    if post is None:
        raise ValidationError({"source": "Cette contribution n'est pas publiée au forum."})
    if _linked(conn, roadmap_action_posts, action.id, "post_id", post_id):
        return
    conn.execute(roadmap_action_posts.insert().values(action_id=action.id, post_id=post_id))
    if post.kind == "proposition" and post.answer_state != "integree":
        conn.execute(forum_posts.update().where(forum_posts.c.id == post_id).values(
            answer_state="integree", answer=post.answer or "",
            answered_by=post.answered_by or actor.id, answered_at=now()))
    if post.kind == "proposition":
        _tell_sources(conn, action.id, f"Votre proposition « {post.title} » est intégrée à "
                      f"la feuille de route : action « {action.title} ».", only_post=post_id)


def remove_source(conn: sa.Connection, *, actor: User, action_id: int,
                  post_id: int | None = None, pitch_id: int | None = None) -> None:
    row = get_row(conn, action_id)
    _require_editor(conn, actor, row.group_id)
    table, column, value = ((roadmap_action_posts, "post_id", post_id) if post_id is not None
                            else (roadmap_action_pitches, "pitch_id", pitch_id))
    conn.execute(table.delete().where(table.c.action_id == action_id,
                                      table.c[column] == value))
    audit.record(conn, actor_id=actor.id, action="remove_roadmap_source",
                 entity="roadmap_action", entity_id=action_id,
                 detail={"post": post_id, "pitch": pitch_id})
