"""In Chromium (#15): a contributor's proposition is answered « retenue » by an organiser,
who creates an action of the regional roadmap from it on the thread; the contributor
follows the notification link to the action, finds the proposition among its sources,
and the action's address survives a reload; back on the roadmap, its chart and its
printable PDF."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pypdf import PdfReader

from db import forum
from db.forum import moderation, posts
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import choose, sign_in, sign_out


def test_a_proposition_becomes_an_action_and_its_author_follows_the_link(live_engine,
                                                                         server, page,
                                                                         tmp_path):
    with live_engine.begin() as conn:
        author = make_user(conn, "leo.mediateur", "contributor", display_name="Léo Médiateur")
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        theme_id = forum.list_themes(conn)[0].id
        head = posts.contribute(conn, actor=author, theme_id=theme_id, kind="proposition",
                                title="Un bus numérique", body="Qui passe chaque mardi.")
        moderation.approve(conn, actor=organiser, post_id=head.id)
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/forum?sujet={head.id}")
    page.get_by_text("Répondre à cette proposition").click()
    choose(page, page, "État", re.compile("^Retenue$"))
    page.get_by_label("Réponse officielle (Markdown)").fill("Nous la portons.")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_text("Réponse enregistrée")).to_be_visible()

    page.get_by_text("Créer une action de feuille de route").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_label("Titre de l'action"))
    expect(form.get_by_label("Titre de l'action")).to_have_value("Un bus numérique")
    choose(page, form, "… ou par une MD", re.compile("de la Loire$"))
    form.get_by_label("Horizon (année ou trimestre)").fill("2026-T3")
    form.get_by_label("Horizon (année ou trimestre)").press("Tab")
    send = form.get_by_role("button", name="Enregistrer l'action")
    send.dblclick()  # a double click creates one action
    expect(page.get_by_text("Action créée")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Portée par l'action « Un bus"))) \
        .to_have_count(1)
    sign_out(page)

    page.goto(server)
    sign_in(page, "leo.mediateur", PASSWORD)
    page.get_by_role("button", name=re.compile(r"Notifications \(\d+\)")).click()
    page.get_by_text("est intégrée à la feuille de route").first.wait_for()
    page.get_by_role("link", name="Ouvrir").first.click()
    expect(page).to_have_url(re.compile(r"/roadmap\?action=\d+$"))
    expect(page.get_by_role("heading", name="Un bus numérique")).to_be_visible()
    expect(page.get_by_role("link", name="Proposition — Un bus numérique")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Un bus numérique")).to_be_visible()
    expect(page.get_by_text("portée par")).to_contain_text("Loire")
    with live_engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM roadmap_actions").scalar_one()
    assert count == 1

    page.get_by_role("button", name="Feuille de route régionale").click()  # back to it
    expect(page).to_have_url(re.compile(r"/roadmap\?feuille=region$"))
    expect(page.get_by_text("Actions par statut : à lancer 1")).to_be_visible()  # the chart
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF imprimable").click()
    assert download.value.suggested_filename == "feuille-de-route-region.pdf"
    saved = tmp_path / "feuille.pdf"
    download.value.save_as(saved)
    text = "".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Feuille de route régionale" in text and "Un bus numérique" in text
