"""Organisers manage the forum's themes: create, edit (title, description, period), close or
reopen. A closed theme, or one outside its period, is read-only (db.forum_posts checks)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from db import audit, validation
from db.engine import now
from db.errors import NotFound
from db.roles import User, require_role
from db.schema import forum_themes


def _check(title: str, description: str, opens_on: date | None,
           closes_on: date | None) -> tuple[str, str]:
    title, description = validation.clean(title), validation.clean(description)
    problems = {"title": validation.plain_text(title, label="Le titre", max_len=300),
                "description": validation.text(description, label="La description",
                                               max_len=5000, required=False)}
    if opens_on and closes_on and closes_on < opens_on:
        problems["closes_on"] = "La clôture doit venir après l'ouverture."
    validation.raise_if(problems)
    return title, description


def create_theme(conn: sa.Connection, *, actor: User, title: str, description: str = "",
                 opens_on: date | None = None, closes_on: date | None = None) -> int:
    require_role(actor, "organiser")
    title, description = _check(title, description, opens_on, closes_on)
    position = (conn.execute(sa.select(sa.func.max(forum_themes.c.position))).scalar() or 0) + 1
    theme_id = conn.execute(forum_themes.insert().values(
        position=position, title=title, description=description, opens_on=opens_on,
        closes_on=closes_on, status="open", created_at=now())
        .returning(forum_themes.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="create", entity="forum_theme",
                 entity_id=theme_id)
    return theme_id


def update_theme(conn: sa.Connection, *, actor: User, theme_id: int, title: str,
                 description: str = "", opens_on: date | None = None,
                 closes_on: date | None = None) -> None:
    require_role(actor, "organiser")
    title, description = _check(title, description, opens_on, closes_on)
    done = conn.execute(forum_themes.update().where(forum_themes.c.id == theme_id).values(
        title=title, description=description, opens_on=opens_on, closes_on=closes_on))
    if not done.rowcount:
        raise NotFound("Thème introuvable.")
    audit.record(conn, actor_id=actor.id, action="update", entity="forum_theme",
                 entity_id=theme_id)


def set_open(conn: sa.Connection, *, actor: User, theme_id: int, open_: bool) -> None:
    """Close a theme (read-only from now on) or reopen it."""
    require_role(actor, "organiser")
    done = conn.execute(forum_themes.update().where(forum_themes.c.id == theme_id)
                        .values(status="open" if open_ else "closed"))
    if not done.rowcount:
        raise NotFound("Thème introuvable.")
    audit.record(conn, actor_id=actor.id, action="open" if open_ else "close",
                 entity="forum_theme", entity_id=theme_id)
