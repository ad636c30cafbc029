"""After the day in AppTest (#13): the organiser builds the survey and sends it to the
people present; one of them answers on the day page (once); the dashboard shows the
average; a « suite à donner » is added and shown on the day page."""

from __future__ import annotations

from tests.conftest import make_user
from tests.db.events_fixtures import held_today
from tests.ui.conftest import open_as, texts, widget


def test_survey_sent_answered_once_and_counted_and_a_followup_shown(app, users, app_engine):
    with app_engine.begin() as conn:
        person = make_user(conn, "elodie.marcon", "member", department_code="42",
                           display_name="Élodie Marcon")
        event_id, _slot, _mine = held_today(conn, users["organiser"], person)
    board = open_as("organiser.test", "pages/events_dashboard.py",
                    event=event_id, section="Après la journée")
    assert "L'enquête n'a pas encore de question" in texts(board)
    form = f"survey_{event_id}_new"
    board.selectbox(key=f"{form}_kind").set_value("rating")
    board.text_input(key=f"{form}_label").input("Satisfaction générale")
    board.checkbox(key=f"{form}_required").check()
    widget(board.button, "Ajouter la question").click()
    board = board.run()
    assert "Question enregistrée." in texts(board)
    widget(board.button, "Confirmer l'envoi").click()
    board = board.run()
    assert "Enquête envoyée" in texts(board)

    followup = f"followup_{event_id}"
    board.text_input(key=f"{followup}_what").input("Partager le diagnostic territorial")
    board.selectbox(key=f"{followup}_owner_id").set_value(person.id)
    widget(board.button, "Ajouter l'action").click()
    board = board.run()
    assert "Action ajoutée" in texts(board)

    day = open_as("elodie.marcon", "pages/events.py", event=event_id)
    assert "Votre avis sur la journée" in texts(day)
    assert "Partager le diagnostic territorial" in texts(day)
    widget(day.button, "Envoyer mon avis").click()
    day = day.run()
    assert "Répondez à « Satisfaction générale »." in texts(day)
    day.radio(key=f"survey_answer_{event_id}_q_q1").set_value(4)
    widget(day.button, "Envoyer mon avis").click()
    day = day.run()
    assert "Merci pour votre avis !" in texts(day)
    assert "Votre avis sur la journée" not in texts(day)  # answered: the form is gone

    board = open_as("organiser.test", "pages/events_dashboard.py",
                    event=event_id, section="Après la journée")
    assert "Résultats (1 réponse(s) sur 1)" in texts(board)
    assert "moyenne 4,0 / 5" in texts(board)
