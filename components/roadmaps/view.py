"""Reading roadmaps: the list of them, one roadmap (its progress chart, its timeline by
horizon, its exports), one action (its sources, its history), and under a proposition the
actions that carry it."""

from __future__ import annotations

from collections import Counter
from functools import partial

import streamlit as st

from components import charts, forms, links
from components.cards import moment
from components.markdown import escape, render
from components.pagination import pager
from components.roadmaps import form as roadmap_form
from components.state import transaction
from db import forum, roadmaps
from db.roadmaps import exports
from db.roles import User, has_role
from db.spreadsheets import XLSX

PAGE = "pages/roadmap.py"
PER_PAGE = 25
COLOURS = {"a_lancer": "gray", "en_cours": "blue", "realisee": "green",
           "abandonnee": "red"}


def badge(status: str) -> str:
    return f":{COLOURS[status]}-badge[{roadmaps.STATUSES[status]}]"


def roadmap_card(item: roadmaps.RoadmapSummary) -> None:
    with st.container(border=True):
        links.item_link(item.name, PAGE, {"feuille": roadmaps.roadmap_key(item.group_id)},
                        icon=":material/flag:")
        st.caption(f"{item.actions} action(s), dont {item.done} réalisée(s)"
                   if item.actions else "Aucune action pour l'instant.")


def action_card(card: roadmaps.ActionCard) -> None:
    with st.container(border=True):
        links.item_link(card.title, PAGE, {"action": str(card.id)}, key=f"action_{card.id}",
                        icon=":material/task_alt:")
        st.markdown(f"{badge(card.status)} · {escape(card.owner)} · "
                    f"{card.sources} source(s)")
        st.progress(card.progress / 100, text=f"{card.progress} %")


def _downloads(user: User, group_id: int | None) -> None:
    """Markdown, XLSX and a printable PDF, each built on click."""
    def build(kind: str) -> bytes | str:
        with transaction() as conn:
            name, parts = exports.sections(conn, group_id=group_id, viewer=user)
        if kind == "md":
            return exports.to_markdown(name, parts)
        return exports.to_xlsx(name, parts) if kind == "xlsx" else exports.to_pdf(name, parts)

    stem = f"feuille-de-route-{roadmaps.roadmap_key(group_id)}"
    for column, (kind, label, mime) in zip(st.columns(3), (
            ("md", "Markdown", "text/markdown"), ("xlsx", "XLSX", XLSX),
            ("pdf", "PDF imprimable", "application/pdf")), strict=True):
        column.download_button(label, partial(build, kind), file_name=f"{stem}.{kind}",
                               mime=mime, icon=":material/download:", on_click="ignore",
                               key=f"roadmap_{kind}")


def roadmap_page(user: User, group_id: int | None) -> None:
    with transaction() as conn:
        name = roadmaps.roadmap_name(conn, group_id)
        cards = roadmaps.list_actions(conn, group_id=group_id)
        editor = roadmaps.may_edit(conn, user, group_id)
    st.button("← Toutes les feuilles de route", on_click=st.query_params.clear)
    st.title(escape(name))
    forms.show_flash()
    counts = Counter((c.horizon, c.status) for c in cards)
    charts.roadmap_progress([(h, s, n) for (h, s), n in sorted(counts.items())],
                            roadmaps.STATUSES)
    if cards:
        _downloads(user, group_id)
    if editor:
        with st.expander("Ajouter une action", icon=":material/add_task:"):
            roadmap_form.action_form(user, group_id=group_id)
    if not cards:
        st.info("Aucune action pour l'instant. " + (
            "Ajoutez-en une ci-dessus, ou depuis une proposition retenue du forum."
            if editor else "Les organisateurs et les coordinateurs du groupe l'écriront à "
            "partir des propositions du forum."))
        return
    status = st.selectbox("Statut", [None, *roadmaps.STATUSES], key="rm_status",
                          format_func=forms.label(roadmaps.STATUSES, "Tous"))
    shown = [c for c in cards if status is None or c.status == status]
    offset = pager("rm_page", len(shown), PER_PAGE)
    page = shown[offset:offset + PER_PAGE]  # by horizon already: the timeline, in pages
    for horizon in dict.fromkeys(c.horizon for c in page):
        st.subheader(f"Horizon {horizon}")
        for card in (c for c in page if c.horizon == horizon):
            action_card(card)


def _sources(user: User, action: roadmaps.Action, editor: bool) -> None:
    st.subheader(f"D'où elle vient ({len(action.sources)})")
    if not action.sources:
        st.caption("Aucune source encore : une proposition du forum ou une fiche projet.")
    for source in action.sources:
        page, params = (("pages/forum.py", {"sujet": str(source.id)}) if source.kind == "post"
                        else ("pages/pitches.py", {"fiche": str(source.id)}))
        left, right = st.columns([5, 1], vertical_alignment="center")
        with left:
            links.item_link(f"{source.detail} — {source.title}", page, params,
                            icon=":material/link:")
        if editor:
            right.button("Retirer", key=f"unlink_{source.kind}_{source.id}",
                         on_click=forms.submit(f"source_{action.id}", partial(
                             roadmap_form.on_remove_source, user, action.id, source)))
    if editor:
        roadmap_form.source_adder(user, action)


def action_page(user: User, action_id: int) -> None:
    with transaction() as conn:
        action = roadmaps.get_action(conn, action_id=action_id, viewer=user)
        editor = roadmaps.may_edit(conn, user, action.group_id)
    links.item_link(action.roadmap, PAGE, {"feuille": roadmaps.roadmap_key(action.group_id)},
                    icon=":material/arrow_back:")
    st.title(escape(action.title))
    forms.show_flash()
    st.markdown(f"{badge(action.status)} · portée par **{escape(action.owner)}** · "
                f"horizon {action.horizon}")
    st.progress(action.progress / 100, text=f"Progression : {action.progress} %")
    if action.description:
        render(action.description)
    _sources(user, action, editor)
    st.subheader("Historique")
    for change in action.history:
        st.markdown(f"- {moment(change.at)} — {roadmaps.STATUSES[change.status]}, "
                    f"{change.progress} %" + (f" ({escape(change.by)})" if change.by else ""))
    if editor:
        with st.expander("Modifier l'action", icon=":material/edit:"):
            roadmap_form.action_form(user, group_id=action.group_id, given=action)
        with st.expander("Supprimer l'action", icon=":material/delete:"):
            roadmap_form.delete_button(user, action)


def carried_by(user: User, head: forum.ThreadCard) -> None:
    """Under a proposition: the actions that carry it; organisers start one from it."""
    with transaction() as conn:
        carrying = roadmaps.list_actions_of_post(conn, post_id=head.id)
        names = {r.group_id: r.name for r in roadmaps.list_roadmaps(conn)}
    for action in carrying:
        links.item_link(f"Portée par l'action « {action.title} » ({names.get(action.group_id)}"
                        ")", PAGE, {"action": str(action.id)}, icon=":material/flag:",
                        key=f"carried_{action.id}")
    if has_role(user, "organiser"):
        with st.expander("Créer une action de feuille de route à partir de cette proposition",
                         icon=":material/add_task:"):
            key = f"roadmap_for_{head.id}"
            chosen = st.selectbox("Feuille de route", list(names), key=key,
                                  format_func=forms.label(names))
            roadmap_form.action_form(user, group_id=chosen, post=head,
                                     form=f"action_from_{head.id}_{chosen}")
