"""Compact cards for lists: one function per kind of content, same look everywhere."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import streamlit as st

from components import links
from components.markdown import escape, excerpt
from db import forum, pitches, resources
from db.engine import PARIS, paris
from db.events import Event, EventCard
from db.french import french_date, hour
from db.resources import browse as resource_browse

SHORT_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc."]


def moment(instant: datetime) -> str:
    """An instant as French people read it, in Paris time: « 3 mars 2026 à 14 h 05 »."""
    local = paris(instant)
    return f"{french_date(local)} à {hour(local)}"


def bordered_card(title: str, meta: str, body: str = "",
                  link: tuple[str, dict[str, str]] | None = None, icon: str = "") -> None:
    """A bordered card; `link` (page, query params) adds a « Lire » link to its page;
    `icon` (e.g. ":material/menu_book:") goes before the title."""
    with st.container(border=True):  # one Markdown block: cheap to draw by the dozen
        st.markdown(f"{icon} **{escape(title)}**  \n:gray[{escape(meta)}]"
                    + (f"\n\n{escape(body)}" if body else ""))
        if link:
            links.item_link("Lire", link[0], link[1])


MY_STATUS = {"confirmed": "Vous êtes inscrit·e", "waitlisted": "Vous êtes en liste d'attente"}


def _day_state(event: EventCard | Event, places_left: int | None) -> str:
    """« Annulée », « Passée », « Complet », « 12 places restantes »: what decides a click."""
    status = getattr(event, "status", None)
    if status == "cancelled":
        return "ANNULÉE"
    if event.day < datetime.now(PARIS).date():
        return "Passée"
    if status == "closed":
        return "Inscriptions closes"
    if places_left is None:
        return ""
    if places_left <= 0:
        return "Complet (liste d'attente)"
    plural = "s" if places_left > 1 else ""
    return f"{places_left} place{plural} restante{plural}"


def event_card(event: EventCard | Event, *, places_left: int | None = None,
               my_status: str | None = None) -> None:
    meta = (f"{french_date(event.day, weekday=True).capitalize()} · {hour(event.starts_at)}"
            f"–{hour(event.ends_at)} · {event.place}")
    mine = my_status or getattr(event, "registration_status", None)
    state = " · ".join(filter(None, [_day_state(event, places_left),
                                     MY_STATUS.get(mine or "", "")]))
    bordered_card(event.title, meta, state, link=("pages/events.py", {"event": str(event.id)}),
                  icon=":material/event_busy:" if getattr(event, "status", "") == "cancelled"
                  else "")


def pitch_card(card: pitches.PitchCard) -> None:
    meta = " · ".join(filter(None, [
        "Brouillon" if card.state == "draft" else None,
        pitches.STATUS_LABELS.get(card.status, card.status), card.department, card.owner_name,
        f"{card.followers} intéressé·e(s)" if card.followers else None,
        f"{card.comments} commentaire(s)" if card.comments else None]))
    bordered_card(card.title, meta, excerpt(card.summary),
                  link=("pages/pitches.py", {"fiche": str(card.id)}))


def post_card(card: forum.PostCard) -> None:
    meta = (f"{forum.KIND_LABELS.get(card.kind, card.kind)} · {card.theme_title} · "
            f"{card.author_name}, le {french_date(card.created_at)}")
    bordered_card(card.title or excerpt(card.body, 80), meta, excerpt(card.body, 160),
                  link=("pages/forum.py", {"sujet": str(card.id)}))


KIND_ICONS = {"guide": "menu_book", "fiche_animation": "extension",
              "compte_rendu": "summarize", "methode": "handyman",
              "support_formation": "school", "video": "smart_display", "lien": "link",
              "autre": "description"}


def resource_card(card: resource_browse.ResourceCard) -> None:
    where = "lien externe" if card.url else (card.file_name or "")
    meta = " · ".join(filter(None, [resources.KIND_LABELS.get(card.kind, card.kind),
                                    card.group_name, str(card.year or ""), where,
                                    "publique" if card.public else "",
                                    f"{card.downloads} téléchargement(s)" if card.file_name
                                    else ""]))
    bordered_card(card.title, meta, excerpt(card.description, 160),
                  link=("pages/resources.py", {"ressource": str(card.id)}),
                  icon=f":material/{KIND_ICONS.get(card.kind, 'description')}:")


def section(title: str, items: Sequence[Any], render: Callable[[Any], None], empty: str) -> None:
    """A titled list of cards, or a sentence saying why it is empty."""
    st.subheader(title)
    if not items:
        st.info(empty, icon=":material/info:")
    for item in items:
        render(item)
