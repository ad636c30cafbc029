"""Per-MD quotas (#13): « N places par MD au plus », for an atelier (confirmed places: the
next person of that MD waits, promotion skips them) and for a day (people registered: the
next one is refused), counted under the capacity's lock — on both databases, and under a
200-thread race from the 12 MDs of the region."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from db import events, notifications
from db.engine import make_engine, run_in_transaction
from db.errors import ValidationError
from db.events import capacity, programme, registrations
from db.schema import registration_choices, users
from db.schema import registrations as registration_table
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.db.test_registration_race import _race

AURA = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]


@pytest.fixture
def organiser(conn):
    return make_user(conn, "claire.besson", "organiser", department_code="42")


def _people(conn, department: str, count: int, start: int = 0):
    return [make_user(conn, f"ref{department}x{n}", "member", department_code=department)
            for n in range(start, start + count)]


def _sign_up(conn, person, event_id, slot, atelier):
    return registrations.register(conn, actor=person, event_id=event_id,
                                  choices={slot: atelier})


def test_the_next_person_of_a_full_md_waits_and_others_still_get_in(conn, organiser):
    event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=10, atelier_quota=2)
    first, second, third = _people(conn, "42", 3)
    [drome] = _people(conn, "26", 1)
    assert [_sign_up(conn, p, event_id, slot, atelier).status
            for p in (first, second, third, drome)] == ["confirmed", "confirmed",
                                                        "waitlisted", "confirmed"]
    [told] = notifications.list_recent(conn, user=third, limit=1)
    assert "places réservées à votre MD" in told.text
    seen = {code: next(a for a in programme.list_slots(conn, event_id=event_id,
                                                       department_code=code)[1].ateliers
                       if a.id == atelier) for code in ("42", "26")}
    assert seen["42"].none_for_my_md and not seen["26"].none_for_my_md

    leaving = registrations.get_registration_for(conn, event_id=event_id, user=first)
    registrations.cancel(conn, actor=first, registration_id=leaving.id)
    assert registrations.get_registration_for(conn, event_id=event_id,
                                              user=third).status == "confirmed"


def test_promotion_skips_people_whose_md_has_used_its_places(conn, organiser):
    event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=2, atelier_quota=1)
    loire_a, loire_b = _people(conn, "42", 2)
    [drome] = _people(conn, "26", 1)
    [ardeche] = _people(conn, "07", 1)
    for person in (loire_a, loire_b, drome, ardeche):  # B waits (quota), Ardèche (full)
        _sign_up(conn, person, event_id, slot, atelier)
    leaving = registrations.get_registration_for(conn, event_id=event_id, user=drome)
    registrations.cancel(conn, actor=drome, registration_id=leaving.id)
    status = {p.username: registrations.get_registration_for(conn, event_id=event_id,
                                                             user=p).status
              for p in (loire_b, ardeche)}
    assert status == {loire_b.username: "waitlisted", ardeche.username: "confirmed"}


def test_changing_to_an_atelier_without_a_place_for_my_md_keeps_my_place(conn, organiser):
    event_id, slot, (first, second) = build_day(conn, organiser, capacity=10,
                                                atelier_quota=1)
    loire_a, loire_b = _people(conn, "42", 2)
    _sign_up(conn, loire_a, event_id, slot, second)
    mine = _sign_up(conn, loire_b, event_id, slot, first)
    with pytest.raises(ValidationError) as refused:
        registrations.change_choice(conn, actor=loire_b, registration_id=mine.id,
                                    slot_id=slot, atelier_id=second)
    assert "n'a plus de place pour votre MD" in refused.value.errors["choices"]
    assert registrations.get_registration(conn, registration_id=mine.id).status == "confirmed"


def test_a_day_refuses_one_person_more_of_an_md_even_through_a_colleague(conn, organiser):
    event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=10, day_quota=2)
    director, colleague, third = _people(conn, "42", 3)
    kept = _sign_up(conn, director, event_id, slot, atelier)
    registrations.register(conn, actor=director, user=colleague, event_id=event_id,
                           choices={slot: atelier})
    with pytest.raises(ValidationError) as refused:
        registrations.register(conn, actor=director, user=third, event_id=event_id,
                               choices={slot: atelier})
    assert "au plus 2 personnes par MD" in refused.value.errors["_form"]
    [drome] = _people(conn, "26", 1)
    assert _sign_up(conn, drome, event_id, slot, atelier).status == "confirmed"

    registrations.cancel(conn, actor=director, registration_id=kept.id)
    assert _sign_up(conn, third, event_id, slot, atelier).status == "confirmed"
    with pytest.raises(ValidationError):  # the cancelled one comes back: the day is full
        _sign_up(conn, director, event_id, slot, atelier)


@pytest.mark.parametrize("quota, message", [
    ("deux", "s'écrit en chiffres"), ("0", "entre 1 et 5 000"),
    ("12", "dépasse celui de l'atelier (10)")])
def test_a_wrong_atelier_quota_is_refused_in_french(conn, organiser, quota, message):
    _event_id, slot, _ateliers = build_day(conn, organiser, capacity=10)
    with pytest.raises(ValidationError) as refused:
        programme.create_atelier(conn, actor=organiser, slot_id=slot, data=programme.AtelierInput(
            title="Fab lab", capacity="10", md_quota=quota))
    assert message in refused.value.errors["md_quota"]


def test_a_quota_cannot_drop_below_what_an_md_already_holds(conn, organiser):
    event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=10)
    for person in _people(conn, "42", 3):
        _sign_up(conn, person, event_id, slot, atelier)
    data = programme.AtelierInput(title="Atelier 1", capacity=10, host_department_code="42",
                                  md_quota=2)
    with pytest.raises(ValidationError) as refused:
        programme.update_atelier(conn, actor=organiser, atelier_id=atelier, data=data)
    assert "déjà 3 places confirmées" in refused.value.errors["md_quota"]
    programme.update_atelier(conn, actor=organiser, atelier_id=atelier,
                             data=programme.AtelierInput(title="Atelier 1", capacity=10,
                                                         md_quota=3))
    [shown] = [a for s in programme.list_slots(conn, event_id=event_id) for a in s.ateliers
               if a.id == atelier]
    assert shown.md_quota == 3


def test_a_day_quota_is_kept_and_shown(conn, organiser):
    event_id, _slot, _ateliers = build_day(conn, organiser, day_quota=4)
    assert events.get_event(conn, event_id=event_id).md_quota == 4


def _per_md(engine, atelier: int | None = None) -> dict[str, int]:
    query = (sa.select(users.c.department_code, sa.func.count().label("taken"))
             .join(registration_table, registration_table.c.user_id == users.c.id)
             .where(registration_table.c.status != "cancelled"))
    if atelier is not None:
        query = query.join(registration_choices, registration_choices.c.registration_id ==
                           registration_table.c.id).where(
            registration_choices.c.session_id == atelier,
            registration_choices.c.status == "confirmed")
    with engine.connect() as conn:
        return {r.department_code: r.taken for r in conn.execute(
            query.group_by(users.c.department_code))}


@pytest.fixture
def region_rush(db_url, engine):
    """A day of one atelier (40 places, 3 per MD) and 200 people from the 12 MDs."""
    with engine.begin() as conn:
        organiser = make_user(conn, "orga", "organiser", department_code="42")
        event_id, slot, (atelier,) = build_day(conn, organiser, capacity=40, ateliers=1,
                                               atelier_quota=3)
        people = [make_user(conn, f"ref{n:03d}", "member", department_code=AURA[n % 12])
                  for n in range(200)]
    racing = make_engine(db_url, pool_size=40, max_overflow=0, pool_timeout=120)
    yield racing, event_id, slot, atelier, people
    racing.dispose()


def test_200_sign_ups_from_12_mds_never_overrun_a_quota_or_the_capacity(region_rush):
    racing, event_id, slot, atelier, people = region_rush
    assert _race(200, lambda i: run_in_transaction(racing, lambda c: _sign_up(
        c, people[i], event_id, slot, atelier))) == []
    confirmed = _per_md(racing, atelier)
    assert set(confirmed.values()) == {3} and len(confirmed) == 12  # 36 of the 40 places


def test_200_sign_ups_to_a_day_of_5_per_md_register_exactly_60(region_rush, engine):
    racing, event_id, slot, atelier, people = region_rush
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE events SET md_quota = 5 WHERE id = :e"), {"e": event_id})
    errors = _race(200, lambda i: run_in_transaction(racing, lambda c: _sign_up(
        c, people[i], event_id, slot, atelier)))
    assert len(errors) == 140 and all(isinstance(e, ValidationError) for e in errors)
    assert set(_per_md(racing).values()) == {5}


def test_control_the_quota_counted_outside_the_lock_overruns(region_rush):
    """Proof that the race above can fail: counting an MD's places before taking the lock
    (all threads count, then all write) lets every MD past its quota."""
    racing, event_id, slot, atelier, people = region_rush
    everyone_has_counted = threading.Barrier(200)

    def naive_sign_up(index: int) -> None:
        with racing.connect() as conn:
            mine = capacity.md_confirmed(conn, [atelier], people[index].department_code)
            conn.rollback()
        everyone_has_counted.wait()
        with racing.begin() as conn:
            reg_id = conn.execute(registration_table.insert().values(
                event_id=event_id, user_id=people[index].id, status="confirmed",
                created_at=sa.func.now(), updated_at=sa.func.now())
                .returning(registration_table.c.id)).scalar_one()
            if mine.get(atelier, 0) < 3:
                conn.execute(registration_choices.insert().values(
                    registration_id=reg_id, slot_id=slot, session_id=atelier,
                    status="confirmed", created_at=sa.func.now()))

    assert _race(200, naive_sign_up) == []
    assert max(_per_md(racing, atelier).values()) > 3, "the unlocked count should overrun"
