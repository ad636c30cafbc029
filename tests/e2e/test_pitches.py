"""In Chromium: a member writes a fiche, publishes it and finds it in the list."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import sign_in


def test_member_publishes_a_fiche_and_finds_it_in_the_list(live_engine, server, page):
    with live_engine.begin() as conn:
        make_user(conn, "sophie.chambon", "member", department_code="07",
                  display_name="Sophie Chambon")
    page.goto(server)
    sign_in(page, "sophie.chambon", PASSWORD)
    page.goto(f"{server}/pitch_edit")
    page.get_by_label("Titre du projet").fill("Conventions départementales de lecture")
    page.get_by_label("Titre du projet").press("Tab")
    page.get_by_label("Budget total (€)").fill("12 000")
    page.get_by_label("Budget total (€)").press("Tab")
    page.get_by_label("Résumé (obligatoire) — Markdown").fill(
        "Refonte des conventions entre le Département et les communes.")
    page.get_by_label("Résumé (obligatoire) — Markdown").press("Tab")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Publier la fiche").click()
    expect(page.get_by_text("Fiche publiée.")).to_be_visible()
    expect(page.get_by_text("Budget : 12")).to_be_visible()

    page.goto(f"{server}/pitches")
    page.get_by_label("Rechercher (accents et pluriels sans importance)").fill("convention")
    page.get_by_label("Rechercher (accents et pluriels sans importance)").press("Enter")
    expect(page.get_by_text("1 fiche(s)")).to_be_visible()
    expect(page.get_by_text("Conventions départementales de lecture")).to_be_visible()
