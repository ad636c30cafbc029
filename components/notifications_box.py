"""The bell in the sidebar: unread count and the latest notifications."""

from __future__ import annotations

import streamlit as st

from components.cards import french_date
from components.markdown import escape
from components.state import transaction, write
from db import notifications
from db.roles import User


def bell(user: User) -> None:
    with transaction() as conn:
        unread = notifications.unread_count(conn, user=user)
    label = f"Notifications ({unread})" if unread else "Notifications"
    with st.sidebar.popover(label, icon=":material/notifications:", width="stretch"):
        with transaction() as conn:
            latest = notifications.recent(conn, user=user, limit=15)
        if not latest:
            st.caption("Rien de nouveau. Vous serez prévenu·e ici des confirmations, "
                       "listes d'attente et changements.")
        for item in latest:
            marker = "" if item.read_at else "**•** "
            st.markdown(f"{marker}{escape(item.text)}  \n:gray[{french_date(item.created_at)}]")
        if unread:
            st.button("Tout marquer comme lu", key="notifications_read", on_click=lambda: write(
                lambda conn: notifications.mark_all_read(conn, user=user)))
