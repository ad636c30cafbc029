"""« Mes collègues inscrit·es »: an MD member registers colleagues of the same MD from the
day page, each with their own ateliers and answers, and changes or cancels each until the
registrations close."""

from __future__ import annotations

from functools import partial

import sqlalchemy as sa
import streamlit as st

from components import forms
from components.events import questions as day_questions
from components.events.view import (
    STATUS_TEXT,
    change_form,
    choice_inputs,
    chosen,
    read_answers,
    standard_inputs,
    wished,
)
from components.markdown import escape
from components.state import transaction, write
from db import accounts
from db.errors import ValidationError
from db.events import Event, Slot, cohorts, questions, registrations
from db.roles import User, has_role

BLANK = {"colleague": None, "name": "", "email": "", "lunch": False, "dietary": "",
         "accessibility_needs": ""}


def cohort_section(event: Event, slots: list[Slot], user: User,
                   asked: list[questions.Question]) -> None:
    """Shown to MD staff; the form while registrations are open, the list always."""
    if not has_role(user, "member") or not user.department_code:
        return
    with transaction() as conn:
        colleagues = cohorts.list_colleagues(conn, actor=user, event_id=event.id)
        cohort = cohorts.list_cohort(conn, actor=user, event_id=event.id)
    open_ = event.registration_state() is None
    if not cohort and not open_:
        return
    st.subheader(f"Mes collègues inscrit·es ({len(cohort)})")
    if not cohort:
        st.caption("Inscrivez ici les collègues de votre MD : chacun·e a ses ateliers, est "
                   "prévenu·e et retrouve l'inscription dans « Mes inscriptions ».")
    for entry in cohort:
        _entry(event, slots, entry, user, open_)
    if open_:
        colleague_form(event, slots, user, colleagues, asked)


def _entry(event: Event, slots: list[Slot], entry: cohorts.CohortEntry, user: User,
           open_: bool) -> None:
    registration = entry.registration
    with st.container(border=True):
        ateliers = ", ".join(f"« {escape(c.atelier_title)} »" + (
            f" (attente : {c.rank})" if c.rank else "") for c in registration.choices)
        held = " :gray[(pas encore de compte : place gardée à son nom)]" if entry.held else ""
        st.markdown(f"**{escape(entry.name)}**{held} — {STATUS_TEXT[registration.status]}  \n"
                    f":gray[{ateliers or 'aucun atelier'} · déjeuner : "
                    f"{'oui' if registration.lunch else 'non'}]")
        if open_:
            with st.expander("Changer ou annuler"):
                change_form(event, slots, registration, user, whose=entry.name)


def colleague_form(event: Event, slots: list[Slot], user: User,
                   colleagues: list[cohorts.Colleague], asked: list[questions.Question]) -> None:
    form = f"cohort_{event.id}"
    token = forms.token(form)
    names = {c.id: c.name + (f" — {c.job_title}" if c.job_title else "") for c in colleagues}
    # folded: the day page shows one set of atelier choices, one's own; keyed, it stays
    # open from one colleague to the next
    with st.expander("Inscrire un·e collègue de ma MD", icon=":material/group_add:",
                     key=f"{form}_open", on_change="rerun"), \
            st.form(form, enter_to_submit=False):
        st.selectbox("Collègue", list(names), key=f"{form}_colleague", index=None,
                     placeholder="Choisir dans l'annuaire de ma MD" if names else
                     "Tous vos collègues qui ont un compte sont inscrits",
                     format_func=forms.label(names))
        st.caption("Pas encore de compte Coop'MD ? Donnez son nom et son e-mail : sa place "
                   "est gardée, elle ou il est prévenu·e et la retrouve en créant son compte "
                   "avec cette adresse.")
        name, email = st.columns(2)
        with name:
            forms.text_input(form, "name", "Nom (sans compte)", max_chars=80)
        with email:
            forms.text_input(form, "email", "E-mail (sans compte)", max_chars=254)
        choice_inputs(form, slots, {})
        standard_inputs(form, event, colleague=True)
        day_questions.reply_inputs(form, asked)
        forms.form_error(form)
        reset = {**BLANK, **{f"slot_{s.id}": None for s in slots if s.is_choice},
                 **{f"wishes_{s.id}": [] for s in slots if s.takes_wishes},
                 **day_questions.blank(asked)}
        st.form_submit_button("Inscrire ce·tte collègue", type="primary",
                              key=forms.send_key(form), on_click=forms.submit(
                                  form, partial(on_register_colleague, user, event, slots,
                                                asked, form, token),
                                  success="Collègue inscrit·e : elle ou il est prévenu·e.",
                                  reset=reset))


def on_register_colleague(user: User, event: Event, slots: list[Slot],
                          asked: list[questions.Question], form: str,
                          token: str) -> registrations.Registration:
    """« Inscrire ce·tte collègue »: the registration is theirs, the registrant is kept."""
    colleague = st.session_state.get(f"{form}_colleague")
    newcomer = forms.read(form, cohorts.Newcomer)
    if colleague is None and not (newcomer.name or newcomer.email):
        raise ValidationError({"_form": "Choisissez la ou le collègue à inscrire, ou donnez "
                                        "le nom et l'e-mail d'une personne sans compte."})

    def register(conn: sa.Connection) -> registrations.Registration:
        if colleague is None:
            return cohorts.register_newcomer(conn, actor=user, event_id=event.id,
                                             person=newcomer, choices=chosen(form, slots),
                                             wishes=wished(form, slots),
                                             answers=read_answers(form, asked))
        return registrations.register(
            conn, actor=user, user=accounts.get_user(conn, user_id=colleague),
            event_id=event.id, choices=chosen(form, slots), wishes=wished(form, slots),
            answers=read_answers(form, asked))
    return write(register, once=token)
