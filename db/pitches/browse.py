"""Finding fiches: filters, French search, sorting, pages, and near-duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from db import search
from db.pitches import Pitch, PitchCard, get_pitch, visible_to
from db.roles import User
from db.schema import departments, pitch_comments, pitch_follows, pitches, users

SORTS = {"recent": "Les plus récentes", "followed": "Les plus suivies",
         "discussed": "Les plus commentées"}
PER_PAGE = 20


@dataclass(frozen=True)
class Filters:
    query: str = ""
    department_code: str | None = None
    group_id: int | None = None
    status: str | None = None
    axis: str | None = None
    tag: str | None = None
    year: int | None = None
    sort: str = "recent"


def _counts() -> tuple[sa.ScalarSelect[Any], sa.ScalarSelect[Any]]:
    followers = (sa.select(sa.func.count()).select_from(pitch_follows)
                 .where(pitch_follows.c.pitch_id == pitches.c.id).scalar_subquery())
    comments = (sa.select(sa.func.count()).select_from(pitch_comments)
                .where(pitch_comments.c.pitch_id == pitches.c.id,
                       pitch_comments.c.deleted_at.is_(None),
                       pitch_comments.c.hidden_reason.is_(None)).scalar_subquery())
    return followers, comments


def _cards(
    viewer: User | None,
) -> tuple[sa.Select[Any], sa.ScalarSelect[Any], sa.ScalarSelect[Any]]:
    followers, comments = _counts()
    query = (sa.select(pitches.c.id, pitches.c.title, pitches.c.summary, pitches.c.status,
                       departments.c.name.label("department"),
                       users.c.display_name.label("owner_name"), pitches.c.updated_at,
                       pitches.c.state, followers.label("followers"),
                       comments.label("comments"))
             .select_from(pitches.join(users, users.c.id == pitches.c.owner_id)
                          .outerjoin(departments,
                                     departments.c.code == pitches.c.department_code))
             .where(visible_to(viewer)))
    return query, followers, comments


def _filtered(query: sa.Select[Any], f: Filters) -> sa.Select[Any]:
    for term in search.terms(f.query):
        query = query.where(pitches.c.search_text.like(f"% {term}%"))
    simple = {"department_code": f.department_code, "group_id": f.group_id,
              "status": f.status, "axis": f.axis}
    for column, value in simple.items():
        if value:
            query = query.where(pitches.c[column] == value)
    if f.tag:
        query = query.where(search.has_tag(pitches.c.tags, f.tag))
    if f.year:
        started = sa.extract("year", sa.func.coalesce(pitches.c.start_date, pitches.c.created_at))
        query = query.where(started == f.year)
    return query


def list_pitches(conn: sa.Connection, *, viewer: User | None, filters: Filters = Filters(),
                 limit: int = PER_PAGE, offset: int = 0) -> tuple[list[PitchCard], int]:
    """One page of fiche cards matching the filters, and how many match in all."""
    query, followers, comments = _cards(viewer)
    query = _filtered(query, filters)
    total = conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    order = {"followed": followers.desc(), "discussed": comments.desc()}.get(filters.sort)
    query = query.order_by(*([order] if order is not None else []),
                           pitches.c.updated_at.desc(), pitches.c.id.desc())
    rows = conn.execute(query.limit(limit).offset(offset))
    return [PitchCard(**row._mapping) for row in rows], total


def list_latest_pitches(
    conn: sa.Connection, *, viewer: User | None, limit: int = 5
) -> list[PitchCard]:
    return list_pitches(conn, viewer=viewer, limit=limit)[0]


def get_facets(conn: sa.Connection, *, viewer: User | None) -> dict[str, list[Any]]:
    """The values people can filter on, from the fiches they can see."""
    visible = visible_to(viewer)
    axes = conn.execute(sa.select(pitches.c.axis).where(visible, pitches.c.axis.is_not(None))
                        .distinct().order_by(pitches.c.axis)).scalars().all()
    tags = sorted({t.strip() for row in conn.execute(sa.select(pitches.c.tags).where(visible))
                   for t in row.tags.split(",") if t.strip()}, key=search.fold)
    year = sa.extract("year", sa.func.coalesce(pitches.c.start_date, pitches.c.created_at))
    years = conn.execute(sa.select(year).where(visible).distinct().order_by(year.desc())
                         ).scalars().all()
    return {"axes": list(axes), "tags": tags, "years": [int(y) for y in years if y]}


def _trigram_sql(conn: sa.Connection) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(sa.text("SELECT to_regproc('similarity') IS NOT NULL")).scalar())


def list_similar(conn: sa.Connection, *, viewer: User | None, title: str, summary: str = "",
                 exclude_id: int | None = None, limit: int = 5,
                 threshold: float = 0.25) -> list[tuple[PitchCard, float]]:
    """Published fiches whose title looks like this one, closest first: pg_trgm's
    similarity on PostgreSQL, the same measure computed in Python elsewhere."""
    if len(search.terms(title)) == 0:
        return []
    query, _, _ = _cards(None)
    query = query.where(pitches.c.state == "published")
    if exclude_id:
        query = query.where(pitches.c.id != exclude_id)
    if _trigram_sql(conn):
        score = sa.func.similarity(pitches.c.title, title)
        rows = conn.execute(query.add_columns(score.label("score"))
                            .where(score >= threshold).order_by(score.desc()).limit(limit))
        return [(PitchCard(**{k: v for k, v in r._mapping.items() if k != "score"}), r.score)
                for r in rows]
    scored = [(PitchCard(**r._mapping), search.similarity(title, r.title))
              for r in conn.execute(query)]
    scored = [(card, score) for card, score in scored if score >= threshold]
    return sorted(scored, key=lambda pair: -pair[1])[:limit]


def list_full_pitches(conn: sa.Connection, *, viewer: User | None, filters: Filters = Filters()
                      ) -> list[Pitch]:
    """Every fiche matching the filters, whole (for the CSV/XLSX export)."""
    cards, _ = list_pitches(conn, viewer=viewer, filters=filters, limit=100_000)
    return [get_pitch(conn, pitch_id=card.id, viewer=viewer) for card in cards]
