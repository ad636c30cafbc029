"""Messages to a day's registrants and reminders (#13): each audience reaches exactly its
people, in the app and by e-mail; the day keeps its history; reminders go at J-7 and J-1
with a frozen day, once each, never for a cancelled day, and two processes sending the
same reminder at once send it once."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from db import events, mailer
from db.engine import make_engine, run_in_transaction
from db.errors import PermissionDenied, ValidationError
from db.events import messages, registrations
from db.schema import notifications, outbox
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.db.test_registration_race import _race


@pytest.fixture
def day(conn):
    """A day of two ateliers of one place: Amandine confirmed in the first, Thomas waiting
    for it, Inès confirmed in the second, Paul registered then cancelled."""
    organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
    event_id, slot, (first, second) = build_day(conn, organiser, capacity=1)
    people = {name: make_user(conn, name, "member", department_code="26")
              for name in ("amandine", "thomas", "ines", "paul")}
    for name, atelier in (("amandine", first), ("thomas", first), ("ines", second),
                          ("paul", second)):
        registrations.register(conn, actor=people[name], event_id=event_id,
                               choices={slot: atelier})
    paul = registrations.get_registration_for(conn, event_id=event_id, user=people["paul"])
    registrations.cancel(conn, actor=people["paul"], registration_id=paul.id)
    return organiser, event_id, (first, second), people


def _told(conn, kind: str = "day_message") -> set[int]:
    return set(conn.execute(sa.select(notifications.c.user_id)
                            .where(notifications.c.kind == kind)).scalars())


@pytest.mark.parametrize("audience, reached", [
    ("all", {"amandine", "thomas", "ines"}), ("confirmed", {"amandine", "ines"}),
    ("waitlisted", {"thomas"}), ("atelier", {"amandine", "thomas"})])
def test_each_audience_reaches_exactly_its_people(conn, day, audience, reached):
    organiser, event_id, (first, _), people = day
    sent = messages.send_message(conn, actor=organiser, event_id=event_id,
                                 data=messages.MessageInput(
                                     audience=audience, atelier_id=first,
                                     subject="Plan d'accès", body="Parking **gratuit**."))
    assert _told(conn) == {people[name].id for name in reached}
    assert (sent.recipients, sent.sent_by, sent.subject) == (len(reached),
                                                             organiser.display_name,
                                                             "Plan d'accès")
    assert messages.list_messages(conn, actor=organiser, event_id=event_id) == [sent]


def test_a_message_goes_by_email_when_mail_is_on(conn, day):
    organiser, event_id, _ateliers, people = day
    mailer.configure(conn, enabled=True, public_url="https://coopmd.example/")
    messages.send_message(conn, actor=organiser, event_id=event_id, data=messages.MessageInput(
        audience="waitlisted", subject="Une place ?", body="Nous cherchons à vous placer."))
    [mail] = conn.execute(sa.select(outbox.c.to_email, outbox.c.subject, outbox.c.body)
                          .where(outbox.c.subject.like("%Une place%"))).all()
    assert mail.to_email == people["thomas"].email
    assert "Nous cherchons à vous placer." in mail.body


@pytest.mark.parametrize("data, field", [
    (messages.MessageInput(subject="", body="Texte"), "subject"),
    (messages.MessageInput(subject="Objet", body=" "), "body"),
    (messages.MessageInput(audience="atelier", atelier_id=None, subject="O", body="T"),
     "atelier_id"),
    (messages.MessageInput(audience="tous", subject="O", body="T"), "audience")])
def test_a_wrong_message_is_refused_and_nothing_is_sent(conn, day, data, field):
    organiser, event_id, _ateliers, _people = day
    with pytest.raises(ValidationError) as refused:
        messages.send_message(conn, actor=organiser, event_id=event_id, data=data)
    assert field in refused.value.errors
    assert _told(conn) == set()
    assert messages.list_messages(conn, actor=organiser, event_id=event_id) == []


def test_nobody_to_write_to_and_members_may_not_write(conn, day):
    organiser, event_id, (_, second), people = day
    registrations.cancel(conn, actor=people["ines"], registration_id=(
        registrations.get_registration_for(conn, event_id=event_id, user=people["ines"]).id))
    with pytest.raises(ValidationError) as refused:
        messages.send_message(conn, actor=organiser, event_id=event_id, data=messages.MessageInput(
            audience="atelier", atelier_id=second, subject="Salle", body="Changement."))
    assert "Personne n'est inscrit" in refused.value.errors["audience"]
    with pytest.raises(PermissionDenied):
        messages.send_message(conn, actor=people["amandine"], event_id=event_id,
                              data=messages.MessageInput(subject="O", body="T"))


def test_reminders_go_at_j7_and_j1_once_each(conn, day):
    organiser, event_id, _ateliers, people = day
    the_day = events.get_event(conn, event_id=event_id).day
    for before, expected in ((8, 0), (7, 1), (7, 0), (6, 0), (2, 0), (1, 1), (1, 0), (0, 0)):
        assert messages.send_due_reminders(conn, today=the_day - timedelta(days=before)) \
            == expected, before
    sent = messages.list_messages(conn, actor=organiser, event_id=event_id)
    assert [(m.reminder, m.recipients, m.sent_by) for m in sent] == [(1, 3, None),
                                                                      (7, 3, None)]
    assert sent[0].subject.endswith("demain") and "dans 7 jours" in sent[1].subject
    assert _told(conn) == {people[n].id for n in ("amandine", "thomas", "ines")}


def test_after_a_pause_only_the_nearest_reminder_goes(conn, day):
    organiser, event_id, _ateliers, _people = day
    the_day = events.get_event(conn, event_id=event_id).day
    assert messages.send_due_reminders(conn, today=the_day - timedelta(days=1)) == 1
    sent = messages.list_messages(conn, actor=organiser, event_id=event_id)
    assert sorted((m.reminder, m.recipients) for m in sent) == [(1, 3), (7, 0)]
    assert len(conn.execute(sa.select(notifications.c.id).where(
        notifications.c.kind == "day_message")).all()) == 3  # one each, not two


def test_no_reminder_for_a_cancelled_day_or_a_day_without_reminders(conn, day):
    organiser, event_id, _ateliers, _people = day
    the_day = events.get_event(conn, event_id=event_id).day
    events.cancel_event(conn, actor=organiser, event_id=event_id, message="Grève.")
    assert messages.send_due_reminders(conn, today=the_day - timedelta(days=1)) == 0
    other, _slot, _ = build_day(conn, organiser)
    current = events.get_event(conn, event_id=other, viewer=organiser)
    events.update_event(conn, actor=organiser, event_id=other, data=events.DayInput(
        title=current.title, description=current.description, day=current.day,
        starts_at=current.starts_at, ends_at=current.ends_at, place=current.place,
        host_department_code="42", reminders=[]))
    assert events.get_event(conn, event_id=other).reminders == ()
    assert messages.send_due_reminders(conn, today=current.day - timedelta(days=1)) == 0


def test_a_reminder_choice_outside_the_list_is_refused(conn, day):
    organiser, event_id, _ateliers, _people = day
    current = events.get_event(conn, event_id=event_id)
    with pytest.raises(ValidationError) as refused:
        events.update_event(conn, actor=organiser, event_id=event_id, data=events.DayInput(
            title=current.title, day=current.day, starts_at=current.starts_at,
            ends_at=current.ends_at, place=current.place, reminders=[5]))
    assert "J-7" in refused.value.errors["reminders"]


def test_two_processes_sending_the_same_reminder_send_it_once(db_url, engine):
    with engine.begin() as conn:
        organiser = make_user(conn, "orga", "organiser", department_code="42")
        event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=5)
        person = make_user(conn, "marie", "member", department_code="42")
        registrations.register(conn, actor=person, event_id=event_id, choices={slot: atelier})
        the_day = events.get_event(conn, event_id=event_id).day
    racing = make_engine(db_url, pool_size=4, max_overflow=0)
    sent: list[int] = []
    errors = _race(4, lambda _i: sent.append(run_in_transaction(
        racing, lambda c: messages.send_due_reminders(c, today=the_day - timedelta(days=1)))))
    racing.dispose()
    assert errors == [] and sorted(sent) == [0, 0, 0, 1]
    with engine.connect() as conn:
        assert _told(conn) == {person.id}
        assert conn.execute(sa.select(sa.func.count()).select_from(notifications).where(
            notifications.c.kind == "day_message")).scalar_one() == 1
