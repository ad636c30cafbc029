"""Describing a kit (its MD's staff): the form, new or edited in place, and its photos,
each with its named handler."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from components import forms, links
from components.kits.catalogue import md_names
from components.state import file_store, transaction, write
from db import forum, kits
from db.errors import ValidationError
from db.resources import browse as resource_browse
from db.roles import User, has_role


def on_save(user: User, form: str, token: str, kit_id: int | None) -> kits.Kit:
    """« Enregistrer le matériel »: a new kit, or the edited one."""
    data = forms.read(form, kits.KitInput)
    if kit_id is None:
        return write(partial(kits.create_kit, actor=user, data=data), once=token)
    return write(partial(kits.update_kit, actor=user, kit_id=kit_id, data=data), once=token)


def open_kit(kit: kits.Kit | None) -> None:
    """After a new kit is saved: its page, where its photos are added."""
    if kit is not None:  # None: a double click's second call (forms.submit)
        links.open_here({"malle": str(kit.id)})


def _initial(form: str, given: kits.Kit | None) -> None:
    """An edit form starts on the stored values, whatever the way in (once per token)."""
    if given is None or st.session_state.get(f"{form}__filled") == forms.token(form):
        return
    forms.set_values(form, {
        "title": given.title, "kind": given.kind, "department_code": given.department_code,
        "description": given.description, "theme_id": given.theme_id,
        "contents": "\n".join(f"{i.quantity} {i.item}" for i in given.items),
        "audience": given.audience, "insurance_eur": given.insurance_eur,
        "transport": given.transport, "min_days": given.min_days,
        "max_days": given.max_days, "buffer_days": given.buffer_days, "units": given.units,
        "status": given.status, "needs_approval": given.needs_approval,
        "resource_ids": [r for r, _ in given.resources]})
    st.session_state[f"{form}__filled"] = forms.token(form)


def kit_form(user: User, given: kits.Kit | None = None) -> None:
    form = f"kit_{given.id}" if given else "kit_new"
    token = forms.token(form)
    _initial(form, given)
    with transaction() as conn:
        mds = md_names(conn)
        themes = {t.id: f"Thème {t.position} — {t.title}" for t in forum.list_themes(conn)}
        linked = {r.id: r.title for r in resource_browse.list_resources(conn, limit=200,
                                                                        viewer=user)}
    with st.form(form, enter_to_submit=False):
        forms.text_input(form, "title", "Titre", placeholder="ex. Malle de création numérique")
        a, b = st.columns(2)
        a.selectbox("Type", list(kits.KINDS), key=f"{form}_kind",
                    format_func=forms.label(kits.KINDS))
        with b:
            if has_role(user, "organiser"):
                st.selectbox("MD qui prête", list(mds), key=f"{form}_department_code",
                             format_func=forms.label(mds), **_default(
                                 form, "department_code", user.department_code, list(mds)))
            else:
                st.text_input("MD qui prête", value=mds.get(user.department_code or "", ""),
                              disabled=True)
            forms.field_error(form, "department_code")
        forms.field_error(form, "kind")
        st.text_area("Description (Markdown)", key=f"{form}_description", height=100)
        forms.field_error(form, "description")
        st.text_area("Contenu : un objet par ligne, la quantité d'abord",
                     key=f"{form}_contents", height=100,
                     placeholder="10 tablettes tactiles\n2 makey makey\n1 guide d'animation")
        forms.field_error(form, "contents")
        _conditions(form)
        st.selectbox("Thème (facultatif)", [None, *themes], key=f"{form}_theme_id",
                     format_func=forms.label(themes, "— Aucun —"))
        st.multiselect("Ressources liées (fiche d'animation clé en main…)", list(linked),
                       key=f"{form}_resource_ids", format_func=forms.label(linked))
        forms.form_error(form)
        st.form_submit_button(
            "Enregistrer le matériel", type="primary", key=forms.send_key(form),
            on_click=forms.submit(form, partial(on_save, user, form, token,
                                                given.id if given else None),
                                  success="Matériel enregistré.",
                                  on_success=None if given else open_kit))


def _default(form: str, field: str, value: object,
             options: list | None = None) -> dict[str, Any]:
    """A widget's first value, unless the form already holds one (an edit, a failed
    submit): giving both made Streamlit warn and keep neither reliably."""
    if f"{form}_{field}" in st.session_state:
        return {}
    if options is not None:
        return {"index": options.index(value) if value in options else 0}
    return {"value": value}


def _conditions(form: str) -> None:
    """Audience, value, transport, lengths, buffer, units, state, validation."""
    a, b = st.columns(2)
    with a:
        forms.text_input(form, "audience", "Public (facultatif)",
                         placeholder="ex. tout public dès 8 ans")
    with b:
        st.number_input("Valeur d'assurance (€, facultative)", min_value=0, step=100,
                        key=f"{form}_insurance_eur", **_default(form, "insurance_eur", None))
        forms.field_error(form, "insurance_eur")
    st.selectbox("Transport", list(kits.TRANSPORTS), key=f"{form}_transport",
                 format_func=forms.label(kits.TRANSPORTS))
    columns = st.columns(4)
    for column, (field, label, low, default) in zip(columns, (
            ("min_days", "Prêt minimum (jours)", 1, 1),
            ("max_days", "Prêt maximum (jours)", 1, 30),
            ("buffer_days", "Délai entre deux prêts (jours)", 0, 2),
            ("units", "Unités identiques", 1, 1)), strict=True):
        with column:
            st.number_input(label, min_value=low, step=1, key=f"{form}_{field}",
                            **_default(form, field, default))
            forms.field_error(form, field)
    a, b = st.columns(2)
    a.selectbox("État", list(kits.KIT_STATUSES), key=f"{form}_status",
                format_func=forms.label(kits.KIT_STATUSES))
    b.checkbox("Chaque demande est validée par la MD (sinon, réservation immédiate)",
               key=f"{form}_needs_approval", **_default(form, "needs_approval", True))


def on_add_photos(user: User, kit_id: int, form: str) -> None:
    uploads = st.session_state.get(f"{form}_photos") or []
    if not uploads:
        raise ValidationError({"photos": "Choisissez une ou plusieurs photos (PNG ou JPEG)."})
    write(partial(kits.add_photos, store=file_store(), actor=user, kit_id=kit_id,
                  uploads=[(u.name, u.getvalue()) for u in uploads]))


def photo_adder(user: User, kit: kits.Kit) -> None:
    form = f"photos_{kit.id}"
    st.file_uploader("Photos (PNG ou JPEG)", key=f"{form}_photos", accept_multiple_files=True,
                     type=["png", "jpg", "jpeg"])
    forms.field_error(form, "photos")
    st.button("Ajouter les photos", key=f"{form}_add", icon=":material/add_a_photo:",
              on_click=forms.submit(form, partial(on_add_photos, user, kit.id, form),
                                    success="Photos ajoutées."))
    forms.form_error(form)
