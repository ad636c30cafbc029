"""« Ne plus recevoir ce résumé »: the link of a digest e-mail, signed in or not. The
person confirms with a button, so that a mail scanner opening the link unsubscribes
nobody."""

import streamlit as st

from components import forms, navigation
from components.state import write
from db import digests

FORM = "unsubscribe"
navigation.leave_legacy_pages_mode()


def on_unsubscribe(token: str) -> str:
    return write(lambda conn: digests.unsubscribe(conn, token=token))


st.title("Se désabonner du résumé")
token = st.query_params.get("jeton", "")
forms.show_flash()
if st.session_state.get(f"{FORM}__done"):
    st.success(st.session_state[f"{FORM}__done"], icon=":material/check_circle:")
elif not token:
    st.info("Ce lien est incomplet : utilisez celui du dernier courriel reçu, ou réglez vos "
            "notifications dans Mon compte.")
else:
    st.write("Vous ne recevrez plus le résumé par courriel de Coop'MD. Vos notifications "
             "dans l'application ne changent pas.")
    st.button("Me désabonner", type="primary", on_click=forms.submit(
        FORM, lambda: on_unsubscribe(token),
        on_success=lambda said: st.session_state.update({f"{FORM}__done": said})))
    forms.field_error(FORM, "token")
