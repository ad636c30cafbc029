"""In Chromium: a contributor writes a forum post in Markdown, previews it, posts it and sees
it rendered (bold, list, link) while it waits for approval."""

from __future__ import annotations

from playwright.sync_api import expect

from db import forum
from db.forum import moderation, posts
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


def test_a_masked_first_post_keeps_its_thread_and_replies_in_the_browser(live_engine,
                                                                        server, page):
    """#15: the thread's link still opens; its first post is replaced by « Message masqué
    par la modération », the replies stay, and no reply box is offered."""
    with live_engine.begin() as conn:
        author = make_user(conn, "mathilde.md82", "member", department_code="82")
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        make_user(conn, "nadia.lectrice", "contributor")
        theme_id = forum.list_themes(conn)[0].id
        head = posts.contribute(conn, actor=author, theme_id=theme_id, kind="proposition",
                                title="Un bus numérique", body="Mon 06 12 34 56 78.",
                                department_code="82", organisation_type="bibliotheque",
                                tags="")
        posts.reply(conn, actor=organiser, post_id=head.id, body="Belle idée, à creuser.")
        moderation.hide(conn, actor=organiser, post_id=head.id, reason="Données personnelles")
    page.goto(server)
    sign_in(page, "nadia.lectrice", PASSWORD)
    page.goto(f"{server}/forum?sujet={head.id}")
    expect(page.get_by_role("heading", name="Message masqué par la modération")).to_be_visible()
    expect(page.get_by_text("Belle idée, à creuser.")).to_be_visible()
    expect(page.get_by_text("06 12 34 56 78")).to_have_count(0)
    expect(page.get_by_role("button", name="Publier la réponse")).to_have_count(0)
    expect(page.get_by_text("ses réponses restent lisibles")).to_be_visible()
