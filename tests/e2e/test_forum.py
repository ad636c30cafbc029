"""In Chromium: a contributor writes a forum post in Markdown, previews it, posts it and sees
it rendered (bold, list, link) while it waits for approval."""

from __future__ import annotations

from playwright.sync_api import expect

from db import forum
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import sign_in

BODY = ("Nos permanences du **mardi** marchent bien :\n\n- un créneau fixe\n"
        "- des bénévoles formés\n\nVoir [le guide](https://exemple.org/guide).")


def test_contributor_posts_markdown_and_sees_it_rendered(live_engine, server, page):
    with live_engine.begin() as conn:
        make_user(conn, "leo.mediateur", "contributor", display_name="Léo Médiateur")
        theme_id = forum.list_themes(conn)[0].id
    page.goto(server)
    sign_in(page, "leo.mediateur", PASSWORD)
    page.goto(f"{server}/forum?theme={theme_id}")
    page.get_by_text("Contribuer à ce thème", exact=True).click()
    page.get_by_label("Titre", exact=True).fill("Permanences numériques du mardi")
    page.get_by_label("Titre", exact=True).press("Tab")
    page.get_by_label("Votre contribution (Markdown)").fill(BODY)
    page.get_by_label("Votre contribution (Markdown)").press("Tab")
    page.get_by_text("Aperçu", exact=True).click()
    expect(page.locator("strong").get_by_text("mardi", exact=True)).to_be_visible()
    page.get_by_role("button", name="Publier la contribution").click()
    expect(page.get_by_text("sera visible après validation")).to_be_visible()

    page.get_by_role("button", name="Lire").first.click()
    expect(page.get_by_role("heading", name="Permanences numériques du mardi")).to_be_visible()
    expect(page.locator("strong").get_by_text("mardi", exact=True)).to_be_visible()
    expect(page.locator("li", has_text="des bénévoles formés")).to_be_visible()
    expect(page.get_by_role("link", name="le guide")).to_have_attribute(
        "href", "https://exemple.org/guide")
    expect(page.get_by_text("en attente de validation").first).to_be_visible()
