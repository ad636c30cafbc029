"""« Notifications » in Mon compte: for each category, in the app, by e-mail, both or
never; and the e-mail digest, daily, weekly or none."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import forms
from components.state import transaction, write
from db import digests, notifications
from db.roles import User

FORM = "notification_prefs"
NO_DIGEST = "none"


def on_save(user: User) -> None:
    """« Enregistrer mes choix »: the channels and the digest in one transaction."""
    prefs = {key: st.session_state[f"{FORM}_{key}"] for key in notifications.CATEGORIES}
    chosen = st.session_state.get(f"{FORM}_digest") or NO_DIGEST

    def work(conn) -> None:
        notifications.set_prefs(conn, actor=user, prefs=prefs)
        digests.set_digest(conn, actor=user,
                           frequency=None if chosen == NO_DIGEST else chosen)
    write(work)


def prefs_form(user: User) -> None:
    with transaction() as conn:
        prefs = notifications.get_prefs(conn, user=user)
        digest = digests.get_digest(conn, user=user) or NO_DIGEST
    channels = list(notifications.CHANNELS)
    frequencies = {NO_DIGEST: "Pas de résumé", **digests.FREQUENCIES}
    with st.form(FORM, enter_to_submit=False), st.container(border=True):
        st.subheader("Notifications")
        st.caption("Pour chaque sorte de nouvelle : où vous voulez l'apprendre. Les "
                   "courriels partent quand l'envoi est configuré par l'administrateur.")
        for key, (label, _) in notifications.CATEGORIES.items():
            st.selectbox(label, channels, key=f"{FORM}_{key}",
                         index=channels.index(prefs[key]),
                         format_func=forms.label(notifications.CHANNELS))
        st.radio("Résumé par courriel de ce que vous avez manqué", list(frequencies),
                 key=f"{FORM}_digest", index=list(frequencies).index(digest),
                 format_func=forms.label(frequencies), horizontal=True)
        forms.form_error(FORM)
        st.form_submit_button("Enregistrer mes choix", on_click=forms.submit(
            FORM, partial(on_save, user), success="Choix de notification enregistrés."))
