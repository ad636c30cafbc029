"""@mentions (#15): the person named is told once, with a link to the thread; an unknown
name is refused with nothing written; a message waiting for moderation tells nobody until
it is published; someone who cannot read the post (a deactivated account) and the author
are never told; an e-mail address is not a mention."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db import forum, notifications
from db.errors import ValidationError
from db.forum import mentions, moderation, posts
from tests.conftest import make_user


def _mentions_of(conn, person) -> list:
    return [n for n in notifications.list_recent(conn, user=person) if n.kind == "mention"]


@pytest.fixture
def thread(conn, member) -> int:
    return posts.contribute(conn, actor=member, theme_id=forum.list_themes(conn)[0].id,
                            kind="question", title="Quels outils ?", body="Vos idées ?").id


def test_names_are_read_as_people_write_them():
    text = "Merci @Marie.Dupont. Voir aussi @paul_usager et jeanne@cd82.fr, @marie.dupont !"
    assert mentions.named(text) == ["marie.dupont", "paul_usager"]


def test_the_person_named_is_told_once_with_the_thread_s_link(conn, member, contributor,
                                                              thread):
    organiser = make_user(conn, "orga.forum", "organiser")
    posts.reply(conn, actor=organiser, post_id=thread,
                body="@Paul.Usager, @paul.usager : qu'en pensez-vous ? @orga.forum")
    [told] = _mentions_of(conn, contributor)
    assert told.link == f"forum?sujet={thread}" and "vous mentionne" in told.text
    assert _mentions_of(conn, organiser) == []  # never the author


def test_an_unknown_name_is_refused_with_nothing_written(conn, member, thread):
    before = conn.execute(sa.text("SELECT count(*) FROM forum_posts")).scalar()
    with pytest.raises(ValidationError) as refused:
        posts.reply(conn, actor=member, post_id=thread, body="Demandez à @personne.inconnue")
    assert "« @personne.inconnue »" in refused.value.errors["body"]
    assert conn.execute(sa.text("SELECT count(*) FROM forum_posts")).scalar() == before


def test_a_pending_message_tells_nobody_until_it_is_published(conn, member, contributor,
                                                              thread):
    organiser = make_user(conn, "orga.forum", "organiser")
    pending = posts.reply(conn, actor=contributor, post_id=thread,
                          body="Je propose que @marie.dupont en parle.")
    assert pending.status == "pending" and _mentions_of(conn, member) == []
    moderation.approve(conn, actor=organiser, post_id=pending.id)
    assert len(_mentions_of(conn, member)) == 1


def test_someone_who_cannot_read_the_post_is_not_told(conn, member, thread):
    gone = make_user(conn, "ancien.compte", "member")
    conn.execute(sa.text("UPDATE users SET active = false WHERE id = :i"), {"i": gone.id})
    posts.reply(conn, actor=member, post_id=thread, body="Comme disait @ancien.compte.")
    assert conn.execute(sa.text("SELECT count(*) FROM notifications WHERE user_id = :i"),
                        {"i": gone.id}).scalar() == 0
