"""Demo data: loads the seeds' shapes, once, and only for admins."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db import demo
from db.errors import PermissionDenied


def _count(conn, table: str) -> int:
    return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_demo_loads_the_regional_day_and_is_idempotent(conn, admin):
    assert demo.load(conn, actor=admin)
    counts = {t: _count(conn, t) for t in ("users", "events", "event_slots", "event_sessions",
                                            "pitches", "pitch_funders", "forum_posts",
                                            "resources", "registrations")}
    assert not demo.load(conn, actor=admin)
    assert counts == {t: _count(conn, t) for t in counts}
    assert counts["users"] == 31 and counts["resources"] == 12 and counts["pitches"] == 4
    day = conn.execute(sa.text("SELECT id, day, place FROM events WHERE title LIKE "
                               "'Journée régionale des bibliothécaires%'")).one()
    assert (str(day.day), day.place) == ("2025-07-01", "Médiathèque départementale de la Loire")
    ateliers = conn.execute(sa.text(
        "SELECT s.title FROM event_sessions s JOIN event_slots sl ON sl.id = s.slot_id "
        "WHERE sl.event_id = :e ORDER BY s.id"), {"e": day.id}).scalars().all()
    assert ateliers == ["Réaménagement de bibliothèque – Dreami", "Design de service – Idelolab",
                        "Poldoc partagée", "Guide visite"]
    funders = conn.execute(sa.text("SELECT sum(amount_eur) FROM pitch_funders")).scalar()
    assert float(funders) == 35000.0


def test_no_atelier_is_over_capacity(conn, admin):
    demo.load(conn, actor=admin)
    over = conn.execute(sa.text(
        "SELECT s.title FROM event_sessions s JOIN registration_choices c "
        "ON c.session_id = s.id AND c.status = 'confirmed' GROUP BY s.id, s.title, s.capacity "
        "HAVING count(*) > s.capacity")).all()
    assert over == []


def test_only_admins_load_demo_data(conn, member):
    with pytest.raises(PermissionDenied):
        demo.load(conn, actor=member)
