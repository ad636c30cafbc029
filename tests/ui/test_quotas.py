"""Per-MD quotas in AppTest (#13): the organiser sets « personnes par MD » on the day and
« places par MD » on an atelier through the forms, wrong numbers refused in French; the
day page says it; one person too many of an MD is told why."""

from __future__ import annotations

from db import events
from db.events import programme
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.ui.conftest import login, open_as, texts, widget


def _organiser_on(app, event_id: int):
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(event_id)
    return at.switch_page("pages/events_admin.py").run()



def test_the_organiser_sets_quotas_and_one_person_too_many_is_told_why(app, users,
                                                                        app_engine):
    with app_engine.begin() as conn:
        for name in ("amandine.roux", "thomas.brun"):
            make_user(conn, name, "member", department_code="26")
        event_id, slot, _ateliers = build_day(conn, users["organiser"], capacity=3)
    at = _organiser_on(app, event_id)
    day = f"day_{event_id}"
    at.text_input(key=f"{day}_md_quota").input("un")
    widget(at.button, "Enregistrer la journée").click()
    at = at.run()
    assert "s'écrit en chiffres" in texts(at)
    at.text_input(key=f"{day}_md_quota").input("1")
    widget(at.button, "Enregistrer la journée").click()
    at = at.run()
    assert "Journée enregistrée." in texts(at)

    at.button(key=f"add_{slot}").click()
    at = at.run()
    new = f"atelier_{slot}_new"
    at.text_input(key=f"{new}_title").input("Fab lab mobile")
    at.text_input(key=f"{new}_capacity").set_value("3")
    at.text_input(key=f"{new}_md_quota").set_value("5")
    widget(at.button, "Ajouter l'atelier").click()
    at = at.run()
    assert "dépasse celui de l'atelier (3)" in texts(at)
    assert at.text_input(key=f"{new}_title").value == "Fab lab mobile"  # kept
    at.text_input(key=f"{new}_md_quota").set_value("2")
    widget(at.button, "Ajouter l'atelier").click()
    at = at.run()
    assert "Atelier enregistré." in texts(at)
    assert "Fab lab mobile — 0/3 places, 2 au plus par MD, 0 en attente" in texts(at)
    with app_engine.connect() as conn:
        assert events.get_event(conn, event_id=event_id).md_quota == 1
        [fab_lab] = [a for a in programme.list_slots(conn, event_id=event_id)[1].ateliers
                     if a.title == "Fab lab mobile"]
    assert fab_lab.md_quota == 2

    first = open_as("amandine.roux", "pages/events.py", event=event_id)
    assert "au plus 1 personne par MD" in texts(first)
    assert any("2 au plus par MD" in option for option in first.radio[0].options)
    first.radio[0].set_value(fab_lab.id)
    widget(first.button, "Valider mon inscription").click()
    assert "Inscription enregistrée." in texts(first.run())

    second = open_as("thomas.brun", "pages/events.py", event=event_id)
    assert not any("celles de votre MD sont prises" in o for o in second.radio[0].options)
    second.radio[0].set_value(fab_lab.id)
    second.text_input(key=f"register_{event_id}_dietary").input("Végétarien")
    widget(second.button, "Valider mon inscription").click()
    second = second.run()
    assert "au plus 1 personne par MD" in texts(second)
    assert "les 1 places de cette MD sont prises" not in texts(second)
    assert second.text_input(key=f"register_{event_id}_dietary").value == "Végétarien"
