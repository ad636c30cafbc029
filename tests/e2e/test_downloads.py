"""In Chromium: a download is one click, and its file is built at that click, outside the
page's run (`components.downloads`): sign-in sheets, a theme's synthesis with links back to
this app, a fiche's printable page and the fiche list. Each file holds what the database
held at the click."""

from __future__ import annotations

from playwright.sync_api import expect

from db import forum, pitches
from db.events import registrations
from db.forum import posts as forum_posts
from tests.conftest import PASSWORD, make_user
from tests.db.events_fixtures import build_day
from tests.e2e.conftest import FICHE, downloaded, sign_in


def _downloaded(page, name: str) -> str:
    """The text of the file one click on the button `name` gives."""
    return downloaded(page, name)[1].decode("utf-8")


def test_sign_in_sheets_list_who_is_registered_at_the_click(live_engine, server, page):
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=12)
        person = make_user(conn, "elodie", "member", department_code="07",
                           display_name="Élodie Marcon")
        registrations.register(conn, actor=person, event_id=event_id, choices={slot: atelier})
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/events_dashboard?event={event_id}&section=Émargement")
    sheet = _downloaded(page, "Télécharger l'émargement — journée entière (1)")
    assert "Élodie Marcon" in sheet and "Journée entière" in sheet
    assert "Élodie Marcon" in _downloaded(page, "Télécharger l'émargement — Atelier 1 (1)")


def test_a_theme_synthesis_links_back_to_this_app(live_engine, server, page):
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        theme = forum.list_themes(conn)[0]
        thread = forum_posts.contribute(conn, actor=organiser, theme_id=theme.id,
                                        kind="proposition", title="Des malles partagées",
                                        body="Faire circuler les tablettes.")
    page.goto(server)
    sign_in(page, "claire.besson", PASSWORD)
    page.goto(f"{server}/forum?theme={theme.id}")
    page.get_by_text("Voir la synthèse pour le groupe de travail").click()
    text = _downloaded(page, "Télécharger la synthèse (Markdown)")
    assert "Des malles partagées" in text
    assert f"{server}/forum?sujet={thread.id}" in text


def test_a_fiche_prints_and_the_list_exports_in_one_click(live_engine, server, page):
    with live_engine.begin() as conn:
        author = make_user(conn, "mathilde.md82", "member", department_code="82")
        fiche = pitches.create_pitch(conn, actor=author, publish=True, data=FICHE)
    page.goto(server)
    sign_in(page, "mathilde.md82", PASSWORD)
    page.goto(f"{server}/pitches?fiche={fiche.id}")
    assert FICHE.title in _downloaded(page, "Télécharger la version imprimable")
    page.get_by_role("button", name="← Toutes les fiches").click()
    expect(page.get_by_role("button", name="Télécharger la liste (CSV)")).to_be_visible()
    assert FICHE.title in _downloaded(page, "Télécharger la liste (CSV)")
