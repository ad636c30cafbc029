"""A kit's circulation: its departure and return (who, when, in what condition, what is
missing), the loans still out after their last day (on the MD's dashboard, the borrower
told once), the printable delivery slip of a loan, and the MD's yearly report (loans by
kit, by library, by month) for the « rapports statistiques annuels »."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from db import audit, notifications, validation
from db.engine import PARIS, now, paris
from db.errors import ValidationError
from db.french import MONTHS, latin1
from db.kits.bookings import expire_offers, locked_booking, set_booking, today
from db.kits.browse import get_booking, list_bookings
from db.kits.catalogue import get_kit
from db.kits.model import CONDITIONS, LOANS, TRANSPORTS, Booking
from db.roles import User
from db.schema import departments, kit_bookings, kits


def _instant(day: date | None, field: str, earliest: datetime | None = None) -> datetime:
    """The moment recorded for a day typed in a form: now when it is today, noon in
    Paris otherwise; never in the future, never before `earliest`."""
    stamp, local = now(), today()
    day = day or local
    if day > local:
        raise ValidationError({field: "Cette date n'est pas encore arrivée."})
    moment = stamp if day == local else datetime.combine(day, time(12), PARIS).astimezone(UTC)
    if earliest is not None and day < paris(earliest).date():
        raise ValidationError({field: "Le retour ne peut pas précéder le départ "
                                      f"({paris(earliest):%d/%m/%Y})."})
    return max(moment, earliest) if earliest else moment


def record_departure(conn: sa.Connection, *, actor: User, booking_id: int,
                     day: date | None = None, note: str = "") -> Booking:
    """The kit leaves the MD for the library (an accepted booking)."""
    note = validation.clean(note)
    validation.raise_if({"note": validation.text(note, label="La remarque", max_len=1_000,
                                                 required=False)})
    locked_booking(conn, actor, booking_id, ("acceptee",))
    set_booking(conn, booking_id, status="partie", departed_at=_instant(day, "day"),
                departed_by=actor.id, departure_note=note)
    audit.record(conn, actor_id=actor.id, action="kit.depart", entity="kit_booking",
                 entity_id=booking_id)
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def record_return(conn: sa.Connection, *, actor: User, booking_id: int,
                  condition: str | None, day: date | None = None,
                  missing_items: str = "") -> Booking:
    """The kit is back: its condition and what is missing, checked against the list."""
    missing_items = validation.clean(missing_items)
    validation.raise_if({
        "condition": None if condition in CONDITIONS else "Indiquez l'état au retour.",
        "missing_items": validation.text(missing_items, label="Les éléments manquants",
                                         max_len=2_000, required=False)})
    row, kit = locked_booking(conn, actor, booking_id, ("partie",))
    returned = _instant(day, "day", earliest=row.departed_at)
    set_booking(conn, booking_id, status="rendue", returned_at=returned,
                returned_by=actor.id, return_condition=condition, missing_items=missing_items)
    if condition != "bon" or missing_items:
        conn.execute(kits.update().where(kits.c.id == kit.id).values(status="maintenance"))
    audit.record(conn, actor_id=actor.id, action="kit.return", entity="kit_booking",
                 entity_id=booking_id)
    return get_booking(conn, booking_id=booking_id, viewer=actor)


def list_late(conn: sa.Connection, *, department_code: str | None,
              on: date | None = None) -> list[Booking]:
    """Loans still out after their last day (every MD's when `department_code` is None)."""
    day = on or today()
    return [b for b in list_bookings(conn, department_code=department_code,
                                     statuses=("partie",)) if b.late_on(day)]


def flag_late(conn: sa.Connection, *, on: date | None = None) -> list[int]:
    """Tell each borrower once that their loan is late (the background loop's job)."""
    day = on or today()
    late = conn.execute(sa.select(kit_bookings.c.id, kit_bookings.c.requested_by,
                                  kit_bookings.c.ends_on, kits.c.title)
                        .join(kits, kits.c.id == kit_bookings.c.kit_id).where(
        kit_bookings.c.status == "partie", kit_bookings.c.ends_on < day,
        kit_bookings.c.late_notified_at.is_(None))).all()
    told = []
    for row in late:  # claimed first: two processes sweeping at once tell once
        if conn.execute(kit_bookings.update().where(
                kit_bookings.c.id == row.id, kit_bookings.c.late_notified_at.is_(None))
                .values(late_notified_at=now()).returning(kit_bookings.c.id)).first() is None:
            continue
        notifications.notify(
            conn, user_id=row.requested_by, kind="kit", link=f"kits?reservation={row.id}",
            text=f"« {row.title} » devait revenir le {row.ends_on:%d/%m/%Y} : merci de le "
                 "rapporter ou de prévenir la MD.",
            email_subject=f"Retour en retard : « {row.title} »")
        told.append(row.id)
    return told


def sweep(conn: sa.Connection) -> bool:
    """What the background loop does every 15 minutes: lapsed offers, late loans; True
    when someone was told (the outbox then has mail to send)."""
    return bool(expire_offers(conn)) | bool(flag_late(conn))


def delivery_slip(conn: sa.Connection, *, actor: User, booking_id: int) -> bytes:
    """The A4 slip that travels with the kit: who lends what to whom, when, by which
    route, and the contents to tick at departure and at return."""
    from fpdf import FPDF  # 0.3 s to import: not on the app's start path (mail's sweep)

    booking = get_booking(conn, booking_id=booking_id, viewer=actor)
    kit = get_kit(conn, kit_id=booking.kit_id)
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(f"Bordereau de prêt — {kit.title}"))
    pdf.add_page()
    pdf.set_margins(20, 20)

    def line(text: str, size: int = 11, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, 6 if size < 14 else 9, latin1(text), new_x="LMARGIN",
                       new_y="NEXT")

    line("Bordereau de prêt", 18, "B")
    line(f"{kit.md_name} — prêt n° {booking.id}", 12, "I")
    pdf.ln(3)
    for label, value in (
            ("Matériel", f"{kit.title} ({booking.quantity} unité(s))"),
            ("Bibliothèque", (f"{booking.library}, {booking.commune} "
                              f"({booking.library_department})")),
            ("Demandé par", booking.borrower), ("Pour", booking.purpose),
            ("Du", f"{booking.starts_on:%d/%m/%Y} au {booking.ends_on:%d/%m/%Y}"),
            ("Transport", TRANSPORTS[kit.transport]),
            ("Tournée de navette", booking.route or "—"),
            ("Valeur d'assurance", f"{kit.insurance_eur} €" if kit.insurance_eur else "—")):
        line(f"{label} : {value}")
    pdf.ln(3)
    line("Contenu (à cocher au départ et au retour)", 13, "B")
    for item in kit.items or []:
        line(f"[  ] départ   [  ] retour    {item.quantity} × {item.item}")
    if not kit.items:
        line("(liste du contenu non renseignée)")
    pdf.ln(8)
    line("Signature MD : ____________________      Signature bibliothèque : "
         "____________________")
    return bytes(pdf.output())


@dataclass(frozen=True)
class YearReport:
    year: int
    md_name: str
    total: int
    by_kit: list[tuple[str, int]]
    by_library: list[tuple[str, int]]
    by_month: list[tuple[str, int]]  # the twelve months, in order


def yearly_report(conn: sa.Connection, *, department_code: str, year: int) -> YearReport:
    """Loans (accepted, out or returned) of the MD's kits starting in `year`."""
    md = conn.execute(sa.select(departments.c.md_name).where(
        departments.c.code == department_code)).scalar() or department_code
    rows = conn.execute(
        sa.select(kits.c.title, kit_bookings.c.library, kit_bookings.c.commune,
                  kit_bookings.c.starts_on)
        .join(kits, kits.c.id == kit_bookings.c.kit_id).where(
            kits.c.department_code == department_code, kit_bookings.c.status.in_(LOANS),
            kit_bookings.c.starts_on >= date(year, 1, 1),
            kit_bookings.c.starts_on <= date(year, 12, 31))).all()
    months = Counter(r.starts_on.month for r in rows)
    return YearReport(
        year, md, len(rows),
        Counter(r.title for r in rows).most_common(),
        Counter(f"{r.library} ({r.commune})" for r in rows).most_common(),
        [(name, months.get(n, 0)) for n, name in enumerate(MONTHS, start=1)])


def report_xlsx(report: YearReport) -> bytes:
    """Three sheets: by kit, by library, by month."""
    from db import spreadsheets  # openpyxl: 0.1 s to import, kept off the start path

    title = f"Prêts de matériel {report.year} — {report.md_name}"
    return spreadsheets.to_workbook([
        ("Par matériel", ["Matériel", "Prêts"], report.by_kit),
        ("Par bibliothèque", ["Bibliothèque", "Prêts"], report.by_library),
        ("Par mois", ["Mois", "Prêts"], report.by_month)], title=title)

