"""The satisfaction survey after a day (seed 003 « enquêtes de satisfaction »): built like
the registration questions (`questions`, bank « survey »), sent once to the people marked
present, answered once each (a unique row per person and day), its results counted for
charts and exported as XLSX — anonymous: the answers are listed without names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db import audit, notifications, spreadsheets
from db.engine import local_now, now
from db.errors import PermissionDenied, ValidationError
from db.events import questions
from db.events.days import get_event
from db.french import french_date
from db.roles import User, require_role
from db.schema import events, registrations, survey_answers

BANK = "survey"


@dataclass(frozen=True)
class Result:
    question: questions.Question
    tally: list[tuple[str, int]]  # answer → how many (ratings 1..5, options); texts: none
    texts: list[str]  # the free answers
    average: float | None  # ratings only


@dataclass(frozen=True)
class Results:
    present: int
    answered: int
    sent_at: datetime | None
    results: list[Result]


def _present(conn: sa.Connection, event_id: int) -> list[int]:
    return list(conn.execute(sa.select(registrations.c.user_id).where(
        registrations.c.event_id == event_id, registrations.c.status != "cancelled",
        registrations.c.checked_in_at.is_not(None))).scalars())


def sent_at(conn: sa.Connection, *, event_id: int) -> datetime | None:
    return conn.execute(sa.select(events.c.survey_sent_at)
                        .where(events.c.id == event_id)).scalar_one_or_none()


def send_survey(conn: sa.Connection, *, actor: User, event_id: int) -> int:
    """To every person marked present, once (the day's row is locked while it is sent).
    Returns how many were asked."""
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    stamp = conn.execute(sa.select(events.c.survey_sent_at).where(events.c.id == event_id)
                         .with_for_update()).scalar_one()
    if stamp is not None:
        raise ValidationError({"_form": f"L'enquête a déjà été envoyée, le "
                                        f"{french_date(stamp)}."})
    if event.day > local_now().date():
        raise ValidationError({"_form": "L'enquête part à partir du jour même."})
    if not questions.list_questions(conn, event_id=event_id, bank=BANK):
        raise ValidationError({"_form": "Ajoutez d'abord au moins une question à l'enquête."})
    people = _present(conn, event_id)
    if not people:
        raise ValidationError({"_form": "Personne n'est marqué·e présent·e : pointez les "
                                        "présences avant d'envoyer l'enquête."})
    conn.execute(events.update().where(events.c.id == event_id).values(survey_sent_at=now()))
    for user_id in people:
        notifications.notify(
            conn, user_id=user_id, kind="survey", link=f"events?event={event_id}",
            text=f"Votre avis sur « {event.title} » : quelques questions, deux minutes.",
            email_subject=f"Votre avis sur {event.title}")
    audit.record(conn, actor_id=actor.id, action="send_survey", entity="event",
                 entity_id=event_id, detail={"to": len(people)})
    return len(people)


def may_answer(conn: sa.Connection, *, user: User, event_id: int) -> bool:
    """Sent, the user was present, and has not answered yet."""
    if sent_at(conn, event_id=event_id) is None or user.id not in _present(conn, event_id):
        return False
    return conn.execute(sa.select(survey_answers.c.id).where(
        survey_answers.c.event_id == event_id,
        survey_answers.c.user_id == user.id)).first() is None


def answer_survey(conn: sa.Connection, *, user: User, event_id: int,
                  replies: dict[str, Any]) -> None:
    """Once per person: a second answer (a double click, two tabs) is refused."""
    if sent_at(conn, event_id=event_id) is None or user.id not in _present(conn, event_id):
        raise PermissionDenied("L'enquête est réservée aux personnes présentes à la journée.")
    asked = questions.list_questions(conn, event_id=event_id, bank=BANK)
    kept = questions.clean_answers(asked, replies)
    try:
        with conn.begin_nested():
            conn.execute(survey_answers.insert().values(event_id=event_id, user_id=user.id,
                                                        answers=kept, answered_at=now()))
    except sa.exc.IntegrityError as error:
        raise ValidationError({"_form": "Vous avez déjà répondu à cette enquête : merci !"}
                              ) from error


def _answers(conn: sa.Connection, event_id: int) -> list[dict[str, Any]]:
    return list(conn.execute(sa.select(survey_answers.c.answers).where(
        survey_answers.c.event_id == event_id).order_by(survey_answers.c.id)).scalars())


def _result(question: questions.Question, given: list[Any]) -> Result:
    if question.kind == "rating":
        tally = Counter(int(v) for v in given)
        average = sum(given) / len(given) if given else None
        return Result(question, [(str(n), tally[n]) for n in range(1, 6)], [], average)
    if question.kind in questions.WITH_OPTIONS:
        chosen = Counter(o for v in given for o in ([v] if isinstance(v, str) else v))
        return Result(question, [(o, chosen[o]) for o in question.options], [], None)
    return Result(question, [], [str(v) for v in given], None)


def get_results(conn: sa.Connection, *, actor: User, event_id: int) -> Results:
    require_role(actor, "organiser")
    asked = questions.list_questions(conn, event_id=event_id, bank=BANK)
    rows = _answers(conn, event_id)
    return Results(len(_present(conn, event_id)), len(rows), sent_at(conn, event_id=event_id),
                   [_result(q, [r[q.id] for r in rows if q.id in r]) for q in asked])


def results_xlsx(conn: sa.Connection, *, actor: User, event_id: int) -> bytes:
    """One row per answer, one column per question; no names."""
    require_role(actor, "organiser")
    event = get_event(conn, event_id=event_id, viewer=actor)
    asked = questions.list_questions(conn, event_id=event_id, bank=BANK)
    rows = ([n, *[questions.as_text(q, r.get(q.id)) for q in asked]]
            for n, r in enumerate(_answers(conn, event_id), 1))
    return spreadsheets.to_xlsx(["Réponse n°", *[q.label for q in asked]], rows,
                                sheet_title="Enquête", title=f"Enquête — {event.title}",
                                fit_columns=True)
