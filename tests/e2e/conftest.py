"""Browser fixtures: a real `streamlit run` on a free port with its own database, and
Debian's Chromium driven by Playwright (never `playwright install`).

- `live_db`: the SQLite URL the server will use, migrated, with one admin (`ADMIN`).
- `server`: the base URL of the running app.
- `page`: a fresh Chromium page; a screenshot lands in test-artifacts/ when a test fails.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from db import pitches
from db.engine import make_engine
from tests.conftest import make_user

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ADMIN = "admin.e2e"
COOKIE_KEY = "cle-e2e-" + "x" * 32  # the servers' sign-in key

pytestmark = pytest.mark.e2e
# as `page.set_default_timeout` below: a 2-core CI machine running Streamlit, Chromium and
# PostgreSQL at once needs more than Playwright's 5 s for an upload or a first page
expect.set_options(timeout=15_000)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_engine(tmp_path, migrated_sqlite) -> Iterator:
    """The database the server will use: migrated, with one admin, open for seeding."""
    engine = make_engine(migrated_sqlite(tmp_path / "live.db"))
    with engine.begin() as conn:
        make_user(conn, ADMIN, "admin", display_name="Alice Admin")
    yield engine
    engine.dispose()


@pytest.fixture
def live_db(live_engine) -> str:
    return live_engine.url.render_as_string(hide_password=False)


@pytest.fixture
def server(live_db, tmp_path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "COOPMD_DATABASE_URL": live_db,
           "COOPMD_FILES_DIR": str(tmp_path / "files"),
           "COOPMD_COOKIE_KEY": COOKIE_KEY}
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _wait_healthy(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("streamlit run s'est arrêté au démarrage")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("streamlit run ne répond pas après 30 s")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} manquant sous CI")
        pytest.skip(f"{CHROMIUM} absent : apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def sign_in(page, username: str, password: str) -> None:
    """Through the real form, then wait until the login cookie is written (the next
    `goto` is a new session, signed in only by that cookie)."""
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("button", name="Se déconnecter", exact=True).wait_for()
    _wait_for_cookie(page, present=True)
    page.wait_for_timeout(300)


def _wait_for_cookie(page, *, present: bool) -> None:
    for _ in range(100):
        if any(c["name"] == "coopmd_auth" for c in page.context.cookies()) == present:
            return
        page.wait_for_timeout(100)
    raise AssertionError("cookie de connexion " + ("jamais écrit" if present else
                                                   "jamais effacé"))


def sign_out(page) -> None:
    """Through the sidebar button, then wait until the login cookie is deleted."""
    page.get_by_role("button", name="Se déconnecter", exact=True).click()
    _wait_for_cookie(page, present=False)


def settle(page) -> None:
    """Until Streamlit's « running » indicator is gone (the rerun has been drawn)."""
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=20_000)
    page.wait_for_timeout(200)


def choose(page, where, label: str, option) -> None:
    """Pick `option` (a name or a regex) in the select box `label` inside `where`.

    A rerun that lands while the menu opens closes it again (seen in CI under load):
    open it until the option shows, up to five times."""
    wanted = page.get_by_role("option", name=option)
    for _ in range(5):
        page.wait_for_timeout(400)
        where.get_by_role("combobox", name=label).click()
        try:
            wanted.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    wanted.click()


def pick(page, option) -> None:
    """Check a radio button or a box. A rerun landing on the click (the field just left
    sends one) can undo it — « Clicking the checkbox did not change its state », seen in
    CI with two browser tests at once: click again until it holds, up to five times."""
    for _ in range(5):
        with contextlib.suppress(PlaywrightError):  # checked below, whatever it says
            option.check(force=True, timeout=3_000)
        page.wait_for_timeout(400)
        if option.is_checked():
            return
    raise AssertionError("la case ne reste pas cochée")


# the Tarn-et-Garonne fiche of the seeds, as the browser tests publish it
FICHE = pitches.FicheInput(title="Développer une offre numérique en Tarn-et-Garonne",
                           summary="Ressources numériques pour les médiathèques du réseau.",
                           department_code="82", status="termine")


def downloaded(page, name) -> tuple[str, bytes]:
    """One click on the download button `name` (a name or a regex): the file's suggested
    name and its bytes, once the last one has come."""
    with page.expect_download() as download:
        page.get_by_role("button", name=name).click()
    return download.value.suggested_filename, download.value.path().read_bytes()
