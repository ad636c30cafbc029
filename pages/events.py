"""Journées: upcoming days, a day's programme with places left, and my registration."""

import streamlit as st

from components import auth, cards, forms
from components.events import after_day
from components.events import cohort as cohort_view
from components.events import view as event_view
from components.resources import view as resource_view
from components.state import transaction
from db import events
from db.errors import NotFound
from db.events import overview as day_overview
from db.events import programme, questions, registrations

user = auth.require("contributor")


def open_day(event_id: int) -> None:
    st.query_params["event"] = str(event_id)


def day_list() -> None:
    st.title("Journées régionales")
    with transaction() as conn:
        coming = events.list_events(conn, viewer=user)
        past = events.list_events(conn, viewer=user, past=True)
        overview = day_overview.list_day_overviews(
            conn, user=user, event_ids=[e.id for e in coming]
        )
    if not coming:
        st.info("Aucune journée n'est annoncée pour l'instant : les organisateurs les "
                "publient ici dès que le programme est prêt.", icon=":material/info:")
    for event in coming:
        cards.event_card(event, places_left=overview[event.id].places_left,
                         my_status=overview[event.id].my_status)
    if past:
        with st.expander(f"Journées passées ({len(past)})"):
            for event in past:
                st.button(f"{event.day:%d/%m/%Y} · {event.title}", key=f"past_{event.id}",
                          on_click=open_day, args=(event.id,))


def day_page(event_id: int) -> None:
    with transaction() as conn:
        try:
            event = events.get_event(conn, event_id=event_id, viewer=user)
        except NotFound:
            st.warning("Cette journée n'existe pas ou n'est pas encore publiée.")
            return
        slots = programme.list_slots(conn, event_id=event_id,
                                     department_code=user.department_code)
        mine = registrations.get_registration_for(conn, event_id=event_id, user=user)
        asked = questions.list_questions(conn, event_id=event_id)
    st.button("← Toutes les journées", on_click=st.query_params.clear)
    event_view.header(event)
    forms.show_flash()
    left, right = st.columns([3, 2], gap="large")
    with left:
        event_view.programme(slots)
    with right:
        if mine:
            event_view.my_registration(event, slots, mine, user, asked)
        elif not events.may_attend(user, event.audience):
            st.info("Cette journée est réservée aux personnels des médiathèques "
                    "départementales.", icon=":material/lock:")
        elif not event.registration_state():
            event_view.registration_form(event, slots, user, asked)
        cohort_view.cohort_section(event, slots, user, asked)
        after_day.survey_form(user, event)
    after_day.followups_on_day(user, event)
    resource_view.attached_section(event_id=event_id)


selected = st.query_params.get("event")
if selected and selected.isdigit():
    day_page(int(selected))
else:
    day_list()
