"""The catalogue of shared kits: an MD describes what it lends (kind, contents, photos,
conditions, loan lengths, buffer, units, whether it validates requests) and links the
resources that go with it; everyone signed in finds a kit by kind, MD, theme, words and
the dates it is free on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from db import audit, files, search, validation
from db.engine import local_now, now
from db.errors import PermissionDenied, ValidationError
from db.kits import holds
from db.kits.model import KINDS, KIT_STATUSES, TRANSPORTS, Item, Kit, kit_row, may_manage
from db.roles import User, has_role
from db.schema import departments, kit_holds, kit_items, kit_photos, kit_resources, kits, resources

QUANTITY = re.compile(r"^(\d{1,4})\s*(?:[x×]\s*)?(.+)$", re.IGNORECASE)
IMAGES = ("image/png", "image/jpeg")


@dataclass(frozen=True)
class KitInput:
    """A kit as its form gives it; `contents` is one item per line, « 10 tablettes »."""
    title: str | None = None
    kind: str | None = None
    department_code: str | None = None
    description: str | None = None
    contents: str | None = None
    theme_id: int | None = None
    audience: str | None = None
    insurance_eur: object = None
    transport: str | None = "navette"
    min_days: object = 1
    max_days: object = 30
    buffer_days: object = 2
    units: object = 1
    status: str | None = "disponible"
    needs_approval: bool = True
    resource_ids: Sequence[int] = ()


def parse_contents(text: str) -> tuple[list[Item], str | None]:
    """« 10 tablettes » → (tablettes, 10); a line without a number counts one."""
    found = []
    for line in validation.clean(text).splitlines():
        line = line.strip(" -•*\t")
        if not line:
            continue
        match = QUANTITY.match(line)
        item, quantity = (match.group(2).strip(), int(match.group(1))) if match else (line, 1)
        if quantity < 1 or len(item) > 200 or "<" in item or ">" in item:
            return [], f"Ligne « {line[:60]} » : une quantité (1 ou plus) puis l'objet."
        found.append(Item(item, quantity))
    return found, None if len(found) <= 100 else "Cent lignes au plus."


def _numbers(data: KitInput) -> tuple[dict[str, int | None], dict[str, str | None]]:
    values: dict[str, int | None] = {}
    errors: dict[str, str | None] = {}
    for name, label, low, high, required in (
            ("min_days", "La durée minimale", 1, 365, True),
            ("max_days", "La durée maximale", 1, 365, True),
            ("buffer_days", "Le délai entre deux prêts", 0, 30, True),
            ("units", "Le nombre d'unités", 1, 100, True),
            ("insurance_eur", "La valeur d'assurance", 0, 1_000_000, False)):
        values[name], errors[name] = validation.whole_number(
            getattr(data, name), label=label, low=low, high=high, required=required)
    shortest, longest = values["min_days"], values["max_days"]
    if shortest and longest and longest < shortest:
        errors["max_days"] = "La durée maximale ne peut pas être plus courte que la minimale."
    return values, errors


def _checked(conn: sa.Connection, actor: User, data: KitInput
             ) -> tuple[dict[str, Any], list[Item]]:
    """The row's values and contents, or one ValidationError naming every field at fault."""
    title, description = validation.clean(data.title), validation.clean(data.description)
    audience = validation.clean(data.audience)
    department = data.department_code or actor.department_code
    items, contents_error = parse_contents(data.contents or "")
    numbers, number_errors = _numbers(data)
    md = conn.execute(sa.select(departments.c.md_name).where(
        departments.c.code == department)).scalar() if department else None
    validation.raise_if({
        "title": validation.plain_text(title, label="Le titre", max_len=200),
        "kind": None if data.kind in KINDS else "Choisissez un type de matériel.",
        "department_code": None if md else "Choisissez la MD qui prête ce matériel.",
        "description": validation.text(description, label="La description", max_len=10_000,
                                       required=False),
        "contents": contents_error,
        "audience": validation.plain_text(audience, label="Le public", max_len=200,
                                          required=False),
        "transport": None if data.transport in TRANSPORTS else "Choisissez un transport.",
        "status": None if data.status in KIT_STATUSES else "Choisissez un état.",
        **number_errors})
    if not may_manage(actor, str(department)):
        raise PermissionDenied("Seule l'équipe de la MD qui prête ce matériel (ou un "
                               "organisateur) le décrit.")
    document = search.document(title, description, audience, KINDS[str(data.kind)],
                               *(i.item for i in items))
    return {"title": title, "kind": data.kind, "department_code": department,
            "description": description, "theme_id": validation.reference(data.theme_id),
            "audience": audience, "transport": data.transport, "status": data.status,
            "needs_approval": bool(data.needs_approval), "search_text": document,
            **numbers}, items


def _write_parts(conn: sa.Connection, kit_id: int, items: list[Item],
                 resource_ids: Sequence[int]) -> None:
    conn.execute(kit_items.delete().where(kit_items.c.kit_id == kit_id))
    if items:
        conn.execute(kit_items.insert(), [
            {"kit_id": kit_id, "item": i.item, "quantity": i.quantity, "position": n}
            for n, i in enumerate(items)])
    conn.execute(kit_resources.delete().where(kit_resources.c.kit_id == kit_id))
    known = set(conn.execute(sa.select(resources.c.id).where(
        resources.c.id.in_(list(resource_ids)))).scalars()) if resource_ids else set()
    if known:
        conn.execute(kit_resources.insert(), [{"kit_id": kit_id, "resource_id": r}
                                              for r in sorted(known)])


def create_kit(conn: sa.Connection, *, actor: User, data: KitInput) -> Kit:
    """A new kit of the actor's MD (an organiser names the MD)."""
    if not has_role(actor, "member"):
        raise PermissionDenied("Seules les équipes des MD prêtent du matériel.")
    values, items = _checked(conn, actor, data)
    stamp = now()
    kit_id = conn.execute(kits.insert().values(**values, created_by=actor.id,
                                               created_at=stamp, updated_at=stamp)
                          .returning(kits.c.id)).scalar_one()
    _write_parts(conn, kit_id, items, data.resource_ids)
    audit.record(conn, actor_id=actor.id, action="kit.create", entity="kit", entity_id=kit_id)
    return get_kit(conn, kit_id=kit_id)


def update_kit(conn: sa.Connection, *, actor: User, kit_id: int, data: KitInput) -> Kit:
    """Edit a kit; a smaller number of units may not strand a booking already held."""
    row = holds.lock_kit(conn, kit_id)
    if not may_manage(actor, row.department_code):
        raise PermissionDenied("Seule l'équipe de la MD qui prête ce matériel le modifie.")
    values, items = _checked(conn, actor, data)
    stranded = conn.execute(sa.select(sa.func.max(kit_holds.c.unit)).where(
        kit_holds.c.kit_id == kit_id, kit_holds.c.ends_on >= local_now().date())).scalar()
    if stranded and stranded > values["units"]:
        raise ValidationError({"units": f"Des réservations à venir occupent {stranded} "
                                        "unités : réduisez le nombre plus tard."})
    conn.execute(kits.update().where(kits.c.id == kit_id).values(**values,
                                                                 updated_at=now()))
    _write_parts(conn, kit_id, items, data.resource_ids)
    audit.record(conn, actor_id=actor.id, action="kit.update", entity="kit", entity_id=kit_id)
    return get_kit(conn, kit_id=kit_id)


def add_photos(conn: sa.Connection, store: files.Store, *, actor: User, kit_id: int,
               uploads: Sequence[tuple[str, bytes]]) -> Kit:
    """Photos of the kit, PNG or JPEG; anything else refuses the whole sending."""
    row = kit_row(conn, kit_id)
    if not may_manage(actor, row.department_code):
        raise PermissionDenied("Seule l'équipe de la MD qui prête ce matériel le modifie.")
    for name, data in uploads:
        if files.sniff(data) not in IMAGES:
            raise ValidationError({"photos": f"« {name} » n'est pas une photo (PNG ou JPEG) "
                                             ": aucune photo n'a été ajoutée."})
    shown = set(conn.execute(sa.select(kit_photos.c.file_id).where(
        kit_photos.c.kit_id == kit_id)).scalars())
    for name, data in uploads:
        stored = files.save(conn, store, data=data, name=name)
        if stored.id not in shown:  # the same photo twice is shown once
            conn.execute(kit_photos.insert().values(kit_id=kit_id, file_id=stored.id,
                                                    position=len(shown)))
            shown.add(stored.id)
    audit.record(conn, actor_id=actor.id, action="kit.photos", entity="kit", entity_id=kit_id)
    return get_kit(conn, kit_id=kit_id)


def remove_photo(conn: sa.Connection, store: files.Store, *, actor: User, kit_id: int,
                 file_id: int) -> None:
    row = kit_row(conn, kit_id)
    if not may_manage(actor, row.department_code):
        raise PermissionDenied("Seule l'équipe de la MD qui prête ce matériel le modifie.")
    conn.execute(kit_photos.delete().where(kit_photos.c.kit_id == kit_id,
                                           kit_photos.c.file_id == file_id))
    files.release(conn, store, file_ids={file_id})


def get_kit(conn: sa.Connection, *, kit_id: int) -> Kit:
    row = kit_row(conn, kit_id)
    md = conn.execute(sa.select(departments.c.md_name).where(
        departments.c.code == row.department_code)).scalar()
    items = [Item(r.item, r.quantity) for r in conn.execute(
        sa.select(kit_items).where(kit_items.c.kit_id == kit_id)
        .order_by(kit_items.c.position))]
    photos = list(conn.execute(sa.select(kit_photos.c.file_id).where(
        kit_photos.c.kit_id == kit_id).order_by(kit_photos.c.position)).scalars())
    linked = [(r.id, r.title) for r in conn.execute(
        sa.select(resources.c.id, resources.c.title)
        .join(kit_resources, kit_resources.c.resource_id == resources.c.id)
        .where(kit_resources.c.kit_id == kit_id).order_by(resources.c.title))]
    return Kit(row.id, row.title, row.kind, row.department_code, md or row.department_code,
               row.description, row.theme_id, row.audience, row.insurance_eur, row.transport,
               row.min_days, row.max_days, row.buffer_days, row.units, row.status,
               row.needs_approval, items, photos, linked)
