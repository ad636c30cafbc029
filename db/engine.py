"""One engine from one database URL: SQLite by default, PostgreSQL (Supabase) when configured.

Configuration is read from the environment here; the UI layer may pass a URL it found in
`st.secrets` instead, so this module never needs Streamlit.
"""

from __future__ import annotations

import contextlib
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from db.errors import DatabaseUnavailable

DEFAULT_URL = "sqlite:///data/coopmd.db"
POOLER_PORT = 6543  # Supabase's transaction-mode pooler: no prepared statements there.


def database_url(configured: str | None = None) -> str:
    """The one rule for which database: `COOPMD_DATABASE_URL` if set, else `configured`
    (the app's `[database] url` from secrets.toml), else the embedded SQLite default."""
    return os.environ.get("COOPMD_DATABASE_URL") or configured or DEFAULT_URL


def now() -> datetime:
    """The current instant, timezone-aware in UTC (stored as UTC by `schema.Instant`)."""
    return datetime.now(UTC)


PARIS = ZoneInfo("Europe/Paris")


def paris(instant: datetime) -> datetime:
    """An instant as a French wall-clock time (naive), for display; a naive instant is
    taken as UTC."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone(PARIS).replace(tzinfo=None)


def local_now() -> datetime:
    """Current wall-clock time in France, naive: days, slots and registration windows are
    entered and stored as French local times."""
    return datetime.now(PARIS).replace(tzinfo=None)


def _uses_transaction_pooler(url: sa.URL) -> bool:
    return url.port == POOLER_PORT or url.query.get("pooler") == "transaction"


def make_engine(url: str | None = None, **pool: int) -> Engine:
    """Build the engine; creates the SQLite folder so a fresh clone starts with no set-up.

    `pool` (pool_size, max_overflow, pool_timeout) is for load tests and benchmarks.
    """
    parsed = make_url(url or database_url())
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, pool)
    connect_args: dict[str, Any] = {}
    if _uses_transaction_pooler(parsed):
        connect_args["prepare_threshold"] = None
        parsed = parsed.difference_update_query(["pooler"])
    return sa.create_engine(parsed, pool_pre_ping=True, connect_args=connect_args, **pool)


def _sqlite_engine(url: sa.URL, pool: dict[str, Any]) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30}, **pool)

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: object) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
        # pysqlite's own BEGIN handling defers locks; we emit BEGIN IMMEDIATE ourselves
        # so that a transaction that reads then writes cannot be overtaken.
        dbapi_conn.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # a read (see `reading`) takes no lock until it reads, and never the write lock:
        # a long page read no longer holds up every writer of every process
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


T = TypeVar("T")
READ_ONLY = "coopmd_read_only"


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[sa.Connection]:
    """A transaction for reading: on SQLite a deferred one, which never takes the write
    lock (writes go through `run_in_transaction`); on PostgreSQL a plain one."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{READ_ONLY: True})
        with conn.begin():
            yield conn


_SQLITE_WRITERS: dict[str, threading.Lock] = {}


def _writers(engine: Engine) -> threading.Lock | contextlib.nullcontext[None]:
    """On SQLite, writers of this process queue on a lock instead of SQLite's busy handler,
    whose growing sleeps make a rush of sign-ups slow; other processes still rely on
    BEGIN IMMEDIATE and the busy timeout."""
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    return _SQLITE_WRITERS.setdefault(str(engine.url), threading.Lock())
RETRYABLE = ("deadlock detected", "could not serialize", "database is locked",
             "database table is locked")
# the connection went away (a restarted or failed-over server, a killed backend, a pooler
# that dropped us): the transaction never committed, so it is replayed on a new connection
LOST = ("server closed the connection", "terminating connection", "connection refused",
        "could not connect", "connection is closed", "consuming input failed",
        "the database system is starting up", "the database system is shutting down",
        "connection timeout expired", "no connection to the server",
        "ssl connection has been closed",
        # a connection attempt while the server goes down (psycopg: « connection failed: …
        # Connection reset by peer. Is the server running on that host and accepting
        # TCP/IP connections? »), seen in the restart fault test under load
        "connection reset by peer", "accepting tcp/ip connections")


def lost_connection(error: BaseException) -> bool:
    """Did this error come from a connection that went away?"""
    if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, sa.exc.OperationalError) and any(
        m in str(error.orig).lower() for m in LOST)


def _contended(error: BaseException) -> bool:
    return isinstance(error, sa.exc.OperationalError) and any(
        m in str(error.orig) for m in RETRYABLE)


HOOKS = "coopmd_hooks"


def after_commit(conn: sa.Connection, action: Callable[[], object]) -> None:
    """Run `action` once the transaction has committed (`run_in_transaction` only): what
    must not happen if the database change is rolled back, e.g. deleting a stored file.
    Outside `run_in_transaction` nothing is run: at worst a file stays unused."""
    if HOOKS in conn.info:
        conn.info[HOOKS][0].append(action)


def on_rollback(conn: sa.Connection, action: Callable[[], object]) -> None:
    """Run `action` if the transaction fails (`run_in_transaction` only): undo what lives
    outside the database, e.g. a file written for a row that will not exist."""
    if HOOKS in conn.info:
        conn.info[HOOKS][1].append(action)


def run_in_transaction(engine: Engine, work: Callable[[sa.Connection], T], *,
                       attempts: int = 5, reconnects: int = 7) -> T:
    """Run `work` in one transaction, retrying a bounded number of times when the database
    reports a deadlock, a serialization failure or a lock timeout (`attempts`), or when the
    connection was lost (`reconnects`, backing off 0.1 s → 6 s with jitter: a server
    restart of a few seconds is ridden out). After the last try a lost connection raises
    `DatabaseUnavailable` (French, the real error as its cause)."""
    contended = lost = 0
    while True:
        hooks: tuple[list[Any], list[Any]] = ([], [])
        try:
            with _writers(engine), engine.begin() as conn:
                conn.info[HOOKS] = hooks
                try:
                    result = work(conn)
                finally:
                    with contextlib.suppress(sa.exc.SQLAlchemyError):  # a dead connection
                        conn.info.pop(HOOKS, None)  # must not hide the error that killed it
        except Exception as error:
            for undo in hooks[1]:
                undo()
            if lost_connection(error) and lost < reconnects:
                lost += 1
                time.sleep(min(0.1 * 2 ** (lost - 1), 6) * random.uniform(0.8, 1.2))
                continue
            if lost_connection(error):
                raise DatabaseUnavailable() from error
            if _contended(error) and contended < attempts - 1:
                contended += 1
                time.sleep(random.uniform(0.01, 0.05) * contended)
                continue
            raise
        for action in hooks[0]:
            action()
        return result
