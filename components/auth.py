"""Signing in, in one place: our own form and our own sign-in cookie.

The password check, the lockout and the token are `db.accounts.sessions`'s. This module
reads the request's cookie (`st.context.cookies`), keeps in the session which account is
signed in and at which session version, checks both against the database on every run (a
password changed elsewhere, a deactivation or « Se déconnecter partout » end this session
too), and writes or deletes the cookie — `_keep_cookie` is its only writer.
"""

from __future__ import annotations

from functools import partial

import sqlalchemy as sa
import streamlit as st

from components import document, forms, notifications_box
from components.navigation import leave_legacy_pages_mode
from components.state import USER_KEY, config, current_user, database_url, transaction, write
from db import accounts, audit, settings
from db.accounts import sessions
from db.errors import NotFound

COOKIE_NAME = "coopmd_auth"
SIGNED_IN = "coopmd_signed_in"  # (user id, session version) of this browser session
COOKIE_TOKEN_KEY = "coopmd_cookie_token"  # signed in in this session: keep writing it
FORGET_COOKIE_KEY = "coopmd_forget_cookie"  # signed out in this session: delete the cookie
FORM = "signin"


def _cookie_key() -> str:
    configured = config("auth", "cookie_key", "COOPMD_COOKIE_KEY")
    return configured or _stored_key(database_url())


@st.cache_resource(show_spinner=False)
def _stored_key(url: str) -> str:
    """The key generated once in the database (shared by every process) never changes:
    read once per process, not in a write transaction at every new session."""
    return write(partial(settings.secret, key="cookie_key"))


def start() -> accounts.User | None:
    """This run's account: the session's if it still holds, else the cookie's."""
    opened = st.session_state.get(SIGNED_IN)
    if opened:
        with transaction() as conn:
            user = _still_signed_in(conn, *opened)
    else:
        user = _from_cookie()
    st.session_state[USER_KEY] = user
    _keep_cookie()
    return user


def still_holds() -> bool:
    """In a part of a page rerun alone (`components.parts`): the account shown still holds."""
    opened = st.session_state.get(SIGNED_IN)
    if not opened:
        return False
    with transaction() as conn:
        return _still_signed_in(conn, *opened) is not None


def _still_signed_in(conn: sa.Connection, user_id: int, version: int) -> accounts.User | None:
    try:
        user = accounts.get_user(conn, user_id=user_id)
    except NotFound:
        user = None
    if sessions.still_signed_in(user, version):
        return user
    _signed_out()
    return None


def _from_cookie() -> accounts.User | None:
    """A new session (a reload, a new tab): signed in again by a cookie that still holds.
    A cookie that no longer holds is deleted; after a sign-out in this session, the
    request's cookie (read when the session opened) is not taken back."""
    token = st.context.cookies.get(COOKIE_NAME)
    if not token or st.session_state.get(FORGET_COOKIE_KEY):
        return None
    key = _cookie_key()
    with transaction() as conn:
        user = sessions.user_from_token(conn, token=token, key=key)
    if user is None:
        st.session_state[FORGET_COOKIE_KEY] = True
        return None
    st.session_state[SIGNED_IN] = (user.id, user.session_version)
    return user


def _keep_cookie() -> None:
    """The cookie, written on every run of a session that signed in (deleted on every run
    after a sign-out). Written from one run only, it was sometimes never sent: a run the
    menu interrupts may draw nothing (see `document.write_cookie`)."""
    if st.session_state.get(COOKIE_TOKEN_KEY) and st.session_state.get(SIGNED_IN):
        document.write_cookie(COOKIE_NAME, st.session_state[COOKIE_TOKEN_KEY],
                              days=sessions.TOKEN_DAYS)
    elif st.session_state.get(FORGET_COOKIE_KEY):
        document.write_cookie(COOKIE_NAME, "", days=0)


def _signed_in(user: accounts.User) -> None:
    """This session holds `user` from now on, with a fresh cookie."""
    st.session_state[SIGNED_IN] = (user.id, user.session_version)
    st.session_state[COOKIE_TOKEN_KEY] = sessions.issue_token(user, key=_cookie_key())
    st.session_state.pop(FORGET_COOKIE_KEY, None)
    st.session_state[USER_KEY] = user


def _signed_out() -> None:
    for key in (SIGNED_IN, COOKIE_TOKEN_KEY, USER_KEY):
        st.session_state.pop(key, None)
    st.session_state[FORGET_COOKIE_KEY] = True


def renew_session(user_id: int) -> None:
    """After this person changed their password: every other session ended, this one
    goes on with a cookie of the new version."""
    with transaction() as conn:
        user = accounts.get_user(conn, user_id=user_id)
    _signed_in(user)


def on_sign_in() -> accounts.User:
    """« Se connecter »: a refusal is said under the form, after the wrong password has
    been counted (its transaction commits)."""
    attempt = write(partial(
        sessions.authenticate, username=st.session_state.get(f"{FORM}_username") or "",
        password=st.session_state.get(f"{FORM}_password") or ""))
    return attempt.raise_if_refused()


def on_signed_in(user: accounts.User) -> None:
    _signed_in(user)
    forms.set_values(FORM, {"password": ""})


def login_form() -> None:
    """The sign-in form (nothing when already signed in)."""
    if current_user() is not None:
        return
    with st.form(FORM, enter_to_submit=True):
        st.subheader("Se connecter")
        forms.text_input(FORM, "username", "Identifiant", max_chars=40,
                         autocomplete="username")
        forms.text_input(FORM, "password", "Mot de passe", type="password",
                         autocomplete="current-password")
        forms.form_error(FORM)
        st.form_submit_button("Se connecter", type="primary", on_click=forms.submit(
            FORM, on_sign_in, on_success=on_signed_in))


def on_sign_out() -> None:
    """« Se déconnecter »: this browser only (see `on_sign_out_everywhere`)."""
    user = current_user()
    if user is not None:
        write(partial(audit.record, actor_id=user.id, action="logout", entity="user",
                      entity_id=user.id))
    _signed_out()


def on_sign_out_everywhere() -> None:
    """« Se déconnecter partout »: every cookie and open session of the account ends."""
    user = current_user()
    if user is not None:
        write(partial(sessions.sign_out_everywhere, actor=user))
    _signed_out()


def logout_button() -> None:
    user = current_user()
    if user is None:
        return
    with st.sidebar:
        st.caption(f"Connecté·e : **{user.display_name}** · {accounts.ROLE_LABELS[user.role]}")
        notifications_box.bell(user)
        st.button("Se déconnecter", key="coopmd_sign_out", on_click=on_sign_out)


def require(minimum: str) -> accounts.User:
    """Stop the page unless the signed-in user has `minimum` role (URL access included)."""
    leave_legacy_pages_mode()
    user = current_user()
    if user is None:
        st.title("Connectez-vous pour ouvrir ce lien")
        st.caption("Ce lien mène à un contenu de Coop'MD réservé aux personnes inscrites : "
                   "une fois connecté·e, vous y arrivez directement.")
        login_form()
        st.page_link("pages/register.py", label="Pas encore de compte ? Créer un compte",
                     icon=":material/person_add:")
        st.stop()
    if not accounts.has_role(user, minimum):
        st.error("Cette page est réservée : vous n'avez pas les droits nécessaires.")
        st.stop()
    return user


def visitor_page() -> None:
    """Prologue of the pages shown to signed-out visitors (first run, sign-in, sign-up)."""
    leave_legacy_pages_mode()
