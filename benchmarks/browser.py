"""What a person waits for (#17, first part): click → settled in Debian's Chromium against a
real `streamlit run` on the region-scale dataset, SQLite then PostgreSQL in one run, with
the floor — a one-page Streamlit app whose one button writes one line — measured in the
same run, and the cold start against a one-line app.

Settled: at least one change of the page after the click, then Streamlit's status widget
gone and no change of the page for 100 ms; the time is that of the last change.

Run: `python -m benchmarks.browser [--repeat 20] [--scale 10] [--only matériel,prêts]`.
Not measured here (#17 asks for them): registering for an atelier, adding a programme
slot, and the sessions side by side.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("COOPMD_BCRYPT_ROUNDS", "4")

from benchmarks.common import PASSWORD, ROOT, pg_schema_url
from benchmarks.dataset import build
from benchmarks.run import CHROMIUM, _free_port, _wait_healthy, cold_start, one_line_cold_start

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
QUIET_MS = 100
ARM = """(quiet) => { window.__settled = new Promise((resolve) => {
  const start = performance.now(); let last = null, timer = null;
  const busy = () => document.querySelector('[data-testid="stStatusWidget"]');
  const check = () => { if (last !== null && !busy()) { observer.disconnect();
      resolve(last - start); } else { timer = setTimeout(check, quiet); } };
  const observer = new MutationObserver(() => { last = performance.now();
      clearTimeout(timer); timer = setTimeout(check, quiet); });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   characterData: true});
  setTimeout(() => { observer.disconnect(); resolve(-1); }, 30000); }); }"""
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


class Server:
    """`streamlit run` of `app_dir` on a free port, on the database `url`."""

    def __init__(self, url: str, app_dir: Path = ROOT) -> None:
        self.port = _free_port()
        env = {**os.environ, "COOPMD_DATABASE_URL": url, "COOPMD_COOKIE_KEY": "x" * 40,
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


def _sign_in(page, base: str) -> None:
    page.goto(base)
    page.get_by_label("Identifiant").fill("region000")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("button", name="Se déconnecter", exact=True).wait_for(timeout=60_000)


def _menu(page, name: str) -> Callable[[], None]:
    return lambda: page.get_by_role("link", name=name, exact=True).first.click()


def _typed(page, path: str, label: str, text: str, at) -> Callable[[], None]:
    """Get ready: open `path` and type `text` in the box `label` (not timed)."""
    def ready() -> None:
        at(path)()
        box = page.get_by_label(label)
        box.fill(text)
        box.press("Tab")  # the text reaches the server now, not inside the timed click
        page.wait_for_timeout(400)
    return ready


def _upload_ready(page, at, pdf: Path) -> Callable[[], None]:
    def ready() -> None:
        at("resource_edit")()
        page.get_by_label("Titre", exact=True).fill("Guide de 5 Mo")
        page.get_by_label("Titre", exact=True).press("Tab")
        page.locator("input[type=file]").set_input_files(str(pdf))
        page.get_by_role("button", name=f"Remove {pdf.name}").wait_for()
        page.wait_for_timeout(500)
    return ready


def _click(page, name: str) -> Callable[[], None]:
    return lambda: page.get_by_role("button", name=name, exact=True).first.click()


def actions(page, base: str, pdf: Path) -> list[tuple[str, Callable[[], None],
                                                       Callable[[], None]]]:
    """(name, how to get ready — not timed, the timed action)."""
    def at(path: str) -> Callable[[], None]:
        def go() -> None:
            page.goto(f"{base}/{path}")
            page.locator("[data-testid='stMainBlockContainer'] h1").first.wait_for()
            page.wait_for_timeout(300)
        return go

    def search() -> None:
        box = page.get_by_label("Rechercher (accents et pluriels sans importance)")
        box.fill("médiation numérique")
        box.press("Enter")

    def directory() -> None:
        box = page.get_by_label("Rechercher (nom, territoire, sujet…)")
        box.fill("numérique")
        box.press("Enter")

    board = "events_dashboard?event=1"
    return [
        ("ouvrir Accueil (menu)", at("forum"), _menu(page, "Accueil")),
        ("ouvrir Fiches projet (menu)", at(""), _menu(page, "Fiches projet")),
        ("ouvrir une fiche depuis la liste", at("pitches"),
         lambda: page.get_by_role("button", name="Lire").first.click()),
        ("commenter une fiche", _typed(page, "pitches?fiche=1", "Votre commentaire (Markdown)",
                                       "Un commentaire de mesure.", at),
         _click(page, "Publier le commentaire")),
        ("ouvrir un thème du forum", at("forum"),
         lambda: page.get_by_role("button", name="Lire").first.click()),
        ("rechercher dans un thème", at("forum?theme=1"), search),
        ("répondre dans un sujet", _typed(page, "forum?sujet=1", "Répondre (Markdown)",
                                          "Une réponse de mesure.", at),
         _click(page, "Publier la réponse")),
        ("ouvrir une journée", at("events"),
         lambda: page.get_by_role("button", name="Lire").first.click()),
        *[(f"tableau de bord : {section}", at(board),
           lambda section=section: page.get_by_role("radio", name=section).click())
          for section in ("Inscrits et exports", "Émargement", "Pointage", "Déplacer",
                          "Attribution", "Messages", "Après la journée")],
        ("préparer l'export XLSX", at(f"{board}&section=Inscrits+et+exports"),
         _click(page, "Préparer l'export XLSX")),
        ("déposer un PDF de 5 Mo", _upload_ready(page, at, pdf),
         _click(page, "Ajouter la ressource")),
        ("ouvrir l'Annuaire (menu)", at(""), _menu(page, "Annuaire")),
        ("filtrer l'Annuaire", at("directory"), directory),
        ("ouvrir les Feuilles de route (menu)", at(""), _menu(page, "Feuilles de route")),
        ("ouvrir un matériel du catalogue", at("kits"),
         lambda: page.get_by_role("button", name="Malle 0", exact=True).click()),
        ("ouvrir le suivi des prêts de la MD", at("kits"),
         lambda: page.get_by_role("button", name="Suivi des prêts de ma MD").click()),
    ]


def _figures(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[math.ceil(len(ordered) * 0.95) - 1]


def floor(browser, repeat: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "app.py").write_text(FLOOR_APP)
        server = Server(f"sqlite:///{folder}/unused.db", Path(folder))
        try:
            page = browser.new_page()
            page.goto(server.base)
            button = page.get_by_role("button", name="Écrire")
            button.wait_for()
            return _figures([settle(page, button.click) for _ in range(repeat)])
        finally:
            server.stop()


def measure(browser, url: str, repeat: int, only: str = "") -> dict[str, tuple[float, float]]:
    server = Server(url)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(60_000)
        _sign_in(page, server.base)
        found = {}
        words = [w for w in only.split(",") if w]
        pdf = Path(tempfile.mkdtemp()) / "guide-5-mo.pdf"
        pdf.write_bytes(b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n")
        for name, ready, act in actions(page, server.base, pdf):
            if words and not any(word in name for word in words):
                continue
            times = []
            for _ in range(repeat):
                ready()
                times.append(settle(page, act))
            found[name] = _figures(times)
        context.close()
        return found
    finally:
        server.stop()


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--only", default="", help="actions whose name holds one of these "
                        "words, comma-separated (all by default)")
    options = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite:///{folder}/region.db"
        started = time.perf_counter()
        build(sqlite_url, scale=options.scale)
        print(f"jeu de données (échelle {options.scale}) : "
              f"{time.perf_counter() - started:.1f} s")
        pg_url, drop = pg_schema_url()
        try:
            build(pg_url, scale=options.scale)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                floor_figures = floor(browser, options.repeat)
                results["SQLite"] = measure(browser, sqlite_url, options.repeat,
                                            options.only)
                results["PostgreSQL"] = measure(browser, pg_url, options.repeat, options.only)
                browser.close()
        finally:
            drop()
        colds = (cold_start(sqlite_url), one_line_cold_start(sqlite_url))
    _print(floor_figures, results, colds, options.repeat)


def _print(floor_figures, results, colds, repeat: int) -> None:
    median_floor, p95_floor = floor_figures
    print(f"plancher (un bouton qui écrit une ligne), {repeat} fois : médiane "
          f"{median_floor:.0f} ms, p95 {p95_floor:.0f} ms")
    print(f"{'action':<38} {'base':<11} {'médiane':>8} {'p95':>7} {'× plancher':>10}")
    for base, found in results.items():
        for name, (median, p95) in found.items():
            print(f"{name:<38} {base:<11} {median:>6.0f}ms {p95:>5.0f}ms "
                  f"{median / median_floor:>9.1f}×")
    app, one_line = colds
    print(f"démarrage à froid : {app:.2f} s contre {one_line:.2f} s pour une application "
          f"d'une ligne ({app / one_line:.2f}×)")


if __name__ == "__main__":
    main()
