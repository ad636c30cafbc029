"""Modération du forum: first contributions to approve, reported and hidden posts."""

from functools import partial

import streamlit as st

from components import auth, forms
from components.cards import french_date
from components.markdown import escape, render
from components.state import transaction, write
from db.forum import moderation as forum_moderation

user = auth.require("organiser")


def on_approve(post_id: int) -> None:
    """« Publier » a first contribution, « Rétablir » a reported or hidden one."""
    write(partial(forum_moderation.approve, actor=user, post_id=post_id))


def on_hide(post_id: int, form: str) -> None:
    """« Masquer », with the reason the author is told."""
    write(partial(forum_moderation.hide, actor=user, post_id=post_id,
                  reason=st.session_state.get(f"{form}_reason", "")))


st.title("Modération du forum")
forms.show_flash()
with transaction() as conn:
    items = forum_moderation.list_queue(conn, actor=user)
if not items:
    st.success("Rien à modérer : aucune première contribution en attente, aucun signalement.")
for item in items:
    state = {"pending": "Première contribution en attente", "hidden": "Masqué",
             "published": "Publié mais signalé"}[item.status]
    form = f"mod_{item.post_id}"
    with st.container(border=True):
        st.markdown(f"**{escape(item.title or 'Réponse')}** — {state}")
        st.caption(f"{item.author_name}, le {french_date(item.created_at)} · "
                   f"{item.reports} signalement(s)")
        render(item.body)
        for reason in item.reasons:
            st.caption(f"Signalement : {reason}")
        a, b, c = st.columns([1, 2, 1])
        a.button("Publier" if item.status == "pending" else "Rétablir", key=f"{form}_ok",
                 on_click=forms.submit(form, partial(on_approve, item.post_id),
                                       success="Message publié."))
        b.text_input("Raison du masquage", key=f"{form}_reason", max_chars=300,
                     label_visibility="collapsed", placeholder="Raison du masquage")
        c.button("Masquer", key=f"{form}_hide", on_click=forms.submit(
            form, partial(on_hide, item.post_id, form), success="Message masqué."))
        forms.field_error(form, "reason")
