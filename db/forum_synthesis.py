"""A theme's synthesis for the working group: contributions grouped by type, most supported
first, with their useful answers; as Markdown and as XLSX. Only what is published counts."""

from __future__ import annotations

import io

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Font

from db import forum
from db.roles import User, require_role
from db.schema import forum_posts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _contributions(conn: sa.Connection, theme_id: int) -> list[forum.ThreadCard]:
    cards, _ = forum.threads(conn, viewer=None, theme_id=theme_id,
                             filters=forum.Filters(sort="plus_one"), limit=100_000)
    return cards


def _useful(conn: sa.Connection, thread_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    rows = conn.execute(sa.select(forum_posts.c.parent_id, forum_posts.c.body).where(
        forum_posts.c.parent_id.in_(thread_ids), forum_posts.c.useful.is_(True),
        forum.public()).order_by(forum_posts.c.created_at))
    for parent_id, body in rows:
        found.setdefault(parent_id, []).append(body)
    return found


def markdown(conn: sa.Connection, *, actor: User, theme_id: int) -> str:
    require_role(actor, "organiser")
    item = forum.theme(conn, theme_id=theme_id)
    cards = _contributions(conn, theme_id)
    useful = _useful(conn, [c.id for c in cards])
    lines = [f"# Synthèse — thème {item.position} : {item.title}", "", item.description, "",
             f"{len(cards)} contribution(s) publiée(s)."]
    for kind in forum.CONTRIBUTION_KINDS:
        chosen = [c for c in cards if c.kind == kind]
        if not chosen:
            continue
        lines += ["", f"## {forum.KIND_PLURALS[kind]} ({len(chosen)})"]
        for card in chosen:
            lines += ["", f"### {card.title} (+{card.plus_ones}, {card.replies} réponse(s))",
                      f"*{card.author_name}*", "", card.body]
            lines += [f"> Réponse utile : {text}" for text in useful.get(card.id, [])]
    return "\n".join(lines) + "\n"


def xlsx(conn: sa.Connection, *, actor: User, theme_id: int) -> bytes:
    require_role(actor, "organiser")
    book = Workbook()
    sheet = book.active
    sheet.title = "Contributions"
    sheet.append(["Type", "Titre", "Texte", "Auteur", "Département", "Structure", "+1",
                  "Réponses", "Date"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for card in _contributions(conn, theme_id):
        sheet.append([forum.KIND_LABELS[card.kind], card.title, card.body, card.author_name,
                      card.department_code or "",
                      forum.ORGANISATION_TYPES.get(card.organisation_type or "", ""),
                      card.plus_ones, card.replies, card.created_at.strftime("%d/%m/%Y")])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
