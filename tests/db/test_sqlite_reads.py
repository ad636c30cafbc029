"""SQLite for one small team, honestly (#14): a page being read takes no write lock, so a
click elsewhere (another session, another process) is not held up behind it."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from db.engine import make_engine, reading, run_in_transaction
from db.schema import settings


def test_a_long_read_does_not_hold_up_a_writer(tmp_path, migrated_sqlite):
    url = migrated_sqlite(tmp_path / "team.db")
    page, click = make_engine(url), make_engine(url)
    wrote = threading.Event()

    def write() -> None:
        run_in_transaction(click, lambda conn: conn.execute(
            settings.insert().values(key="cle", value="valeur")))
        wrote.set()

    with reading(page) as conn:
        conn.execute(sa.select(settings)).all()  # the read holds its snapshot
        writer = threading.Thread(target=write)
        writer.start()
        assert wrote.wait(5), "the write waited for the read to end"
    writer.join()
    with reading(page) as conn:
        assert conn.execute(sa.select(settings.c.value).where(settings.c.key == "cle")
                            ).scalar_one() == "valeur"
    for engine in (page, click):
        engine.dispose()


def test_control_a_read_with_the_write_lock_would_have_held_it_up(tmp_path, migrated_sqlite):
    """The same scene with BEGIN IMMEDIATE for the read (before): the writer waits."""
    url = migrated_sqlite(tmp_path / "team.db")
    page, click = make_engine(url), make_engine(url)
    wrote = threading.Event()
    with page.begin() as conn:  # a plain transaction still takes the write lock
        conn.execute(sa.select(settings)).all()
        writer = threading.Thread(target=lambda: (run_in_transaction(click, lambda c: c.execute(
            settings.insert().values(key="cle", value="valeur"))), wrote.set()))
        writer.start()
        assert not wrote.wait(1.5)
    writer.join()
    assert wrote.is_set()
    for engine in (page, click):
        engine.dispose()
