"""Add or edit a resource: a file (checked by content, 25 Mo at most) or a link, its
description, and what it belongs to. A new resource's fields are saved as a draft as
people type (components.drafts); a refused form keeps everything, the file included."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import drafts, forms
from components.state import file_store, transaction, write
from db import files, reference, resources
from db.resources import browse as resource_browse
from db.resources.browse import Resource
from db.roles import User

FIELDS = ("source", *resources.FIELDS)  # the draft: `ResourceInput`'s fields and the source
OPENED = "coopmd_open_resource"
SOURCES = {"file": "Un fichier", "link": "Un lien vers une page web"}


def _prefill(user: User, form: str, item: Resource | None,
             links: dict[str, int | None]) -> None:
    """Editing: the resource's values. Adding: the draft, and the fiche or day the page was
    opened from (« Ajouter une ressource » under a fiche)."""
    if item is None:
        drafts.restore(user, form, FIELDS)
        for field, value in links.items():
            if value is not None:
                st.session_state.setdefault(f"{form}_{field}", value)
        return
    if f"{form}_title" in st.session_state:
        return
    for field in FIELDS:
        if hasattr(item, field):
            st.session_state[f"{form}_{field}"] = getattr(item, field)
    st.session_state[f"{form}_source"] = "link" if item.url else "file"


def _choice(label: str, form: str, field: str, options: dict, every: str = "— Aucun —",
            **kwargs) -> None:
    st.selectbox(label, [None, *options], key=f"{form}_{field}", placeholder=every,
                 format_func=lambda x: options.get(x, every), **kwargs)
    forms.field_error(form, field)


def _what(form: str, item: Resource | None, keep) -> None:
    forms.text_input(form, "title", "Titre", max_chars=200, on_change=keep)
    st.selectbox("Type de ressource", list(resources.KIND_LABELS), key=f"{form}_kind",
                 format_func=forms.label(resources.KIND_LABELS), on_change=keep)
    st.text_area("Description (Markdown)", key=f"{form}_description", height=140,
                 on_change=keep)
    forms.field_error(form, "description")
    if item is not None:
        if item.file_id:
            st.caption("Le fichier se remplace depuis la page de la ressource (l'ancien "
                       "reste dans l'historique).")
        else:
            forms.text_input(form, "url", "Lien (http:// ou https://)", max_chars=1000)
        return
    source = st.radio("La ressource est…", list(SOURCES), key=f"{form}_source",
                      format_func=SOURCES.get, horizontal=True, on_change=keep)
    if source == "link":
        forms.text_input(form, "url", "Lien (http:// ou https://)", max_chars=1000,
                         placeholder="https://", on_change=keep)
        return
    st.file_uploader(f"Fichier ({files.ACCEPTED}, 25 Mo au plus)", key=f"{form}_file",
                     type=sorted({e for found in files.EXTENSIONS.values() for e in found}))
    forms.field_error(form, "file")


def _context(form: str, choices: dict, groups: dict, departments: dict, keep) -> None:
    a, b = st.columns(2)
    with a:
        _choice("Groupe de travail", form, "group_id", groups, on_change=keep)
        st.number_input("Année", min_value=1950, max_value=2100, step=1, value=None,
                        key=f"{form}_year", on_change=keep)
        forms.field_error(form, "year")
        _choice("Licence", form, "licence", {x: x for x in resources.LICENCES},
                "— Non précisée —", on_change=keep)
    with b:
        _choice("Département / MD", form, "department_code", departments, on_change=keep)
        forms.text_input(form, "audience", "Public visé (facultatif)", max_chars=120,
                         on_change=keep)
        forms.text_input(form, "tags", "Mots-clés, séparés par des virgules", max_chars=300,
                         on_change=keep)
    st.checkbox("Ressource publique : lisible aussi par les contributeurs du forum (sinon, "
                "par les seuls personnels des MD)", key=f"{form}_public", on_change=keep)
    _choice("Fiche projet liée", form, "pitch_id", choices["pitches"], on_change=keep)
    a, b = st.columns(2)
    with a:
        _choice("Journée liée", form, "event_id", choices["events"], on_change=keep)
    with b:
        event_id = st.session_state.get(f"{form}_event_id")
        _choice("Atelier de cette journée", form, "atelier_id",
                choices["ateliers"].get(event_id, {}), on_change=keep,
                disabled=not event_id)


def _input(form: str) -> resources.ResourceInput:
    """The form's fields; a file chosen as the source drops any link typed before."""
    if st.session_state.get(f"{form}_source") == "file":
        return forms.read(form, resources.ResourceInput, url=None)
    return forms.read(form, resources.ResourceInput)


def on_save_resource(user: User, form: str, item: Resource | None, token: str) -> int:
    """« Ajouter la ressource » / « Enregistrer »: the file, if any, goes in with the row."""
    data = _input(form)
    if item is not None:
        write(partial(resources.update_resource, actor=user, resource_id=item.id, data=data),
              once=token)
        return item.id
    sent = st.session_state.get(f"{form}_file")
    upload = resources.Upload(sent.name, sent.getvalue()) if sent is not None and \
        not data.url else None
    return write(partial(resources.create_resource, store=file_store(), actor=user, data=data,
                         upload=upload), once=token)


def _saved(user: User, form: str, item: Resource | None, resource_id: int | None) -> None:
    if item is None:
        drafts.discard(user, form, {})
    for key in [k for k in st.session_state if str(k).startswith(f"{form}_")]:
        del st.session_state[key]
    forms.flash("Ressource enregistrée." if item else "Ressource ajoutée : merci !")
    st.session_state[OPENED] = resource_id


def _blank(links: dict[str, int | None]) -> dict:
    """Each field's empty value (« Effacer le brouillon »): the fiche or day the form was
    opened from stays."""
    return {"title": "", "kind": next(iter(resources.KIND_LABELS)), "description": "",
            "source": "file", "url": "", "group_id": None, "department_code": None,
            "tags": "", "audience": "", "public": False, "year": None, "licence": None,
            "pitch_id": links.get("pitch_id"), "event_id": links.get("event_id"),
            "atelier_id": None}


def form_name(item: Resource | None, links: dict[str, int | None]) -> str:
    """One form (and one draft) per place it is opened from: a draft started under a fiche
    does not follow the person to « Ajouter une ressource » under a day."""
    if item is not None:
        return f"resf_{item.id}"
    where = "".join(f"_{k[0]}{v}" for k, v in sorted(links.items()) if v is not None)
    return f"resf_new{where}"


def editor(user: User, item: Resource | None, links: dict[str, int | None]) -> None:
    """Add (item None) or edit a resource."""
    form = form_name(item, links)
    _prefill(user, form, item, links)
    keep = drafts.saver(user, form, FIELDS) if item is None else None
    with transaction() as conn:
        choices = resource_browse.link_choices(conn, viewer=user)
        groups = reference.list_groups(conn)
        departments = {d.code: d.label for d in reference.list_departments(conn)}
    _what(form, item, keep)
    _context(form, choices, groups, departments, keep)
    forms.form_error(form)
    token = forms.token(form)
    st.button("Enregistrer" if item else "Ajouter la ressource", type="primary",
              key=forms.send_key(form), on_click=forms.submit(
                  form, partial(on_save_resource, user, form, item, token),
                  on_success=lambda resource_id: _saved(user, form, item, resource_id)))
    if item is None:
        drafts.notice(user, form, _blank(links))
