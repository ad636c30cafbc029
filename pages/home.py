"""Accueil: what this space is, my next day, and what is new."""

import streamlit as st

from components import auth, cards, forms
from components.markdown import escape
from components.state import transaction
from db import events, forum
from db.pitches import browse as pitch_browse
from db.resources import browse as resource_browse

user = auth.require("contributor")
with transaction() as conn:
    next_day = events.get_next_for_user(conn, user=user)
    upcoming = events.list_upcoming(conn, limit=3, viewer=user)
    latest_pitches = pitch_browse.list_latest_pitches(conn, viewer=user, limit=4)
    latest_posts = forum.list_latest_threads(conn, limit=4)
    latest_resources = resource_browse.list_latest_resources(conn, limit=4, viewer=user)

st.title(f"Bonjour {escape(user.display_name)}")
forms.show_flash()
st.markdown(
    "**Coop'MD** rassemble les groupes de travail régionaux des médiathèques "
    "départementales : on y partage ses **fiches projet**, on prépare les **journées "
    "régionales** et leurs ateliers, on contribue au **forum inclusion numérique** et on "
    "retrouve les **ressources** produites ensemble."
)


left, right = st.columns(2, gap="large")
with left:
    cards.section("Ma prochaine journée", [next_day] if next_day else [], cards.event_card,
                  "Vous n'êtes inscrit·e à aucune journée à venir.")
    cards.section("Journées à venir", upcoming, cards.event_card,
                  "Aucune journée n'est annoncée pour l'instant.")
    cards.section("Dernières fiches projet", latest_pitches, cards.pitch_card,
                  "Aucune fiche projet n'a encore été partagée.")
with right:
    cards.section("Derniers messages du forum", latest_posts, cards.post_card,
                  "Le forum attend sa première contribution.")
    cards.section("Dernières ressources", latest_resources, cards.resource_card,
                  "Aucune ressource partagée pour l'instant.")
