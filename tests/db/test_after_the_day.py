"""After the day (#13): the satisfaction survey — sent once to the people present, answered
once each (even two at once), counted, exported without names — and the « suites à
donner », each told to its owner, updated by them or an organiser, shown to the host group.
"""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest
import sqlalchemy as sa

from db import groups, notifications
from db.engine import local_now, make_engine, run_in_transaction
from db.errors import PermissionDenied, ValidationError
from db.events import desk, followups, questions, registrations, survey
from db.schema import survey_answers
from tests.conftest import make_user
from tests.db.events_fixtures import build_day
from tests.db.test_registration_race import _race

RATING = questions.QuestionInput(kind="rating", label="Satisfaction générale", required=True)
BEST = questions.QuestionInput(kind="one", label="Le meilleur moment",
                               options="Les pitchs\nLes ateliers\nLe déjeuner")
WORDS = questions.QuestionInput(kind="text", label="Un mot pour la suite")


def _held_today(conn, organiser):
    """A day held today with its survey; Élodie and Léa present, Paul absent."""
    event_id, slot, (first, _) = build_day(conn, organiser, capacity=5)
    for data in (RATING, BEST, WORDS):
        questions.add_question(conn, actor=organiser, event_id=event_id, data=data,
                               bank="survey")
    people = {}
    for name in ("elodie", "lea", "paul"):
        people[name] = make_user(conn, name, "member", department_code="42")
        mine = registrations.register(conn, actor=people[name], event_id=event_id,
                                      choices={slot: first})
        if name != "paul":
            desk.check_in(conn, actor=organiser, registration_id=mine.id)
    conn.execute(sa.text("UPDATE events SET day = :d WHERE id = :e"),
                 {"d": local_now().date(), "e": event_id})
    return event_id, people


@pytest.fixture
def organiser(conn):
    return make_user(conn, "claire.besson", "organiser", department_code="42")


def test_the_survey_goes_once_to_the_people_present_and_is_answered_once(conn, organiser):
    event_id, people = _held_today(conn, organiser)
    assert not survey.may_answer(conn, user=people["elodie"], event_id=event_id)
    assert survey.send_survey(conn, actor=organiser, event_id=event_id) == 2
    with pytest.raises(ValidationError) as twice:
        survey.send_survey(conn, actor=organiser, event_id=event_id)
    assert "déjà été envoyée" in twice.value.errors["_form"]
    told = set(conn.execute(sa.text("SELECT user_id FROM notifications WHERE kind = 'survey'"))
               .scalars())
    assert told == {people["elodie"].id, people["lea"].id}
    assert not survey.may_answer(conn, user=people["paul"], event_id=event_id)
    with pytest.raises(PermissionDenied):
        survey.answer_survey(conn, user=people["paul"], event_id=event_id, replies={"q1": 5})

    survey.answer_survey(conn, user=people["elodie"], event_id=event_id,
                         replies={"q1": 5, "q2": "Les ateliers", "q3": "Refaire en 2026"})
    survey.answer_survey(conn, user=people["lea"], event_id=event_id, replies={"q1": "4"})
    with pytest.raises(ValidationError) as again:
        survey.answer_survey(conn, user=people["lea"], event_id=event_id, replies={"q1": 1})
    assert "déjà répondu" in again.value.errors["_form"]
    results = survey.get_results(conn, actor=organiser, event_id=event_id)
    assert (results.present, results.answered) == (2, 2)
    rating, best, words = results.results
    assert rating.tally == [("1", 0), ("2", 0), ("3", 0), ("4", 1), ("5", 1)]
    assert rating.average == 4.5 and words.texts == ["Refaire en 2026"]
    assert dict(best.tally)["Les ateliers"] == 1
    sheet = openpyxl.load_workbook(io.BytesIO(survey.results_xlsx(
        conn, actor=organiser, event_id=event_id))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Réponse n°")
    assert list(header) == ["Réponse n°", "Satisfaction générale", "Le meilleur moment",
                            "Un mot pour la suite"]
    assert not any("elodie" in str(cell).lower() for row in rows for cell in row)


@pytest.mark.parametrize("replies, field", [({}, "q_q1"), ({"q1": 6}, "q_q1"),
                                            ({"q1": 3, "q2": "La pause"}, "q_q2")])
def test_a_wrong_survey_answer_is_refused_and_not_kept(conn, organiser, replies, field):
    event_id, people = _held_today(conn, organiser)
    survey.send_survey(conn, actor=organiser, event_id=event_id)
    with pytest.raises(ValidationError) as refused:
        survey.answer_survey(conn, user=people["elodie"], event_id=event_id, replies=replies)
    assert field in refused.value.errors
    assert survey.may_answer(conn, user=people["elodie"], event_id=event_id)


def test_no_survey_before_the_day_or_without_questions(conn, organiser):
    event_id, _slot, _ateliers = build_day(conn, organiser)
    questions.add_question(conn, actor=organiser, event_id=event_id, data=RATING,
                           bank="survey")
    with pytest.raises(ValidationError) as early:
        survey.send_survey(conn, actor=organiser, event_id=event_id)
    assert "jour même" in early.value.errors["_form"]
    other, _slot, _ateliers = build_day(conn, organiser)
    conn.execute(sa.text("UPDATE events SET day = :d WHERE id = :e"),
                 {"d": local_now().date() - timedelta(days=1), "e": other})
    with pytest.raises(ValidationError) as empty:
        survey.send_survey(conn, actor=organiser, event_id=other)
    assert "au moins une question" in empty.value.errors["_form"]
    with pytest.raises(ValidationError):  # a rating is for the survey only
        questions.add_question(conn, actor=organiser, event_id=other, data=RATING)


def test_two_answers_of_one_person_at_once_keep_one(db_url, engine):
    with engine.begin() as conn:
        organiser = make_user(conn, "orga", "organiser", department_code="42")
        event_id, people = _held_today(conn, organiser)
        survey.send_survey(conn, actor=organiser, event_id=event_id)
    racing = make_engine(db_url, pool_size=2, max_overflow=0)
    errors = _race(2, lambda _i: run_in_transaction(racing, lambda c: survey.answer_survey(
        c, user=people["elodie"], event_id=event_id, replies={"q1": 5})))
    racing.dispose()
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), errors
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(survey_answers)
                            ).scalar_one() == 1


def test_a_followup_is_told_to_its_owner_updated_and_shown_to_the_host_group(conn,
                                                                            organiser):
    event_id, people = _held_today(conn, organiser)
    group_id = groups.create_group(conn, actor=organiser, name="Suites de la journée régionale",
                                   description="Le groupe régional.")
    conn.execute(sa.text("UPDATE events SET group_id = :g WHERE id = :e"),
                 {"g": group_id, "e": event_id})
    action = followups.add_followup(conn, actor=organiser, event_id=event_id,
                                    data=followups.FollowupInput(
                                        what="Partager le diagnostic territorial",
                                        owner_id=people["lea"].id,
                                        due_on=local_now().date() + timedelta(days=30)))
    [told] = notifications.list_recent(conn, user=people["lea"], limit=1)
    assert "Partager le diagnostic territorial" in told.text and action.status == "todo"
    with pytest.raises(PermissionDenied):
        followups.set_followup_status(conn, actor=people["paul"], followup_id=action.id,
                                      status="done")
    followups.set_followup_status(conn, actor=people["lea"], followup_id=action.id,
                                  status="doing")
    [shown] = followups.list_group_followups(conn, viewer=people["paul"], group_id=group_id)
    assert (shown.status, shown.owner) == ("doing", people["lea"].display_name)
    followups.set_followup_status(conn, actor=organiser, followup_id=action.id, status="done")
    assert followups.list_group_followups(conn, viewer=people["paul"], group_id=group_id) == []
    assert [f.status for f in followups.list_followups(conn, event_id=event_id)] == ["done"]


@pytest.mark.parametrize("data, field", [
    (followups.FollowupInput(what="", owner_id=None), "what"),
    (followups.FollowupInput(what="Relancer les communes", owner_id=None), "owner_id"),
    (followups.FollowupInput(what="Relancer", owner_id=-1), "owner_id")])
def test_a_wrong_followup_is_refused(conn, organiser, data, field):
    event_id, _people = _held_today(conn, organiser)
    with pytest.raises(ValidationError) as refused:
        followups.add_followup(conn, actor=organiser, event_id=event_id, data=data)
    assert field in refused.value.errors
    assert followups.list_followups(conn, event_id=event_id) == []
