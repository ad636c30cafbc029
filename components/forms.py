"""Form plumbing, one way for every form: run a domain action from a submit callback,
keep errors per field, empty the form on success, write once per rendered form.

- The action runs in the button's `on_click`, before widgets render again, so each field
  shows its own French message right under it and keyed widgets keep what was typed.
- `token(form)` names this rendering of the form: put it in the submit button's key
  (`send_key`) and pass it to `write(..., once=token)`. A double click then sends the
  same token twice and the database refuses the second write (`db.submissions`).
- `reset` empties fields by *assigning* their empty value: popping a widget's key leaves
  its text in the browser, which sends it back on the next click (checked in Chromium).
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import streamlit as st

from db.errors import DomainError, ValidationError
from db.submissions import AlreadySubmitted

FLASH_KEY = "coopmd_flash"
Input = TypeVar("Input")


def errors(form: str) -> dict[str, str]:
    return st.session_state.get(f"{form}__errors", {})


def field_error(form: str, field: str) -> None:
    message = errors(form).get(field)
    if message:
        st.error(message, icon=":material/error:")


def form_error(form: str) -> None:
    """Errors that belong to no field (permission, conflict) and a summary for the rest."""
    found = errors(form)
    if "_form" in found:
        st.error(found["_form"])
    elif found:
        st.error("Le formulaire contient des erreurs : corrigez les champs signalés.")


def label(names: Mapping[Any, str], empty: str = "—") -> Callable[[Any], str]:
    """A widget's `format_func` from a mapping of French names (`dict.get` may give None)."""
    return lambda key: names.get(key, empty)


def values(form: str, *fields: str) -> dict[str, Any]:
    return {field: st.session_state.get(f"{form}_{field}") for field in fields}


def read(form: str, kind: type[Input], **given: Any) -> Input:
    """The typed input of `form` (a domain `…Input` dataclass): each of its fields from the
    widget keyed `{form}_{field}`, unless `given`; a field with no widget keeps its default.
    The dataclass is the one list of the form's fields."""
    found = {f.name: st.session_state[f"{form}_{f.name}"]
             for f in dataclasses.fields(kind)  # type: ignore[arg-type]
             if f.name not in given and f"{form}_{f.name}" in st.session_state}
    return kind(**found, **given)


def token(form: str) -> str:
    """The token of this rendering of `form`, renewed after each success."""
    key = f"{form}__token"
    if key not in st.session_state:
        st.session_state[key] = secrets.token_hex(16)
    return st.session_state[key]


def send_key(form: str, name: str = "send") -> str:
    """The submit button's key: a new button (and widget id) for each new token, so that
    a click on a button already replaced does nothing."""
    return f"{form}_{name}_{token(form)}"


def submit(form: str, action: Callable[[], Any], *, success: str | None = None,
           on_success: Callable[[Any], None] | None = None,
           reset: dict[str, Any] | None = None) -> Callable[[], None]:
    """An `on_click` callback running `action`; its errors land in `errors(form)`.

    On success the form gets a new token and the fields of `reset` their empty value, and
    `on_success` gets the action's result. A second click of a double click gets the first
    click's result; or None, when the first callback was cut short after its write had
    committed (seen in Chromium under load: a reply's second click then crashed on it)."""

    def callback() -> None:
        if _session_ended():
            st.session_state[f"{form}__errors"] = {"_form": SESSION_ENDED}
            return
        try:
            result = action()
        except AlreadySubmitted:
            # a second click of the same rendering: nothing is written again, but the
            # browser sent the form's old text back with it, so the success is replayed
            # (flash, emptied fields) with the first click's result
            result = st.session_state.get(f"{form}__last")
        except ValidationError as error:
            st.session_state[f"{form}__errors"] = error.errors
            return
        except DomainError as error:
            st.session_state[f"{form}__errors"] = {"_form": str(error)}
            return
        st.session_state[f"{form}__errors"] = {}
        st.session_state[f"{form}__last"] = result
        st.session_state.pop(f"{form}__token", None)
        if reset:
            _expect_echo(form, reset, success)
            set_values(form, reset)
        if success:
            flash(success)
        if on_success:
            on_success(result)

    return callback


SESSION_ENDED = ("Votre session a pris fin (déconnexion sur tous les appareils, mot de passe "
                 "changé ou compte suspendu) : rien n'a été enregistré. Reconnectez-vous.")


def _session_ended() -> bool:
    """A click's callback runs before `app.py` checks the account again: a tab left open
    after « Se déconnecter partout » would still write once. `auth` imports this module,
    so it is imported here, when a form is sent."""
    from components import auth

    return st.session_state.get(auth.SIGNED_IN) is not None and not auth.still_holds()


RUN_KEY = "coopmd_run"
ECHO = "__echo"


def _expect_echo(form: str, reset: dict[str, Any], success: str | None) -> None:
    """Remember what was just submitted: see `absorb_echoes`."""
    sent = {field: st.session_state.get(f"{form}_{field}") for field in reset}
    st.session_state[f"{form}{ECHO}"] = (st.session_state.get(RUN_KEY, 0) + 1, sent, reset,
                                         success)


def absorb_echoes() -> None:
    """At the start of every run (app.py): the second click of a double click can reach
    the server after the emptied form was drawn, on a button that no longer exists. Its
    callback is dropped, but the browser sent the form's old text with it, which filled
    the emptied form again. In the run right after a success, fields holding exactly what
    was submitted are emptied again, and the success is said again."""
    run = st.session_state.get(RUN_KEY, 0) + 1
    st.session_state[RUN_KEY] = run
    for key in [k for k in st.session_state if str(k).endswith(ECHO)]:
        made, sent, reset, success = st.session_state[key]
        if made == run:
            continue  # the success's own run
        del st.session_state[key]
        form = str(key).removesuffix(ECHO)
        if all(st.session_state.get(f"{form}_{f}") == v for f, v in sent.items()):
            set_values(form, reset)
            if success:  # the success's run showed it; this one is drawn over it
                flash(success)


def set_values(form: str, values: dict[str, Any]) -> None:
    """Give fields these values, in the browser too (from a callback)."""
    for field, value in values.items():
        st.session_state[f"{form}_{field}"] = value


def clear(form: str, *fields: str) -> None:
    """Empty a form's text fields (from a callback): see `reset` in the module notes."""
    set_values(form, dict.fromkeys(fields, ""))


def flash(message: str) -> None:
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def length_hint(kwargs: dict[str, Any]) -> dict[str, Any]:
    """No `max_chars` in the browser: Streamlit's limit dropped a longer paste without a
    word (the field stayed empty). The domain refuses it in French next to the field
    (« … au plus 200 caractères ») and the text stays there to shorten."""
    kwargs.pop("max_chars", None)
    return kwargs


def text_input(form: str, field: str, label: str, **kwargs: Any) -> str:
    """A keyed text input with its error message right under it."""
    value = st.text_input(label, key=f"{form}_{field}", **length_hint(kwargs))
    field_error(form, field)
    return value


def department_select(form: str, field: str, departments: list, *,
                      label: str = "Département", initial: str | None = None) -> str | None:
    """Departments with their MD name when they have one; AURA listed first. `initial`
    (an edit form's stored value) is the widget's own default."""
    labels = {d.code: f"{d.label} ({d.md_name})" if d.md_name else d.label for d in departments}
    options = [None, *labels]
    value = st.selectbox(label, options, key=f"{form}_{field}",
                         index=options.index(initial) if initial in options else 0,
                         placeholder="— Aucun —",
                         format_func=lambda code: "— Aucun —" if code is None else labels[code])
    field_error(form, field)
    return value
