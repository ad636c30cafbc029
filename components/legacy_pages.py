"""Keep Streamlit out of its legacy `pages/` folder mode: imported first by app.py, before
anything heavy, so that a fresh server's first visitor never sees the raw list of page
files (it stayed 2–3 s while the first run imported the database layer).

Streamlit (1.67) decides per process, at the first session, that an app with a `pages/`
folder is a v1 multipage app, and sends the files' list to the browser before app.py runs;
only a call to `st.navigation` turns that off and replaces the list.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def _starting() -> None:
    """The placeholder page of that first run (never drawn: the run reruns at once)."""


def leave() -> None:
    """The raw list is sent when the first run starts; a hidden one-page menu replaces it
    at once, and the rerun (which imports the rest) draws the real menu."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.navigation([st.Page(_starting, title="Coop'MD")], position="hidden")
        st.rerun()
