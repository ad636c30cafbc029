"""In Chromium (#15 notifications people act on): a member turns the forum off and asks for
a weekly digest in Mon compte, and finds both after a reload; the digest's unsubscribe
link, opened signed out, stops the digest after one click."""

from __future__ import annotations

from playwright.sync_api import expect

from db import digests
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import choose, pick, sign_in, sign_out


def test_a_member_chooses_notifications_then_unsubscribes_signed_out(live_engine, server,
                                                                     page):
    with live_engine.begin() as conn:
        marie = make_user(conn, "marie.dupont", "member", department_code="26")
    page.goto(server)
    sign_in(page, "marie.dupont", PASSWORD)
    page.goto(f"{server}/account")
    form = page.get_by_test_id("stForm").filter(has_text="Enregistrer mes choix")
    choose(page, form, "Forum : thèmes et sujets suivis", "Jamais")
    pick(page, form.get_by_role("radio", name="Chaque semaine (le lundi)"))
    form.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.get_by_text("Choix de notification enregistrés")).to_be_visible()
    page.reload()
    expect(page.get_by_role("radio", name="Chaque semaine (le lundi)")).to_be_checked()
    with live_engine.begin() as conn:
        assert digests.get_digest(conn, user=marie) == "weekly"
        token = digests.make_token(conn, user_id=marie.id)
    sign_out(page)

    page.goto(f"{server}/unsubscribe?jeton={token}")
    page.get_by_role("button", name="Me désabonner").click()
    expect(page.get_by_text("C'est fait")).to_be_visible()
    with live_engine.connect() as conn:
        assert digests.get_digest(conn, user=marie) is None
