"""axe-core in Chromium on every page, for a visitor, a member and an organiser, on the
demo data: no *serious* or *critical* violation of the WCAG 2.1 A/AA rules."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from db import demo
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import sign_in, sign_out

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
VISITOR = ["", "register", "accessibility"]
MEMBER = ["", "pitches", "pitches?fiche=1", "pitch_edit", "events", "events?event=1",
          "forum", "forum?theme=1", "forum?sujet=1", "resources", "resources?ressource=1",
          "resource_edit", "groups", "groups?groupe=1", "directory", "my_registrations",
          "account", "accessibility", "roadmap", "roadmap?feuille=2", "roadmap?action=1",
          "kits", "kits?malle=1"]
ORGANISER = ["events_admin", "events_dashboard", "moderation", "forum?theme=2", "kits?suivi=1",
             "kits?reservation=1"]


def _problems(page, base: str, paths: list[str], *, signed_in: bool = True) -> list[str]:
    axe, found = Axe(), []
    for path in paths:
        page.goto(f"{base}/{path}")
        page.locator("[data-testid='stMainBlockContainer'] h1").first.wait_for()
        if signed_in:  # the page of the role under test, not the login form
            page.get_by_role("button", name="Se déconnecter", exact=True).wait_for()
        page.wait_for_timeout(800)  # let late elements (charts, icons) settle
        assert page.evaluate("document.documentElement.lang") == "fr", path
        results = axe.run(page, options=WCAG)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
                found.append(f"/{path}: {violation['id']} ({violation['impact']}) — "
                             f"{violation['help']} — {targets}")
    return found


@pytest.fixture
def demo_server(live_engine, server):
    with live_engine.begin() as conn:
        demo.load(conn)
        make_user(conn, "membre.a11y", "member", department_code="26",
                  display_name="Membre Accessibilité")
        make_user(conn, "orga.a11y", "organiser", department_code="42",
                  display_name="Orga Accessibilité")
    return server


def test_pages_have_no_serious_accessibility_violation(demo_server, page):
    problems = _problems(page, demo_server, VISITOR, signed_in=False)
    page.goto(demo_server)
    sign_in(page, "membre.a11y", PASSWORD)
    problems += _problems(page, demo_server, MEMBER)
    sign_out(page)
    page.goto(demo_server)
    sign_in(page, "orga.a11y", PASSWORD)
    problems += _problems(page, demo_server, ORGANISER)
    assert problems == [], "\n".join(problems)
