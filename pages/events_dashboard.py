"""Suivi des inscriptions: figures, charts, list, exports, attendance sheets, check-in."""

from functools import partial

import pandas as pd
import streamlit as st

from components import auth, charts, downloads, forms
from components.events import after_day, allocation_view
from components.events import forms as event_forms
from components.events import messages as day_messages
from components.events import questions as day_questions
from components.pagination import pager
from components.state import transaction, write
from db import events
from db.engine import local_now
from db.events import attestations, exports, programme, questions
from db.events import desk as registration_desk
from db.events import reports as event_reports
from db.spreadsheets import XLSX

user = auth.require("organiser")


def on_check_in(registration_id: int, present: bool) -> None:
    """A name ticked (or unticked) at the desk."""
    write(partial(registration_desk.check_in, actor=user, registration_id=registration_id,
                  present=present))
PER_PAGE = 50
STATUS = {None: "Inscrits (confirmés et en attente)", "confirmed": "Confirmés",
          "waitlisted": "En liste d'attente", "cancelled": "Annulés"}

st.title("Suivi des inscriptions")
forms.show_flash()
with transaction() as conn:
    days = [d for d in events.list_all_events(conn, actor=user) if d.status != "draft"]
if not days:
    st.info("Aucune journée publiée : créez-en une dans « Organiser une journée ».")
    st.stop()
event = event_forms.pick_day(days)
with transaction() as conn:
    board = event_reports.get_dashboard(conn, actor=user, event_id=event.id)
    slots = board.slots
    slot_titles = [s.title for s in slots if s.is_choice]
    asked = questions.list_questions(conn, event_id=event.id)

def attendance_sheet(atelier: programme.Atelier, slot: events.Slot) -> str:
    """Built on click: the confirmed people of one atelier, as a printable page."""
    with transaction() as conn:
        present = event_reports.list_people(conn, actor=user, event_id=event.id,
                                       atelier_id=atelier.id, confirmed_in_atelier=True)
    return exports.attendance_sheet(event, atelier.title, present,
                                    details=event_forms.atelier_details(atelier, slot))


def day_sheet(heading: str, signatures: tuple[str, ...]) -> str:
    """Built on click: everyone registered to the day (not cancelled)."""
    with transaction() as conn:
        everyone = event_reports.list_people(conn, actor=user, event_id=event.id)
    return exports.attendance_sheet(event, heading, everyone, signatures=signatures)


def all_attestations() -> bytes:
    with transaction() as conn:
        return attestations.day_attestations(conn, actor=user, event_id=event.id)


cols = st.columns(5)
for col, (label, value) in zip(cols, [
        ("Confirmés", board.confirmed), ("En attente", board.waiting),
        ("Annulés", board.cancelled), ("Déjeuners", board.lunch),
        ("Présents", board.checked_in)], strict=True):
    col.metric(label, value)
for alert in board.alerts:
    st.warning(alert, icon=":material/campaign:")

SECTIONS = ["Graphiques", "Inscrits et exports", "Émargement", "Pointage", "Déplacer",
            "Attribution", "Messages", "Après la journée"]
section = st.segmented_control("Vue", SECTIONS, default=SECTIONS[0], key="section",
                               bind="query-params",
                               label_visibility="collapsed") or SECTIONS[0]
if section == "Graphiques":
    st.subheader("Remplissage des ateliers")
    charts.fill_rates(board.ateliers)
    left, right = st.columns(2)
    with left:
        st.subheader("Par département")
        charts.by_department(board.by_department)
    with right:
        st.subheader("Inscriptions dans le temps")
        charts.over_time(board.by_day)
    if asked:
        st.subheader("Réponses aux questions")
        with transaction() as conn:
            day_questions.counts(questions.count_answers(conn, event_id=event.id))

elif section == "Inscrits et exports":
    a, b, c = st.columns(3)
    status = a.selectbox("Statut", list(STATUS), format_func=STATUS.get, key="dash_status")
    ateliers = {x.id: x.title for s in slots for x in s.ateliers}
    atelier = b.selectbox("Atelier", [None, *ateliers], key="dash_atelier",
                          placeholder="Tous",
                          format_func=lambda i: "Tous" if i is None else ateliers[i])
    search = c.text_input("Nom", key="dash_search")
    filters = {"status": status, "atelier_id": atelier, "search": search}
    with transaction() as conn:
        ids = event_reports.list_selection(conn, actor=user, event_id=event.id, **filters)
        offset = pager("dash_page", len(ids), PER_PAGE)
        shown = event_reports.list_people_for(conn, actor=user, ids=ids[offset:offset + PER_PAGE])
    total = len(ids)
    st.caption(f"{total} personne(s)")
    st.dataframe(pd.DataFrame([dict(zip(exports.columns(slot_titles, asked),
                                        exports.row(p, slot_titles, asked), strict=True))
                               for p in shown]), hide_index=True, width="stretch")
    stem = f"inscriptions-{event.day:%Y-%m-%d}"
    version = f"{event.id}_{status}_{atelier}_{search}_{total}_{board.checked_in}"

    def everyone() -> list:
        with transaction() as conn:
            return event_reports.list_people(conn, actor=user, event_id=event.id, **filters)

    d1, d2 = st.columns(2)
    with d1:
        downloads.button("l'export CSV", f"csv_{version}", lambda: exports.registrations_csv(
            everyone(), slot_titles, asked), file_name=f"{stem}.csv", mime="text/csv")
    with d2:
        downloads.button("l'export XLSX", f"xlsx_{version}",
                         lambda: exports.registrations_xlsx(everyone(), slot_titles,
                                                            title=event.title, asked=asked),
                         file_name=f"{stem}.xlsx", mime=XLSX)

elif section == "Émargement":
    st.caption("Des feuilles à ouvrir puis imprimer, avec des lignes vides pour les personnes "
               "venues sans inscription.")
    st.markdown("**La journée**")
    count = board.confirmed + board.waiting
    for label, heading, signatures in (
            ("journée entière", "Journée entière", ("Matin", "Après-midi")),
            ("matin", "Matin", ("Signature",)), ("après-midi", "Après-midi", ("Signature",))):
        downloads.button(f"l'émargement — {label} ({count})", f"day_{label}_{count}",
                         lambda h=heading, s=signatures: day_sheet(h, s),
                         file_name=f"emargement-{event.day:%Y-%m-%d}-{heading.lower()}.html"
                         .replace(" ", "-"), mime="text/html")
    st.markdown("**Par atelier** (personnes confirmées)")
    for slot in (s for s in slots if s.is_choice):
        for x in slot.ateliers:
            downloads.button(f"l'émargement — {x.title} ({x.confirmed})",
                             f"sheet_{x.id}_{x.confirmed}",
                             lambda a=x, sl=slot: attendance_sheet(a, sl),
                             file_name=f"emargement-{x.id}.html", mime="text/html")
    st.markdown("**Attestations de présence** (personnes pointées présentes)")
    if event.day > local_now().date():
        st.caption("Elles seront prêtes le jour même, une fois les présences pointées.")
    elif not board.checked_in:
        st.caption("Pointez d'abord les présences (vue « Pointage »).")
    else:
        downloads.button(f"les attestations ({board.checked_in} PDF, un ZIP)",
                         f"attestations_{board.checked_in}", all_attestations,
                         file_name=f"attestations-{event.day:%Y-%m-%d}.zip",
                         mime="application/zip")

elif section == "Pointage":
    name = st.text_input("Rechercher une personne (2 lettres au moins)", key="checkin_search")
    st.caption(f"Présents : {board.checked_in} · absents : "
               f"{board.confirmed + board.waiting - board.checked_in}")
    found, matches = [], 0
    if len(name.strip()) >= 2:
        with transaction() as conn:
            ids = event_reports.list_selection(conn, actor=user, event_id=event.id, search=name)
            found, matches = event_reports.list_people_for(conn, actor=user, ids=ids[:30]), len(ids)
    for person in found:
        here = person.checked_in_at is not None
        st.checkbox(f"{person.name} — {person.md_name or person.organisation or ''}",
                    value=here, key=f"present_{person.registration_id}",
                    on_change=forms.submit("checkin", partial(
                        on_check_in, person.registration_id, not here)))
    if matches > len(found):
        st.caption(f"{matches} résultats : affinez la recherche pour voir les autres.")
    forms.form_error("checkin")

elif section == "Attribution":
    allocation_view.allocation_section(user, slots)

elif section == "Messages":
    day_messages.messages_section(user, event, slots)

elif section == "Après la journée":
    after_day.survey_section(user, event)
    after_day.followups_section(user, event)

else:
    event_forms.move_form(user, event, slots)
