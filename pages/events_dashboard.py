"""Suivi des inscriptions: figures, charts, list, exports, attendance sheets, check-in."""

import pandas as pd
import streamlit as st

from components import auth, charts, downloads, event_forms, forms
from components.state import transaction, write
from db import event_reports, events, exports, programme, registration_desk

user = auth.require("organiser")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS = {None: "Inscrits (confirmés et en attente)", "confirmed": "Confirmés",
          "waitlisted": "En liste d'attente", "cancelled": "Annulés"}

st.title("Suivi des inscriptions")
forms.show_flash()
with transaction() as conn:
    days = [d for d in events.all_events(conn, actor=user) if d.status != "draft"]
if not days:
    st.info("Aucune journée publiée : créez-en une dans « Organiser une journée ».")
    st.stop()
event = event_forms.pick_day(days, "dashboard_event")
with transaction() as conn:
    board = event_reports.dashboard(conn, actor=user, event_id=event.id)
    slots = programme.programme(conn, event_id=event.id)
    slot_titles = [s.title for s in slots if s.is_choice]

def attendance_sheet(atelier: programme.Atelier) -> str:
    """Built on click: the confirmed people of one atelier, as a printable page."""
    with transaction() as conn:
        present = event_reports.people(conn, actor=user, event_id=event.id,
                                       atelier_id=atelier.id, confirmed_in_atelier=True)
    return exports.attendance_sheet(event, atelier.title, present)


cols = st.columns(5)
for col, (label, value) in zip(cols, [
        ("Confirmés", board.confirmed), ("En attente", board.waiting),
        ("Annulés", board.cancelled), ("Déjeuners", board.lunch),
        ("Présents", board.checked_in)], strict=True):
    col.metric(label, value)
for alert in board.alerts:
    st.warning(alert, icon=":material/campaign:")

figures, people_tab, sheets, check_in, moves = st.tabs(
    ["Graphiques", "Inscrits et exports", "Émargement", "Pointage", "Déplacer"])
with figures:
    st.subheader("Remplissage des ateliers")
    charts.fill_rates(board.ateliers)
    left, right = st.columns(2)
    with left:
        st.subheader("Par département")
        charts.by_department(board.by_department)
    with right:
        st.subheader("Inscriptions dans le temps")
        charts.over_time(board.by_day)

with people_tab:
    a, b, c = st.columns(3)
    status = a.selectbox("Statut", list(STATUS), format_func=STATUS.get, key="dash_status")
    ateliers = {x.id: x.title for s in slots for x in s.ateliers}
    atelier = b.selectbox("Atelier", [None, *ateliers], key="dash_atelier",
                          format_func=lambda i: "Tous" if i is None else ateliers[i])
    search = c.text_input("Nom", key="dash_search")
    with transaction() as conn:
        people = event_reports.people(conn, actor=user, event_id=event.id, status=status,
                                      atelier_id=atelier, search=search)
    st.caption(f"{len(people)} personne(s)")
    table = pd.DataFrame([dict(zip(exports.columns(slot_titles),
                                   exports.row(p, slot_titles), strict=True)) for p in people])
    st.dataframe(table, hide_index=True, width="stretch")
    stem = f"inscriptions-{event.day:%Y-%m-%d}"
    version = f"{event.id}_{status}_{atelier}_{search}_{len(people)}_{board.checked_in}"
    d1, d2 = st.columns(2)
    with d1:
        downloads.prepared("l'export CSV", f"csv_{version}", lambda: exports.registrations_csv(
            people, slot_titles), file_name=f"{stem}.csv", mime="text/csv")
    with d2:
        downloads.prepared("l'export XLSX", f"xlsx_{version}",
                           lambda: exports.registrations_xlsx(people, slot_titles,
                                                              title=event.title),
                           file_name=f"{stem}.xlsx", mime=XLSX)

with sheets:
    st.caption("Une feuille par atelier (personnes confirmées), à ouvrir puis imprimer.")
    for slot in (s for s in slots if s.is_choice):
        for x in slot.ateliers:
            downloads.prepared(f"l'émargement — {x.title} ({x.confirmed})",
                               f"sheet_{x.id}_{x.confirmed}", lambda a=x: attendance_sheet(a),
                               file_name=f"emargement-{x.id}.html", mime="text/html")

with check_in:
    name = st.text_input("Rechercher une personne", key="checkin_search")
    with transaction() as conn:
        found = event_reports.people(conn, actor=user, event_id=event.id, search=name)
    st.caption(f"Présents : {board.checked_in} · absents : "
               f"{board.confirmed + board.waiting - board.checked_in}")
    for person in found[:30]:
        here = person.checked_in_at is not None
        st.checkbox(f"{person.name} — {person.md_name or person.organisation or ''}",
                    value=here, key=f"present_{person.registration_id}",
                    on_change=forms.submit("checkin", lambda p=person, h=here: write(
                        lambda conn: registration_desk.check_in(
                            conn, actor=user, registration_id=p.registration_id,
                            present=not h))))
    if len(found) > 30:
        st.caption("Affinez la recherche pour voir les autres personnes.")
    forms.form_error("checkin")

with moves:
    event_forms.move_form(user, event, slots)
