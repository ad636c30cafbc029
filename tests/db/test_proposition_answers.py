"""Answers to propositions (#15): organisers give a state and an official answer, told to
the author and the followers, filterable in the theme; a proposition merged into a similar
one points there and carries its +1 over once per person; bad merges and a member's
answer are refused, nothing half-written."""

from __future__ import annotations

import pytest

from db import forum, notifications
from db.errors import PermissionDenied, ValidationError
from db.forum import answers, posts
from db.forum import follows as forum_follows
from tests.conftest import make_user


def _proposition(conn, author, theme_id, title):
    return posts.contribute(conn, actor=author, theme_id=theme_id, kind="proposition",
                            title=title, body="Pour tout le réseau.", department_code="26",
                            organisation_type="bibliotheque", tags="").id


@pytest.fixture
def theme(conn, member):
    theme_id = forum.list_themes(conn)[0].id
    organiser = make_user(conn, "orga.forum", "organiser")
    return theme_id, organiser


def test_an_answer_is_told_shown_and_filterable(conn, member, contributor, theme):
    theme_id, organiser = theme
    bus = _proposition(conn, member, theme_id, "Un bus numérique")
    _proposition(conn, member, theme_id, "Des ateliers le samedi")
    forum_follows.toggle(conn, actor=contributor, post_id=bus)
    given = answers.answer_proposition(conn, actor=organiser, post_id=bus, state="retenue",
                                       answer="Nous la portons en **2026**.")
    assert (given.state, given.by) == ("retenue", organiser.display_name)
    for person in (member, contributor):
        [told] = notifications.list_recent(conn, user=person, limit=1)
        assert told.kind == "proposition_answer" and told.link == f"forum?sujet={bus}"
    kept = forum.list_threads(conn, viewer=contributor, theme_id=theme_id,
                              filters=forum.Filters(state="retenue"))
    assert [t.id for t in kept] == [bus] and kept[0].answer_state == "retenue"
    waiting = forum.list_threads(conn, viewer=contributor, theme_id=theme_id,
                                 filters=forum.Filters(state="sans"))
    assert [t.title for t in waiting] == ["Des ateliers le samedi"]


def test_a_merge_points_to_the_kept_one_and_carries_each_plus_one_once(conn, member, theme):
    theme_id, organiser = theme
    kept = _proposition(conn, member, theme_id, "Un bus numérique")
    twin = _proposition(conn, member, theme_id, "Une médiathèque mobile")
    fans = [make_user(conn, f"soutien.{n}", "member") for n in range(3)]
    for fan in fans:
        posts.toggle_plus_one(conn, actor=fan, post_id=twin)
    posts.toggle_plus_one(conn, actor=fans[0], post_id=kept)  # already there: once
    answers.merge_proposition(conn, actor=organiser, post_id=twin, into_id=kept)
    head, _replies = forum.get_thread(conn, viewer=None, post_id=kept)
    assert head.plus_ones == 3
    merged = answers.get_answer(conn, post_id=twin)
    assert merged.merged_into == kept and "Un bus numérique" in merged.text


def test_wrong_answers_and_merges_are_refused(conn, member, theme):
    theme_id, organiser = theme
    one = _proposition(conn, member, theme_id, "Première")
    two = _proposition(conn, member, theme_id, "Deuxième")
    with pytest.raises(PermissionDenied):
        answers.answer_proposition(conn, actor=member, post_id=one, state="retenue",
                                   answer="Oui")
    with pytest.raises(ValidationError) as wrong:
        answers.answer_proposition(conn, actor=organiser, post_id=one, state="peut-être",
                                   answer="")
    assert set(wrong.value.errors) >= {"state", "answer"}
    with pytest.raises(ValidationError, match="elle-même"):
        answers.merge_proposition(conn, actor=organiser, post_id=one, into_id=one)
    answers.merge_proposition(conn, actor=organiser, post_id=one, into_id=two)
    with pytest.raises(ValidationError, match="boucle"):
        answers.merge_proposition(conn, actor=organiser, post_id=two, into_id=one)
    assert answers.get_answer(conn, post_id=two) is None  # nothing half-written
    feedback = posts.contribute(conn, actor=member, theme_id=theme_id,
                                kind="retour_experience", title="Un retour", body="Bien.",
                                department_code="26", organisation_type="bibliotheque",
                                tags="").id
    with pytest.raises(Exception, match="introuvable"):
        answers.answer_proposition(conn, actor=organiser, post_id=feedback,
                                   state="retenue", answer="Ce n'est pas une proposition.")
