"""Links to one item: always the URL that names it (`forum?theme=3`), so that reload,
back/forward, a new tab and a pasted link land on the same item.

Streamlit's `st.page_link` to the page already shown does not write its query string to
the browser's address bar (checked in Chromium, 1.67): the next click then lost the item.
So a link to the current page is a button that writes `st.query_params` (which Streamlit
pushes to the address bar and to the history); a link to another page stays a page link.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import streamlit as st

from components import parts

CURRENT_PAGE = "coopmd_current_page"  # file of the page drawn in this run (pages/x.py)
HOME = "pages/home.py"


def remember_page(path: str) -> None:
    """Called by the router once it knows which page this run draws."""
    st.session_state[CURRENT_PAGE] = path


def current_page() -> str | None:
    return st.session_state.get(CURRENT_PAGE)


def open_here(params: dict[str, str]) -> None:
    """Show another item of this page: the address bar and the history follow, and the
    whole page when clicked in a part of it (the bell)."""
    st.query_params.from_dict(params)
    parts.redraw_page()


def item_link(label: str, page: str, params: dict[str, str], *,
              icon: str = ":material/arrow_forward:", key: str | None = None) -> None:
    """A link to `page` showing the item `params` names."""
    if page == current_page():
        st.button(label, icon=icon, type="tertiary", on_click=open_here, args=(params,),
                  key=key or f"link_{page}_{sorted(params.items())}")
    else:
        st.page_link(page, label=label, query_params=params, icon=icon)


def split_link(link: str) -> tuple[str, dict[str, str]]:
    """« forum?sujet=3 » (the form stored in notifications and e-mails) → the page file and
    its query parameters."""
    parts = urlsplit(link)
    name = parts.path.strip("/")
    return (f"pages/{name}.py" if name else HOME), dict(parse_qsl(parts.query))

