"""An organiser builds the 1 July 2025 day from scratch through the forms."""

from __future__ import annotations

from datetime import date, time, timedelta

from db import events
from db.events import programme, registrations
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.ui.conftest import login, texts, widget


def _click(at, label: str):
    widget(at.button, label).click()
    return at.run()


def test_organiser_builds_the_regional_day_through_the_forms(app, users, app_engine):
    at = login(app.run(), "organiser.test")
    at.switch_page("pages/events_admin.py").run()
    widget(at.text_input, "Titre").input(
        "Journée régionale des bibliothécaires référents de territoire")
    at.date_input(key="day_new_day").set_value(date(2025, 7, 1))
    at.time_input(key="day_new_ends_at").set_value(time(9))
    widget(at.text_input, "Lieu").input("Médiathèque départementale de la Loire")
    at.selectbox(key="day_new_host_department_code").set_value("42")
    at.date_input(key="day_new_opens_date").set_value(date(2025, 5, 15))
    at.date_input(key="day_new_closes_date").set_value(date(2025, 6, 20))
    at.time_input(key="day_new_closes_time").set_value(time(18))
    at = _click(at, "Créer la journée (brouillon)")
    assert "L'heure de fin doit être après l'heure de début" in texts(at)
    assert widget(at.text_input, "Lieu").value == "Médiathèque départementale de la Loire"
    at.time_input(key="day_new_ends_at").set_value(time(17))
    at = _click(at, "Créer la journée (brouillon)")
    assert "Journée enregistrée" in texts(at) and "Brouillon" in texts(at)

    with app_engine.connect() as conn:
        day = events.list_all_events(conn, actor=users["organiser"])[0]
    form = f"slot_{day.id}"
    programme_rows = [(time(9, 30), time(10), "accueil", "Accueil"),
                      (time(12, 15), time(13, 30), "dejeuner", "Déjeuner"),
                      (time(14, 45), time(16, 15), "ateliers", "Atelier au choix"),
                      (time(13), time(14), "pleniere", "Chevauchement")]
    for starts, ends, kind, title in programme_rows:
        at.time_input(key=f"{form}_starts_at").set_value(starts)
        at.time_input(key=f"{form}_ends_at").set_value(ends)
        at.selectbox(key=f"{form}_kind").set_value(kind)
        at.text_input(key=f"{form}_title").input(title)
        at = _click(at, "Ajouter au programme")
    assert "chevauche « Déjeuner »" in texts(at)

    with app_engine.connect() as conn:
        choice = next(s for s in programme.list_slots(conn, event_id=day.id) if s.is_choice)
    ateliers = [("Réaménagement de bibliothèque – Dreami", 12), ("Design de service", 12),
                ("Poldoc partagée", 10), ("Guide visite", 10)]
    new = f"atelier_{choice.id}_new"
    for title, places in ateliers:
        at.text_input(key=f"{new}_title").input(title)
        at.text_input(key=f"{new}_capacity").set_value(str(places))
        at = _click(at, "Ajouter l'atelier")
        assert not at.exception
    at = _click(at, "Publier")
    assert "Journée : publiée" in texts(at)

    with app_engine.connect() as conn:
        built = programme.list_slots(conn, event_id=day.id)
        published = events.get_event(conn, event_id=day.id)
    assert [s.title for s in built] == ["Accueil", "Déjeuner", "Atelier au choix"]
    assert [(a.title, a.capacity) for a in built[2].ateliers] == ateliers
    assert (published.status, published.day, published.registration_closes_at.hour) == (
        "published", date(2025, 7, 1), 18)


def test_one_atelier_form_opens_at_a_time(app, users, app_engine):
    """A day of eight ateliers lists them; « Modifier » opens that atelier's form alone."""
    with app_engine.begin() as conn:
        day = events.create_event(
            conn,
            actor=users["organiser"],
            data=events.DayInput(
                title="Journée test",
                day=date(2031, 7, 1),
                starts_at=time(9),
                ends_at=time(17),
                place="Saint-Étienne",
                host_department_code="42",
            ),
        )
        slot_id = programme.create_slot(
            conn,
            actor=users["organiser"],
            event_id=day.id,
            data=programme.SlotInput(
                starts_at=time(14), ends_at=time(16), kind="ateliers", title="Ateliers au choix"
            ),
        )
        ids = [
            programme.create_atelier(
                conn,
                actor=users["organiser"],
                slot_id=slot_id,
                data=programme.AtelierInput(title=f"Atelier {n}", capacity=10),
            )
            for n in range(8)
        ]
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(day.id)
    at.switch_page("pages/events_admin.py").run()
    assert _open_forms(at) == set()
    at.button(key=f"edit_atelier_{ids[3]}").click()
    at = at.run()
    assert _open_forms(at) == {f"atelier_{slot_id}_{ids[3]}"}
    at.text_input(key=f"atelier_{slot_id}_{ids[3]}_capacity").set_value("14")
    at = _click(at, "Enregistrer")
    assert not at.exception
    with app_engine.connect() as conn:
        ateliers = programme.list_slots(conn, event_id=day.id)[0].ateliers
    assert [a.capacity for a in ateliers if a.id == ids[3]] == [14]


def _open_forms(at) -> set[str]:
    return {t.key.removesuffix("_title") for t in at.text_input
            if t.key and t.key.startswith("atelier_") and t.key.endswith("_title")}


def test_a_slot_is_edited_in_place_and_the_day_duplicated_for_next_year(app, users,
                                                                         app_engine):
    """#13 programme editing: « Modifier » a slot keeps its ateliers and registrations; a
    « pot / convivialité » slot; « Dupliquer la journée » opens the copy, a draft."""
    with app_engine.begin() as conn:
        event_id, slot, (atelier, _) = build_day(conn, users["organiser"], capacity=5)
        person = make_user(conn, "marie.dupont", "member", department_code="42")
        registrations.register(conn, actor=person, event_id=event_id,
                               choices={slot: atelier})
        day = events.get_event(conn, event_id=event_id).day
    at = login(app.run(), "organiser.test")
    at.query_params["event"] = str(event_id)
    at.switch_page("pages/events_admin.py").run()
    at.button(key=f"edit_slot_{slot}").click()
    at = at.run()
    form = f"slot_edit_{slot}"
    assert at.text_input(key=f"{form}_title").value == "Atelier au choix"
    at.text_input(key=f"{form}_title").input("Ateliers de l'après-midi")
    at.time_input(key=f"{form}_ends_at").set_value(time(16, 30))
    at = _click(at, "Enregistrer le créneau")
    assert "Créneau enregistré." in texts(at)

    new = f"slot_{event_id}"
    at.time_input(key=f"{new}_starts_at").set_value(time(16, 30))
    at.time_input(key=f"{new}_ends_at").set_value(time(17))
    at.selectbox(key=f"{new}_kind").set_value("pot")
    at.text_input(key=f"{new}_title").input("Pot de clôture")
    at = _click(at, "Ajouter au programme")
    assert "Créneau ajouté." in texts(at)
    with app_engine.connect() as conn:
        slots = programme.list_slots(conn, event_id=event_id)
        kept = registrations.get_registration_for(conn, event_id=event_id, user=person)
    assert [(s.title, s.kind) for s in slots][1:] == [("Ateliers de l'après-midi", "ateliers"),
                                                      ("Pot de clôture", "pot")]
    assert slots[1].ends_at == time(16, 30) and slots[1].ateliers[0].confirmed == 1
    assert kept.status == "confirmed"

    at = _click(at, "Dupliquer la journée")
    assert "Choisissez la date de la nouvelle journée." in texts(at)
    at.date_input(key=f"duplicate_{event_id}_day").set_value(day + timedelta(days=364))
    at = _click(at, "Dupliquer la journée")
    assert "Journée dupliquée" in texts(at)
    copy_id = int(at.query_params["event"][0])
    assert copy_id != event_id and "Statut : **Brouillon**" in texts(at)
    with app_engine.connect() as conn:
        copied = programme.list_slots(conn, event_id=copy_id)
    assert [s.title for s in copied] == [s.title for s in slots]
    assert copied[1].ateliers[0].confirmed == 0
