"""Every page renders for every role, on an empty and on a demo database."""

from __future__ import annotations

import pytest

from components.navigation import PAGES
from db import accounts, audit, demo
from tests.ui.conftest import login, texts, widget

ROLES = ["contributor", "member", "organiser", "admin"]


def _visit_all(at, role: str) -> list[str]:
    visited = []
    for _, path, _, _, minimum in PAGES:
        if not accounts.ROLES.index(role) >= accounts.ROLES.index(minimum):
            continue
        at.switch_page(path).run()
        assert not at.exception, f"{path} as {role}: {at.exception}"
        visited.append(path)
    return visited


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_on_an_empty_database(app, users, role):
    at = login(app.run(), f"{role}.test")
    visited = _visit_all(at, role)
    assert ("pages/admin.py" in visited) == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_on_the_demo_database(app, users, demo, role):
    at = login(app.run(), f"{role}.test")
    _visit_all(at, role)


def test_home_shows_empty_states_then_demo_content(app, users, app_engine):
    at = login(app.run(), "member.test")
    assert "Aucune fiche projet n'a encore été partagée" in texts(at)

    with app_engine.begin() as conn:
        demo.load(conn, actor=users["admin"])
    at.run()
    shown = texts(at)
    assert "Conventions départementales" in shown
    assert "Rencontre du groupe Inclusion numérique" in shown
    assert "Lettre d'information professionnelle des MD" in shown


def test_admin_invites_a_domain_and_changes_a_role(app, users, app_engine):
    at = login(app.run(), "admin.test")
    at.switch_page("pages/admin.py").run()
    widget(at.text_input, "Adresse e-mail ou domaine").input("pas un domaine")
    widget(at.button, "Inviter").click()
    at.run()
    assert "n'est pas valide" in texts(at)
    widget(at.text_input, "Adresse e-mail ou domaine").input("@loire.fr")
    widget(at.button, "Inviter").click()
    at.run()
    assert "Invitation enregistrée" in texts(at)
    widget(at.selectbox, "Agir sur le compte").select(users["member"])
    at.run()
    role_boxes = [s for s in at.selectbox if s.label == "Rôle" and s.key.startswith("user_")]
    role_boxes[0].set_value("organiser").run()
    widget(at.button, "Changer le rôle").click()
    at.run()
    with app_engine.connect() as conn:
        assert accounts.get_by_username(conn, username="member.test").role == "organiser"
        assert audit.list_recent(conn, limit=1)[0].action == "set_role"


def test_profile_edit_keeps_input_on_error(app, users, app_engine):
    at = login(app.run(), "member.test")
    at.switch_page("pages/account.py").run()
    widget(at.text_input, "Fonction").input("x" * 5 + "<i>")
    widget(at.button, "Enregistrer le profil").click()
    at.run()
    assert "< ou >" in texts(at)
    assert widget(at.text_input, "Fonction").value == "xxxxx<i>"
    widget(at.text_input, "Fonction").input("Référente de territoire")
    widget(at.button, "Enregistrer le profil").click()
    at.run()
    with app_engine.connect() as conn:
        assert accounts.get_by_username(conn, username="member.test").job_title == (
            "Référente de territoire")


def test_admin_sees_unsent_email_and_resends_it(app, users, app_engine):
    from db import mailer
    from db.engine import now
    from db.schema import outbox
    with app_engine.begin() as conn:
        conn.execute(outbox.insert().values(
            to_email="amandine.roux@ledepartement42.fr", subject="Coop'MD — Place confirmée",
            body="…", created_at=now(), attempts=mailer.MAX_ATTEMPTS,
            last_error="SMTPRecipientsRefused: adresse inconnue"))
    at = login(app.run(), "admin.test")
    at.switch_page("pages/admin.py").run()
    assert any(e.label == "Courriels non envoyés (1)" for e in at.expander)
    assert "adresse inconnue" in texts(at)
    widget(at.button, "Renvoyer").click()
    at.run()
    assert "remis dans la file" in texts(at)
    assert any(e.label == "Courriels non envoyés (0)" for e in at.expander)


def test_a_database_out_of_reach_is_said_in_french(app, monkeypatch):
    """#14: a lost database showed a traceback."""
    monkeypatch.setenv("COOPMD_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:9/x")
    at = app.run()
    assert not at.exception
    assert "connexion à la base de données a été perdue" in texts(at)
    assert any(b.label == "Réessayer" for b in at.button)
