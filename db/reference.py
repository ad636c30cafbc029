"""Reference data read by every screen: departments and their MDs."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from db.schema import departments, working_groups

AURA = "Auvergne-Rhône-Alpes"


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    region: str
    md_name: str | None

    @property
    def label(self) -> str:
        return f"{self.code} – {self.name}"


def list_departments(conn: sa.Connection) -> list[Department]:
    """AURA first (the region this space serves), then the others, each by code."""
    rows = conn.execute(sa.select(departments).order_by(
        (departments.c.region != AURA), departments.c.code))
    return [Department(r.code, r.name, r.region, r.md_name) for r in rows]


def department_problem(conn: sa.Connection, code: str | None) -> str | None:
    """French message when a department code is given but unknown (empty is fine)."""
    if code and not conn.execute(sa.select(departments.c.code)
                                 .where(departments.c.code == code)).first():
        return "Ce département n'existe pas."
    return None


def list_groups(conn: sa.Connection) -> dict[int, str]:
    """Working groups by id, in name order (for choosing one)."""
    rows = conn.execute(sa.select(working_groups.c.id, working_groups.c.name)
                        .order_by(working_groups.c.name))
    return dict(rows.tuples().all())
