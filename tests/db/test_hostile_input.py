"""Hostile text at the public write functions (#14): NUL (PostgreSQL refused it with a
raw DataError; SQLite stored it), lone surrogates (UnicodeEncodeError on both), other
control characters. Only the project's own French errors, and no row written."""

from __future__ import annotations

from datetime import time

import pytest
import sqlalchemy as sa

from db import forum, pitches
from db.errors import ValidationError
from db.events import programme
from db.forum import posts
from db.pitches import talk
from tests.conftest import make_user
from tests.db.events_fixtures import build_day

HOSTILE = ["avant\x00après", "moitié \ud800 de caractère", "cloche \x07"]


def _count(conn, table: str) -> int:
    return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


@pytest.fixture
def setting(conn, member):
    """A fiche, a thread and a day with its choice slot, to write into."""
    organiser = make_user(conn, "orga", "organiser", department_code="42")
    fiche = pitches.create_pitch(
        conn,
        actor=member,
        publish=True,
        data=pitches.FicheInput(title="Une fiche", summary="Résumé."),
    )
    thread = posts.contribute(conn, actor=member, theme_id=forum.list_themes(conn)[0].id,
                              kind="proposition", title="Un sujet", body="Un texte.")
    _, slot, _ = build_day(conn, organiser)
    return organiser, fiche, thread, slot


WRITES = {
    "forum_posts": lambda c, m, o, f, t, s, v: posts.contribute(
        c, actor=m, theme_id=forum.list_themes(c)[0].id, kind="proposition", title=v, body="x"
    ),
    "forum_reply": lambda c, m, o, f, t, s, v: posts.reply(c, actor=m, post_id=t.id, body=v),
    "pitch_comments": lambda c, m, o, f, t, s, v: talk.add_comment(
        c, actor=m, pitch_id=f.id, body=v
    ),
    "pitches": lambda c, m, o, f, t, s, v: pitches.create_pitch(
        c, actor=m, publish=True, data=pitches.FicheInput(title="Titre", summary=v)
    ),
    "event_slots": lambda c, m, o, f, t, s, v: programme.create_slot(
        c,
        actor=o,
        event_id=programme.get_event(c, event_id=1).id,
        data=programme.SlotInput(
            starts_at=time(18), ends_at=None, kind="pleniere", title=v, description=None
        ),
    ),
    "event_sessions": lambda c, m, o, f, t, s, v: programme.create_atelier(
        c, actor=o, slot_id=s, data=programme.AtelierInput(title=v, capacity=10)
    ),
}
TABLES = {"forum_reply": "forum_posts"}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("write", list(WRITES))
def test_hostile_text_is_refused_in_french_and_nothing_is_written(conn, member, setting,
                                                                  write, value):
    organiser, fiche, thread, slot = setting
    table = TABLES.get(write, write)
    before = _count(conn, table)
    with pytest.raises(ValidationError) as refused:
        WRITES[write](conn, member, organiser, fiche, thread, slot, value)
    assert "caractères" in str(refused.value)
    assert _count(conn, table) == before
