"""In Chromium: a member looks for a référent de territoire of the Drôme in the annuaire."""

from __future__ import annotations

from playwright.sync_api import expect

from db import demo
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import sign_in


def test_member_finds_a_referent_of_the_drome(live_engine, server, page):
    with live_engine.begin() as conn:
        demo.load(conn)
        make_user(conn, "julie.nouvelle", "member", department_code="01",
                  display_name="Julie Nouvelle")
    page.goto(server)
    sign_in(page, "julie.nouvelle", PASSWORD)
    page.goto(f"{server}/directory")
    page.get_by_label("Rechercher (nom, territoire, sujet…)").fill("drome referent")
    page.get_by_label("Rechercher (nom, territoire, sujet…)").press("Enter")
    expect(page.get_by_text("1 personne(s)")).to_be_visible()
    expect(page.get_by_text("Thomas Brun")).to_be_visible()
    expect(page.get_by_text("Drôme provençale (Nyons, Buis-les-Baronnies)")).to_be_visible()
