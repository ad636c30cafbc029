"""Fiches projet: find the MDs' projects (filters, search, sort, pages) and read one."""

from functools import partial

import streamlit as st

from components import auth, cards, downloads, forms
from components.pagination import pager
from components.pitches import view as pitch_view
from components.resources import view as resource_view
from components.state import transaction, write
from db import pitches, reference
from db.errors import NotFound
from db.pitches import browse as pitch_browse
from db.pitches import exports as pitch_exports
from db.roles import has_role

user = auth.require("contributor")


def on_delete_fiche(pitch: pitches.Pitch) -> None:
    """« Confirmer la suppression »: the fiche, its comments and followers."""
    write(partial(pitches.delete_pitch, actor=user, pitch_id=pitch.id))


def on_fiche_deleted(_: object) -> None:
    st.query_params.clear()  # its address named it: back to the list


def filters_bar() -> pitch_browse.Filters:
    with transaction() as conn:
        facets = pitch_browse.get_facets(conn, viewer=user)
        departments = {d.code: d.label for d in reference.list_departments(conn)}
        groups = reference.list_groups(conn)
    query = st.text_input("Rechercher (accents et pluriels sans importance)", key="pf_query",
                          placeholder="ex. mediatheques numerique")
    a, b, c, d = st.columns(4)
    every = "Tous"
    department = a.selectbox("Département", [None, *departments], key="pf_dep",
                             placeholder=every, format_func=lambda x: departments.get(x, every))
    group = b.selectbox("Groupe", [None, *groups], key="pf_group",
                        placeholder=every, format_func=lambda x: groups.get(x, every))
    status = c.selectbox("Statut", [None, *pitches.STATUS_LABELS], key="pf_status",
                         placeholder=every,
                         format_func=lambda x: pitches.STATUS_LABELS.get(x, every))
    sort = d.selectbox("Trier", list(pitch_browse.SORTS), key="pf_sort",
                       format_func=pitch_browse.SORTS.get)
    e, f, g = st.columns(3)
    axis = e.selectbox("Axe", [None, *facets["axes"]], key="pf_axis",
                       placeholder=every, format_func=lambda x: x or every)
    tag = f.selectbox("Mot-clé", [None, *facets["tags"]], key="pf_tag",
                      placeholder=every, format_func=lambda x: x or every)
    year = g.selectbox("Année", [None, *facets["years"]], key="pf_year",
                       placeholder=every, format_func=lambda x: str(x) if x else every)
    return pitch_browse.Filters(query=query, department_code=department, group_id=group,
                                status=status, axis=axis, tag=tag, year=year, sort=sort)


def listing() -> None:
    st.title("Fiches projet")
    forms.show_flash()
    if has_role(user, "member"):
        st.page_link("pages/pitch_edit.py", label="Rédiger une fiche", icon=":material/add:")
    chosen = filters_bar()
    with transaction() as conn:
        _, total = pitch_browse.list_pitches(conn, viewer=user, filters=chosen, limit=0)
        offset = pager("pf_page", total, pitch_browse.PER_PAGE)
        found, _ = pitch_browse.list_pitches(conn, viewer=user, filters=chosen, offset=offset)
    st.caption(f"{total} fiche(s)")
    if not has_role(user, "member") and not total:
        st.info("Les fiches projet sont réservées aux personnels des médiathèques "
                "départementales.", icon=":material/lock:")
    elif not found:
        st.info("Aucune fiche ne correspond : élargissez la recherche, ou rédigez la première "
                "fiche sur ce sujet.", icon=":material/info:")
    for card in found:
        cards.pitch_card(card)
    downloads.button("la liste (XLSX)", f"pitches_{hash(chosen)}_{total}",
                     lambda: pitch_exports.to_xlsx(_everything(chosen)),
                     file_name="fiches-projet.xlsx", mime=pitch_exports.XLSX)
    downloads.button("la liste (CSV)", f"pitches_csv_{hash(chosen)}_{total}",
                     lambda: pitch_exports.to_csv(_everything(chosen)),
                     file_name="fiches-projet.csv", mime="text/csv")


def _everything(chosen: pitch_browse.Filters) -> list:
    with transaction() as conn:
        return pitch_browse.list_full_pitches(conn, viewer=user, filters=chosen)


def detail(pitch_id: int) -> None:
    with transaction() as conn:
        try:
            pitch = pitches.get_pitch(conn, pitch_id=pitch_id, viewer=user)
        except NotFound as error:
            st.warning("Les fiches projet sont réservées aux personnels des médiathèques "
                       "départementales." if not has_role(user, "member") else str(error))
            return
    st.button("← Toutes les fiches", on_click=st.query_params.clear)
    forms.show_flash()
    pitch_view.facts(pitch)
    left, right = st.columns([3, 1])
    with right:
        pitch_view.follow(pitch, user)
        if pitches.may_edit(user, pitch):
            st.page_link("pages/pitch_edit.py", label="Modifier la fiche",
                         query_params={"fiche": str(pitch.id)}, icon=":material/edit:")
            with st.popover("Supprimer la fiche", icon=":material/delete:"):
                st.write("La fiche, ses commentaires et ses abonnés seront supprimés.")
                st.button("Confirmer la suppression", type="primary", key="delete_fiche",
                          on_click=forms.submit("delete", partial(on_delete_fiche, pitch),
                                                success="Fiche supprimée.",
                                                on_success=on_fiche_deleted))
                forms.form_error("delete")
    with left:
        pitch_view.funders(pitch)
    pitch_view.sections(pitch)
    resource_view.attached_section(pitch_id=pitch.id)
    pitch_view.exports(pitch)
    pitch_view.comments(pitch, user)


selected = st.query_params.get("fiche")
if selected and selected.isdigit():
    detail(int(selected))
else:
    listing()
