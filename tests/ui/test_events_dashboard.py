"""Organisers' dashboard on the demo data: figures, export, check-in, move."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.ui.conftest import login, texts, widget


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
    widget(at.button, "Préparer l'export XLSX").click()
    at.run()
    downloads = {b.proto.label: b.proto.url for b in at.get("download_button")}
    assert downloads["Télécharger l'export XLSX"].endswith(".xlsx")  # bytes: tests/e2e
    at.button_group[0].set_value("Émargement").run()
    assert any(b.label.startswith("Préparer l'émargement — ") for b in at.button)


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
