"""One booking: where it stands, and what each side may do now — the MD accepts, refuses
with a reason or proposes other dates, records the departure and the return and prints
the slip; the borrower answers a proposal, takes an offer from the waiting list, or
cancels. Each action is a named handler."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import forms, links
from components.cards import moment
from components.kits.catalogue import PAGE, booking_badge
from components.markdown import escape
from components.state import transaction, write
from db import kits
from db.kits.bookings import today
from db.roles import User


def on_accept(user: User, booking_id: int) -> None:
    write(partial(kits.accept_booking, actor=user, booking_id=booking_id))


def on_refuse(user: User, booking_id: int, form: str) -> None:
    write(partial(kits.refuse_booking, actor=user, booking_id=booking_id,
                  reason=st.session_state.get(f"{form}_reason", "")))


def on_propose(user: User, booking_id: int, form: str) -> None:
    values = forms.values(form, "proposed_starts_on", "proposed_ends_on", "note")
    write(partial(kits.propose_dates, actor=user, booking_id=booking_id,
                  starts_on=values["proposed_starts_on"], ends_on=values["proposed_ends_on"],
                  note=values["note"] or ""))


def on_answer(user: User, booking_id: int, accept: bool) -> None:
    write(partial(kits.answer_proposal, actor=user, booking_id=booking_id, accept=accept))


def on_take_offer(user: User, booking_id: int) -> None:
    write(partial(kits.accept_offer, actor=user, booking_id=booking_id))


def on_cancel(user: User, booking_id: int) -> None:
    write(partial(kits.cancel_booking, actor=user, booking_id=booking_id))


def on_depart(user: User, booking_id: int, form: str) -> None:
    values = forms.values(form, "day", "note")
    write(partial(kits.record_departure, actor=user, booking_id=booking_id,
                  day=values["day"], note=values["note"] or ""))


def on_return(user: User, booking_id: int, form: str) -> None:
    values = forms.values(form, "day", "condition", "missing_items")
    write(partial(kits.record_return, actor=user, booking_id=booking_id,
                  day=values["day"], condition=values["condition"],
                  missing_items=values["missing_items"] or ""))


def _facts(booking: kits.Booking) -> None:
    rows = [("Bibliothèque", (f"{booking.library}, {booking.commune} "
                             f"({booking.library_department})")),
            ("Demandé par", booking.borrower), ("Pour", booking.purpose),
            ("Dates", f"du {booking.starts_on:%d/%m/%Y} au {booking.ends_on:%d/%m/%Y}"),
            ("Quantité", str(booking.quantity) if booking.quantity > 1 else None),
            ("Tournée de navette", booking.route or None),
            ("Message de la MD", booking.md_note or None),
            ("Dates proposées", f"du {booking.proposed_starts_on:%d/%m/%Y} au "
                                f"{booking.proposed_ends_on:%d/%m/%Y}"
             if booking.proposed_starts_on and booking.status == "proposee" else None),
            ("À accepter avant", moment(booking.offer_expires_at)
             if booking.offer_expires_at and booking.status == "offerte" else None),
            ("Parti le", moment(booking.departed_at) if booking.departed_at else None),
            ("Remarque au départ", booking.departure_note or None),
            ("Rendu le", moment(booking.returned_at) if booking.returned_at else None),
            ("État au retour", kits.CONDITIONS.get(booking.return_condition or "")),
            ("Manquant au retour", booking.missing_items or None)]
    st.markdown("\n".join(f"- **{label}** : {escape(value)}" for label, value in rows
                          if value))


def _md_decision(user: User, booking: kits.Booking) -> None:
    form = f"decide_{booking.id}"
    st.button("Accepter la demande", type="primary", key=f"{form}_accept",
              icon=":material/check:", on_click=forms.submit(
                  form, partial(on_accept, user, booking.id),
                  success="Demande acceptée : l'emprunteur est prévenu."))
    with st.expander("Refuser, avec une raison", icon=":material/block:"):
        st.text_area("Raison du refus (envoyée à l'emprunteur)", key=f"{form}_reason")
        forms.field_error(form, "reason")
        st.button("Refuser la demande", key=f"{form}_refuse", on_click=forms.submit(
            form, partial(on_refuse, user, booking.id, form),
            success="Demande refusée : l'emprunteur est prévenu."))
    with st.expander("Proposer d'autres dates", icon=":material/edit_calendar:"):
        a, b = st.columns(2)
        a.date_input("Départ proposé", value=None, key=f"{form}_proposed_starts_on",
                     format="DD/MM/YYYY")
        b.date_input("Retour proposé", value=None, key=f"{form}_proposed_ends_on",
                     format="DD/MM/YYYY")
        for field in ("proposed_starts_on", "proposed_ends_on"):
            forms.field_error(form, field)
        st.text_input("Message (facultatif)", key=f"{form}_note")
        st.button("Proposer ces dates", key=f"{form}_propose", on_click=forms.submit(
            form, partial(on_propose, user, booking.id, form),
            success="Dates proposées : l'emprunteur est prévenu."))
    forms.form_error(form)


def _circulation(user: User, booking: kits.Booking) -> None:
    form = f"move_{booking.id}"
    if booking.status == "acceptee":
        st.subheader("Départ")
        st.date_input("Parti le", value=today(), key=f"{form}_day", format="DD/MM/YYYY",
                      max_value=today())
        st.text_input("Remarque (facultative)", key=f"{form}_note",
                      placeholder="ex. complet, vérifié par Inès")
        st.button("Enregistrer le départ", type="primary", key=f"{form}_depart",
                  icon=":material/local_shipping:", on_click=forms.submit(
                      form, partial(on_depart, user, booking.id, form),
                      success="Départ enregistré."))
    elif booking.status == "partie":
        st.subheader("Retour")
        st.date_input("Rendu le", value=today(), key=f"{form}_day", format="DD/MM/YYYY")
        st.radio("État au retour", list(kits.CONDITIONS), key=f"{form}_condition",
                 index=None, format_func=forms.label(kits.CONDITIONS), horizontal=True)
        forms.field_error(form, "condition")
        st.text_area("Éléments manquants (facultatif)", key=f"{form}_missing_items",
                     placeholder="ex. 1 makey makey, le chargeur")
        st.button("Enregistrer le retour", type="primary", key=f"{form}_return",
                  icon=":material/assignment_return:", on_click=forms.submit(
                      form, partial(on_return, user, booking.id, form),
                      success="Retour enregistré."))
    forms.field_error(form, "day")
    forms.form_error(form)


def _slip(user: User, booking: kits.Booking) -> None:
    def build() -> bytes:
        with transaction() as conn:
            return kits.delivery_slip(conn, actor=user, booking_id=booking.id)
    st.download_button("Bordereau de prêt (PDF)", build,
                       file_name=f"bordereau-pret-{booking.id}.pdf", mime="application/pdf",
                       icon=":material/print:", on_click="ignore", key=f"slip_{booking.id}")


def _borrower_actions(user: User, booking: kits.Booking) -> None:
    form = f"answer_{booking.id}"
    if booking.status == "proposee":
        a, b = st.columns(2)
        a.button("Accepter les dates proposées", type="primary", key=f"{form}_yes",
                 on_click=forms.submit(form, partial(on_answer, user, booking.id, True),
                                       success="Dates acceptées."))
        b.button("Décliner", key=f"{form}_no", on_click=forms.submit(
            form, partial(on_answer, user, booking.id, False),
            success="Proposition déclinée : la demande est annulée."))
    if booking.status == "offerte":
        st.button("Prendre ces dates", type="primary", key=f"{form}_take",
                  icon=":material/event_available:", on_click=forms.submit(
                      form, partial(on_take_offer, user, booking.id),
                      success="C'est noté : ces dates sont à vous."))
    forms.form_error(form)


def _cancel(user: User, booking: kits.Booking) -> None:
    form = f"cancel_{booking.id}"
    with st.expander("Annuler la réservation", icon=":material/cancel:"):
        sure = st.checkbox("Je confirme l'annulation (les dates iront à la liste "
                           "d'attente)", key=f"{form}_sure")
        st.button("Annuler la réservation", key=f"{form}_go", disabled=not sure,
                  on_click=forms.submit(form, partial(on_cancel, user, booking.id),
                                        success="Réservation annulée."))
        forms.form_error(form)


def booking_page(user: User, booking_id: int) -> None:
    with transaction() as conn:
        booking = kits.get_booking(conn, booking_id=booking_id, viewer=user)
    manager = kits.may_manage(user, booking.department_code)
    links.item_link(f"« {booking.kit_title} »", PAGE, {"malle": str(booking.kit_id)},
                    icon=":material/arrow_back:", key="back_to_kit")
    st.title(f"Réservation n° {booking.id}")
    forms.show_flash()
    late = " :red-badge[En retard]" if booking.late_on(today()) else ""
    st.markdown(f"{booking_badge(booking.status)}{late}")
    _facts(booking)
    if manager and booking.status in ("demandee", "attente"):
        _md_decision(user, booking)
    if manager and booking.status in ("acceptee", "partie"):
        _circulation(user, booking)
    if booking.requested_by == user.id:
        _borrower_actions(user, booking)
    if booking.status in ("acceptee", "partie", "rendue"):
        _slip(user, booking)
    if booking.status in kits.OPEN_STATUSES:
        _cancel(user, booking)
