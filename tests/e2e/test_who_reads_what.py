"""In Chromium (#15 who may read what): a contributor has no « Fiches projet » in the menu
and a fiche's link says the fiches are for MD staff; the admin opens the fiches to contributors in
Administration; the contributor then reads the fiche, without its contact details."""

from __future__ import annotations

from playwright.sync_api import expect

from db import pitches
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import ADMIN, sign_in, sign_out


def test_the_fiches_open_to_contributors_only_when_the_admin_says(live_engine, server, page):
    with live_engine.begin() as conn:
        member = make_user(conn, "mathilde.md82", "member", department_code="82")
        make_user(conn, "paul.usager", "contributor", display_name="Paul Usager")
        fiche = pitches.create_pitch(conn, actor=member, publish=True,
                                     data=pitches.FicheInput(
                                         title="Médiathèque mobile", summary="Un camion.",
                                         contact_name="Jeanne Roux",
                                         contact_email="jeanne.roux@cd82.fr")).id
    menu = page.get_by_test_id("stSidebarNavItems")
    page.goto(server)
    sign_in(page, "paul.usager", PASSWORD)
    expect(menu.get_by_role("link", name="Forum inclusion numérique")).to_be_visible()
    expect(menu.get_by_role("link", name="Fiches projet")).to_have_count(0)
    page.goto(f"{server}/pitches?fiche={fiche}")  # a link someone shared
    expect(page.get_by_text("réservées aux personnels des médiathèques")).to_be_visible()
    expect(page.get_by_text("Un camion.")).to_have_count(0)
    sign_out(page)

    page.goto(server)
    sign_in(page, ADMIN, PASSWORD)
    page.goto(f"{server}/admin?section=Journal")
    page.get_by_text("Réglages", exact=True).click()
    page.get_by_text("Les contributeurs (inscription libre) lisent les fiches projet").click()
    expect(page.get_by_text("Réglage enregistré")).to_be_visible()
    sign_out(page)

    page.goto(server)
    sign_in(page, "paul.usager", PASSWORD)
    menu.get_by_role("link", name="Fiches projet").click()
    page.get_by_role("button", name="Lire").first.click()
    expect(page.get_by_text("Un camion.")).to_be_visible()
    expect(page.get_by_text("jeanne.roux@cd82.fr")).to_have_count(0)
    expect(page.get_by_text("Jeanne Roux")).to_have_count(0)
