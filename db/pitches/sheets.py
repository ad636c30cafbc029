"""Fiches projet: the MDs' structured project sheets (the Tarn-et-Garonne seed's sections).

A fiche is a draft (seen by its owner only) until published. Only its owner, organisers and
admins edit it; every write is audited. Comments and follows live in db.pitch_talk.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa

from db import audit, groups, reference, search, validation
from db.engine import now
from db.errors import NotFound, PermissionDenied
from db.roles import User, has_role, require_role
from db.schema import (
    departments,
    pitch_funders,
    pitches,
    settings,
    users,
    working_groups,
)

STATUS_LABELS = {"idee": "Idée", "preparation": "En préparation", "en_cours": "En cours",
                 "termine": "Terminé"}
SECTIONS = {  # long Markdown sections, in the order of the seed's project sheet
    "summary": "Résumé", "strategy": "Stratégie", "stakes": "Enjeux", "actions": "Actions",
    "scope": "Périmètre du projet", "technical_notes": "Caractéristiques techniques",
    "human_means": "Moyens humains", "material_means": "Moyens matériels",
    "valorisation": "Valorisation du projet"}
SHORT = {"title": ("Le titre", 200, True), "axis": ("L'axe", 200, False),
         "carrier": ("La structure porteuse", 200, False),
         "contact_name": ("Le nom du chef de projet", 120, False),
         "contact_role": ("La fonction du chef de projet", 120, False)}
SECTION_MAX = 50_000


@dataclass(frozen=True)
class FicheInput:
    """A fiche as its editor gives it (blanks as None, the budget as typed, « 35 000 »,
    the funders as the table's rows); cleaned and checked once by `check`."""
    title: str | None = None
    axis: str | None = None
    carrier: str | None = None
    department_code: str | None = None
    group_id: int | None = None
    contact_name: str | None = None
    contact_role: str | None = None
    contact_email: str | None = None
    status: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    budget_eur: str | float | Decimal | None = None
    tags: str | None = None
    summary: str | None = None
    strategy: str | None = None
    stakes: str | None = None
    actions: str | None = None
    scope: str | None = None
    technical_notes: str | None = None
    human_means: str | None = None
    material_means: str | None = None
    valorisation: str | None = None
    funders: tuple[dict[str, object], ...] = ()


FIELDS = tuple(f.name for f in fields(FicheInput) if f.name != "funders")


@dataclass(frozen=True)
class Funder:
    funder: str
    amount_eur: Decimal


@dataclass(frozen=True)
class Pitch:
    id: int
    title: str
    axis: str | None
    carrier: str | None
    contact_name: str | None
    contact_role: str | None
    contact_email: str | None
    summary: str
    strategy: str | None
    stakes: str | None
    actions: str | None
    scope: str | None
    technical_notes: str | None
    human_means: str | None
    material_means: str | None
    budget_eur: Decimal | None
    valorisation: str | None
    start_date: date | None
    end_date: date | None
    status: str
    state: str
    tags: str
    department_code: str | None
    department: str | None
    group_id: int | None
    group_name: str | None
    owner_id: int
    owner_name: str
    created_at: datetime
    updated_at: datetime
    funders: tuple[Funder, ...] = ()

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (x.strip() for x in self.tags.split(",")) if t]


@dataclass(frozen=True)
class PitchCard:
    id: int
    title: str
    summary: str
    status: str
    department: str | None
    owner_name: str
    updated_at: datetime
    state: str = "published"
    followers: int = 0
    comments: int = 0


def euros(amount: Decimal | float | None) -> str:
    """35000 → « 35 000 € » (French grouping with a narrow no-break space)."""
    if amount is None:
        return "—"
    value = Decimal(amount).quantize(Decimal("0.01"))
    whole = f"{int(value):,}".replace(",", "\u202f")
    cents = value % 1
    return f"{whole},{int(cents * 100):02d} €" if cents else f"{whole} €"


def may_edit(user: User | None, pitch: Pitch) -> bool:
    return user is not None and (user.id == pitch.owner_id or has_role(user, "organiser"))


OPEN_TO_CONTRIBUTORS = "fiches_open_to_contributors"  # settings key, "oui" when open


def visible_to(viewer: User | None) -> sa.ColumnElement[bool]:
    """Published sheets for MD staff; drafts only for their owner. A contributor (open
    sign-up: anyone) reads published sheets only when an admin opened them
    (`open_to_contributors`), and never their contact details (`get_pitch`)."""
    if viewer is None:
        return pitches.c.state == "published"
    if not has_role(viewer, "member"):
        opened = sa.exists().where(settings.c.key == OPEN_TO_CONTRIBUTORS,
                                   settings.c.value == "oui")
        return sa.and_(pitches.c.state == "published", opened)
    return sa.or_(pitches.c.state == "published", pitches.c.owner_id == viewer.id)


def open_to_contributors(conn: sa.Connection) -> bool:
    return conn.execute(sa.select(settings.c.value).where(
        settings.c.key == OPEN_TO_CONTRIBUTORS)).scalar() == "oui"


def set_open_to_contributors(conn: sa.Connection, *, actor: User, opened: bool) -> None:
    """The admin's setting: contributors read the published fiches, without contacts."""
    require_role(actor, "admin")
    conn.execute(settings.delete().where(settings.c.key == OPEN_TO_CONTRIBUTORS))
    conn.execute(settings.insert().values(key=OPEN_TO_CONTRIBUTORS,
                                          value="oui" if opened else "non"))
    audit.record(conn, actor_id=actor.id, action="fiches_open_to_contributors",
                 entity="settings", detail={"opened": opened})


def _query() -> sa.Select[Any]:
    return (sa.select(pitches, departments.c.name.label("department"),
                      working_groups.c.name.label("group_name"),
                      users.c.display_name.label("owner_name"))
            .select_from(pitches.join(users, users.c.id == pitches.c.owner_id)
                         .outerjoin(departments, departments.c.code == pitches.c.department_code)
                         .outerjoin(working_groups, working_groups.c.id == pitches.c.group_id)))


def get_pitch(conn: sa.Connection, *, pitch_id: int, viewer: User | None) -> Pitch:
    row = conn.execute(_query().where(pitches.c.id == pitch_id, visible_to(viewer))).first()
    if row is None:
        raise NotFound("Fiche introuvable, ou brouillon d'une autre personne.")
    funders = tuple(Funder(r.funder, r.amount_eur) for r in conn.execute(
        sa.select(pitch_funders).where(pitch_funders.c.pitch_id == pitch_id)
        .order_by(pitch_funders.c.position)))
    values = {f.name: getattr(row, f.name) for f in fields(Pitch) if f.name != "funders"}
    if viewer is not None and not has_role(viewer, "member"):  # no contact for the public
        values.update(contact_name=None, contact_role=None, contact_email=None)
    return Pitch(**values, funders=funders)


def parse_euros(value: object) -> Decimal | None:
    """« 35 000 », « 17500,50 », 35000 → Decimal; empty → None; ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    text = text.replace("€", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not amount.is_finite():
        raise ValueError(text)
    return amount.quantize(Decimal("0.01"))


def _money(value: object, label: str) -> tuple[Decimal | None, str | None]:
    try:
        amount = parse_euros(value)
    except ValueError:
        return None, f"{label} doit être un nombre d'euros (exemple : 35 000)."
    if amount is not None and (amount < 0 or amount >= Decimal("1e10")):
        return None, f"{label} doit être positif et inférieur à 10 milliards d'euros."
    return amount, None


def _funders(rows: list[dict[str, Any]] | None, budget: Decimal | None) -> tuple[list[Funder],
             str | None]:
    found: list[Funder] = []
    for row in rows or []:
        name = validation.clean(row.get("funder"))
        if not name and row.get("amount_eur") in (None, ""):
            continue  # an empty line of the table
        amount, problem = _money(row.get("amount_eur"), "Chaque montant")
        problem = problem or validation.plain_text(name, label="Le nom du financeur",
                                                   max_len=120)
        if not problem and not amount:
            problem = f"Indiquez le montant apporté par « {name} »."
        if problem or amount is None:
            return [], problem
        found.append(Funder(name, amount))
    total = sum((f.amount_eur for f in found), Decimal(0))
    if found and budget is None:
        return found, "Indiquez le budget total que ces financements couvrent."
    if found and total != budget:
        return found, (f"Les financements ({euros(total)}) doivent égaler le budget "
                       f"({euros(budget)}).")
    return found, None


def check(conn: sa.Connection, given: FicheInput) -> tuple[dict[str, Any], list[Funder]]:
    """Clean and validate a fiche; raises one ValidationError listing every problem."""
    data = {key: getattr(given, key) for key in FIELDS}
    for key in ("department_code", "group_id"):
        data[key] = validation.reference(data[key])
    problems: dict[str, str | None] = {}
    for key, (label, size, required) in SHORT.items():
        data[key] = validation.clean(data[key]) or None
        problems[key] = validation.plain_text(data[key] or "", label=label, max_len=size,
                                              required=required)
    data["contact_email"] = validation.clean(data["contact_email"]).lower() or None
    problems["contact_email"] = validation.email(data["contact_email"] or "", required=False)
    for key, label in SECTIONS.items():
        data[key] = validation.clean(data[key]) or None
        problems[key] = validation.text(data[key] or "", label=f"La section « {label} »",
                                        max_len=SECTION_MAX, required=key == "summary")
    data["summary"] = data["summary"] or ""
    data["budget_eur"], problems["budget_eur"] = _money(data["budget_eur"], "Le budget")
    funders, problems["funders"] = _funders(list(given.funders), data["budget_eur"])
    if data["start_date"] and data["end_date"] and data["end_date"] < data["start_date"]:
        problems["end_date"] = "La date de fin doit être après la date de début."
    data["status"] = data["status"] or "idee"
    problems["status"] = None if data["status"] in STATUS_LABELS else "Statut inconnu."
    data["tags"], problems["tags"] = validation.tags(data["tags"])
    problems["department_code"] = reference.department_problem(conn, data["department_code"])
    if data["group_id"] and not conn.execute(sa.select(working_groups.c.id).where(
            working_groups.c.id == data["group_id"])).first():
        problems["group_id"] = "Ce groupe de travail n'existe pas."
    validation.raise_if(problems)
    data["search_text"] = search.document(data["title"], data["axis"], data["carrier"],
                                          data["tags"], *(data[k] for k in SECTIONS))
    return data, funders


def _save_funders(conn: sa.Connection, pitch_id: int, funders: list[Funder]) -> None:
    conn.execute(pitch_funders.delete().where(pitch_funders.c.pitch_id == pitch_id))
    if funders:
        conn.execute(pitch_funders.insert(), [
            {"pitch_id": pitch_id, "funder": f.funder, "amount_eur": f.amount_eur,
             "position": n} for n, f in enumerate(funders)])


def create_pitch(conn: sa.Connection, *, actor: User, data: FicheInput,
                 publish: bool = False) -> Pitch:
    """A new fiche (members and above), as a draft unless `publish`."""
    require_role(actor, "member")
    values, funders = check(conn, data)
    pitch_id = conn.execute(pitches.insert().values(
        **values, state="published" if publish else "draft", owner_id=actor.id,
        created_at=now(), updated_at=now()).returning(pitches.c.id)).scalar_one()
    _save_funders(conn, pitch_id, funders)
    audit.record(conn, actor_id=actor.id, action="create", entity="pitch", entity_id=pitch_id,
                 detail={"state": "published" if publish else "draft"})
    return get_pitch(conn, pitch_id=pitch_id, viewer=actor)


def _editable(conn: sa.Connection, actor: User, pitch_id: int) -> Pitch:
    pitch = get_pitch(conn, pitch_id=pitch_id, viewer=actor)
    if not may_edit(actor, pitch):
        raise PermissionDenied("Seuls l'auteur de la fiche, les organisateurs et les "
                               "administrateurs peuvent la modifier.")
    return pitch


def update_pitch(conn: sa.Connection, *, actor: User, pitch_id: int, data: FicheInput) -> Pitch:
    _editable(conn, actor, pitch_id)
    values, funders = check(conn, data)
    conn.execute(pitches.update().where(pitches.c.id == pitch_id)
                 .values(**values, updated_at=now()))
    _save_funders(conn, pitch_id, funders)
    audit.record(conn, actor_id=actor.id, action="update", entity="pitch", entity_id=pitch_id)
    return get_pitch(conn, pitch_id=pitch_id, viewer=actor)


def set_state(conn: sa.Connection, *, actor: User, pitch_id: int, published: bool) -> Pitch:
    before = _editable(conn, actor, pitch_id)
    state = "published" if published else "draft"
    conn.execute(pitches.update().where(pitches.c.id == pitch_id)
                 .values(state=state, updated_at=now()))
    audit.record(conn, actor_id=actor.id, action="publish" if published else "unpublish",
                 entity="pitch", entity_id=pitch_id)
    if published and before.state != "published":
        groups.announce(conn, group_id=before.group_id, actor_id=actor.id,
                        what=f"nouvelle fiche projet : {before.title}",
                        link=f"pitches?fiche={pitch_id}")
    return get_pitch(conn, pitch_id=pitch_id, viewer=actor)


def delete_pitch(conn: sa.Connection, *, actor: User, pitch_id: int) -> None:
    pitch = _editable(conn, actor, pitch_id)
    conn.execute(pitches.delete().where(pitches.c.id == pitch_id))
    audit.record(conn, actor_id=actor.id, action="delete", entity="pitch", entity_id=pitch_id,
                 detail={"title": pitch.title})
