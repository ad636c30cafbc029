"""L'annuaire: who does what in the other departments (MD staff only).

Each person chooses what members see of their profile; the e-mail address stays hidden
unless they share it. A name and a department are always shown: that is the point of an
annuaire for *interconnaissance*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from db import audit, search, validation
from db.roles import User, require_role
from db.schema import ROLES, departments, group_members, pitches, users, working_groups

# the titles offered, and the stem that finds them however they are written
# (« Référente de territoire », « référent territorial »…)
JOB_TITLES = {"Directeur·rice": "direct", "Directeur·rice adjoint·e": "adjoint",
              "Référent·e de territoire": "referent", "Coordinateur·rice de réseau":
              "coordinat", "Médiateur·rice numérique": "mediat", "Chargé·e de mission":
              "charge", "Bibliothécaire": "bibliothecaire", "Autre": None}
VISIBLE = {"email": "Adresse e-mail", "organisation": "Structure", "job_title": "Fonction",
           "territory": "Territoire couvert", "expertise": "Sujets d'expertise",
           "groups": "Groupes de travail"}
STAFF = ROLES[ROLES.index("member"):]
PER_PAGE = 20


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    department_code: str | None
    department_name: str | None
    md_name: str | None
    email: str | None = None
    organisation: str | None = None
    job_title: str | None = None
    territory: str | None = None
    expertise: str | None = None
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class DepartmentFigures:
    code: str
    name: str
    md_name: str
    people: int
    active_fiches: int


def _groups_by_user(conn: sa.Connection) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for user_id, name in conn.execute(
            sa.select(group_members.c.user_id, working_groups.c.name)
            .join(working_groups, working_groups.c.id == group_members.c.group_id)
            .where(group_members.c.status == "active").order_by(working_groups.c.name)):
        found.setdefault(user_id, []).append(name)
    return found


def _person(row: sa.Row[Any], groups: dict[int, list[str]]) -> Person:
    """Only what the person chose to show."""
    shown = set(row.directory_fields.split(","))
    extra = {field: getattr(row, field) for field in ("email", "organisation", "job_title",
                                                      "territory", "expertise")
             if field in shown}
    return Person(row.id, row.display_name, row.department_code, row.department_name,
                  row.md_name, groups=tuple(groups.get(row.id, [])) if "groups" in shown
                  else (), **extra)


@dataclass(frozen=True)
class Entry:
    """A person and the folded words of what they show, ready to be matched."""
    person: Person
    document: str


def index(conn: sa.Connection) -> tuple[Entry, ...]:
    """Every active MD staff member, by name, with their search document. Built once and
    matched many times: the annuaire keeps it between reruns (`matching` checks access)."""
    select = (sa.select(users.c.id, users.c.display_name, users.c.department_code,
                        departments.c.name.label("department_name"), departments.c.md_name,
                        users.c.email, users.c.organisation, users.c.job_title,
                        users.c.territory, users.c.expertise, users.c.directory_fields)
              .outerjoin(departments, departments.c.code == users.c.department_code)
              .where(users.c.active.is_(True), users.c.held_for_claim.is_(False),
                     users.c.role.in_(STAFF)))
    groups = _groups_by_user(conn)
    found = [_person(row, groups) for row in conn.execute(select)]
    found.sort(key=lambda p: search.fold(p.name))  # « Élodie » among the E, not after Z
    return tuple(Entry(p, _searchable(p)) for p in found)


def matching(entries: tuple[Entry, ...], *, viewer: User, query: str = "",
             department_code: str | None = None, job_title: str | None = None,
             group: str | None = None) -> list[Person]:
    """The people of `entries` matching the filters. Search covers only what each person
    shows (a hidden field is never matched), accents and case ignored."""
    require_role(viewer, "member")
    words = search.terms(query)
    stem = JOB_TITLES.get(job_title or "")
    return [e.person for e in entries
            if (not department_code or e.person.department_code == department_code)
            and (not job_title or e.person.job_title == job_title
                 or (stem and stem in search.fold(e.person.job_title or "")))
            and (not group or group in e.person.groups)
            and all(f" {w}" in e.document for w in words)]


def list_people(conn: sa.Connection, *, viewer: User, **filters: Any) -> list[Person]:
    """Active MD staff matching the filters (see `matching`), by name."""
    require_role(viewer, "member")
    return matching(index(conn), viewer=viewer, **filters)


def _searchable(person: Person) -> str:
    return search.document(person.name, person.department_name, person.md_name,
                           person.organisation, person.job_title, person.territory,
                           person.expertise, " ".join(person.groups))


def by_department(conn: sa.Connection, *, viewer: User) -> list[DepartmentFigures]:
    """For each department that has an MD in the network: people and active fiches."""
    require_role(viewer, "member")
    staff = dict(conn.execute(
        sa.select(users.c.department_code, sa.func.count())
        .where(users.c.active.is_(True), users.c.held_for_claim.is_(False),
               users.c.role.in_(STAFF))
        .group_by(users.c.department_code)).tuples().all())
    fiches = dict(conn.execute(
        sa.select(pitches.c.department_code, sa.func.count())
        .where(pitches.c.state == "published", pitches.c.status != "termine")
        .group_by(pitches.c.department_code)).tuples().all())
    rows = conn.execute(sa.select(departments.c.code, departments.c.name,
                                  departments.c.md_name)
                        .where(departments.c.md_name.is_not(None))
                        .order_by(departments.c.code))
    return [DepartmentFigures(r.code, r.name, r.md_name, staff.get(r.code, 0),
                              fiches.get(r.code, 0)) for r in rows]


def update_profile(conn: sa.Connection, *, actor: User, territory: str | None,
                   expertise: str | None, visible: list[str]) -> None:
    """One's own directory profile: territory, expertise, and what members may see."""
    territory, expertise = validation.clean(territory), validation.clean(expertise)
    validation.raise_if({
        "territory": validation.plain_text(territory, label="Le territoire", max_len=200,
                                           required=False),
        "expertise": validation.plain_text(expertise, label="Les sujets", max_len=300,
                                           required=False),
        "visible": None if set(visible) <= set(VISIBLE) else "Choix inconnu."})
    conn.execute(users.update().where(users.c.id == actor.id).values(
        territory=territory or None, expertise=expertise or None,
        directory_fields=",".join(v for v in VISIBLE if v in visible)))
    audit.record(conn, actor_id=actor.id, action="directory_profile", entity="user",
                 entity_id=actor.id, detail={"visible": visible})


def get_my_profile(conn: sa.Connection, *, user: User) -> dict[str, Any]:
    row = conn.execute(sa.select(users.c.territory, users.c.expertise,
                                 users.c.directory_fields).where(users.c.id == user.id)).one()
    return {"territory": row.territory or "", "expertise": row.expertise or "",
            "visible": [v for v in row.directory_fields.split(",") if v]}
