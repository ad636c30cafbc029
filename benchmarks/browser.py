"""What a person waits for (#17): click → settled in Debian's Chromium against a real
`streamlit run` on the region-scale dataset, SQLite then PostgreSQL in one run, with the
floor — a one-page Streamlit app whose one button writes one line — measured in the same
run; then, on PostgreSQL, the side-by-side actions while 10 and 30 other sessions browse
and post (`benchmarks.crowd`), with the server's memory and CPU; the sign-up rush of
`benchmarks.events` on both databases; the cold start against a one-line app.

Settled: the server has answered the click (a websocket message has come), the script run
is over (`data-test-script-state` on Streamlit's `stApp`), its status widget is gone and the
page has not changed for 100 ms; the time is that of the last change. (Without the answer,
a busy server's silence after the click's own feedback read as settled: 56 ms with 30
others.) A download is timed from the click to its last byte received (`fetched`): its
file is built at the click, on Streamlit's own thread, and the page does not change.

Run: `python -m benchmarks.browser [--repeat 20] [--scale 10] [--only matériel,prêts]
[--crowds 10,30]`.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks.common import PASSWORD, ROOT, pg_schema_url
from benchmarks.dataset import build
from benchmarks.events import sign_up_rush
from benchmarks.run import CHROMIUM, _free_port, _wait_healthy, cold_start, one_line_cold_start
from db import accounts
from db.engine import make_engine
from db.events import registrations

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
QUIET_MS = 100
COOKIE_KEY = "x" * 40  # the servers' sign-in key: the side-by-side sessions sign with it
# counts the server's websocket messages: a click is answered once one has come
COUNT_MESSAGES = """(() => { const Native = window.WebSocket; window.__answers = 0;
  window.WebSocket = function (...args) { const socket = new Native(...args);
    socket.addEventListener('message', () => { window.__answers += 1; }); return socket; };
  window.WebSocket.prototype = Native.prototype; Object.assign(window.WebSocket, Native);
})();"""
ARM = """(quiet) => { window.__settled = new Promise((resolve) => {
  const start = performance.now(), before = window.__answers; let last = null, timer = null;
  const app = document.querySelector('[data-testid="stApp"]');
  const running = () => app.getAttribute('data-test-script-state') === 'running'
      || document.querySelector('[data-testid="stStatusWidget"]');
  const check = () => { if (window.__answers > before && last !== null && !running()) {
      observer.disconnect(); resolve(last - start); } else { timer = setTimeout(check, quiet); } };
  const observer = new MutationObserver(() => { last = performance.now();
      clearTimeout(timer); timer = setTimeout(check, quiet); });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   characterData: true});
  setTimeout(() => { observer.disconnect(); resolve(-1); }, 30000); }); }"""
# shows another address in this session, as the browser's Back and Forward buttons do
VISIT = """(url) => { history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate')); }"""
# a loaded page is ready once its script run is over and nothing has changed for `quiet` ms
QUIET = """(quiet) => new Promise((resolve) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const running = () => app.getAttribute('data-test-script-state') === 'running'
      || document.querySelector('[data-testid="stStatusWidget"]');
  let timer = null;
  const check = () => { if (running()) { timer = setTimeout(check, quiet); }
                        else { observer.disconnect(); resolve(); } };
  const observer = new MutationObserver(() => { clearTimeout(timer);
      timer = setTimeout(check, quiet); });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   characterData: true});
  timer = setTimeout(check, quiet); })"""
FLOOR_APP = ('import streamlit as st\n'  # each click writes a new line: the page changes
             'st.session_state.setdefault("n", 0)\n'
             'if st.button("Écrire"):\n'
             '    st.session_state.n += 1\n'
             'st.write(f"Ligne {st.session_state.n}")\n')


def settle(page, act: Callable[[], None]) -> float:
    """Milliseconds from `act` (a click, a key) to the page settled."""
    page.evaluate(ARM, QUIET_MS)
    act()
    waited = page.evaluate("window.__settled")
    if waited < 0:
        raise RuntimeError("la page ne s'est pas stabilisée en 30 s")
    return float(waited)


def fetched(page, act: Callable[[], None]) -> float:
    """Milliseconds from `act` (a click on a download button) to the file's last byte."""
    began = time.perf_counter()
    with page.expect_download() as download:
        act()
    download.value.path()  # waits for the whole file
    return (time.perf_counter() - began) * 1000


class Server:
    """`streamlit run` of `app_dir` on a free port, on the database `url`."""

    def __init__(self, url: str, app_dir: Path = ROOT) -> None:
        self.port, self.url = _free_port(), url
        env = {**os.environ, "COOPMD_DATABASE_URL": url, "COOPMD_COOKIE_KEY": COOKIE_KEY,
               "COOPMD_REMINDERS": "off"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(self.port), "--browser.gatherUsageStats", "false"],
            cwd=app_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_healthy(self.port)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far (user + system)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mb(self) -> tuple[float, float]:
        """Resident memory now and at its peak (MB)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
        kb = {line.split(":")[0]: int(line.split()[1]) for line in status
              if line.startswith(("VmRSS", "VmHWM"))}
        return kb["VmRSS"] / 1024, kb["VmHWM"] / 1024


def _sign_in(page, base: str) -> None:
    page.goto(base)
    page.get_by_label("Identifiant").fill("region000")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("button", name="Se déconnecter", exact=True).wait_for(timeout=60_000)


Step = Callable[[], None]


class Steps:
    """How a person gets somewhere and acts, for the actions below. Getting ready goes the
    way people go (a menu link, a section) and waits for the page to settle, as the timed
    action does; a page is loaded by its address only when no click leads there."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base

    def menu(self, name: str) -> Step:
        return lambda: self.page.get_by_role("link", name=name, exact=True).first.click()

    def button(self, name: str, exact: bool = True) -> Step:
        return lambda: self.page.get_by_role("button", name=name, exact=exact).first.click()

    def section(self, name: str) -> Step:
        return lambda: self.page.get_by_role("radio", name=name).click()

    def visit(self, path: str) -> None:
        """Show `path` in this session as Back and Forward do (the address changes, the
        page reruns, nothing is reloaded): getting ready only, where no fresh session is
        needed — a new page load cost a second, most of it Streamlit's own start."""
        url = f"{self.base}/{path}"
        settle(self.page, lambda: self.page.evaluate(VISIT, url))

    def load(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}", wait_until="commit")  # then its own signs
        self.page.locator("[data-testid='stMainBlockContainer'] h1").first.wait_for()
        self.page.evaluate(QUIET, QUIET_MS)

    def here(self, path: str) -> bool:
        return self.page.url.rstrip("/") == f"{self.base}/{path}".rstrip("/")

    def at(self, path: str, within: str = "") -> Step:
        """At `path` (loaded only if the page is elsewhere, or not at one starting `within`:
        any fiche will do for a comment)."""
        def go() -> None:
            if not (self.page.url.startswith(f"{self.base}/{within}") if within
                    else self.here(path)):
                self.visit(path)
        return go

    def listed(self, name: str, path: str) -> Step:
        """At the list `path`, through its menu link `name` unless already there."""
        def go() -> None:
            if not self.here(path):
                settle(self.page, self.menu(name))
        return go

    def away_from(self, path: str, name: str) -> Step:
        """Anywhere but `path` (through the menu link `name` if there)."""
        def go() -> None:
            if self.here(path):
                settle(self.page, self.menu(name))
        return go

    def other_section(self, board: str, name: str, other: str) -> Step:
        """At the dashboard `board` with a section other than `name` shown."""
        def go() -> None:
            if not self.page.url.startswith(f"{self.base}/{board.split('?')[0]}"):
                self.visit(board)
            if self.page.get_by_role("radio", name=name).is_checked():
                settle(self.page, self.section(other))
        return go

    def typed(self, path: str, label: str, text: str, within: str = "") -> Step:
        """At `path` (see `at`), `text` typed in the box `label` and sent (the field left)."""
        def ready() -> None:
            self.at(path, within)()
            box = self.page.get_by_label(label)
            box.fill(text)
            settle(self.page, lambda: box.press("Tab"))
        return ready

    def searched(self, label: str, words: list[str]) -> Step:
        """Type the next of `words` in the search box `label` and press Enter."""
        turn = itertools.cycle(words)
        def search() -> None:
            box = self.page.get_by_label(label)
            box.fill(next(turn))
            box.press("Enter")
        return search


def _upload_ready(steps: Steps, pdf: Path) -> Step:
    def ready() -> None:  # the last upload opened its resource: the form shown again
        steps.visit("resource_edit")
        page = steps.page
        title = page.get_by_label("Titre", exact=True)
        title.fill("Guide de 5 Mo")
        settle(page, lambda: title.press("Tab"))
        for _ in range(3):  # a rerun landing on the upload may draw the field again empty
            page.locator("input[type=file]").set_input_files(str(pdf))
            try:
                page.get_by_role("button", name=f"Remove {pdf.name}").wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                continue
        page.evaluate(QUIET, QUIET_MS)  # the upload's own rerun
    return ready


def _slot_ready(steps: Steps, path: str) -> Step:
    def ready() -> None:
        steps.at(path)()
        form = steps.page.get_by_test_id("stForm").filter(has_text="Ajouter un créneau")
        form.get_by_role("textbox", name="Intitulé").fill("Créneau de mesure")
        form.get_by_role("spinbutton", name="heure, Début").press_sequentially("17")
        form.get_by_role("spinbutton", name="minute, Début").press_sequentially("00")
    return ready


def _registration_ready(steps: Steps, url: str, event_id: int) -> Step:
    """Not registered to the day (cancelled in the database), its page shown again, an
    atelier picked."""
    engine = make_engine(url)  # one for the run: a new engine each time cost ~0.1 s

    def ready() -> None:
        with engine.begin() as conn:
            admin = accounts.get_by_username(conn, username="region000")
            held = registrations.get_registration_for(conn, event_id=event_id, user=admin)
            if held is not None and held.status != "cancelled":
                registrations.cancel(conn, actor=admin, registration_id=held.id)
        steps.visit(f"events?event={event_id}")  # its run reads the cancellation
        steps.page.get_by_role("radio").first.check(force=True)
    return ready


def _reply_ready(steps: Steps) -> Step:
    """A thread open, a reply typed: from a theme, its first thread found, as people go;
    otherwise (or when the search found none) the first thread loaded."""
    typed = steps.typed("forum?sujet=1", "Répondre (Markdown)", "Une réponse de mesure.",
                        "forum?sujet=")
    def ready() -> None:
        read = steps.page.get_by_role("button", name=re.compile("^Lire"))
        if steps.page.url.startswith(f"{steps.base}/forum?theme=") and read.count():
            settle(steps.page, read.first.click)
        typed()
    return ready


def _export_ready(steps: Steps, board: str) -> Step:
    """The dashboard's list shown (the sections before leave the dashboard open)."""
    def ready() -> None:
        steps.at(board, board.split("&")[0])()
        if not steps.page.get_by_role("radio", name="Inscrits et exports").is_checked():
            settle(steps.page, steps.section("Inscrits et exports"))
    return ready


# name, getting ready (not timed), the timed action; a download's name says « télécharger »
Action = tuple[str, Step, Step]


def actions(steps: Steps, url: str, pdf: Path) -> list[Action]:
    """Every action #17 names, in the order a run takes them."""
    menu, button, at, listed = steps.menu, steps.button, steps.at, steps.listed
    board = "events_dashboard?event=1"
    forum, kits = "Forum inclusion numérique", "Malles et matériel"
    sections = ["Inscrits et exports", "Émargement", "Pointage", "Déplacer", "Attribution",
                "Messages", "Après la journée"]

    return [
        ("ouvrir Accueil (menu)", steps.away_from("", forum), menu("Accueil")),
        ("ouvrir Fiches projet (menu)", steps.away_from("pitches", "Accueil"),
         menu("Fiches projet")),
        ("ouvrir une fiche depuis la liste", listed("Fiches projet", "pitches"),
         button("Lire", exact=False)),
        ("commenter une fiche", steps.typed("pitches?fiche=1", "Votre commentaire (Markdown)",
                                            "Un commentaire de mesure.", "pitches?fiche="),
         button("Publier le commentaire")),
        ("ouvrir un thème du forum", listed(forum, "forum"), button("Lire", exact=False)),
        ("rechercher dans un thème", at("forum?theme=1", "forum?theme="), steps.searched(
            "Rechercher (accents et pluriels sans importance)",
            ["médiation numérique", "tablettes", "atelier", "seniors"])),
        ("répondre dans un sujet", _reply_ready(steps),
         button("Publier la réponse")),
        ("ouvrir une journée", listed("Journées", "events"), button("Lire", exact=False)),
        ("s'inscrire à un atelier", _registration_ready(steps, url, 3),
         button("Valider mon inscription")),
        ("ajouter un créneau au programme",
         _slot_ready(steps, "events_admin?event=2&section=Programme+et+ateliers"),
         button("Ajouter au programme")),
        *[(f"tableau de bord : {name}",
           steps.other_section(board, name, sections[index - 1]), steps.section(name))
          for index, name in enumerate(sections)],
        ("télécharger l'export XLSX", _export_ready(steps, board),
         button("Télécharger l'export XLSX")),
        ("déposer un PDF de 5 Mo", _upload_ready(steps, pdf), button("Ajouter la ressource")),
        ("ouvrir l'Annuaire (menu)", steps.away_from("directory", "Accueil"),
         menu("Annuaire")),
        ("filtrer l'Annuaire", at("directory"), steps.searched(
            "Rechercher (nom, territoire, sujet…)", ["numérique", "Loire", "jeunesse"])),
        ("ouvrir les Feuilles de route (menu)", steps.away_from("roadmap", "Accueil"),
         menu("Feuilles de route")),
        ("ouvrir un matériel du catalogue", listed(kits, "kits"), button("Malle 0")),
        ("ouvrir le suivi des prêts de la MD", listed(kits, "kits"),
         button("Suivi des prêts de ma MD")),
    ]


def _figures(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[math.ceil(len(ordered) * 0.95) - 1]


def floor(browser, repeat: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "app.py").write_text(FLOOR_APP)
        server = Server(f"sqlite:///{folder}/unused.db", Path(folder))
        try:
            context = browser.new_context()
            context.add_init_script(COUNT_MESSAGES)
            page = context.new_page()
            page.goto(server.base)
            button = page.get_by_role("button", name="Écrire")
            button.wait_for()
            return _figures([settle(page, button.click) for _ in range(repeat)])
        finally:
            server.stop()


SIDE_BY_SIDE = ["ouvrir Accueil (menu)", "ouvrir une fiche depuis la liste",
                "commenter une fiche", "rechercher dans un thème", "s'inscrire à un atelier",
                "tableau de bord : Inscrits et exports", "ouvrir un matériel du catalogue"]
Figures = dict[str, tuple[float, float]]


def _timed(steps: Steps, chosen: list[Action], repeat: int) -> Figures:
    """`repeat` rounds of every chosen action, in order: what an action leaves is often what
    the next one needs (a list, another section), so getting ready seldom reloads a page."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in chosen}
    spent = dict.fromkeys(times, 0.0)
    failed: set[str] = set()
    for _ in range(repeat):
        for name, ready, act in chosen:
            if name in failed:
                continue
            began = time.perf_counter()
            try:
                ready()
                timer = fetched if name.startswith("télécharger") else settle
                times[name].append(timer(steps.page, act))
            except (PlaywrightError, RuntimeError) as error:  # said; the run goes on
                failed.add(name)
                shot = Path(tempfile.gettempdir()) / f"benchmark-browser-{len(failed)}.png"
                steps.page.screenshot(path=shot)
                print(f"« {name} » a échoué ({type(error).__name__}) : capture {shot}",
                      file=sys.stderr)
                steps.load("")  # the next action starts from a known page
            spent[name] += time.perf_counter() - began
    for name, taken in times.items():
        print(f"  {name} : {spent[name]:.0f} s dont {sum(taken) / 1000:.0f} s mesurées",
              file=sys.stderr)
    return {name: _figures(taken) for name, taken in times.items() if taken}


def measure(browser, url: str, repeat: int, only: str = "",
            crowds: tuple[int, ...] = ()) -> dict[str, Figures | str]:
    """The actions alone on a fresh server; then, for each N of `crowds`, the side-by-side
    ones while N other sessions browse and post (with the server's memory and CPU)."""
    server = Server(url)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        context.add_init_script(COUNT_MESSAGES)
        page = context.new_page()
        page.set_default_timeout(60_000)
        _sign_in(page, server.base)
        steps = Steps(page, server.base)
        pdf = Path(tempfile.mkdtemp()) / "guide-5-mo.pdf"
        pdf.write_bytes(b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n")
        words = [w for w in only.split(",") if w]
        every = [a for a in actions(steps, url, pdf)
                 if not words or any(word in a[0] for word in words)]
        found: dict[str, Figures | str] = {"seul": _timed(steps, every, repeat)}
        for others in crowds:
            found[f"+{others}"], found[f"+{others} serveur"] = _beside(
                server, steps, [a for a in every if a[0] in SIDE_BY_SIDE], repeat, others)
        context.close()
        return found
    finally:
        server.stop()


def _beside(server: Server, steps: Steps, chosen: list[Action], repeat: int,
            others: int) -> tuple[Figures, str]:
    from benchmarks.crowd import Crowd, people

    crowd = Crowd(server.port, *people(server.url, others, COOKIE_KEY))
    time.sleep(3)  # every session has opened its first page
    cpu_before, started = server.cpu_seconds(), time.perf_counter()
    figures = _timed(steps, chosen, repeat)
    cpu = (server.cpu_seconds() - cpu_before) / (time.perf_counter() - started)
    rss, peak = server.memory_mb()
    runs, posts, errors, count = crowd.stop()
    usage = (f"RSS {rss:.0f} Mo (pic {peak:.0f} Mo), CPU du serveur {cpu:.0%} d'un cœur ; "
             f"les {others} autres : {runs} pages ouvertes, {posts} réponses, "
             f"{count} erreurs{' ' + '; '.join(errors[:3]) if errors else ''}")
    return figures, usage


def _rush(url: str) -> float:
    """The sign-up rush of `benchmarks.events` on this run's dataset, as its admin."""
    engine = make_engine(url)
    with engine.connect() as conn:
        admin = accounts.get_by_username(conn, username="region000")
    engine.dispose()
    return sign_up_rush(url, admin)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--only", default="", help="actions whose name holds one of these "
                        "words, comma-separated (all by default)")
    parser.add_argument("--crowds", default="10,30", help="numbers of other sessions, "
                        "side by side on PostgreSQL (empty: none)")
    options = parser.parse_args()
    crowds = tuple(int(n) for n in options.crowds.split(",") if n)
    started = time.perf_counter()
    results: dict[str, dict[str, Figures | str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite:///{folder}/region.db"
        build(sqlite_url, scale=options.scale)
        print(f"jeu de données (échelle {options.scale}) : "
              f"{time.perf_counter() - started:.1f} s")
        pg_url, drop = pg_schema_url()
        try:
            build(pg_url, scale=options.scale)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                floor_figures = floor(browser, options.repeat)
                results["SQLite"] = measure(browser, sqlite_url, options.repeat, options.only)
                results["PostgreSQL"] = measure(browser, pg_url, options.repeat, options.only,
                                                crowds)
                colds = _cold_starts(sqlite_url, browser)
                browser.close()
            rush = _rush(sqlite_url), _rush(pg_url)
        finally:
            drop()
    _print(floor_figures, results, colds, rush, options.repeat)
    print(f"durée totale : {(time.perf_counter() - started) / 60:.1f} min")


def _cold_starts(url: str, browser, times: int = 3) -> tuple[float, float]:
    """Medians of `times` cold starts of the app and of the one-line app, alternated: one
    start is at the mercy of whatever else the machine does in those two seconds."""
    pairs = [(cold_start(url, browser=browser), one_line_cold_start(url, browser))
             for _ in range(times)]
    return statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs)


def _print(floor_figures, results, colds, rush, repeat: int) -> None:
    median_floor, p95_floor = floor_figures
    print(f"plancher (un bouton qui écrit une ligne), {repeat} fois : médiane "
          f"{median_floor:.0f} ms, p95 {p95_floor:.0f} ms")
    print(f"{'action':<42} {'base':<11} {'autres':>6} {'médiane':>8} {'p95':>7} "
          f"{'× plancher':>10}")
    for base, settings in results.items():
        for setting, found in settings.items():
            if isinstance(found, str):
                print(f"  {base}, {setting} : {found}")
                continue
            for name, (median, p95) in found.items():
                print(f"{name:<42} {base:<11} {setting:>6} {median:>6.0f}ms {p95:>5.0f}ms "
                      f"{median / median_floor:>9.1f}×")
    app, one_line = colds
    print(f"démarrage à froid : {app:.2f} s contre {one_line:.2f} s pour une application "
          f"d'une ligne ({app / one_line:.2f}×)")
    print(f"ruée de 200 inscriptions pour 20 places, réglée en : SQLite {rush[0]:.2f} s, "
          f"PostgreSQL {rush[1]:.2f} s")


if __name__ == "__main__":
    main()
