"""Journées in AppTest: a member registers, the next one waits, a cancellation promotes."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from db import accounts, notifications
from db.events import registrations
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.smtp import Inbox, free_port, start_smtp
from tests.ui.conftest import ROOT, login, texts, widget


@pytest.fixture
def open_day(app_engine, users):
    """A published day with one choice slot of two ateliers of one place each."""
    with app_engine.begin() as conn:
        for name in ("amandine.roux", "thomas.brun"):
            make_user(conn, name, "member", department_code="26")
        return build_day(conn, users["organiser"], capacity=1)


def _open(at, event_id: int):
    at.switch_page("pages/events.py")
    at.query_params["event"] = str(event_id)
    return at.run()


def _register(app, username: str, event_id: int, atelier_id: int):
    at = _open(login(app.run(), username), event_id)
    at.radio[0].set_value(atelier_id)
    widget(at.checkbox, "Je déjeune sur place").check()
    widget(at.button, "Valider mon inscription").click()
    return at.run()


def test_list_shows_the_day_and_its_programme(app, users, open_day):
    at = login(app.run(), "member.test")
    at.switch_page("pages/events.py").run()
    assert "Journée régionale des référents de territoire" in texts(at)
    at = _open(at, open_day[0])
    shown = texts(at)
    assert "Programme" in shown and "Atelier 1 (MD de la Loire – Salle 1) — 1 place restante" \
        in shown


def test_register_waitlist_then_promotion_with_notification(app, users, open_day, app_engine):
    event_id, _, (first, _) = open_day
    at = _register(app, "amandine.roux", event_id, first)
    assert "Inscription enregistrée" in texts(at) and "Confirmée" in texts(at)
    assert any(b.label.startswith("Ajouter la journée") for b in at.get("download_button"))

    other = _register(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30),
                      "thomas.brun", event_id, first)
    assert "position 1 en liste d'attente" in texts(other)

    widget(at.checkbox, "Je confirme vouloir annuler mon inscription").check()
    at.run()
    widget(at.button, "Annuler mon inscription").click()
    at.run()
    assert "Inscription annulée" in texts(at)
    other.run()
    assert "Confirmée" in texts(other)
    bells = [b.proto.popover.label for b in other.sidebar.get("popover")]
    # waiting list joined, then promoted: both speak of this day, which is open, so read
    assert bells == ["Notifications"]
    with app_engine.connect() as conn:
        thomas = accounts.get_by_username(conn, username="thomas.brun")
        told = notifications.list_recent(conn, user=thomas)
        assert [n.link for n in told] == [f"events?event={event_id}"] * 2
        assert all(n.read_at for n in told)
        assert registrations.get_registration_for(conn, event_id=event_id,
                                              user=thomas).status == "confirmed"


def test_a_day_for_md_staff_does_not_exist_for_a_contributor(app, users, open_day):
    """#15 « who may read what »: days are for MD staff, unless open to everyone."""
    at = _open(login(app.run(), "contributor.test"), open_day[0])
    assert "Cette journée n'existe pas" in texts(at)
    assert not any(b.label == "Valider mon inscription" for b in at.button)


def test_with_smtp_configured_the_confirmation_is_emailed(app, users, open_day, monkeypatch):
    port, inbox = free_port(), Inbox()
    monkeypatch.setenv("COOPMD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("COOPMD_SMTP_PORT", str(port))
    monkeypatch.setenv("COOPMD_SMTP_STARTTLS", "false")
    server = start_smtp(inbox, port)
    try:
        _register(app, "amandine.roux", open_day[0], open_day[2][0])
        deadline = time.monotonic() + 10
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        server.stop()
    assert [m["To"] for m in inbox.messages] == ["amandine.roux@ledepartement42.fr"]


def test_a_member_registers_a_colleague_of_her_md_from_the_day_page(app, users, app_engine):
    """#13: there was no screen for cohort registration; now the day page has one."""
    with app_engine.begin() as conn:
        for name in ("amandine.roux", "thomas.brun"):
            make_user(conn, name, "member", department_code="26")
        make_user(conn, "ines.ardeche", "member", department_code="07")
        event_id, slot, (_, second) = build_day(conn, users["organiser"], capacity=3)
    at = _open(login(app.run(), "amandine.roux"), event_id)
    assert "Mes collègues inscrit·es (0)" in texts(at)
    form = f"cohort_{event_id}"
    picker = at.selectbox(key=f"{form}_colleague")
    assert list(picker.options) == ["Thomas.Brun"]  # her MD only, not herself
    widget(at.button, "Inscrire ce·tte collègue").click()
    at.run()
    assert "Choisissez la ou le collègue à inscrire, ou donnez le nom" in texts(at)
    with app_engine.connect() as conn:
        thomas_id = accounts.get_by_username(conn, username="thomas.brun").id
    at.selectbox(key=f"{form}_colleague").set_value(thomas_id)
    at.radio(key=f"{form}_slot_{slot}").set_value(second)
    at.text_input(key=f"{form}_dietary").input("Sans gluten")
    widget(at.button, "Inscrire ce·tte collègue").click()
    at.run()
    assert "Collègue inscrit·e" in texts(at) and "Mes collègues inscrit·es (1)" in texts(at)
    assert "Thomas.Brun" in texts(at) and "Atelier 2" in texts(at)

    thomas = _open(login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(),
                         "thomas.brun"), event_id)
    assert "Mon inscription" in texts(thomas) and "Confirmée" in texts(thomas)
    with app_engine.connect() as conn:
        person = accounts.get_by_username(conn, username="thomas.brun")
        mine = registrations.get_registration_for(conn, event_id=event_id, user=person)
        assert (mine.dietary, mine.choices[0].atelier_id) == ("Sans gluten", second)
        assert notifications.list_recent(conn, user=person)[0].text.startswith(
            "Amandine.Roux vous a inscrit·e.")

    at.run()  # she cancels it for him, after confirming
    widget(at.checkbox, "Je confirme vouloir annuler l'inscription de Thomas.Brun").check()
    at.run()
    widget(at.button, "Annuler son inscription").click()
    at.run()
    assert "Mes collègues inscrit·es (0)" in texts(at)


def test_a_director_registers_three_colleagues_one_without_an_account(app, users, app_engine):
    """#13: two colleagues picked in the directory of her MD, a third typed by name and
    e-mail (no account yet: the place is held); all three listed, the third marked."""
    with app_engine.begin() as conn:
        for name in ("nadia.directrice", "paul.referent", "lea.mediatrice"):
            make_user(conn, name, "member", department_code="26",
                      display_name=name.split(".")[0].title())
        event_id, slot, (first, _) = build_day(conn, users["organiser"], capacity=5)
        ids = {n: accounts.get_by_username(conn, username=n).id
               for n in ("paul.referent", "lea.mediatrice")}
    at = _open(login(app.run(), "nadia.directrice"), event_id)
    form = f"cohort_{event_id}"
    for colleague in ("paul.referent", "lea.mediatrice"):
        at.selectbox(key=f"{form}_colleague").set_value(ids[colleague])
        at.radio(key=f"{form}_slot_{slot}").set_value(first)
        widget(at.button, "Inscrire ce·tte collègue").click()
        at = at.run()
        assert "Collègue inscrit·e" in texts(at)
    at.text_input(key=f"{form}_name").input("Sophie Martin")
    at.text_input(key=f"{form}_email").input("pas-une-adresse")
    at.radio(key=f"{form}_slot_{slot}").set_value(first)
    widget(at.button, "Inscrire ce·tte collègue").click()
    at = at.run()
    assert "Mes collègues inscrit·es (2)" in texts(at)
    assert "L'adresse e-mail n'est pas valide" in texts(at)
    assert at.text_input(key=f"{form}_name").value == "Sophie Martin"  # kept on refusal
    at.text_input(key=f"{form}_email").input("sophie.martin@ladrome.fr")
    widget(at.button, "Inscrire ce·tte collègue").click()
    at = at.run()
    assert "Mes collègues inscrit·es (3)" in texts(at)
    assert "pas encore de compte : place gardée à son nom" in texts(at)
    with app_engine.connect() as conn:
        held = accounts.get_user(conn, user_id=conn.exec_driver_sql(
            "SELECT id FROM users WHERE email = 'sophie.martin@ladrome.fr'").scalar_one())
    assert held.held_for_claim and held.display_name == "Sophie Martin"
