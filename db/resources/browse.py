"""Finding resources: filters, French full-text search, sorts, pages; one resource whole
with its versions; the resources attached to a fiche or a day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import search
from db.errors import NotFound
from db.roles import User, has_role
from db.schema import (
    collections,
    departments,
    event_sessions,
    event_slots,
    events,
    files,
    pitches,
    resource_versions,
    resources,
    users,
    working_groups,
)

PER_PAGE = 20
SORTS = {"recent": "Les plus récentes", "downloads": "Les plus téléchargées",
         "title": "Titre (A → Z)"}


@dataclass(frozen=True)
class Filters:
    query: str = ""
    kind: str | None = None
    group_id: int | None = None
    department_code: str | None = None
    tag: str | None = None
    year: int | None = None
    licence: str | None = None
    collection_id: int | None = None
    sort: str = "recent"


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
    file_name: str | None = None
    downloads: int = 0
    department_code: str | None = None
    public: bool = False


@dataclass(frozen=True)
class Version:
    id: int
    file_name: str
    size: int
    created_at: datetime
    replaced_by: str | None


@dataclass(frozen=True)
class Resource:
    id: int
    title: str
    description: str
    kind: str
    url: str | None
    file_id: int | None
    file_name: str | None
    mime: str | None
    size: int | None
    group_id: int | None
    group_name: str | None
    department_code: str | None
    department_name: str | None
    tags: str
    audience: str | None
    public: bool
    year: int | None
    licence: str | None
    pitch_id: int | None
    pitch_title: str | None
    event_id: int | None
    event_title: str | None
    atelier_id: int | None
    atelier_title: str | None
    collection_id: int | None
    collection_name: str | None
    owner_id: int
    owner_name: str
    downloads: int
    created_at: datetime
    updated_at: datetime
    versions: tuple[Version, ...] = field(default=())

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (x.strip() for x in self.tags.split(",")) if t]


def readable_by(viewer: User | None) -> sa.ColumnElement[bool]:
    """MD staff read every resource; a contributor (open sign-up) the public ones only.
    No viewer: the app's own reads (exports, search of a member's days)."""
    if viewer is None or has_role(viewer, "member"):
        return sa.true()
    return resources.c.public.is_(True)


def _cards() -> sa.Select[Any]:
    return (sa.select(resources.c.id, resources.c.title, resources.c.description,
                      resources.c.kind, resources.c.url,
                      working_groups.c.name.label("group_name"), resources.c.year,
                      resources.c.created_at, resources.c.file_name, resources.c.downloads,
                      resources.c.department_code, resources.c.public)
            .select_from(resources.outerjoin(working_groups,
                                             working_groups.c.id == resources.c.group_id)))


def list_latest_resources(conn: sa.Connection, *, limit: int = 5,
                          viewer: User | None = None) -> list[ResourceCard]:
    query = _cards().where(readable_by(viewer)).order_by(resources.c.created_at.desc(), resources.c.id.desc())
    return [ResourceCard(**row._mapping) for row in conn.execute(query.limit(limit))]


def _filtered(conn: sa.Connection, query: sa.Select[Any], f: Filters) -> sa.Select[Any]:
    found = search.matches(conn, resources, f.query)
    if found is not None:
        query = query.where(found)
    for name in ("kind", "group_id", "department_code", "year", "licence", "collection_id"):
        if getattr(f, name) is not None:
            query = query.where(resources.c[name] == getattr(f, name))
    if f.tag:
        query = query.where(search.has_tag(resources.c.tags, f.tag))
    return query


def count_resources(conn: sa.Connection, *, filters: Filters = Filters(),
                    viewer: User | None = None) -> int:
    query = _filtered(conn, sa.select(sa.func.count()).select_from(resources), filters
                      ).where(readable_by(viewer))
    return conn.execute(query).scalar_one()


def list_resources(conn: sa.Connection, *, filters: Filters = Filters(), limit: int = PER_PAGE,
                   offset: int = 0, viewer: User | None = None) -> list[ResourceCard]:
    """One page of the resources the viewer may read (`readable_by`)."""
    orders: dict[str | None, list[Any]] = {"downloads": [resources.c.downloads.desc()],
                                           "title": [sa.func.lower(resources.c.title)]}
    order = orders.get(filters.sort, [])
    query = _filtered(conn, _cards(), filters).where(readable_by(viewer)).order_by(
        *order, resources.c.created_at.desc(), resources.c.id.desc())
    return [ResourceCard(**r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]


def facets(conn: sa.Connection) -> dict[str, list[Any]]:
    """Choices offered by the filters: the tags, years and licences in use."""
    tags = sorted({t.strip() for (value,) in conn.execute(
        sa.select(resources.c.tags).distinct()) for t in value.split(",") if t.strip()},
        key=search.fold)
    years = conn.execute(sa.select(resources.c.year).distinct().where(
        resources.c.year.is_not(None)).order_by(resources.c.year.desc())).scalars().all()
    licences = conn.execute(sa.select(resources.c.licence).distinct().where(
        resources.c.licence.is_not(None)).order_by(resources.c.licence)).scalars().all()
    return {"tags": tags, "years": list(years), "licences": list(licences)}


def list_collections(conn: sa.Connection) -> dict[int, str]:
    return dict(conn.execute(sa.select(collections.c.id, collections.c.name)
                             .order_by(collections.c.name)).tuples().all())


def get_resource(conn: sa.Connection, *, resource_id: int,
                 viewer: User | None = None) -> Resource:
    owner = users.alias("owner")
    query = (sa.select(
        resources.c.id, resources.c.title, resources.c.description, resources.c.kind,
        resources.c.url, resources.c.file_id, resources.c.file_name, files.c.mime,
        files.c.size, resources.c.group_id, working_groups.c.name.label("group_name"),
        resources.c.department_code, departments.c.name.label("department_name"),
        resources.c.tags, resources.c.audience, resources.c.public, resources.c.year, resources.c.licence,
        resources.c.pitch_id, pitches.c.title.label("pitch_title"), resources.c.event_id,
        events.c.title.label("event_title"), resources.c.session_id.label("atelier_id"),
        event_sessions.c.title.label("atelier_title"), resources.c.collection_id,
        collections.c.name.label("collection_name"), resources.c.owner_id,
        owner.c.display_name.label("owner_name"), resources.c.downloads,
        resources.c.created_at, resources.c.updated_at)
        .select_from(resources.join(owner, owner.c.id == resources.c.owner_id)
                     .outerjoin(files, files.c.id == resources.c.file_id)
                     .outerjoin(working_groups, working_groups.c.id == resources.c.group_id)
                     .outerjoin(departments,
                                departments.c.code == resources.c.department_code)
                     .outerjoin(pitches, pitches.c.id == resources.c.pitch_id)
                     .outerjoin(events, events.c.id == resources.c.event_id)
                     .outerjoin(event_sessions,
                                event_sessions.c.id == resources.c.session_id)
                     .outerjoin(collections, collections.c.id == resources.c.collection_id))
        .where(resources.c.id == resource_id, readable_by(viewer)))
    row = conn.execute(query).first()
    if row is None:
        raise NotFound("Cette ressource n'existe pas ou a été supprimée.")
    versions = tuple(Version(**v._mapping) for v in conn.execute(
        sa.select(resource_versions.c.id, resource_versions.c.file_name, files.c.size,
                  resource_versions.c.created_at,
                  users.c.display_name.label("replaced_by"))
        .join(files, files.c.id == resource_versions.c.file_id)
        .outerjoin(users, users.c.id == resource_versions.c.created_by)
        .where(resource_versions.c.resource_id == resource_id)
        .order_by(resource_versions.c.created_at.desc(), resource_versions.c.id.desc())))
    return Resource(**row._mapping, versions=versions)


def attached(conn: sa.Connection, *, pitch_id: int | None = None,
             event_id: int | None = None, viewer: User | None = None) -> list[ResourceCard]:
    """The resources attached to a fiche projet or to a day (and its ateliers)."""
    where = (resources.c.pitch_id == pitch_id if pitch_id is not None
             else resources.c.event_id == event_id)
    query = _cards().where(where, readable_by(viewer)).order_by(resources.c.title)
    return [ResourceCard(**row._mapping) for row in conn.execute(query)]


def link_choices(conn: sa.Connection, *, viewer: User | None) -> dict[str, dict[Any, Any]]:
    """What a resource may be attached to: the fiches the viewer can see, the days, and
    each day's ateliers."""
    from db.pitches import visible_to

    fiches = dict(conn.execute(sa.select(pitches.c.id, pitches.c.title)
                               .where(visible_to(viewer)).order_by(pitches.c.title)).tuples().all())
    days = {row.id: f"{row.title} ({row.day:%d/%m/%Y})" for row in conn.execute(
        sa.select(events.c.id, events.c.title, events.c.day).order_by(events.c.day.desc()))}
    ateliers: dict[int, dict[int, str]] = {}
    for event_id, session_id, title in conn.execute(
            sa.select(event_slots.c.event_id, event_sessions.c.id, event_sessions.c.title)
            .join(event_slots, event_slots.c.id == event_sessions.c.slot_id)
            .order_by(event_sessions.c.title)):
        ateliers.setdefault(event_id, {})[session_id] = title
    return {"pitches": fiches, "events": days, "ateliers": ateliers}


def sharing_the_file(conn: sa.Connection, *, resource_id: int) -> list[tuple[int, str]]:
    """Other resources whose current file is this one's (the same bytes, stored once)."""
    mine = sa.select(resources.c.file_id).where(resources.c.id == resource_id)
    return [tuple(row) for row in conn.execute(
        sa.select(resources.c.id, resources.c.title).where(
            resources.c.file_id.in_(mine),
            resources.c.id != resource_id).order_by(resources.c.title))]
