"""Organisers' dashboard on the demo data: figures, export, check-in, move."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import make_user
from tests.db.events_fixtures import held_today
from tests.ui.conftest import login, open_as, texts, widget


def _dashboard(app):
    at = login(app.run(), "organiser.test")
    return at.switch_page("pages/events_dashboard.py").run()


def test_dashboard_shows_counts_alerts_and_exports_xlsx(app, users, demo, app_engine):
    at = _dashboard(app)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    with app_engine.connect() as conn:
        expected = conn.execute(sa.text(
            "SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id "
            "WHERE e.title LIKE 'Rencontre%' AND r.status = 'confirmed'")).scalar_one()
    assert metrics["Confirmés"] == str(expected)
    assert "Remplissage : " in texts(at)
    at.button_group[0].set_value("Inscrits et exports").run()
    downloads = [b.proto.label for b in at.get("download_button")]
    assert "Télécharger l'export XLSX" in downloads  # its bytes: tests/e2e/test_events.py
    at.button_group[0].set_value("Émargement").run()
    assert any(b.proto.label.startswith("Télécharger l'émargement — ")
               for b in at.get("download_button"))


def test_check_in_marks_a_person_present(app, users, demo, app_engine):
    at = _dashboard(app)
    at.button_group[0].set_value("Pointage").run()
    assert not [c for c in at.checkbox if c.key and c.key.startswith("present_")]
    widget(at.text_input, "Rechercher une personne (2 lettres au moins)").input("AMAND")
    at.run()
    [box] = [c for c in at.checkbox if c.key and c.key.startswith("present_")]
    assert box.label.startswith("Amandine Roux")
    box.check()
    at.run()
    with app_engine.connect() as conn:
        present = conn.execute(sa.text("SELECT count(*) FROM registrations WHERE "
                                       "checked_in_at IS NOT NULL")).scalar_one()
    assert present == 1
    assert {m.label: m.value for m in at.metric}["Présents"] == "1"


def test_member_cannot_open_the_dashboard(app, users):
    at = login(app.run(), "member.test")
    assert "Suivi des inscriptions" not in texts(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/events_dashboard.py")  # not in a member's menu


def test_sheets_for_the_whole_day_and_attestations_once_people_are_present(app, users,
                                                                          app_engine):
    """#13 attendance: whole-day, half-day and atelier sheets; from the day on, the ZIP of
    attestations for the people marked present, and each present person's own PDF."""
    with app_engine.begin() as conn:
        person = make_user(conn, "elodie.marcon", "member", department_code="42",
                           display_name="Élodie Marcon")
        event_id, _slot, _mine = held_today(conn, users["organiser"], person)
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(event_id)
    at.query_params["section"] = "Émargement"
    at = at.switch_page("pages/events_dashboard.py").run()
    labels = [b.proto.label for b in at.get("download_button")]
    for expected in ("l'émargement — journée entière (1)", "l'émargement — matin (1)",
                     "l'émargement — après-midi (1)", "l'émargement — Atelier 1 (1)",
                     "les attestations (1 PDF, un ZIP)"):
        assert f"Télécharger {expected}" in labels, labels

    own = open_as("elodie.marcon", "pages/events.py", event=event_id)
    assert "Mon attestation de présence (PDF)" in [
        b.proto.label for b in own.get("download_button")]
