"""Days and programmes: validation, overlap, capacity edits, statuses, permissions."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from db import events
from db.errors import NotFound, PermissionDenied, ValidationError
from db.events import duplicate, programme, registrations
from tests.conftest import make_user
from tests.db.events_fixtures import build_day


@pytest.fixture
def organiser(conn):
    return make_user(conn, "claire.besson", "organiser", department_code="42")


def _day_fields(**overrides):
    fields = {"title": "Journée", "description": "", "day": date(2030, 7, 1),
              "starts_at": time(9, 30), "ends_at": time(17), "place": "MD de la Loire",
              "address": None, "host_department_code": "42", "audience": "md_staff",
              "registration_opens_at": datetime(2030, 5, 15, 9),
              "registration_closes_at": datetime(2030, 6, 20, 18)}
    fields.update(overrides)
    return fields


@pytest.mark.parametrize(("overrides", "field", "expected"), [
    ({"title": ""}, "title", "obligatoire"),
    ({"ends_at": time(9)}, "ends_at", "après l'heure de début"),
    ({"registration_closes_at": datetime(2030, 5, 1)}, "registration_closes_at", "après"),
    ({"registration_closes_at": datetime(2030, 7, 2, 9)}, "registration_closes_at",
     "au plus tard"),
    ({"place": "<b>Loire</b>"}, "place", "< ou >"),
    ({"day": None}, "day", "obligatoire"),
])
def test_bad_day_is_refused(conn, organiser, overrides, field, expected):
    with pytest.raises(ValidationError) as caught:
        events.create_event(conn, actor=organiser, data=events.DayInput(**_day_fields(**overrides)))
    assert expected in caught.value.errors[field]
    assert events.list_events(conn, viewer=organiser, today=date(2030, 1, 1)) == []


def test_only_organisers_create_days_and_drafts_stay_hidden(conn, organiser, member):
    with pytest.raises(PermissionDenied):
        events.create_event(conn, actor=member, data=events.DayInput(**_day_fields()))
    draft = events.create_event(conn, actor=organiser, data=events.DayInput(**_day_fields()))
    assert events.list_events(conn, viewer=member, today=date(2030, 1, 1)) == []
    with pytest.raises(NotFound):
        events.get_event(conn, event_id=draft.id, viewer=member)
    events.set_status(conn, actor=organiser, event_id=draft.id, status="published")
    assert [e.title for e in events.list_events(conn, viewer=member, today=date(2030, 1, 1))
            ] == ["Journée"]
    with pytest.raises(ValidationError, match="Impossible de passer"):
        events.set_status(conn, actor=organiser, event_id=draft.id, status="archived")


def test_slots_must_fit_the_day_and_not_overlap(conn, organiser):
    day = events.create_event(conn, actor=organiser, data=events.DayInput(**_day_fields()))
    programme.create_slot(
        conn,
        actor=organiser,
        event_id=day.id,
        data=programme.SlotInput(
            starts_at=time(12, 15), ends_at=time(13, 30), kind="dejeuner", title="Déjeuner"
        ),
    )
    cases = [((time(13), time(14)), "chevauche « Déjeuner »"),
             ((time(8), time(9)), "tenir dans la journée"),
             ((time(16), time(18)), "tenir dans la journée"),
             ((time(14), time(13)), "après son début")]
    for (starts, ends), expected in cases:
        with pytest.raises(ValidationError, match=expected):
            programme.create_slot(
                conn,
                actor=organiser,
                event_id=day.id,
                data=programme.SlotInput(
                    starts_at=starts, ends_at=ends, kind="pleniere", title="Échanges"
                ),
            )
    programme.create_slot(
        conn,
        actor=organiser,
        event_id=day.id,
        data=programme.SlotInput(
            starts_at=time(9, 30), ends_at=time(10), kind="accueil", title="Accueil"
        ),
    )
    programme.create_slot(
        conn,
        actor=organiser,
        event_id=day.id,
        data=programme.SlotInput(
            starts_at=time(17), ends_at=None, kind="conclusion", title="Pot à partager"
        ),
    )
    assert [s.title for s in programme.list_slots(conn, event_id=day.id)] == [
        "Accueil", "Déjeuner", "Pot à partager"]


@pytest.mark.parametrize("capacity", [0, -3, "douze", 2.5, None, "abc", "²", "", "99999",
                                      "-3"])
def test_capacity_must_be_a_positive_whole_number(conn, organiser, capacity):
    """Typed in a text field (#12: « abc » was saved as 12, « ² » crashed)."""
    _, slot, _ = build_day(conn, organiser)
    with pytest.raises(ValidationError) as caught:
        programme.create_atelier(
            conn,
            actor=organiser,
            slot_id=slot,
            data=programme.AtelierInput(
                title="Poldoc",
                capacity=capacity,
                description=None,
                host_department_code=None,
                facilitator=None,
                room=None,
            ),
        )
    assert re.search("capacité|places", caught.value.errors["capacity"])


def test_capacity_cannot_drop_below_confirmed_and_raising_it_promotes(conn, organiser):
    event_id, slot, (atelier, _other) = build_day(conn, organiser, capacity=2)
    people = [make_user(conn, f"membre.{n}", "member", department_code="07") for n in range(3)]
    made = [registrations.register(conn, actor=p, event_id=event_id, choices={slot: atelier})
            for p in people]
    assert [r.status for r in made] == ["confirmed", "confirmed", "waitlisted"]
    assert made[2].choices[0].rank == 1
    fields = {"title": "Atelier 1", "description": None, "host_department_code": "42",
              "facilitator": None, "room": None}
    with pytest.raises(ValidationError, match="2 personnes sont déjà confirmées"):
        programme.update_atelier(
            conn,
            actor=organiser,
            atelier_id=atelier,
            data=programme.AtelierInput(capacity=1, **fields),
        )
    programme.update_atelier(
        conn, actor=organiser, atelier_id=atelier, data=programme.AtelierInput(capacity=3, **fields)
    )
    assert registrations.get_registration(conn, registration_id=made[2].id).status == (
        "confirmed")
    with pytest.raises(ValidationError, match="inscription"):
        programme.delete_atelier(conn, actor=organiser, atelier_id=atelier)


def test_cancelling_a_day_notifies_registrants(conn, organiser):
    from db import notifications
    from db.events import registrations

    event_id, slot, (atelier, _) = build_day(conn, organiser)
    person = make_user(conn, "ref.annule", "member", department_code="07")
    registrations.register(conn, actor=person, event_id=event_id, choices={slot: atelier})
    with pytest.raises(ValidationError):
        events.cancel_event(conn, actor=organiser, event_id=event_id, message="")
    cancelled = events.cancel_event(conn, actor=organiser, event_id=event_id,
                                    message="Grève des transports, report à l'automne.")
    assert (cancelled.status, cancelled.cancel_message) == (
        "cancelled", "Grève des transports, report à l'automne.")
    assert "annulée : Grève" in notifications.list_recent(conn, user=person)[0].text
    with pytest.raises(ValidationError, match="annulée"):
        registrations.register(conn, actor=make_user(conn, "tard", "member",
                                                     department_code="07"),
                               event_id=event_id, choices={slot: atelier})


def test_a_day_is_duplicated_with_its_programme_and_no_registration(conn):
    """#13 « dupliquer une journée » for next year's: programme, ateliers with places and
    quotas, the window moved with the date; a draft with nobody registered."""
    organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
    event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=12, atelier_quota=3)
    person = make_user(conn, "marie.dupont", "member", department_code="42")
    registrations.register(conn, actor=person, event_id=event_id, choices={slot: atelier})
    conn.execute(sa.text("UPDATE event_slots SET ranked = :t, allocated_at = :at, "
                         "allocation_seed = 7 WHERE id = :s"),
                 {"t": True, "at": datetime(2026, 1, 1), "s": slot})  # last year's, allocated
    source = events.get_event(conn, event_id=event_id)
    next_year = source.day + timedelta(days=364)
    copy = duplicate.duplicate_event(conn, actor=organiser, event_id=event_id, day=next_year)
    assert (copy.title, copy.day, copy.status) == (source.title, next_year, "draft")
    assert copy.registration_closes_at - source.registration_closes_at == timedelta(days=364)
    before, after = (programme.list_slots(conn, event_id=e) for e in (event_id, copy.id))
    assert [(s.title, s.kind, s.starts_at) for s in after] == [
        (s.title, s.kind, s.starts_at) for s in before]
    assert [(a.title, a.capacity, a.md_quota, a.confirmed) for a in after[1].ateliers] == [
        (a.title, a.capacity, a.md_quota, 0) for a in before[1].ateliers]
    assert after[1].ranked and after[1].takes_wishes  # its wishes start over
    assert registrations.get_registration_for(conn, event_id=copy.id, user=person) is None
    with pytest.raises(ValidationError):
        duplicate.duplicate_event(conn, actor=organiser, event_id=event_id, day=source.day)
    with pytest.raises(PermissionDenied):
        duplicate.duplicate_event(conn, actor=person, event_id=event_id, day=next_year)
