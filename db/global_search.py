"""One search box across fiches, forum contributions, resources and days. Each kind is
searched the way its own page searches it, with the same permissions: drafts of others,
hidden or pending posts and unpublished days never come back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from db import forum, search
from db.events import list_events
from db.pitches import browse as pitch_browse
from db.resources import browse as resource_browse
from db.roles import User, require_role
from db.schema import forum_posts, forum_themes, users

KINDS = {"fiches": "Fiches projet", "forum": "Forum", "ressources": "Ressources",
         "journees": "Journées"}


@dataclass(frozen=True)
class Hit:
    title: str
    text: str
    meta: str
    page: str
    params: dict[str, str]


@dataclass(frozen=True)
class Found:
    kind: str
    total: int
    hits: list[Hit]


def _fiches(conn: sa.Connection, viewer: User, query: str, limit: int) -> Found:
    cards, total = pitch_browse.list_pitches(conn, viewer=viewer, limit=limit,
                                       filters=pitch_browse.Filters(query=query))
    return Found("fiches", total, [
        Hit(c.title, c.summary, " · ".join(filter(None, [c.department, c.owner_name])),
            "pages/pitches.py", {"fiche": str(c.id)}) for c in cards])


def _forum(conn: sa.Connection, viewer: User, query: str, limit: int) -> Found:
    matching = search.matches(conn, forum_posts, query)
    where: list[Any] = [forum_posts.c.parent_id.is_(None), forum.public(), matching]
    total = conn.execute(sa.select(sa.func.count()).select_from(forum_posts).where(*where)
                         ).scalar_one()
    rows = conn.execute(
        sa.select(forum_posts.c.id, forum_posts.c.title, forum_posts.c.body,
                  forum_posts.c.kind, forum_themes.c.title.label("theme"),
                  users.c.display_name, forum_posts.c.created_at)
        .join(forum_themes, forum_themes.c.id == forum_posts.c.theme_id)
        .join(users, users.c.id == forum_posts.c.author_id).where(*where)
        .order_by(forum_posts.c.created_at.desc()).limit(limit))
    return Found("forum", total, [
        Hit(r.title or "", r.body, f"{forum.KIND_LABELS[r.kind]} · {r.theme} · "
            f"{r.display_name}", "pages/forum.py", {"sujet": str(r.id)}) for r in rows])


def _resources(conn: sa.Connection, viewer: User, query: str, limit: int) -> Found:
    chosen = resource_browse.Filters(query=query)
    cards = resource_browse.list_resources(conn, filters=chosen, limit=limit, viewer=viewer)
    total = resource_browse.count_resources(conn, filters=chosen, viewer=viewer)
    return Found("ressources", total, [
        Hit(c.title, c.description, " · ".join(filter(None, [c.group_name,
                                                             str(c.year or "")])),
            "pages/resources.py", {"ressource": str(c.id)}) for c in cards])


def _days(conn: sa.Connection, viewer: User, query: str, limit: int) -> Found:
    """Days are few: their words are matched here, as everywhere, folded and singular."""
    words = search.terms(query)
    found = [e for e in list_events(conn, viewer=viewer) + list_events(
        conn, viewer=viewer, past=True)
        if all(f" {w}" in search.document(e.title, e.description, e.place) for w in words)]
    return Found("journees", len(found), [
        Hit(e.title, e.description, f"{e.day:%d/%m/%Y} · {e.place}", "pages/events.py",
            {"event": str(e.id)}) for e in found[:limit]])


def everywhere(conn: sa.Connection, *, viewer: User, query: str,
               limit: int = 5) -> list[Found]:
    """Up to `limit` hits of each kind, with each kind's total (nothing for no term)."""
    require_role(viewer, "contributor")
    if not search.terms(query):
        return []
    return [_fiches(conn, viewer, query, limit), _forum(conn, viewer, query, limit),
            _resources(conn, viewer, query, limit), _days(conn, viewer, query, limit)]
