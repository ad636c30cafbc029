"""Fiches projet in AppTest: write one (nothing lost), publish, comment, follow, filter."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from db import pitches, schema
from db.pitches import talk as pitch_talk
from tests.ui.conftest import login, open_as, texts, widget


def _editor(app):
    at = login(app.run(), "member.test")
    return at.switch_page("pages/pitch_edit.py").run()


def test_write_fail_change_page_come_back_publish_comment_follow(app, users, demo):
    at = _editor(app)
    widget(at.text_input, "Titre du projet").input("Convention départementale de lecture")
    at.run()
    assert "Des fiches proches existent déjà" in texts(at)
    assert "Conventions départementales" in texts(at)
    widget(at.text_input, "Budget total (€)").input("trente mille")
    widget(at.button, "Publier la fiche").click()
    at.run()
    shown = texts(at)
    assert "Résumé est obligatoire" not in shown  # label is the section's
    assert "nombre d'euros" in shown and "obligatoire" in shown

    at.switch_page("pages/home.py").run()  # go elsewhere, then come back: nothing lost
    at.switch_page("pages/pitch_edit.py").run()
    assert widget(at.text_input, "Titre du projet").value == (
        "Convention départementale de lecture")
    assert widget(at.text_input, "Budget total (€)").value == "trente mille"

    widget(at.text_input, "Budget total (€)").input("12 000")
    at.text_area(key="pitch_new_summary").input("Une convention **type** pour les communes.")
    widget(at.button, "Publier la fiche").click()
    at.run()  # saved: the editor hands over to the fiche's page
    assert "Fiche publiée" in texts(at)
    assert "Budget : 12\u202f000 €" in texts(at)
    at.switch_page("pages/pitches.py").run()  # AppTest stays on the editor; the browser moved

    at.text_area(key=next(t.key for t in at.text_area if t.key.startswith("comment_"))
                 ).input("Nous avons la même chose en Drôme.")
    widget(at.button, "Publier le commentaire").click()
    at.run()
    assert "Commentaires (1)" in texts(at)
    widget(at.button, "Je suis intéressé·e").click()
    at.run()
    assert any(b.label == "Ne plus suivre" for b in at.button)


def test_search_and_filters_on_the_list(app, users, demo, app_engine):
    with app_engine.begin() as conn:  # for MD staff, unless an admin opens them (#15)
        pitches.set_open_to_contributors(conn, actor=users["admin"], opened=True)
    at = login(app.run(), "contributor.test")
    at.switch_page("pages/pitches.py").run()
    assert "4 fiche(s)" in texts(at)
    widget(at.text_input, "Rechercher (accents et pluriels sans importance)").input(
        "mediatheques numeriques")
    at.run()
    assert "1 fiche(s)" in texts(at) and "Tarn-et-Garonne" in texts(at)
    assert not any(b.label == "Rédiger une fiche" for b in at.button)


def test_a_comment_with_scripts_renders_inert(app, users, demo, app_engine):
    from db.pitches import browse as pitch_browse
    from db.pitches import talk as pitch_talk

    with app_engine.begin() as conn:
        fiche = pitch_browse.list_latest_pitches(conn, viewer=users["member"], limit=1)[0]
        pitch_talk.add_comment(conn, actor=users["member"], pitch_id=fiche.id,
                               body="<script>alert(1)</script><img src=x onerror=alert(2)> "
                                    "[lien](javascript:alert(3)) **gras**")
    at = login(app.run(), "member.test")
    at.switch_page("pages/pitches.py")
    at.query_params["fiche"] = str(fiche.id)
    at.run()
    rendered = "\n".join(m.value for m in at.markdown if "gras" in m.value)
    assert "<strong>gras</strong>" in rendered
    for dangerous in ("<script", "onerror", "javascript:"):
        assert dangerous not in rendered


def test_admin_lets_contributors_comment_and_owner_deletes_with_confirmation(
        app, users, demo, app_engine):
    from db.pitches import browse as pitch_browse
    from db.pitches import talk as pitch_talk

    at = login(app.run(), "admin.test")
    at.switch_page("pages/admin.py").run()
    widget(at.toggle, "Les contributeurs (forum public) peuvent commenter les fiches projet"
           ).set_value(True).run()
    with app_engine.connect() as conn:
        assert pitch_talk.contributors_may_comment(conn)
        fiche = pitch_browse.list_latest_pitches(conn, viewer=users["admin"], limit=1)[0]
    at.switch_page("pages/pitches.py")
    at.query_params["fiche"] = str(fiche.id)
    at.run()
    widget(at.button, "Confirmer la suppression").click()
    at.run()
    assert "Fiche supprimée" in texts(at)
    with app_engine.connect() as conn:
        assert fiche.id not in [c.id for c in pitch_browse.list_latest_pitches(
            conn, viewer=users["admin"], limit=10)]


def test_comment_actions_open_one_at_a_time_and_an_organiser_hides(app, users, demo,
                                                                   app_engine):
    from db.pitches import browse as pitch_browse
    from db.pitches import talk as pitch_talk

    with app_engine.begin() as conn:
        fiche = pitch_browse.list_latest_pitches(conn, viewer=users["member"], limit=1)[0]
        ids = [pitch_talk.add_comment(conn, actor=users["member"], pitch_id=fiche.id,
                                      body=f"Avis numéro {n}") for n in range(3)]
    at = login(app.run(), "organiser.test")
    at.switch_page("pages/pitches.py")
    at.query_params["fiche"] = str(fiche.id)
    at = at.run()
    assert not [b for b in at.button if b.key and b.key.endswith("_hide")]
    at.button(key=f"c{ids[1]}_actions").click()
    at = at.run()
    assert [b.key for b in at.button if b.key and b.key.endswith("_hide")] == [f"c{ids[1]}_hide"]
    at.text_input(key=f"c{ids[1]}_reason").input("Hors sujet")
    at.button(key=f"c{ids[1]}_hide").click()
    at = at.run()
    assert "Commentaire masqué par la modération : Hors sujet" in texts(at)


def test_an_admin_opens_the_fiches_to_contributors_without_their_contacts(app, users, demo):
    """#15 « who may read what »: closed, a fiche's link tells a contributor the fiches
    are for MD staff (the menu hides them: tests/e2e/test_who_reads_what); the admin's switch opens them, without the
    project lead's contact details."""
    closed = open_as("contributor.test", "pages/pitches.py", fiche=1)
    assert "réservées aux personnels des médiathèques" in texts(closed)
    assert "Tarn-et-Garonne" not in texts(closed)
    admin = open_as("admin.test", "pages/admin.py")
    admin.toggle(key="setting_fiches_open").set_value(True)
    admin.run()
    assert "Réglage enregistré" in texts(admin)
    opened = open_as("contributor.test", "pages/pitches.py")
    assert "4 fiche(s)" in texts(opened)
    fiche = open_as("contributor.test", "pages/pitches.py", fiche=1)
    assert "Tarn-et-Garonne" in texts(fiche)
    assert "Nadine Toustou" not in texts(fiche)
    assert "nadine.toustou@ledepartement82.fr" not in texts(fiche)
    staff = open_as("member.test", "pages/pitches.py", fiche=1)
    assert "nadine.toustou@ledepartement82.fr" in texts(staff)


def test_a_comment_s_time_reads_in_paris_time(app, users, demo, app_engine):
    """One clock (#16): stored in UTC, read in Paris time — a comment written at 07:09 UTC
    on 1 December reads « 1er décembre 2026 à 8 h 09 », not « 07:09 (UTC) »."""
    with app_engine.begin() as conn:
        fiche = conn.execute(sa.select(schema.pitches.c.id)).scalars().first()
        comment = pitch_talk.add_comment(conn, actor=users["member"], pitch_id=fiche,
                                         body="À quelle heure ?")
        conn.execute(sa.update(schema.pitch_comments)
                     .where(schema.pitch_comments.c.id == comment)
                     .values(created_at=datetime(2026, 12, 1, 7, 9, tzinfo=UTC)))
    shown = texts(open_as("organiser.test", "pages/pitches.py", fiche=fiche))
    assert "Member.Test, le 1er décembre 2026 à 8 h 09" in shown
    assert "07:09" not in shown and "UTC" not in shown
