"""UI fixtures: each test gets its own SQLite file behind the app and empty caches.

- `app_engine`: the (migrated) database the app will open, to seed it directly.
- `app`: a fresh `AppTest` of app.py, not yet run.
- `users`: one account per role on that database (password `PASSWORD`).
- `demo`: the demo data loaded there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from db import demo as demo_data
from db.engine import make_engine
from tests.conftest import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _navigation_like_the_server(monkeypatch) -> None:
    """Run every rerun through app.py, as `streamlit run` does.

    The server switches off the legacy `pages/` folder mode for good once app.py calls
    `st.navigation`; AppTest resets that switch before each run, which would run a page file
    directly on reruns and skip app.py (sign-in, menu by role).
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True)
def _isolated_app(tmp_path, monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("COOPMD_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("COOPMD_COOKIE_KEY", "cle-de-test-uniquement-" + "x" * 24)
    monkeypatch.setenv("COOPMD_FILES_DIR", str(tmp_path / "files"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def app_engine(tmp_path, migrated_sqlite) -> Iterator[sa.Engine]:
    engine = make_engine(migrated_sqlite(tmp_path / "app.db"))
    yield engine
    engine.dispose()


@pytest.fixture
def users(app_engine) -> dict:
    with app_engine.begin() as conn:
        return {role: make_user(conn, f"{role}.test", role)
                for role in ("admin", "organiser", "member", "contributor")}


@pytest.fixture
def demo(app_engine, users) -> None:
    with app_engine.begin() as conn:
        demo_data.load(conn, actor=users["admin"])


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


def widget(elements, label: str):
    """The one widget with this label (found as a person finds it: by what it says)."""
    found = [element for element in elements if element.label == label]
    assert len(found) == 1, f"{len(found)} widgets labelled {label!r}"
    return found[0]


def fill(at: AppTest, values: dict[str, str]) -> None:
    """Type into text inputs found by label."""
    for label, value in values.items():
        widget(at.text_input, label).input(value)


def login(at: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    widget(at.text_input, "Identifiant").input(username)
    widget(at.text_input, "Mot de passe").input(password)
    widget(at.button, "Se connecter").click()
    return at.run()


def open_as(username: str, page: str, **params: object) -> AppTest:
    """A new browser session (its own AppTest) signed in as `username`, on `page` with
    these query parameters — a second person next to the test's `app`."""
    at = login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(), username)
    for key, value in params.items():
        at.query_params[key] = str(value)
    return at.switch_page(page).run()


def unfold(at: AppTest, key: str) -> AppTest:
    """Open the folded section `key` (`components.folds`), as a click on its title does:
    its content is drawn from the next run on."""
    at.session_state[key] = True
    return at.run()


def texts(at: AppTest) -> str:
    """Everything the page shows as text, to assert on what a person would read."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption",
                                  "error", "warning", "info", "success")
             for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))  # drop Markdown escapes
