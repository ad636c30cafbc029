"""Self-registration: contributors by default, members when an admin invited them."""

from functools import partial

import streamlit as st

from components import auth, forms
from components.state import transaction, write
from db import accounts, reference

auth.visitor_page()

F = "register"
FIELDS = ("username", "email", "display_name", "department_code", "organisation",
          "job_title", "password", "password_repeat")


def _register() -> accounts.User:
    return write(partial(accounts.register, **forms.values(F, *FIELDS)))


def _done(user: accounts.User) -> None:
    forms.set_values(F, {**dict.fromkeys(FIELDS, ""), "department_code": None})
    st.session_state["coopmd_registered"] = True
    forms.flash(f"Compte « {user.username} » créé ({accounts.ROLE_LABELS[user.role]}). "
                "Vous pouvez vous connecter.")


if st.session_state.pop("coopmd_registered", False):
    st.switch_page("pages/login.py")

st.title("Créer un compte")
st.markdown(
    "Le forum *inclusion numérique* est ouvert à toutes et tous : professionnels des "
    "bibliothèques, médiateurs numériques, élus, associations, usagers. Les **personnels des "
    "MD** invités par un administrateur (par leur adresse ou le domaine de leur département) "
    "accèdent aussi aux fiches projet, aux journées et aux ressources."
)
with transaction() as conn:
    departments = reference.list_departments(conn)
with st.form(F):
    left, right = st.columns(2)
    with left:
        forms.text_input(F, "display_name", "Nom affiché", max_chars=80,
                         placeholder="Prénom Nom")
        forms.text_input(F, "username", "Identifiant", max_chars=40, placeholder="prenom.nom",
                         help="Lettres minuscules sans accent, chiffres, point, tiret.")
        forms.text_input(F, "email", "Adresse e-mail", max_chars=254,
                         help="Utilisez votre adresse professionnelle si vous travaillez "
                              "dans une MD : elle détermine votre rôle.")
        forms.text_input(F, "password", "Mot de passe", type="password",
                         help="12 caractères au moins ; une courte phrase, accents compris, "
                              "fait très bien l'affaire.")
        forms.text_input(F, "password_repeat", "Confirmer le mot de passe", type="password")
    with right:
        forms.department_select(F, "department_code", departments)
        forms.text_input(F, "organisation", "Structure", max_chars=120,
                         placeholder="ex. Médiathèque départementale de la Loire")
        forms.text_input(F, "job_title", "Fonction", max_chars=120,
                         placeholder="ex. Référente de territoire")
    forms.form_error(F)
    st.form_submit_button("Créer mon compte", type="primary",
                          on_click=forms.submit(F, _register, on_success=_done))
st.page_link("pages/login.py", label="J'ai déjà un compte : me connecter",
             icon=":material/login:")
