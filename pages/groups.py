"""Groupes de travail: the list, and each group's space."""

import streamlit as st

from components import auth, forms
from components.groups import admin as group_admin
from components.groups import view as group_view
from components.state import transaction
from db import groups
from db.errors import NotFound
from db.groups import meetings
from db.roles import has_role

user = auth.require("contributor")
SECTIONS = ["Activité", "Réunions", "Fiches", "Ressources", "Journées", "Forum", "Membres"]


def overview() -> None:
    st.title("Groupes de travail")
    st.markdown("Les groupes de l'Agence réunissent les personnels des médiathèques "
                "départementales autour d'un sujet : diagnostic culturel territorial, "
                "inclusion numérique, maillage territorial…")
    forms.show_flash()
    with transaction() as conn:
        found = groups.list_groups(conn)
    if not found:
        st.info("Aucun groupe pour l'instant.", icon=":material/info:")
    for group in found:
        group_view.group_card(group)
    if has_role(user, "organiser"):
        with st.expander("Créer un groupe", icon=":material/add:"):
            group_admin.create_form(user)


def space(group_id: int) -> None:
    with transaction() as conn:
        try:
            group = groups.get_group(conn, group_id=group_id)
        except NotFound as error:
            st.warning(str(error))
            return
        mine = groups.get_membership(conn, user=user, group_id=group_id)
        manager = groups.may_manage(conn, user, group_id)
    st.button("← Tous les groupes", on_click=st.query_params.clear)
    group_view.header(group)
    forms.show_flash()
    if not has_role(user, "member"):
        st.info("L'espace des groupes est réservé aux personnels des médiathèques "
                "départementales.", icon=":material/lock:")
        return
    group_view.membership_bar(user, group, mine)
    if manager:
        with st.expander("Gérer le groupe", icon=":material/settings:"):
            group_admin.edit_form(user, group)
            st.divider()
            group_admin.requests_and_coordinators(user, group)
    section = st.segmented_control("Rubrique", SECTIONS, default=SECTIONS[0],
                                   key=f"grp_section_{group_id}") or SECTIONS[0]
    if section == "Activité":
        group_view.activity(user, group_id)
    elif section == "Réunions":
        _meetings(group, mine, manager)
    elif section == "Membres":
        group_view.members(user, group_id)
    else:
        group_view.contents(user, group_id, section)


def _meetings(group, mine, manager: bool) -> None:
    if manager:
        with st.expander("Programmer une réunion", icon=":material/add:"):
            group_admin.meeting_form(user, group.id)
    with transaction() as conn:
        found = meetings.list_meetings(conn, viewer=user, group_id=group.id)
    if not found:
        st.info("Aucune réunion programmée.", icon=":material/info:")
    member = mine is not None and mine.status == "active"
    for meeting in found:
        group_admin.meeting_card(user, group, meeting, member, manager)


if st.query_params.get("groupe", "").isdigit():
    space(int(st.query_params["groupe"]))
else:
    overview()
