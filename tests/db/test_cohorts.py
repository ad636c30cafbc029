"""Cohorts (#13): an MD member registers colleagues of the same MD, each with their own
atelier and answers; they are told; the one who registered them changes or cancels each."""

from __future__ import annotations

import pytest

from db import notifications
from db.errors import PermissionDenied
from db.events import cohorts, registrations
from tests.conftest import make_user
from tests.db.events_fixtures import build_day


@pytest.fixture
def day(conn):
    organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
    return build_day(conn, organiser, capacity=3)


@pytest.fixture
def drome(conn):
    """A director of the Drôme MD, two of her colleagues, and someone of the Ardèche."""
    return {name: make_user(conn, name, "member", department_code=code,
                            display_name=name.replace(".", " ").title())
            for name, code in (("nadia.directrice", "26"), ("paul.referent", "26"),
                               ("lea.mediatrice", "26"), ("ines.ardeche", "07"))}


def test_a_director_registers_two_colleagues_each_with_their_own_atelier(conn, day, drome):
    event_id, slot, (first, second) = day
    director = drome["nadia.directrice"]
    offered = [c.name for c in cohorts.list_colleagues(conn, actor=director, event_id=event_id)]
    assert offered == ["Lea Mediatrice", "Paul Referent"]  # her MD only, not herself
    for name, atelier, diet in (("paul.referent", first, None),
                                ("lea.mediatrice", second, "Végétarien")):
        registrations.register(conn, actor=director, user=drome[name], event_id=event_id,
                               choices={slot: atelier},
                               answers=registrations.Answers(dietary=diet))
    cohort = cohorts.list_cohort(conn, actor=director, event_id=event_id)
    assert [(e.name, e.registration.choices[0].atelier_id, e.registration.dietary)
            for e in cohort] == [("Lea Mediatrice", second, "Végétarien"),
                                 ("Paul Referent", first, None)]
    assert cohorts.list_colleagues(conn, actor=director, event_id=event_id) == []
    told = notifications.list_recent(conn, user=drome["paul.referent"])[0].text
    assert told.startswith("Nadia Directrice vous a inscrit·e.")
    mine = registrations.list_mine(conn, user=drome["paul.referent"])
    assert [registration.registered_by for _, registration in mine] == [director.id]


def test_organisers_see_who_registered_whom(conn, day, drome):
    from db.events import exports
    from db.events import reports as event_reports

    event_id, slot, (first, _) = day
    director = drome["nadia.directrice"]
    registrations.register(conn, actor=director, event_id=event_id, choices={slot: first})
    registrations.register(conn, actor=director, user=drome["paul.referent"],
                           event_id=event_id, choices={slot: first})
    organiser = make_user(conn, "orga.bis", "organiser")
    people = {p.name: p.registered_by for p in event_reports.list_people(
        conn, actor=organiser, event_id=event_id)}
    assert people == {"Nadia Directrice": None, "Paul Referent": "Nadia Directrice"}
    csv = exports.registrations_csv(event_reports.list_people(
        conn, actor=organiser, event_id=event_id), ["Atelier au choix"]).decode("utf-8-sig")
    assert "Inscrit·e par" in csv.splitlines()[0] and "Nadia Directrice" in csv


def test_another_md_is_not_hers_to_register(conn, day, drome):
    event_id, slot, (first, _) = day
    with pytest.raises(PermissionDenied):
        registrations.register(conn, actor=drome["nadia.directrice"],
                               user=drome["ines.ardeche"], event_id=event_id,
                               choices={slot: first})


def test_the_one_who_registered_changes_and_cancels_but_not_a_stranger(conn, day, drome):
    event_id, slot, (first, second) = day
    director, paul = drome["nadia.directrice"], drome["paul.referent"]
    made = registrations.register(conn, actor=director, user=paul, event_id=event_id,
                                  choices={slot: first})
    with pytest.raises(PermissionDenied):
        registrations.cancel(conn, actor=drome["lea.mediatrice"], registration_id=made.id)
    moved = registrations.change_choice(conn, actor=director, registration_id=made.id,
                                        slot_id=slot, atelier_id=second)
    assert moved.choices[0].atelier_id == second
    registrations.cancel(conn, actor=director, registration_id=made.id)
    assert cohorts.list_cohort(conn, actor=director, event_id=event_id) == []
    told = notifications.list_recent(conn, user=paul)[0].text
    assert told.startswith("Nadia Directrice a annulé votre inscription")
