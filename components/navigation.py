"""Which pages each visitor sees: the menu is built from the role on every rerun.

Hiding a page is only comfort: each page also calls `auth.require`, and every `db/`
function checks the role again.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components import links
from components.state import transaction
from db import accounts


def leave_legacy_pages_mode() -> None:
    """Make sure app.py drives this run, never the legacy `pages/` folder mode.

    Streamlit (1.67) decides per process, before the first script run, that an app with a
    `pages/` folder is a v1 multipage app; only a call to `st.navigation` turns that off.
    So the very first run of a fresh server shows the raw file list and a blank page, or
    runs a page file without app.py. Turning the switch off and rerunning fixes that run.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# (section, file, title, icon, minimum role)
PAGES = [
    ("Espace", "pages/home.py", "Accueil", ":material/home:", "contributor"),
    ("Espace", "pages/search.py", "Rechercher", ":material/search:", "contributor"),
    ("Espace", "pages/pitches.py", "Fiches projet", ":material/description:", "contributor"),
    ("Espace", "pages/pitch_edit.py", "Rédiger une fiche", ":material/edit_document:",
     "member"),
    ("Espace", "pages/events.py", "Journées", ":material/event:", "contributor"),
    ("Espace", "pages/forum.py", "Forum inclusion numérique", ":material/forum:",
     "contributor"),
    ("Espace", "pages/resources.py", "Ressources partagées", ":material/library_books:",
     "contributor"),
    ("Espace", "pages/resource_edit.py", "Ajouter une ressource", ":material/upload_file:",
     "member"),
    ("Réseau", "pages/groups.py", "Groupes de travail", ":material/diversity_3:",
     "contributor"),
    ("Réseau", "pages/directory.py", "Annuaire", ":material/contacts:", "member"),
    ("Mon compte", "pages/my_registrations.py", "Mes inscriptions",
     ":material/how_to_reg:", "contributor"),
    ("Mon compte", "pages/account.py", "Mon compte", ":material/person:", "contributor"),
    ("Organisation", "pages/events_admin.py", "Organiser une journée",
     ":material/edit_calendar:", "organiser"),
    ("Organisation", "pages/events_dashboard.py", "Suivi des inscriptions",
     ":material/monitoring:", "organiser"),
    ("Organisation", "pages/moderation.py", "Modération du forum", ":material/shield:",
     "organiser"),
    ("Administration", "pages/admin.py", "Utilisateurs et invitations",
     ":material/admin_panel_settings:", "admin"),
]


def route(user: accounts.User | None) -> st.Page:
    """The menu for this user, and the page this run draws (remembered for `links`)."""
    page = st.navigation(pages_for(user), expanded=True)
    links.remember_page(_FILES.get(page.title, ""))
    return page


# every page's title → its file (titles are unique in any menu)
_FILES = {title: path for _, path, title, _, _ in PAGES} | {
    "Changer mon mot de passe": "pages/account.py", "Accessibilité": "pages/accessibility.py",
    "Premier démarrage": "pages/first_run.py", "Se connecter": "pages/login.py",
    "Créer un compte": "pages/register.py"}


def pages_for(user: accounts.User | None) -> dict[str, list[st.Page]]:
    if user is None:
        return _visitor_pages()
    if user.must_change_password:
        return {"": [st.Page("pages/account.py", title="Changer mon mot de passe",
                             icon=":material/key:", default=True)]}
    menu: dict[str, list[st.Page]] = {}
    for section, path, title, icon, minimum in PAGES:
        if accounts.has_role(user, minimum):
            menu.setdefault(section, []).append(
                st.Page(path, title=title, icon=icon, default=path == "pages/home.py"))
    menu.setdefault("Mon compte", []).append(_accessibility())
    return menu


def _accessibility() -> st.Page:
    return st.Page("pages/accessibility.py", title="Accessibilité",
                   icon=":material/accessibility_new:")


def _visitor_pages() -> dict[str, list[st.Page]]:
    with transaction() as conn:
        empty = accounts.count_users(conn) == 0
    if empty:
        return {"": [st.Page("pages/first_run.py", title="Premier démarrage",
                             icon=":material/rocket_launch:", default=True)]}
    return {"": [st.Page("pages/login.py", title="Se connecter", icon=":material/login:",
                         default=True),
                 st.Page("pages/register.py", title="Créer un compte",
                         icon=":material/person_add:"), _accessibility()]}
