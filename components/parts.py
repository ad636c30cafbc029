"""Parts of a page that rerun alone (`st.fragment`): a click in a fiche's comments or under
a thread's replies redraws that part only, not the whole page (#17: what a person waits for).

A part's own rerun skips `app.py`, so what `app.py` does at the start of every run is done
here too, before the part is drawn again:
- the account is checked again: signed out elsewhere, the whole page reruns (to the form);
- a double click's echo is absorbed (`forms.absorb_echoes`), or a second click of « Publier »
  would fill the emptied box again;
- the success message is shown at the top of the part, where the person is looking.
A callback whose change shows outside the part asks for the whole page (`redraw_page`), as
`links.open_here` does: another item of the page is shown.
Two parts queued in one run would count it twice in `absorb_echoes`: a person's click
queues one part's run at a time.

`auth` is imported when a part reruns, not with this module: the bell in `auth`'s sidebar
is a part, so `auth` imports this module first."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from components import forms

P = ParamSpec("P")
WHOLE_PAGE = "coopmd_whole_page"  # a callback in a part asked for the whole page


def part(draw: Callable[P, None]) -> Callable[P, None]:
    """`draw` as a part of its page that reruns alone."""

    @st.fragment
    @functools.wraps(draw)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        if alone():
            if _whole_page_wanted():
                st.rerun(scope="app")
            forms.absorb_echoes()
            forms.show_flash()
        else:
            st.session_state.pop(WHOLE_PAGE, None)
        draw(*args, **kwargs)

    return run


def _whole_page_wanted() -> bool:
    from components import auth  # see the module's notes

    return st.session_state.pop(WHOLE_PAGE, False) or not auth.still_holds()


def alone() -> bool:
    """This run is a part's own rerun, not the whole page's."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx and ctx.fragment_ids_this_run)


def redraw_page() -> None:
    """From a callback: what it changed shows outside the part it was clicked in, if any
    (a whole page's run drops the request: it draws everything anyway)."""
    st.session_state[WHOLE_PAGE] = True
