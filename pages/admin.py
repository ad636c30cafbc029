"""Administration: users (role, activation, password reset), invitations, audit log."""

import io
from functools import partial

import pandas as pd
import streamlit as st

from components import auth, cards, forms
from components.markdown import escape
from components.pagination import pager
from components.state import engine, file_store, transaction, write
from db import accounts, audit, backup, demo, mailer, pitches
from db.accounts import invitations
from db.engine import local_now
from db.pitches import talk as pitch_talk

admin = auth.require("admin")
PER_PAGE = 25
ROLES = list(accounts.ROLE_LABELS)


def _users_table(users: list[accounts.User]) -> None:
    st.dataframe(pd.DataFrame([{
        "Nom": u.display_name, "Identifiant": u.username, "E-mail": u.email,
        "Rôle": accounts.ROLE_LABELS[u.role], "Département": u.department_code or "",
        "Structure": u.organisation or "", "Actif": "oui" if u.active else "non",
        "Dernière connexion": u.last_login_at} for u in users]),
        hide_index=True, width="stretch")


def _act(action, once: str | None = None, **kwargs) -> object:
    """Every action of this page: the admin's write, once per token if given."""
    return write(partial(action, actor=admin, **kwargs), once=once)


def on_set_role(target: accounts.User, form: str) -> None:
    """« Changer le rôle »."""
    _act(accounts.set_role, user_id=target.id, role=st.session_state[f"{form}_role"])


def on_set_active(target: accounts.User) -> None:
    """« Désactiver le compte » / « Réactiver le compte », once confirmed."""
    _act(accounts.set_active, user_id=target.id, active=not target.active)


def on_reset_password(target: accounts.User) -> str:
    """« Réinitialiser le mot de passe »: the temporary password, shown once."""
    return _act(accounts.reset_password, user_id=target.id)


def on_password_reset(target: accounts.User, password: str) -> None:
    st.session_state["coopmd_temp_pw"] = (target.username, password)


def on_invite(token: str) -> None:
    """« Inviter »."""
    _act(invitations.invite, once=token, **forms.values("invite", "target", "role"))


def on_revoke(invitation_id: int) -> None:
    """« Révoquer » an invitation."""
    _act(invitations.revoke, invitation_id=invitation_id)


def on_resend(outbox_id: int) -> None:
    """« Renvoyer » a message every attempt failed for."""
    _act(mailer.resend, outbox_id=outbox_id)


def on_contributors_comment() -> None:
    """The « contributors may comment » switch."""
    _act(pitch_talk.set_contributors_may_comment,
         allowed=st.session_state["setting_contributors_comment"])


def on_fiches_open() -> None:
    """The « fiches open to contributors » switch."""
    _act(pitches.set_open_to_contributors, opened=st.session_state["setting_fiches_open"])


def on_backup_downloaded() -> None:
    """The archive holds every account: who took one is in the journal."""
    write(partial(backup.export_for, actor=admin))


def backup_box() -> None:
    """The whole space in one archive, built when clicked (in its own thread: no st.*)."""
    source, store = engine(), file_store()

    def build() -> bytes:
        out = io.BytesIO()
        backup.export(source, store, out)
        return out.getvalue()

    with st.expander("Sauvegarde complète"):
        st.write("Toutes les données (comptes compris) et tous les fichiers, dans une seule "
                 "archive .zip, à garder en lieu sûr. Elle se restaure dans une base vide, "
                 "SQLite ou Supabase, avec `python -m db.backup import` (voir le README).")
        st.download_button("Télécharger la sauvegarde complète (.zip)", data=build,
                           file_name=f"coopmd-sauvegarde-{local_now():%Y-%m-%d}.zip",
                           mime="application/zip", icon=":material/backup:",
                           on_click=on_backup_downloaded, key="backup_download")


def on_load_demo() -> None:
    """« Charger les données de démonstration »."""
    _act(demo.load)


def _user_actions(target: accounts.User) -> None:
    F = f"user_{target.id}"
    st.markdown(f"**{target.display_name}** ({target.username})")
    role = st.selectbox("Rôle", ROLES, index=ROLES.index(target.role), key=f"{F}_role",
                        format_func=accounts.ROLE_LABELS.get)
    st.button("Changer le rôle", key=f"{F}_setrole", disabled=role == target.role,
              on_click=forms.submit(F, partial(on_set_role, target, F), success="Rôle modifié."))
    verb = "Désactiver" if target.active else "Réactiver"
    confirm = st.checkbox(f"Je confirme : {verb.lower()} ce compte", key=f"{F}_confirm")
    st.button(f"{verb} le compte", key=f"{F}_active", disabled=not confirm,
              on_click=forms.submit(F, partial(on_set_active, target),
                                    success=f"Compte {'désactivé' if target.active else 'réactivé'}."))
    st.button("Réinitialiser le mot de passe", key=f"{F}_reset", on_click=forms.submit(
        F, partial(on_reset_password, target), on_success=partial(on_password_reset, target)))
    forms.form_error(F)


def users_tab() -> None:
    search_col, role_col = st.columns([3, 1])
    search = search_col.text_input("Rechercher (nom, identifiant, e-mail)", key="adm_search")
    role = role_col.selectbox("Rôle", [None, *ROLES], key="adm_role",
                              placeholder="Tous",
                              format_func=lambda r: "Tous" if r is None else accounts.ROLE_LABELS[r])
    with transaction() as conn:
        _, total = accounts.list_users(conn, actor=admin, search=search, role=role, limit=1)
        offset = pager("adm_page", total, PER_PAGE)
        users, _ = accounts.list_users(conn, actor=admin, search=search, role=role,
                                       limit=PER_PAGE, offset=offset)
    if not users:
        st.info("Aucun compte ne correspond à cette recherche.")
        return
    _users_table(users)
    chosen = st.selectbox("Agir sur le compte", users, key="adm_target", index=None,
                          placeholder="Choisissez le compte (nom et identifiant)",
                          format_func=lambda u: f"{u.display_name} ({u.username})")
    if chosen is None:
        st.caption("Choisissez explicitement le compte sur lequel agir : rien n'est choisi "
                   "pour vous, même quand la recherche ne donne qu'un résultat.")
        return
    with st.container(border=True):
        _user_actions(chosen)


def invitations_tab() -> None:
    st.markdown("Une personne invitée (adresse exacte ou tout le domaine, par exemple "
                "`loire.fr`) obtient ce rôle en créant son compte.")
    F = "invite"
    token = forms.token(F)
    with st.form(F, clear_on_submit=False, enter_to_submit=False):
        forms.text_input(F, "target", "Adresse e-mail ou domaine", max_chars=254)
        st.selectbox("Rôle donné", ["member", "organiser", "admin"], key=f"{F}_role",
                     format_func=accounts.ROLE_LABELS.get)
        forms.form_error(F)
        st.form_submit_button("Inviter", key=forms.send_key(F), on_click=forms.submit(
            F, partial(on_invite, token), success="Invitation enregistrée.",
            reset={"target": ""}))
    with transaction() as conn:
        current = invitations.list_invitations(conn, actor=admin)
    if not current:
        st.info("Aucune invitation : invitez l'adresse d'une collègue ou le domaine de votre "
                "département.")
    for inv in current:
        cols = st.columns([3, 2, 2, 1], vertical_alignment="center")
        cols[0].write(inv.target)
        cols[1].write(accounts.ROLE_LABELS[inv.role])
        cols[2].write("utilisée" if inv.used_at else "en attente")
        cols[3].button("Révoquer", key=f"revoke_{inv.id}", on_click=forms.submit(
            F, partial(on_revoke, inv.id), success="Invitation révoquée."))


def unsent_emails() -> None:
    """Messages every attempt failed for (wrong address, SMTP down for days): resend."""
    with transaction() as conn:
        unsent = mailer.list_unsent(conn, actor=admin)
    with st.expander(f"Courriels non envoyés ({len(unsent)})"):
        if not unsent:
            st.caption("Aucun : chaque courriel est parti, ou part encore (les échecs sont "
                       "retentés pendant deux jours, de plus en plus espacés).")
        for item in unsent:
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(f"**{escape(item.subject)}** — {escape(item.to_email)}  \n"
                          f":gray[{cards.moment(item.created_at)} · {item.attempts} essais · "
                          f"{escape(item.last_error or '')}]")
            right.button("Renvoyer", key=f"resend_{item.id}", on_click=forms.submit(
                "resend", partial(on_resend, item.id),
                success="Courriel remis dans la file d'envoi."))
        forms.form_error("resend")


def journal_tab() -> None:
    with transaction() as conn:
        total = audit.count_entries(conn)
        offset = pager("adm_audit_page", total, 50)
        entries = audit.list_recent(conn, limit=50, offset=offset)
    st.dataframe(pd.DataFrame([{"Date": cards.moment(e.at), "Par": e.username or "—",
                                "Action": e.action, "Objet": f"{e.entity} {e.entity_id or ''}",
                                "Détail": str(e.detail or "")} for e in entries]),
                 hide_index=True, width="stretch")
    unsent_emails()
    backup_box()
    with st.expander("Réglages"):
        with transaction() as conn:
            allowed = pitch_talk.contributors_may_comment(conn)
            opened = pitches.open_to_contributors(conn)
        st.toggle("Les contributeurs (inscription libre) lisent les fiches projet publiées, "
                  "sans les coordonnées du chef de projet", value=opened,
                  key="setting_fiches_open", on_change=forms.submit(
                      "settings", on_fiches_open, success="Réglage enregistré."))
        st.toggle("Les contributeurs (forum public) peuvent commenter les fiches projet",
                  value=allowed, key="setting_contributors_comment",
                  on_change=forms.submit("settings", on_contributors_comment,
                                         success="Réglage enregistré."))
    with st.expander("Données de démonstration"):
        st.write("Charge la journée régionale du 1er juillet 2025, des fiches projet, des "
                 "contributions au forum, des ressources et une trentaine de comptes "
                 "(sans mot de passe connu). Sans effet si elles sont déjà chargées.")
        st.button("Charger les données de démonstration", on_click=forms.submit(
            "demo", on_load_demo, success="Données de démonstration chargées."))


st.title("Administration")
forms.show_flash()
if "coopmd_temp_pw" in st.session_state:
    username, password = st.session_state.pop("coopmd_temp_pw")
    st.warning(f"Mot de passe temporaire de **{username}**, affiché une seule fois : "
               "transmettez-le à la personne ; elle devra le changer à sa connexion.")
    st.code(password, language=None)
users, invites, journal = st.tabs(["Utilisateurs", "Invitations", "Journal"], key="section",
                                  bind="query-params")
with users:
    users_tab()
with invites:
    invitations_tab()
with journal:
    journal_tab()
