"""Drafts saved as people type: each change of a field is written to the database
(`db.drafts`), and a form whose fields are gone from the session — a page change, a new
visit — is filled again from there. Nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import streamlit as st

from components import forms
from components.cards import moment
from components.state import transaction, write
from db import drafts
from db.roles import User


def restore(user: User, form: str, fields: Sequence[str]) -> None:
    """Call before drawing the form: refills its fields from the saved draft when none of
    them is in the session, and remembers when that draft was saved."""
    if any(f"{form}_{field}" in st.session_state for field in fields):
        return
    with transaction() as conn:
        draft = drafts.load(conn, user=user, form=form)
    if draft is None:
        return
    for field in fields:
        if field in draft.content:
            st.session_state[f"{form}_{field}"] = draft.content[field]
    st.session_state[f"{form}__draft_at"] = draft.updated_at


def saver(user: User, form: str, fields: Sequence[str]) -> Callable[[], None]:
    """An `on_change` callback for each field of the form."""
    def save() -> None:
        write(partial(drafts.save, user=user, form=form, content=forms.values(form, *fields)))
        st.session_state.pop(f"{form}__draft_at", None)
        st.session_state[f"{form}__draft_saved"] = True
    return save


def notice(user: User, form: str, blank: dict[str, Any]) -> None:
    """A line under the form saying the draft is kept, with a way to throw it away."""
    restored = st.session_state.get(f"{form}__draft_at")
    if restored:
        st.caption(f"Brouillon repris (enregistré le {moment(restored)}).")
    elif st.session_state.get(f"{form}__draft_saved"):
        st.caption("Brouillon enregistré automatiquement : vous le retrouverez ici.")
    else:
        return
    st.button("Effacer le brouillon", key=f"{form}__draft_drop", type="tertiary",
              on_click=partial(discard, user, form, blank))


def discard(user: User, form: str, blank: dict[str, Any]) -> None:
    """After publishing, or on request: give the fields their `blank` values (field →
    empty value of its widget) and forget the saved draft."""
    write(partial(drafts.discard, user=user, form=form))
    forms.set_values(form, blank)
    for key in ("__draft_at", "__draft_saved"):
        st.session_state.pop(f"{form}{key}", None)
