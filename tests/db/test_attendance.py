"""Attendance (#13): émargement sheets for the whole day (morning and afternoon columns),
per half-day and per atelier (its time, room and facilitator), with blank rows; from the
day on, an attestation de présence per person marked present, and one ZIP for the day."""

from __future__ import annotations

import io
import zipfile

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from db import events
from db.engine import local_now
from db.errors import PermissionDenied, ValidationError
from db.events import attestations, desk, exports, registrations
from db.events import reports as event_reports
from db.french import french_date
from tests.conftest import make_user
from tests.db.events_fixtures import build_day


@pytest.fixture
def held_day(conn):
    """A day held today: Élodie and Léa registered, Élodie marked present."""
    organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
    event_id, slot, (first, _) = build_day(conn, organiser, capacity=5)
    people = {}
    for username, name in (("elodie", "Élodie Marcon"), ("lea", "Léa Fontaine")):
        people[username] = make_user(conn, username, "member", department_code="42",
                                     display_name=name)
        registrations.register(conn, actor=people[username], event_id=event_id,
                               choices={slot: first})
    mine = registrations.get_registration_for(conn, event_id=event_id, user=people["elodie"])
    desk.check_in(conn, actor=organiser, registration_id=mine.id)
    return organiser, event_id, people


def _today(conn, event_id: int) -> None:
    conn.execute(sa.text("UPDATE events SET day = :d WHERE id = :e"),
                 {"d": local_now().date(), "e": event_id})


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_present_person_gets_an_attestation_with_her_name_and_the_french_date(conn,
                                                                               held_day):
    _organiser, event_id, people = held_day
    assert attestations.own_attestation(conn, user=people["elodie"], event_id=event_id) is None
    _today(conn, event_id)
    name, pdf = attestations.own_attestation(conn, user=people["elodie"], event_id=event_id)
    text = _text(pdf)
    day = events.get_event(conn, event_id=event_id).day
    assert pdf.startswith(b"%PDF") and name.startswith(f"attestation-{day:%Y-%m-%d}-elodie")
    assert "Élodie Marcon" in text and "Attestation de présence" in text
    assert french_date(day, weekday=True) in " ".join(text.split())
    assert "Atelier 1" in text
    assert attestations.own_attestation(conn, user=people["lea"], event_id=event_id) is None


def test_the_day_s_zip_holds_one_attestation_per_present_person(conn, held_day):
    organiser, event_id, people = held_day
    with pytest.raises(ValidationError):  # not before the day
        attestations.day_attestations(conn, actor=organiser, event_id=event_id)
    _today(conn, event_id)
    archive = zipfile.ZipFile(io.BytesIO(
        attestations.day_attestations(conn, actor=organiser, event_id=event_id)))
    [only] = archive.namelist()
    assert "elodie-marcon" in only and "Élodie Marcon" in _text(archive.read(only))
    with pytest.raises(PermissionDenied):
        attestations.day_attestations(conn, actor=people["lea"], event_id=event_id)


def test_sheets_for_the_day_and_for_an_atelier(conn, held_day):
    organiser, event_id, _people = held_day
    event = events.get_event(conn, event_id=event_id)
    everyone = event_reports.list_people(conn, actor=organiser, event_id=event_id)
    page = exports.attendance_sheet(event, "Journée entière", everyone,
                                    signatures=("Matin", "Après-midi"), blank_rows=4)
    assert "<th>Matin</th><th>Après-midi</th>" in page
    assert page.count("<tr><td>") == 2 + 4 and "Élodie Marcon" in page
    atelier = exports.attendance_sheet(event, "Atelier 1", everyone,
                                       details="14 h 45–16 h 15 · Salle 1 · animé par MD")
    assert "14 h 45–16 h 15 · Salle 1 · animé par MD" in atelier
    assert "lignes vides pour les personnes venues sans inscription" in atelier


def test_odd_names_still_make_a_pdf(conn, held_day):
    """The core fonts speak Latin-1: « œ », curly quotes and an emoji must not break it."""
    _organiser, event_id, people = held_day
    _today(conn, event_id)
    conn.execute(sa.text("UPDATE users SET display_name = :n WHERE id = :i"),
                 {"n": "Cœur d’Artichaut 🌱", "i": people["elodie"].id})
    _name, pdf = attestations.own_attestation(conn, user=people["elodie"], event_id=event_id)
    assert "Coeur d'Artichaut" in _text(pdf)
