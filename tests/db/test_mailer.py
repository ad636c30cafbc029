"""Email through the outbox against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import icalendar
import pytest

from db import mailer
from db.events import registrations
from db.schema import outbox
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.smtp import Inbox, free_port, start_smtp


@pytest.fixture
def smtp_port() -> int:
    return free_port()


def test_confirmation_is_mailed_with_the_ics_and_survives_a_server_outage(
        engine, smtp_port):
    config = mailer.SmtpConfig(host="127.0.0.1", port=smtp_port, starttls=False)
    with engine.begin() as conn:
        mailer.configure(conn, enabled=True, public_url="https://coopmd.example.fr")
        organiser = make_user(conn, "orga", "organiser", department_code="42")
        first, second = (make_user(conn, n, "member", department_code="42")
                         for n in ("amandine.roux", "thomas.brun"))
        event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=1)
        registrations.register(conn, actor=first, event_id=event_id, choices={slot: atelier})

    inbox = Inbox()
    server = start_smtp(inbox, smtp_port)
    try:
        assert mailer.send_pending(engine, config) == (1, 0)
    finally:
        server.stop()
    [message] = inbox.messages
    assert message["To"] == "amandine.roux@ledepartement42.fr"
    assert message["Subject"].startswith("Coop'MD — Inscription confirmée")
    [ics] = [part for part in message.walk() if part.get_filename()]
    entry = next(iter(icalendar.Calendar.from_ical(ics.get_payload(decode=True))
                      .walk("VEVENT")))
    assert str(entry["url"]) == f"https://coopmd.example.fr/events?event={event_id}"

    with engine.begin() as conn:  # the server is down now
        registrations.register(conn, actor=second, event_id=event_id, choices={slot: atelier})
    assert mailer.send_pending(engine, config, timeout=2) == (0, 1)
    with engine.connect() as conn:
        assert mailer.pending_count(conn) == 1
    assert mailer.send_pending(engine, config) == (0, 0)  # not before its retry time

    server = start_smtp(inbox, smtp_port)
    try:
        with engine.begin() as conn:  # its retry time has come
            conn.execute(outbox.update().values(next_attempt_at=None))
        assert mailer.send_pending(engine, config) == (1, 0)
    finally:
        server.stop()
    assert inbox.messages[-1]["Subject"].startswith("Coop'MD — Liste d'attente")
    with engine.connect() as conn:
        assert mailer.pending_count(conn) == 0


def test_no_email_is_queued_when_email_is_off(conn, member):
    mailer.configure(conn, enabled=False, public_url="http://localhost:8501")
    assert not mailer.enqueue(conn, user_id=member.id, subject="x", body="y")
    assert mailer.pending_count(conn) == 0
