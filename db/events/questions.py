"""The organiser's own registration questions for a day (« Venez-vous en covoiturage ? »,
« Votre atelier du matin », a number of places in a car…), on top of the four every day
asks (lunch, diet, accessibility, comment): built by the organiser, answered at
registration, one column each in the exports, counted on the dashboard.

The questions live in the day's row (`events.questions`, a JSON list, changed under the
row's lock); the answers in each registration's `answers` (JSON, keyed by question id), so
that removing a question hides its answers without losing them. The satisfaction survey
after the day is built the same way (`bank="survey"`, `events.survey`), with a rating
from 1 to 5 among its kinds (`db.events.survey` sends it and keeps the answers).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from db import audit, validation
from db.errors import NotFound, ValidationError
from db.events.days import get_event
from db.roles import User, require_role
from db.schema import events
from db.schema import registrations as regs

KINDS = {"yes_no": "Oui / non", "one": "Un choix", "many": "Plusieurs choix",
         "text": "Texte court", "number": "Nombre"}
SURVEY_KINDS = {"rating": "Note de 1 à 5", "one": "Un choix", "many": "Plusieurs choix",
                "text": "Texte libre"}
BANKS = {"questions": KINDS, "survey": SURVEY_KINDS}
WITH_OPTIONS = ("one", "many")
MAX_QUESTIONS = 20


@dataclass(frozen=True)
class QuestionInput:
    """A question as the builder's form gives it (options: one per line)."""
    kind: str | None = "yes_no"
    label: str | None = None
    help: str | None = None
    required: bool | None = False
    options: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    label: str
    help: str | None
    required: bool
    options: tuple[str, ...] = ()


def _stored(conn: sa.Connection, event_id: int, bank: str, *,
            lock: bool = False) -> list[dict[str, Any]]:
    column = events.c[bank if bank in BANKS else "questions"]
    query = sa.select(column).where(events.c.id == event_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFound("Journée introuvable.")
    return list(row[0] or [])


def list_questions(conn: sa.Connection, *, event_id: int,
                   bank: str = "questions") -> list[Question]:
    return [Question(**{**q, "options": tuple(q.get("options", ()))})
            for q in _stored(conn, event_id, bank)]


def _clean(data: QuestionInput, bank: str) -> dict[str, Any]:
    kind = data.kind if data.kind in BANKS[bank] else None
    options = [line.strip() for line in (data.options or "").splitlines() if line.strip()]
    label = validation.clean(data.label)
    problems: dict[str, str | None] = {
        "kind": None if kind else "Type de question inconnu.",
        "label": validation.plain_text(label, label="La question", max_len=200),
        "help": validation.plain_text(data.help or "", label="L'aide", max_len=300,
                                      required=False),
    }
    if kind in WITH_OPTIONS:
        if len(options) < 2:
            problems["options"] = "Donnez au moins deux choix, un par ligne."
        elif len(set(options)) < len(options):
            problems["options"] = "Deux choix sont identiques."
        else:
            found = (validation.plain_text(o, label="Un choix", max_len=100) for o in options)
            problems["options"] = next((problem for problem in found if problem), None)
    validation.raise_if(problems)
    return {"kind": kind, "label": label, "help": validation.clean(data.help) or None,
            "required": bool(data.required),
            "options": options if kind in WITH_OPTIONS else []}


def _save(conn: sa.Connection, actor: User, event_id: int, stored: list[dict[str, Any]],
          action: str, bank: str) -> list[Question]:
    conn.execute(events.update().where(events.c.id == event_id).values({bank: stored}))
    audit.record(conn, actor_id=actor.id, action=action, entity="event", entity_id=event_id,
                 detail={"bank": bank})
    return list_questions(conn, event_id=event_id, bank=bank)


def _bank(bank: str) -> str:
    if bank not in BANKS:
        raise ValidationError({"_form": "Liste de questions inconnue."})
    return bank


def add_question(conn: sa.Connection, *, actor: User, event_id: int, data: QuestionInput,
                 bank: str = "questions") -> Question:
    require_role(actor, "organiser")
    get_event(conn, event_id=event_id, viewer=actor)
    values = _clean(data, _bank(bank))
    stored = _stored(conn, event_id, bank, lock=True)
    if len(stored) >= MAX_QUESTIONS:
        raise ValidationError({"_form": f"{MAX_QUESTIONS} questions au plus par journée."})
    number = max((int(q["id"][1:]) for q in stored), default=0) + 1
    stored.append({"id": f"q{number}", **values})
    return _save(conn, actor, event_id, stored, "add_question", bank)[-1]


def _index(stored: list[dict[str, Any]], question_id: str) -> int:
    for index, question in enumerate(stored):
        if question["id"] == question_id:
            return index
    raise NotFound("Question introuvable.")


def update_question(conn: sa.Connection, *, actor: User, event_id: int, question_id: str,
                    data: QuestionInput, bank: str = "questions") -> None:
    """Its answers stay (an option renamed keeps the answers given to the old name)."""
    require_role(actor, "organiser")
    values = _clean(data, _bank(bank))
    stored = _stored(conn, event_id, bank, lock=True)
    stored[_index(stored, question_id)] = {"id": question_id, **values}
    _save(conn, actor, event_id, stored, "update_question", bank)


def delete_question(conn: sa.Connection, *, actor: User, event_id: int, question_id: str,
                    bank: str = "questions") -> None:
    require_role(actor, "organiser")
    stored = _stored(conn, event_id, _bank(bank), lock=True)
    del stored[_index(stored, question_id)]
    _save(conn, actor, event_id, stored, "delete_question", bank)


def move_question(conn: sa.Connection, *, actor: User, event_id: int, question_id: str,
                  step: int, bank: str = "questions") -> None:
    """One place up (-1) or down (+1) in the form."""
    require_role(actor, "organiser")
    stored = _stored(conn, event_id, _bank(bank), lock=True)
    index = _index(stored, question_id)
    target = min(max(index + step, 0), len(stored) - 1)
    stored.insert(target, stored.pop(index))
    _save(conn, actor, event_id, stored, "move_question", bank)


def _answer(question: Question, value: Any) -> tuple[Any, str | None]:
    """One answer, cleaned: (value or None when blank, the French problem if any)."""
    blank = value in (None, "", [], ())
    if blank:
        return None, (f"Répondez à « {question.label} »." if question.required else None)
    if question.kind == "yes_no":
        return (bool(value), None) if isinstance(value, bool) else (None, "Oui ou non.")
    if question.kind == "number":
        return validation.whole_number(value, label="La réponse", low=0, high=100_000)
    if question.kind == "rating":
        return validation.whole_number(value, label="La note", low=1, high=5)
    if question.kind == "text":
        text = validation.clean(str(value))
        return text or None, validation.plain_text(text, label="La réponse", max_len=300,
                                                   required=question.required)
    chosen = [value] if question.kind == "one" else list(value)
    if not set(chosen) <= set(question.options):
        return None, "Choisissez parmi les réponses proposées."
    return (chosen[0] if question.kind == "one" else chosen), None


def clean_answers(questions: list[Question], given: dict[str, Any]) -> dict[str, Any]:
    """The answers to keep, by question id; every problem at once (field `q_<id>`)."""
    kept, problems = {}, {}
    for question in questions:
        kept[question.id], problems[f"q_{question.id}"] = _answer(question,
                                                                  given.get(question.id))
    validation.raise_if(problems)
    return {k: v for k, v in kept.items() if v is not None}


def count_answers(conn: sa.Connection, *, event_id: int) -> list[tuple[Question,
                                                                       list[tuple[str, int]]]]:
    """For the dashboard (and the caterer): each question with its answers counted, among
    the registrations not cancelled — yes/no and choices by answer, numbers summed, texts
    by how many answered."""
    questions = list_questions(conn, event_id=event_id)
    rows = conn.execute(sa.select(regs.c.answers).where(
        regs.c.event_id == event_id, regs.c.status != "cancelled")).scalars().all()
    counted = []
    for question in questions:
        values = [row[question.id] for row in rows if row and question.id in row]
        if question.kind == "yes_no":
            tally = Counter("Oui" if v else "Non" for v in values)
            counted.append((question, [("Oui", tally["Oui"]), ("Non", tally["Non"])]))
        elif question.kind in WITH_OPTIONS:
            tally = Counter(o for v in values for o in ([v] if isinstance(v, str) else v))
            counted.append((question, [(o, tally[o]) for o in question.options]))
        elif question.kind == "number":
            counted.append((question, [("Total", sum(values)), ("Réponses", len(values))]))
        else:
            counted.append((question, [("Réponses", len(values))]))
    return counted


def as_text(question: Question, value: Any) -> str:
    """An answer as the exports write it."""
    if value is None:
        return ""
    if question.kind == "yes_no":
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)

