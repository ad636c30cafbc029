"""Organisers' figures and files: dashboard, lists, CSV/XLSX, .ics, attendance sheet."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import icalendar
import openpyxl
import pytest

from db import events
from db.errors import PermissionDenied
from db.events import exports, registrations
from db.events import reports as event_reports
from tests.conftest import make_user
from tests.db.events_fixtures import build_day


@pytest.fixture
def organiser(conn):
    return make_user(conn, "claire.besson", "organiser", department_code="42")


@pytest.fixture
def busy_day(conn, organiser):
    """Two ateliers of 2 places; 3 people in the first (one waiting), 1 in the second,
    1 cancelled."""
    event_id, slot, (first, second) = build_day(conn, organiser, capacity=2)
    names = ["Élodie Marcon", "Léa Fontaine", "Hélène Mathieu", "Inès Garnier", "Zoé Annulée"]
    people = [make_user(conn, f"personne{n}", "member", department_code=code, display_name=name)
              for n, (name, code) in enumerate(zip(names, ["07", "03", "01", "26", "26"], strict=True))]
    for person in people[:3]:
        registrations.register(conn, actor=person, event_id=event_id, choices={slot: first},
                               answers=registrations.Answers(
                                   lunch=True,
                                   dietary="Végétarien" if person is people[0] else None))
    registrations.register(conn, actor=people[3], event_id=event_id, choices={slot: second})
    gone = registrations.register(conn, actor=people[4], event_id=event_id,
                                  choices={slot: second})
    registrations.cancel(conn, actor=people[4], registration_id=gone.id)
    return event_id, first, second


def test_dashboard_counts_and_alerts(conn, organiser, busy_day, member):
    event_id, *_ = busy_day
    board = event_reports.get_dashboard(conn, actor=organiser, event_id=event_id)
    assert (board.confirmed, board.waiting, board.cancelled, board.lunch) == (3, 1, 1, 3)
    assert [(a.title, a.confirmed, a.waiting) for a in board.ateliers] == [
        ("Atelier 1", 2, 1), ("Atelier 2", 1, 0)]
    assert board.alerts == ["« Atelier 1 » est complet (2/2), 1 en liste d'attente.",
                            "« Atelier 2 » a atteint 50 % (1/2)."]
    assert dict(board.by_department)["Drôme"] == 1 and board.by_day[-1][1] == 4
    with pytest.raises(PermissionDenied):
        event_reports.get_dashboard(conn, actor=member, event_id=event_id)


def test_dashboard_counts_sign_ups_by_the_day_in_france(conn, organiser, busy_day):
    """Stored in UTC: 22 h 30 UTC on 30 June is already 1 July in Paris (summer time)."""
    from datetime import UTC, date, datetime

    from db.schema import registrations as table

    event_id, *_ = busy_day
    conn.execute(table.update().where(table.c.event_id == event_id)
                 .values(created_at=datetime(2025, 6, 30, 22, 30, tzinfo=UTC)))
    board = event_reports.get_dashboard(conn, actor=organiser, event_id=event_id)
    assert board.by_day == [(date(2025, 7, 1), 4)]


def test_people_filters(conn, organiser, busy_day):
    event_id, first, _ = busy_day
    listed = lambda **f: [p.name for p in event_reports.list_people(
        conn, actor=organiser, event_id=event_id, **f)]
    assert listed() == ["Élodie Marcon", "Hélène Mathieu", "Inès Garnier", "Léa Fontaine"]
    assert listed(status="waitlisted") == ["Hélène Mathieu"]
    assert listed(status="cancelled") == ["Zoé Annulée"]
    assert listed(atelier_id=first) == ["Élodie Marcon", "Hélène Mathieu", "Léa Fontaine"]
    assert listed(search="ELOD") == ["Élodie Marcon"]  # accents and case ignored


def test_xlsx_and_csv_round_trip_with_accents(conn, organiser, busy_day):
    event_id, *_ = busy_day
    people = event_reports.list_people(conn, actor=organiser, event_id=event_id)
    slots = event_reports.choice_slot_titles(conn, event_id=event_id)
    book = openpyxl.load_workbook(io.BytesIO(exports.registrations_xlsx(people, slots,
                                                                        title="Journée")))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) - 1 == len(people) == 4
    assert rows[0][:7] == ("Nom", "E-mail", "Département", "MD", "Structure", "Fonction",
                           "Statut")
    assert "Atelier – Atelier au choix" in rows[0]
    assert rows[1][0] == "Élodie Marcon" and rows[1][2] == "Ardèche"
    assert "Végétarien" in rows[1]
    text = exports.registrations_csv(people, slots).decode("utf-8")
    assert text.startswith("\ufeffNom;E-mail") and "Hélène Mathieu" in text
    assert text.count("\n") == len(people) + 1


def test_ics_has_paris_times_location_and_link(conn, organiser, busy_day):
    event_id, *_ = busy_day
    event = events.get_event(conn, event_id=event_id, viewer=organiser)
    data = exports.ics(event, url="http://localhost:8501/events?event=1")
    calendar = icalendar.Calendar.from_ical(data)
    entry = next(iter(calendar.walk("VEVENT")))
    start = entry.decoded("dtstart")
    assert start.tzinfo.key == ZoneInfo("Europe/Paris").key
    assert (start.hour, start.minute, entry.decoded("dtend").hour) == (9, 30, 17)
    assert str(entry["location"]) == "Médiathèque départementale de la Loire"
    assert str(entry["url"]) == "http://localhost:8501/events?event=1"
    assert calendar.walk("VTIMEZONE")  # the timezone travels with the file
    atelier = icalendar.Calendar.from_ical(exports.ics(
        event, url="u", atelier=("Poldoc partagée", event.starts_at, event.ends_at, "Salle C")))
    assert str(next(iter(atelier.walk("VEVENT")))["location"]).startswith("Salle C, ")


def test_attendance_sheet_lists_confirmed_people_escaped(conn, organiser, busy_day):
    event_id, first, _ = busy_day
    event = events.get_event(conn, event_id=event_id, viewer=organiser)
    people = event_reports.list_people(conn, actor=organiser, event_id=event_id, atelier_id=first)
    page = exports.attendance_sheet(event, "Atelier <1>", people)
    assert "Atelier &lt;1&gt;" in page and page.count("<tr><td>") == 3 + 5  # 5 blank rows
    assert 'lang="fr"' in page and "Signature" in page


def test_a_cancelled_day_s_ics_says_so(conn, organiser, busy_day):
    """#12: a cancelled day still offered a plain .ics; calendars strike this one out."""
    event_id, *_ = busy_day
    events.cancel_event(conn, actor=organiser, event_id=event_id, message="Grève.")
    event = events.get_event(conn, event_id=event_id, viewer=organiser)
    calendar = icalendar.Calendar.from_ical(exports.ics(event, url="u"))
    entry = next(iter(calendar.walk("VEVENT")))
    assert str(entry["status"]) == "CANCELLED" and str(calendar["method"]) == "CANCEL"
    assert str(entry["summary"]).startswith("Annulée : ")
