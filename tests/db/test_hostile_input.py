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


@pytest.mark.parametrize(("typed", "stored"), [(12, 12), ("12", 12), (" 12 ", 12),
                                               (12.0, 12), ("1 200", 1200)])
def test_places_typed_any_sane_way_are_parsed_once(conn, setting, typed, stored):
    organiser, _, _, slot = setting
    atelier_id = programme.create_atelier(
        conn, actor=organiser, slot_id=slot,
        data=programme.AtelierInput(title="Atelier", capacity=typed))
    places = conn.execute(sa.text("SELECT capacity FROM event_sessions WHERE id = :i"),
                          {"i": atelier_id}).scalar_one()
    assert places == stored


@pytest.mark.parametrize("typed", ["12,5", 12.5, "²", "douze", True, "1e3", "١٢"])
def test_places_that_are_not_a_whole_number_are_refused_in_french(conn, setting, typed):
    organiser, _, _, slot = setting
    with pytest.raises(ValidationError) as refused:
        programme.create_atelier(conn, actor=organiser, slot_id=slot,
                                 data=programme.AtelierInput(title="Atelier", capacity=typed))
    assert "en chiffres" in refused.value.errors["capacity"]


@pytest.mark.parametrize("year", [2020.9, "2020.9", "²", "deux mille"])
def test_a_year_is_never_truncated_nor_a_raw_value_error(conn, member, tmp_path, year):
    """2020.9 was validated as 2020 and stored as 2021; « ² » raised ValueError."""
    from db import resources
    from db.files import LocalStore

    before = _count(conn, "resources")
    with pytest.raises(ValidationError) as refused:
        resources.create_resource(conn, LocalStore(tmp_path), actor=member,
                                  data=resources.ResourceInput(
                                      title="Guide", kind="guide", url="https://exemple.fr/g",
                                      year=year))
    assert "année" in refused.value.errors["year"].lower()
    assert _count(conn, "resources") == before


def test_a_blank_optional_reference_means_none(conn, member, setting, tmp_path):
    """`department_code=''` reached the foreign key and failed there (IntegrityError)."""
    from db import resources
    from db.files import LocalStore

    organiser, _, _, slot = setting
    fiche = pitches.create_pitch(conn, actor=member, data=pitches.FicheInput(
        title="Fiche", summary="Résumé.", department_code="", group_id=""))
    assert fiche.department_code is None
    atelier = programme.create_atelier(conn, actor=organiser, slot_id=slot, data=(
        programme.AtelierInput(title="Atelier", capacity=5, host_department_code=" ")))
    resource = resources.create_resource(conn, LocalStore(tmp_path), actor=member,
                                         data=resources.ResourceInput(
                                             title="Lien", kind="lien", year="2024",
                                             url="https://exemple.fr", department_code=""))
    assert conn.execute(sa.text("SELECT host_department_code FROM event_sessions WHERE id = :i"),
                        {"i": atelier}).scalar_one() is None
    assert conn.execute(sa.text("SELECT department_code, year FROM resources WHERE id = :i"),
                        {"i": resource}).one() == (None, 2024)
