"""Comments and follows on fiches: windows, ownership, moderation, notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db import notifications, pitches
from db.engine import now
from db.errors import NotFound, PermissionDenied, ValidationError
from db.pitches import talk as pitch_talk
from tests.conftest import make_user


@pytest.fixture
def fiche(conn, member):
    return pitches.create_pitch(
        conn,
        actor=member,
        publish=True,
        data=pitches.FicheInput(title="Diagnostics de territoire", summary="Une méthode partagée."),
    )


def test_comment_notifies_owner_and_followers_not_the_author(conn, fiche, member):
    follower = make_user(conn, "suiveuse", "member")
    assert pitch_talk.toggle_follow(conn, actor=follower, pitch_id=fiche.id)
    author = make_user(conn, "auteur", "member")
    pitch_talk.add_comment(conn, actor=author, pitch_id=fiche.id, body="Très **utile** !")
    for person in (member, follower):
        assert "a commenté la fiche" in notifications.list_recent(conn, user=person)[0].text
    assert notifications.list_recent(conn, user=author) == []
    assert pitch_talk.list_followers(conn, actor=member, pitch_id=fiche.id) == ["Suiveuse"]
    assert pitch_talk.count_followers(conn, pitch_id=fiche.id) == 1
    with pytest.raises(PermissionDenied):
        pitch_talk.list_followers(conn, actor=author, pitch_id=fiche.id)
    assert not pitch_talk.toggle_follow(conn, actor=follower, pitch_id=fiche.id)


def test_edit_within_15_minutes_then_never(conn, fiche, member):
    comment_id = pitch_talk.add_comment(conn, actor=member, pitch_id=fiche.id, body="Premier")
    pitch_talk.edit_comment(conn, actor=member, comment_id=comment_id, body="Corrigé")
    with pytest.raises(ValidationError, match="15 minutes"):
        pitch_talk.edit_comment(conn, actor=member, comment_id=comment_id, body="Trop tard",
                                at=now() + timedelta(minutes=16))
    other = make_user(conn, "autre", "member")
    with pytest.raises(PermissionDenied):
        pitch_talk.edit_comment(conn, actor=other, comment_id=comment_id, body="Pirate")
    with pytest.raises(PermissionDenied):
        pitch_talk.delete_comment(conn, actor=other, comment_id=comment_id)
    assert [c.body for c in pitch_talk.list_comments(conn, pitch_id=fiche.id, viewer=other)] == [
        "Corrigé"]
    pitch_talk.delete_comment(conn, actor=member, comment_id=comment_id)
    assert pitch_talk.list_comments(conn, pitch_id=fiche.id, viewer=other) == []


def test_organisers_hide_with_a_reason(conn, fiche, member):
    comment_id = pitch_talk.add_comment(conn, actor=member, pitch_id=fiche.id, body="Hors sujet")
    organiser = make_user(conn, "orga", "organiser")
    with pytest.raises(PermissionDenied):
        pitch_talk.hide_comment(conn, actor=member, comment_id=comment_id, reason="x")
    with pytest.raises(ValidationError):
        pitch_talk.hide_comment(conn, actor=organiser, comment_id=comment_id, reason="")
    pitch_talk.hide_comment(conn, actor=organiser, comment_id=comment_id, reason="Hors sujet")
    [hidden] = pitch_talk.list_comments(conn, pitch_id=fiche.id, viewer=member)
    assert (hidden.body, hidden.hidden_reason) == ("", "Hors sujet")


def test_contributors_comment_only_when_the_setting_allows(conn, fiche, contributor, admin):
    with pytest.raises(NotFound):  # the fiches are for MD staff (#15) until opened
        pitch_talk.add_comment(conn, actor=contributor, pitch_id=fiche.id, body="Bonjour")
    pitches.set_open_to_contributors(conn, actor=admin, opened=True)
    with pytest.raises(PermissionDenied):
        pitch_talk.add_comment(conn, actor=contributor, pitch_id=fiche.id, body="Bonjour")
    pitch_talk.set_contributors_may_comment(conn, actor=admin, allowed=True)
    pitch_talk.add_comment(conn, actor=contributor, pitch_id=fiche.id, body="Bonjour")
    with pytest.raises(ValidationError):
        pitch_talk.add_comment(conn, actor=contributor, pitch_id=fiche.id, body="   ")
