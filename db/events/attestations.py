"""Attestations de présence: from the day on, one PDF per person marked present at the
desk (they download their own), and one ZIP of them all for the organisers (fpdf2, French
dates)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence

import sqlalchemy as sa
from fpdf import FPDF

from db.engine import local_now
from db.errors import ValidationError
from db.events import reports
from db.events.days import Event, get_event
from db.events.exports import Person
from db.french import french_date, hour, latin1
from db.roles import User, require_role
from db.schema import registrations


def _signatory(event: Event) -> str:
    return f"Les organisateurs - {event.host_md}" if event.host_md else "Les organisateurs"


def attestation_pdf(event: Event, person: Person) -> bytes:
    """One page: who, which day, where, the hours, the ateliers, and who attests it."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(f"Attestation de présence - {person.name}"))
    pdf.set_author("Coop'MD")
    pdf.add_page()
    pdf.set_margins(25, 25)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 20, latin1("Attestation de présence"), new_x="LMARGIN", new_y="NEXT",
             align="C")
    pdf.ln(10)
    pdf.set_font("Helvetica", size=12)
    where = ", ".join(filter(None, [event.place, event.address]))
    lines = [
        f"Les organisateurs de la journée « {event.title} » attestent que {person.name}"
        + (f" ({person.md_name or person.organisation})"
           if person.md_name or person.organisation else "")
        + f" a participé à cette journée le {french_date(event.day, weekday=True)}, de "
        f"{hour(event.starts_at)} à {hour(event.ends_at)}, à {where}.",
    ]
    if person.ateliers:
        lines.append("Atelier(s) suivi(s) : " + " ; ".join(
            re.sub(r" \(liste d'attente\)$", "", title) for title in person.ateliers.values()))
    for text in lines:
        pdf.multi_cell(0, 8, latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.ln(10)
    pdf.cell(0, 8, latin1(f"Fait le {french_date(event.day)}, pour valoir ce que de droit."),
             new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, latin1(_signatory(event)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def file_name(event: Event, person: Person) -> str:
    plain = unicodedata.normalize("NFKD", person.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or f"personne-{person.registration_id}"
    return f"attestation-{event.day:%Y-%m-%d}-{slug}.pdf"


def attestations_zip(event: Event, present: Sequence[Person]) -> bytes:
    """One PDF per present person, in one archive (names made unique)."""
    buffer, seen = io.BytesIO(), set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for person in present:
            name = file_name(event, person)
            if name in seen:
                name = name.replace(".pdf", f"-{person.registration_id}.pdf")
            seen.add(name)
            archive.writestr(name, attestation_pdf(event, person))
    return buffer.getvalue()


def _ready(event: Event) -> bool:
    return event.status != "cancelled" and event.day <= local_now().date()


def own_attestation(conn: sa.Connection, *, user: User, event_id: int
                    ) -> tuple[str, bytes] | None:
    """The user's attestation (file name, PDF), once the day has come and they were marked
    present; else None."""
    event = get_event(conn, event_id=event_id, viewer=user)
    row = conn.execute(sa.select(registrations.c.id).where(
        registrations.c.event_id == event_id, registrations.c.user_id == user.id,
        registrations.c.checked_in_at.is_not(None))).first()
    if row is None or not _ready(event):
        return None
    [person] = reports.people_of(conn, ids=[row.id])
    return file_name(event, person), attestation_pdf(event, person)


def day_attestations(conn: sa.Connection, *, actor: User, event_id: int) -> bytes:
    """Every present person's attestation, in one ZIP (organisers)."""
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    if not _ready(event):
        raise ValidationError({"_form": "Les attestations existent à partir du jour même."})
    present = [p for p in reports.list_people(conn, actor=actor, event_id=event_id)
               if p.checked_in_at is not None]
    if not present:
        raise ValidationError({"_form": "Personne n'est encore marqué·e présent·e : pointez "
                                        "les présences d'abord."})
    return attestations_zip(event, present)
