"""Sign-in with streamlit-authenticator on credentials read from the `users` table.

The authenticator checks the password and signs in again from the login cookie, which this
module writes and deletes itself (see `_keep_cookie`); the lockout rule and every write stay
in `db.accounts` (the authenticator only reflects them).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from components import document, notifications_box
from components.navigation import leave_legacy_pages_mode
from components.state import USER_KEY, config, current_user, transaction
from db import accounts, audit, settings

COOKIE_NAME = "coopmd_auth"
COOKIE_DAYS = 30
AUTH_KEY = "coopmd_authenticator"
SET_COOKIE_KEY = "coopmd_set_cookie"
FORGET_COOKIE_KEY = "coopmd_forget_cookie"  # signed out in this session: delete the cookie
COOKIE_TOKEN_KEY = "coopmd_cookie_token"  # signed in in this session: keep writing it
LOGIN_FIELDS = {"Form name": "Se connecter", "Username": "Identifiant",
                "Password": "Mot de passe", "Login": "Se connecter", "Captcha": "Captcha"}


def _cookie_key() -> str:
    configured = config("auth", "cookie_key", "COOPMD_COOKIE_KEY")
    if configured:
        return configured
    with transaction() as conn:
        return settings.secret(conn, "cookie_key")


def start() -> accounts.User | None:
    """Build this rerun's authenticator, restore a session from the cookie, load the user."""
    username = st.session_state.get("username") if st.session_state.get(
        "authentication_status") else None
    with transaction() as conn:
        credentials = accounts.credentials(conn, username=username)
    authenticator = stauth.Authenticate(
        credentials, COOKIE_NAME, _cookie_key(), COOKIE_DAYS, auto_hash=False,
        login_sleep_time=0)
    st.session_state[AUTH_KEY] = (authenticator, credentials)
    try:
        authenticator.login(location="unrendered")  # re-login from a valid cookie
    except LoginError:  # cookie of a deactivated or deleted account
        _forget_session()
    _keep_cookie()
    return _load_user()


def _keep_cookie() -> None:
    """The login cookie, written on every run of a session that signed in (deleted on every
    run after a sign-out). The authenticator's cookie component, drawn in one run only, was
    sometimes never sent: the cookie was missing after a sign-in (1 CI run in 3) or
    survived a sign-out, and a reload then signed the person out, or back in."""
    if st.session_state.get("authentication_status"):
        if st.session_state.pop(SET_COOKIE_KEY, False):
            st.session_state[COOKIE_TOKEN_KEY] = _token()
        if st.session_state.get(COOKIE_TOKEN_KEY):
            document.write_cookie(COOKIE_NAME, st.session_state[COOKIE_TOKEN_KEY],
                                  days=COOKIE_DAYS)
    elif st.session_state.get(FORGET_COOKIE_KEY):
        document.write_cookie(COOKIE_NAME, "", days=0)


def _token() -> str:
    """The authenticator's own cookie format (see FIELD-NOTES): a JWT (HS256, the cookie
    key) of the username and the expiry timestamp, which its cookie sign-in reads back."""
    expires = (datetime.now() + timedelta(days=COOKIE_DAYS)).timestamp()
    return jwt.encode({"username": st.session_state["username"], "exp_date": expires},
                      _cookie_key(), algorithm="HS256")


def _load_user() -> accounts.User | None:
    user = None
    username = st.session_state.get("username")
    if st.session_state.get("authentication_status") and username:
        with transaction() as conn:
            user = accounts.get_by_username(conn, username=username)
        if user is None or not user.active:
            _forget_session()
            user = None
    st.session_state[USER_KEY] = user
    return user


def _forget_session() -> None:
    for key in ("name", "username", "authentication_status", "email", "roles"):
        st.session_state[key] = None


def login_form() -> None:
    """The sign-in form; counts wrong passwords in the database and reports a lockout."""
    authenticator, credentials = st.session_state[AUTH_KEY]
    if st.session_state.get("authentication_status"):
        return  # already signed in: nothing to ask
    before = {name: entry["failed_login_attempts"]
              for name, entry in credentials["usernames"].items()}
    try:
        authenticator.login(location="main", fields=LOGIN_FIELDS,
                            max_login_attempts=accounts.LOCK_AFTER, callback=_on_login)
    except LoginError:
        st.error("Ce compte est temporairement verrouillé après plusieurs tentatives "
                 "infructueuses. Réessayez dans 15 minutes ou demandez à un administrateur.")
        return
    failed = [name for name, entry in credentials["usernames"].items()
              if entry["failed_login_attempts"] > before[name]]
    with transaction() as conn:
        for name in failed:
            accounts.record_failed_login(conn, username=name)
    if st.session_state.get("authentication_status") is False:
        st.error("Identifiant ou mot de passe incorrect.")
    elif st.session_state.get("authentication_status"):
        st.session_state[SET_COOKIE_KEY] = True
        st.rerun()


def _on_login(event: dict) -> None:
    st.session_state.pop(FORGET_COOKIE_KEY, None)
    with transaction() as conn:
        accounts.record_login(conn, username=event["username"])


def logout_button() -> None:
    authenticator, _ = st.session_state[AUTH_KEY]
    user = current_user()
    if user is None:
        return
    with st.sidebar:
        st.caption(f"Connecté·e : **{user.display_name}** · {accounts.ROLE_LABELS[user.role]}")
        notifications_box.bell(user)
        authenticator.logout("Se déconnecter", location="sidebar", callback=_on_logout)
    if not st.session_state.get("authentication_status"):
        st.session_state[USER_KEY] = None
        document.write_cookie(COOKIE_NAME, "", days=0)  # now, and on every run after


def _on_logout(event: dict) -> None:
    st.session_state[FORGET_COOKIE_KEY] = True
    st.session_state.pop(COOKIE_TOKEN_KEY, None)
    user = current_user()
    if user is not None:
        with transaction() as conn:
            audit.record(conn, actor_id=user.id, action="logout", entity="user",
                                  entity_id=user.id)


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
