"""Per-process resources (the engine) and per-session state (the signed-in user)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
import streamlit as st

from db import accounts, migrate
from db.engine import DEFAULT_URL, make_engine

USER_KEY = "coopmd_user"


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
    return config("database", "url", "COOPMD_DATABASE_URL") or DEFAULT_URL


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> sa.Engine:
    engine = make_engine(url)
    migrate.upgrade(engine)  # idempotent: a fresh clone gets its database on first start
    return engine


def engine() -> sa.Engine:
    return _engine(database_url())


@contextmanager
def transaction() -> Iterator[sa.Connection]:
    """One database transaction: committed when the block ends, rolled back on error."""
    with engine().begin() as conn:
        yield conn


def current_user() -> accounts.User | None:
    """The signed-in user as app.py loaded it from the database on this rerun."""
    return st.session_state.get(USER_KEY)
