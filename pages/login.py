"""Sign-in page for visitors."""

import streamlit as st

from components import auth, forms

auth.visitor_page()

st.title("Coop'MD")
st.caption("Espace collaboratif des médiathèques départementales")
forms.show_flash()
auth.login_form()
st.page_link("pages/register.py", label="Pas encore de compte ? Créer un compte",
             icon=":material/person_add:")
