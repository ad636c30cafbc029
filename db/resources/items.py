"""Ressources partagées: guides, activity sheets, reports, methods — a file or a link each.

Members add resources; their owner, organisers and admins edit, replace the file (the
previous one stays downloadable as a version) and delete them. Everything is audited.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from db import audit, files, groups, reference, search, validation
from db.engine import local_now, now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.resources.browse import readable_by
from db.roles import User, has_role, require_role
from db.schema import (
    collections,
    event_sessions,
    event_slots,
    events,
    pitches,
    resource_versions,
    resources,
    working_groups,
)

KIND_LABELS = {"guide": "Guide", "fiche_animation": "Fiche d'animation",
               "compte_rendu": "Compte rendu", "methode": "Méthode / outil",
               "support_formation": "Support de formation", "video": "Vidéo", "lien": "Lien",
               "autre": "Autre"}
LICENCES = ["CC BY", "CC BY-SA", "CC BY-NC-SA", "CC0 (domaine public)",
            "Licence Ouverte (Etalab)", "Tous droits réservés"]


@dataclass(frozen=True)
class ResourceInput:
    """A resource's description as its form gives it (the year may be the text typed);
    the file comes apart, as an `Upload`. Checked once by `clean`."""
    title: str | None = None
    description: str | None = None
    kind: str | None = None
    url: str | None = None
    group_id: int | None = None
    department_code: str | None = None
    tags: str | None = None
    audience: str | None = None
    public: bool = False  # read by contributors too
    year: int | str | None = None
    licence: str | None = None
    pitch_id: int | None = None
    event_id: int | None = None
    atelier_id: int | None = None  # stored in `resources.session_id` (see README)


FIELDS = tuple(f.name for f in fields(ResourceInput))


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it."""
    name: str
    data: bytes


def url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "Le lien doit commencer par http:// ou https://."
    if not parts.hostname or "." not in parts.hostname or any(c.isspace() for c in url):
        return "Ce lien n'est pas une adresse web valide (ex. https://exemple.fr/guide)."
    if len(url) > 1000:
        return "Le lien doit faire au plus 1 000 caractères."
    return None


def _exists(conn: sa.Connection, table: sa.Table, key: int | None, *where: Any) -> bool:
    return key is None or conn.execute(sa.select(table.c.id).where(
        table.c.id == key, *where)).first() is not None


def _links_problems(
    conn: sa.Connection, actor: User, data: dict[str, Any]
) -> dict[str, str | None]:
    """The fiche, day and atelier a resource is attached to must exist (and be visible)."""
    from db.pitches import visible_to

    in_day = sa.select(event_slots.c.id).where(event_slots.c.event_id == data["event_id"])
    session_ok = data["atelier_id"] is None or (data["event_id"] is not None and _exists(
        conn, event_sessions, data["atelier_id"], event_sessions.c.slot_id.in_(in_day)))
    return {
        "group_id": None if _exists(conn, working_groups, data["group_id"])
        else "Groupe de travail inconnu.",
        "pitch_id": None if _exists(conn, pitches, data["pitch_id"], visible_to(actor))
        else "Fiche projet introuvable.",
        "event_id": None if _exists(conn, events, data["event_id"]) else "Journée introuvable.",
        "atelier_id": None if session_ok else "Cet atelier n'appartient pas à cette journée.",
        "department_code": reference.department_problem(conn, data["department_code"])}


def clean(
    conn: sa.Connection, actor: User, given: ResourceInput, *, has_file: bool
) -> dict[str, Any]:
    """The resource's fields, checked; raises ValidationError with every problem at once."""
    data = asdict(given)
    for key in ("group_id", "department_code", "pitch_id", "event_id", "atelier_id"):
        data[key] = validation.reference(data[key])
    for key in ("title", "description", "url", "audience", "licence"):
        data[key] = validation.clean(data[key]) or None
    data["description"] = data["description"] or ""
    data["public"] = bool(data["public"])
    data["tags"], tags_problem = validation.tags(data["tags"])
    data["year"], year_problem = validation.whole_number(
        data["year"], label="L'année", low=1950, high=local_now().year + 1, required=False,
        example=2024)
    problems = {
        "title": validation.plain_text(data["title"] or "", label="Le titre", max_len=200),
        "description": validation.text(data["description"], label="La description",
                                       max_len=20_000, required=False),
        "kind": None if data["kind"] in KIND_LABELS else "Choisissez le type de ressource.",
        "tags": tags_problem,
        "audience": validation.plain_text(data["audience"] or "", label="Le public",
                                          max_len=120, required=False),
        "licence": None if data["licence"] in (None, *LICENCES) else "Licence inconnue.",
        "year": year_problem,
        **_links_problems(conn, actor, data)}
    if data["url"] and has_file:
        problems["url"] = "Joignez un fichier ou indiquez un lien, pas les deux."
    elif not data["url"] and not has_file:
        problems["file"] = "Joignez un fichier ou indiquez un lien vers la ressource."
    elif data["url"]:
        problems["url"] = url_problem(data["url"])
    validation.raise_if(problems)
    data["session_id"] = data.pop("atelier_id")  # the schema's name for an atelier
    return data


def _search_text(data: dict[str, Any]) -> str:
    return search.document(data["title"], data["description"], data["tags"],
                           data.get("audience"))


def create_resource(conn: sa.Connection, store: files.Store, *, actor: User, data: ResourceInput,
                    upload: Upload | None = None) -> int:
    """A new resource (members and above): fields are all checked before the file is
    stored, so a refused form leaves nothing behind."""
    require_role(actor, "member")
    values = clean(conn, actor, data, has_file=upload is not None)
    stored = files.save(conn, store, data=upload.data, name=upload.name) if upload else None
    resource_id = conn.execute(resources.insert().values(
        **values, file_id=stored.id if stored else None,
        file_name=upload.name[:255] if upload else None, owner_id=actor.id,
        search_text=_search_text(values), created_at=now(), updated_at=now())
        .returning(resources.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="create", entity="resource",
                 entity_id=resource_id, detail={"file": upload.name if upload else None})
    groups.announce(conn, group_id=values["group_id"], actor_id=actor.id,
                    what=f"nouvelle ressource : {values['title']}",
                    link=f"resources?ressource={resource_id}")
    return resource_id


def _editable(conn: sa.Connection, actor: User, resource_id: int) -> sa.Row[Any]:
    row = conn.execute(sa.select(resources).where(resources.c.id == resource_id)
                       .with_for_update()).first()
    if row is None:
        raise NotFound("Ressource introuvable.")
    if row.owner_id != actor.id and not has_role(actor, "organiser"):
        raise PermissionDenied("Seuls l'auteur de la ressource et les organisateurs peuvent "
                               "la modifier.")
    return row


def update_resource(conn: sa.Connection, *, actor: User, resource_id: int,
                    data: ResourceInput) -> None:
    """Change the description fields (the file is replaced with `replace_file`)."""
    row = _editable(conn, actor, resource_id)
    values = clean(conn, actor, data, has_file=row.file_id is not None)
    conn.execute(resources.update().where(resources.c.id == resource_id).values(
        **values, search_text=_search_text(values), updated_at=now()))
    audit.record(conn, actor_id=actor.id, action="update", entity="resource",
                 entity_id=resource_id)


def replace_file(conn: sa.Connection, store: files.Store, *, actor: User, resource_id: int,
                 upload: Upload) -> None:
    """A new version of the file; the previous one stays in the history."""
    row = _editable(conn, actor, resource_id)
    if row.file_id is None:
        raise ValidationError({"file": "Cette ressource est un lien : elle n'a pas de fichier "
                                       "à remplacer."})
    stored = files.save(conn, store, data=upload.data, name=upload.name)
    if stored.id == row.file_id:
        raise ValidationError({"file": "C'est déjà le fichier actuel de la ressource."})
    conn.execute(resource_versions.insert().values(
        resource_id=resource_id, file_id=row.file_id, file_name=row.file_name,
        created_by=actor.id, created_at=now()))
    conn.execute(resources.update().where(resources.c.id == resource_id).values(
        file_id=stored.id, file_name=upload.name[:255], updated_at=now()))
    audit.record(conn, actor_id=actor.id, action="replace_file", entity="resource",
                 entity_id=resource_id, detail={"file": upload.name})


def delete_resource(
    conn: sa.Connection, store: files.Store, *, actor: User, resource_id: int
) -> None:
    """Delete a resource and its versions; files still used elsewhere are kept."""
    row = _editable(conn, actor, resource_id)
    used = {row.file_id} if row.file_id else set()
    used |= set(conn.execute(sa.select(resource_versions.c.file_id).where(
        resource_versions.c.resource_id == resource_id)).scalars())
    conn.execute(resource_versions.delete().where(
        resource_versions.c.resource_id == resource_id))
    conn.execute(resources.delete().where(resources.c.id == resource_id))
    files.release(conn, store, file_ids=used)
    audit.record(conn, actor_id=actor.id, action="delete", entity="resource",
                 entity_id=resource_id, detail={"title": row.title})


def download(conn: sa.Connection, store: files.Store, *, resource_id: int,
             version_id: int | None = None, viewer: User | None = None
             ) -> tuple[bytes, str, str]:
    """(bytes, file name, type) of the current file or of a previous version; downloading
    the current file counts one download. A contributor gets only a public resource's."""
    if conn.execute(sa.select(resources.c.id).where(resources.c.id == resource_id,
                                                    readable_by(viewer))).first() is None:
        raise NotFound("Fichier introuvable.")
    if version_id is None:
        row = conn.execute(sa.select(resources.c.file_id, resources.c.file_name).where(
            resources.c.id == resource_id, resources.c.file_id.is_not(None))).first()
    else:
        row = conn.execute(sa.select(resource_versions.c.file_id,
                                     resource_versions.c.file_name).where(
            resource_versions.c.id == version_id,
            resource_versions.c.resource_id == resource_id)).first()
    if row is None:
        raise NotFound("Fichier introuvable.")
    data, mime = files.read(conn, store, file_id=row.file_id)
    if version_id is None:
        conn.execute(resources.update().where(resources.c.id == resource_id)
                     .values(downloads=resources.c.downloads + 1))
    return data, row.file_name, mime


def create_collection(conn: sa.Connection, *, actor: User, name: str,
                      description: str = "") -> int:
    """A named folder of resources (e.g. « Journée Ardèche 2021 »), for organisers."""
    require_role(actor, "organiser")
    name = validation.clean(name)
    validation.raise_if({"name": validation.plain_text(name, label="Le nom", max_len=200)})
    if conn.execute(sa.select(collections.c.id).where(collections.c.name == name)).first():
        raise ValidationError({"name": "Une collection porte déjà ce nom."})
    collection_id = conn.execute(collections.insert().values(
        name=name, description=validation.clean(description), created_by=actor.id,
        created_at=now()).returning(collections.c.id)).scalar_one()
    audit.record(conn, actor_id=actor.id, action="create", entity="collection",
                 entity_id=collection_id)
    return collection_id


def file_in_collection(conn: sa.Connection, *, actor: User, resource_id: int,
                       collection_id: int | None) -> None:
    require_role(actor, "organiser")
    if not _exists(conn, collections, collection_id):
        raise NotFound("Collection introuvable.")
    if conn.execute(resources.update().where(resources.c.id == resource_id).values(
            collection_id=collection_id, updated_at=now())).rowcount == 0:
        raise NotFound("Ressource introuvable.")
    audit.record(conn, actor_id=actor.id, action="collect", entity="resource",
                 entity_id=resource_id, detail={"collection_id": collection_id})
