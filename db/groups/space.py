"""A working group's space in one place: its fiches, resources, days and forum threads,
filtered to the group, and the activity feed of the latest events. What a viewer may not
see (drafts, hidden posts) never appears here either."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import forum
from db.events import list_events
from db.pitches import browse as pitch_browse
from db.resources import browse as resource_browse
from db.roles import User, require_role
from db.schema import (
    events,
    group_meetings,
    group_members,
    pitches,
    resources,
    users,
)


@dataclass(frozen=True)
class Activity:
    at: datetime
    kind: str  # "fiche", "ressource", "journée", "réunion", "forum", "membre"
    text: str
    link: str | None


@dataclass(frozen=True)
class Content:
    fiches: list[Any]
    fiches_total: int
    resources: list[Any]
    resources_total: int
    upcoming_days: list[Any]
    past_days: list[Any]
    threads: list[Any]


def list_content(conn: sa.Connection, *, viewer: User, group_id: int, limit: int = 6) -> Content:
    """The group's latest fiches, resources and threads, and its days (MD staff only)."""
    require_role(viewer, "member")
    fiches, fiches_total = pitch_browse.list_pitches(
        conn, viewer=viewer, filters=pitch_browse.Filters(group_id=group_id), limit=limit)
    chosen = resource_browse.Filters(group_id=group_id)
    return Content(
        fiches, fiches_total, resource_browse.list_resources(conn, filters=chosen, limit=limit),
        resource_browse.count_resources(conn, filters=chosen),
        list_events(conn, viewer=viewer, group_id=group_id),
        list_events(conn, viewer=viewer, past=True, group_id=group_id)[:limit],
        forum.list_latest_threads(conn, limit=limit, group_id=group_id))


def _recent(conn: sa.Connection, query: sa.Select[Any], limit: int) -> list[sa.Row[Any]]:
    return list(conn.execute(query.order_by(sa.desc("at")).limit(limit)).all())


def list_feed(conn: sa.Connection, *, viewer: User, group_id: int,
              limit: int = 30) -> list[Activity]:
    """The latest `limit` things that happened in the group, newest first."""
    require_role(viewer, "member")
    sources = [
        ("fiche", "Fiche projet publiée : {}", "pitches?fiche={}", sa.select(
            pitches.c.id, pitches.c.title, pitches.c.updated_at.label("at")).where(
            pitches.c.group_id == group_id, pitches.c.state == "published")),
        ("ressource", "Nouvelle ressource : {}", "resources?ressource={}", sa.select(
            resources.c.id, resources.c.title, resources.c.created_at.label("at")).where(
            resources.c.group_id == group_id)),
        ("journée", "Journée annoncée : {}", "events?event={}", sa.select(
            events.c.id, events.c.title, events.c.created_at.label("at")).where(
            events.c.group_id == group_id, events.c.status != "draft")),
        ("réunion", "Réunion programmée : {}", None, sa.select(
            group_meetings.c.id, group_meetings.c.title,
            group_meetings.c.created_at.label("at")).where(
            group_meetings.c.group_id == group_id)),
        ("membre", "{} a rejoint le groupe", None, sa.select(
            users.c.id, users.c.display_name.label("title"),
            group_members.c.joined_at.label("at"))
            .join(users, users.c.id == group_members.c.user_id).where(
            group_members.c.group_id == group_id, group_members.c.status == "active")),
    ]
    found = [Activity(row.at, kind, text.format(row.title),
                      link.format(row.id) if link else None)
             for kind, text, link, query in sources for row in _recent(conn, query, limit)]
    found += [Activity(post.created_at, "forum", f"Contribution au forum : {post.title}",
                       f"forum?sujet={post.id}")
              for post in forum.list_latest_threads(conn, limit=limit, group_id=group_id)]
    return sorted(found, key=lambda a: a.at, reverse=True)[:limit]
