"""Writing a roadmap: the action form (new, from a proposition, or edited in place), the
source adder and the confirmed removal, each with its named handler."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import streamlit as st

from components import forms, links
from components.state import transaction, write
from db import forum, roadmaps
from db.forum import answers
from db.pitches import browse as pitch_browse
from db.roles import User


def on_save(user: User, form: str, token: str, group_id: int | None,
            action_id: int | None, post_ids: Sequence[int]) -> roadmaps.Action:
    """« Enregistrer l'action »: a new action (with its first sources) or the edited one."""
    data = forms.read(form, roadmaps.ActionInput)
    if action_id is None:
        return write(partial(roadmaps.create_action, actor=user, group_id=group_id,
                             data=data, post_ids=post_ids), once=token)
    return write(partial(roadmaps.update_action, actor=user, action_id=action_id,
                         data=data), once=token)


def open_action(action: roadmaps.Action | None) -> None:
    """After a new action is saved: its page, where its sources are added."""
    if action is not None:  # None: a double click's second call (forms.submit)
        links.open_here({"action": str(action.id)})


def action_form(user: User, *, group_id: int | None, given: roadmaps.Action | None = None,
                post: forum.ThreadCard | None = None, form: str | None = None) -> None:
    """New (`given` None; from `post` when a proposition starts it) or edited action."""
    form = form or (f"action_{given.id}" if given else f"action_new_{group_id}")
    token = forms.token(form)
    with transaction() as conn:
        people, mds = roadmaps.list_owner_choices(conn, group_id=group_id)
        themes = {t.id: f"Thème {t.position} — {t.title}" for t in forum.list_themes(conn)}
        theme = given.theme_id if given else (
            answers.theme_of(conn, post_id=post.id) if post else None)
    title = given.title if given else (post.title if post else "")
    with st.form(form, enter_to_submit=False):
        forms.text_input(form, "title", "Titre de l'action", value=title,
                         placeholder="ex. Former les équipes à l'accueil numérique")
        st.text_area("Description (Markdown, facultative)", key=f"{form}_description",
                     value=given.description if given else "", height=100)
        forms.field_error(form, "description")
        left, right = st.columns(2)
        _choice(left, "Portée par une personne", people, f"{form}_owner_id",
                given.owner_id if given else None)
        _choice(right, "… ou par une MD", mds, f"{form}_owner_department",
                given.owner_department if given else None)
        forms.field_error(form, "owner")
        _where_it_stands(form, given)
        _choice(st, "Thème du forum (facultatif)", themes, f"{form}_theme_id", theme)
        forms.form_error(form)
        st.form_submit_button(
            "Enregistrer l'action", type="primary", key=forms.send_key(form),
            on_click=forms.submit(form, partial(on_save, user, form, token, group_id,
                                                given.id if given else None,
                                                [post.id] if post else []),
                                  success="Action enregistrée." if not post else
                                  "Action créée : la proposition y est intégrée, son auteur "
                                  "est prévenu.",
                                  on_success=None if given or post else open_action))


def _where_it_stands(form: str, given: roadmaps.Action | None) -> None:
    """Horizon, status and progress, on one line, with their messages under it."""
    left, middle, right = st.columns(3)
    left.text_input("Horizon (année ou trimestre)", key=f"{form}_horizon",
                    value=given.horizon if given else "", placeholder="ex. 2026-T3")
    statuses = list(roadmaps.STATUSES)
    middle.selectbox("Statut", statuses, key=f"{form}_status",
                     index=statuses.index(given.status) if given else 0,
                     format_func=forms.label(roadmaps.STATUSES))
    right.number_input("Progression (%)", min_value=0, max_value=100, step=5,
                       key=f"{form}_progress", value=given.progress if given else 0)
    for field in ("horizon", "status", "progress"):
        forms.field_error(form, field)


def _choice(where, label: str, names: dict, key: str, initial: object) -> None:
    """An optional choice among `names`, starting on the stored value."""
    options = [None, *names]
    where.selectbox(label, options, key=key, index=options.index(initial)
                    if initial in options else 0, format_func=forms.label(names, "— Aucune —"))


def on_add_source(user: User, action_id: int, form: str) -> None:
    chosen = st.session_state.get(f"{form}_source")
    kind, _, number = str(chosen or "").partition(":")
    write(partial(roadmaps.add_source, actor=user, action_id=action_id,
                  post_id=int(number) if kind == "post" else None,
                  pitch_id=int(number) if kind == "pitch" else None))


def source_adder(user: User, action: roadmaps.Action) -> None:
    """Add a proposition (or another contribution) of the forum, or a fiche projet."""
    form = f"source_{action.id}"
    with transaction() as conn:
        choices = {f"post:{t.id}": f"Forum — {t.title}"
                   for t in forum.list_latest_threads(conn, limit=200)}
        choices |= {f"pitch:{p.id}": f"Fiche — {p.title}"
                    for p in pitch_browse.list_pitches(conn, viewer=user, limit=200)[0]}
    known = {f"{s.kind}:{s.id}" for s in action.sources}
    options = [key for key in choices if key not in known]
    st.selectbox("Ajouter une source", options, key=f"{form}_source", index=None,
                 format_func=forms.label(choices), placeholder="Contribution ou fiche projet")
    st.button("Ajouter la source", key=f"{form}_add", icon=":material/add_link:",
              on_click=forms.submit(form, partial(on_add_source, user, action.id, form),
                                    success="Source ajoutée."))
    forms.field_error(form, "source")
    forms.form_error(form)


def on_remove_source(user: User, action_id: int, source: roadmaps.Source) -> None:
    write(partial(roadmaps.remove_source, actor=user, action_id=action_id,
                  post_id=source.id if source.kind == "post" else None,
                  pitch_id=source.id if source.kind == "pitch" else None))


def on_delete(user: User, action: roadmaps.Action) -> None:
    write(partial(roadmaps.delete_action, actor=user, action_id=action.id))
    links.open_here({"feuille": roadmaps.roadmap_key(action.group_id)})


def delete_button(user: User, action: roadmaps.Action) -> None:
    """Removal after a confirmation box: its sources and history go with it."""
    form = f"delete_action_{action.id}"
    sure = st.checkbox("Je confirme : l'action, ses sources et son historique seront "
                       "supprimés (les propositions gardent leur réponse)", key=f"{form}_sure")
    st.button("Supprimer l'action", key=f"{form}_go", disabled=not sure,
              icon=":material/delete:", on_click=forms.submit(
                  form, partial(on_delete, user, action), success="Action supprimée."))
    forms.form_error(form)
