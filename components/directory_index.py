"""The annuaire's search index, kept between reruns.

Folding every profile (names, territories, expertise…) on each keystroke cost 30–60 ms
with 2,000 people; built once, a search is a scan of prepared strings. Own profile and
group changes rebuild it at once; other people's changes show within a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
import streamlit as st

from components import state
from db.groups import directory
from db.roles import User

T = TypeVar("T")


@st.cache_resource(ttl=60, show_spinner=False, max_entries=4)
def _index(url: str) -> tuple[directory.Entry, ...]:
    with state.transaction() as conn:
        return directory.index(conn)


def people(viewer: User, **filters: Any) -> list[directory.Person]:
    return directory.matching(_index(state.database_url()), viewer=viewer, **filters)


def write(work: Callable[[sa.Connection], T]) -> T:
    """A write that changes what the annuaire shows (a profile, a group membership)."""
    result = state.write(work)
    _index.clear()
    return result
