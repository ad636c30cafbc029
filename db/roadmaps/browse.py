"""Reading roadmaps: the list of them with their counts, one roadmap's actions, one action
with its sources and history, and the actions that carry a given contribution. Each list
is a fixed number of queries, whatever the number of actions or sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from db.roadmaps.model import (
    Action,
    ActionCard,
    Change,
    Source,
    get_row,
    roadmap_name,
)
from db.roles import User, has_role
from db.schema import (
    departments,
    forum_posts,
    group_members,
    pitches,
    roadmap_action_pitches,
    roadmap_action_posts,
    roadmap_actions,
    roadmap_history,
    users,
    working_groups,
)

KIND_NAMES = {"retour_experience": "Retour d'expérience", "point_vigilance":
              "Point de vigilance", "proposition": "Proposition", "question": "Question"}


@dataclass(frozen=True)
class RoadmapSummary:
    group_id: int | None
    name: str
    actions: int
    done: int


def _owner_label() -> sa.ColumnElement[str]:
    return sa.func.coalesce(users.c.display_name, departments.c.md_name,
                            roadmap_actions.c.owner_department, "")


def _with_owner(query: sa.Select[Any]) -> sa.Select[Any]:
    return (query.outerjoin(users, users.c.id == roadmap_actions.c.owner_id)
            .outerjoin(departments,
                       departments.c.code == roadmap_actions.c.owner_department))


def list_roadmaps(conn: sa.Connection) -> list[RoadmapSummary]:
    """The regional roadmap first, then each active working group's, with their counts."""
    counts = {r.group_id: (r.n, r.done) for r in conn.execute(
        sa.select(roadmap_actions.c.group_id, sa.func.count().label("n"),
                  sa.func.count().filter(roadmap_actions.c.status == "realisee").label("done"))
        .group_by(roadmap_actions.c.group_id))}
    found = [RoadmapSummary(None, roadmap_name(conn, None), *counts.get(None, (0, 0)))]
    for group in conn.execute(sa.select(working_groups.c.id, working_groups.c.name)
                              .where(working_groups.c.status == "active")
                              .order_by(working_groups.c.name)):
        found.append(RoadmapSummary(group.id, f"Feuille de route — {group.name}",
                                    *counts.get(group.id, (0, 0))))
    return found


def list_actions(conn: sa.Connection, *, group_id: int | None) -> list[ActionCard]:
    """A roadmap's actions, by horizon then title, with their number of sources."""
    sources = (sa.select(sa.func.count()).where(
        roadmap_action_posts.c.action_id == roadmap_actions.c.id).scalar_subquery()
        + sa.select(sa.func.count()).where(
            roadmap_action_pitches.c.action_id == roadmap_actions.c.id).scalar_subquery())
    where = (roadmap_actions.c.group_id.is_(None) if group_id is None
             else roadmap_actions.c.group_id == group_id)
    rows = conn.execute(_with_owner(sa.select(
        roadmap_actions.c.id, roadmap_actions.c.group_id, roadmap_actions.c.theme_id,
        roadmap_actions.c.title, _owner_label().label("owner"), roadmap_actions.c.horizon,
        roadmap_actions.c.status, roadmap_actions.c.progress, sources.label("sources"))
        .select_from(roadmap_actions)).where(where)
        .order_by(roadmap_actions.c.horizon, roadmap_actions.c.title, roadmap_actions.c.id))
    return [ActionCard(**r._mapping) for r in rows]


def get_action(conn: sa.Connection, *, action_id: int, viewer: User | None = None) -> Action:
    """One action with its sources (fiches projet only for MD staff: they are not public)
    and the history of its status and progress, newest first."""
    get_row(conn, action_id)
    row = conn.execute(_with_owner(sa.select(roadmap_actions, _owner_label().label("owner"))
                                   .select_from(roadmap_actions))
                       .where(roadmap_actions.c.id == action_id)).one()
    history = [Change(r.at, r.display_name, r.status, r.progress) for r in conn.execute(
        sa.select(roadmap_history, users.c.display_name)
        .outerjoin(users, users.c.id == roadmap_history.c.user_id)
        .where(roadmap_history.c.action_id == action_id)
        .order_by(roadmap_history.c.at.desc(), roadmap_history.c.id.desc()))]
    return Action(row.id, row.group_id, roadmap_name(conn, row.group_id), row.theme_id,
                  row.title, row.description, row.owner_id, row.owner_department, row.owner,
                  row.horizon, row.status, row.progress, row.updated_at,
                  list_sources(conn, action_ids=[action_id], viewer=viewer).get(action_id, []),
                  history)


def list_sources(conn: sa.Connection, *, action_ids: list[int],
                 viewer: User | None = None) -> dict[int, list[Source]]:
    """Each action's sources in two queries: its published contributions, then (for MD
    staff) its fiches projet."""
    found: dict[int, list[Source]] = {}
    for r in conn.execute(
            sa.select(roadmap_action_posts.c.action_id, forum_posts.c.id, forum_posts.c.title,
                      forum_posts.c.kind)
            .join(forum_posts, forum_posts.c.id == roadmap_action_posts.c.post_id)
            .where(roadmap_action_posts.c.action_id.in_(action_ids),
                   forum_posts.c.status == "published", forum_posts.c.deleted_at.is_(None))
            .order_by(forum_posts.c.id)):
        found.setdefault(r.action_id, []).append(
            Source("post", r.id, r.title or "", KIND_NAMES.get(r.kind, "")))
    if has_role(viewer, "member"):
        for r in conn.execute(
                sa.select(roadmap_action_pitches.c.action_id, pitches.c.id, pitches.c.title,
                          departments.c.name)
                .join(pitches, pitches.c.id == roadmap_action_pitches.c.pitch_id)
                .outerjoin(departments, departments.c.code == pitches.c.department_code)
                .where(roadmap_action_pitches.c.action_id.in_(action_ids))
                .order_by(pitches.c.id)):
            found.setdefault(r.action_id, []).append(
                Source("pitch", r.id, r.title, f"Fiche projet{' — ' + r.name if r.name else ''}"))
    return found


def list_actions_of_post(conn: sa.Connection, *, post_id: int) -> list[ActionCard]:
    """The actions that carry this contribution (shown under a retained proposition)."""
    ids = sa.select(roadmap_action_posts.c.action_id).where(
        roadmap_action_posts.c.post_id == post_id)
    rows = conn.execute(_with_owner(sa.select(
        roadmap_actions.c.id, roadmap_actions.c.group_id, roadmap_actions.c.theme_id,
        roadmap_actions.c.title, _owner_label().label("owner"), roadmap_actions.c.horizon,
        roadmap_actions.c.status, roadmap_actions.c.progress, sa.literal(0).label("sources"))
        .select_from(roadmap_actions)).where(roadmap_actions.c.id.in_(ids))
        .order_by(roadmap_actions.c.id))
    return [ActionCard(**r._mapping) for r in rows]


def list_owner_choices(conn: sa.Connection, *, group_id: int | None
                       ) -> tuple[dict[int, str], dict[str, str]]:
    """Who may carry an action of this roadmap: its people, and their MDs."""
    people = (sa.select(users.c.id, users.c.display_name, users.c.department_code,
                        departments.c.md_name)
              .outerjoin(departments, departments.c.code == users.c.department_code)
              .where(users.c.active.is_(True), users.c.held_for_claim.is_(False),
                     users.c.role != "contributor").order_by(users.c.display_name))
    if group_id is not None:
        people = people.join(group_members, group_members.c.user_id == users.c.id).where(
            group_members.c.group_id == group_id, group_members.c.status == "active")
    rows = conn.execute(people).all()
    if group_id is None:
        mds = {r.code: r.md_name for r in conn.execute(
            sa.select(departments.c.code, departments.c.md_name)
            .where(departments.c.md_name.is_not(None)).order_by(departments.c.md_name))}
    else:
        mds = {r.department_code: r.md_name for r in rows if r.md_name}
    return {r.id: r.display_name for r in rows}, mds
