"""Organisers' forms for a day, its slots and its ateliers (values kept on failure)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

import streamlit as st

from components import forms
from components.cards import hour
from components.markdown import escape
from components.state import transaction, write
from db import event_reports, events, programme, registration_desk, registrations
from db.events import Event, Slot
from db.reference import Department
from db.roles import User

DAY_TEXTS = ("title", "description", "place", "address", "host_department_code", "audience")


def _moment(form: str, name: str) -> datetime | None:
    day = st.session_state.get(f"{form}_{name}_date")
    moment = st.session_state.get(f"{form}_{name}_time") or time(0)
    return datetime.combine(day, moment) if day else None


def _day_values(form: str) -> dict:
    values = forms.values(form, *DAY_TEXTS, "day", "starts_at", "ends_at")
    values["registration_opens_at"] = _moment(form, "opens")
    values["registration_closes_at"] = _moment(form, "closes")
    return values


def _prefill(form: str, event: Event | None) -> None:
    """Widgets take their values from here only (a `value=` too would make Streamlit warn)."""
    if event is None:
        st.session_state.setdefault(f"{form}_starts_at", time(9, 30))
        st.session_state.setdefault(f"{form}_ends_at", time(17))
        return
    if f"{form}_title" in st.session_state:
        return
    for name in (*DAY_TEXTS, "day", "starts_at", "ends_at"):
        st.session_state[f"{form}_{name}"] = getattr(event, name)
    for name, moment in (("opens", event.registration_opens_at),
                         ("closes", event.registration_closes_at)):
        st.session_state[f"{form}_{name}_date"] = moment.date() if moment else None
        st.session_state[f"{form}_{name}_time"] = moment.time() if moment else None


def day_form(user: User, event: Event | None, departments: list[Department],
             on_created: Callable[[Event], None]) -> None:
    form = f"day_{event.id if event else 'new'}"
    _prefill(form, event)
    with st.form(form):
        forms.text_input(form, "title", "Titre", max_chars=200)
        st.text_area("Description (Markdown)", key=f"{form}_description", height=150)
        forms.field_error(form, "description")
        left, middle, right = st.columns(3)
        left.date_input("Date", key=f"{form}_day", format="DD/MM/YYYY", value=None)
        middle.time_input("Début", key=f"{form}_starts_at", value=None, step=900)
        right.time_input("Fin", key=f"{form}_ends_at", value=None, step=900)
        forms.field_error(form, "day")
        forms.field_error(form, "ends_at")
        forms.text_input(form, "place", "Lieu", max_chars=200,
                         placeholder="ex. Médiathèque départementale de la Loire")
        forms.text_input(form, "address", "Adresse (facultatif)", max_chars=300)
        forms.department_select(form, "host_department_code", departments, label="MD d'accueil")
        st.selectbox("Public", list(events.AUDIENCES), key=f"{form}_audience",
                     format_func=events.AUDIENCES.get)
        st.markdown("**Fenêtre d'inscription**")
        for name, label in (("opens", "Ouverture"), ("closes", "Clôture")):
            a, b = st.columns(2)
            a.date_input(f"{label} des inscriptions (date)", key=f"{form}_{name}_date",
                         value=None, format="DD/MM/YYYY")
            b.time_input(f"{label} des inscriptions (heure)", key=f"{form}_{name}_time",
                         value=None, step=900)
        forms.field_error(form, "registration_closes_at")
        forms.form_error(form)
        if event is None:
            action = lambda: write(lambda c: events.create_event(
                c, actor=user, **_day_values(form)))
        else:
            action = lambda: write(lambda c: events.update_event(
                c, actor=user, event_id=event.id, **_day_values(form)))
        st.form_submit_button("Créer la journée (brouillon)" if event is None else
                              "Enregistrer la journée", type="primary", on_click=forms.submit(
                                  form, action, success="Journée enregistrée.",
                                  on_success=on_created))


def slot_form(user: User, event: Event) -> None:
    form = f"slot_{event.id}"
    with st.form(form, clear_on_submit=False):
        st.markdown("**Ajouter un créneau**")
        a, b, c = st.columns([1, 1, 2])
        a.time_input("Début", key=f"{form}_starts_at", value=None, step=300)
        b.time_input("Fin (facultatif)", key=f"{form}_ends_at", value=None, step=300)
        c.selectbox("Type", list(events.SLOT_KINDS), key=f"{form}_kind",
                    format_func=events.SLOT_KINDS.get)
        forms.field_error(form, "starts_at")
        forms.field_error(form, "ends_at")
        forms.text_input(form, "title", "Intitulé", max_chars=200)
        st.text_area("Détail (facultatif, Markdown)", key=f"{form}_description", height=80)
        forms.form_error(form)
        st.form_submit_button("Ajouter au programme", on_click=forms.submit(
            form, lambda: write(lambda c: programme.add_slot(
                c, actor=user, event_id=event.id,
                **forms.values(form, "starts_at", "ends_at", "kind", "title", "description"))),
            success="Créneau ajouté.",
            on_success=lambda _: forms.clear(form, "starts_at", "ends_at", "title",
                                             "description")))


def atelier_form(user: User, slot: Slot, departments: list[Department],
                 atelier: programme.Atelier | None = None,
                 on_added: Callable[[], None] | None = None) -> None:
    form = f"atelier_{slot.id}_{atelier.id if atelier else 'new'}"
    fields = ("title", "description", "host_department_code", "facilitator", "room",
              "capacity")
    if atelier and f"{form}_title" not in st.session_state:
        for name in fields:
            st.session_state[f"{form}_{name}"] = getattr(atelier, name)
    with st.form(form):
        forms.text_input(form, "title", "Titre de l'atelier", max_chars=200)
        a, b, c = st.columns([2, 1, 1])
        with a:
            forms.text_input(form, "facilitator", "Animé par", max_chars=200)
        with b:
            forms.text_input(form, "room", "Salle", max_chars=120)
        c.number_input("Places", key=f"{form}_capacity", min_value=1, max_value=5000,
                       step=1, value=12 if atelier is None else None)
        forms.field_error(form, "capacity")
        forms.department_select(form, "host_department_code", departments,
                                label="MD qui anime")
        st.text_area("Description (facultatif)", key=f"{form}_description", height=68)
        forms.form_error(form)
        if atelier is None:
            action = lambda: write(lambda c: programme.add_atelier(
                c, actor=user, slot_id=slot.id, **forms.values(form, *fields)))
        else:
            action = lambda: write(lambda c: programme.update_atelier(
                c, actor=user, atelier_id=atelier.id, **forms.values(form, *fields)))
        st.form_submit_button("Ajouter l'atelier" if atelier is None else "Enregistrer",
                              on_click=forms.submit(form, action, success="Atelier enregistré.",
                                                    on_success=on_added and (lambda _: on_added())))


def slot_line(slot: Slot) -> str:
    until = f"–{hour(slot.ends_at)}" if slot.ends_at else ""
    return (f"**{hour(slot.starts_at)}{until}** · {escape(slot.title)} "
            f":gray[({events.SLOT_KINDS[slot.kind]})]")


def pick_day(days: list[Event], key: str) -> Event:
    """Choose one of these days; the choice survives reruns and new days."""
    ids = [d.id for d in days]
    current = st.session_state.get(key, ids[0])
    current = current if current in ids else ids[0]
    labels = {d.id: f"{d.day:%d/%m/%Y} · {d.title} ({events.STATUSES[d.status]})" for d in days}
    chosen = st.selectbox("Journée", ids, index=ids.index(current), format_func=labels.get)
    st.session_state[key] = chosen
    return next(d for d in days if d.id == chosen)


def move_form(user: User, event: Event, slots: list[Slot]) -> None:
    """Move someone to another atelier, or confirm someone from a waiting list."""
    choice_slots = [s for s in slots if s.is_choice and s.ateliers]
    if not choice_slots:
        st.info("Pas d'atelier au choix dans ce programme.")
        return
    form = f"move_{event.id}"
    name = st.text_input("Rechercher la personne (2 lettres au moins)", key=f"{form}_search")
    if len(name.strip()) < 2:
        return
    with transaction() as conn:
        ids = event_reports.selection(conn, actor=user, event_id=event.id, search=name)
        people = event_reports.people_for(conn, actor=user, ids=ids[:30])
    if not people:
        st.info("Aucune personne inscrite ne porte ce nom.")
        return
    person = st.selectbox("Personne", people, key=f"{form}_person",
                          format_func=lambda p: f"{p.name} — " + ", ".join(p.ateliers.values()))
    slot = st.selectbox("Créneau", choice_slots, key=f"{form}_slot",
                        format_func=lambda s: s.title)
    labels = {a.id: f"{a.title} ({a.confirmed}/{a.capacity})" for a in slot.ateliers}
    target = st.selectbox("Vers l'atelier", list(labels), key=f"{form}_target",
                          format_func=labels.get)
    left, right = st.columns(2)
    left.button("Déplacer", key=f"{form}_go", on_click=forms.submit(
        form, lambda: write(lambda c: registrations.change_choice(
            c, actor=user, registration_id=person.registration_id, slot_id=slot.id,
            atelier_id=target)), success=f"{person.name} a été déplacé·e."))
    right.button("Confirmer depuis la liste d'attente", key=f"{form}_promote",
                 on_click=forms.submit(form, lambda: write(lambda c: registration_desk.promote(
                     c, actor=user, registration_id=person.registration_id, slot_id=slot.id)),
                     success=f"Place confirmée pour {person.name}."))
    forms.form_error(form)
