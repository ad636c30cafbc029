"""First start on an empty database: create the first administrator (no default account)."""

import streamlit as st

from components import auth, forms
from components.state import transaction, write
from db import accounts, demo, reference

auth.visitor_page()

F = "first_admin"
FIELDS = ("username", "email", "display_name", "department_code", "password",
          "password_repeat")


def _create() -> accounts.User:
    """The first administrator, and the demo data if asked, in one transaction."""
    def create(conn) -> accounts.User:
        admin = accounts.create_first_admin(conn, **forms.values(F, *FIELDS))
        if st.session_state.get(f"{F}_demo"):
            demo.load(conn, actor=admin)
        return admin
    return write(create)


st.title("Bienvenue sur Coop'MD")
st.markdown(
    "L'espace de travail des groupes régionaux des **médiathèques départementales** : "
    "fiches projet, journées et ateliers, forum *inclusion numérique* et ressources partagées."
)
st.info("La base de données est vide. Créez le compte **administrateur** : il pourra ensuite "
        "inviter les personnels des MD et attribuer les rôles.", icon=":material/info:")
with transaction() as conn:
    departments = reference.list_departments(conn)
_, middle, _ = st.columns([1, 3, 1])
with middle, st.form(F, border=True):
    st.subheader("Compte administrateur")
    forms.text_input(F, "display_name", "Nom affiché", max_chars=80,
                     placeholder="Prénom Nom")
    forms.text_input(F, "username", "Identifiant", max_chars=40, placeholder="prenom.nom",
                     help="Lettres minuscules sans accent, chiffres, point, tiret.")
    forms.text_input(F, "email", "Adresse e-mail", max_chars=254)
    forms.department_select(F, "department_code", departments)
    forms.text_input(F, "password", "Mot de passe", type="password",
                     help="12 caractères au moins ; une courte phrase, accents compris, "
                          "fait très bien l'affaire.")
    forms.text_input(F, "password_repeat", "Confirmer le mot de passe", type="password")
    st.checkbox("Charger aussi les données de démonstration (journée régionale du "
                "1er juillet 2025, fiches projet, forum, ressources)", key=f"{F}_demo")
    forms.form_error(F)
    st.form_submit_button("Créer le compte administrateur", type="primary",
                          on_click=forms.submit(
                              F, _create, success="Compte administrateur créé : "
                                                  "connectez-vous avec votre identifiant."))
