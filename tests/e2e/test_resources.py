"""In Chromium: a member uploads a file as a resource and downloads it back, same bytes."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from db.resources import browse as resource_browse
from tests.conftest import PASSWORD, make_user
from tests.db.files_fixtures import xlsx
from tests.e2e.conftest import sign_in


def test_member_uploads_a_file_and_downloads_the_same_bytes(live_engine, server, page,
                                                            tmp_path):
    with live_engine.begin() as conn:
        make_user(conn, "nadia.referente", "member", department_code="26",
                  display_name="Nadia Référente")
    sent = tmp_path / "fiche-animation-tablettes.xlsx"
    sent.write_bytes(xlsx())
    page.goto(server)
    sign_in(page, "nadia.referente", PASSWORD)
    page.goto(f"{server}/resource_edit")
    page.get_by_label("Titre", exact=True).fill("Atelier tablettes clé en main")
    page.get_by_label("Titre", exact=True).press("Tab")
    page.locator("input[type=file]").set_input_files(str(sent))
    expect(page.get_by_role("button", name="Remove fiche-animation-tablettes.xlsx")
           ).to_be_visible()
    page.get_by_role("button", name="Ajouter la ressource").click()
    expect(page.get_by_text("Ressource ajoutée : merci !")).to_be_visible()
    expect(page.get_by_role("heading", name="Atelier tablettes clé en main")).to_be_visible()

    with page.expect_download() as info:  # one click: built then, counted then
        page.get_by_role("button", name="Télécharger le fichier").click()
    download = info.value
    assert download.suggested_filename == "fiche-animation-tablettes.xlsx"
    assert Path(download.path()).read_bytes() == sent.read_bytes()
    with live_engine.connect() as conn:
        [card] = resource_browse.list_resources(conn)
        assert resource_browse.get_resource(conn, resource_id=card.id).downloads == 1
