"""Forum domain: themes and counts, first-post moderation, replies, +1, reports, moderation."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from db import forum
from db.engine import run_in_transaction
from db.errors import NotFound, PermissionDenied, ValidationError
from db.forum import moderation as forum_moderation
from db.forum import posts as forum_posts
from db.schema import forum_posts as forum_posts_table
from tests.conftest import make_user


@pytest.fixture
def theme_id(conn) -> int:
    return forum.list_themes(conn)[0].id


def _post(conn, actor, theme_id, **overrides):
    fields = {"kind": "retour_experience", "title": "Permanences numériques",
              "body": "Un créneau fixe, des **bénévoles** formés.", "department_code": "26",
              "organisation_type": "bibliotheque", "tags": "démarches"}
    return forum_posts.contribute(conn, actor=actor, theme_id=theme_id, **{**fields,
                                                                           **overrides})


def test_a_contributors_first_post_waits_then_the_next_ones_do_not(conn, theme_id,
                                                                     contributor, member):
    organiser = make_user(conn, "orga.forum", "organiser")
    first = _post(conn, contributor, theme_id)
    assert first.status == "pending"
    assert forum.list_latest_threads(conn) == [] and forum.list_themes(conn)[0].counts == {}
    assert [q.post_id for q in forum_moderation.list_queue(conn, actor=organiser)] == [first.id]
    forum_moderation.approve(conn, actor=organiser, post_id=first.id)
    assert _post(conn, contributor, theme_id, title="Deuxième").status == "published"
    assert _post(conn, member, theme_id, kind="proposition").status == "published"
    counts = forum.list_themes(conn)[0].counts
    assert counts == {"retour_experience": 2, "proposition": 1}


def test_three_reports_from_different_people_hide_a_post(conn, theme_id, member):
    post = _post(conn, member, theme_id)
    reporters = [make_user(conn, f"signal.{n}", "member") for n in range(3)]
    assert not forum_moderation.report(conn, actor=reporters[0], post_id=post.id,
                                       reason="Hors sujet")
    with pytest.raises(ValidationError, match="déjà signalé"):
        forum_moderation.report(conn, actor=reporters[0], post_id=post.id, reason="Encore")
    forum_moderation.report(conn, actor=reporters[1], post_id=post.id, reason="Publicité")
    assert forum_moderation.report(conn, actor=reporters[2], post_id=post.id, reason="Spam")
    assert forum.list_latest_threads(conn) == []
    organiser = make_user(conn, "orga.forum", "organiser")
    [item] = forum_moderation.list_queue(conn, actor=organiser)
    assert (item.status, item.reports) == ("hidden", 3)
    forum_moderation.restore(conn, actor=organiser, post_id=post.id)
    assert [p.id for p in forum.list_latest_threads(conn)] == [post.id]
    assert forum_moderation.list_queue(conn, actor=organiser) == []
    with pytest.raises(PermissionDenied):
        forum_moderation.hide(conn, actor=member, post_id=post.id, reason="Non")


def test_replies_stay_one_level_and_plus_one_toggles(conn, theme_id, member, contributor):
    thread = _post(conn, member, theme_id)
    organiser = make_user(conn, "orga.forum", "organiser")
    answer = forum_posts.reply(conn, actor=member, post_id=thread.id, body="Merci")
    nested = forum_posts.reply(conn, actor=member, post_id=answer.id, body="Et aussi")
    parent = conn.execute(sa.text("SELECT parent_id FROM forum_posts WHERE id = :i"),
                          {"i": nested.id}).scalar_one()
    assert parent == thread.id
    assert forum_posts.toggle_plus_one(conn, actor=contributor, post_id=thread.id)
    assert not forum_posts.toggle_plus_one(conn, actor=contributor, post_id=thread.id)
    with pytest.raises(ValidationError, match="propre message"):
        forum_posts.toggle_plus_one(conn, actor=member, post_id=thread.id)
    forum_moderation.hide(conn, actor=organiser, post_id=thread.id, reason="Doublon")
    with pytest.raises(NotFound):
        forum_posts.reply(conn, actor=member, post_id=thread.id, body="Trop tard")


def test_bad_contributions_and_closed_themes_are_refused(conn, theme_id, member):
    for overrides, field in (({"title": ""}, "title"), ({"kind": "pamphlet"}, "kind"),
                             ({"body": "x" * 20_001}, "body"),
                             ({"department_code": "999"}, "department_code"),
                             ({"title": "<b>Gras</b>"}, "title")):
        with pytest.raises(ValidationError) as caught:
            _post(conn, member, theme_id, **overrides)
        assert field in caught.value.errors
    conn.execute(sa.text("UPDATE forum_themes SET status = 'closed' WHERE id = :i"),
                 {"i": theme_id})
    with pytest.raises(ValidationError, match="clos"):
        _post(conn, member, theme_id)
    assert conn.execute(sa.text("SELECT count(*) FROM forum_posts")).scalar_one() == 0


def test_authors_delete_their_own_posts_only(conn, theme_id, member, contributor):
    post = _post(conn, member, theme_id)
    with pytest.raises(PermissionDenied):
        forum_posts.delete_own(conn, actor=contributor, post_id=post.id)
    forum_posts.delete_own(conn, actor=member, post_id=post.id)
    assert forum.list_latest_threads(conn) == []


def test_edit_within_30_minutes_and_useful_answers(conn, theme_id, member, contributor):
    from datetime import timedelta

    from db.engine import now

    thread = _post(conn, member, theme_id)
    forum_posts.edit_own(conn, actor=member, post_id=thread.id, body="Texte corrigé",
                         title="Titre corrigé")
    head, _ = forum.get_thread(conn, viewer=member, post_id=thread.id)
    assert (head.title, head.body, head.edited_at is not None) == (
        "Titre corrigé", "Texte corrigé", True)
    with pytest.raises(ValidationError, match="30 minutes"):
        forum_posts.edit_own(conn, actor=member, post_id=thread.id, body="Trop tard",
                             at=now() + timedelta(minutes=31))
    with pytest.raises(PermissionDenied):
        forum_posts.edit_own(conn, actor=contributor, post_id=thread.id, body="Pirate")
    answer = forum_posts.reply(conn, actor=member, post_id=thread.id, body="Réponse")
    with pytest.raises(PermissionDenied):
        forum_posts.mark_useful(conn, actor=contributor, reply_id=answer.id)
    forum_posts.mark_useful(conn, actor=member, reply_id=answer.id)
    _, [marked] = forum.get_thread(conn, viewer=member, post_id=thread.id)
    assert marked.useful
    with pytest.raises(ValidationError):
        forum_posts.mark_useful(conn, actor=member, reply_id=thread.id)


def test_organisers_manage_themes_and_closed_themes_are_read_only(conn, member):
    from datetime import date

    from db.forum import theme_admin as forum_themes

    organiser = make_user(conn, "orga.themes", "organiser")
    with pytest.raises(PermissionDenied):
        forum_themes.create_theme(conn, actor=member, title="Thème 4")
    with pytest.raises(ValidationError, match="après l'ouverture"):
        forum_themes.create_theme(conn, actor=organiser, title="Thème 4",
                                  opens_on=date(2027, 2, 1), closes_on=date(2027, 1, 1))
    new_id = forum_themes.create_theme(conn, actor=organiser, title="Médiation et élus",
                                       description="Le rôle des élus.")
    assert [t.title for t in forum.list_themes(conn)][-1] == "Médiation et élus"
    assert forum.get_theme(conn, theme_id=new_id).position == 4
    _post(conn, member, new_id)
    forum_themes.set_open(conn, actor=organiser, theme_id=new_id, open_=False)
    assert not forum.get_theme(conn, theme_id=new_id).open
    with pytest.raises(ValidationError, match="clos"):
        _post(conn, member, new_id, title="Après la clôture")
    forum_themes.update_theme(conn, actor=organiser, theme_id=new_id, title="Élus et médiation",
                              closes_on=date(2000, 1, 1))
    forum_themes.set_open(conn, actor=organiser, theme_id=new_id, open_=True)
    assert not forum.get_theme(conn, theme_id=new_id).open  # its period is over


def test_followers_hear_about_new_threads_and_replies(conn, theme_id, member, contributor):
    from db import notifications
    from db.forum import follows as forum_follows

    watcher = make_user(conn, "veille.md", "member")
    assert forum_follows.toggle(conn, actor=watcher, theme_id=theme_id)
    thread = _post(conn, member, theme_id)
    assert "Nouvelle contribution" in notifications.list_recent(conn, user=watcher)[0].text
    assert forum_follows.toggle(conn, actor=contributor, post_id=thread.id)
    answer = forum_posts.reply(conn, actor=watcher, post_id=thread.id, body="Bravo")
    assert answer.status == "published"
    for person in (member, contributor):  # the thread's author and its follower
        assert notifications.list_recent(conn, user=person)[0].text.startswith("Nouvelle réponse")
    assert len(notifications.list_recent(conn, user=watcher)) == 1  # not told of their own reply
    pending = forum_posts.reply(conn, actor=make_user(conn, "nouveau.venu"), post_id=thread.id,
                                body="Première")
    assert pending.status == "pending"
    before = len(notifications.list_recent(conn, user=member))
    forum_moderation.approve(conn, actor=make_user(conn, "orga.f", "organiser"),
                             post_id=pending.id)
    assert len(notifications.list_recent(conn, user=member)) == before + 1
    assert not forum_follows.toggle(conn, actor=watcher, theme_id=theme_id)
    assert not forum_follows.follows(conn, user=watcher, theme_id=theme_id)


def test_theme_synthesis_groups_published_contributions_by_type(conn, theme_id, member):
    import io

    import openpyxl

    from db.forum import synthesis as forum_synthesis

    organiser = make_user(conn, "orga.synthese", "organiser")
    kept = _post(conn, member, theme_id, kind="proposition", title="Feuille de route commune")
    _post(conn, member, theme_id, kind="point_vigilance", title="Guichet administratif")
    hidden = _post(conn, member, theme_id, title="Hors sujet")
    forum_moderation.hide(conn, actor=organiser, post_id=hidden.id, reason="Hors sujet")
    answer = forum_posts.reply(conn, actor=organiser, post_id=kept.id, body="Piste retenue.")
    forum_posts.mark_useful(conn, actor=member, reply_id=answer.id)
    forum_posts.toggle_plus_one(conn, actor=organiser, post_id=kept.id)
    text = forum_synthesis.markdown(conn, actor=organiser, theme_id=theme_id,
                                    base_url="https://coopmd.example")
    assert "2 contribution(s) publiée(s)." in text and "Hors sujet" not in text
    assert "## Propositions (1)" in text and "## Points de vigilance (1)" in text
    assert "> Réponse utile : Piste retenue." in text
    assert (f"### [Feuille de route commune](https://coopmd.example/forum?sujet={kept.id}) "
            "(+1, 1 réponse(s))") in text
    assert "*Marie Dupont, Bibliothèque, Drôme*" in text  # the post's structure and place
    rows = list(openpyxl.load_workbook(io.BytesIO(forum_synthesis.xlsx(
        conn, actor=organiser, theme_id=theme_id))).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[0][0] == "Type"
    lines = forum_synthesis.csv(conn, actor=organiser, theme_id=theme_id).decode("utf-8")
    assert lines.startswith("\ufeffType;Titre") and len(lines.strip().splitlines()) == 3
    summary = forum_synthesis.get_overview(conn, actor=organiser, theme_id=theme_id)
    assert summary.total == 2 and summary.by_kind == {"point_vigilance": 1, "proposition": 1}
    assert [c.id for c in summary.top_propositions] == [kept.id]
    assert sum(n for _, _, n in summary.by_month) == 2
    with pytest.raises(PermissionDenied):
        forum_synthesis.markdown(conn, actor=member, theme_id=theme_id)


def test_search_ignores_accents_plurals_and_hidden_posts(conn, theme_id, member):
    organiser = make_user(conn, "orga.recherche", "organiser")
    shown = _post(conn, member, theme_id, title="Les médiathèques itinérantes",
                  body="Un bus numérique.")
    hidden = _post(conn, member, theme_id, title="Médiathèque cachée", body="Hors sujet.")
    forum_moderation.hide(conn, actor=organiser, post_id=hidden.id, reason="Doublon")

    def found(query: str, **filters) -> list[int]:
        chosen = forum.Filters(query=query, **filters)
        cards = forum.list_threads(conn, viewer=member, theme_id=theme_id, filters=chosen)
        assert forum.count_threads(conn, viewer=member, theme_id=theme_id,
                                   filters=chosen) == len(cards)
        return [c.id for c in cards]

    assert found("mediatheque") == [shown.id]
    assert found("MÉDIATHÈQUES itinérante") == [shown.id]
    assert found("numeriques") == [shown.id] and found("médiath") == [shown.id]
    assert found("cachée") == [] and found("bibliothèque") == []
    assert found("", tag="démarches") == [shown.id] and found("", tag="démar") == []
    forum_posts.edit_own(conn, actor=member, post_id=shown.id, title="Un bibliobus",
                         body="Des permanences.")
    assert found("mediatheque") == [] and found("bibliobus permanence") == [shown.id]


def test_filters_by_structure_and_period(conn, theme_id, member):
    first = _post(conn, member, theme_id)
    second = _post(conn, member, theme_id, organisation_type="association", title="Asso")
    conn.execute(sa.update(forum_posts_table).where(forum_posts_table.c.id == first.id)
                 .values(created_at=datetime(2025, 7, 1, 10)))

    def found(**filters) -> set[int]:
        cards = forum.list_threads(conn, viewer=member, theme_id=theme_id,
                                 filters=forum.Filters(**filters))
        return {c.id for c in cards}

    assert found(organisation_type="association") == {second.id}
    assert found(since=date(2025, 7, 1), until=date(2025, 7, 1)) == {first.id}
    assert found(since=date(2025, 7, 2)) == {second.id}


def test_twenty_concurrent_plus_ones_count_once_per_person(engine):
    with engine.begin() as conn:
        theme_id = forum.list_themes(conn)[0].id
        author = make_user(conn, "auteur.plus", "member")
        post = _post(conn, author, theme_id)
        voter = make_user(conn, "votant.plus", "member")
        others = [make_user(conn, f"votant.{n}", "member") for n in range(4)]

    def toggle(actor) -> None:
        run_in_transaction(engine, lambda c: forum_posts.toggle_plus_one(
            c, actor=actor, post_id=post.id))

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(toggle, [voter] * 20 + others))
    with engine.connect() as conn:
        [card] = forum.list_threads(conn, viewer=voter, theme_id=theme_id)
    assert card.plus_ones == 4  # 20 toggles by one person cancel out; four others count
