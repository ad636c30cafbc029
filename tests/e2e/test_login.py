"""In Chromium: sign in through the real form, reload and stay signed in, sign out."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import ADMIN, sign_out


def _sign_in(page, username: str, password: str) -> None:
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_login_survives_a_reload_then_logout(server, page):
    page.goto(server)
    expect(page.get_by_label("Identifiant")).to_be_visible()
    _sign_in(page, ADMIN, PASSWORD)
    expect(page.get_by_text("Bonjour Alice Admin")).to_be_visible()

    page.wait_for_timeout(1500)  # let the cookie component write the cookie
    page.reload()
    expect(page.get_by_text("Bonjour Alice Admin")).to_be_visible()
    assert any(c["name"] == "coopmd_auth" for c in page.context.cookies())

    page.wait_for_timeout(1000)  # the cookie component's first answer reruns the page
    sign_out(page)
    expect(page.get_by_label("Identifiant")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Identifiant")).to_be_visible()
    expect(page.get_by_text("Bonjour Alice Admin")).to_have_count(0)


def test_wrong_password_shows_a_french_message(server, page):
    page.goto(server)
    _sign_in(page, ADMIN, "pas le bon mot de passe")
    expect(page.get_by_text("Identifiant ou mot de passe incorrect.")).to_be_visible()


def test_newcomer_registers_then_signs_in(server, page):
    """The first journey of every job: open the app, create an account, sign in."""
    page.goto(server)
    page.get_by_label("Identifiant").wait_for()  # the app has started and answers clicks
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Créer un compte").click()
    for label, value in (("Nom affiché", "Nadia Nouvelle"), ("Identifiant", "nadia.nouvelle"),
                         ("Adresse e-mail", "nadia@association.example.org"),
                         ("Mot de passe", "une phrase de passe solide"),
                         ("Confirmer le mot de passe", "une phrase de passe solide")):
        field = page.get_by_role("textbox", name=label, exact=True)
        field.fill(value)
        field.press("Tab")  # commit the value before the next field, as a person would
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_text("Compte « nadia.nouvelle » créé")).to_be_visible()
    _sign_in(page, "nadia.nouvelle", "une phrase de passe solide")
    expect(page.get_by_text("Bonjour Nadia Nouvelle")).to_be_visible()


def _has_cookie(page) -> bool:
    return any(c["name"] == "coopmd_auth" for c in page.context.cookies())


def test_signing_out_everywhere_ends_the_other_browser_too(live_engine, server, page, browser):
    """Our own cookie carries the account's session version: « Se déconnecter partout »
    in one browser, and the other one's cookie signs nobody in at its next page."""
    from tests.conftest import make_user
    from tests.e2e.conftest import sign_in

    with live_engine.begin() as conn:
        make_user(conn, "marie.dupont", "member", display_name="Marie Dupont")
    other = browser.new_context(locale="fr-FR").new_page()
    for tab in (page, other):
        tab.goto(server)
        sign_in(tab, "marie.dupont", PASSWORD)
    page.goto(f"{server}/account")
    page.get_by_text("Je confirme : me déconnecter partout").click()
    page.get_by_role("button", name="Se déconnecter partout").click()
    expect(page.get_by_label("Identifiant")).to_be_visible()
    other.reload()
    expect(other.get_by_label("Identifiant")).to_be_visible()
    expect(other.get_by_text("Bonjour Marie Dupont")).to_have_count(0)
    for _ in range(50):  # the stale cookie is deleted, not just ignored
        if not _has_cookie(other):
            break
        other.wait_for_timeout(100)
    assert not _has_cookie(other)
    other.context.close()
