"""After the day: the satisfaction survey (built, sent once to the people present, answered
once each, its results as charts and XLSX) and the « suites à donner » (what, who, by when,
where it stands), for the organisers' dashboard and the day page."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import charts, downloads, forms
from components.cards import moment
from components.events import questions as day_questions
from components.markdown import escape
from components.state import transaction, write
from db.events import Event, followups, questions, survey
from db.roles import User, has_role
from db.spreadsheets import XLSX


# --- the survey ------------------------------------------------------------------------
def on_send_survey(user: User, event: Event) -> int:
    """« Envoyer l'enquête aux présents », once confirmed."""
    return write(partial(survey.send_survey, actor=user, event_id=event.id))


def _sending(user: User, event: Event, results: survey.Results) -> None:
    if results.sent_at:
        st.success(f"Enquête envoyée le {moment(results.sent_at)} aux {results.present} "
                   f"personnes présentes ; {results.answered} réponse(s).",
                   icon=":material/forward_to_inbox:")
        return
    with st.popover("Envoyer l'enquête aux présents", icon=":material/send:"):
        st.caption(f"{results.present} personne(s) pointée(s) présente(s) la recevront, dans "
                   "Coop'MD et par courriel. Elle ne part qu'une fois : vérifiez les questions.")
        st.button("Confirmer l'envoi", type="primary", key=f"send_survey_{event.id}",
                  on_click=forms.submit("survey_send", partial(on_send_survey, user, event),
                                        success="Enquête envoyée."))
    forms.form_error("survey_send")


def _results(user: User, event: Event, results: survey.Results) -> None:
    if not results.answered:
        return
    st.subheader(f"Résultats ({results.answered} réponse(s) sur {results.present})")
    for result in results.results:
        st.markdown(f"**{escape(result.question.label)}**"
                    + (f" — moyenne {result.average:.1f} / 5".replace(".", ",")
                       if result.average is not None else ""))
        if result.tally:
            charts.answers(result.tally, question=result.question.label)
        for text in result.texts[:30]:
            st.markdown(f"> {escape(text)}")
        if len(result.texts) > 30:
            st.caption(f"… et {len(result.texts) - 30} autres : voir l'export XLSX.")

    def build() -> bytes:
        with transaction() as conn:
            return survey.results_xlsx(conn, actor=user, event_id=event.id)

    downloads.button("les réponses (XLSX, sans les noms)", f"survey_{results.answered}",
                     build, file_name=f"enquete-{event.day:%Y-%m-%d}.xlsx", mime=XLSX)


def survey_section(user: User, event: Event) -> None:
    with transaction() as conn:
        asked = questions.list_questions(conn, event_id=event.id, bank=survey.BANK)
        results = survey.get_results(conn, actor=user, event_id=event.id)
    st.subheader("Enquête de satisfaction")
    if not results.sent_at:
        day_questions.builder(user, event, asked, bank=survey.BANK)
    if asked:
        _sending(user, event, results)
    _results(user, event, results)


def on_answer_survey(user: User, event: Event, asked: list[questions.Question],
                     form: str, token: str) -> None:
    """« Envoyer mon avis »: once."""
    write(partial(survey.answer_survey, user=user, event_id=event.id,
                  replies=day_questions.replies(form, asked)), once=token)


def survey_form(user: User, event: Event) -> None:
    """On the day page, for a person present who has not answered yet."""
    with transaction() as conn:
        if not survey.may_answer(conn, user=user, event_id=event.id):
            return
        asked = questions.list_questions(conn, event_id=event.id, bank=survey.BANK)
    form = f"survey_answer_{event.id}"
    token = forms.token(form)
    with st.form(form, enter_to_submit=False, border=True):
        st.subheader("Votre avis sur la journée")
        day_questions.reply_inputs(form, asked)
        forms.form_error(form)
        st.form_submit_button("Envoyer mon avis", type="primary", key=forms.send_key(form),
                              on_click=forms.submit(form, partial(on_answer_survey, user,
                                                                  event, asked, form, token),
                                                    success="Merci pour votre avis !"))


# --- suites à donner -------------------------------------------------------------------
def on_add_followup(user: User, event: Event, form: str, token: str) -> followups.Followup:
    return write(partial(followups.add_followup, actor=user, event_id=event.id,
                         data=forms.read(form, followups.FollowupInput)), once=token)


def on_status(user: User, followup_id: int, key: str) -> None:
    write(partial(followups.set_followup_status, actor=user, followup_id=followup_id,
                  status=st.session_state[key]))


def followup_form(user: User, event: Event) -> None:
    form = f"followup_{event.id}"
    token = forms.token(form)
    with transaction() as conn:
        owners = followups.list_owners(conn)
    with st.form(form, enter_to_submit=False):
        st.markdown("**Ajouter une suite à donner**")
        forms.text_input(form, "what", "Action", max_chars=300,
                         placeholder="ex. Partager le diagnostic territorial de la Drôme")
        left, right = st.columns(2)
        left.selectbox("Qui s'en charge", list(owners), key=f"{form}_owner_id", index=None,
                       format_func=forms.label(owners), placeholder="Choisir une personne")
        right.date_input("Pour le (facultatif)", key=f"{form}_due_on", value=None,
                         format="DD/MM/YYYY")
        forms.field_error(form, "owner_id")
        forms.field_error(form, "due_on")
        forms.form_error(form)
        st.form_submit_button("Ajouter l'action", key=forms.send_key(form),
                              on_click=forms.submit(
                                  form, partial(on_add_followup, user, event, form, token),
                                  success="Action ajoutée : la personne est prévenue.",
                                  reset={"what": "", "owner_id": None, "due_on": None}))


def followups_list(user: User, items: list[followups.Followup], *, with_day: bool = False
                   ) -> None:
    """Each action; its owner and the organisers change where it stands."""
    for item in items:
        due = f" · pour le {item.due_on:%d/%m/%Y}" if item.due_on else ""
        day = f" · {escape(item.event_title)}" if with_day else ""
        line, state = st.columns([4, 1], vertical_alignment="center")
        line.markdown(f"**{escape(item.what)}**  \n:gray[{escape(item.owner)}{due}{day}]")
        key = f"followup_status_{item.id}"
        if item.owner_id == user.id or has_role(user, "organiser"):
            state.selectbox("État", list(followups.STATUSES), key=key,
                            index=list(followups.STATUSES).index(item.status),
                            format_func=forms.label(followups.STATUSES),
                            label_visibility="collapsed",
                            on_change=forms.submit("followups", partial(
                                on_status, user, item.id, key)))
        else:
            state.markdown(followups.STATUSES[item.status])
    forms.form_error("followups")


def followups_section(user: User, event: Event) -> None:
    """The dashboard's part: add, list, update."""
    with transaction() as conn:
        items = followups.list_followups(conn, event_id=event.id)
    st.subheader(f"Suites à donner ({len(items)})")
    if not items:
        st.caption("Notez ici les actions décidées en conclusion : elles s'affichent sur la "
                   "page de la journée et dans l'espace du groupe de travail qui l'accueille.")
    followups_list(user, items)
    followup_form(user, event)


def followups_on_day(user: User, event: Event) -> None:
    """The day page's part: shown once there is one."""
    with transaction() as conn:
        items = followups.list_followups(conn, event_id=event.id)
    if items:
        st.subheader("Suites à donner")
        followups_list(user, items)
