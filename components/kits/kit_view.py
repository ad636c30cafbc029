"""One kit as a borrower reads it — photos, contents, conditions, linked resources, its
month calendar and the booking form — and, for its MD, the edit form, photos and the
history of its loans."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from components import downloads, folds, forms, links
from components.kits import kit_form, month_grid
from components.kits.catalogue import PAGE, STATUS_BADGES, booking_badge
from components.markdown import escape, render
from components.pagination import pager
from components.state import transaction, write
from db import events, kits, reference
from db.french import MONTHS
from db.kits.bookings import today
from db.pitches import browse as pitch_browse
from db.roles import User, has_role

MONTHS_AHEAD = 12
HISTORY_PAGE = 10


def _conditions(kit: kits.Kit) -> None:
    length = (f"{kit.min_days} à {kit.max_days} jours" if kit.min_days != kit.max_days
              else f"{kit.max_days} jours")
    rows = [("Public", kit.audience), ("Transport", kits.TRANSPORTS[kit.transport]),
            ("Durée du prêt", length),
            ("Délai entre deux prêts", f"{kit.buffer_days} jour(s) (transport, vérification)"),
            ("Unités", str(kit.units) if kit.units > 1 else None),
            ("Valeur d'assurance", f"{kit.insurance_eur} €" if kit.insurance_eur else None),
            ("Réservation", "validée par la MD" if kit.needs_approval else "immédiate")]
    st.markdown("\n".join(f"- **{label}** : {escape(value)}" for label, value in rows
                          if value))


def _contents(kit: kits.Kit) -> None:
    st.subheader("Contenu")
    if not kit.items:
        st.caption("La MD n'a pas encore détaillé le contenu.")
    st.markdown("\n".join(f"- {item.quantity} × {escape(item.item)}" for item in kit.items))
    for resource_id, title in kit.resources:
        st.page_link("pages/resources.py", label=f"Ressource liée : {title}",
                     query_params={"ressource": str(resource_id)},
                     icon=":material/library_books:")


def calendar(kit: kits.Kit) -> None:
    """The month chosen among the next twelve: booked, buffer and free days."""
    first = today().replace(day=1)
    months = [date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
              for n in range(MONTHS_AHEAD)]
    names = {m: f"{MONTHS[m.month - 1]} {m.year}" for m in months}
    chosen = st.selectbox("Mois", months, key=f"kit_month_{kit.id}",
                          format_func=forms.label(names))
    with transaction() as conn:
        days = kits.month_days(conn, kit_id=kit.id, month=chosen)
    month_grid.show(days, names[chosen].capitalize())


def on_book(user: User, kit_id: int, form: str, token: str) -> kits.Booking:
    """« Réserver »: the request, held at once (or on the waiting list)."""
    data = forms.read(form, kits.BookingInput)
    return write(partial(kits.book, actor=user, kit_id=kit_id, data=data), once=token)


def open_booking(user: User, kit_id: int, booking: kits.Booking | None) -> None:
    """After « Réserver »: the booking's page. The second click of a double click may get
    no result (`forms.submit`): the person's newest booking of this kit is the one."""
    if booking is None:
        with transaction() as conn:
            mine = kits.list_bookings(conn, kit_id=kit_id, requested_by=user.id)
        booking = max(mine, key=lambda b: b.id, default=None)
    if booking is not None:
        links.open_here({"reservation": str(booking.id)})


def booking_form(user: User, kit: kits.Kit) -> None:
    form = f"book_{kit.id}"
    token = forms.token(form)
    if f"{form}_library" not in st.session_state:
        forms.set_values(form, {  # a librarian's own library; MD staff book for others
            "library": user.organisation or "" if user.role == "contributor" else "",
            "library_department": user.department_code})
    with transaction() as conn:
        departments = reference.list_departments(conn)
        days = {e.id: e.title for e in events.list_events(conn, viewer=user)}
        fiches = {p.id: p.title for p in pitch_browse.list_pitches(
            conn, viewer=user, limit=200)[0]} if has_role(user, "member") else {}
    with st.form(form, enter_to_submit=False):
        a, b = st.columns(2)
        with a:
            forms.text_input(form, "library", "Bibliothèque qui emprunte")
        with b:
            forms.text_input(form, "commune", "Commune")
        forms.department_select(form, "library_department", departments)
        forms.text_input(form, "purpose", "Pour quelle animation ?",
                         placeholder="ex. Semaine du numérique, atelier makey makey")
        a, b, c = st.columns(3)
        a.date_input("Départ", value=None, key=f"{form}_starts_on", format="DD/MM/YYYY")
        b.date_input("Retour", value=None, key=f"{form}_ends_on", format="DD/MM/YYYY")
        c.number_input("Quantité (unités)", min_value=1, step=1, key=f"{form}_quantity",
                       value=1, disabled=kit.units == 1)
        for field in ("starts_on", "ends_on", "quantity"):
            forms.field_error(form, field)
        if kit.transport != "retrait":
            forms.text_input(form, "route", "Tournée de navette (facultatif)")
        a, b = st.columns(2)
        a.selectbox("Journée liée (facultatif)", [None, *days], key=f"{form}_event_id",
                    format_func=forms.label(days, "— Aucune —"))
        b.selectbox("Fiche projet liée (facultatif)", [None, *fiches], key=f"{form}_pitch_id",
                    format_func=forms.label(fiches, "— Aucune —"))
        st.checkbox("Si ces dates sont prises, m'inscrire sur la liste d'attente",
                    key=f"{form}_wait")
        forms.form_error(form)
        st.form_submit_button("Réserver", type="primary", icon=":material/event_available:",
                              key=forms.send_key(form), on_click=forms.submit(
                                  form, partial(on_book, user, kit.id, form, token),
                                  success="Demande enregistrée.",
                                  on_success=partial(open_booking, user, kit.id)))


def _history(kit_id: int, bookings: list[kits.Booking]) -> None:
    """The kit's loans, latest first, ten a page."""
    st.subheader(f"Historique des prêts ({len(bookings)})")
    if not bookings:
        st.caption("Aucune réservation pour l'instant.")
    offset = pager(f"kit_history_{kit_id}", len(bookings), HISTORY_PAGE)
    for booking in bookings[offset:offset + HISTORY_PAGE]:
        links.item_link(f"{booking.starts_on:%d/%m/%Y} – {booking.ends_on:%d/%m/%Y} · "
                        f"{booking.library} ({booking.commune})", PAGE,
                        {"reservation": str(booking.id)}, key=f"hist_{booking.id}",
                        icon=":material/history:")
        st.markdown(booking_badge(booking.status))


def kit_page(user: User, kit_id: int) -> None:
    with transaction() as conn:
        kit = kits.get_kit(conn, kit_id=kit_id)
        manager = kits.may_manage(user, kit.department_code)
        history = kits.list_bookings(conn, kit_id=kit_id, limit=200) if manager else []
    st.button("← Tout le matériel", on_click=st.query_params.clear)
    st.title(escape(kit.title))
    forms.show_flash()
    st.markdown(f"{kits.KINDS[kit.kind]} · prêté par **{escape(kit.md_name)}** "
                f"{STATUS_BADGES[kit.status]}")
    if kit.photo_ids:
        shown = kit.photo_ids[:4]
        names = [f"Photo {n} : {kit.title}" for n in range(1, len(shown) + 1)]
        st.image([downloads.stored_file(f) for f in shown], width=220, alt=names)
    if kit.description:
        render(kit.description)
    _conditions(kit)
    _contents(kit)
    st.subheader("Disponibilités")
    calendar(kit)
    st.subheader("Réserver")
    if kit.status == "disponible":
        booking_form(user, kit)
    else:
        st.info(f"Ce matériel est {kits.KIT_STATUSES[kit.status].lower()} : il ne se "
                "réserve pas pour l'instant.")
    if manager:
        _history(kit.id, history)
        with folds.fold("Modifier le matériel", key=f"kit_edit_{kit.id}",
                        icon=":material/edit:") as opened:
            if opened:
                kit_form.kit_form(user, kit)
        with folds.fold("Photos", key=f"kit_photos_{kit.id}",
                        icon=":material/photo_camera:") as opened:
            if opened:
                kit_form.photo_adder(user, kit)
