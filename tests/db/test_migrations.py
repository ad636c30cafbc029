"""Migrations: match the schema, run twice, keep data, enable RLS on PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db import forum, migrate
from db.engine import make_engine
from db.schema import metadata


def _not_fulltext(name, type_, parent_names) -> bool:
    """Full-text indexes live outside the SQLAlchemy schema (FTS5 tables, GIN expressions)."""
    return not ("_fts" in (name or "") or (name or "").endswith("_fulltext"))


def test_migrated_database_matches_the_schema(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_name": _not_fulltext})
        assert compare_metadata(context, metadata) == []


def test_reference_data_is_loaded(conn):
    count = conn.execute(sa.text("SELECT count(*) FROM departments")).scalar_one()
    aura = conn.execute(sa.text(
        "SELECT count(*) FROM departments WHERE md_name IS NOT NULL "
        "AND region = 'Auvergne-Rhône-Alpes'")).scalar_one()
    groups = conn.execute(sa.text("SELECT name FROM working_groups ORDER BY name")).scalars()
    themes = conn.execute(sa.text("SELECT count(*) FROM forum_themes")).scalar_one()
    loire = conn.execute(sa.text("SELECT md_name FROM departments WHERE code = '42'")).scalar()
    assert (count, aura, themes) == (101, 12, 3)
    assert list(groups) == ["Inclusion numérique", "Maillage territorial et mise en réseau",
                            "Réaliser un diagnostic culturel territorial"]
    assert loire == "Médiathèque départementale de la Loire"


def test_upgrade_twice_and_from_a_populated_older_revision_keeps_rows(empty_db_url):
    engine = make_engine(empty_db_url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO departments (code, name, region) "
                             "VALUES ('42', 'Loire (saisie locale)', 'Auvergne-Rhône-Alpes')"))
        conn.execute(sa.text(
            "INSERT INTO users (username, email, display_name, password_hash, role, created_at,"
            " failed_logins, must_change_password, active) VALUES ('ancien', 'a@b.fr', 'Ancien',"
            " 'x', 'member', CURRENT_TIMESTAMP, 0, false, true)"))
    migrate.upgrade(engine)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT username FROM users")).scalars().all() == ["ancien"]
        assert conn.execute(sa.text(
            "SELECT name FROM departments WHERE code = '42'")).scalar() == "Loire (saisie locale)"
        assert conn.execute(sa.text("SELECT count(*) FROM departments")).scalar() == 101
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_every_table_has_row_level_security_on_postgresql(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("la sécurité au niveau des lignes n'existe que sur PostgreSQL")
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT relname, relrowsecurity FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND relkind = 'r'"
        )).all()
    assert len(rows) == len(metadata.tables) + 1  # + alembic_version
    assert [name for name, secured in rows if not secured] == []


def test_one_clock_converts_paris_stamps_to_utc(empty_db_url):
    """0014: registrations and days' creation stamps were stored as Paris wall time."""
    from datetime import date, datetime, time

    engine = make_engine(empty_db_url)
    migrate.upgrade(engine, "0013")
    # the columns of 0013 only: today's code and schema know today's columns
    then = sa.table("events", sa.column("title"), sa.column("day", sa.Date),
                    sa.column("starts_at", sa.Time), sa.column("ends_at", sa.Time),
                    sa.column("place"), sa.column("created_at", sa.DateTime))
    with engine.begin() as conn:
        conn.execute(then.insert().values(
            title="Journée", day=date(2025, 7, 1), starts_at=time(9, 30), ends_at=time(17),
            place="Lyon", created_at=datetime(2025, 7, 1, 10, 0)))  # 10 h in Paris (CEST)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT created_at FROM events")).scalar_one()
    stored = datetime.fromisoformat(stored) if isinstance(stored, str) else stored
    assert stored == datetime(2025, 7, 1, 8, 0)
    engine.dispose()


def test_going_back_before_0010_and_forward_again_keeps_every_row(db_url):
    """On SQLite the downgrade of 0010 failed with rows in place (a foreign key on the
    rebuilt `forum_themes`); both databases go back and forth with nothing lost."""
    from db import demo
    from tests.conftest import make_user

    engine = make_engine(db_url)
    with engine.begin() as conn:
        demo.load(conn, actor=make_user(conn, "admin.coop", "admin"))
    counted = ("users", "forum_posts", "forum_themes", "resources", "pitches")

    def counts() -> list[int]:
        with engine.connect() as conn:
            return [conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                    for t in counted]

    before = counts()
    migrate.downgrade(engine, "0009")
    assert migrate.current_revision(engine) == "0009"
    assert counts() == before
    migrate.upgrade(engine)
    assert counts() == before
    with engine.connect() as conn:
        assert forum.list_themes(conn)
    engine.dispose()


def test_the_head_read_from_file_names_is_alembic_s(engine):
    """`migrate` reads the head and the database's revision without Alembic (a start on a
    database at head does not import it): both must agree with Alembic's own."""
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(
        migrate._config()).get_current_head()
    with engine.connect() as conn:
        assert migrate.current_revision(engine) == \
            MigrationContext.configure(conn).get_current_revision()
