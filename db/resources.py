"""Ressources partagées: guides, activity sheets, reports, methods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db.schema import resources, working_groups

KIND_LABELS = {"guide": "Guide", "fiche_animation": "Fiche d'animation",
               "compte_rendu": "Compte rendu", "methode": "Méthode / outil",
               "support_formation": "Support de formation", "video": "Vidéo", "lien": "Lien",
               "autre": "Autre"}


@dataclass(frozen=True)
class ResourceCard:
    id: int
    title: str
    description: str
    kind: str
    url: str | None
    group_name: str | None
    year: int | None
    created_at: datetime


def latest(conn: sa.Connection, *, limit: int = 5) -> list[ResourceCard]:
    query = (sa.select(resources.c.id, resources.c.title, resources.c.description,
                       resources.c.kind, resources.c.url,
                       working_groups.c.name.label("group_name"), resources.c.year,
                       resources.c.created_at)
             .select_from(resources.outerjoin(working_groups,
                                              working_groups.c.id == resources.c.group_id))
             .order_by(resources.c.created_at.desc(), resources.c.id.desc()).limit(limit))
    return [ResourceCard(**row._mapping) for row in conn.execute(query)]
