"""Feuilles de route (#15): actions with their sources in both directions (the action
lists its contributions and fiches, the proposition knows the action that carries it), a
proposition added is « intégrée » and its people are told with a link to the action, a
status change is kept in the history; bad input (a member writing, an owner outside the
group, progress 140 %, a horizon of another shape) is refused with nothing written; the
exports keep the seed's structure, themes then actions."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from db import forum, notifications, pitches, roadmaps
from db.errors import PermissionDenied, ValidationError
from db.forum import answers, moderation, posts
from db.forum import follows as forum_follows
from db.groups import work_groups
from db.roadmaps import exports
from tests.conftest import make_user


@pytest.fixture
def scene(conn, member, contributor):
    """An organiser, a group coordinated by `member`, a contributor's proposition in the
    first theme and a published fiche."""
    organiser = make_user(conn, "orga.route", "organiser", department_code="26")
    group_id = work_groups.create_group(conn, actor=organiser, name="Médiation numérique",
                                        coordinator_id=member.id)
    theme_id = forum.list_themes(conn)[0].id
    proposition = posts.contribute(conn, actor=contributor, theme_id=theme_id,
                                   kind="proposition", title="Un bus numérique",
                                   body="Qui passe chaque mardi.").id
    moderation.approve(conn, actor=organiser, post_id=proposition)  # a first post waits
    fiche = pitches.create_pitch(conn, actor=member, publish=True, data=pitches.FicheInput(
        title="Médiathèque mobile", summary="Un camion équipé."))
    return {"organiser": organiser, "group": group_id, "theme": theme_id,
            "proposition": proposition, "fiche": fiche.id}


def _action(**given) -> roadmaps.ActionInput:
    values = {"title": "Former les équipes", "horizon": "2026-T3", "status": "a_lancer",
              "progress": 0} | given
    return roadmaps.ActionInput(**values)


def test_an_action_lists_its_sources_and_the_proposition_its_action(conn, member,
                                                                     contributor, scene):
    action = roadmaps.create_action(
        conn, actor=scene["organiser"], group_id=scene["group"],
        data=_action(owner_id=member.id, theme_id=scene["theme"]),
        post_ids=[scene["proposition"]], pitch_ids=[scene["fiche"]])
    assert [(s.kind, s.title) for s in action.sources] == [
        ("post", "Un bus numérique"), ("pitch", "Médiathèque mobile")]
    carried = roadmaps.list_actions_of_post(conn, post_id=scene["proposition"])
    assert [a.id for a in carried] == [action.id]
    assert answers.get_answer(conn, post_id=scene["proposition"]).state == "integree"
    told = notifications.list_recent(conn, user=contributor, limit=1)[0]
    assert told.kind == "roadmap" and told.link == f"roadmap?action={action.id}"
    owner_told = notifications.list_recent(conn, user=member, limit=1)[0]
    assert "Vous portez l'action" in owner_told.text
    # a contributor reads the roadmap, but not the fiche behind it (members only)
    public = roadmaps.get_action(conn, action_id=action.id, viewer=contributor)
    assert [s.kind for s in public.sources] == ["post"]
    [card] = roadmaps.list_actions(conn, group_id=scene["group"])
    assert (card.sources, card.owner) == (2, member.display_name)


def test_a_status_change_is_kept_in_history_and_told_to_the_proposition(conn, contributor,
                                                                       member, scene):
    follower = make_user(conn, "suiveuse", "member", department_code="42")
    forum_follows.toggle(conn, actor=follower, post_id=scene["proposition"])
    action = roadmaps.create_action(conn, actor=member, group_id=scene["group"],
                                    data=_action(owner_department="42"),
                                    post_ids=[scene["proposition"]])
    changed = roadmaps.update_action(conn, actor=member, action_id=action.id,
                                     data=_action(owner_department="42", status="en_cours",
                                                  progress="40"))
    assert [(c.status, c.progress) for c in changed.history] == [("en_cours", 40),
                                                                 ("a_lancer", 0)]
    assert changed.owner.startswith("Médiathèque")  # the MD's name, not its code
    for person in (contributor, follower):
        told = notifications.list_recent(conn, user=person, limit=1)[0]
        assert "maintenant : en cours" in told.text
    same = roadmaps.update_action(conn, actor=member, action_id=action.id,
                                  data=_action(owner_department="42", status="en_cours",
                                               progress=40, title="Former toutes les équipes"))
    assert len(same.history) == 2  # nothing moved: no new line


@pytest.mark.parametrize(("given", "field", "message"), [
    ({"progress": 140}, "progress", "entre 0 et 100 %"),
    ({"progress": "40,5"}, "progress", "sans virgule"),
    ({"horizon": "T3 2026"}, "horizon", "2026-T3"),
    ({"title": "  "}, "title", "obligatoire"),
    ({"status": "finie"}, "status", "statut"),
    ({}, "owner", "une personne ou une MD"),
])
def test_bad_input_is_refused_with_nothing_written(conn, member, scene, given, field,
                                                   message):
    data = _action(**({"owner_id": member.id} | given if field != "owner" else given))
    with pytest.raises(ValidationError) as refused:
        roadmaps.create_action(conn, actor=scene["organiser"], group_id=scene["group"],
                               data=data, post_ids=[scene["proposition"]])
    assert message in refused.value.errors[field]
    assert roadmaps.list_actions(conn, group_id=scene["group"]) == []
    assert answers.get_answer(conn, post_id=scene["proposition"]) is None


def test_an_owner_outside_the_group_is_refused(conn, scene):
    stranger = make_user(conn, "hors.groupe", "member", department_code="07")
    for data in (_action(owner_id=stranger.id), _action(owner_department="07")):
        with pytest.raises(ValidationError) as refused:
            roadmaps.create_action(conn, actor=scene["organiser"], group_id=scene["group"],
                                   data=data)
        assert "groupe de travail" in refused.value.errors["owner"]
    # the regional roadmap is everyone's: the same person may carry one there
    regional = roadmaps.create_action(conn, actor=scene["organiser"], group_id=None,
                                      data=_action(owner_id=stranger.id))
    assert regional.roadmap == "Feuille de route régionale"


def test_only_organisers_and_the_group_s_coordinators_write(conn, contributor, scene):
    plain = make_user(conn, "simple.membre", "member", department_code="42")
    work_groups.join(conn, actor=plain, group_id=scene["group"])
    for actor, group_id in ((plain, scene["group"]), (contributor, scene["group"]),
                            (plain, None)):
        with pytest.raises(PermissionDenied):
            roadmaps.create_action(conn, actor=actor, group_id=group_id,
                                   data=_action(owner_id=plain.id))
    action = roadmaps.create_action(conn, actor=scene["organiser"], group_id=scene["group"],
                                    data=_action(owner_id=plain.id))
    with pytest.raises(PermissionDenied):
        roadmaps.update_action(conn, actor=plain, action_id=action.id,
                               data=_action(owner_id=plain.id, progress=100))
    with pytest.raises(PermissionDenied):
        roadmaps.add_source(conn, actor=contributor, action_id=action.id,
                            post_id=scene["proposition"])


def test_a_source_is_added_once_and_removed(conn, member, scene):
    action = roadmaps.create_action(conn, actor=member, group_id=scene["group"],
                                    data=_action(owner_id=member.id))
    for _ in range(2):
        roadmaps.add_source(conn, actor=member, action_id=action.id,
                            post_id=scene["proposition"])
    assert len(roadmaps.get_action(conn, action_id=action.id).sources) == 1
    roadmaps.remove_source(conn, actor=member, action_id=action.id,
                           post_id=scene["proposition"])
    assert roadmaps.get_action(conn, action_id=action.id).sources == []
    draft = pitches.create_pitch(conn, actor=member, data=pitches.FicheInput(
        title="Brouillon", summary="Pas encore publié."))
    with pytest.raises(ValidationError):
        roadmaps.add_source(conn, actor=member, action_id=action.id, pitch_id=draft.id)


def test_the_list_of_roadmaps_counts_actions_and_those_done(conn, member, scene):
    for status in ("realisee", "en_cours"):
        roadmaps.create_action(conn, actor=member, group_id=scene["group"],
                               data=_action(owner_id=member.id, status=status))
    found = {r.group_id: (r.actions, r.done) for r in roadmaps.list_roadmaps(conn)}
    assert found[None] == (0, 0) and found[scene["group"]] == (2, 1)


def test_exports_follow_the_seed_themes_then_actions(conn, member, scene):
    roadmaps.create_action(conn, actor=member, group_id=scene["group"],
                           data=_action(owner_id=member.id, theme_id=scene["theme"],
                                        title="Œuvrer à un rôle commun"),
                           post_ids=[scene["proposition"]])
    roadmaps.create_action(conn, actor=member, group_id=scene["group"],
                           data=_action(owner_id=member.id, title="Une action hors thème"))
    name, parts = exports.sections(conn, group_id=scene["group"], viewer=member)
    assert [p.title.split(" —")[0] for p in parts] == ["Thème 1", "Autres actions"]
    markdown = exports.to_markdown(name, parts)
    assert markdown.startswith("# Feuille de route — Médiation numérique")
    assert markdown.index("## Thème 1") < markdown.index("### Œuvrer à un rôle commun") \
        < markdown.index("- Proposition : Un bus numérique") < markdown.index("## Autres")
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(name, parts))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(exports.HEADER) and len(rows) == 3
    assert rows[1][1] == "Œuvrer à un rôle commun" and rows[1][5] == 0
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        exports.to_pdf(name, parts))).pages)
    assert "Thème 1" in text and "OEuvrer à un rôle commun" in text


def test_deleting_an_action_keeps_the_proposition_s_answer(conn, member, scene):
    action = roadmaps.create_action(conn, actor=member, group_id=scene["group"],
                                    data=_action(owner_id=member.id),
                                    post_ids=[scene["proposition"]])
    roadmaps.delete_action(conn, actor=member, action_id=action.id)
    assert roadmaps.list_actions_of_post(conn, post_id=scene["proposition"]) == []
    assert answers.get_answer(conn, post_id=scene["proposition"]).state == "integree"
    left = conn.execute(sa.text("SELECT count(*) FROM roadmap_history")).scalar()
    assert left == 0
