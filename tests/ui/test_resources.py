"""Resources in AppTest: a member uploads a PDF through the form, finds it by search and
downloads it; a refused file keeps the form; a contributor cannot reach the add form."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from db.resources import browse as resource_browse
from tests.db import files_fixtures as sample
from tests.ui.conftest import login, texts, widget


def _attach(at, key: str, name: str, data: bytes, mime: str) -> None:
    """What the browser's upload gives the script: an UploadedFile in the widget's state."""
    record = UploadedFileRec(file_id=name, name=name, type=mime, data=data)
    at.session_state[key] = [UploadedFile(record, SimpleNamespace(upload_url="", delete_url=""))]


def test_member_uploads_a_pdf_finds_it_and_downloads_it(app, users, app_engine):
    at = login(app.run(), "member.test")
    at.switch_page("pages/resource_edit.py").run()
    widget(at.text_input, "Titre").input("Bibliothèques et handicaps")
    at.text_area[0].input("Le guide **pratique** de 2010.")
    widget(at.text_input, "Mots-clés, séparés par des virgules").input("accessibilité")
    at.run()
    assert "Brouillon enregistré" in texts(at)
    _attach(at, "resf_new_file", "guide-handicaps.pdf", sample.PDF, "application/pdf")
    widget(at.button, "Ajouter la ressource").click()
    at.run()
    assert not at.exception, at.exception
    at.run()  # the page opens the new resource
    at.switch_page("pages/resources.py")
    at.query_params.clear()
    at.run()
    widget(at.text_input, "Rechercher (titre, description, mots-clés)").input("HANDICAP")
    at.run()
    assert "1 ressource(s)" in texts(at) and "Bibliothèques et handicaps" in texts(at)
    with app_engine.connect() as conn:
        [card] = resource_browse.list_resources(conn)
    at.query_params["ressource"] = str(card.id)  # what the card's « Lire » link opens
    at.run()
    assert "guide-handicaps.pdf" in texts(at) and "<strong>pratique</strong>" in texts(at)
    widget(at.toggle, "Aperçu du PDF").set_value(True)
    at.run()
    assert not at.exception, at.exception
    # one click builds and counts it (bytes and count: tests/e2e/test_resources.py)
    assert [b.proto.label for b in at.get("download_button")] == ["Télécharger le fichier"]


def test_a_renamed_program_is_refused_and_the_form_kept(app, users):
    at = login(app.run(), "member.test")
    at.switch_page("pages/resource_edit.py").run()
    widget(at.text_input, "Titre").input("Outil miracle")
    _attach(at, "resf_new_file", "outil.pdf", sample.ELF, "application/pdf")
    widget(at.button, "Ajouter la ressource").click()
    at.run()
    assert "ne correspond pas à un fichier .pdf" in texts(at)
    assert widget(at.text_input, "Titre").value == "Outil miracle"


def test_contributors_read_resources_but_cannot_add(app, users):
    at = login(app.run(), "contributor.test")
    at.switch_page("pages/resources.py").run()
    assert "Ressources partagées" in texts(at)
    assert not any(getattr(link, "label", "") == "Ajouter une ressource"
                   for link in at.get("page_link"))
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/resource_edit.py")  # not in a contributor's menu at all
