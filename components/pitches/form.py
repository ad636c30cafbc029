"""The fiche editor. What is typed is kept in a session store (not only in widgets), so it
survives a failed validation and a visit to another page, and saved as a draft in the
database (`db.drafts`, per person and form) at every change, so it survives a reload, a
closed tab or an expired session too. Similar fiches show up while the title is typed, so
people find the MD that already did it."""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from components import forms
from components.cards import moment
from components.markdown import escape
from components.state import transaction, write
from db import drafts, pitches, reference
from db.pitches import SECTIONS, Pitch
from db.pitches import browse as pitch_browse
from db.roles import User

FIELDS = pitches.FIELDS  # the fields of `pitches.FicheInput`, funders aside


DATES = ("start_date", "end_date")


def _from_pitch(pitch: Pitch | None) -> dict:
    seed = {f: getattr(pitch, f) for f in FIELDS} if pitch else {}
    if pitch and pitch.budget_eur is not None:
        seed["budget_eur"] = pitches.euros(pitch.budget_eur).replace(" €", "")
    seed["funders"] = [{"funder": f.funder, "amount_eur": float(f.amount_eur)}
                       for f in (pitch.funders if pitch else ())]
    return seed


def _from_draft(draft: dict) -> dict:
    """A saved draft as the widgets take it back (dates were stored as text)."""
    kept = dict(draft)
    for name in DATES:
        if isinstance(kept.get(name), str):
            kept[name] = date.fromisoformat(kept[name])
    return kept


def _store(user: User, form: str, pitch: Pitch | None) -> dict:
    """The kept draft of this form: the person's saved draft if any, else the fiche being
    edited (or nothing). Its funders seed the table once (see `_money_and_dates`)."""
    key = f"{form}__kept"
    if key not in st.session_state:
        with transaction() as conn:
            draft = drafts.load(conn, user=user, form=form)
        kept = _from_draft(draft.content) if draft else _from_pitch(pitch)
        kept["funders_seed"] = kept.get("funders") or []
        st.session_state[key] = kept
        st.session_state[f"{form}__restored"] = draft.updated_at if draft else None
    return st.session_state[key]


def _save_draft(user: User, form: str) -> None:
    kept = st.session_state[f"{form}__kept"]
    content = {**{f: kept.get(f) for f in FIELDS}, "funders": kept.get("funders")}
    write(partial(drafts.save, user=user, form=form, content=content))
    st.session_state[f"{form}__draft_saved"] = True


def _keep(user: User, form: str, field: str) -> None:
    st.session_state[f"{form}__kept"][field] = st.session_state[f"{form}_{field}"]
    _save_draft(user, form)


def _bind(form: str, field: str, kept: dict, options: list | None = None) -> dict:
    """Widget kwargs: key, restored value, and a callback keeping every change. The kept
    value goes in as the widget's own `value=`/`index=` (the key alone is its identity):
    set through `st.session_state`, it reached the browser only with the run that set it,
    and a run cut short by the sign-in cookie's rerun left the fields empty after a reload."""
    bound = {"key": f"{form}_{field}", "on_change": _keep,
             "args": (kept["__user"], form, field)}
    value = kept.get(field)
    if options is not None:
        bound["index"] = options.index(value) if value in options else 0
    elif field in DATES:
        bound["value"] = value
    else:
        bound["value"] = value or ""
    return bound


def _text(form: str, field: str, label: str, kept: dict, **kwargs: object) -> None:
    st.text_input(label, **_bind(form, field, kept), **forms.length_hint(kwargs))
    forms.field_error(form, field)


def _similar(title: str, pitch: Pitch | None, user: User) -> None:
    if len(title.strip()) < 6:
        return
    with transaction() as conn:
        found = pitch_browse.list_similar(conn, viewer=user, title=title,
                                     exclude_id=pitch.id if pitch else None, limit=3)
    if found:
        names = "; ".join(f"« {escape(card.title)} » ({escape(card.department or '—')})"
                          for card, _ in found)
        st.info(f"Des fiches proches existent déjà : {names}. Jetez-y un œil avant de "
                "réécrire ce qu'une autre MD a déjà fait.", icon=":material/lightbulb:")


def _identity(form: str, kept: dict, user: User, pitch: Pitch | None) -> None:
    with transaction() as conn:
        departments = reference.list_departments(conn)
        groups = reference.list_groups(conn)
    _text(form, "title", "Titre du projet", kept, max_chars=200)
    _similar(st.session_state.get(f"{form}_title") or "", pitch, user)
    _text(form, "axis", "Axe (facultatif)", kept, max_chars=200,
          placeholder="ex. Axe 1 : développer une offre numérique")
    a, b = st.columns(2)
    with a:
        _text(form, "carrier", "Structure porteuse", kept, max_chars=200,
              placeholder="ex. Médiathèque départementale de la Loire")
        labels = {d.code: d.label for d in departments}
        codes = [None, *labels]
        st.selectbox("Département", codes, placeholder="—",
                     format_func=lambda c: labels.get(c, "—"),
                     **_bind(form, "department_code", kept, codes))
    with b:
        statuses = list(pitches.STATUS_LABELS)
        st.selectbox("Statut", statuses, format_func=forms.label(pitches.STATUS_LABELS),
                     **_bind(form, "status", kept, statuses))
        group_ids = [None, *groups]
        st.selectbox("Groupe de travail", group_ids, placeholder="—",
                     format_func=lambda g: groups.get(g, "—"),
                     **_bind(form, "group_id", kept, group_ids))
    c, d, e = st.columns(3)
    with c:
        _text(form, "contact_name", "Chef de projet", kept, max_chars=120)
    with d:
        _text(form, "contact_role", "Sa fonction", kept, max_chars=120)
    with e:
        _text(form, "contact_email", "Son e-mail", kept, max_chars=254)


def _money_and_dates(form: str, kept: dict) -> None:
    a, b, c = st.columns(3)
    with a:
        _text(form, "budget_eur", "Budget total (€)", kept, placeholder="ex. 35 000")
    b.date_input("Début", format="DD/MM/YYYY", **_bind(form, "start_date", kept))
    c.date_input("Fin", format="DD/MM/YYYY", **_bind(form, "end_date", kept))
    forms.field_error(form, "end_date")
    st.caption("Financeurs : leurs montants doivent égaler le budget (ex. État 17 500, "
               "Département 17 500).")
    # the table's data must stay the same object's content from run to run: the editor
    # keeps the edits as differences from it, and feeding it back its own result (as
    # before) applied them twice, dropping every other edit
    edited = st.data_editor(
        pd.DataFrame(kept["funders_seed"], columns=["funder", "amount_eur"]),
        num_rows="dynamic", key=f"{form}_funders_editor", width="stretch",
        column_config={"funder": st.column_config.TextColumn("Financeur", max_chars=120),
                       "amount_eur": st.column_config.NumberColumn("Montant (€)", min_value=0,
                                                                   format="%.2f")})
    rows = edited.dropna(how="all").astype(object)
    funders = rows.where(pd.notna(rows), None).to_dict("records")
    if funders != kept.get("funders"):
        kept["funders"] = funders
        _save_draft(kept["__user"], form)
    forms.field_error(form, "funders")
    _text(form, "tags", "Mots-clés (séparés par des virgules)", kept, max_chars=300)


def _sections(form: str, kept: dict) -> None:
    for field, label in SECTIONS.items():
        required = " (obligatoire)" if field == "summary" else ""
        st.text_area(f"{label}{required} — Markdown", height=120 if field != "summary" else 90,
                     **_bind(form, field, kept))
        forms.field_error(form, field)


def _draft_notice(form: str) -> None:
    restored = st.session_state.get(f"{form}__restored")
    if restored:
        st.caption(f"Brouillon repris (enregistré le {moment(restored)}) : rien de ce que "
                   "vous aviez tapé n'est perdu.")
    elif st.session_state.get(f"{form}__draft_saved"):
        st.caption("Brouillon enregistré automatiquement à chaque modification.")


def _input(form: str) -> pitches.FicheInput:
    kept = st.session_state[f"{form}__kept"]
    return pitches.FicheInput(**{f: kept.get(f) for f in FIELDS},
                              funders=tuple(kept.get("funders") or ()))


def _saved(user: User, form: str, fiche: Pitch) -> None:
    """Saved: the draft is done with; the next visit reads the fiche again. (The page
    changes, so the emptied widgets are not drawn again with stale text.)"""
    write(partial(drafts.discard, user=user, form=form))
    for key in [k for k in st.session_state if str(k).startswith(f"{form}_")]:
        del st.session_state[key]
    st.session_state["coopmd_open_fiche"] = fiche.id


def editor(user: User, pitch: Pitch | None) -> None:
    """Create (pitch None) or edit a fiche; saving as a draft or publishing."""
    form = f"pitch_{pitch.id if pitch else 'new'}"
    kept = _store(user, form, pitch)
    kept["__user"] = user
    _identity(form, kept, user, pitch)
    _money_and_dates(form, kept)
    _sections(form, kept)
    forms.form_error(form)

    _draft_notice(form)

    done = partial(_saved, user, form)
    left, right = st.columns(2)
    left.button("Enregistrer comme brouillon", key=f"{form}_draft", on_click=forms.submit(
        form, partial(on_save_fiche, user, pitch, form, publish=False),
        success="Brouillon enregistré : vous seul·e le voyez.", on_success=done))
    right.button("Publier la fiche", type="primary", key=f"{form}_publish",
                 on_click=forms.submit(form, partial(on_save_fiche, user, pitch, form,
                                                     publish=True),
                                       success="Fiche publiée.", on_success=done))


def on_save_fiche(user: User, pitch: Pitch | None, form: str, *, publish: bool) -> Pitch:
    """« Enregistrer comme brouillon » / « Publier la fiche »: a new fiche, or the fiche
    saved and its state set, in one transaction."""
    def save(conn: sa.Connection) -> Pitch:
        if pitch is None:
            return pitches.create_pitch(conn, actor=user, data=_input(form), publish=publish)
        pitches.update_pitch(conn, actor=user, pitch_id=pitch.id, data=_input(form))
        return pitches.set_state(conn, actor=user, pitch_id=pitch.id, published=publish)
    return write(save)
