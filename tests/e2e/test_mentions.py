"""In Chromium (#15 quotes and mentions): a member quotes a post with « Citer », names a
contributor with « Mentionner quelqu'un », publishes; the quote renders as a quote and the
person named is told, with the thread's link."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from db import forum
from db.forum import posts
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import choose, sign_in


def test_a_member_quotes_a_post_and_mentions_a_contributor(live_engine, server, page):
    with live_engine.begin() as conn:
        organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
        make_user(conn, "marie.dupont", "member", department_code="26",
                  display_name="Marie Dupont")
        paul = make_user(conn, "paul.usager", "contributor", display_name="Paul Usager")
        thread = posts.contribute(conn, actor=organiser,
                                  theme_id=forum.list_themes(conn)[0].id, kind="question",
                                  title="Quels outils ?", body="Un diagnostic partagé ?")
        posts.reply(conn, actor=paul, post_id=thread.id, body="Je suis là.")
    page.goto(server)
    sign_in(page, "marie.dupont", PASSWORD)
    page.goto(f"{server}/forum?sujet={thread.id}")
    page.get_by_role("button", name="Citer").first.click()
    box = page.get_by_label("Répondre (Markdown)")
    expect(box).to_have_value(re.compile(r"> Un diagnostic partagé \?"))
    page.get_by_text("Mentionner quelqu'un", exact=True).click()  # folded until asked for
    choose(page, page, "Mentionner quelqu'un (il ou elle sera prévenu·e)",
           re.compile("Paul Usager"))
    expect(box).to_have_value(re.compile(r"@paul\.usager $"))
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.locator("blockquote").get_by_text("Un diagnostic partagé ?")).to_be_visible()
    expect(page.locator("p", has_text="@paul.usager")).to_be_visible()  # not in the quote
    expect(page.locator("blockquote", has_text="@paul.usager")).to_have_count(0)
    with live_engine.connect() as conn:
        told = conn.exec_driver_sql(
            "SELECT link FROM notifications WHERE kind = 'mention' AND user_id = "
            f"{paul.id}").scalars().all()
    assert told == [f"forum?sujet={thread.id}"]
