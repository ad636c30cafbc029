"""Files built on demand: a first button prepares the file, a second one downloads it.

Building an XLSX of thousands of rows on every rerun would slow every page view; this
builds it only when asked, once, and keeps it for the session until the page changes it.
Stored files (a resource's image or PDF, a kit's photos) are read once per process.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.state import file_store, transaction
from db import files


def prepared(label: str, key: str, build: Callable[[], bytes | str], *, file_name: str,
             mime: str) -> None:
    """`key` must change when the content would (e.g. include the filters)."""
    store = f"coopmd_file_{key}"
    if st.session_state.get(store) is None:
        st.button(f"Préparer {label}", key=f"{store}_prepare", icon=":material/build:",
                  on_click=lambda: st.session_state.update({store: build()}))
        return
    st.download_button(f"Télécharger {label}", st.session_state[store], file_name=file_name,
                       mime=mime, key=f"{store}_download", icon=":material/download:",
                       on_click="ignore")


@st.cache_data(show_spinner=False, max_entries=64)
def stored_file(file_id: int) -> bytes:
    """A stored file's bytes, read once: a stored file never changes (its name is its
    hash)."""
    with transaction() as conn:
        return files.read(conn, file_store(), file_id=file_id)[0]
