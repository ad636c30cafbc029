"""Rechercher: one box across fiches, forum contributions, resources and days."""

import streamlit as st

from components import auth, links
from components.markdown import escape, highlight
from components.state import transaction
from db import global_search, search

user = auth.require("contributor")

st.title("Rechercher")
query = st.text_input("Rechercher dans les fiches, le forum, les ressources et les journées",
                      key="gs_query", placeholder="ex. inclusion numérique Drôme")
if not search.terms(query):
    st.info("Tapez un ou plusieurs mots : accents, majuscules et pluriels n'ont pas "
            "d'importance.", icon=":material/search:")
    st.stop()
with transaction() as conn:
    results = global_search.everywhere(conn, viewer=user, query=query)
terms = search.terms(query)
st.caption(" · ".join(f"{global_search.KINDS[r.kind]} : {r.total}" for r in results))
if not any(r.total for r in results):
    st.info("Aucun résultat : essayez un mot plus court ou plus général.",
            icon=":material/info:")
for found in results:
    if not found.total:
        continue
    st.subheader(f"{global_search.KINDS[found.kind]} ({found.total})")
    for hit in found.hits:
        with st.container(border=True):
            st.markdown(f"{highlight(hit.title, terms, 30) or escape(hit.title)}  \n"
                        f":gray[{escape(hit.meta)}]\n\n{highlight(hit.text, terms)}")
            links.item_link("Ouvrir", hit.page, hit.params)
    if found.total > len(found.hits):
        st.caption(f"… et {found.total - len(found.hits)} autre(s) : affinez la recherche "
                   "ou utilisez les filtres de la page correspondante.")
