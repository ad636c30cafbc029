"""« Attribution » of the organisers' dashboard: for each slot that took ranked wishes,
compute an allocation (a new draw each time), look at how many got their 1st, 2nd, 3rd
wish, then publish it — once, with its seed — and everyone is told."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components import forms
from components.cards import moment
from components.markdown import escape
from components.state import transaction, write
from db.events import Slot, allocation
from db.roles import User

PREVIEW = "allocation_preview_{}"


def on_compute(user: User, slot: Slot) -> None:
    """« Calculer une attribution »: a new seeded draw, nothing written."""
    with transaction() as conn:
        st.session_state[PREVIEW.format(slot.id)] = allocation.preview_allocation(
            conn, actor=user, slot_id=slot.id)


def on_publish(user: User, slot: Slot, seed: int) -> allocation.Allocation:
    """« Publier cette attribution », once confirmed: the previewed seed, solved again."""
    done = write(partial(allocation.publish_allocation, actor=user, slot_id=slot.id,
                         seed=seed))
    st.session_state.pop(PREVIEW.format(slot.id), None)
    return done


def _slot_box(user: User, slot: Slot, wishers: int) -> None:
    st.markdown(f"**{escape(slot.title)}** — {wishers} personne(s) ont classé leurs vœux ; "
                f"{sum(a.capacity for a in slot.ateliers)} places dans "
                f"{len(slot.ateliers)} ateliers.")
    form = f"allocation_{slot.id}"
    preview: allocation.Allocation | None = st.session_state.get(PREVIEW.format(slot.id))
    st.button("Calculer une attribution" if preview is None else "Recalculer (autre tirage)",
              key=f"{form}_compute", disabled=not wishers,
              on_click=forms.submit(form, partial(on_compute, user, slot)))
    if preview is not None:
        counts = preview.counts()
        st.dataframe(pd.DataFrame([counts]), hide_index=True)
        titles = {a.id: a.title for a in slot.ateliers}
        per_atelier = pd.Series(list(preview.placed.values())).map(titles).value_counts()
        st.caption("Par atelier : " + ", ".join(f"{t} {n}" for t, n in per_atelier.items())
                   + f" · tirage n° {preview.seed}")
        with st.popover("Publier cette attribution", icon=":material/publish:"):
            st.caption("Chaque personne est prévenue de son atelier ; l'attribution ne se "
                       "refait pas.")
            st.button("Confirmer la publication", type="primary", key=f"{form}_publish",
                      on_click=forms.submit(form, partial(on_publish, user, slot,
                                                          preview.seed),
                                            success="Attribution publiée : chacun·e est "
                                                    "prévenu·e."))
    forms.form_error(form)


def allocation_section(user: User, slots: list[Slot]) -> None:
    ranked = [s for s in slots if s.is_choice and s.ranked]
    if not ranked:
        st.info("Aucun créneau à vœux classés : cochez « Vœux classés » sur un créneau "
                "« ateliers au choix » dans « Organiser une journée ».")
        return
    with transaction() as conn:
        counts = {s.id: allocation.count_wishers(conn, slot_id=s.id) for s in ranked}
        published = {s.id: allocation.published_at(conn, slot_id=s.id) for s in ranked}
    for slot in ranked:
        with st.container(border=True):
            done = published[slot.id]
            if done is not None:
                at, seed = done
                st.markdown(f"**{escape(slot.title)}** — attribution publiée le {moment(at)} "
                            f"(tirage n° {seed}).")
            else:
                _slot_box(user, slot, counts[slot.id])
