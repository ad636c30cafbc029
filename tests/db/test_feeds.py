"""What the home page lists: visibility rules of each domain's `latest`/`upcoming`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from db import events, forum, reference, settings
from db.engine import now
from db.pitches import browse as pitch_browse
from db.resources import browse as resource_browse
from db.schema import events as event_table
from db.schema import forum_posts, registrations
from db.schema import pitches as pitch_table
from tests.conftest import make_user


def _pitch(conn, owner, title, state="published"):
    conn.execute(pitch_table.insert().values(title=title, summary="Résumé", owner_id=owner.id,
                                             state=state, created_at=now(), updated_at=now()))


def _day(conn, title, day, status="published"):
    return conn.execute(event_table.insert().values(
        title=title, day=day, starts_at=time(9, 30), ends_at=time(17), place="MD de la Loire",
        host_department_code="42", status=status, created_at=now())
        .returning(event_table.c.id)).scalar_one()


def test_drafts_are_listed_only_for_their_owner(conn, member):
    other = make_user(conn, "autre.membre", "member")
    _pitch(conn, member, "Fiche publiée")
    _pitch(conn, member, "Brouillon de Marie", state="draft")
    titles = lambda viewer: [p.title for p in pitch_browse.list_latest_pitches(conn, viewer=viewer)]
    assert titles(member) == ["Brouillon de Marie", "Fiche publiée"]
    assert titles(other) == ["Fiche publiée"]
    assert titles(None) == ["Fiche publiée"]


def test_forum_feed_skips_hidden_pending_deleted_and_replies(conn, contributor):
    theme = conn.execute(sa.text("SELECT id FROM forum_themes ORDER BY position")).scalar()
    rows = [("Visible", "published", None, None), ("En attente", "pending", None, None),
            ("Masqué", "hidden", None, None), ("Supprimé", "published", now(), None)]
    for title, status, deleted, parent in rows:
        conn.execute(forum_posts.insert().values(
            theme_id=theme, author_id=contributor.id, kind="proposition", title=title,
            body="Texte", status=status, deleted_at=deleted, parent_id=parent,
            created_at=now(), updated_at=now()))
    visible = conn.execute(sa.text("SELECT id FROM forum_posts WHERE title = 'Visible'")
                           ).scalar()
    conn.execute(forum_posts.insert().values(
        theme_id=theme, author_id=contributor.id, kind="reponse", body="Réponse",
        parent_id=visible, created_at=now(), updated_at=now()))
    assert [p.title for p in forum.list_latest_threads(conn)] == ["Visible"]


def test_upcoming_days_and_my_next_day(conn, member):
    today = date(2026, 11, 23)
    past = _day(conn, "Journée passée", today - timedelta(days=3))
    soon = _day(conn, "Journée proche", today + timedelta(days=10))
    later = _day(conn, "Journée lointaine", today + timedelta(days=40))
    _day(conn, "Brouillon", today + timedelta(days=5), status="draft")
    assert [e.title for e in events.list_upcoming(conn, today=today)] == [
        "Journée proche", "Journée lointaine"]
    for event_id, status in ((past, "confirmed"), (soon, "cancelled"), (later, "waitlisted")):
        conn.execute(registrations.insert().values(
            event_id=event_id, user_id=member.id, status=status, created_at=now(),
            updated_at=now()))
    mine = events.get_next_for_user(conn, user=member, today=today)
    assert (mine.title, mine.registration_status) == ("Journée lointaine", "waitlisted")


def test_resources_newest_first(conn, member):
    for index, title in enumerate(["Ancienne", "Récente"]):
        conn.execute(sa.text(
            "INSERT INTO resources (title, description, kind, url, owner_id, created_at, "
            "updated_at, tags, downloads) VALUES (:t, '', 'lien', 'https://x.fr', :o, :c, :c, "
            "'', 0)"), {"t": title, "o": member.id, "c": datetime(2026, 1, 1 + index)})
    assert [r.title for r in resource_browse.list_latest_resources(conn)] == ["Récente", "Ancienne"]


def test_departments_list_aura_first(conn):
    listed = reference.list_departments(conn)
    assert len(listed) == 101
    assert [d.code for d in listed[:12]] == ["01", "03", "07", "15", "26", "38", "42", "43",
                                             "63", "69", "73", "74"]
    assert listed[6].label == "42 – Loire"


def test_generated_secret_is_stable(conn):
    first = settings.secret(conn, "cookie_key")
    assert len(first) >= 48 and settings.secret(conn, "cookie_key") == first
