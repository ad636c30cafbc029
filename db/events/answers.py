"""What a registrant tells the organisers: the usual questions the day asks (lunch, diet,
accessibility, comment) and the answers to its own questions, as the form gives them and as
the registration row keeps them. `registrations` checks who may answer and when."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db import validation
from db.events import STANDARD_QUESTIONS, questions


@dataclass(frozen=True)
class Answers:
    """What a registrant tells the organisers, as the form gives it; checked by `register`."""
    lunch: bool | None = False
    dietary: str | None = None
    accessibility_needs: str | None = None
    comment: str | None = None
    replies: dict[str, Any] | None = None  # to the day's own questions, by question id



def answer_columns(given: Answers, asked: list[questions.Question],
             standard: tuple[str, ...] = tuple(STANDARD_QUESTIONS)) -> dict[str, Any]:
    """The row's answer columns (a usual question the day does not ask (`standard`) stays
    blank); the day's own questions (`asked`) in `answers`."""
    answers: dict[str, object] = {"lunch": bool(given.lunch) and "lunch" in standard}
    for key, label, size in (("dietary", "Le régime alimentaire", 300),
                             ("accessibility_needs", "Les besoins d'accessibilité", 500),
                             ("comment", "Le commentaire", 2000)):
        answers[key] = value = (validation.clean(getattr(given, key)) or None
                                if key in standard else None)
        validation.raise_if({key: validation.text(value or "", label=label,
                                                  max_len=size, required=False)})
    if asked or given.replies is not None:
        answers["answers"] = questions.clean_answers(asked, given.replies or {})
    return answers
