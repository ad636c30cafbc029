"""Organiser une journée: the day, its status, and its programme of slots and ateliers."""

import streamlit as st

from components import auth, event_forms, forms
from components.cards import french_date
from components.state import transaction, write
from db import events, programme, reference

user = auth.require("organiser")
NEW = "new"


def select(event_id) -> None:
    st.session_state["admin_event"] = event_id


def status_buttons(event: events.Event) -> None:
    transitions = {"published": "Publier", "closed": "Clore les inscriptions",
                   "draft": "Repasser en brouillon", "archived": "Archiver"}
    cols = st.columns(4)
    for col, status in zip(cols, sorted(events.TRANSITIONS[event.status]), strict=False):
        col.button(transitions[status], key=f"status_{status}", on_click=forms.submit(
            "status", lambda s=status: write(lambda c: events.set_status(
                c, actor=user, event_id=event.id, status=s)),
            success=f"Journée : {events.STATUSES[status].lower()}."))
    forms.form_error("status")
    if event.status in ("draft", "published", "closed"):
        with st.expander("Annuler la journée"):
            st.text_area("Message envoyé aux inscrits", key="cancel_message")
            forms.field_error("cancel", "message")
            sure = st.checkbox("Je confirme l'annulation de cette journée", key="cancel_sure")
            st.button("Annuler la journée", disabled=not sure, type="primary",
                      on_click=forms.submit("cancel", lambda: write(
                          lambda c: events.cancel_event(
                              c, actor=user, event_id=event.id,
                              message=st.session_state.get("cancel_message", ""))),
                          success="Journée annulée : les inscrits sont prévenus."))


def programme_editor(event: events.Event, departments) -> None:
    with transaction() as conn:
        slots = programme.programme(conn, event_id=event.id)
    if not slots:
        st.info("Le programme est vide : ajoutez l'accueil, les plénières, le déjeuner et "
                "un créneau « ateliers au choix ».")
    for slot in slots:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(event_forms.slot_line(slot))
        with right.popover("Supprimer", icon=":material/delete:"):
            st.button("Confirmer la suppression", key=f"del_slot_{slot.id}", type="primary",
                      on_click=forms.submit("programme", lambda s=slot.id: write(
                          lambda c: programme.delete_slot(c, actor=user, slot_id=s)),
                          success="Créneau supprimé."))
        if slot.is_choice:
            for atelier in slot.ateliers:
                with st.expander(f"{atelier.title} — {atelier.confirmed}/{atelier.capacity} "
                                 f"places, {atelier.waiting} en attente"):
                    event_forms.atelier_form(user, slot, departments, atelier)
                    with st.popover("Supprimer cet atelier", icon=":material/delete:"):
                        st.button("Confirmer la suppression", key=f"del_atelier_{atelier.id}",
                                  type="primary", on_click=forms.submit(
                                      "programme", lambda a=atelier.id: write(
                                          lambda c: programme.delete_atelier(
                                              c, actor=user, atelier_id=a)),
                                      success="Atelier supprimé."))
            with st.expander(f"Ajouter un atelier à « {slot.title} »", icon=":material/add:"):
                event_forms.atelier_form(user, slot, departments)
    forms.form_error("programme")
    event_forms.slot_form(user, event)


st.title("Organiser une journée")
forms.show_flash()
with transaction() as conn:
    days = events.all_events(conn, actor=user)
    departments = reference.list_departments(conn)
choices = [NEW, *[d.id for d in days]]
labels = {NEW: "Nouvelle journée…", **{d.id: f"{french_date(d.day)} · {d.title} "
                                          f"({events.STATUSES[d.status]})" for d in days}}
current = st.session_state.get("admin_event", days[0].id if days else NEW)
current = current if current in choices else NEW
chosen = st.selectbox("Journée", choices, index=choices.index(current), format_func=labels.get)
if chosen != current:
    select(chosen)
event = next((d for d in days if d.id == chosen), None)
if event is None:
    st.subheader("Nouvelle journée")
    event_forms.day_form(user, None, departments, on_created=lambda e: select(e.id))
else:
    st.caption(f"Statut : **{events.STATUSES[event.status]}**")
    status_buttons(event)
    day_tab, programme_tab = st.tabs(["La journée", "Programme et ateliers"])
    with day_tab:
        event_forms.day_form(user, event, departments, on_created=lambda e: None)
    with programme_tab:
        programme_editor(event, departments)
