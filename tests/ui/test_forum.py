"""Forum in AppTest: a contributor posts, an organiser approves, others reply and +1."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db import forum, notifications
from db.forum import moderation, posts
from tests.ui.conftest import ROOT, login, open_as, texts, unfold, widget


def _theme(at, app_engine):
    with app_engine.connect() as conn:
        theme_id = forum.list_themes(conn)[0].id
    at.switch_page("pages/forum.py")
    at.query_params.clear()
    at.query_params["theme"] = str(theme_id)
    at.run()
    if any(t.label == "Contribuer à ce thème" for t in at.toggle):
        widget(at.toggle, "Contribuer à ce thème").set_value(True)
    return at.run()


def test_first_contribution_is_moderated_then_discussed(app, users, app_engine):
    at = _theme(login(app.run(), "contributor.test"), app_engine)
    widget(at.text_input, "Titre").input("Permanences numériques en médiathèque")
    widget(at.radio, "Type de contribution").set_value("proposition")
    at.text_area[0].input("Un créneau fixe, des **bénévoles** formés.")
    widget(at.button, "Publier la contribution").click()
    at.run()
    assert "sera visible après validation" in texts(at)
    assert "en attente de validation" in texts(at)  # the author sees it, marked


    organiser = open_as("organiser.test", "pages/moderation.py")
    assert "Première contribution en attente" in texts(organiser)
    widget(organiser.button, "Publier").click()
    organiser.run()
    assert "Rien à modérer" in texts(organiser)

    member = _theme(login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(),
                          "member.test"), app_engine)
    assert "1 contribution(s)" in texts(member)
    with app_engine.connect() as conn:
        thread_id = forum.list_threads(conn, viewer=None, theme_id=forum.list_themes(conn)[0].id
                                  )[0].id
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
    organiser = _theme(organiser, app_engine)
    widget(organiser.toggle, "Voir la synthèse pour le groupe de travail").set_value(True)
    organiser.run()
    assert "1. Permanences numériques en médiathèque — :gray[+1, 1 réponse(s)" in texts(
        organiser)


def test_a_draft_survives_a_failed_submit_and_a_page_change(app, users, app_engine):
    at = _theme(login(app.run(), "member.test"), app_engine)
    widget(at.text_input, "Titre").input("Bibliobus et numérique")
    at.run()
    widget(at.button, "Publier la contribution").click()
    at.run()
    assert "Le texte est obligatoire" in texts(at) or "obligatoire" in texts(at)
    assert widget(at.text_input, "Titre").value == "Bibliobus et numérique"
    at.switch_page("pages/home.py").run()
    at = _theme(at, app_engine)
    assert widget(at.text_input, "Titre").value == "Bibliobus et numérique"
    assert "Brouillon repris" in texts(at)
    at.text_area[0].input("Des tablettes prêtées à domicile.")
    widget(at.button, "Publier la contribution").click()
    at.run()
    assert "Contribution publiée." in texts(at)
    assert widget(at.text_input, "Titre").value == ""


def test_organiser_creates_then_closes_a_theme(app, users, app_engine):
    at = login(app.run(), "organiser.test")
    at.switch_page("pages/forum.py").run()
    assert not any(t.label == "Titre du thème" for t in at.text_input)  # folded: not drawn
    unfold(at, "ff_new_theme")
    widget(at.text_input, "Titre du thème").input("Médiation numérique et élus")
    widget(at.button, "Créer le thème").click()
    at.run()
    assert "Thème créé" in texts(at) and "Médiation numérique et élus" in texts(at)
    with app_engine.connect() as conn:
        new_id = forum.list_themes(conn)[-1].id
    at.query_params["theme"] = str(new_id)
    unfold(at.run(), f"ff_admin_{new_id}")
    widget(at.button, "Clore le thème (lecture seule)").click()
    at.run()
    assert "Ce thème est clos" in texts(at)
    assert not any(b.label == "Publier la contribution" for b in at.button)


def test_organiser_prepares_the_theme_synthesis(app, users, demo, app_engine):
    at = _theme(login(app.run(), "organiser.test"), app_engine)
    widget(at.toggle, "Voir la synthèse pour le groupe de travail").set_value(True)
    at.run()
    assert "Propositions les plus soutenues" in texts(at)
    assert "Contributions par type :" in texts(at)
    assert {b.proto.label for b in at.get("download_button")} >= {
        f"Télécharger la synthèse ({kind})" for kind in ("Markdown", "CSV", "XLSX")}


PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror="alert(2)">',
            '[lien](javascript:alert(3))', '[data](data:text/html;base64,PHNjcmlwdD4=)',
            '<iframe src="https://exemple.org"></iframe>', '<style>body{display:none}</style>',
            '![image](javascript:alert(4))', '<a href="javascript:alert(5)">a</a>',
            '<p onclick="alert(6)">paragraphe</p>', '[ref][1]\n\n[1]: javascript:alert(7)']


def test_html_and_javascript_in_posts_and_replies_render_inert(app, users, app_engine):
    from db.forum import posts as forum_posts

    with app_engine.begin() as conn:
        theme_id = forum.list_themes(conn)[0].id
        thread = forum_posts.contribute(
            conn, actor=users["member"], theme_id=theme_id, kind="question",
            title="Charge utile", body="**Gras** " + "\n\n".join(PAYLOADS))
        forum_posts.reply(conn, actor=users["organiser"], post_id=thread.id,
                          body="\n\n".join(PAYLOADS))
    at = login(app.run(), "contributor.test")
    at.switch_page("pages/forum.py")
    at.query_params["sujet"] = str(thread.id)
    at.run()
    shown = "\n".join(m.value for m in at.markdown)
    assert "<strong>Gras</strong>" in shown and "paragraphe" in shown
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "data:text", "<iframe",
                      "<style", "display:none"):
        assert dangerous not in shown, dangerous


def _replying(app, users, app_engine):
    """A member on an organiser's thread, a reply typed (and so saved as a draft)."""
    from db.forum import posts as forum_posts

    with app_engine.begin() as conn:
        thread = forum_posts.contribute(
            conn, actor=users["organiser"], theme_id=forum.list_themes(conn)[0].id,
            kind="question", title="Qui prête des liseuses ?", body="Pour un club lecture.")
    at = _theme(login(app.run(), "member.test"), app_engine)
    at.query_params["sujet"] = str(thread.id)
    at.run()
    reply = next(t.key for t in at.text_area if t.key.startswith("reply_"))
    at.text_area(key=reply).input("Nous, en Drôme.")
    at.run()
    return at, reply


def test_a_reply_draft_can_be_thrown_away(app, users, app_engine):
    """« Effacer le brouillon » under a reply handed a list where the blank values go
    (found by mypy): the click failed instead of emptying the field."""
    at, reply = _replying(app, users, app_engine)
    assert "Brouillon enregistré automatiquement" in texts(at)
    widget(at.button, "Effacer le brouillon").click()
    at.run()
    assert not at.exception
    assert at.text_area(key=reply).value == ""
    assert "Brouillon enregistré" not in texts(at)


def test_a_second_click_after_a_cut_short_first_one_says_it_is_done(app, users, app_engine):
    """In Chromium under load, the first click of a double click wrote the reply but its
    callback was cut short before keeping its result; the second click then crashed on
    None (« 'NoneType' object has no attribute 'status' »). It now says the message is
    recorded, empties the box and throws the draft away."""
    from db import submissions
    at, reply = _replying(app, users, app_engine)
    form = reply.removesuffix("_body")
    with app_engine.begin() as conn:  # the first click's write, committed
        submissions.claim(conn, token=at.session_state[f"{form}__token"])
    widget(at.button, "Publier la réponse").click()
    at.run()
    assert not at.exception
    assert "Message enregistré." in texts(at)
    assert at.text_area(key=reply).value == ""


def test_a_reported_first_post_hidden_by_an_organiser_leaves_the_thread_readable(
        app, users, app_engine):
    """#15 moderation, finer: reported, the organiser (told) hides it from the queue with a
    reason; the thread stays with « Message masqué par la modération » and its reply; the
    author is told why."""
    with app_engine.begin() as conn:
        theme_id = forum.list_themes(conn)[0].id
        head = posts.contribute(conn, actor=users["member"], theme_id=theme_id,
                                kind="proposition", title="Un bus numérique",
                                body="Appelez le 06 12 34 56 78.", department_code="26",
                                organisation_type="bibliotheque", tags="")
        posts.reply(conn, actor=users["organiser"], post_id=head.id, body="Belle idée.")
        moderation.report(conn, actor=users["contributor"], post_id=head.id,
                          reason="Numéro personnel")
    organiser = open_as("organiser.test", "pages/moderation.py")
    assert "Signalement : Numéro personnel" in texts(organiser)
    organiser.text_input(key=f"mod_{head.id}_reason").input("Données personnelles")
    widget(organiser.button, "Masquer").click()
    organiser.run()
    reader = open_as("contributor.test", "pages/forum.py", sujet=head.id)
    shown = texts(reader)
    assert "Message masqué par la modération" in shown and "06 12 34 56 78" not in shown
    assert "Belle idée." in shown and "ses réponses restent lisibles" in shown
    with app_engine.connect() as conn:
        told = notifications.list_recent(conn, user=users["member"], limit=1)[0]
    assert "Données personnelles" in told.text


def test_an_organiser_answers_a_proposition_and_the_theme_filters_by_state(app, users,
                                                                          app_engine):
    """#15 answers to propositions: « Retenue » with an official answer, shown on the post,
    the theme's filter finds it, the author is told."""
    with app_engine.begin() as conn:
        theme_id = forum.list_themes(conn)[0].id
        head = posts.contribute(conn, actor=users["member"], theme_id=theme_id,
                                kind="proposition", title="Un bus numérique",
                                body="Un bus qui passe chaque mardi.", department_code="26",
                                organisation_type="bibliotheque", tags="")
    organiser = open_as("organiser.test", "pages/forum.py", sujet=head.id)
    form = f"answer_{head.id}"
    organiser.selectbox(key=f"{form}_state").set_value("retenue")
    organiser.text_area(key=f"{form}_answer").input("Nous la portons au **groupe régional**.")
    widget(organiser.button, "Enregistrer la réponse").click()
    organiser.run()
    assert "Réponse enregistrée" in texts(organiser)
    assert "Réponse des organisateurs" in texts(organiser)

    reader = open_as("contributor.test", "pages/forum.py", theme=theme_id)
    reader.selectbox(key="ff_state").set_value("retenue")
    reader.run()
    assert "1 contribution(s)" in texts(reader)
    reader.selectbox(key="ff_state").set_value("non_retenue")
    reader.run()
    assert "0 contribution(s)" in texts(reader)
    with app_engine.connect() as conn:
        told = notifications.list_recent(conn, user=users["member"], limit=1)[0]
    assert told.kind == "proposition_answer"
