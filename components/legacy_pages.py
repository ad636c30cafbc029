"""Keep Streamlit out of its legacy `pages/` folder mode: imported first by app.py, before
anything heavy, so that a fresh server's first visitor never sees the raw list of page
files (it stayed 2–3 s while the first run imported the database layer).

Streamlit (1.67) decides per process, at the first session, that an app with a `pages/`
folder is a v1 multipage app; only a call to `st.navigation` turns that off. Turning the
switch off and rerunning at once makes the first run end in milliseconds.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
