"""Mes inscriptions: my days, my ateliers, my place on waiting lists."""

import streamlit as st

from components import auth, cards
from components.markdown import escape
from components.state import transaction
from db.engine import local_now
from db.events import Event, overview
from db.events.registrations import Registration

user = auth.require("contributor")
st.title("Mes inscriptions")
with transaction() as conn:
    mine = overview.list_mine(conn, user=user)
today = local_now().date()
coming = [(e, r) for e, r in mine if e.day >= today]
past = [(e, r) for e, r in mine if e.day < today]


def show(event: Event, registration: Registration) -> None:
    """A day I registered for; « changer, annuler » only where it still applies."""
    cards.event_card(event, my_status=registration.status)
    for choice in registration.choices:
        where = (f"position {choice.rank} en liste d'attente" if choice.rank else "confirmé")
        st.markdown(f"- Atelier **{escape(choice.atelier_title)}** — {where}")
    if event.status == "cancelled":
        st.error(f"Journée annulée. {event.cancel_message or ''}")
    label = ("Voir la journée" if event.registration_state() else
             "Voir la journée, changer d'atelier, annuler")
    st.page_link("pages/events.py", label=label, query_params={"event": str(event.id)},
                 icon=":material/arrow_forward:")


if not coming:
    st.info("Aucune inscription à venir. Les journées ouvertes aux inscriptions sont dans "
            "« Journées ».", icon=":material/info:")
    st.page_link("pages/events.py", label="Voir les journées", icon=":material/event:")
for event, registration in coming:
    show(event, registration)
if past:
    with st.expander(f"Journées passées ({len(past)})"):
        for event, registration in past:
            show(event, registration)
