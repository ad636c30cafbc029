"""What a roadmap is made of, as both its writers (`actions`) and its readers (`browse`)
see it: the statuses, an action's card and its full view, its sources and changes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.errors import NotFound
from db.schema import roadmap_actions, working_groups

STATUSES = {"a_lancer": "À lancer", "en_cours": "En cours", "realisee": "Réalisée",
            "abandonnee": "Abandonnée"}
HORIZON = re.compile(r"^(20\d\d)(?:-T([1-4]))?$")
REGION = "region"  # the regional roadmap's key in links (`feuille=region`)


@dataclass(frozen=True)
class ActionCard:
    id: int
    group_id: int | None
    theme_id: int | None
    title: str
    owner: str
    horizon: str
    status: str
    progress: int
    sources: int


@dataclass(frozen=True)
class Source:
    kind: str  # "post" or "pitch"
    id: int
    title: str
    detail: str  # the contribution's kind and answer state, or the fiche's department


@dataclass(frozen=True)
class Change:
    at: datetime
    by: str | None
    status: str
    progress: int


@dataclass(frozen=True)
class Action:
    id: int
    group_id: int | None
    roadmap: str
    theme_id: int | None
    title: str
    description: str
    owner_id: int | None
    owner_department: str | None
    owner: str
    horizon: str
    status: str
    progress: int
    updated_at: datetime
    sources: list[Source] = field(default_factory=list)
    history: list[Change] = field(default_factory=list)


def roadmap_key(group_id: int | None) -> str:
    """The `feuille=` of a roadmap's link."""
    return REGION if group_id is None else str(group_id)


def roadmap_name(conn: sa.Connection, group_id: int | None) -> str:
    if group_id is None:
        return "Feuille de route régionale"
    name = conn.execute(sa.select(working_groups.c.name)
                        .where(working_groups.c.id == group_id)).scalar()
    if name is None:
        raise NotFound("Cette feuille de route n'existe pas.")
    return f"Feuille de route — {name}"


def get_row(conn: sa.Connection, action_id: int, *, lock: bool = False) -> sa.Row[Any]:
    query = sa.select(roadmap_actions).where(roadmap_actions.c.id == action_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFound("Cette action n'existe pas (ou plus).")
    return row
