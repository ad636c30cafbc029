"""The MD's circulation dashboard: requests to answer, loans out and late, coming
departures, one library's history, and the yearly report (chart, tables, XLSX)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components import charts, folds, forms, links
from components.kits.catalogue import PAGE, booking_badge, md_names
from components.markdown import escape
from components.pagination import pager
from components.state import transaction
from db import kits
from db.kits.bookings import today
from db.roles import User, has_role
from db.spreadsheets import XLSX


def _line(booking: kits.Booking, key: str) -> None:
    links.item_link(f"{booking.kit_title} — {booking.library} ({booking.commune}), du "
                    f"{booking.starts_on:%d/%m/%Y} au {booking.ends_on:%d/%m/%Y}", PAGE,
                    {"reservation": str(booking.id)}, key=f"{key}_{booking.id}",
                    icon=":material/arrow_forward:")
    late = " :red-badge[En retard]" if booking.late_on(today()) else ""
    st.markdown(f"{booking_badge(booking.status)}{late} · demandé par "
                f"{escape(booking.borrower)}")  # not a caption: its grey fails contrast


def _section(title: str, items: list[kits.Booking], key: str, empty: str) -> None:
    """One list of the dashboard, ten a page."""
    st.subheader(f"{title} ({len(items)})")
    if not items:
        st.caption(empty)
    offset = pager(f"kd_{key}_page", len(items), 10)
    for booking in items[offset:offset + 10]:
        _line(booking, key)


def _which_md(user: User) -> str | None:
    if not has_role(user, "organiser"):
        return user.department_code
    with transaction() as conn:
        mds = md_names(conn)
    options = list(mds)
    return st.selectbox("MD", options, key="kd_md", format_func=forms.label(mds),
                        index=options.index(user.department_code)
                        if user.department_code in options else 0)


def _library_history(bookings: list[kits.Booking]) -> None:
    st.subheader("Historique d'une bibliothèque")
    libraries = sorted({b.library for b in bookings}, key=str.casefold)
    chosen = st.selectbox("Bibliothèque", libraries, index=None, key="kd_library",
                          placeholder="Choisissez une bibliothèque")
    for booking in (b for b in bookings if b.library == chosen):
        _line(booking, "library")


def _report(department_code: str) -> None:
    years = list(range(today().year, today().year - 6, -1))
    year = st.selectbox("Année", years, key="kd_year")
    with transaction() as conn:
        report = kits.yearly_report(conn, department_code=department_code, year=year)
    charts.loans_by_month(report.by_month, year)
    left, right = st.columns(2)
    left.dataframe(pd.DataFrame(report.by_kit, columns=["Matériel", "Prêts"]),
                   hide_index=True, width="stretch")
    right.dataframe(pd.DataFrame(report.by_library, columns=["Bibliothèque", "Prêts"]),
                    hide_index=True, width="stretch")
    st.download_button("Rapport annuel (XLSX)", partial(kits.report_xlsx, report),
                       file_name=f"prets-materiel-{department_code}-{year}.xlsx", mime=XLSX,
                       icon=":material/download:", on_click="ignore", key="kd_xlsx")


def dashboard(user: User) -> None:
    st.button("← Tout le matériel", on_click=st.query_params.clear)
    st.title("Suivi des prêts de matériel")
    department_code = _which_md(user)
    if not department_code:
        st.info("Votre compte n'est rattaché à aucune MD : demandez à un administrateur "
                "de l'indiquer dans votre profil.")
        return
    with transaction() as conn:
        bookings = kits.list_bookings(conn, department_code=department_code, limit=2_000)
    day = today()
    waiting = [b for b in bookings if b.status in ("demandee", "attente")]
    out = [b for b in bookings if b.status == "partie"]
    late = [b for b in out if b.late_on(day)]
    coming = sorted((b for b in bookings if b.status == "acceptee"),
                    key=lambda b: b.starts_on)
    a, b, c, d = st.columns(4)
    a.metric("Demandes à traiter", len(waiting))
    b.metric("Prêts en cours", len(out))
    c.metric("En retard", len(late))
    d.metric("Départs à venir", len(coming))
    _section("En retard", late, "late", "Aucun prêt en retard.")
    _section("Demandes à traiter", waiting, "todo", "Aucune demande en attente.")
    _section("Départs à venir", coming, "coming", "Aucun départ prévu.")
    _section("Prêts en cours", out, "out", "Aucun matériel n'est sorti.")
    _library_history(bookings)
    # folded: its chart and two tables were most of every view of the dashboard (#17)
    with folds.fold("Rapport annuel des prêts", key="kd_report",
                    icon=":material/bar_chart:") as opened:
        if opened:
            _report(department_code)
