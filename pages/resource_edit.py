"""Ajouter ou modifier une ressource partagée (members and above)."""

import streamlit as st

from components import auth
from components.markdown import escape
from components.resources import form as resource_form
from components.state import transaction
from db.errors import NotFound
from db.resources import browse as resource_browse
from db.roles import has_role

user = auth.require("member")

opened = st.session_state.pop(resource_form.OPENED, None)
if opened:
    st.switch_page("pages/resources.py", query_params={"ressource": str(opened)})


def _number(name: str) -> int | None:
    value = st.query_params.get(name, "")
    return int(value) if value.isdigit() else None


item = None
if _number("ressource"):
    with transaction() as conn:
        try:
            item = resource_browse.get_resource(conn, resource_id=_number("ressource"))
        except NotFound as error:
            st.warning(str(error))
            st.stop()
    if item.owner_id != user.id and not has_role(user, "organiser"):
        st.error("Seuls l'auteur de la ressource et les organisateurs peuvent la modifier.")
        st.stop()

st.title(f"Modifier « {escape(item.title)} »" if item else "Ajouter une ressource")
if item is None:
    st.caption("Un guide, une fiche d'animation, un compte rendu, une méthode… joint en "
               "fichier ou par un lien. Ce que vous tapez est gardé comme brouillon.")
resource_form.editor(user, item, {"pitch_id": _number("fiche"),
                                  "event_id": _number("event")})
