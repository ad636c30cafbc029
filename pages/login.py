"""Sign-in page for visitors, with a word on what the space is for newcomers."""

import streamlit as st

from components import auth, forms

auth.visitor_page()

st.title("Coop'MD")
st.caption("Espace collaboratif des médiathèques départementales")
forms.show_flash()
form, about = st.columns([3, 2], gap="large")
with form:
    auth.login_form()
    st.page_link("pages/register.py", label="Pas encore de compte ? Créer un compte",
                 icon=":material/person_add:")
with about:
    st.subheader("Pour qui ?")
    st.markdown(
        "- **Directions et référents de territoire des MD** : partager ses fiches projet et "
        "s'inscrire aux journées régionales et à leurs ateliers.\n"
        "- **Organisateurs** : construire le programme d'une journée et suivre les "
        "inscriptions.\n"
        "- **Bibliothécaires, médiateurs numériques, élus, associations, usagers** : "
        "contribuer au forum *inclusion numérique*.\n\n"
        "Vous travaillez dans une MD ? Créez votre compte avec votre adresse professionnelle : "
        "si votre département a été invité, vous obtenez directement l'accès membre."
    )
