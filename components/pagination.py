"""Page through long lists; the query itself is paginated in SQL by the caller."""

from __future__ import annotations

import math

import streamlit as st


def pager(key: str, total: int, per_page: int) -> int:
    """Render « page N / M » controls when needed; return the SQL offset to use."""
    pages = max(1, math.ceil(total / per_page))
    page = min(st.session_state.get(key, 1), pages)
    if pages > 1:
        left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
        if left.button("← Précédente", key=f"{key}_prev", disabled=page <= 1):
            page -= 1
        if right.button("Suivante →", key=f"{key}_next", disabled=page >= pages):
            page += 1
        middle.markdown(f"Page {page} / {pages} · {total} éléments", text_alignment="center")
    st.session_state[key] = page
    return (page - 1) * per_page
