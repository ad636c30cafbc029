"""My account: profile and password (the only page while a password change is required)."""

from functools import partial

import streamlit as st

from components import auth, directory_index, forms, notification_prefs
from components.state import transaction, write
from db import accounts, reference
from db.groups import directory
from db.roles import has_role

user = auth.require("contributor")
P, W = "profile", "password"
PROFILE = ("display_name", "department_code", "organisation", "job_title")
PASSWORD = ("current_password", "new_password", "new_password_repeat")


def _save_profile() -> accounts.User:
    return directory_index.write(partial(accounts.update_profile, actor=user,
                                         **forms.values(P, *PROFILE)))


def on_save_directory_profile(form: str) -> None:
    """« Enregistrer mon profil d'annuaire »."""
    directory_index.write(partial(directory.update_profile, actor=user,
                                  **forms.values(form, "territory", "expertise", "visible")))


def _change_password() -> None:
    write(partial(accounts.change_password, actor=user, **forms.values(W, *PASSWORD)))


def _password_changed(_result: None) -> None:
    """Every other session of the account ended with the change; this one goes on."""
    forms.clear(W, *PASSWORD)
    auth.renew_session(user.id)


def sessions_box() -> None:
    with st.container(border=True):
        st.subheader("Mes connexions")
        st.caption("Un téléphone perdu, un poste partagé : déconnectez tous les navigateurs "
                   "où vous êtes connecté·e, celui-ci compris. Changer de mot de passe "
                   "déconnecte aussi les autres.")
        sure = st.checkbox("Je confirme : me déconnecter partout", key="everywhere_sure")
        st.button("Se déconnecter partout", disabled=not sure, icon=":material/logout:",
                  on_click=auth.on_sign_out_everywhere)


def password_form() -> None:
    with st.form(W):
        st.subheader("Mot de passe")
        forms.text_input(W, "current_password", "Mot de passe actuel", type="password")
        forms.text_input(W, "new_password", "Nouveau mot de passe", type="password",
                         help="12 caractères au moins ; une courte phrase, accents compris, "
                              "fait très bien l'affaire.")
        forms.text_input(W, "new_password_repeat", "Confirmer le nouveau mot de passe",
                         type="password")
        forms.form_error(W)
        st.form_submit_button("Changer le mot de passe", on_click=forms.submit(
            W, _change_password, success="Mot de passe changé.", on_success=_password_changed))


def profile_form() -> None:
    for field in PROFILE:
        st.session_state.setdefault(f"{P}_{field}", getattr(user, field))
    with transaction() as conn:
        departments = reference.list_departments(conn)
    with st.form(P):
        st.subheader("Profil")
        st.markdown(f"Identifiant **{user.username}** · {user.email} · "
                    f"rôle : {accounts.ROLE_LABELS[user.role]}")
        forms.text_input(P, "display_name", "Nom affiché", max_chars=80)
        forms.department_select(P, "department_code", departments)
        forms.text_input(P, "organisation", "Structure", max_chars=120)
        forms.text_input(P, "job_title", "Fonction", max_chars=120,
                         placeholder="ex. Référente de territoire, directeur, médiatrice "
                         "numérique")
        forms.form_error(P)
        st.form_submit_button("Enregistrer le profil", type="primary",
                              on_click=forms.submit(P, _save_profile,
                                                    success="Profil enregistré."))


def directory_form() -> None:
    """What MD colleagues see of me in the annuaire."""
    form = "directory"
    if f"{form}_territory" not in st.session_state:
        with transaction() as conn:
            for field, value in directory.get_my_profile(conn, user=user).items():
                st.session_state[f"{form}_{field}"] = value
    with st.form(form):
        st.subheader("Mon profil dans l'annuaire")
        st.caption("Visible des seuls personnels des MD. Votre nom et votre département "
                   "y figurent toujours ; le reste, vous choisissez.")
        forms.text_input(form, "territory", "Territoire couvert", max_chars=200,
                         placeholder="ex. Nord Ardèche, 45 communes")
        forms.text_input(form, "expertise", "Sujets d'expertise", max_chars=300,
                         placeholder="ex. diagnostic territorial, numérique, EAC")
        st.multiselect("Ce que les membres voient", list(directory.VISIBLE),
                       format_func=directory.VISIBLE.get, key=f"{form}_visible")
        forms.form_error(form)
        st.form_submit_button("Enregistrer mon profil d'annuaire", on_click=forms.submit(
            form, partial(on_save_directory_profile, form),
            success="Profil d'annuaire enregistré."))


st.title("Mon compte")
forms.show_flash()
if user.must_change_password:
    st.warning("Un administrateur a réinitialisé votre mot de passe : choisissez-en un "
               "nouveau pour accéder à l'espace. Le mot de passe actuel est celui qu'il vous "
               "a transmis.", icon=":material/key:")
    password_form()
else:
    left, right = st.columns(2, gap="large")
    with left:
        profile_form()
    with right:
        password_form()
        sessions_box()
    notification_prefs.prefs_form(user)
    if has_role(user, "member"):
        directory_form()
