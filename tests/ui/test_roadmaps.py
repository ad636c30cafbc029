"""Feuilles de route in the app (#15): an organiser marks a proposition « retenue » and
creates an action from it on the thread, the proposition then shows the action that
carries it; a coordinator writes and updates an action of the group's roadmap (history,
chart, exports); a wrong horizon is refused in French with the typed text kept; a
contributor reads the roadmap but has no form."""

from __future__ import annotations

import sqlalchemy as sa

from db import forum, notifications, roadmaps
from db.forum import moderation, posts
from db.groups import work_groups
from tests.ui.conftest import open_as, texts, widget


def _proposition(app_engine, users) -> int:
    with app_engine.begin() as conn:
        theme_id = forum.list_themes(conn)[0].id
        post = posts.contribute(conn, actor=users["contributor"], theme_id=theme_id,
                                kind="proposition", title="Un bus numérique",
                                body="Qui passe chaque mardi dans les villages.")
        moderation.approve(conn, actor=users["organiser"], post_id=post.id)
    return post.id


def test_an_organiser_retains_a_proposition_and_creates_its_action(app, users, app_engine):
    post_id = _proposition(app_engine, users)
    organiser = open_as("organiser.test", "pages/forum.py", sujet=post_id)
    organiser.selectbox(key=f"answer_{post_id}_state").set_value("retenue")
    organiser.text_area(key=f"answer_{post_id}_answer").input("Nous la portons.")
    widget(organiser.button, "Enregistrer la réponse").click()
    organiser.run()
    form = f"action_from_{post_id}_None"  # the regional roadmap is the first choice
    assert organiser.text_input(key=f"{form}_title").value == "Un bus numérique"
    organiser.selectbox(key=f"{form}_owner_department").set_value("42")
    organiser.text_input(key=f"{form}_horizon").input("2026-T3")
    widget(organiser.button, "Enregistrer l'action").click()
    organiser.run()
    assert "Action créée" in texts(organiser)
    [carried] = [p for p in organiser.get("page_link") if "Portée par" in p.proto.label]
    assert carried.proto.label == ("Portée par l'action « Un bus numérique » (Feuille de "
                                   "route régionale)")
    with app_engine.connect() as conn:
        [action] = roadmaps.list_actions(conn, group_id=None)
        told = notifications.list_recent(conn, user=users["contributor"], limit=1)[0]
    assert told.link == f"roadmap?action={action.id}"
    assert "intégrée à la feuille de route" in told.text

    reader = open_as("contributor.test", "pages/roadmap.py", action=action.id)
    shown = texts(reader)
    assert "Un bus numérique" in shown
    assert "Proposition — Un bus numérique" in [p.proto.label
                                                for p in reader.get("page_link")]
    assert not [e for e in reader.expander if e.label == "Modifier l'action"]


def test_a_coordinator_writes_and_updates_the_group_s_roadmap(app, users, app_engine):
    with app_engine.begin() as conn:
        group_id = work_groups.create_group(conn, actor=users["organiser"],
                                            name="Médiation numérique",
                                            coordinator_id=users["member"].id)
    member = open_as("member.test", "pages/roadmap.py", feuille=group_id)
    assert "Aucune action pour l'instant" in texts(member)
    form = f"action_new_{group_id}"
    member.text_input(key=f"{form}_title").input("Former les équipes")
    member.selectbox(key=f"{form}_owner_id").set_value(users["member"].id)
    member.text_input(key=f"{form}_horizon").input("l'an prochain")
    widget(member.button, "Enregistrer l'action").click()
    member.run()
    assert "L'horizon s'écrit comme une année" in texts(member)
    assert member.text_input(key=f"{form}_title").value == "Former les équipes"  # kept
    member.text_input(key=f"{form}_horizon").input("2027")
    widget(member.button, "Enregistrer l'action").click()
    member.run()
    with app_engine.connect() as conn:
        [action] = roadmaps.list_actions(conn, group_id=group_id)
    assert member.query_params["action"] == str(action.id)  # its page, to add sources
    edit = f"action_{action.id}"
    member.selectbox(key=f"{edit}_status").set_value("en_cours")
    member.number_input(key=f"{edit}_progress").set_value(40)
    widget(member.button, "Enregistrer l'action").click()
    member.run()
    shown = texts(member)
    assert "En cours, 40 %" in shown and "À lancer, 0 %" in shown  # the history

    back = open_as("member.test", "pages/roadmap.py", feuille=group_id)
    assert "Horizon 2027" in texts(back)
    assert "Actions par statut : à lancer 0, en cours 1" in texts(back)  # the chart's words
    assert {b.label for b in back.get("download_button")} >= {"Markdown", "XLSX",
                                                              "PDF imprimable"}


def test_a_contributor_reads_the_list_and_has_no_form(app, users, app_engine):
    with app_engine.begin() as conn:
        roadmaps.create_action(conn, actor=users["organiser"], group_id=None,
                               data=roadmaps.ActionInput(title="Un guide commun",
                                                         owner_department="26",
                                                         horizon="2026"))
        count = conn.execute(sa.text("SELECT count(*) FROM roadmap_actions")).scalar()
    assert count == 1
    reader = open_as("contributor.test", "pages/roadmap.py")
    assert "1 action(s), dont 0 réalisée(s)" in texts(reader)
    region = open_as("contributor.test", "pages/roadmap.py", feuille="region")
    assert "Un guide commun" in " ".join(b.label for b in region.button)
    assert not [e for e in region.expander if e.label == "Ajouter une action"]
