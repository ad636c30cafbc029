"""Feuilles de route: the regional one and each working group's, an action and its sources."""

import streamlit as st

from components import auth, forms
from components.roadmaps import view
from components.state import transaction
from db import roadmaps
from db.errors import NotFound

user = auth.require("contributor")


def overview() -> None:
    st.title("Feuilles de route")
    st.markdown("Ce que les groupes de travail font des **propositions du forum** : les "
                "actions retenues, qui les porte, pour quand, et où elles en sont.")
    forms.show_flash()
    with transaction() as conn:
        items = roadmaps.list_roadmaps(conn)
    for item in items:
        view.roadmap_card(item)


params = st.query_params
try:
    if params.get("action", "").isdigit():
        view.action_page(user, int(params["action"]))
    elif params.get("feuille") == roadmaps.REGION or params.get("feuille", "").isdigit():
        chosen = params["feuille"]
        view.roadmap_page(user, None if chosen == roadmaps.REGION else int(chosen))
    else:
        overview()
except NotFound as error:
    st.warning(str(error))
    st.button("← Toutes les feuilles de route", on_click=st.query_params.clear)
