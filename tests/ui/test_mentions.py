"""Quotes and mentions in the app (#15): « Citer » puts a message, quoted with its author
and a link back, in the reply box; « Mentionner » adds « @identifiant » to it; published,
the reply notifies the person named; a misspelt name is refused in French and the typed
text stays."""

from __future__ import annotations

from db import forum, notifications
from db.forum import posts
from tests.ui.conftest import open_as, texts, unfold, widget


def test_a_member_quotes_a_post_mentions_someone_and_the_person_is_told(app, users,
                                                                       app_engine):
    with app_engine.begin() as conn:
        thread = posts.contribute(conn, actor=users["organiser"],
                                  theme_id=forum.list_themes(conn)[0].id, kind="question",
                                  title="Quels outils ?", body="Un diagnostic partagé ?")
    member = open_as("member.test", "pages/forum.py", sujet=thread.id)
    form = f"reply_{thread.id}"
    widget(member.button, "Citer").click()
    member.run()
    quoted = member.text_area(key=f"{form}_body").value
    assert quoted.startswith("> **") and "> Un diagnostic partagé ?" in quoted
    assert f"(forum?sujet={thread.id})" in quoted
    assert not member.selectbox  # folded: the list of people is sent only when asked for
    unfold(member, f"{form}_mentions")
    member.selectbox(key=f"{form}_mention").set_value("contributor.test")
    member.run()
    assert member.text_area(key=f"{form}_body").value.endswith("@contributor.test ")
    typed = member.text_area(key=f"{form}_body").value + "qu'en dites-vous, @inconnu.total ?"
    member.text_area(key=f"{form}_body").input(typed)
    widget(member.button, "Publier la réponse").click()
    member.run()
    assert "« @inconnu.total »" in texts(member)
    assert member.text_area(key=f"{form}_body").value == typed  # nothing lost
    member.text_area(key=f"{form}_body").input(typed.replace(", @inconnu.total", ""))
    widget(member.button, "Publier la réponse").click()
    member.run()
    with app_engine.connect() as conn:
        [told] = [n for n in notifications.list_recent(conn, user=users["contributor"])
                  if n.kind == "mention"]
    assert told.link == f"forum?sujet={thread.id}"
    assert "@contributor.test" in texts(member)  # the reply, published
