"""Folded sections whose content is drawn only while they are open.

A collapsed `st.expander` still sends everything inside it on every rerun: the kit's edit
form with its 200 resources, the photo uploader, the directory's chart and the query behind
it. Keyed and rerunning when opened or closed, Streamlit says whether it is open, and a
page draws the content then only (#17: fewer elements on every click of the page)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st


@contextmanager
def fold(label: str, *, key: str, icon: str | None = None) -> Iterator[bool]:
    """`with fold(...) as opened: if opened: ...` — the content only when open."""
    section = st.expander(label, icon=icon, key=key, on_change="rerun")
    with section:
        yield bool(section.open)
