"""Form plumbing: run a domain action from a submit callback, keep errors per field.

The action runs in the button's `on_click`, before widgets render again, so each field can
show its own French message right under it and keyed widgets keep what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from db.errors import DomainError, ValidationError

FLASH_KEY = "coopmd_flash"


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


def values(form: str, *fields: str) -> dict[str, Any]:
    return {field: st.session_state.get(f"{form}_{field}") for field in fields}


def submit(form: str, action: Callable[[], Any], *, success: str | None = None,
           on_success: Callable[[Any], None] | None = None) -> Callable[[], None]:
    """An `on_click` callback running `action`; its errors land in `errors(form)`."""

    def callback() -> None:
        try:
            result = action()
        except ValidationError as error:
            st.session_state[f"{form}__errors"] = error.errors
            return
        except DomainError as error:
            st.session_state[f"{form}__errors"] = {"_form": str(error)}
            return
        st.session_state[f"{form}__errors"] = {}
        if success:
            flash(success)
        if on_success:
            on_success(result)

    return callback


def clear(form: str, *fields: str) -> None:
    """Empty a form's fields after a success (call from the success callback)."""
    for field in fields:
        st.session_state.pop(f"{form}_{field}", None)


def flash(message: str) -> None:
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def text_input(form: str, field: str, label: str, **kwargs: Any) -> str:
    """A keyed text input with its error message right under it."""
    value = st.text_input(label, key=f"{form}_{field}", **kwargs)
    field_error(form, field)
    return value


def department_select(form: str, field: str, departments: list, *,
                      label: str = "Département") -> str | None:
    """Departments with their MD name when they have one; AURA listed first."""
    labels = {d.code: f"{d.label} ({d.md_name})" if d.md_name else d.label for d in departments}
    value = st.selectbox(label, [None, *labels], key=f"{form}_{field}",
                         placeholder="— Aucun —",
                         format_func=lambda code: "— Aucun —" if code is None else labels[code])
    field_error(form, field)
    return value
