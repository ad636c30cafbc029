"""The bell in the sidebar: unread count, and the latest notifications as links to their
items. Opening an item (from the bell, an e-mail or anywhere) marks its notifications
read, so the count goes down by itself."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from components import links, parts
from components.markdown import escape
from components.state import transaction, write
from db import notifications
from db.engine import now
from db.french import french_date
from db.notifications import Notification
from db.roles import User


def _shown_here(item: Notification) -> bool:
    """Is the item this notification speaks of the one this run draws?"""
    if not item.link:
        return False
    page, params = links.split_link(item.link)
    here = dict(st.query_params)
    return page == links.current_page() and all(here.get(k) == v for k, v in params.items())


def _latest(user: User) -> tuple[int, list[Notification]]:
    with transaction() as conn:
        unread = notifications.unread_count(conn, user=user)
        latest = notifications.list_recent(conn, user=user, limit=15)
    opened = [n.id for n in latest if n.read_at is None and _shown_here(n)]
    if not opened:
        return unread, latest
    write(partial(notifications.mark_read, user=user, ids=opened))
    stamp = now()  # what was just written: no need to read it back
    return unread - len(opened), [replace(n, read_at=stamp) if n.id in opened else n
                                  for n in latest]


def _entry(item: Notification, user: User) -> None:
    marker = "" if item.read_at else "**•** "
    st.markdown(f"{marker}{escape(item.text)}  \n:gray[{french_date(item.created_at)}]")
    left, right = st.columns(2)
    if item.link:
        with left:
            page, params = links.split_link(item.link)
            links.item_link("Ouvrir", page, params, key=f"notification_{item.id}")
    if item.read_at is None:
        right.button("Marquer comme lu", key=f"notification_read_{item.id}", type="tertiary",
                     on_click=partial(on_mark_read, user, item.id))


@parts.part
def bell(user: User) -> None:
    """Drawn in the sidebar (`with st.sidebar:`); « Marquer comme lu » redraws it alone."""
    unread, latest = _latest(user)
    label = f"Notifications ({unread})" if unread else "Notifications"
    with st.popover(label, icon=":material/notifications:", width="stretch"):
        if not latest:
            st.caption("Rien de nouveau. Vous serez prévenu·e ici des confirmations, "
                       "listes d'attente et changements.")
        for item in latest:
            _entry(item, user)
        if unread:
            st.button("Tout marquer comme lu", key="notifications_read",
                      on_click=partial(on_mark_all_read, user))


def on_mark_read(user: User, notification_id: int) -> None:
    """« Marquer comme lu »."""
    write(partial(notifications.mark_read, user=user, ids=[notification_id]))


def on_mark_all_read(user: User) -> None:
    """« Tout marquer comme lu »."""
    write(partial(notifications.mark_all_read, user=user))
