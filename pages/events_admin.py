"""Organiser une journée: the day, its status, and its programme of slots and ateliers."""

from functools import partial

import streamlit as st

from components import auth, forms
from components.events import forms as event_forms
from components.events import questions as day_questions
from components.markdown import escape
from components.state import transaction, write
from db import events, reference
from db.events import programme, questions

user = auth.require("organiser")
EDITING = "admin_editing"  # the slot or atelier whose form is open


def open_day(event: events.Event | None) -> None:
    """A day just created: show it (its URL names it); None, see `forms.submit`."""
    if event is not None:
        st.query_params["event"] = str(event.id)


def on_set_status(event: events.Event, status: str) -> None:
    """« Publier », « Clore les inscriptions », « Repasser en brouillon », « Archiver »."""
    write(partial(events.set_status, actor=user, event_id=event.id, status=status))


def on_cancel_day(event: events.Event) -> None:
    """« Annuler la journée », once confirmed: the message goes to every registrant."""
    write(partial(events.cancel_event, actor=user, event_id=event.id,
                  message=st.session_state.get("cancel_message", "")))


def on_delete_atelier(atelier_id: int) -> None:
    write(partial(programme.delete_atelier, actor=user, atelier_id=atelier_id))


def on_delete_slot(slot_id: int) -> None:
    write(partial(programme.delete_slot, actor=user, slot_id=slot_id))


def on_atelier_added(adding: str) -> None:
    """The add form stays open for the next atelier of the slot."""
    st.session_state[EDITING] = adding


def status_buttons(event: events.Event) -> None:
    transitions = {"published": "Publier", "closed": "Clore les inscriptions",
                   "draft": "Repasser en brouillon", "archived": "Archiver"}
    cols = st.columns(4)
    for col, status in zip(cols, sorted(events.TRANSITIONS[event.status]), strict=False):
        col.button(transitions[status], key=f"status_{status}", on_click=forms.submit(
            "status", partial(on_set_status, event, status),
            success=f"Journée : {events.STATUSES[status].lower()}."))
    forms.form_error("status")
    if event.status in ("draft", "published", "closed"):
        with st.expander("Annuler la journée"):
            st.text_area("Message envoyé aux inscrits", key="cancel_message")
            forms.field_error("cancel", "message")
            sure = st.checkbox("Je confirme l'annulation de cette journée", key="cancel_sure")
            st.button("Annuler la journée", disabled=not sure, type="primary",
                      on_click=forms.submit("cancel", partial(on_cancel_day, event),
                                            success="Journée annulée : les inscrits sont "
                                                    "prévenus."))


def _toggle(editing: str) -> None:
    """Open one slot or atelier form at a time: a day of 8 ateliers stays quick to redraw."""
    st.session_state[EDITING] = None if st.session_state.get(EDITING) == editing else editing


def ateliers_editor(slot: events.Slot, departments) -> None:
    editing = st.session_state.get(EDITING)
    for atelier in slot.ateliers:
        key = f"atelier_{atelier.id}"
        line, edit, delete = st.columns([3, 1, 1], vertical_alignment="center")
        quota = f", {atelier.md_quota} au plus par MD" if atelier.md_quota else ""
        line.markdown(f"{escape(atelier.title)} — {atelier.confirmed}/{atelier.capacity} "
                      f"places{quota}, {atelier.waiting} en attente")
        edit.button("Fermer" if editing == key else "Modifier", key=f"edit_{key}",
                    icon=":material/edit:", on_click=_toggle, args=(key,))
        with delete.popover("Supprimer", icon=":material/delete:"):
            st.button("Confirmer la suppression", key=f"del_{key}", type="primary",
                      on_click=forms.submit("programme", partial(on_delete_atelier, atelier.id),
                                            success="Atelier supprimé."))
        if editing == key:
            event_forms.atelier_form(user, slot, departments, atelier)
    adding = f"new_atelier_{slot.id}"
    if editing == adding or not slot.ateliers:
        title, close = st.columns([5, 1], vertical_alignment="center")
        title.markdown(f"**Ajouter un atelier à « {escape(slot.title)} »**")
        if slot.ateliers:
            close.button("Fermer", key=f"close_{adding}", on_click=_toggle, args=(adding,))
        event_forms.atelier_form(user, slot, departments,
                                 on_added=partial(on_atelier_added, adding))
    else:
        st.button(f"Ajouter un atelier à « {escape(slot.title)} »", key=f"add_{slot.id}",
                  icon=":material/add:", on_click=_toggle, args=(adding,))


def programme_editor(event: events.Event, departments) -> None:
    with transaction() as conn:
        slots = programme.list_slots(conn, event_id=event.id)
    if not slots:
        st.info("Le programme est vide : ajoutez l'accueil, les plénières, le déjeuner et "
                "un créneau « ateliers au choix ».")
    editing = st.session_state.get(EDITING)
    for slot in slots:
        left, edit, right = st.columns([4, 1, 1], vertical_alignment="center")
        left.markdown(event_forms.slot_line(slot))
        key = f"slot_{slot.id}"
        edit.button("Fermer" if editing == key else "Modifier", key=f"edit_{key}",
                    icon=":material/edit:", on_click=_toggle, args=(key,))
        with right.popover("Supprimer", icon=":material/delete:"):
            st.button("Confirmer la suppression", key=f"del_slot_{slot.id}", type="primary",
                      on_click=forms.submit("programme", partial(on_delete_slot, slot.id),
                                            success="Créneau supprimé."))
        if editing == key:
            event_forms.slot_form(user, event, slot)
        if slot.is_choice:
            with st.container(border=True):
                ateliers_editor(slot, departments)
    forms.form_error("programme")
    event_forms.slot_form(user, event)


st.title("Organiser une journée")
forms.show_flash()
with transaction() as conn:
    days = events.list_all_events(conn, actor=user)
    departments = reference.list_departments(conn)
event = event_forms.pick_day(days, new="Nouvelle journée…")
if event is None:
    st.subheader("Nouvelle journée")
    event_forms.day_form(user, None, departments, on_created=open_day)
else:
    st.caption(f"Statut : **{events.STATUSES[event.status]}**")
    status_buttons(event)
    day_tab, programme_tab, questions_tab = st.tabs(
        ["La journée", "Programme et ateliers", "Questions d'inscription"], key="section",
        bind="query-params")
    with day_tab:
        event_forms.day_form(user, event, departments, on_created=None)
        with st.expander("Dupliquer cette journée (pour l'an prochain)",  # keyed: a late
                         icon=":material/content_copy:",  # rerun of the tab keeps it open
                         key=f"duplicate_open_{event.id}", on_change="rerun"):
            event_forms.duplicate_form(user, event, on_copied=open_day)
    with programme_tab:
        programme_editor(event, departments)
    with questions_tab:
        with transaction() as conn:
            asked = questions.list_questions(conn, event_id=event.id)
        day_questions.builder(user, event, asked)
