"""Working groups, meetings and the directory over SQLite and PostgreSQL: joining, requests,
coordinators' rights (calling functions directly), muting, the feed, profile visibility."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from db import groups, notifications, reference, resources
from db.errors import PermissionDenied, ValidationError
from db.files import LocalStore
from db.forum import posts as forum_posts
from db.groups import directory, meetings
from db.groups import space as group_space
from tests.conftest import make_user


@pytest.fixture
def organiser(conn):
    return make_user(conn, "orga.groupes", "organiser", display_name="Olivia Orga")


@pytest.fixture
def inclusion(conn) -> int:
    """The « Inclusion numérique » group of the reference data (open, no members yet)."""
    return next(g for g in groups.list_groups(conn) if g.slug == "inclusion-numerique").id


def _unread(conn, user) -> int:
    return notifications.unread_count(conn, user=user)


def test_join_leave_and_the_last_coordinator_stays(conn, organiser, member):
    group_id = groups.create_group(conn, actor=organiser, name="Médiation et élus",
                                   description="Le rôle des *élus*.")
    assert groups.join(conn, actor=member, group_id=group_id) == "active"
    with pytest.raises(ValidationError, match="déjà membre"):
        groups.join(conn, actor=member, group_id=group_id)
    with pytest.raises(ValidationError, match="dernier coordinateur"):
        groups.leave(conn, actor=organiser, group_id=group_id)
    groups.set_coordinator(conn, actor=organiser, group_id=group_id, user_id=member.id,
                           coordinator=True)
    groups.leave(conn, actor=organiser, group_id=group_id)
    summary = groups.get_group(conn, group_id=group_id)
    assert (summary.members, summary.coordinators) == (1, ("Marie Dupont",))
    with pytest.raises(ValidationError, match="au moins un coordinateur"):
        groups.set_coordinator(conn, actor=member, group_id=group_id, user_id=member.id,
                               coordinator=False)


def test_moderated_groups_take_requests_that_coordinators_decide(conn, organiser, member,
                                                                contributor):
    group_id = groups.create_group(conn, actor=organiser, name="Diagnostic", moderated=True)
    with pytest.raises(PermissionDenied):
        groups.join(conn, actor=contributor, group_id=group_id)
    assert groups.join(conn, actor=member, group_id=group_id) == "pending"
    assert _unread(conn, organiser) == 1  # the coordinator hears of the request
    with pytest.raises(ValidationError, match="déjà en attente"):
        groups.join(conn, actor=member, group_id=group_id)
    other = make_user(conn, "autre.membre", "member")
    with pytest.raises(PermissionDenied):
        groups.decide(conn, actor=other, group_id=group_id, user_id=member.id, accept=True)
    groups.decide(conn, actor=organiser, group_id=group_id, user_id=member.id, accept=True)
    assert groups.get_membership(conn, user=member, group_id=group_id).status == "active"
    assert _unread(conn, member) == 1
    with pytest.raises(PermissionDenied):  # a plain member does not manage the group
        groups.update_group(conn, actor=member, group_id=group_id, name="Renommé",
                            description="", moderated=False, status="closed")
    groups.update_group(conn, actor=organiser, group_id=group_id, name="Diagnostic",
                        description="", moderated=True, status="closed")
    with pytest.raises(ValidationError, match="clos"):
        groups.join(conn, actor=other, group_id=group_id)


def test_members_hear_of_new_content_unless_muted(conn, organiser, member, inclusion,
                                                  tmp_path):
    groups.join(conn, actor=member, group_id=inclusion)
    groups.join(conn, actor=organiser, group_id=inclusion)
    link = {"title": "Tablettes", "kind": "lien", "url": "https://exemple.fr/t",
            "group_id": inclusion}
    resources.create_resource(
        conn, LocalStore(tmp_path), actor=organiser, data=resources.ResourceInput(**link)
    )
    assert _unread(conn, member) == 1 and _unread(conn, organiser) == 0  # not the author
    groups.mute(conn, actor=member, group_id=inclusion, muted=True)
    resources.create_resource(
        conn,
        LocalStore(tmp_path),
        actor=organiser,
        data=resources.ResourceInput(**{**link, "title": "Bis"}),
    )
    assert _unread(conn, member) == 1


def test_meetings_need_a_coordinator_a_sane_time_and_a_web_link(conn, organiser, member,
                                                                 inclusion):
    groups.join(conn, actor=member, group_id=inclusion)
    start = datetime.now().replace(microsecond=0) + timedelta(days=7)
    fields = {"title": "Point d'étape", "starts_at": start,
              "ends_at": start + timedelta(hours=2), "video_url": "https://visio.exemple.fr/x"}
    with pytest.raises(PermissionDenied):
        meetings.create_meeting(
            conn, actor=member, group_id=inclusion, data=meetings.MeetingInput(**fields)
        )
    for bad, field in (({"ends_at": start - timedelta(hours=1)}, "ends_at"),
                       ({"video_url": "javascript:alert(1)"}, "video_url"),
                       ({"video_url": None}, "place")):
        with pytest.raises(ValidationError) as caught:
            meetings.create_meeting(
                conn,
                actor=organiser,
                group_id=inclusion,
                data=meetings.MeetingInput(**{**fields, **bad}),
            )
        assert field in caught.value.errors
    meeting_id = meetings.create_meeting(
        conn, actor=organiser, group_id=inclusion, data=meetings.MeetingInput(**fields)
    )
    meetings.answer(conn, actor=member, meeting_id=meeting_id, answer="present")
    meetings.answer(conn, actor=member, meeting_id=meeting_id, answer="absent")
    [found] = meetings.list_meetings(conn, viewer=member, group_id=inclusion)
    assert (found.present, found.absent, found.my_answer) == (0, 1, "absent")
    outsider = make_user(conn, "pas.membre", "member")
    with pytest.raises(PermissionDenied):
        meetings.answer(conn, actor=outsider, meeting_id=meeting_id, answer="present")
    assert b"DTSTART;TZID=Europe/Paris" in meetings.ics(found, group_name="Inclusion",
                                                          url="https://coopmd.example/")


def test_the_feed_shows_what_the_viewer_may_see(conn, organiser, member, inclusion):
    groups.join(conn, actor=member, group_id=inclusion)
    conn.execute(sa.text(
        "INSERT INTO pitches (title, summary, status, state, owner_id, group_id, tags, "
        "search_text, created_at, updated_at) VALUES ('Brouillon secret', '', 'idee', "
        "'draft', :o, :g, '', '', :t, :t), ('Bus numérique', '', 'idee', 'published', :o, "
        ":g, '', '', :t, :t)"), {"o": organiser.id, "g": inclusion, "t": datetime.now()})
    theme = conn.execute(sa.text("SELECT id FROM forum_themes WHERE group_id = :g"),
                         {"g": inclusion}).scalars().first()
    forum_posts.contribute(conn, actor=organiser, theme_id=theme, kind="proposition",
                           title="Un parcours partagé", body="Former ensemble.")
    texts = [a.text for a in group_space.list_feed(conn, viewer=member, group_id=inclusion)]
    assert "Fiche projet publiée : Bus numérique" in texts
    assert "Contribution au forum : Un parcours partagé" in texts
    assert not any("Brouillon secret" in t for t in texts)
    assert "Marie Dupont a rejoint le groupe" in texts
    space = group_space.list_content(conn, viewer=member, group_id=inclusion)
    assert [f.title for f in space.fiches] == ["Bus numérique"]
    with pytest.raises(PermissionDenied):
        group_space.list_feed(conn, viewer=make_user(conn, "contrib.2", "contributor"),
                         group_id=inclusion)


def test_the_directory_shows_only_what_people_share(conn, organiser, member, contributor):
    directory.update_profile(conn, actor=member, territory="Nord Loire",
                             expertise="Diagnostic, numérique", visible=["job_title",
                                                                         "territory"])
    with pytest.raises(PermissionDenied):
        directory.list_people(conn, viewer=contributor)
    [marie] = directory.list_people(conn, viewer=organiser, query="nord LOIRE")
    assert (marie.name, marie.territory, marie.email) == ("Marie Dupont", "Nord Loire", None)
    assert marie.expertise is None  # hidden, and never matched by a search either:
    assert directory.list_people(conn, viewer=organiser, query="diagnostic") == []
    directory.update_profile(conn, actor=member, territory="Nord Loire", expertise="",
                             visible=["email"])
    [marie] = directory.list_people(conn, viewer=organiser, department_code="42")
    assert marie.email and marie.territory is None
    assert "Contrib" not in [p.name for p in directory.list_people(conn, viewer=organiser)]
    figures = {f.code: f for f in directory.by_department(conn, viewer=member)}
    assert figures["42"].people == 1 and len(figures) == len(
        [d for d in reference.list_departments(conn) if d.md_name])
