"""Files built on demand: one click on « Télécharger … » builds the file and downloads it.

Building an XLSX of thousands of rows on every rerun would slow every page view. Streamlit
1.67 calls a download button's `data` when it is clicked, on its own thread: the file holds
what the database holds at the click, and no session keeps a copy. (Before, a « Préparer »
button built it into the session and a second one downloaded that copy, stale as soon as
someone registered.) The builder runs outside the page's run: no `st.*` in it — the page
gives it the user, the link base or the item it needs.
Stored files (a resource's image or PDF, a kit's photos) are read once per process.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.state import file_store, transaction
from db import files


def button(label: str, key: str, build: Callable[[], bytes | str], *, file_name: str,
           mime: str) -> None:
    """« Télécharger {label} », built by `build` when clicked."""
    st.download_button(f"Télécharger {label}", build, file_name=file_name, mime=mime,
                       key=f"coopmd_file_{key}", icon=":material/download:", on_click="ignore")


@st.cache_data(show_spinner=False, max_entries=64)
def stored_file(file_id: int) -> bytes:
    """A stored file's bytes, read once: a stored file never changes (its name is its
    hash)."""
    with transaction() as conn:
        return files.read(conn, file_store(), file_id=file_id)[0]
