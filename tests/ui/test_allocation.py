"""Ranked choices in AppTest (#13): the organiser makes a slot « vœux classés », members
rank their wishes at registration (refused without any), the organiser computes an
allocation, sees how many got their 1st wish, publishes it; each member then sees their
atelier."""

from __future__ import annotations

from db import accounts
from db.events import registrations
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.ui.conftest import open_as, texts, widget


def test_wishes_ranked_then_allocated_and_published(app, users, app_engine):
    with app_engine.begin() as conn:
        event_id, slot, (first, second) = build_day(conn, users["organiser"], capacity=1)
        for name in ("amandine.roux", "thomas.brun"):
            make_user(conn, name, "member", department_code="26")
    admin = open_as("organiser.test", "pages/events_admin.py",
                    event=event_id, section="Programme et ateliers")
    admin.button(key=f"edit_slot_{slot}").click()
    admin = admin.run()
    admin.checkbox(key=f"slot_edit_{slot}_ranked").check()
    widget(admin.button, "Enregistrer le créneau").click()
    admin = admin.run()
    assert "Créneau enregistré." in texts(admin)

    for name, wishes in (("amandine.roux", [first, second]), ("thomas.brun", [first])):
        day = open_as(name, "pages/events.py", event=event_id)
        form = f"register_{event_id}"
        widget(day.button, "Valider mon inscription").click()
        day = day.run()
        assert "Classez au moins un atelier" in texts(day)
        day.multiselect(key=f"{form}_wishes_{slot}").set_value(wishes)
        widget(day.button, "Valider mon inscription").click()
        day = day.run()
        assert "Inscription enregistrée." in texts(day)
        assert "attribution à venir" in texts(day)

    board = open_as("organiser.test", "pages/events_dashboard.py",
                    event=event_id, section="Attribution")
    assert "2 personne(s) ont classé leurs vœux" in texts(board)
    widget(board.button, "Calculer une attribution").click()
    board = board.run()
    table = board.dataframe[0].value
    assert table.iloc[0]["1er vœu"] == 1 and table.iloc[0]["sans place"] == 0
    widget(board.button, "Confirmer la publication").click()
    board = board.run()
    assert "Attribution publiée" in texts(board)

    with app_engine.connect() as conn:
        for name in ("amandine.roux", "thomas.brun"):
            person = accounts.get_by_username(conn, username=name)
            mine = registrations.get_registration_for(conn, event_id=event_id, user=person)
            assert [c.status for c in mine.choices] == ["confirmed"]
    day = open_as("thomas.brun", "pages/events.py", event=event_id)
    assert "Atelier : **Atelier 1** — confirmé" in texts(day)
