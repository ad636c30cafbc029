"""A working group as people use it: its card, joining and leaving, its space (activity,
fiches, resources, days, forum, members) and what its coordinators manage."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import cards, directory_index, forms
from components.cards import french_date
from components.events import after_day
from components.markdown import escape, excerpt, render
from components.state import transaction, write
from db import groups
from db.events import followups
from db.groups import GroupSummary, Membership
from db.groups import space as group_space
from db.roles import User

ICONS = {"fiche": "description", "ressource": "library_books", "journée": "event",
         "réunion": "groups", "forum": "forum", "membre": "person_add"}


def group_card(group: GroupSummary) -> None:
    meta = " · ".join(filter(None, [
        groups.STATUS_LABELS[group.status], f"{group.members} membre(s)",
        "sur demande" if group.moderated else "ouvert",
        "coordination : " + ", ".join(group.coordinators) if group.coordinators else None]))
    cards.bordered_card(group.name, meta, excerpt(group.description, 200),
                        link=("pages/groups.py", {"groupe": str(group.id)}),
                        icon=":material/diversity_3:")


def membership_bar(user: User, group: GroupSummary, mine: Membership | None) -> None:
    """Join (or ask to), leave, mute: one row of buttons with what they do in words."""
    form = f"grp_{group.id}"
    left, right = st.columns([1, 1])
    if mine is None and group.status != "closed":
        label = "Demander à rejoindre" if group.moderated else "Rejoindre le groupe"
        left.button(label, type="primary", key=f"{form}_join", icon=":material/group_add:",
                    on_click=forms.submit(form, partial(on_join, user, group),
                                          on_success=_joined))
    elif mine is not None and mine.status == "pending":
        left.info("Demande envoyée : un·e coordinateur·rice va y répondre.")
        right.button("Retirer ma demande", key=f"{form}_leave", on_click=forms.submit(
            form, partial(on_leave, user, group), success="Demande retirée."))
    elif mine is not None:
        left.toggle("Recevoir les notifications du groupe", value=not mine.muted,
                    key=f"{form}_notify_{mine.muted}", on_change=forms.submit(
                        form, partial(on_mute, user, group, not mine.muted)))
        with right.popover("Quitter le groupe", icon=":material/logout:"):
            st.write("Vous ne recevrez plus ses notifications.")
            st.button("Confirmer", key=f"{form}_leave", on_click=forms.submit(
                form, partial(on_leave, user, group), success="Vous avez quitté le groupe."))
    forms.form_error(form)


def on_join(user: User, group: GroupSummary) -> str:
    """« Rejoindre le groupe » / « Demander à rejoindre »: the membership's status."""
    return directory_index.write(partial(groups.join, actor=user, group_id=group.id))


def on_leave(user: User, group: GroupSummary) -> None:
    """« Quitter le groupe » (confirmed) / « Retirer ma demande »."""
    directory_index.write(partial(groups.leave, actor=user, group_id=group.id))


def on_mute(user: User, group: GroupSummary, muted: bool) -> None:
    """« Recevoir les notifications du groupe » switched."""
    write(partial(groups.mute, actor=user, group_id=group.id, muted=muted))


def _joined(status: str) -> None:
    forms.flash("Bienvenue dans le groupe !" if status == "active" else
                "Demande envoyée aux coordinateurs du groupe.")


def activity(user: User, group_id: int) -> None:
    with transaction() as conn:
        found = group_space.list_feed(conn, viewer=user, group_id=group_id)
    if not found:
        st.info("Rien encore ici : partagez une fiche ou une ressource en choisissant ce "
                "groupe.", icon=":material/info:")
    lines = []
    for item in found:
        text = escape(item.text)
        shown = f"[{text}]({item.link})" if item.link else text
        lines.append(f"- :material/{ICONS[item.kind]}: {shown} — "
                     f":gray[{french_date(item.at)}]")
    st.markdown("\n".join(lines))


def contents(user: User, group_id: int, section: str) -> None:
    """One section of the space: fiches, resources, days or forum threads of the group."""
    with transaction() as conn:
        space = group_space.list_content(conn, viewer=user, group_id=group_id)
    if section == "Fiches":
        cards.section(f"Fiches projet ({space.fiches_total})", space.fiches, cards.pitch_card,
                      "Aucune fiche rattachée au groupe : choisissez ce groupe en rédigeant "
                      "une fiche.")
        st.page_link("pages/pitches.py", label="Toutes les fiches projet",
                     icon=":material/arrow_forward:")
    elif section == "Ressources":
        cards.section(f"Ressources ({space.resources_total})", space.resources,
                      cards.resource_card, "Aucune ressource rattachée au groupe.")
        st.page_link("pages/resource_edit.py", label="Ajouter une ressource",
                     icon=":material/add:")
    elif section == "Journées":
        cards.section("Journées à venir", space.upcoming_days, cards.event_card,
                      "Aucune journée à venir pour ce groupe.")
        if space.past_days:
            cards.section("Journées passées", space.past_days, cards.event_card, "")
        with transaction() as conn:
            actions = followups.list_group_followups(conn, viewer=user, group_id=group_id)
        if actions:
            st.subheader(f"Suites à donner de ses journées ({len(actions)})")
            after_day.followups_list(user, actions, with_day=True)
    else:
        cards.section("Derniers sujets du forum", space.threads, cards.post_card,
                      "Aucun thème du forum n'est rattaché à ce groupe.")


def members(user: User, group_id: int) -> None:
    with transaction() as conn:
        found = groups.list_members(conn, viewer=user, group_id=group_id)
    rows = [f"- **{escape(m.name)}** — {escape(m.md_name or m.department_code or '')}"
            + (f" · {escape(m.job_title)}" if m.job_title else "")
            + (" · :blue-badge[Coordination]" if m.role == "coordinator" else "")
            for m in found]
    st.markdown("\n".join(rows) or "Aucun membre pour l'instant.")


def header(group: GroupSummary) -> None:
    st.title(group.name)
    badges = [f":gray-badge[{groups.STATUS_LABELS[group.status]}]",
              f":gray-badge[{group.members} membre(s)]",
              ":gray-badge[Sur demande]" if group.moderated else ":gray-badge[Ouvert]"]
    st.markdown(" ".join(badges))
    if group.coordinators:
        st.caption("Coordination : " + ", ".join(group.coordinators))
    render(group.description or "*Pas encore de description.*")
