"""A fiche as Markdown or a printable page, and a list of fiches as CSV or XLSX.
Pure functions: the page sanitises nothing here because it escapes everything it prints."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from db import spreadsheets
from db.pitches import SECTIONS, STATUS_LABELS, Pitch, euros

XLSX = spreadsheets.XLSX
COLUMNS = {"title": "Titre", "axis": "Axe", "carrier": "Structure porteuse",
           "department": "Département", "group_name": "Groupe de travail",
           "status": "Statut", "state": "Publication", "contact_name": "Chef de projet",
           "contact_role": "Fonction", "contact_email": "E-mail", **SECTIONS,
           "budget_eur": "Budget (€)", "funders": "Financeurs", "start_date": "Début",
           "end_date": "Fin", "tags": "Mots-clés", "owner_name": "Auteur",
           "updated_at": "Mis à jour le"}


def _value(pitch: Pitch, key: str) -> object:
    if key == "status":
        return STATUS_LABELS.get(pitch.status, pitch.status)
    if key == "state":
        return "publiée" if pitch.state == "published" else "brouillon"
    if key == "funders":
        return "; ".join(f"{f.funder} : {euros(f.amount_eur)}" for f in pitch.funders)
    if key == "budget_eur":
        return float(pitch.budget_eur) if pitch.budget_eur is not None else None
    value = getattr(pitch, key)
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value


def to_markdown(pitch: Pitch) -> str:
    lines = [f"# {pitch.title}", ""]
    facts = [("Axe", pitch.axis), ("Structure porteuse", pitch.carrier),
             ("Chef de projet", ", ".join(filter(None, [pitch.contact_name, pitch.contact_role,
                                                        pitch.contact_email]))),
             ("Statut", STATUS_LABELS.get(pitch.status)), ("Budget", euros(pitch.budget_eur)
                                                           if pitch.budget_eur else None),
             ("Financeurs", _value(pitch, "funders")), ("Début", _value(pitch, "start_date")),
             ("Fin", _value(pitch, "end_date")), ("Mots-clés", pitch.tags)]
    lines += [f"- **{label}** : {value}" for label, value in facts if value]
    for key, label in SECTIONS.items():
        if getattr(pitch, key):
            lines += ["", f"## {label}", "", getattr(pitch, key)]
    return "\n".join(lines) + "\n"


def to_html(pitch: Pitch, body_html: dict[str, str]) -> str:
    """Printable page; `body_html` holds each section already rendered and sanitised."""
    facts = "".join(f"<tr><th>{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>"
                    for label, value in [("Axe", pitch.axis), ("Structure", pitch.carrier),
                                         ("Chef de projet", pitch.contact_name),
                                         ("Statut", STATUS_LABELS.get(pitch.status)),
                                         ("Budget", euros(pitch.budget_eur)),
                                         ("Financeurs", _value(pitch, "funders"))] if value)
    sections = "".join(f"<h2>{html.escape(SECTIONS[key])}</h2>{body}"
                       for key, body in body_html.items() if body)
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>{html.escape(pitch.title)}</title><style>body{{font-family:sans-serif;max-width:50em;
margin:2em auto;line-height:1.5}} th{{text-align:left;padding-right:1em}}
@media print{{button{{display:none}}}}</style></head><body>
<button onclick="window.print()">Imprimer ou enregistrer en PDF</button>
<h1>{html.escape(pitch.title)}</h1><table>{facts}</table>{sections}</body></html>"""


def to_csv(fiches: Sequence[Pitch]) -> bytes:
    return spreadsheets.to_csv(list(COLUMNS.values()), _rows(fiches))


def to_xlsx(fiches: Sequence[Pitch]) -> bytes:
    return spreadsheets.to_xlsx(list(COLUMNS.values()), _rows(fiches),
                                sheet_title="Fiches projet")


def _rows(fiches: Sequence[Pitch]) -> list[list[Any]]:
    return [[_value(p, key) for key in COLUMNS] for p in fiches]
