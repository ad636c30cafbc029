"""Rédiger ou modifier une fiche projet (members and above)."""

import streamlit as st

from components import auth
from components.markdown import escape
from components.pitches import form as pitch_form
from components.state import transaction
from db import pitches
from db.errors import NotFound

user = auth.require("member")

opened = st.session_state.pop("coopmd_open_fiche", None)
if opened:
    st.switch_page("pages/pitches.py", query_params={"fiche": str(opened)})

fiche = None
selected = st.query_params.get("fiche")
if selected and selected.isdigit():
    with transaction() as conn:
        try:
            fiche = pitches.get_pitch(conn, pitch_id=int(selected), viewer=user)
        except NotFound as error:
            st.warning(str(error))
            st.stop()
    if not pitches.may_edit(user, fiche):
        st.error("Seuls l'auteur de la fiche, les organisateurs et les administrateurs "
                 "peuvent la modifier.")
        st.stop()

st.title(f"Modifier « {escape(fiche.title)} »" if fiche else "Rédiger une fiche projet")
st.caption("Les sections suivent la fiche type (porteur, stratégie, enjeux, actions, "
           "périmètre, moyens, budget et financeurs, valorisation). Ce que vous tapez est "
           "gardé si vous changez de page avant d'enregistrer.")
pitch_form.editor(user, fiche)
