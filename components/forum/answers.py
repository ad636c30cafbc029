"""A proposition's official answer: its state shown on the post and the theme's cards, the
organisers' form to give it, and the merge of a similar proposition into another."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import forms
from components.cards import moment
from components.markdown import escape, render
from components.roadmaps import view as roadmap_view
from components.state import transaction, write
from db import forum
from db.errors import ValidationError
from db.forum import answers
from db.roles import User, has_role

COLOURS = {"a_l_etude": "blue", "retenue": "green", "integree": "violet",
           "non_retenue": "gray"}
STATE_FILTER: dict[str | None, str] = {None: "Tous", "sans": "Sans réponse encore"}
STATE_FILTER.update(answers.STATES)


def badge(state: str | None) -> str:
    """« :green-badge[Retenue] », or nothing."""
    return f":{COLOURS[state]}-badge[{answers.STATES[state]}]" if state else ""


def on_answer(user: User, post_id: int, form: str, token: str) -> answers.Answer:
    """« Enregistrer la réponse »: the author and followers are told."""
    return write(partial(answers.answer_proposition, actor=user, post_id=post_id,
                         state=str(st.session_state.get(f"{form}_state") or ""),
                         answer=st.session_state.get(f"{form}_answer", "")), once=token)


def on_merge(user: User, post_id: int, form: str) -> None:
    """« Fusionner », once confirmed."""
    into = st.session_state.get(f"{form}_into")
    if into is None:
        raise ValidationError({"into": "Choisissez la proposition qui la portera."})
    write(partial(answers.merge_proposition, actor=user, post_id=post_id, into_id=into))


def answer_section(user: User, head: forum.ThreadCard) -> None:
    """Under a proposition: its answer for everyone, the organisers' form."""
    if head.kind != "proposition":
        return
    with transaction() as conn:
        given = answers.get_answer(conn, post_id=head.id)
    if given is not None:
        with st.container(border=True):
            by = f" — {escape(given.by)}, le {moment(given.at)}" if given.by and given.at else ""
            st.markdown(f"**Réponse des organisateurs** {badge(given.state)}{by}")
            render(given.text)
            if given.merged_into:
                st.page_link("pages/forum.py", label="Voir la proposition qui la porte",
                             query_params={"sujet": str(given.merged_into)},
                             icon=":material/merge:")
    roadmap_view.carried_by(user, head)
    if has_role(user, "organiser"):
        with st.expander("Répondre à cette proposition" if given is None else
                         "Modifier la réponse", icon=":material/gavel:"):
            answer_form(user, head, given)
            merge_form(user, head)


def answer_form(user: User, head: forum.ThreadCard, given: answers.Answer | None) -> None:
    form = f"answer_{head.id}"
    token = forms.token(form)
    states = list(answers.STATES)
    with st.form(form, enter_to_submit=False):
        st.selectbox("État", states, key=f"{form}_state",
                     format_func=forms.label(answers.STATES),
                     index=states.index(given.state) if given else 0)
        forms.field_error(form, "state")
        st.text_area("Réponse officielle (Markdown)", key=f"{form}_answer", height=120,
                     value=given.text if given else "")
        forms.field_error(form, "answer")
        forms.form_error(form)
        st.form_submit_button("Enregistrer la réponse", type="primary",
                              key=forms.send_key(form), on_click=forms.submit(
                                  form, partial(on_answer, user, head.id, form, token),
                                  success="Réponse enregistrée : l'auteur et les abonnés "
                                          "sont prévenus."))


def merge_form(user: User, head: forum.ThreadCard) -> None:
    with transaction() as conn:
        others = [t for t in forum.list_threads(
            conn, viewer=user, theme_id=answers.theme_of(conn, post_id=head.id), limit=None,
            filters=forum.Filters(kind="proposition")) if t.id != head.id]
    if not others:
        return
    form = f"merge_{head.id}"
    names = {t.id: t.title for t in others}
    st.selectbox("Fusionner avec une proposition proche", list(names), key=f"{form}_into",
                 index=None, format_func=forms.label(names), placeholder="Choisir")
    sure = st.checkbox("Je confirme : cette proposition rejoindra l'autre, ses +1 y "
                       "seront reportés", key=f"{form}_sure")
    st.button("Fusionner", key=f"{form}_go", disabled=not sure, on_click=forms.submit(
        form, partial(on_merge, user, head.id, form), success="Propositions fusionnées."))
    forms.field_error(form, "into")
    forms.form_error(form)
