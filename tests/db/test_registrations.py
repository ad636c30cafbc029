"""Registration rules: capacity, waiting list, promotion, window, audience, permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from db import notifications
from db.engine import local_now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.events import desk as registration_desk
from db.events import overview, registrations
from db.schema import events as event_table
from tests.conftest import make_user
from tests.db.events_fixtures import build_day


@pytest.fixture
def organiser(conn):
    return make_user(conn, "claire.besson", "organiser", department_code="42")


@pytest.fixture
def day(conn, organiser):
    """An open day with two ateliers of two places each."""
    return build_day(conn, organiser, capacity=2)


def staff(conn, name: str):
    return make_user(conn, name, "member", department_code="26")


def _rows(conn, table: str) -> int:
    return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_full_atelier_sends_to_the_waiting_list_and_cancel_promotes(conn, day):
    event_id, slot, (atelier, _) = day
    people = [staff(conn, f"ref.{n}") for n in range(4)]
    made = [registrations.register(conn, actor=p, event_id=event_id, choices={slot: atelier},
                                   answers=registrations.Answers(lunch=True))
            for p in people]
    assert [(r.status, r.choices[0].rank) for r in made] == [
        ("confirmed", None), ("confirmed", None), ("waitlisted", 1), ("waitlisted", 2)]
    registrations.cancel(conn, actor=people[0], registration_id=made[0].id)
    after = [registrations.get_registration(conn, registration_id=r.id) for r in made]
    assert [r.status for r in after] == ["cancelled", "confirmed", "confirmed", "waitlisted"]
    assert after[3].choices[0].rank == 1
    texts = [n.text for n in notifications.list_recent(conn, user=people[2])]
    assert texts[0].startswith("Une place s'est libérée")


def test_one_registration_per_person_and_day(conn, day, member):
    event_id, slot, (atelier, other) = day
    registrations.register(conn, actor=member, event_id=event_id, choices={slot: atelier})
    with pytest.raises(ValidationError, match="déjà inscrit"):
        registrations.register(conn, actor=member, event_id=event_id, choices={slot: other})
    assert _rows(conn, "registrations") == 1 and _rows(conn, "registration_choices") == 1


def test_a_cancelled_person_can_register_again(conn, day, member):
    event_id, slot, (atelier, _) = day
    first = registrations.register(conn, actor=member, event_id=event_id,
                                   choices={slot: atelier})
    registrations.cancel(conn, actor=member, registration_id=first.id)
    again = registrations.register(conn, actor=member, event_id=event_id,
                                   choices={slot: atelier})
    assert (again.id, again.status) == (first.id, "confirmed")


def test_choices_must_cover_each_choice_slot_with_its_own_ateliers(conn, organiser, member):
    event_id, slot, (atelier, _) = build_day(conn, organiser)
    _, other_slot, (foreign, _) = build_day(conn, organiser)
    for choices, expected in (({}, "Choisissez un atelier"),
                              ({slot: foreign}, "n'appartient pas"),
                              ({slot: atelier, other_slot: foreign}, "sans atelier")):
        with pytest.raises(ValidationError, match=expected):
            registrations.register(conn, actor=member, event_id=event_id, choices=choices)
    assert _rows(conn, "registrations") == 0  # nothing half-written


@pytest.mark.parametrize(("change", "expected"), [
    ({"registration_closes_at": "past"}, "closes"),
    ({"registration_opens_at": "future"}, "pas encore ouvertes"),
    ({"status": "draft"}, "introuvable"),
    ({"status": "closed"}, "sont closes"),
    ({"day": "past"}, "passée"),
    ({"day": "past", "status": "closed"}, "passée"),  # #12: said « inscriptions closes »
    ({"status": "cancelled"}, "annulée"),
])
def test_registration_only_inside_the_window(conn, organiser, member, change, expected):
    event_id, slot, (atelier, _) = build_day(conn, organiser)
    values = {}
    for key, value in change.items():
        values[key] = {"past": local_now() - timedelta(days=2),
                       "future": local_now() + timedelta(days=2)}.get(value, value)
    if "day" in values:
        values["day"] = values["day"].date()
        values["registration_closes_at"] = None
    conn.execute(event_table.update().where(event_table.c.id == event_id).values(**values))
    with pytest.raises((ValidationError, PermissionDenied, NotFound), match=expected):
        registrations.register(conn, actor=member, event_id=event_id, choices={slot: atelier})


def test_audience_rules(conn, organiser, contributor):
    event_id, slot, (atelier, _) = build_day(conn, organiser)
    no_md = make_user(conn, "sans.md", "member")
    with pytest.raises(PermissionDenied, match="personnels des médiathèques"):
        registrations.register(conn, actor=no_md, event_id=event_id, choices={slot: atelier})
    with pytest.raises(NotFound):  # a day for MD staff does not exist for a contributor
        registrations.register(conn, actor=contributor, event_id=event_id,
                               choices={slot: atelier})
    open_id, open_slot, (open_atelier, _) = build_day(conn, organiser, audience="everyone")
    done = registrations.register(conn, actor=contributor, event_id=open_id,
                                  choices={open_slot: open_atelier})
    assert done.status == "confirmed"


def test_nobody_edits_someone_elses_registration(conn, day, member):
    event_id, slot, (atelier, other) = day
    mine = registrations.register(conn, actor=member, event_id=event_id,
                                  choices={slot: atelier})
    intruder = staff(conn, "intrus")
    with pytest.raises(PermissionDenied):
        registrations.cancel(conn, actor=intruder, registration_id=mine.id)
    with pytest.raises(PermissionDenied):
        registrations.change_choice(conn, actor=intruder, registration_id=mine.id,
                                    slot_id=slot, atelier_id=other)
    with pytest.raises(PermissionDenied):
        registrations.register(conn, actor=intruder, event_id=event_id,
                               choices={slot: other}, user=member)
    with pytest.raises(PermissionDenied):
        registration_desk.check_in(conn, actor=intruder, registration_id=mine.id)


def test_changing_atelier_frees_the_place_for_the_next_person(conn, day):
    event_id, slot, (atelier, other) = day
    a, b, c = (staff(conn, n) for n in ("a.ref", "b.ref", "c.ref"))
    first = registrations.register(conn, actor=a, event_id=event_id, choices={slot: atelier})
    registrations.register(conn, actor=b, event_id=event_id, choices={slot: atelier})
    waiting = registrations.register(conn, actor=c, event_id=event_id, choices={slot: atelier})
    moved = registrations.change_choice(conn, actor=a, registration_id=first.id, slot_id=slot,
                                        atelier_id=other)
    assert moved.choices[0].atelier_id == other
    assert registrations.get_registration(conn, registration_id=waiting.id).status == (
        "confirmed")


def test_moving_to_a_full_atelier_keeps_the_confirmed_place_unless_given_up(conn, day):
    """#12: the whole registration went to the waiting list, the place to someone else."""
    event_id, slot, (atelier, other) = day
    a, b, c, d = (staff(conn, n) for n in ("a.ref", "b.ref", "c.ref", "d.ref"))
    mine = registrations.register(conn, actor=a, event_id=event_id, choices={slot: atelier})
    waiting = [registrations.register(conn, actor=p, event_id=event_id, choices={slot: other})
               for p in (b, c, d)][2]
    with pytest.raises(ValidationError) as refused:
        registrations.change_choice(conn, actor=a, registration_id=mine.id, slot_id=slot,
                                    atelier_id=other)
    assert "complet" in refused.value.errors["choices"]
    kept = registrations.get_registration(conn, registration_id=mine.id)
    assert (kept.status, kept.choices[0].atelier_id) == ("confirmed", atelier)
    moved = registrations.change_choice(conn, actor=a, registration_id=mine.id, slot_id=slot,
                                        atelier_id=other, give_up_place=True)
    assert (moved.status, moved.choices[0].rank) == ("waitlisted", 2)
    assert registrations.get_registration(conn, registration_id=waiting.id).status == (
        "waitlisted")


def test_organiser_registers_a_cohort_moves_promotes_and_checks_in(conn, day, organiser):
    event_id, slot, (atelier, other) = day
    cohort = [staff(conn, f"cohorte.{n}") for n in range(3)]
    regs = [registrations.register(conn, actor=organiser, event_id=event_id,
                                   choices={slot: atelier}, user=p) for p in cohort]
    assert regs[2].status == "waitlisted"
    with pytest.raises(ValidationError, match="complet"):
        registration_desk.promote(conn, actor=organiser, registration_id=regs[2].id, slot_id=slot)
    registrations.change_choice(conn, actor=organiser, registration_id=regs[2].id,
                                slot_id=slot, atelier_id=other)
    assert registrations.get_registration(conn, registration_id=regs[2].id).status == (
        "confirmed")
    assert notifications.list_recent(conn, user=cohort[2])[0].kind == "moved"
    registration_desk.check_in(conn, actor=organiser, registration_id=regs[0].id)
    assert registrations.get_registration(conn, registration_id=regs[0].id).checked_in_at


def test_an_organiser_s_promotion_out_of_order_links_to_the_day(conn, day, organiser):
    """#15 « every kind links to its item »: the desk's promotion was the one without."""
    event_id, slot, (atelier, _other) = day
    cohort = [staff(conn, f"cohorte.{n}") for n in range(4)]
    regs = [registrations.register(conn, actor=organiser, event_id=event_id,
                                   choices={slot: atelier}, user=p) for p in cohort]
    conn.execute(sa.text("UPDATE event_sessions SET capacity = 3 WHERE id = :i"),
                 {"i": atelier})  # a place free, nobody promoted yet
    registration_desk.promote(conn, actor=organiser, registration_id=regs[3].id, slot_id=slot)
    [told] = notifications.list_recent(conn, user=cohort[3], limit=1)
    assert told.kind == "promotion"
    assert told.link == f"events?event={event_id}"
    assert conn.execute(sa.text("SELECT count(*) FROM notifications WHERE link IS NULL")
                        ).scalar_one() == 0


def test_answers_are_validated(conn, day, member):
    event_id, slot, (atelier, _) = day
    with pytest.raises(ValidationError) as caught:
        registrations.register(conn, actor=member, event_id=event_id, choices={slot: atelier},
                               answers=registrations.Answers(accessibility_needs="x" * 501))
    assert "au plus 500" in caught.value.errors["accessibility_needs"]


def test_my_registrations_lists_days_with_waiting_rank(conn, day, organiser):
    event_id, slot, (atelier, _) = day
    people = [staff(conn, f"liste.{n}") for n in range(3)]
    for person in people:
        registrations.register(conn, actor=person, event_id=event_id, choices={slot: atelier})
    [(event, mine)] = overview.list_mine(conn, user=people[2])
    assert (event.id, mine.status, mine.choices[0].rank) == (event_id, "waitlisted", 1)
    assert overview.list_mine(conn, user=organiser) == []
