"""A resource as people use it: what it is, the file to download (with a preview for
images), its earlier versions, and what its owner or an organiser can do with it."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import downloads, forms
from components.cards import KIND_ICONS, french_date, resource_card, section
from components.markdown import escape, render
from components.state import current_user, file_store, transaction, write
from db import resources
from db.resources import browse as resource_browse
from db.resources.browse import Resource
from db.roles import User, has_role


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")


def facts(item: Resource) -> None:
    rows = [("Type", resources.KIND_LABELS.get(item.kind, item.kind)),
            ("Groupe de travail", item.group_name), ("Département", item.department_name),
            ("Année", str(item.year) if item.year else None), ("Public", item.audience),
            ("Lecture", "publique (contributeurs compris)" if item.public else
             "personnels des MD"),
            ("Licence", item.licence), ("Collection", item.collection_name),
            ("Mots-clés", ", ".join(item.tag_list)),
            ("Ajoutée par", f"{item.owner_name}, le {french_date(item.created_at)}")]
    st.markdown("\n".join(f"- **{label}** : {escape(value)}" for label, value in rows
                          if value))


def attachments(item: Resource) -> None:
    """Where the resource belongs: a fiche projet, a day and one of its ateliers."""
    if item.pitch_id:
        st.page_link("pages/pitches.py", label=f"Fiche projet : {item.pitch_title}",
                     query_params={"fiche": str(item.pitch_id)}, icon=":material/description:")
    if item.event_id:
        label = f"Journée : {item.event_title}" + (
            f" — atelier « {item.atelier_title} »" if item.atelier_title else "")
        st.page_link("pages/events.py", label=label, query_params={"event": str(item.event_id)},
                     icon=":material/event:")


def _fetch(item: Resource, viewer: User | None, version_id: int | None = None) -> bytes:
    """Run by the download button when clicked, outside the page's run: the viewer is given."""
    def work(conn) -> bytes:
        return resources.download(conn, file_store(), resource_id=item.id,
                                  version_id=version_id, viewer=viewer)[0]
    return write(work)  # counts the download


def the_file(item: Resource) -> None:
    """The link to open, or the file to download (images shown first)."""
    if item.url:
        st.link_button("Ouvrir la ressource", item.url, icon=":material/open_in_new:",
                       type="primary")
        st.markdown(f"Lien externe : {item.url}")
        return
    st.markdown(f":material/{KIND_ICONS.get(item.kind, 'description')}: "
                f"**{escape(item.file_name or '')}** · {size_text(item.size)} · "
                f"{item.downloads} téléchargement(s)")
    if item.mime and item.mime.startswith("image/") and item.file_id:
        st.image(downloads.stored_file(item.file_id), caption=f"Aperçu : {item.title}", width=480)
    elif item.mime == "application/pdf" and item.file_id and st.toggle(
            "Aperçu du PDF", key=f"pdf_preview_{item.id}"):
        st.pdf(downloads.stored_file(item.file_id), height=600, alt=f"Aperçu du PDF : {item.title}")
    with transaction() as conn:
        twins = resource_browse.sharing_the_file(conn, resource_id=item.id)
    if twins:
        st.caption("Le même fichier est aussi partagé dans : " + ", ".join(
            f"« {escape(title)} »" for _, title in twins) + " (il n'est stocké qu'une fois).")
    downloads.button("le fichier", f"resource_{item.id}_{item.file_id}",
                     partial(_fetch, item, current_user()),
                     file_name=item.file_name or "ressource",
                     mime=item.mime or "application/octet-stream")


def versions(item: Resource) -> None:
    if not item.versions:
        return
    with st.expander(f"Versions précédentes ({len(item.versions)})",
                     icon=":material/history:"):
        for version in item.versions:
            st.caption(f"{escape(version.file_name)} · {size_text(version.size)} · remplacée "
                       f"le {french_date(version.created_at)}"
                       + (f" par {version.replaced_by}" if version.replaced_by else ""))
            downloads.button(f"la version « {version.file_name} »",
                             f"resource_version_{version.id}",
                             partial(_fetch, item, current_user(), version.id),
                             file_name=version.file_name, mime="application/octet-stream")


def manage(user: User, item: Resource) -> None:
    """Edit, replace the file, delete (owner, organisers); file in a collection."""
    if item.owner_id != user.id and not has_role(user, "organiser"):
        return
    form = f"res_{item.id}"
    st.divider()
    st.page_link("pages/resource_edit.py", label="Modifier la description",
                 query_params={"ressource": str(item.id)}, icon=":material/edit:")
    if item.file_id:
        with st.expander("Remplacer le fichier (l'actuel reste dans l'historique)",
                         icon=":material/upload_file:"):
            upload = st.file_uploader("Nouveau fichier", key=f"{form}_file")
            forms.field_error(form, "file")
            st.button("Remplacer", key=f"{form}_replace", disabled=upload is None,
                      on_click=forms.submit(form, partial(on_replace_file, user, item, form),
                                            success="Fichier remplacé."))
    if has_role(user, "organiser"):
        _collection(user, item, form)
    with st.expander("Supprimer la ressource", icon=":material/delete:"):
        sure = st.checkbox("Je confirme la suppression (définitive, versions comprises)",
                           key=f"{form}_sure")
        st.button("Supprimer", key=f"{form}_delete", disabled=not sure,
                  on_click=forms.submit(form, partial(on_delete_resource, user, item),
                                        success="Ressource supprimée.", on_success=_leave))
    forms.form_error(form)


def on_replace_file(user: User, item: Resource, form: str) -> None:
    """« Remplacer »: the chosen file becomes the current version."""
    sent = st.session_state[f"{form}_file"]
    write(partial(resources.replace_file, store=file_store(), actor=user, resource_id=item.id,
                  upload=resources.Upload(sent.name, sent.getvalue())))


def on_delete_resource(user: User, item: Resource) -> None:
    """« Supprimer », once confirmed: the resource and its versions."""
    write(partial(resources.delete_resource, store=file_store(), actor=user, resource_id=item.id))


def on_file_in_collection(user: User, item: Resource, form: str) -> None:
    """« Ranger »: the chosen collection, or none."""
    write(partial(resources.file_in_collection, actor=user, resource_id=item.id,
                  collection_id=st.session_state.get(f"{form}_collection")))


def on_create_collection(user: User, form: str, token: str) -> int:
    """« Créer la collection »."""
    return write(partial(resources.create_collection, actor=user,
                         name=st.session_state.get(f"{form}_new_collection", "")),
                 once=token)


def _leave(_: object = None) -> None:
    """Deleted: back to the list (the address named the resource)."""
    st.query_params.clear()


def _collection(user: User, item: Resource, form: str) -> None:
    with transaction() as conn:
        known = resource_browse.list_collections(conn)
    # keyed: it stays open after « Créer la collection » (the flash above moved it)
    with st.expander("Ranger dans une collection", icon=":material/folder:",
                     key=f"{form}_collections", on_change="rerun"):
        st.selectbox("Collection", [None, *known], key=f"{form}_collection",
                     index=[None, *known].index(item.collection_id)
                     if item.collection_id in known else 0,
                     placeholder="— Aucune —", format_func=lambda c: known.get(c, "— Aucune —"))
        st.button("Ranger", key=f"{form}_collect", on_click=forms.submit(
            form, partial(on_file_in_collection, user, item, form),
            success="Collection enregistrée."))
        st.text_input("Nouvelle collection", key=f"{form}_new_collection",
                      placeholder="ex. Journée Ardèche 2021")
        forms.field_error(f"{form}_new", "name")
        token = forms.token(f"{form}_new")
        st.button("Créer la collection", key=forms.send_key(f"{form}_new"),
                  on_click=forms.submit(f"{form}_new", partial(on_create_collection, user, form,
                                                               token),
                                        success="Collection créée : choisissez-la ci-dessus.",
                                        on_success=lambda _: forms.set_values(
                                            form, {"new_collection": ""})))
        forms.form_error(f"{form}_new")


def detail(user: User, item: Resource) -> None:
    st.title(item.title)
    left, right = st.columns([3, 2])
    with left:
        render(item.description or "*Pas de description.*")
        the_file(item)
        versions(item)
    with right, st.container(border=True):
        facts(item)
        attachments(item)
    manage(user, item)


def attached_section(*, pitch_id: int | None = None, event_id: int | None = None) -> None:
    """« Ressources » under a fiche or a day: what people attached to it."""
    with transaction() as conn:
        found = resource_browse.attached(conn, pitch_id=pitch_id, event_id=event_id,
                                         viewer=current_user())
    section("Ressources associées", found, resource_card,
            "Aucune ressource associée pour l'instant.")
    user = current_user()
    if user is not None and has_role(user, "member"):
        link = {"fiche": str(pitch_id)} if pitch_id is not None else {"event": str(event_id)}
        st.page_link("pages/resource_edit.py", label="Ajouter une ressource ici",
                     query_params=link, icon=":material/add:")
