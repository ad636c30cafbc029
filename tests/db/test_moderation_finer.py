"""Moderation, finer (#15): hiding a thread's first post keeps the thread with « Message
masqué par la modération » in its place and its replies; restoring puts it back; its author
is told why; organisers are told what waits for them and what is reported."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db import forum, notifications
from db.forum import moderation, posts
from db.schema import notifications as notification_table
from tests.conftest import make_user


@pytest.fixture
def thread(conn, member):
    """A theme's thread with one reply, and an organiser."""
    theme_id = forum.list_themes(conn)[0].id
    head = posts.contribute(conn, actor=member, theme_id=theme_id, kind="proposition",
                            title="Un bus numérique", body="Un bus qui passe chaque mardi.",
                            department_code="26", organisation_type="bibliotheque",
                            tags="mobilité")
    helper = make_user(conn, "paul.mediateur", "member")
    posts.reply(conn, actor=helper, post_id=head.id, body="Chez nous, le jeudi.")
    organiser = make_user(conn, "orga.forum", "organiser")
    return theme_id, head.id, organiser


def test_a_hidden_first_post_leaves_its_thread_and_replies(conn, member, contributor, thread):
    theme_id, head_id, organiser = thread
    moderation.hide(conn, actor=organiser, post_id=head_id, reason="Données personnelles")
    shown, answers = forum.get_thread(conn, viewer=contributor, post_id=head_id)
    assert shown.title == "Message masqué par la modération"
    assert "Un bus" not in shown.body and shown.author_name == "—"
    assert [a.body for a in answers] == ["Chez nous, le jeudi."]
    [card] = forum.list_threads(conn, viewer=contributor, theme_id=theme_id)
    assert (card.id, card.title) == (head_id, "Message masqué par la modération")
    assert forum.list_threads(conn, viewer=contributor, theme_id=theme_id,
                              filters=forum.Filters(query="bus")) == []  # not by its words
    organisers_view, _answers = forum.get_thread(conn, viewer=organiser, post_id=head_id)
    assert organisers_view.title == "Un bus numérique"  # to decide on it
    [told] = notifications.list_recent(conn, user=member, limit=1)
    assert told.kind == "post_hidden" and "Données personnelles" in told.text
    assert told.link == f"forum?sujet={head_id}"

    moderation.restore(conn, actor=organiser, post_id=head_id)
    back, answers = forum.get_thread(conn, viewer=contributor, post_id=head_id)
    assert (back.title, len(answers)) == ("Un bus numérique", 1)


def test_a_hidden_post_alone_leaves_no_empty_thread_in_the_list(conn, member, contributor):
    theme_id = forum.list_themes(conn)[0].id
    lonely = posts.contribute(conn, actor=member, theme_id=theme_id, kind="proposition",
                              title="Seul", body="Sans réponse.", department_code="26",
                              organisation_type="bibliotheque", tags="")
    organiser = make_user(conn, "orga.forum", "organiser")
    moderation.hide(conn, actor=organiser, post_id=lonely.id, reason="Hors sujet")
    assert forum.list_threads(conn, viewer=contributor, theme_id=theme_id) == []


def test_organisers_are_told_what_waits_and_what_is_reported(conn, contributor, thread):
    theme_id, head_id, organiser = thread
    admin = make_user(conn, "admin.forum", "admin")
    posts.contribute(conn, actor=contributor, theme_id=theme_id, kind="retour_experience",
                     title="Premier message", body="Bonjour à toutes et tous.",
                     department_code="26", organisation_type="association", tags="")
    reporter = make_user(conn, "lea.signale", "member")
    moderation.report(conn, actor=reporter, post_id=head_id, reason="Publicité")
    for person in (organiser, admin):
        texts = [n.text for n in notifications.list_recent(conn, user=person)]
        assert any("attend la modération" in t and "Premier message" in t for t in texts)
        assert any("signalé" in t and "Publicité" in t for t in texts)
    links = set(conn.execute(sa.select(notification_table.c.link).where(
        notification_table.c.kind == "moderation")).scalars())
    assert links == {"moderation"}
    assert not [n for n in notifications.list_recent(conn, user=reporter)
                if n.kind == "moderation"]
