"""Files people keep: calendar invitations (.ics), registration lists (CSV, XLSX) and the
printable attendance sheet. Pure functions over dataclasses: no database, no Streamlit."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

import icalendar

from db import spreadsheets
from db.engine import PARIS, paris
from db.events import Event
from db.events.questions import Question, as_text
from db.french import french_date


@dataclass(frozen=True)
class Person:
    """One registered person as organisers list them."""
    registration_id: int
    name: str
    email: str
    department: str | None
    md_name: str | None
    organisation: str | None
    job_title: str | None
    status: str
    lunch: bool
    dietary: str | None
    accessibility_needs: str | None
    comment: str | None
    registered_at: datetime
    checked_in_at: datetime | None
    ateliers: dict[str, str]  # slot title → "Atelier (confirmé)" / "(liste d'attente n)"
    registered_by: str | None = None  # the colleague or organiser who registered them
    replies: dict[str, Any] = field(default_factory=dict)  # to the day's own questions


STATUS_LABELS = {"confirmed": "confirmé", "waitlisted": "liste d'attente",
                 "cancelled": "annulé"}


def calendar_file(*, uid: str, summary: str, starts: datetime, ends: datetime,
                  location: str, url: str, description: str, cancelled: bool = False) -> bytes:
    """One calendar entry (.ics) with the Europe/Paris time zone; times are French local."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Coop'MD//Journées et réunions//FR")
    calendar.add("version", "2.0")
    entry = icalendar.Event()
    entry.add("uid", uid)
    entry.add("summary", summary)
    entry.add("dtstart", starts.replace(tzinfo=PARIS))
    entry.add("dtend", ends.replace(tzinfo=PARIS))
    entry.add("dtstamp", datetime.now(UTC))
    entry.add("location", location)
    entry.add("url", url)
    entry.add("description", description)
    if cancelled:  # calendars that imported the day strike it out
        entry.add("status", "CANCELLED")
        calendar.add("method", "CANCEL")
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics(event: Event, *, url: str, atelier: tuple[str, time, time, str | None] | None = None
        ) -> bytes:
    """A calendar file for the day, or for one atelier (title, start, end, room)."""
    title, starts, ends, room = atelier or (event.title, event.starts_at, event.ends_at, None)
    cancelled = event.status == "cancelled"
    summary = f"{title} — {event.title}" if atelier else title
    return calendar_file(
        uid=f"coopmd-event-{event.id}-{'atelier-' + title if atelier else 'day'}@coopmd",
        summary=f"Annulée : {summary}" if cancelled else summary, cancelled=cancelled,
        starts=datetime.combine(event.day, starts), ends=datetime.combine(event.day, ends),
        location=", ".join(filter(None, [room, event.place, event.address])), url=url,
        description=f"{event.title}\n{url}")


def columns(slots: Sequence[str], asked: Sequence[Question] = ()) -> list[str]:
    """One column per choice slot, then the four questions of every day, then one per
    question of the day's own."""
    return ["Nom", "E-mail", "Département", "MD", "Structure", "Fonction", "Statut",
            *[f"Atelier – {slot}" for slot in slots], "Déjeuner", "Régime alimentaire",
            "Besoins d'accessibilité", "Commentaire", *[q.label for q in asked],
            "Inscrit·e le", "Inscrit·e par", "Présent·e"]


def row(person: Person, slots: Sequence[str], asked: Sequence[Question] = ()) -> list[object]:
    return [person.name, person.email, person.department or "", person.md_name or "",
            person.organisation or "", person.job_title or "",
            STATUS_LABELS.get(person.status, person.status),
            *[person.ateliers.get(slot, "") for slot in slots],
            "oui" if person.lunch else "non", person.dietary or "",
            person.accessibility_needs or "", person.comment or "",
            *[as_text(q, person.replies.get(q.id)) for q in asked],
            paris(person.registered_at).strftime("%d/%m/%Y %H:%M"), person.registered_by or "",
            "oui" if person.checked_in_at else "non"]


def registrations_csv(people: Sequence[Person], slots: Sequence[str],
                      asked: Sequence[Question] = ()) -> bytes:
    return spreadsheets.to_csv(columns(slots, asked),
                               (row(person, slots, asked) for person in people))


def registrations_xlsx(people: Sequence[Person], slots: Sequence[str], *, title: str,
                       asked: Sequence[Question] = ()) -> bytes:
    return spreadsheets.to_xlsx(columns(slots, asked),
                                (row(person, slots, asked) for person in people),
                                sheet_title="Inscriptions", title=title, fit_columns=True)


def attendance_sheet(event: Event, heading: str, people: Sequence[Person], *,
                     details: str = "", signatures: Sequence[str] = ("Signature",),
                     blank_rows: int = 5) -> str:
    """A printable feuille d'émargement (HTML: the browser prints it or saves it as PDF):
    the day, then `heading` and its `details` (an atelier's time, room, facilitator), one
    signature column per `signatures` (« Matin », « Après-midi » for the whole day), and
    blank rows for the people who come without having registered."""
    cells = "".join("<td></td>" for _ in signatures)
    ordered = sorted(people, key=lambda p: p.name.lower())
    rows = "".join(
        f"<tr><td>{i}</td><td>{html.escape(p.name)}</td>"
        f"<td>{html.escape(p.md_name or p.organisation or '')}</td>{cells}</tr>"
        for i, p in enumerate(ordered, 1))
    rows += "".join(f"<tr><td>{i}</td><td></td><td></td>{cells}</tr>"
                    for i in range(len(ordered) + 1, len(ordered) + 1 + blank_rows))
    heads = "".join(f"<th>{html.escape(s)}</th>" for s in signatures)
    width = max(20, 45 // len(signatures))
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Émargement – {html.escape(heading)}</title>
<style>body{{font-family:sans-serif;margin:2cm}} table{{width:100%;border-collapse:collapse}}
th,td{{border:1px solid #333;padding:.5em;text-align:left;height:2.2em}}
td:nth-child(n+4){{width:{width}%}} @media print{{button{{display:none}}}}</style></head><body>
<button onclick="window.print()">Imprimer</button>
<h1>Feuille d'émargement</h1>
<p><strong>{html.escape(event.title)}</strong> — {html.escape(french_date(event.day, weekday=True))},
{html.escape(event.place)}</p>
<h2>{html.escape(heading)}</h2>
<p>{html.escape(details)}</p>
<table><thead><tr><th>N°</th><th>Nom</th><th>MD / structure</th>{heads}</tr></thead>
<tbody>{rows}</tbody></table>
<p>{blank_rows} lignes vides pour les personnes venues sans inscription.</p></body></html>"""
