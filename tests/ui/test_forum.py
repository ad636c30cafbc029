"""Forum in AppTest: a contributor posts, an organiser approves, others reply and +1."""

from __future__ import annotations

from db import forum
from tests.ui.conftest import login, texts, widget


def _theme(at, app_engine):
    with app_engine.connect() as conn:
        theme_id = forum.themes(conn)[0].id
    at.switch_page("pages/forum.py")
    at.query_params["theme"] = str(theme_id)
    return at.run()


def test_first_contribution_is_moderated_then_discussed(app, users, app_engine):
    at = _theme(login(app.run(), "contributor.test"), app_engine)
    widget(at.text_input, "Titre").input("Permanences numériques en médiathèque")
    at.text_area[0].input("Un créneau fixe, des **bénévoles** formés.")
    widget(at.button, "Publier la contribution").click()
    at.run()
    assert "sera visible après validation" in texts(at)
    assert "en attente de validation" in texts(at)  # the author sees it, marked

    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import ROOT
    organiser = login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(),
                      "organiser.test")
    organiser.switch_page("pages/moderation.py").run()
    assert "Première contribution en attente" in texts(organiser)
    widget(organiser.button, "Publier").click()
    organiser.run()
    assert "Rien à modérer" in texts(organiser)

    member = _theme(login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(),
                          "member.test"), app_engine)
    assert "1 contribution(s)" in texts(member)
    with app_engine.connect() as conn:
        thread_id = forum.threads(conn, viewer=None, theme_id=forum.themes(conn)[0].id
                                  )[0][0].id
    member.query_params["sujet"] = str(thread_id)  # what the card's « Lire » link opens
    member.run()
    widget(member.button, "+1 (0)").click()
    member.run()
    assert any(b.label == "+1 (1)" for b in member.button)
    member.text_area(key=next(t.key for t in member.text_area if t.key.startswith("reply_"))
                     ).input("Même expérience en Isère.")
    widget(member.button, "Publier la réponse").click()
    member.run()
    assert "Réponses (1)" in texts(member) and "Même expérience en Isère." in texts(member)
    widget(member.button, "Suivre ce sujet").click()
    member.run()
    assert any(b.label == "Ne plus suivre ce sujet" for b in member.button)

    organiser.switch_page("pages/forum.py")
    organiser.query_params["sujet"] = member.query_params["sujet"]
    organiser.run()
    widget(organiser.button, "Marquer comme réponse utile").click()
    organiser.run()
    assert "Réponse utile" in texts(organiser)


def test_organiser_creates_then_closes_a_theme(app, users, app_engine):
    at = login(app.run(), "organiser.test")
    at.switch_page("pages/forum.py").run()
    widget(at.text_input, "Titre du thème").input("Médiation numérique et élus")
    widget(at.button, "Créer le thème").click()
    at.run()
    assert "Thème créé" in texts(at) and "Médiation numérique et élus" in texts(at)
    with app_engine.connect() as conn:
        new_id = forum.themes(conn)[-1].id
    at.query_params["theme"] = str(new_id)
    at.run()
    widget(at.button, "Clore le thème (lecture seule)").click()
    at.run()
    assert "Ce thème est clos" in texts(at)
    assert not any(b.label == "Publier la contribution" for b in at.button)


def test_organiser_prepares_the_theme_synthesis(app, users, demo, app_engine):
    at = _theme(login(app.run(), "organiser.test"), app_engine)
    widget(at.button, "Préparer la synthèse (Markdown)").click()
    at.run()
    assert any(b.proto.label == "Télécharger la synthèse (Markdown)"
               for b in at.get("download_button"))
