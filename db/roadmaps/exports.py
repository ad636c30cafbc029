"""A roadmap as people keep it: Markdown, XLSX, and a printable PDF laid out as the seed
lays out the working group's work — its themes (1 to 3), each with its actions, and what
each comes from."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from fpdf import FPDF

from db import spreadsheets
from db.french import latin1
from db.roadmaps.browse import list_actions, list_sources
from db.roadmaps.model import STATUSES, ActionCard, Source, roadmap_name
from db.roles import User
from db.schema import forum_themes


@dataclass(frozen=True)
class Section:
    """One theme of the forum (or « Autres actions ») and its actions with their sources."""
    title: str
    actions: list[tuple[ActionCard, list[Source]]]


def sections(conn: sa.Connection, *, group_id: int | None,
             viewer: User | None = None) -> tuple[str, list[Section]]:
    """The roadmap's name and its actions grouped by theme, in the themes' order."""
    actions = list_actions(conn, group_id=group_id)
    sources = list_sources(conn, action_ids=[a.id for a in actions], viewer=viewer)
    themes = conn.execute(sa.select(forum_themes.c.id, forum_themes.c.position,
                                    forum_themes.c.title)
                          .order_by(forum_themes.c.position)).all()
    found = [Section(f"Thème {t.position} — {t.title}",
                     [(a, sources.get(a.id, [])) for a in actions if a.theme_id == t.id])
             for t in themes]
    known = {t.id for t in themes}
    found.append(Section("Autres actions", [(a, sources.get(a.id, [])) for a in actions
                                            if a.theme_id not in known]))
    return roadmap_name(conn, group_id), [s for s in found if s.actions]


def _line(action: ActionCard) -> str:
    return (f"{STATUSES[action.status]}, {action.progress} % — portée par {action.owner}, "
            f"horizon {action.horizon}")


def to_markdown(name: str, parts: list[Section]) -> str:
    lines = [f"# {name}", ""]
    if not parts:
        lines.append("Aucune action pour l'instant.")
    for part in parts:
        lines += [f"## {part.title}", ""]
        for action, sources in part.actions:
            lines += [f"### {action.title}", "", f"*{_line(action)}*", ""]
            lines += [f"- {s.detail} : {s.title}" for s in sources]
            lines += [""] if sources else []
    return "\n".join(lines).rstrip() + "\n"


HEADER = ["Thème", "Action", "Porteur", "Horizon", "Statut", "Progression (%)", "Sources"]


def to_xlsx(name: str, parts: list[Section]) -> bytes:
    rows = [[part.title, action.title, action.owner, action.horizon, STATUSES[action.status],
             action.progress, " ; ".join(f"{s.detail} : {s.title}" for s in sources)]
            for part in parts for action, sources in part.actions]
    return spreadsheets.to_xlsx(HEADER, rows, sheet_title="Feuille de route", title=name,
                                fit_columns=True)


def to_pdf(name: str, parts: list[Section]) -> bytes:
    """A4, one heading per theme, each action with its line and its sources."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(name))
    pdf.set_author("Coop'MD")
    pdf.add_page()
    pdf.set_margins(20, 20)
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, latin1(name), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if not parts:
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 7, latin1("Aucune action pour l'instant."), new_x="LMARGIN",
                       new_y="NEXT")
    for part in parts:
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, latin1(part.title), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        for action, sources in part.actions:
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, latin1(action.title), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "I", 10)
            pdf.multi_cell(0, 6, latin1(_line(action)), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=10)
            for source in sources:
                pdf.multi_cell(0, 5, latin1(f"- {source.detail} : {source.title}"),
                               new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())
