"""The rush and the outbox through a transaction-mode pooler (#14): Debian's PgBouncer with
`pool_mode = transaction` and 20 server connections, as Supabase's pooler on port 6543.
Migrations run on the server directly (the README says so: they hold an advisory lock).
"""

from __future__ import annotations

import sqlalchemy as sa

from db.engine import make_engine, now, run_in_transaction
from db.events import registrations
from db.schema import outbox
from tests.db.test_registration_race import PEOPLE, PLACES, _race
from tests.faults.test_replicas import _delivered, _senders
from tests.faults.test_server_restart import _crowded_day, _rows
from tests.smtp import Inbox, free_port, start_smtp


def test_the_rush_through_the_pooler_fills_exactly_the_places(cluster, pooler):
    event_id, slot, atelier, people = _crowded_day(cluster.url)
    racing = make_engine(pooler.url("postgres"), pool_size=60, max_overflow=0,
                         pool_timeout=120)
    try:
        errors = _race(PEOPLE, lambda i: run_in_transaction(racing, lambda c: (
            registrations.register(c, actor=people[i], event_id=event_id,
                                   choices={slot: atelier}))))
    finally:
        racing.dispose()
    assert errors == []
    rows = _rows(cluster.url)
    assert len(rows) == PEOPLE
    assert sum(status == "confirmed" for _, status in rows) == PLACES
    reader = make_engine(cluster.url)
    with reader.connect() as conn:
        waiting = conn.execute(sa.text(
            "SELECT waitlist_position FROM registration_choices WHERE status = 'waitlisted' "
            "ORDER BY waitlist_position")).scalars().all()
    reader.dispose()
    assert waiting == list(range(1, PEOPLE - PLACES + 1))


def test_two_senders_through_the_pooler_deliver_each_message_once(cluster, pooler):
    _crowded_day(cluster.url)  # the schema, migrated on the server directly
    direct = make_engine(cluster.url)
    with direct.begin() as conn:
        conn.execute(outbox.insert(), [
            {"to_email": f"ref{n}@ledepartement42.fr", "subject": f"Message {n}",
             "body": "Inscription confirmée.", "created_at": now()} for n in range(60)])
    direct.dispose()
    inbox, port = Inbox(), free_port()
    server = start_smtp(inbox, port)
    try:
        for sender in _senders(pooler.url("postgres"), port, 60):
            assert sender.wait(timeout=120) == 0
    finally:
        server.stop()
    delivered = _delivered(inbox)
    assert len(delivered) == 60 and set(delivered.values()) == {1}
