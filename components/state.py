"""Per-process resources (the engine) and per-session state (the signed-in user)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlalchemy as sa
import streamlit as st

from components import mail
from db import accounts, files, mailer, migrate, submissions
from db.engine import database_url as engine_url
from db.engine import lost_connection, make_engine, reading, run_in_transaction
from db.errors import DatabaseUnavailable

USER_KEY = "coopmd_user"
T = TypeVar("T")


def config(section: str, key: str, env: str) -> str | None:
    """One setting: `[section] key` in secrets.toml, else the environment variable `env`.

    The environment wins when set, so tests and CI can point the app anywhere.
    """
    if os.environ.get(env):
        return os.environ[env]
    try:
        return st.secrets.get(section, {}).get(key)
    except FileNotFoundError:  # no secrets.toml at all: fine, we have defaults
        return None


def database_url() -> str:
    """`db.engine.database_url` with the secrets' `[database] url` as the configured one."""
    return engine_url(config("database", "url", "COOPMD_DATABASE_URL"))


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> sa.Engine:
    engine = make_engine(url)
    migrate.upgrade(engine)  # idempotent: a fresh clone gets its database on first start
    smtp = mail.smtp_config(config)
    with engine.begin() as conn:
        mailer.configure(conn, enabled=smtp is not None,
                         public_url=config("app", "url", "COOPMD_PUBLIC_URL")
                         or "http://localhost:8501/")
    if smtp is not None:
        mail.start_sender(engine, smtp)
    mail.start_reminders(engine)
    return engine


@st.cache_resource(show_spinner=False)
def _store(supabase_url: str | None, supabase_key: str | None, bucket: str | None,
           root: str) -> files.Store:
    return files.make_store(supabase_url=supabase_url, supabase_key=supabase_key,
                            bucket=bucket, root=root)


def file_store() -> files.Store:
    """Where uploaded files go: Supabase Storage when `[supabase] url` and `key` (or
    SUPABASE_URL and SUPABASE_KEY) are set, else the local folder `data/files/`."""
    return _store(config("supabase", "url", "SUPABASE_URL"),
                  config("supabase", "key", "SUPABASE_KEY"),
                  config("supabase", "bucket", "COOPMD_STORAGE_BUCKET"),
                  config("files", "root", "COOPMD_FILES_DIR") or "data/files")


def engine() -> sa.Engine:
    return _engine(database_url())


@contextmanager
def transaction() -> Iterator[sa.Connection]:
    """A transaction for reading what a page shows (writes go through `write`): on SQLite
    it takes no write lock, so a page being drawn holds up no one's click. A lost
    connection becomes `DatabaseUnavailable` (the page says it in French)."""
    try:
        with reading(engine()) as conn:
            yield conn
    except sa.exc.DBAPIError as error:
        if lost_connection(error):
            raise DatabaseUnavailable() from error
        raise


def current_user() -> accounts.User | None:
    """The signed-in user as app.py loaded it from the database on this rerun."""
    return st.session_state.get(USER_KEY)


def write(work: Callable[[sa.Connection], T], *, once: str | None = None) -> T:
    """Run a write in one transaction, retried on lock contention (sign-up rushes).

    `once` is the submitting form's token (`forms.token`): the same token a second time
    raises `submissions.AlreadySubmitted` and writes nothing."""
    result = run_in_transaction(engine(), submissions.once(once, work) if once else work)
    mail.wake()
    return result


def app_url(path: str = "") -> str:
    """Absolute link to a page of this app, as the browser sees it (for .ics and emails)."""
    base = (st.context.url or "http://localhost:8501/").split("?")[0]
    base = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
    return base + path
