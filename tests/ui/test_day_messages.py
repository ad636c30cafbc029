"""« Messages » in AppTest (#13): the organiser picks who receives it and sees how many,
writes, sends once, finds it in the day's history; the registrant finds it in the bell;
the day form sets its reminders."""

from __future__ import annotations

import sqlalchemy as sa

from db import events
from db.events import registrations
from db.schema import notifications
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.ui.conftest import login, open_as, texts, widget


def test_the_organiser_writes_to_the_waiting_list_and_finds_it_in_the_history(
        app, users, app_engine):
    with app_engine.begin() as conn:
        event_id, slot, (first, _) = build_day(conn, users["organiser"], capacity=1)
        for name in ("amandine.roux", "thomas.brun"):
            person = make_user(conn, name, "member", department_code="26")
            registrations.register(conn, actor=person, event_id=event_id,
                                   choices={slot: first})
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(event_id)
    at.query_params["section"] = "Messages"
    at = at.switch_page("pages/events_dashboard.py").run()
    assert "2 personnes recevront ce message" in texts(at)
    assert "Historique (0)" in texts(at)
    form = f"message_{event_id}"
    at.selectbox(key=f"{form}_audience").set_value("waitlisted")
    at = at.run()
    assert "1 personne recevra ce message" in texts(at)
    widget(at.button, "Envoyer le message").click()
    at = at.run()
    assert "L'objet est obligatoire." in texts(at)
    at.text_input(key=f"{form}_subject").input("Une place se libère peut-être")
    at.text_area(key=f"{form}_body").input("Nous vous tenons au courant **cette semaine**.")
    widget(at.button, "Envoyer le message").click()
    at = at.run()
    assert "Message envoyé." in texts(at) and "Historique (1)" in texts(at)
    assert at.text_input(key=f"{form}_subject").value == ""  # emptied for the next one
    with app_engine.connect() as conn:
        told = conn.execute(sa.select(notifications.c.user_id, notifications.c.text).where(
            notifications.c.kind == "day_message")).all()
    assert len(told) == 1 and "Une place se libère peut-être" in told[0].text


def test_the_day_form_sets_its_reminders(app, users, app_engine):
    with app_engine.begin() as conn:
        event_id, _slot, _ateliers = build_day(conn, users["organiser"])
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(event_id)
    at = at.switch_page("pages/events_admin.py").run()
    reminders = at.multiselect(key=f"day_{event_id}_reminders")
    assert list(reminders.value) == [7, 1]
    reminders.set_value([1])
    widget(at.button, "Enregistrer la journée").click()
    at = at.run()
    assert "Journée enregistrée." in texts(at)
    with app_engine.connect() as conn:
        assert events.get_event(conn, event_id=event_id).reminders == (1,)


def test_a_usual_question_left_out_is_no_longer_asked(app, users, app_engine):
    """#13: the four usual questions are the day's default set; leaving the comment out
    removes it from the registration form."""
    with app_engine.begin() as conn:
        event_id, _slot, _ateliers = build_day(conn, users["organiser"])
        make_user(conn, "amandine.roux", "member", department_code="26")
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(event_id)
    at = at.switch_page("pages/events_admin.py").run()
    usual = at.multiselect(key=f"day_{event_id}_standard_questions")
    assert list(usual.value) == ["lunch", "dietary", "accessibility_needs", "comment"]
    usual.set_value(["lunch", "dietary"])
    widget(at.button, "Enregistrer la journée").click()
    at = at.run()
    assert "Journée enregistrée." in texts(at)
    member = open_as("amandine.roux", "pages/events.py", event=event_id)
    labels = [t.label for t in member.text_input] + [t.label for t in member.text_area]
    assert "Régime alimentaire (facultatif)" in labels
    assert "Commentaire (facultatif)" not in labels
    assert "Besoins d'accessibilité (facultatif)" not in labels
