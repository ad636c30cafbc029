"""Cohorts (#13): an MD member registers colleagues of the same MD, each with their own
atelier and answers; they are told; the one who registered them changes or cancels each."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db import accounts, notifications
from db.accounts import invitations, sessions
from db.errors import PermissionDenied, ValidationError
from db.events import cohorts, overview, registrations
from db.groups import directory
from tests.conftest import PASSWORD, make_user
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
    mine = overview.list_mine(conn, user=drome["paul.referent"])
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


def _newcomer(conn, director, day, name="Sophie Martin", email="sophie.martin@ladrome.fr"):
    event_id, slot, (first, _second) = day
    return cohorts.register_newcomer(conn, actor=director, event_id=event_id,
                                     person=cohorts.Newcomer(name=name, email=email),
                                     choices={slot: first})


def test_a_colleague_without_an_account_gets_a_held_place_claimed_at_sign_up(conn, day,
                                                                           drome):
    """#13: « type a name and e-mail for someone without an account yet (an invitation is
    created; the place is held under their name and the account claims it on sign-up) »."""
    event_id, _slot, _ateliers = day
    director = drome["nadia.directrice"]
    held = _newcomer(conn, director, day)
    [entry] = cohorts.list_cohort(conn, actor=director, event_id=event_id)
    assert (entry.name, entry.held, entry.registration.status) == ("Sophie Martin", True,
                                                                   "confirmed")
    placeholder = accounts.get_user(conn, user_id=held.user_id)
    assert placeholder.department_code == "26" and placeholder.held_for_claim
    assert sessions.authenticate(conn, username=placeholder.username,
                                 password="x" * 20).user is None
    assert "Sophie Martin" not in [e.person.name for e in directory.index(conn)]
    assert invitations.invitation_for(conn, email="sophie.martin@ladrome.fr").role == "member"

    claimed = accounts.register(conn, username="sophie.martin", email="sophie.martin@ladrome.fr",
                                display_name="Sophie Martin", password=PASSWORD,
                                password_repeat=PASSWORD)
    assert claimed.id == placeholder.id and not claimed.held_for_claim
    assert claimed.role == "member"
    [(day_seen, mine)] = overview.list_mine(conn, user=claimed)
    assert (day_seen.id, mine.id) == (event_id, held.id)
    assert sessions.authenticate(conn, username="sophie.martin", password=PASSWORD).user
    [told] = notifications.list_recent(conn, user=claimed, limit=1)
    assert "Créez votre compte Coop'MD avec cette adresse" in told.text


def test_a_newcomer_is_refused_clearly_when_it_cannot_be(conn, day, drome):
    director, ardeche = drome["nadia.directrice"], drome["ines.ardeche"]
    _newcomer(conn, director, day)
    with pytest.raises(ValidationError) as twice:  # the same person, typed again
        _newcomer(conn, director, day, email=" SOPHIE.MARTIN@ladrome.fr")
    assert "déjà inscrit" in twice.value.errors["_form"]
    with pytest.raises(ValidationError) as known:
        _newcomer(conn, director, day, name="Paul", email=drome["paul.referent"].email)
    assert "déjà un compte" in known.value.errors["email"]
    with pytest.raises(PermissionDenied):  # held for the Drôme: not the Ardèche's to use
        _newcomer(conn, ardeche, day)
    with pytest.raises(ValidationError) as wrong:
        _newcomer(conn, director, day, name=" ", email="pas-une-adresse")
    assert set(wrong.value.errors) >= {"name", "email"}
    outsider = make_user(conn, "visiteur", "contributor")
    with pytest.raises(PermissionDenied):
        _newcomer(conn, outsider, day, email="autre@ladrome.fr")


def test_a_cohort_of_five_with_one_full_atelier_keeps_each_colleague_s_own_outcome(conn,
                                                                                  drome):
    """#13 rule « all-or-nothing per colleague »: five colleagues, one atelier of one place
    taken; the ones into it wait, a refusal (the same colleague twice) undoes nobody else."""
    organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
    event_id, slot, (full, roomy) = build_day(conn, organiser, capacity=4)
    conn.execute(sa.text("UPDATE event_sessions SET capacity = 1 WHERE id = :i"), {"i": full})
    director = drome["nadia.directrice"]
    colleagues = [drome["paul.referent"], drome["lea.mediatrice"],
                  *[make_user(conn, f"collegue.{n}", "member", department_code="26")
                    for n in range(3)]]
    outcomes = []
    for n, colleague in enumerate(colleagues):
        outcomes.append(registrations.register(
            conn, actor=director, user=colleague, event_id=event_id,
            choices={slot: full if n < 2 else roomy}).status)
    with pytest.raises(ValidationError):
        registrations.register(conn, actor=director, user=colleagues[4], event_id=event_id,
                               choices={slot: roomy})
    assert outcomes == ["confirmed", "waitlisted", "confirmed", "confirmed", "confirmed"]
    cohort = cohorts.list_cohort(conn, actor=director, event_id=event_id)
    assert [e.registration.status for e in cohort].count("confirmed") == 4 and len(cohort) == 5
