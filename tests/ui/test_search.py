"""The « Rechercher » page on the demo data: results grouped by kind, words highlighted."""

from __future__ import annotations

from tests.ui.conftest import login, texts


def test_search_groups_results_and_highlights_the_words(app, users, demo):
    at = login(app.run(), "member.test")
    at.switch_page("pages/search.py").run()
    assert "Tapez un ou plusieurs mots" in texts(at)
    at.text_input(key="gs_query").input("numeriques").run()
    shown = texts(at)
    assert "Fiches projet (" in shown and "Forum (" in shown and "Ressources (" in shown
    assert "**numérique**" in shown or "**Numérique**" in shown
    at.text_input(key="gs_query").input("zzzz introuvable").run()
    assert "Aucun résultat" in texts(at)
