"""What coordinators and organisers do for a group: create, edit, close it; answer
requests to join; name coordinators; programme meetings and attach their minutes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import partial

import streamlit as st

from components import directory_index, forms
from components.cards import french_date, hour
from components.markdown import escape, render
from components.state import app_url, transaction, write
from db import groups
from db.errors import ValidationError
from db.groups import GroupSummary, meetings
from db.groups.meetings import Meeting
from db.resources import browse as resource_browse
from db.roles import User

GROUP_FIELDS = ("name", "description", "moderated")


def create_form(user: User) -> None:
    form = "group_new"
    forms.text_input(form, "name", "Nom du groupe", max_chars=120)
    st.text_area("Objet du groupe (Markdown)", key=f"{form}_description", height=100)
    st.checkbox("Adhésion sur demande (un·e coordinateur·rice accepte)", key=f"{form}_moderated")
    forms.form_error(form)
    token = forms.token(form)
    st.button("Créer le groupe", key=forms.send_key(form, "go"), on_click=forms.submit(
        form, partial(on_create_group, user, form, token),
        success="Groupe créé : vous en êtes le coordinateur ou la coordinatrice.",
        reset={"name": "", "description": "", "moderated": False}))


def on_create_group(user: User, form: str, token: str) -> int:
    """« Créer le groupe »."""
    return write(partial(groups.create_group, actor=user,
                         **forms.values(form, *GROUP_FIELDS)), once=token)


def on_update_group(user: User, group: GroupSummary, form: str) -> None:
    """« Enregistrer le groupe »."""
    write(partial(groups.update_group, actor=user, group_id=group.id,
                  **forms.values(form, *GROUP_FIELDS, "status")))


def on_decide_request(user: User, group: GroupSummary, person_id: int, accept: bool) -> None:
    """« Accepter » / « Décliner » a request to join."""
    directory_index.write(partial(groups.decide, actor=user, group_id=group.id,
                                  user_id=person_id, accept=accept))


def on_set_coordinator(user: User, group: GroupSummary, form: str, coordinator: bool) -> None:
    """« Nommer coordinateur·rice » / « Retirer la coordination » for the chosen member."""
    chosen = st.session_state.get(f"{form}_who")
    if chosen is None:
        raise ValidationError({"_form": "Choisissez d'abord le membre."})
    write(partial(groups.set_coordinator, actor=user, group_id=group.id, user_id=chosen,
                  coordinator=coordinator))


def edit_form(user: User, group: GroupSummary) -> None:
    form = f"group_edit_{group.id}"
    if f"{form}_name" not in st.session_state:
        for field in (*GROUP_FIELDS, "status"):
            st.session_state[f"{form}_{field}"] = getattr(group, field)
    forms.text_input(form, "name", "Nom du groupe", max_chars=120)
    st.text_area("Objet du groupe (Markdown)", key=f"{form}_description", height=100)
    st.checkbox("Adhésion sur demande", key=f"{form}_moderated")
    st.radio("Statut", list(groups.STATUS_LABELS), key=f"{form}_status", horizontal=True,
             format_func=groups.STATUS_LABELS.get)
    forms.form_error(form)
    st.button("Enregistrer le groupe", key=f"{form}_go", on_click=forms.submit(
        form, partial(on_update_group, user, group, form), success="Groupe enregistré."))


def requests_and_coordinators(user: User, group: GroupSummary) -> None:
    form = f"group_people_{group.id}"
    with transaction() as conn:
        waiting = groups.list_members(conn, viewer=user, group_id=group.id, status="pending")
        current = groups.list_members(conn, viewer=user, group_id=group.id)
    st.markdown(f"**Demandes en attente ({len(waiting)})**")
    for person in waiting:
        a, b, c = st.columns([3, 1, 1], vertical_alignment="center")
        a.write(f"{person.name} — {person.md_name or person.department_code or ''}")
        for column, accept, label in ((b, True, "Accepter"), (c, False, "Décliner")):
            column.button(label, key=f"{form}_{person.user_id}_{accept}",
                          on_click=forms.submit(form, partial(
                              on_decide_request, user, group, person.user_id, accept)))
    names = {m.user_id: m.name + (" (coordination)" if m.role == "coordinator" else "")
             for m in current}
    chosen = st.selectbox("Membre", list(names), format_func=forms.label(names),
                          key=f"{form}_who", index=None, placeholder="Choisir un membre")
    a, b = st.columns(2)
    for column, on, label in ((a, True, "Nommer coordinateur·rice"),
                              (b, False, "Retirer la coordination")):
        column.button(label, key=f"{form}_coord_{on}", disabled=chosen is None,
                      on_click=forms.submit(form, partial(on_set_coordinator, user, group,
                                                          form, on),
                                            success="Coordination mise à jour."))
    forms.form_error(form)


def meeting_form(user: User, group_id: int) -> None:
    """Programme a meeting: a day, times, a place or a video link, an agenda."""
    form = f"meeting_{group_id}"
    forms.text_input(form, "title", "Objet de la réunion", max_chars=200)
    a, b, c = st.columns(3)
    day = a.date_input("Date", key=f"{form}_day", format="DD/MM/YYYY",
                       value=datetime.now().date() + timedelta(days=7))
    starts = b.time_input("Début", key=f"{form}_starts", value=time(14), step=900)
    ends = c.time_input("Fin", key=f"{form}_ends", value=time(16), step=900)
    forms.field_error(form, "ends_at")
    forms.text_input(form, "place", "Lieu (facultatif si visio)", max_chars=200)
    forms.text_input(form, "video_url", "Lien de visioconférence (https://…)", max_chars=500)
    st.text_area("Ordre du jour (Markdown)", key=f"{form}_agenda", height=100)
    forms.field_error(form, "agenda")
    forms.form_error(form)
    token = forms.token(form)
    data = partial(forms.read, form, meetings.MeetingInput,
                   starts_at=datetime.combine(day, starts), ends_at=datetime.combine(day, ends))
    st.button("Programmer la réunion", type="primary", key=forms.send_key(form, "go"),
              on_click=forms.submit(form, partial(on_plan_meeting, user, group_id, data, token),
                                    success="Réunion programmée : les membres sont prévenus.",
                                    reset={"title": "", "agenda": ""}))


def on_plan_meeting(user: User, group_id: int,
                    data: Callable[[], meetings.MeetingInput], token: str) -> int:
    """« Programmer la réunion »: the form is read when clicked, not when drawn."""
    return write(partial(meetings.create_meeting, actor=user, group_id=group_id, data=data()),
                 once=token)


def meeting_card(user: User, group: GroupSummary, meeting: Meeting, member: bool,
                 manager: bool) -> None:
    with st.container(border=True):
        when = (f"{french_date(meeting.starts_at, weekday=True).capitalize()}, "
                f"{hour(meeting.starts_at)}–{hour(meeting.ends_at)}")
        st.markdown(f"**{escape(meeting.title)}**  \n:gray[{when}"
                    + (f" · {escape(meeting.place)}" if meeting.place else "") + "]")
        if meeting.video_url:
            st.markdown(f"Visioconférence : [{escape(meeting.video_url)}]({meeting.video_url})")
        if meeting.agenda:
            render(meeting.agenda)
        st.caption(f"{meeting.present} présent·e(s) · {meeting.absent} absent·e(s)")
        if member and not meeting.past:
            _answer(user, meeting)
        st.download_button("Ajouter à mon agenda (.ics)", meetings.ics(
            meeting, group_name=group.name, url=app_url(f"groups?groupe={group.id}")),
            file_name=f"reunion-{meeting.id}.ics", mime="text/calendar",
            key=f"meeting_ics_{meeting.id}", icon=":material/calendar_add_on:",
            on_click="ignore")
        _minutes(user, group, meeting, manager)


def _answer(user: User, meeting: Meeting) -> None:
    form = f"answer_{meeting.id}"
    options = list(meetings.ANSWERS)
    st.segmented_control("Votre réponse", options, format_func=forms.label(meetings.ANSWERS),
                         key=f"{form}_{meeting.my_answer}", default=meeting.my_answer,
                         on_change=forms.submit(form, partial(on_answer, user, meeting)))
    forms.form_error(form)


def on_answer(user: User, meeting: Meeting) -> None:
    """« Votre réponse » changed (clicking the chosen answer again keeps it)."""
    picked = st.session_state[f"answer_{meeting.id}_{meeting.my_answer}"] or meeting.my_answer
    if picked is not None:
        write(partial(meetings.answer, actor=user, meeting_id=meeting.id, answer=picked))


def on_attach_minutes(user: User, meeting: Meeting, form: str) -> None:
    """« Joindre le compte rendu »: the chosen resource of the group."""
    chosen = st.session_state.get(f"{form}_pick")
    if chosen is None:
        raise ValidationError({"_form": "Choisissez la ressource du compte rendu."})
    write(partial(meetings.attach_minutes, actor=user, meeting_id=meeting.id,
                  resource_id=chosen))


def _minutes(user: User, group: GroupSummary, meeting: Meeting, manager: bool) -> None:
    if meeting.minutes_resource_id:
        st.page_link("pages/resources.py", label="Compte rendu", icon=":material/summarize:",
                     query_params={"ressource": str(meeting.minutes_resource_id)})
    elif manager and meeting.past:
        with transaction() as conn:
            found = resource_browse.list_resources(
                conn, filters=resource_browse.Filters(group_id=group.id), limit=50)
        form = f"minutes_{meeting.id}"
        titles = {r.id: r.title for r in found}
        chosen = st.selectbox("Compte rendu (une ressource du groupe)", list(titles),
                              format_func=forms.label(titles), index=None, key=f"{form}_pick",
                              placeholder="Ajoutez d'abord la ressource au groupe")
        st.button("Joindre le compte rendu", key=f"{form}_go", disabled=chosen is None,
                  on_click=forms.submit(form, partial(on_attach_minutes, user, meeting, form)))
        forms.form_error(form)
