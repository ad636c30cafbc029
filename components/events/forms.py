"""Organisers' forms for a day, its slots and its ateliers (values kept on failure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import datetime, time
from functools import partial
from typing import Any

import streamlit as st

from components import forms
from components.cards import hour
from components.markdown import escape
from components.state import transaction, write
from db import events
from db.errors import ValidationError
from db.events import Atelier, Event, Slot, duplicate, programme, registrations
from db.events import desk as registration_desk
from db.events import reports as event_reports
from db.reference import Department
from db.roles import User


def _moment(form: str, name: str) -> datetime | None:
    day = st.session_state.get(f"{form}_{name}_date")
    moment = st.session_state.get(f"{form}_{name}_time") or time(0)
    return datetime.combine(day, moment) if day else None


def on_save_day(user: User, event: Event | None, form: str, token: str) -> Event:
    """« Créer la journée » / « Enregistrer la journée »: the window's date and hour
    widgets make one moment each."""
    data = forms.read(form, events.DayInput, registration_opens_at=_moment(form, "opens"),
                      registration_closes_at=_moment(form, "closes"))
    if event is None:
        return write(partial(events.create_event, actor=user, data=data), once=token)
    return write(partial(events.update_event, actor=user, event_id=event.id, data=data),
                 once=token)


def on_save_slot(user: User, event: Event, slot: Slot | None, form: str, token: str) -> None:
    """« Ajouter au programme » / « Enregistrer le créneau » (edited in place: its
    ateliers and their registrations stay)."""
    data = forms.read(form, programme.SlotInput)
    if slot is None:
        write(partial(programme.create_slot, actor=user, event_id=event.id, data=data),
              once=token)
    else:
        write(partial(programme.update_slot, actor=user, slot_id=slot.id, data=data),
              once=token)


def on_duplicate_day(user: User, event: Event, form: str, token: str) -> Event:
    """« Dupliquer la journée »: the copy opens (see `open_day`)."""
    return write(partial(duplicate.duplicate_event, actor=user, event_id=event.id,
                         day=st.session_state.get(f"{form}_day")), once=token)


def on_save_atelier(user: User, slot: Slot, atelier: Atelier | None, form: str,
                    token: str) -> None:
    """« Ajouter l'atelier » / « Enregistrer » (an atelier's edit form)."""
    data = forms.read(form, programme.AtelierInput)
    if atelier is None:
        write(partial(programme.create_atelier, actor=user, slot_id=slot.id, data=data),
              once=token)
    else:
        write(partial(programme.update_atelier, actor=user, atelier_id=atelier.id,
                      data=data), once=token)


def _stored_values(event: Event | None) -> dict:
    """The form's starting values: the day as stored, or a new day's defaults."""
    if event is None:
        return {"starts_at": time(9, 30), "ends_at": time(17), "audience": "md_staff"}
    values = {f.name: getattr(event, f.name) for f in fields(events.DayInput)}
    values["md_quota"] = str(event.md_quota) if event.md_quota else ""
    for name, moment in (("opens", event.registration_opens_at),
                         ("closes", event.registration_closes_at)):
        values[f"{name}_date"] = moment.date() if moment else None
        values[f"{name}_time"] = moment.time() if moment else None
    return values


def day_form(user: User, event: Event | None, departments: list[Department],
             on_created: Callable[[Event], None] | None) -> None:
    """Each widget gets the stored value as its own `value=` (its default), never through
    `st.session_state`: a value pushed through the session reaches the browser only with
    the run that set it, and when that run was cut short (the sign-in cookie's rerun on a
    fresh tab) the browser drew the widget's default — an empty day, 1 fresh tab in 3."""
    form = f"day_{event.id if event else 'new'}"
    start = _stored_values(event)
    token = forms.token(form)
    with st.form(form, enter_to_submit=False):
        forms.text_input(form, "title", "Titre", max_chars=200, value=start.get("title"))
        st.text_area("Description (Markdown)", key=f"{form}_description", height=150,
                     value=start.get("description"))
        forms.field_error(form, "description")
        left, middle, right = st.columns(3)
        left.date_input("Date", key=f"{form}_day", format="DD/MM/YYYY",
                        value=start.get("day"))
        middle.time_input("Début", key=f"{form}_starts_at", value=start["starts_at"], step=900)
        right.time_input("Fin", key=f"{form}_ends_at", value=start["ends_at"], step=900)
        forms.field_error(form, "day")
        forms.field_error(form, "ends_at")
        forms.text_input(form, "place", "Lieu", max_chars=200, value=start.get("place"),
                         placeholder="ex. Médiathèque départementale de la Loire")
        forms.text_input(form, "address", "Adresse (facultatif)", max_chars=300,
                         value=start.get("address"))
        forms.department_select(form, "host_department_code", departments, label="MD d'accueil",
                                initial=start.get("host_department_code"))
        audiences = list(events.AUDIENCES)
        st.selectbox(
            "Public",
            audiences,
            key=f"{form}_audience",
            index=audiences.index(start["audience"]),
            format_func=forms.label(events.AUDIENCES),
        )
        forms.text_input(form, "md_quota", "Personnes par MD, au plus (facultatif)",
                         value=start.get("md_quota"), placeholder="ex. 4",
                         help="Laissé vide : pas de limite. Sinon, une MD qui a inscrit ce "
                              "nombre de personnes ne peut plus en inscrire d'autres.")
        st.multiselect("Rappels automatiques aux inscrits", list(events.REMINDER_CHOICES),
                       key=f"{form}_reminders", default=list(start.get("reminders", (7, 1))),
                       format_func=forms.label(events.REMINDER_CHOICES),
                       placeholder="Aucun rappel",
                       help="Un message dans Coop'MD et par courriel, envoyé une fois, à "
                            "chaque délai choisi avant la journée.")
        forms.field_error(form, "reminders")
        st.multiselect("Questions habituelles posées à l'inscription",
                       list(events.STANDARD_QUESTIONS), key=f"{form}_standard_questions",
                       default=list(start.get("standard_questions",
                                              events.STANDARD_QUESTIONS)),
                       format_func=forms.label(events.STANDARD_QUESTIONS),
                       placeholder="Aucune",
                       help="Les quatre par défaut ; vos propres questions s'ajoutent dans "
                            "l'onglet « Questions d'inscription ».")
        forms.field_error(form, "standard_questions")
        st.markdown("**Fenêtre d'inscription**")
        for name, label in (("opens", "Ouverture"), ("closes", "Clôture")):
            a, b = st.columns(2)
            a.date_input(f"{label} des inscriptions (date)", key=f"{form}_{name}_date",
                         value=start.get(f"{name}_date"), format="DD/MM/YYYY")
            b.time_input(f"{label} des inscriptions (heure)", key=f"{form}_{name}_time",
                         value=start.get(f"{name}_time"), step=900)
        forms.field_error(form, "registration_closes_at")
        forms.form_error(form)
        st.form_submit_button("Créer la journée (brouillon)" if event is None else
                              "Enregistrer la journée", type="primary",
                              key=forms.send_key(form), on_click=forms.submit(
                                  form, partial(on_save_day, user, event, form, token),
                                  success="Journée enregistrée.", on_success=on_created))


SLOT_BLANK = {"starts_at": None, "ends_at": None, "title": "", "description": ""}


def slot_form(user: User, event: Event, slot: Slot | None = None) -> None:
    """Add a slot (emptied after a success) or edit one in place (starts from its values,
    as the widgets' own defaults: see `day_form`)."""
    form = f"slot_{event.id}" if slot is None else f"slot_edit_{slot.id}"
    kinds = list(events.SLOT_KINDS)
    token = forms.token(form)
    with st.form(form, clear_on_submit=False, enter_to_submit=False):
        st.markdown("**Ajouter un créneau**" if slot is None else "**Modifier le créneau**")
        a, b, c = st.columns([1, 1, 2])
        a.time_input("Début", key=f"{form}_starts_at", step=300,
                     value=slot.starts_at if slot else None)
        b.time_input("Fin (facultatif)", key=f"{form}_ends_at", step=300,
                     value=slot.ends_at if slot else None)
        c.selectbox("Type", kinds, key=f"{form}_kind", format_func=forms.label(events.SLOT_KINDS),
                    index=kinds.index(slot.kind) if slot else 0)
        forms.field_error(form, "starts_at")
        forms.field_error(form, "ends_at")
        forms.field_error(form, "kind")
        forms.text_input(form, "title", "Intitulé", max_chars=200,
                         **({"value": slot.title} if slot else {}))
        st.checkbox("Vœux classés (ateliers au choix) : chacun classe trois ateliers, vous "
                    "attribuez ensuite les places", key=f"{form}_ranked",
                    value=bool(slot and slot.ranked))
        forms.field_error(form, "ranked")
        detail: dict[str, Any] = {"value": slot.description or ""} if slot else {}
        st.text_area("Détail (facultatif, Markdown)", key=f"{form}_description", height=80,
                     **detail)  # the add form is emptied through the session instead
        forms.form_error(form)
        st.form_submit_button("Ajouter au programme" if slot is None else
                              "Enregistrer le créneau", key=forms.send_key(form),
                              on_click=forms.submit(
                                  form, partial(on_save_slot, user, event, slot, form, token),
                                  success="Créneau ajouté." if slot is None else
                                  "Créneau enregistré.",
                                  reset=SLOT_BLANK if slot is None else None))


def duplicate_form(user: User, event: Event, on_copied: Callable[[Event], None]) -> None:
    """Next year's day from this one: programme and ateliers, no registration."""
    form = f"duplicate_{event.id}"
    token = forms.token(form)
    with st.form(form, enter_to_submit=False):
        st.caption("Le programme et les ateliers (places comprises) sont recopiés, sans "
                   "aucune inscription ; la nouvelle journée est un brouillon.")
        st.date_input("Date de la nouvelle journée", key=f"{form}_day", value=None,
                      format="DD/MM/YYYY")
        forms.field_error(form, "day")
        forms.form_error(form)
        st.form_submit_button("Dupliquer la journée", key=forms.send_key(form),
                              on_click=forms.submit(
                                  form, partial(on_duplicate_day, user, event, form, token),
                                  success="Journée dupliquée : voici la copie, en brouillon.",
                                  on_success=on_copied))


ATELIER_BLANK = {"title": "", "description": "", "host_department_code": None,
                 "facilitator": "", "room": "", "capacity": "", "md_quota": ""}


def atelier_form(user: User, slot: Slot, departments: list[Department],
                 atelier: Atelier | None = None,
                 on_added: Callable[[], None] | None = None) -> None:
    form = f"atelier_{slot.id}_{atelier.id if atelier else 'new'}"
    # an edit form starts from the stored atelier as the widgets' own defaults (see
    # `day_form`); the add form starts empty and is emptied through the session
    start = {name: getattr(atelier, name) for name in ATELIER_BLANK} if atelier else {}
    if atelier:
        start["capacity"] = str(atelier.capacity)
        start["md_quota"] = str(atelier.md_quota) if atelier.md_quota else ""
    def initial(name: str) -> dict[str, Any]:
        return {"value": start.get(name)} if atelier else {}
    token = forms.token(form)
    with st.form(form, enter_to_submit=False):
        forms.text_input(form, "title", "Titre de l'atelier", max_chars=200, **initial("title"))
        a, b = st.columns([2, 1])
        with a:
            forms.text_input(form, "facilitator", "Animé par", max_chars=200,
                             **initial("facilitator"))
        with b:
            forms.text_input(form, "room", "Salle", max_chars=120, **initial("room"))
        c, d = st.columns(2)
        with c:
            forms.text_input(form, "capacity", "Places", placeholder="ex. 12",
                             help="Un nombre entier, de 1 à 5 000.", **initial("capacity"))
        with d:
            forms.text_input(form, "md_quota", "Places par MD, au plus (facultatif)",
                             placeholder="ex. 3", **initial("md_quota"),
                             help="Laissé vide : pas de limite. Sinon, au-delà, les personnes "
                                  "de cette MD vont en liste d'attente.")
        forms.department_select(form, "host_department_code", departments,
                                label="MD qui anime", initial=start.get("host_department_code"))
        st.text_area("Description (facultatif)", key=f"{form}_description", height=68,
                     **initial("description"))
        forms.form_error(form)
        save = partial(on_save_atelier, user, slot, atelier, form, token)
        st.form_submit_button("Ajouter l'atelier" if atelier is None else "Enregistrer",
                              key=forms.send_key(form), on_click=forms.submit(
                                  form, save, success="Atelier enregistré.",
                                  reset=ATELIER_BLANK if atelier is None else None,
                                  on_success=on_added and partial(_then, on_added)))


def _then(action: Callable[[], None], _result: object) -> None:
    action()


def atelier_details(atelier: Atelier, slot: Slot) -> str:
    """« 14 h 45–16 h 15 · Salle 2 · animé par MD de la Loire » (émargement, attestations)."""
    until = f"–{hour(slot.ends_at)}" if slot.ends_at else ""
    return " · ".join(filter(None, [f"{hour(slot.starts_at)}{until}", atelier.room,
                                    f"animé par {atelier.facilitator}"
                                    if atelier.facilitator else None]))


def slot_line(slot: Slot) -> str:
    until = f"–{hour(slot.ends_at)}" if slot.ends_at else ""
    return (f"**{hour(slot.starts_at)}{until}** · {escape(slot.title)} "
            f":gray[({events.SLOT_KINDS[slot.kind]})]")


NEW_DAY = "new"
PICK_KEY = "pick_event"


def _picked() -> None:
    chosen = st.session_state[PICK_KEY]
    if chosen == NEW_DAY:
        st.query_params.pop("event", None)
    else:
        st.query_params["event"] = str(chosen)


def pick_day(days: list[Event], *, new: str | None = None) -> Event | None:
    """« Journée »: the day shown, kept in the URL (`?event=ID`) so that a reload, a link
    or back lands on it; `new` adds a first choice that shows no day (None)."""
    ids = [d.id for d in days]
    options: list = ([NEW_DAY] if new else []) + ids
    wanted = st.query_params.get("event", "")
    current = int(wanted) if wanted.isdigit() and int(wanted) in ids else options[0]
    if current != NEW_DAY and wanted != str(current):
        st.query_params["event"] = str(current)
    st.session_state[PICK_KEY] = current
    labels = {d.id: f"{d.day:%d/%m/%Y} · {d.title} ({events.STATUSES[d.status]})" for d in days}
    st.selectbox("Journée", options, key=PICK_KEY, on_change=_picked,
                 format_func=lambda x: new or "" if x == NEW_DAY else labels[x])
    return next((d for d in days if d.id == current), None)


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
        ids = event_reports.list_selection(conn, actor=user, event_id=event.id, search=name)
        people = event_reports.list_people_for(conn, actor=user, ids=ids[:30])
    if not people:
        st.info("Aucune personne inscrite ne porte ce nom.")
        return
    person = st.selectbox("Personne", people, key=f"{form}_person",
                          format_func=lambda p: f"{p.name} — " + ", ".join(p.ateliers.values()))
    slot = st.selectbox("Créneau", choice_slots, key=f"{form}_slot",
                        format_func=lambda s: s.title)
    labels = {a.id: f"{a.title} ({a.confirmed}/{a.capacity})" for a in slot.ateliers}
    target = st.selectbox("Vers l'atelier", list(labels), key=f"{form}_target",
                          format_func=forms.label(labels))
    left, right = st.columns(2)
    registration_id = person.registration_id
    left.button("Déplacer", key=f"{form}_go", on_click=forms.submit(
        form, partial(on_move, user, registration_id, slot.id, target),
        success=f"{person.name} a été déplacé·e."))
    right.button("Confirmer depuis la liste d'attente", key=f"{form}_promote",
                 on_click=forms.submit(form, partial(on_promote, user, registration_id, slot.id),
                                       success=f"Place confirmée pour {person.name}."))
    sure = st.checkbox(f"Je confirme la désinscription de {person.name}",
                       key=f"{form}_sure_{registration_id}")
    st.button("Désinscrire de la journée", key=f"{form}_cancel", disabled=not sure,
              help="Possible à tout moment, même après la clôture ; la personne est prévenue.",
              on_click=forms.submit(form, partial(on_unregister, user, registration_id),
                                    success=f"{person.name} est désinscrit·e ; sa place va à "
                                            "la personne suivante."))
    forms.form_error(form)


def on_move(user: User, registration_id: int, slot_id: int, atelier_id: int | None) -> None:
    """« Déplacer » (organisers): the person's place in this slot goes to another atelier."""
    if atelier_id is None:
        raise ValidationError({"_form": "Choisissez l'atelier où déplacer la personne."})
    write(partial(registrations.change_choice, actor=user, registration_id=registration_id,
                  slot_id=slot_id, atelier_id=atelier_id))


def on_promote(user: User, registration_id: int, slot_id: int) -> None:
    """« Confirmer depuis la liste d'attente », above the capacity if need be."""
    write(partial(registration_desk.promote, actor=user, registration_id=registration_id,
                  slot_id=slot_id))


def on_unregister(user: User, registration_id: int) -> None:
    """« Désinscrire de la journée », once confirmed; the person is told."""
    write(partial(registrations.cancel, actor=user, registration_id=registration_id))
