"""Which pages each visitor sees: the menu is built from the role on every rerun.

Hiding a page is only comfort: each page also calls `auth.require`, and every `db/`
function checks the role again.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import legacy_pages, links
from components.state import transaction
from db import accounts, pitches
from db.errors import DatabaseUnavailable

leave_legacy_pages_mode = legacy_pages.leave  # each page calls it too (URL access)


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
    ("Réseau", "pages/roadmap.py", "Feuilles de route", ":material/flag:", "contributor"),
    ("Réseau", "pages/kits.py", "Malles et matériel", ":material/inventory_2:",
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


def run_safely(main: Callable[[], None]) -> None:
    """Run the app's script; a database that could not be reached is said in French, with
    a way to try again, instead of a traceback."""
    try:
        main()
    except DatabaseUnavailable as error:
        st.error(str(error), icon=":material/cloud_off:")
        st.button("Réessayer", icon=":material/refresh:")


def route(user: accounts.User | None) -> st.Page:
    """The menu for this user, and the page this run draws (remembered for `links`)."""
    page = st.navigation(pages_for(user), expanded=True)
    links.remember_page(_FILES.get(page.title, ""))
    return page


# every page's title → its file (titles are unique in any menu)
_FILES = {title: path for _, path, title, _, _ in PAGES} | {
    "Changer mon mot de passe": "pages/account.py", "Accessibilité": "pages/accessibility.py",
    "Premier démarrage": "pages/first_run.py", "Se connecter": "pages/login.py",
    "Créer un compte": "pages/register.py", "Se désabonner": "pages/unsubscribe.py"}


def pages_for(user: accounts.User | None) -> dict[str, list[st.Page]]:
    if user is None:
        return _visitor_pages()
    if user.must_change_password:
        return {"": [st.Page("pages/account.py", title="Changer mon mot de passe",
                             icon=":material/key:", default=True)]}
    menu: dict[str, list[st.Page]] = {}
    hidden = set() if accounts.has_role(user, "member") else _closed_to_contributors()
    for section, path, title, icon, minimum in PAGES:
        if accounts.has_role(user, minimum):  # a hidden page still opens from a link
            menu.setdefault(section, []).append(st.Page(
                path, title=title, icon=icon, default=path == "pages/home.py",
                visibility="hidden" if path in hidden else "visible"))
    menu.setdefault("Mon compte", []).extend([_accessibility(), _unsubscribe()])
    return menu


def _closed_to_contributors() -> set[str]:
    """The fiches projet are for MD staff, unless an admin opened them (db.pitches
    refuses them to contributors anyway: this only keeps the menu honest). Out of the menu
    but not out of reach: a shared link opens the page, which says they are for MD staff,
    instead of Streamlit's « Page not found » in English."""
    with transaction() as conn:
        opened = pitches.open_to_contributors(conn)
    return set() if opened else {"pages/pitches.py"}


def _unsubscribe() -> st.Page:
    """The digest's link: signed in or not, never in the menu."""
    return st.Page("pages/unsubscribe.py", title="Se désabonner",
                   icon=":material/unsubscribe:", visibility="hidden")


def _accessibility() -> st.Page:
    return st.Page("pages/accessibility.py", title="Accessibilité",
                   icon=":material/accessibility_new:")


def _visitor_pages() -> dict[str, list[st.Page]]:
    with transaction() as conn:
        empty = accounts.count_users(conn) == 0
    if empty:
        return {"": [st.Page("pages/first_run.py", title="Premier démarrage",
                             icon=":material/rocket_launch:", default=True)]}
    # Every other page is there too, hidden: a link followed while signed out keeps its
    # address (`forum?theme=3`), the page asks to sign in (`auth.require`) and shows the
    # item right after. Without them Streamlit rewrote the address to the sign-in page's.
    hidden = [st.Page(path, title=title, icon=icon, visibility="hidden")
              for _, path, title, icon, _ in PAGES]
    return {"": [st.Page("pages/login.py", title="Se connecter", icon=":material/login:",
                         default=True),
                 st.Page("pages/register.py", title="Créer un compte",
                         icon=":material/person_add:"), _accessibility(), _unsubscribe(),
                 *hidden]}
