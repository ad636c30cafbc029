"""The day's own questions: the organiser's builder (« Questions d'inscription » tab), the
inputs that ask them in every registration form, and their counts on the dashboard."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from components import forms
from components.markdown import escape
from components.state import write
from db.events import Event, questions
from db.roles import User

YES_NO = {True: "Oui", False: "Non"}
EDITING = "question_editing"  # the question whose form is open


# --- asked in the registration forms ---------------------------------------------------
def reply_inputs(form: str, asked: list[questions.Question],
                 given: dict[str, Any] | None = None) -> None:
    """One input per question, inside `form`; `given` the stored answers (an edit form)."""
    given = given or {}
    for question in asked:
        key, value = f"{form}_q_{question.id}", given.get(question.id)
        label = question.label + ("" if question.required else " (facultatif)")
        tip = question.help or None
        if question.kind == "yes_no":
            st.radio(label, [True, False], format_func=YES_NO.get, key=key, help=tip,
                     index=None if value is None else (0 if value else 1), horizontal=True)
        elif question.kind == "rating":
            st.radio(label, [1, 2, 3, 4, 5], key=key, help=tip, horizontal=True,
                     index=None if value is None else int(value) - 1,
                     captions=["pas du tout", "", "", "", "tout à fait"])
        elif question.kind == "one":
            options = list(question.options)
            st.radio(label, options, key=key, help=tip,
                     index=options.index(value) if value in options else None)
        elif question.kind == "many":
            st.multiselect(label, list(question.options), key=key, help=tip,
                           default=[v for v in value or [] if v in question.options],
                           placeholder="Choisir une ou plusieurs réponses")
        else:
            st.text_input(label, key=key, help=tip, value="" if value is None else str(value),
                          max_chars=300, placeholder="ex. 2" if question.kind == "number"
                          else None)
        forms.field_error(form, f"q_{question.id}")


def replies(form: str, asked: list[questions.Question]) -> dict[str, Any]:
    return {q.id: st.session_state.get(f"{form}_q_{q.id}") for q in asked}


def blank(asked: list[questions.Question]) -> dict[str, Any]:
    """The `reset` of a form that asks them (emptied after a success)."""
    return {f"q_{q.id}": ([] if q.kind == "many" else "" if q.kind in ("text", "number")
                          else None) for q in asked}


# --- the organiser's builder -----------------------------------------------------------
def on_save_question(user: User, event: Event, question: questions.Question | None,
                     bank: str, form: str, token: str) -> None:
    """« Ajouter la question » / « Enregistrer la question »."""
    data = forms.read(form, questions.QuestionInput)
    if question is None:
        write(partial(questions.add_question, actor=user, event_id=event.id, data=data,
                      bank=bank), once=token)
    else:
        write(partial(questions.update_question, actor=user, event_id=event.id,
                      question_id=question.id, data=data, bank=bank), once=token)


def on_move(user: User, event: Event, bank: str, question_id: str, step: int) -> None:
    write(partial(questions.move_question, actor=user, event_id=event.id,
                  question_id=question_id, step=step, bank=bank))


def on_delete(user: User, event: Event, bank: str, question_id: str) -> None:
    write(partial(questions.delete_question, actor=user, event_id=event.id,
                  question_id=question_id, bank=bank))


def question_form(user: User, event: Event, question: questions.Question | None = None,
                  bank: str = "questions") -> None:
    prefix = "question" if bank == "questions" else "survey"
    form = f"{prefix}_{event.id}_{question.id if question else 'new'}"
    token = forms.token(form)
    names = questions.BANKS[bank]
    kinds = list(names)
    start: dict[str, Any] = {} if question is None else {
        "label": question.label, "help": question.help or "",
        "options": "\n".join(question.options), "required": question.required}

    def initial(name: str) -> dict[str, Any]:
        """An edit form starts from the question; the add form is emptied by the session."""
        return {"value": start[name]} if question else {}
    with st.form(form, enter_to_submit=False):
        st.markdown("**Ajouter une question**" if question is None else
                    "**Modifier la question**")
        st.selectbox("Type de réponse", kinds, key=f"{form}_kind",
                     index=kinds.index(question.kind) if question else 0,
                     format_func=forms.label(names))
        forms.text_input(form, "label", "Question", max_chars=200,
                         placeholder="ex. Venez-vous en covoiturage ?",
                         **initial("label"))
        forms.text_input(form, "help", "Aide (facultatif)", max_chars=300,
                         **initial("help"))
        st.text_area("Choix proposés, un par ligne (pour « un choix » et « plusieurs "
                     "choix »)", key=f"{form}_options", height=100,
                     **initial("options"))
        forms.field_error(form, "options")
        st.checkbox("Réponse obligatoire", key=f"{form}_required", **initial("required"))
        forms.form_error(form)
        st.form_submit_button("Ajouter la question" if question is None else
                              "Enregistrer la question", key=forms.send_key(form),
                              on_click=forms.submit(
                                  form, partial(on_save_question, user, event, question, bank,
                                                form, token),
                                  success="Question enregistrée.",
                                  reset={"label": "", "help": "", "options": "",
                                         "required": False} if question is None else None))


def _toggle(question_id: str) -> None:
    st.session_state[EDITING] = None if st.session_state.get(EDITING) == question_id \
        else question_id


def builder(user: User, event: Event, asked: list[questions.Question],
            bank: str = "questions") -> None:
    """The registration questions, or (`bank="survey"`) the satisfaction survey."""
    if bank == "questions":
        st.caption("Chaque journée demande le déjeuner, le régime alimentaire, les besoins "
                   "d'accessibilité et un commentaire. Ajoutez ici vos propres questions : "
                   "elles s'ajoutent au formulaire d'inscription, aux exports (une colonne "
                   "chacune) et au suivi des inscriptions.")
    if not asked:
        st.info("Aucune question propre à cette journée pour l'instant." if bank ==
                "questions" else "L'enquête n'a pas encore de question : ajoutez-en une "
                "(par exemple « Votre satisfaction générale », note de 1 à 5).")
    editing = st.session_state.get(EDITING)
    names = questions.BANKS[bank]
    for index, question in enumerate(asked):
        line, up, down, edit, delete = st.columns([5, 1, 1, 2, 2], vertical_alignment="center")
        mark = " *(obligatoire)*" if question.required else ""
        line.markdown(f"{index + 1}. **{escape(question.label)}** · "
                      f":gray[{names[question.kind]}]{mark}")
        key = f"{bank}_{question.id}"
        up.button("↑", key=f"up_{key}", disabled=index == 0, help="Monter",
                  on_click=partial(on_move, user, event, bank, question.id, -1))
        down.button("↓", key=f"down_{key}", disabled=index == len(asked) - 1,
                    help="Descendre", on_click=partial(on_move, user, event, bank,
                                                       question.id, 1))
        edit.button("Fermer" if editing == key else "Modifier",
                    key=f"edit_{key}", on_click=_toggle, args=(key,))
        with delete.popover("Supprimer"):
            st.caption("Les réponses déjà données sont gardées mais n'apparaissent plus.")
            st.button("Confirmer la suppression", key=f"del_{key}", type="primary",
                      on_click=forms.submit(bank, partial(on_delete, user, event, bank,
                                                          question.id),
                                            success="Question supprimée."))
        if editing == key:
            question_form(user, event, question, bank)
    forms.form_error(bank)
    question_form(user, event, bank=bank)


def counts(counted: list[tuple[questions.Question, list[tuple[str, int]]]]) -> None:
    """The dashboard's « Réponses aux questions » (e.g. each diet and its number)."""
    for question, tally in counted:
        figures = " · ".join(f"{escape(answer)} : **{number}**" for answer, number in tally)
        st.markdown(f"**{escape(question.label)}** — {figures}")
