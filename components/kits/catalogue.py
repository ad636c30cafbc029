"""The catalogue: filters (words, kind, MD, theme, dates it is free on), one page of kit
cards, and the person's own bookings."""

from __future__ import annotations

import streamlit as st

from components import forms, links
from components.markdown import escape
from components.pagination import pager
from components.state import transaction
from db import forum, kits, reference
from db.kits.bookings import today
from db.roles import User

PAGE = "pages/kits.py"
PER_PAGE = 20
EVERY = "Tous"
STATUS_BADGES = {"disponible": "", "maintenance": ":orange-badge[En maintenance]",
                 "retiree": ":gray-badge[Retirée du prêt]"}
BOOKING_COLOURS = {"demandee": "orange", "proposee": "orange", "acceptee": "green",
                   "partie": "blue", "rendue": "gray", "refusee": "red", "annulee": "gray",
                   "attente": "violet", "offerte": "orange", "expiree": "gray"}


def booking_badge(status: str) -> str:
    return f":{BOOKING_COLOURS[status]}-badge[{kits.BOOKING_STATUSES[status]}]"


def md_names(conn) -> dict[str, str]:
    return {d.code: f"{d.md_name} ({d.code})" for d in reference.list_departments(conn)
            if d.md_name}


def filters_bar() -> kits.KitFilters:
    with transaction() as conn:
        mds = md_names(conn)
        themes = {t.id: f"Thème {t.position} — {t.title}" for t in forum.list_themes(conn)}
    words = st.text_input("Rechercher (titre, description, contenu)", key="kf_words",
                          placeholder="ex. makey makey, tablettes, exposition")
    a, b, c = st.columns(3)
    kind = a.selectbox("Type", [None, *kits.KINDS], key="kf_kind",
                       format_func=forms.label(kits.KINDS, EVERY))
    md = b.selectbox("MD qui prête", [None, *mds], key="kf_md",
                     format_func=forms.label(mds, "Toutes"))
    theme = c.selectbox("Thème", [None, *themes], key="kf_theme",
                        format_func=forms.label(themes, EVERY))
    a, b, c = st.columns([1, 1, 2], vertical_alignment="bottom")
    starts = a.date_input("Libre du", value=None, key="kf_from", format="DD/MM/YYYY",
                          min_value=today())
    ends = b.date_input("au", value=None, key="kf_to", format="DD/MM/YYYY",
                        min_value=today())
    free_only = c.checkbox("Seulement le matériel libre à ces dates", key="kf_free",
                           disabled=not (starts and ends))
    if starts and ends and ends < starts:
        st.warning("La date de fin précède la date de début : elles sont ignorées.")
        starts = ends = None
    return kits.KitFilters(kind=kind, department_code=md, theme_id=theme, words=words,
                           starts_on=starts, ends_on=ends, free_only=bool(free_only))


def kit_card(card: kits.KitCard) -> None:
    with st.container(border=True):
        links.item_link(card.title, PAGE, {"malle": str(card.id)}, key=f"kit_{card.id}",
                        icon=":material/inventory_2:")
        free = {None: "", True: ":green-badge[Libre à ces dates]",
                False: ":red-badge[Déjà réservé à ces dates]"}[card.free]
        units = f" · {card.units} unités" if card.units > 1 else ""
        st.markdown(f"{kits.KINDS[card.kind]} · {escape(card.md_name)}{units} "
                    f"{STATUS_BADGES[card.status]} {free}")


def listing(filters: kits.KitFilters) -> None:
    with transaction() as conn:
        everything, total = kits.list_kits(conn, filters=filters, limit=10_000)
    if not total:
        st.info("Aucun matériel ne correspond à ces critères : élargissez la recherche "
                "(type, MD, dates)." if filters != kits.KitFilters() else
                "Aucun matériel n'est encore au catalogue. Les équipes des MD l'ajoutent "
                "avec « Ajouter du matériel ».")
        return
    offset = pager("kf_page", total, PER_PAGE)
    for card in everything[offset:offset + PER_PAGE]:
        kit_card(card)


def my_bookings(user: User) -> None:
    """The person's requests and loans, newest first, each a link to its page."""
    with transaction() as conn:
        mine = kits.list_bookings(conn, requested_by=user.id, limit=50)
    if not mine:
        st.caption("Vous n'avez encore rien réservé : choisissez un matériel ci-dessous.")
        return
    for booking in mine:
        links.item_link(f"{booking.kit_title} — {booking.library}, du "
                        f"{booking.starts_on:%d/%m/%Y} au {booking.ends_on:%d/%m/%Y}",
                        PAGE, {"reservation": str(booking.id)},
                        key=f"mine_{booking.id}", icon=":material/event_available:")
        st.markdown(booking_badge(booking.status))
