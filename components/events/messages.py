"""« Messages » of the organisers' dashboard: write to a day's registrants (all, confirmed,
waiting list, one atelier), see how many it reaches before sending, and the day's history
of messages and reminders."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import forms
from components.cards import moment
from components.markdown import escape, render
from components.state import transaction, write
from db.events import Event, Slot, messages
from db.roles import User


def on_send(user: User, event: Event, form: str, token: str) -> messages.DayMessage:
    """« Envoyer le message »: in the app and by e-mail, kept in the day's history."""
    return write(partial(messages.send_message, actor=user, event_id=event.id,
                         data=forms.read(form, messages.MessageInput)), once=token)


def _audience(form: str, slots: list[Slot]) -> None:
    """Outside the form, so that the number reached follows each choice."""
    ateliers = {a.id: f"{s.title} — {a.title}" for s in slots for a in s.ateliers}
    kinds = [k for k in messages.AUDIENCES if k != "atelier" or ateliers]
    left, right = st.columns(2)
    audience = left.selectbox("Destinataires", kinds, key=f"{form}_audience",
                              format_func=forms.label(messages.AUDIENCES))
    if audience == "atelier":
        right.selectbox("Atelier", list(ateliers), key=f"{form}_atelier_id",
                        format_func=forms.label(ateliers))
    forms.field_error(form, "audience")
    forms.field_error(form, "atelier_id")


def message_form(user: User, event: Event, slots: list[Slot]) -> None:
    form = f"message_{event.id}"
    token = forms.token(form)
    _audience(form, slots)
    audience = st.session_state.get(f"{form}_audience", "all")
    with transaction() as conn:
        reached = len(messages.recipients(conn, event_id=event.id, audience=audience,
                                          atelier_id=st.session_state.get(f"{form}_atelier_id")))
    st.caption(f"{reached} personne{'s' if reached > 1 else ''} recevr"
               f"{'ont' if reached > 1 else 'a'} ce message, dans Coop'MD et par courriel.")
    with st.form(form, enter_to_submit=False):
        forms.text_input(form, "subject", "Objet", max_chars=200,
                         placeholder="ex. Plan d'accès et covoiturage")
        st.text_area("Message (Markdown)", key=f"{form}_body", height=160)
        forms.field_error(form, "body")
        forms.form_error(form)
        st.form_submit_button("Envoyer le message", type="primary", key=forms.send_key(form),
                              on_click=forms.submit(
                                  form, partial(on_send, user, event, form, token),
                                  success="Message envoyé.",
                                  reset={"subject": "", "body": ""}))


def history(user: User, event: Event) -> None:
    with transaction() as conn:
        sent = messages.list_messages(conn, actor=user, event_id=event.id)
    st.subheader(f"Historique ({len(sent)})")
    if not sent:
        st.caption("Aucun message pour l'instant. Les rappels automatiques de la journée "
                   "s'y ajouteront quand ils partiront.")
    for message in sent:
        who = (f"rappel automatique J-{message.reminder}" if message.reminder else
               f"par {message.sent_by or 'un compte supprimé'}")
        to = (f"atelier « {message.atelier_title} »" if message.audience == "atelier"
              else messages.AUDIENCES[message.audience].lower())
        with st.expander(f"{moment(message.sent_at)} · {message.subject} — "
                         f"{message.recipients} destinataire(s)"):
            st.caption(f"{escape(to.capitalize())} · {who}")
            render(message.body)


def messages_section(user: User, event: Event, slots: list[Slot]) -> None:
    message_form(user, event, slots)
    history(user, event)
