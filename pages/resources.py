"""Ressources partagées: guides, activity sheets, reports and methods of the working groups."""

import streamlit as st

from components import auth, cards, forms
from components.pagination import pager
from components.resources import view as resource_view
from components.state import transaction
from db import reference, resources
from db.errors import NotFound
from db.resources import browse as resource_browse
from db.roles import has_role

user = auth.require("contributor")
EVERY = "Tous"


def filters_bar() -> resource_browse.Filters:
    with transaction() as conn:
        facets = resource_browse.facets(conn)
        groups = reference.list_groups(conn)
        departments = {d.code: d.label for d in reference.list_departments(conn)}
        collections = resource_browse.list_collections(conn)
    a, b = st.columns([3, 1])
    query = a.text_input("Rechercher (titre, description, mots-clés)", key="rf_query",
                         placeholder="ex. diagnostic territorial")
    sort = b.selectbox("Trier", list(resource_browse.SORTS), key="rf_sort",
                       format_func=resource_browse.SORTS.get)
    a, b, c, d = st.columns(4)
    kind = a.selectbox("Type", [None, *resources.KIND_LABELS], key="rf_kind",
                       placeholder=EVERY, format_func=lambda k: resources.KIND_LABELS.get(k, EVERY))
    group = b.selectbox("Groupe", [None, *groups], key="rf_group",
                        placeholder=EVERY, format_func=lambda g: groups.get(g, EVERY))
    department = c.selectbox("Département", [None, *departments], key="rf_dep",
                             placeholder=EVERY, format_func=lambda x: departments.get(x, EVERY))
    tag = d.selectbox("Mot-clé", [None, *facets["tags"]], key="rf_tag",
                      placeholder=EVERY, format_func=lambda t: t or EVERY)
    a, b, c = st.columns(3)
    year = a.selectbox("Année", [None, *facets["years"]], key="rf_year",
                       placeholder="Toutes", format_func=lambda y: str(y) if y else "Toutes")
    licence = b.selectbox("Licence", [None, *facets["licences"]], key="rf_licence",
                          placeholder="Toutes", format_func=lambda x: x or "Toutes")
    collection = c.selectbox("Collection", [None, *collections], key="rf_collection",
                             placeholder="Toutes",
                             format_func=lambda x: collections.get(x, "Toutes"))
    return resource_browse.Filters(query=query, kind=kind, group_id=group,
                                   department_code=department, tag=tag, year=year,
                                   licence=licence, collection_id=collection, sort=sort)


def listing() -> None:
    st.title("Ressources partagées")
    st.markdown("Guides, fiches d'animation clé en main, comptes rendus de journées, "
                "méthodes : ce que les groupes de travail ont produit, à réutiliser.")
    forms.show_flash()
    if has_role(user, "member"):
        st.page_link("pages/resource_edit.py", label="Ajouter une ressource",
                     icon=":material/add:")
    chosen = filters_bar()
    with transaction() as conn:
        total = resource_browse.count_resources(conn, filters=chosen, viewer=user)
        offset = pager("rf_page", total, resource_browse.PER_PAGE)
        found = resource_browse.list_resources(conn, filters=chosen, offset=offset,
                                               viewer=user)
    st.caption(f"{total} ressource(s)")
    if not found:
        st.info("Aucune ressource ne correspond : élargissez la recherche"
                + (", ou partagez la première sur ce sujet." if has_role(user, "member")
                   else "."), icon=":material/info:")
    for card in found:
        cards.resource_card(card)


def detail(resource_id: int) -> None:
    with transaction() as conn:
        try:
            item = resource_browse.get_resource(conn, resource_id=resource_id, viewer=user)
        except NotFound as error:
            st.warning(str(error))
            st.button("← Toutes les ressources", on_click=st.query_params.clear)
            return
    st.button("← Toutes les ressources", on_click=st.query_params.clear)
    forms.show_flash()
    resource_view.detail(user, item)


if st.query_params.get("ressource", "").isdigit():
    detail(int(st.query_params["ressource"]))
else:
    listing()
