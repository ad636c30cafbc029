"""Sign-in journeys in AppTest: first run, login, lockout, registration, roles."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from components.state import USER_KEY
from db import accounts
from db.accounts import invitations
from tests.conftest import PASSWORD
from tests.ui.conftest import ROOT, fill, login, texts, widget


def test_empty_database_shows_first_run_and_creates_the_admin(app, app_engine):
    at = app.run()
    assert "Bienvenue sur Coop'MD" in texts(at)
    fill(at, {"Nom affiché": "Alice Admin", "Identifiant": "alice",
              "Adresse e-mail": "alice@md42.fr", "Mot de passe": PASSWORD,
              "Confirmer le mot de passe": "autre chose encore"})
    widget(at.button, "Créer le compte administrateur").click()
    at.run()
    assert "ne sont pas identiques" in texts(at)
    assert widget(at.text_input, "Nom affiché").value == "Alice Admin"  # nothing lost
    widget(at.text_input, "Confirmer le mot de passe").input(PASSWORD)
    widget(at.button, "Créer le compte administrateur").click()
    at.run()
    assert "Compte administrateur créé" in texts(at)
    with app_engine.connect() as conn:
        assert accounts.get_by_username(conn, username="alice").role == "admin"
    login(at, "alice")
    assert "Bonjour Alice Admin" in texts(at)


def test_login_ok_then_logout(app, users):
    at = login(app.run(), "member.test")
    assert not at.exception
    assert "Bonjour Member.Test" in texts(at)
    widget(at.button, "Se déconnecter").click()
    at.run()
    at.run()
    assert any(b.label == "Se connecter" for b in at.button)


def test_wrong_password_is_refused_and_counted(app, users, app_engine):
    at = login(app.run(), "member.test", "mauvais mot de passe")
    assert "Identifiant ou mot de passe incorrect" in texts(at)
    with app_engine.connect() as conn:
        assert accounts.get_by_username(conn, username="member.test").failed_logins == 1


def test_five_failures_lock_the_account_even_with_the_right_password(app, users):
    at = app.run()
    for _ in range(5):
        login(at, "member.test", "mauvais mot de passe")
    login(at, "member.test")
    assert "temporairement verrouillé" in texts(at)
    assert "Bonjour" not in texts(at)


def test_registration_gives_contributor_and_keeps_input_on_error(app, users, app_engine):
    at = app.run()
    at.switch_page("pages/register.py").run()
    fill(at, {"Nom affiché": "Paul <b>Usager</b>", "Identifiant": "paul.usager",
              "Adresse e-mail": "paul@exemple.fr", "Mot de passe": PASSWORD,
              "Confirmer le mot de passe": PASSWORD})
    widget(at.button, "Créer mon compte").click()
    at.run()
    assert "< ou >" in texts(at)
    assert widget(at.text_input, "Identifiant").value == "paul.usager"
    widget(at.text_input, "Nom affiché").input("Paul Usager")
    widget(at.button, "Créer mon compte").click()
    at.run()
    assert "Contributeur·rice" in texts(at)
    with app_engine.connect() as conn:
        assert accounts.get_by_username(conn, username="paul.usager").role == "contributor"


def test_invited_email_registers_as_member(app, users, app_engine):
    with app_engine.begin() as conn:
        invitations.invite(conn, actor=users["admin"], target="@ledepartement07.fr")
    at = app.run()
    at.switch_page("pages/register.py").run()
    fill(at, {"Nom affiché": "Sophie Chambon", "Identifiant": "sophie",
              "Adresse e-mail": "sophie@ledepartement07.fr", "Mot de passe": PASSWORD,
              "Confirmer le mot de passe": PASSWORD})
    widget(at.button, "Créer mon compte").click()
    at.run()
    with app_engine.connect() as conn:
        assert accounts.get_by_username(conn, username="sophie").role == "member"


def test_contributor_cannot_open_the_admin_page_even_by_switch_page(app, users):
    at = login(app.run(), "contributor.test")
    assert "Administration" not in [p.label for p in at.sidebar.children if hasattr(p, "label")]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin.py")


def test_admin_page_run_directly_refuses_a_contributor(users):
    """The server's first run of a fresh process may execute a page file without app.py
    (legacy pages/ folder mode): the page's own guard must still refuse."""
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=30)
    at.session_state[USER_KEY] = users["contributor"]
    at.run()
    assert "réservée" in texts(at)
    assert not at.tabs


def test_admin_reset_forces_a_password_change_at_next_login(app, users, app_engine):
    with app_engine.begin() as conn:
        temporary = accounts.reset_password(conn, actor=users["admin"],
                                            user_id=users["member"].id)
    at = login(app.run(), "member.test", temporary)
    assert "choisissez-en un nouveau" in texts(at)
    widget(at.text_input, "Mot de passe actuel").input(temporary)
    widget(at.text_input, "Nouveau mot de passe").input("ma toute nouvelle phrase")
    widget(at.text_input, "Confirmer le nouveau mot de passe").input("ma toute nouvelle phrase")
    widget(at.button, "Changer le mot de passe").click()
    at.run()
    assert "Mot de passe changé" in texts(at)
    at.switch_page("pages/home.py").run()  # the whole menu is back
    assert "Bonjour" in texts(at)
    with app_engine.connect() as conn:
        row = conn.execute(sa.text("SELECT must_change_password FROM users WHERE username = "
                                   "'member.test'")).scalar_one()
    assert not row


def _browser(username: str) -> AppTest:
    """Another browser of the same person (an AppTest session of its own)."""
    return login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(), username)


def _signed_out(at: AppTest) -> bool:
    return any(b.label == "Se connecter" for b in at.button) and "Bonjour" not in texts(at)


def test_signing_out_everywhere_ends_every_browser_of_the_account(app, users):
    laptop, phone, colleague = _browser("member.test"), _browser("member.test"), \
        _browser("organiser.test")
    laptop.switch_page("pages/account.py").run()
    assert widget(laptop.button, "Se déconnecter partout").disabled  # confirm first
    widget(laptop.checkbox, "Je confirme : me déconnecter partout").check()
    laptop.run()
    widget(laptop.button, "Se déconnecter partout").click()
    laptop.run()
    assert _signed_out(laptop)
    assert _signed_out(phone.run())
    assert not _signed_out(colleague.run())


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, users):
    here, elsewhere = _browser("member.test"), _browser("member.test")
    here.switch_page("pages/account.py").run()
    new = "une toute nouvelle phrase"
    fill(here, {"Mot de passe actuel": PASSWORD, "Nouveau mot de passe": new,
                "Confirmer le nouveau mot de passe": new})
    widget(here.button, "Changer le mot de passe").click()
    here.run()
    assert "Mot de passe changé." in texts(here)
    assert not _signed_out(here.switch_page("pages/home.py").run())
    assert _signed_out(elsewhere.run())
    assert not _signed_out(login(elsewhere, "member.test", new))


def test_a_deactivated_account_is_signed_out_at_its_next_click(app, users, app_engine):
    at = _browser("member.test")
    with app_engine.begin() as conn:
        accounts.set_active(conn, actor=users["admin"], user_id=users["member"].id,
                            active=False)
    assert _signed_out(at.run())
    assert "Identifiant ou mot de passe incorrect" in texts(login(at, "member.test"))
