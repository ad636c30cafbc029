"""Notifications people act on, in the app (#15): in Mon compte a member turns the forum
off and asks for a weekly digest, and it holds; the digest's unsubscribe link, opened
signed out, asks for a click and then stops the digest; a used link says so."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db import digests, notifications
from tests.ui.conftest import ROOT, login, open_as, texts, widget


def test_a_member_chooses_channels_and_a_digest(app, users, app_engine):
    at = open_as("member.test", "pages/account.py")
    at.selectbox(key="notification_prefs_forum").set_value("off")
    at.radio(key="notification_prefs_digest").set_value("weekly")
    widget(at.button, "Enregistrer mes choix").click()
    at.run()
    assert "Choix de notification enregistrés" in texts(at)
    with app_engine.connect() as conn:
        assert notifications.get_prefs(conn, user=users["member"])["forum"] == "off"
        assert digests.get_digest(conn, user=users["member"]) == "weekly"
    again = open_as("member.test", "pages/account.py")
    assert again.selectbox(key="notification_prefs_forum").value == "off"
    assert again.radio(key="notification_prefs_digest").value == "weekly"


def test_the_unsubscribe_link_works_signed_out_once(app, users, app_engine):
    with app_engine.begin() as conn:
        digests.set_digest(conn, actor=users["member"], frequency="daily")
        token = digests.make_token(conn, user_id=users["member"].id)
    app.query_params["jeton"] = token
    at = app.run()
    at.switch_page("pages/unsubscribe.py").run()
    assert not at.exception
    widget(at.button, "Me désabonner").click()
    at.run()
    assert "C'est fait : vous ne recevrez plus le résumé" in texts(at)
    with app_engine.connect() as conn:
        assert digests.get_digest(conn, user=users["member"]) is None
    other = login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(),
                  "member.test")  # signed in, the same used link
    other.query_params["jeton"] = token
    other.switch_page("pages/unsubscribe.py").run()
    widget(other.button, "Me désabonner").click()
    other.run()
    assert "déjà servi" in texts(other)
