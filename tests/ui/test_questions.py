"""The organiser's questions in AppTest (#13): the organiser adds a question, a registrant
answers it (a required one left empty is refused, the rest kept), changes it later, and
the dashboard counts it."""

from __future__ import annotations

from db import accounts
from db.events import questions, registrations
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.ui.conftest import login, open_as, texts, widget


def test_a_question_added_by_the_organiser_is_answered_and_counted(app, users, app_engine):
    with app_engine.begin() as conn:
        make_user(conn, "amandine.roux", "member", department_code="26")
        event_id, slot, (first, _) = build_day(conn, users["organiser"], capacity=5)
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(event_id)
    at.query_params["section"] = "Questions d'inscription"
    at = at.switch_page("pages/events_admin.py").run()
    assert "Aucune question propre à cette journée" in texts(at)
    form = f"question_{event_id}_new"
    at.selectbox(key=f"{form}_kind").set_value("one")
    at.text_input(key=f"{form}_label").input("Menu du déjeuner")
    at.text_area(key=f"{form}_options").input("Standard")
    widget(at.button, "Ajouter la question").click()
    at = at.run()
    assert "Donnez au moins deux choix" in texts(at)
    at.text_area(key=f"{form}_options").input("Standard\nVégétarien")
    at.checkbox(key=f"{form}_required").check()
    widget(at.button, "Ajouter la question").click()
    at = at.run()
    assert "Question enregistrée." in texts(at) and "Menu du déjeuner" in texts(at)

    person = open_as("amandine.roux", "pages/events.py", event=event_id)
    register = f"register_{event_id}"
    person.radio(key=f"{register}_slot_{slot}").set_value(first)
    person.text_input(key=f"{register}_dietary").input("Sans lactose")
    widget(person.button, "Valider mon inscription").click()
    person = person.run()
    assert "Répondez à « Menu du déjeuner »." in texts(person)
    assert person.text_input(key=f"{register}_dietary").value == "Sans lactose"
    person.radio(key=f"{register}_q_q1").set_value("Végétarien")
    widget(person.button, "Valider mon inscription").click()
    person = person.run()
    assert "Inscription enregistrée." in texts(person)

    with app_engine.connect() as conn:
        amandine = accounts.get_by_username(conn, username="amandine.roux")
        mine = registrations.get_registration_for(conn, event_id=event_id, user=amandine)
        assert mine.replies == {"q1": "Végétarien"} and mine.dietary == "Sans lactose"
        assert questions.count_answers(conn, event_id=event_id)[0][1] == [
            ("Standard", 0), ("Végétarien", 1)]

    answers = f"answers_{mine.id}"
    person.radio(key=f"{answers}_q_q1").set_value("Standard")
    widget(person.button, "Enregistrer mes réponses").click()
    person = person.run()
    assert "Réponses enregistrées." in texts(person)

    board = open_as("organiser.test", "pages/events_dashboard.py", event=event_id)
    assert "Réponses aux questions" in texts(board)
    assert "Standard : **1** · Végétarien : **0**" in texts(board)

