"""Forum « inclusion numérique »: themes, their contributions, a thread."""

import streamlit as st

from components import auth, folds, forms
from components.forum import answers as forum_answers
from components.forum import view as forum_view
from components.markdown import escape
from components.pagination import pager
from components.state import transaction
from db import forum, reference
from db.errors import NotFound
from db.roles import has_role

user = auth.require("contributor")


def overview() -> None:
    st.title("Forum inclusion numérique")
    st.markdown("Partagez vos **retours d'expérience**, signalez des **points de vigilance** "
                "et faites des **propositions** pour une feuille de route commune des "
                "bibliothèques et des acteurs de la médiation numérique.")
    forms.show_flash()
    with transaction() as conn:
        items = forum.list_themes(conn)
    for item in items:
        forum_view.theme_card(item)
    if has_role(user, "organiser"):
        with folds.fold("Créer un thème", key="ff_new_theme", icon=":material/add:") as opened:
            if opened:
                forum_view.theme_form(user)


def theme_page(theme_id: int) -> None:
    with transaction() as conn:
        item = forum.get_theme(conn, theme_id=theme_id)
        departments = {d.code: d.label for d in reference.list_departments(conn)}
    st.button("← Tous les thèmes", on_click=st.query_params.clear)
    st.title(f"Thème {item.position} — {escape(item.title)}")
    st.caption(item.description)
    forum_view.follow_button(user, theme_id=theme_id)
    forms.show_flash()
    if item.open:
        if st.toggle("Contribuer à ce thème", key=f"ff_write_{theme_id}"):
            with st.container(border=True):
                forum_view.contribute_form(user, theme_id, departments)
    else:
        st.info("Ce thème est clos : les contributions restent lisibles.",
                icon=":material/lock:")
    if has_role(user, "organiser"):
        with folds.fold("Administrer ce thème", key=f"ff_admin_{theme_id}",
                        icon=":material/settings:") as opened:
            if opened:
                forum_view.theme_form(user, item)
        if st.toggle("Voir la synthèse pour le groupe de travail", key="ff_synthesis"):
            forum_view.synthesis(user, item)
            return
    chosen = _filters(theme_id, departments)
    with transaction() as conn:
        total = forum.count_threads(conn, viewer=user, theme_id=theme_id, filters=chosen)
        offset = pager("ff_page", total, 20)
        found = forum.list_threads(conn, viewer=user, theme_id=theme_id, filters=chosen,
                                 offset=offset)
    st.caption(f"{total} contribution(s)")
    if not found and chosen == forum.Filters(sort=chosen.sort):
        st.info("Aucune contribution ici pour l'instant : activez « Contribuer à ce thème ».")
    elif not found:
        st.info("Aucune contribution ne correspond à cette recherche : élargissez les filtres.")
    for card in found:
        forum_view.thread_card(card, theme_id)


def _filters(theme_id: int, departments: dict[str, str]) -> forum.Filters:
    """Search box, sort and filters above a theme's contributions."""
    tags = forum_view.theme_tags(theme_id)
    a, b = st.columns([3, 1])
    query = a.text_input("Rechercher (accents et pluriels sans importance)", key="ff_query")
    sort = b.selectbox("Trier", list(forum.SORTS), key="ff_sort", format_func=forum.SORTS.get)
    a, b, c = st.columns(3)
    kind = a.selectbox("Type", [None, *forum.CONTRIBUTION_KINDS], key="ff_kind",
                       placeholder="Tous", format_func=lambda k: forum.KIND_LABELS.get(k, "Tous"))
    department = b.selectbox("Département", [None, *departments], key="ff_dep",
                             placeholder="Tous", format_func=lambda d: departments.get(d, "Tous"))
    organisation = c.selectbox("Structure", [None, *forum.ORGANISATION_TYPES], key="ff_org",
                               placeholder="Toutes",
                               format_func=lambda o: forum.ORGANISATION_TYPES.get(o, "Toutes"))
    a, b, c = st.columns(3)
    tag = a.selectbox("Mot-clé", [None, *tags], key="ff_tag",
                      placeholder="Tous", format_func=lambda t: t or "Tous")
    state = b.selectbox("Réponse aux propositions", list(forum_answers.STATE_FILTER),
                        key="ff_state",
                        format_func=forms.label(forum_answers.STATE_FILTER))
    period = c.date_input("Période (du … au …)", value=(), key="ff_period",
                          format="DD/MM/YYYY")
    since, until = [*period, None, None][:2]
    return forum.Filters(query=query, kind=kind, department_code=department,
                         organisation_type=organisation, tag=tag, since=since,
                         until=until or since, sort=sort, state=state)


def thread_page(post_id: int) -> None:
    with transaction() as conn:
        try:
            head = forum.get_head(conn, viewer=user, post_id=post_id)
        except NotFound as error:
            st.warning(str(error))
            return
    st.button("← Retour aux contributions", on_click=lambda: st.query_params.pop("sujet"))
    forms.show_flash()
    st.title(escape(head.title))
    forum_view.post(head, user, thread_author=head.author_id,
                    thread_id=head.id if head.status == "published" else None)
    forum_answers.answer_section(user, head)
    forum_view.follow_button(user, post_id=head.id)
    forum_view.replies(user, head)


params = st.query_params
if params.get("sujet", "").isdigit():
    thread_page(int(params["sujet"]))
elif params.get("theme", "").isdigit():
    theme_page(int(params["theme"]))
else:
    overview()
