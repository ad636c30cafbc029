"""Hypothesis at the public write functions (#14): any text (control characters, lone
surrogates, combining marks, right-to-left marks…) and any number a form could send. Each
example ends one of two ways only — stored and read back as cleaned (trimmed, NFC), or
refused with the project's own French error and nothing written — on both databases."""

from __future__ import annotations

import unicodedata
from datetime import time

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import events, forum, pitches
from db.errors import DomainError
from db.events import programme, registrations
from db.forum import posts
from db.pitches import talk
from tests.conftest import make_user
from tests.db.events_fixtures import build_day

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
NUMBERS = st.one_of(st.integers(-5, 10_000), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(st.characters(exclude_categories=()), max_size=6), st.booleans(),
                    st.none())
EXAMPLES = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


@pytest.fixture
def scene(conn, member):
    organiser = make_user(conn, "orga", "organiser", department_code="42")
    fiche = pitches.create_pitch(conn, actor=member, publish=True,
                                 data=pitches.FicheInput(title="Une fiche", summary="Résumé."))
    thread = posts.contribute(conn, actor=member, theme_id=forum.list_themes(conn)[0].id,
                              kind="proposition", title="Un sujet", body="Un texte.")
    event_id, slot, _ = build_day(conn, organiser, capacity=1000)
    return {"member": member, "organiser": organiser, "fiche": fiche, "thread": thread,
            "event_id": event_id, "slot": slot}


def _attempt(conn, table: str, write, read, value) -> None:
    """One example in a savepoint of its own: either read back as cleaned, or refused with
    a DomainError and the table unchanged."""
    with conn.begin_nested() as savepoint:
        before = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
        try:
            written = write(value)
        except DomainError:
            after = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
            assert after == before
        else:
            assert read(written) == _clean(value)
        savepoint.rollback()


@EXAMPLES
@given(value=ANY_TEXT)
def test_any_text_in_a_forum_post_reply_and_fiche_comment(conn, scene, value):
    member, thread, fiche = scene["member"], scene["thread"], scene["fiche"]

    def body(table: str, key):
        """The stored body of what a write returned (`key` gives its id)."""
        return lambda written: conn.execute(sa.text(
            f"SELECT body FROM {table} WHERE id = :i"), {"i": key(written)}).scalar_one()

    _attempt(conn, "forum_posts", lambda v: posts.contribute(
        conn, actor=member, theme_id=forum.list_themes(conn)[0].id, kind="proposition",
        title="Titre", body=v), body("forum_posts", lambda p: p.id), value)
    _attempt(conn, "forum_posts", lambda v: posts.reply(conn, actor=member, post_id=thread.id,
                                                         body=v),
             body("forum_posts", lambda p: p.id), value)
    _attempt(conn, "pitch_comments", lambda v: talk.add_comment(
        conn, actor=member, pitch_id=fiche.id, body=v),
        body("pitch_comments", lambda c: c), value)


@EXAMPLES
@given(value=ANY_TEXT)
def test_any_text_in_a_fiche_a_day_and_a_slot(conn, scene, value):
    member, organiser = scene["member"], scene["organiser"]
    _attempt(conn, "pitches", lambda v: pitches.create_pitch(
        conn, actor=member, data=pitches.FicheInput(title="Titre", summary="Résumé",
                                                    strategy=v)),
        lambda fiche: fiche.strategy or "", value)
    _attempt(conn, "events", lambda v: events.create_event(
        conn, actor=organiser, data=events.DayInput(
            title=v, day=events.get_event(conn, event_id=scene["event_id"]).day,
            starts_at=time(9), ends_at=time(17), place="Lyon")),
        lambda day: day.title, value)
    _attempt(conn, "event_slots", lambda v: programme.create_slot(
        conn, actor=organiser, event_id=scene["event_id"], data=programme.SlotInput(
            starts_at=time(17), kind="pleniere", title=v)),
        lambda slot_id: conn.execute(sa.text("SELECT title FROM event_slots WHERE id = :i"),
                                     {"i": slot_id}).scalar_one(), value)


@EXAMPLES
@given(title=ANY_TEXT, places=NUMBERS)
def test_any_atelier_title_and_places(conn, scene, title, places):
    with conn.begin_nested() as savepoint:
        before = conn.execute(sa.text("SELECT count(*) FROM event_sessions")).scalar_one()
        try:
            atelier_id = programme.create_atelier(
                conn, actor=scene["organiser"], slot_id=scene["slot"],
                data=programme.AtelierInput(title=title, capacity=places))
        except DomainError:
            assert conn.execute(sa.text("SELECT count(*) FROM event_sessions")
                                ).scalar_one() == before
        else:
            stored = conn.execute(sa.text(
                "SELECT title, capacity FROM event_sessions WHERE id = :i"),
                {"i": atelier_id}).one()
            assert stored.title == _clean(title)
            assert stored.capacity == int(places) and 1 <= stored.capacity <= 5000
            assert not isinstance(places, float) or places.is_integer()
        savepoint.rollback()


@EXAMPLES
@given(diet=ANY_TEXT, comment=ANY_TEXT)
def test_any_registration_answers(conn, scene, diet, comment):
    member = scene["member"]
    atelier = programme.list_slots(conn, event_id=scene["event_id"])[-1].ateliers[0].id
    with conn.begin_nested() as savepoint:
        try:
            made = registrations.register(
                conn, actor=member, event_id=scene["event_id"],
                choices={scene["slot"]: atelier},
                answers=registrations.Answers(dietary=diet, comment=comment))
        except DomainError:
            assert registrations.get_registration_for(
                conn, event_id=scene["event_id"], user=member) is None
        else:
            assert (made.dietary or "", made.comment or "") == (_clean(diet), _clean(comment))
        savepoint.rollback()
