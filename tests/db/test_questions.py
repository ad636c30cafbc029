"""The organiser's own questions (#13): built, ordered, answered at registration (required
ones enforced), changed until closing, one column each in the exports, counted."""

from __future__ import annotations

import pytest

from db import events
from db.errors import PermissionDenied, ValidationError
from db.events import exports, questions, registrations
from db.events import reports as event_reports
from tests.conftest import make_user
from tests.db.events_fixtures import build_day

CARPOOL = questions.QuestionInput(kind="yes_no", label="Venez-vous en covoiturage ?",
                                  required=True)
DIET = questions.QuestionInput(kind="one", label="Menu", options="Standard\nVégétarien\n"
                               "Sans gluten", required=True)
TOPICS = questions.QuestionInput(kind="many", label="Sujets qui vous intéressent",
                                 options="Inclusion\nJeux vidéo\nFab lab")
SEATS = questions.QuestionInput(kind="number", label="Places libres dans votre voiture")


@pytest.fixture
def asked_day(conn):
    organiser = make_user(conn, "claire.besson", "organiser", department_code="42")
    event_id, slot, (atelier, _) = build_day(conn, organiser, capacity=10)
    for data in (CARPOOL, DIET, TOPICS, SEATS):
        questions.add_question(conn, actor=organiser, event_id=event_id, data=data)
    return organiser, event_id, slot, atelier


def _register(conn, person, day, replies):
    _organiser, event_id, slot, atelier = day
    return registrations.register(conn, actor=person, event_id=event_id,
                                  choices={slot: atelier},
                                  answers=registrations.Answers(replies=replies))


def test_answers_are_kept_exported_and_counted(conn, asked_day):
    organiser, event_id, _slot, _atelier = asked_day
    asked = questions.list_questions(conn, event_id=event_id)
    assert [q.id for q in asked] == ["q1", "q2", "q3", "q4"]
    marie = make_user(conn, "marie", "member", department_code="42")
    paul = make_user(conn, "paul", "member", department_code="26")
    kept = _register(conn, marie, asked_day, {"q1": True, "q2": "Végétarien",
                                             "q3": ["Inclusion", "Fab lab"], "q4": "3"})
    assert kept.replies == {"q1": True, "q2": "Végétarien", "q3": ["Inclusion", "Fab lab"],
                            "q4": 3}
    _register(conn, paul, asked_day, {"q1": False, "q2": "Végétarien", "q3": []})
    counted = {q.label: tally for q, tally in
                   questions.count_answers(conn, event_id=event_id)}
    assert counted["Menu"] == [("Standard", 0), ("Végétarien", 2), ("Sans gluten", 0)]
    assert counted["Venez-vous en covoiturage ?"] == [("Oui", 1), ("Non", 1)]
    assert counted["Places libres dans votre voiture"] == [("Total", 3), ("Réponses", 1)]
    people = event_reports.list_people(conn, actor=organiser, event_id=event_id)
    header = exports.columns(["Atelier au choix"], asked)
    rows = {p.name: dict(zip(header, exports.row(p, ["Atelier au choix"], asked),
                             strict=True)) for p in people}
    assert rows["Marie"]["Sujets qui vous intéressent"] == "Inclusion, Fab lab"
    assert rows["Paul"]["Venez-vous en covoiturage ?"] == "non"
    assert rows["Paul"]["Places libres dans votre voiture"] == ""


@pytest.mark.parametrize("replies, field, message", [
    ({"q2": "Standard"}, "q_q1", "Répondez à « Venez-vous en covoiturage ? »"),
    ({"q1": True, "q2": "Poisson"}, "q_q2", "Choisissez parmi les réponses proposées"),
    ({"q1": True, "q2": "Standard", "q4": "deux"}, "q_q4", "s'écrit en chiffres"),
    ({"q1": True, "q2": "Standard", "q3": ["Inclusion", "Cuisine"]}, "q_q3",
     "Choisissez parmi")])
def test_a_wrong_or_missing_answer_is_refused_and_nothing_is_written(conn, asked_day,
                                                                     replies, field, message):
    _organiser, event_id, _slot, _atelier = asked_day
    marie = make_user(conn, "marie", "member", department_code="42")
    with pytest.raises(ValidationError) as refused:
        _register(conn, marie, asked_day, replies)
    assert message in refused.value.errors[field]
    assert registrations.get_registration_for(conn, event_id=event_id, user=marie) is None


def test_answers_change_until_closing_and_the_four_stay(conn, asked_day):
    _organiser, _event_id, _slot, _atelier = asked_day
    marie = make_user(conn, "marie", "member", department_code="42")
    mine = _register(conn, marie, asked_day, {"q1": True, "q2": "Standard"})
    changed = registrations.set_answers(conn, actor=marie, registration_id=mine.id,
                                        answers=registrations.Answers(
                                            lunch=True, dietary="Sans porc",
                                            replies={"q1": False, "q2": "Sans gluten"}))
    assert (changed.lunch, changed.dietary, changed.replies) == (
        True, "Sans porc", {"q1": False, "q2": "Sans gluten"})
    untouched = registrations.set_answers(conn, actor=marie, registration_id=mine.id,
                                          answers=registrations.Answers(lunch=False))
    assert untouched.replies == {"q1": False, "q2": "Sans gluten"}  # replies not given


def test_the_builder_edits_orders_and_removes_questions(conn, asked_day):
    organiser, event_id, _slot, _atelier = asked_day
    questions.move_question(conn, actor=organiser, event_id=event_id, question_id="q4",
                            step=-1)
    questions.update_question(conn, actor=organiser, event_id=event_id, question_id="q1",
                              data=questions.QuestionInput(kind="yes_no", label="Covoiturage ?",
                                                           help="Pour organiser les trajets"))
    questions.delete_question(conn, actor=organiser, event_id=event_id, question_id="q2")
    asked = questions.list_questions(conn, event_id=event_id)
    assert [(q.id, q.label) for q in asked] == [
        ("q1", "Covoiturage ?"), ("q4", "Places libres dans votre voiture"),
        ("q3", "Sujets qui vous intéressent")]
    assert asked[0].help == "Pour organiser les trajets" and not asked[0].required
    added = questions.add_question(conn, actor=organiser, event_id=event_id,
                                   data=questions.QuestionInput(kind="text", label="Allergies"))
    assert added.id == "q5"  # a removed question's id is never given again


@pytest.mark.parametrize("data, field", [
    (questions.QuestionInput(kind="one", label="Menu", options="Standard"), "options"),
    (questions.QuestionInput(kind="many", label="Sujets", options="A\nA"), "options"),
    (questions.QuestionInput(kind="one", label="", options="A\nB"), "label"),
    (questions.QuestionInput(kind="date", label="Quand ?"), "kind")])
def test_a_wrong_question_is_refused_in_french(conn, asked_day, data, field):
    organiser, event_id, _slot, _atelier = asked_day
    with pytest.raises(ValidationError) as refused:
        questions.add_question(conn, actor=organiser, event_id=event_id, data=data)
    assert field in refused.value.errors
    assert len(questions.list_questions(conn, event_id=event_id)) == 4


def test_members_may_not_build_questions(conn, asked_day):
    _organiser, event_id, _slot, _atelier = asked_day
    marie = make_user(conn, "marie", "member", department_code="42")
    with pytest.raises(PermissionDenied):
        questions.add_question(conn, actor=marie, event_id=event_id, data=CARPOOL)


def test_the_four_usual_questions_are_a_new_day_s_default_set_and_can_be_left_out(conn,
                                                                                asked_day):
    """#13 « the four questions of today become the default set of a new day »."""
    organiser, event_id, _slot, _atelier = asked_day
    day = events.get_event(conn, event_id=event_id)
    assert day.standard_questions == ("lunch", "dietary", "accessibility_needs", "comment")
    events.update_event(conn, actor=organiser, event_id=event_id, data=events.DayInput(
        title=day.title, day=day.day, starts_at=day.starts_at, ends_at=day.ends_at,
        place=day.place, host_department_code="42", standard_questions=["lunch"]))
    assert events.get_event(conn, event_id=event_id).standard_questions == ("lunch",)
    marie = make_user(conn, "marie", "member", department_code="42")
    _organiser, _event_id, slot, atelier = asked_day
    kept = registrations.register(conn, actor=marie, event_id=event_id,
                                  choices={slot: atelier}, answers=registrations.Answers(
                                      lunch=True, dietary="ignoré", comment="ignoré",
                                      replies={"q1": True, "q2": "Standard"}))
    assert (kept.lunch, kept.dietary, kept.comment) == (True, None, None)
    with pytest.raises(ValidationError) as refused:
        events.update_event(conn, actor=organiser, event_id=event_id, data=events.DayInput(
            title=day.title, day=day.day, starts_at=day.starts_at, ends_at=day.ends_at,
            place=day.place, standard_questions=["covoiturage"]))
    assert "standard_questions" in refused.value.errors
