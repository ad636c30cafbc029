"""A theme's synthesis for the working group: counts by type and over time, the most
supported propositions, and every contribution grouped by type with its author's structure,
its useful answers and a link — as Markdown, CSV and XLSX. Only what is published counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from db import forum, spreadsheets
from db.roles import User, require_role
from db.schema import departments, forum_posts

XLSX = spreadsheets.XLSX
HEADER = ["Type", "Titre", "Texte", "Auteur", "Structure", "Département", "+1", "Réponses",
          "Date", "Lien"]


@dataclass(frozen=True)
class Overview:
    total: int
    by_kind: dict[str, int]
    by_month: list[tuple[date, str, int]]  # first day of the month, kind, contributions
    top_propositions: list[forum.ThreadCard]
    changed_at: datetime | None  # last write in the theme: files built before are stale


def _contributions(conn: sa.Connection, theme_id: int) -> list[forum.ThreadCard]:
    return forum.list_threads(conn, viewer=None, theme_id=theme_id,
                         filters=forum.Filters(sort="plus_one"), limit=None)


def get_overview(conn: sa.Connection, *, actor: User, theme_id: int, top: int = 5) -> Overview:
    """What the synthesis screen draws: two light queries, whatever the theme's size."""
    require_role(actor, "organiser")
    rows = conn.execute(sa.select(forum_posts.c.kind, forum_posts.c.created_at).where(
        forum_posts.c.theme_id == theme_id, forum_posts.c.parent_id.is_(None),
        forum.public())).all()
    by_kind = {k: n for k in forum.CONTRIBUTION_KINDS
               if (n := sum(kind == k for kind, _ in rows))}
    months: dict[tuple[date, str], int] = {}
    for kind, created_at in rows:
        key = (created_at.date().replace(day=1), kind)
        months[key] = months.get(key, 0) + 1
    best = forum.list_threads(conn, viewer=None, theme_id=theme_id, limit=top,
                            filters=forum.Filters(kind="proposition", sort="plus_one"))
    changed_at = conn.execute(sa.select(sa.func.max(forum_posts.c.updated_at)).where(
        forum_posts.c.theme_id == theme_id)).scalar()
    return Overview(len(rows), by_kind, sorted((m, k, n) for (m, k), n in months.items()),
                    best, changed_at)


def _useful(conn: sa.Connection, thread_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    rows = conn.execute(sa.select(forum_posts.c.parent_id, forum_posts.c.body).where(
        forum_posts.c.parent_id.in_(thread_ids), forum_posts.c.useful.is_(True),
        forum.public()).order_by(forum_posts.c.created_at))
    for parent_id, body in rows:
        found.setdefault(parent_id, []).append(body)
    return found


def _department_names(conn: sa.Connection) -> dict[str, str]:
    return dict(conn.execute(sa.select(departments.c.code, departments.c.name)).tuples().all())


def _signature(card: forum.ThreadCard, names: dict[str, str]) -> str:
    """« Claire Martin, Bibliothèque, Drôme »: who speaks, from where."""
    parts = [card.author_name, forum.ORGANISATION_TYPES.get(card.organisation_type or ""),
             names.get(card.department_code or "")]
    return ", ".join(p for p in parts if p)


def markdown(conn: sa.Connection, *, actor: User, theme_id: int, base_url: str = "") -> str:
    """Grouped by type, most supported first; `base_url` makes each title a link."""
    require_role(actor, "organiser")
    item = forum.get_theme(conn, theme_id=theme_id)
    cards = _contributions(conn, theme_id)
    useful, names = _useful(conn, [c.id for c in cards]), _department_names(conn)
    lines = [f"# Synthèse — thème {item.position} : {item.title}", "", item.description, "",
             f"{len(cards)} contribution(s) publiée(s)."]
    for kind in forum.CONTRIBUTION_KINDS:
        chosen = [c for c in cards if c.kind == kind]
        if not chosen:
            continue
        lines += ["", f"## {forum.KIND_PLURALS[kind]} ({len(chosen)})"]
        for card in chosen:
            title = f"[{card.title}]({_link(base_url, card)})" if base_url else card.title
            lines += ["", f"### {title} (+{card.plus_ones}, {card.replies} réponse(s))",
                      f"*{_signature(card, names)}*", "", card.body]
            lines += [f"> Réponse utile : {text}" for text in useful.get(card.id, [])]
    return "\n".join(lines) + "\n"


def _link(base_url: str, card: forum.ThreadCard) -> str:
    return f"{base_url.rstrip('/')}/forum?sujet={card.id}" if base_url else ""


def _rows(conn: sa.Connection, theme_id: int, base_url: str) -> list[list[Any]]:
    names = _department_names(conn)
    return [[forum.KIND_LABELS[c.kind], c.title, c.body, c.author_name,
             forum.ORGANISATION_TYPES.get(c.organisation_type or "", ""),
             names.get(c.department_code or "", ""), c.plus_ones, c.replies,
             c.created_at.strftime("%d/%m/%Y"), _link(base_url, c)]
            for c in _contributions(conn, theme_id)]


def csv(conn: sa.Connection, *, actor: User, theme_id: int, base_url: str = "") -> bytes:
    """One row per contribution, UTF-8 with BOM."""
    require_role(actor, "organiser")
    return spreadsheets.to_csv(HEADER, _rows(conn, theme_id, base_url))


def xlsx(conn: sa.Connection, *, actor: User, theme_id: int, base_url: str = "") -> bytes:
    require_role(actor, "organiser")
    return spreadsheets.to_xlsx(HEADER, _rows(conn, theme_id, base_url),
                                sheet_title="Contributions", fit_columns=True)
