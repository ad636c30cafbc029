"""Shared fixtures. Each gives one named state on a fresh database:

- `db_url`: a database of its own, already migrated to head, once for SQLite and once for
  PostgreSQL (`COOPMD_TEST_PG_URL`, default the local server). Migrations run once per
  session into a template (SQLite: a file copied per test; PostgreSQL: one copy of the
  template, emptied back to the seeded state after each test), not once per test.
  Outside CI a missing PostgreSQL skips those tests; under `CI=true` it fails them.
- `empty_db_url`: an empty database (schema of its own), for migration tests.
- `engine`: an engine on `db_url`; `conn`: a transaction on it.
- `migrated_sqlite(path)`: a migrated SQLite file at `path` (UI and browser tests).
- `admin`, `member`, `contributor`: one account of each role (password `PASSWORD`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")  # fast hashing in tests only
os.environ.setdefault("COOPMD_REMINDERS", "off")  # reminders are tested with a frozen day

from db import accounts, migrate
from db.engine import make_engine

PASSWORD = "une phrase de passe solide"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_base_url() -> str:
    return os.environ.get("COOPMD_TEST_PG_URL") or DEFAULT_PG_URL


def _pg_unavailable_reason() -> str | None:
    try:
        engine = sa.create_engine(pg_base_url())
        with engine.connect():
            pass
        engine.dispose()
    except sa.exc.OperationalError as error:
        return f"PostgreSQL injoignable à {pg_base_url()} : {error.orig}"
    return None


@pytest.fixture(scope="session")
def pg_reason() -> str | None:
    return _pg_unavailable_reason()


def _require_pg(request: pytest.FixtureRequest) -> None:
    reason = request.getfixturevalue("pg_reason")
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL requis sous CI : {reason}")
        pytest.skip(reason)


def _pg_admin() -> sa.Engine:
    """Outside any transaction: CREATE and DROP DATABASE refuse to run inside one."""
    return sa.create_engine(pg_base_url(), isolation_level="AUTOCOMMIT")


def _pg_url(database: str) -> str:
    return sa.make_url(pg_base_url()).set(database=database).render_as_string(
        hide_password=False)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()  # the last connection checkpoints the WAL: one file to copy
    return path


@pytest.fixture
def migrated_sqlite(_sqlite_template: Path):
    """`migrated_sqlite(path)` puts a migrated database at `path` and returns its URL."""
    def copy(path: Path) -> str:
        shutil.copyfile(_sqlite_template, path)
        return f"sqlite:///{path}"
    return copy


@pytest.fixture(scope="session")
def _pg_template(pg_reason) -> Iterator[str | None]:
    if pg_reason:
        yield None
        return
    name = f"coopmd_template_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine = make_engine(_pg_url(name))
    migrate.upgrade(engine)
    engine.dispose()  # a template database must have no session when copied
    yield name
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


class _RecycledDatabase:
    """One PostgreSQL database copied once from the template and reused test after test.
    After each test, what it touched goes back to the template's state: the tables it
    filled are emptied (DELETE, children first: TRUNCATE rewrites every file and cost as
    much), the rows the migrations seed (departments, themes, settings…) are given back if
    it changed them, and the sequences it moved are set back. Finding what was touched
    takes two queries; emptying all ~80 tables every time cost 0.16 s a test.
    `CREATE DATABASE … TEMPLATE` and `DROP` cost 0.7 s a test on this machine. A test that
    leaves it unusable (a lock held past the timeout) gets it dropped and copied afresh."""

    SEQUENCES = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"

    def __init__(self, template: str) -> None:
        self.template, self.name = template, ""
        engine = sa.create_engine(_pg_url(template))
        with engine.connect() as conn:
            metadata = sa.MetaData()
            metadata.reflect(conn)
            self.tables = [t for t in metadata.sorted_tables if t.name != "alembic_version"]
            self.seeds = {t.name: [dict(r._mapping) for r in conn.execute(sa.select(t))]
                          for t in self.tables}
            self.digests = {name: conn.exec_driver_sql(self._digest(name)).scalar()
                            for name, rows in self.seeds.items() if rows}
            self.sequences = dict(conn.exec_driver_sql(self.SEQUENCES).all())
        engine.dispose()
        self._copy()

    @staticmethod
    def _digest(table: str) -> str:
        return (f"SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM \"{table}\" x")

    def _touched(self, conn: sa.Connection) -> set[str]:
        """Tables that hold rows the template has not (one query for all of them); every
        seeded table as soon as one changed (they refer to each other)."""
        checks = [f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM \"{t.name}\")"
                  for t in self.tables if t.name not in self.digests]
        checks += [f"SELECT '{name}' WHERE ({self._digest(name)}) IS DISTINCT FROM "
                   f"'{digest}'" for name, digest in self.digests.items()]
        touched = set(conn.exec_driver_sql(" UNION ALL ".join(checks)).scalars())
        return touched | set(self.digests) if touched & set(self.digests) else touched

    def _copy(self) -> None:
        self.name = f"t_{uuid.uuid4().hex[:12]}"
        with _pg_admin().connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"')

    def drop(self) -> None:
        with _pg_admin().connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def reset(self) -> None:
        engine = sa.create_engine(_pg_url(self.name), poolclass=sa.pool.NullPool)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("SET LOCAL lock_timeout = '3s'")
                touched = self._touched(conn)
                for table in reversed(self.tables):
                    if table.name in touched:
                        conn.execute(table.delete())
                for table in self.tables:
                    if table.name in touched and self.seeds[table.name]:
                        conn.execute(table.insert(), self.seeds[table.name])
                for name, value in conn.exec_driver_sql(self.SEQUENCES).all():
                    if value != self.sequences.get(name):
                        first = self.sequences.get(name)
                        conn.exec_driver_sql(f"SELECT setval('\"{name}\"', {first or 1}, "
                                             f"{'true' if first else 'false'})")
        except sa.exc.OperationalError:
            self.drop()
            self._copy()
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def _pg_database(_pg_template) -> Iterator[_RecycledDatabase | None]:
    if _pg_template is None:
        yield None
        return
    database = _RecycledDatabase(_pg_template)
    yield database
    database.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path, migrated_sqlite) -> Iterator[str]:
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path / "test.db")
        return
    _require_pg(request)
    database = request.getfixturevalue("_pg_database")
    yield _pg_url(database.name)
    with _pg_admin().connect() as conn:  # nobody left connected (a test's own processes)
        conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             f"WHERE datname = '{database.name}' AND pid <> pg_backend_pid()")
    database.reset()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    _require_pg(request)
    with empty_pg_schema() as url:
        yield url


@contextlib.contextmanager
def empty_pg_schema() -> Iterator[str]:
    """The URL of a new, empty schema of the test PostgreSQL database, dropped on exit."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin_engine = sa.create_engine(pg_base_url())
    with admin_engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.make_url(pg_base_url()).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin_engine.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin_engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def conn(engine: sa.Engine) -> Iterator[sa.Connection]:
    with engine.begin() as connection:
        yield connection


def make_user(conn: sa.Connection, username: str, role: str = "contributor",
              **extra: str) -> accounts.User:
    """Register `username` then give it `role` directly (tests only)."""
    user = accounts.register(conn, username=username, email=f"{username}@ledepartement42.fr",
                             display_name=extra.pop("display_name", username.title()),
                             password=PASSWORD, password_repeat=PASSWORD, **extra)
    if role != user.role:
        conn.execute(sa.text("UPDATE users SET role = :r WHERE id = :i"),
                     {"r": role, "i": user.id})
    return accounts.get_user(conn, user_id=user.id)


@pytest.fixture
def admin(conn: sa.Connection) -> accounts.User:
    return make_user(conn, "admin.coop", "admin", display_name="Alice Admin")


@pytest.fixture
def member(conn: sa.Connection) -> accounts.User:
    return make_user(conn, "marie.dupont", "member", display_name="Marie Dupont",
                     department_code="42")


@pytest.fixture
def contributor(conn: sa.Connection) -> accounts.User:
    return make_user(conn, "paul.usager", display_name="Paul Usager")


# --- running in parallel (pytest-xdist, `-n 3 --dist loadgroup` in pyproject) ----------
# Three kinds of test must not crowd each other: each group runs on one worker, one test
# after the other, while the other workers share the rest.
# - the browser tests, in two groups of about the same length (one alone is the longest
#   part of the run): a Streamlit server and Chromium each, at most two at a time;
# - the fault tests: throwaway clusters, PgBouncer, an SMTP outage, processes migrating;
# - the races: 200 connections at once; two such at a time exhaust PostgreSQL's 100.
RACES = {"test_registration_race.py", "test_quotas.py",  # 40-connection pools each
         "test_kit_race.py"}
BROWSER_1 = {"test_events.py", "test_login.py", "test_backup.py", "test_groups.py",
             "test_resources.py", "test_notifications.py", "test_who_reads_what.py",
             "test_kits.py"}


def pytest_itemcollected(item: pytest.Item) -> None:
    """Marked as each test is collected, before xdist turns the marks into groups."""
    folder, name = item.path.parent.name, item.path.name
    group = {"e2e": "browser-1" if name in BROWSER_1 else "browser-2",
             "faults": "faults"}.get(folder)
    if group is None and folder == "db" and name in RACES:
        group = "races"
    if group:
        item.add_marker(pytest.mark.xdist_group(group))
