"""Keep Streamlit out of its legacy `pages/` folder mode: imported first by app.py, before
anything heavy, so that a fresh server's first visitor never sees the raw list of page
files (it stayed 2–3 s while the first run imported the database layer).

Streamlit (1.67) decides per process, at the first session, that an app with a `pages/`
folder is a v1 multipage app, and sends the files' list to the browser before app.py runs;
only a call to `st.navigation` turns that off and replaces the list.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

PAGES = Path(__file__).resolve().parents[1] / "pages"


def _starting() -> None:
    """The placeholder page of that first run (never drawn: the run reruns at once)."""


def leave() -> None:
    """The raw list is sent when the first run starts; a hidden menu replaces it at once,
    and the rerun (which imports the rest) draws the real menu.

    The hidden menu has a placeholder for every page's address: with fewer, the first
    visitor's link (`forum?theme=3`) met Streamlit's « Page not found » and lost its page."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        placeholders = [st.Page(_starting, title=path.stem, url_path=path.stem)
                        for path in sorted(PAGES.glob("*.py"))]
        st.navigation([st.Page(_starting, title="Coop'MD", default=True), *placeholders],
                      position="hidden")
        st.rerun()
