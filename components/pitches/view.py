"""A fiche as people read it: facts, sections, funders, follow, comments, exports."""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from components import downloads, forms, parts
from components.cards import french_date, moment
from components.markdown import escape, render, to_html
from components.state import transaction, write
from db import pitches
from db.pitches import SECTIONS, Pitch
from db.pitches import exports as pitch_exports
from db.pitches import talk as pitch_talk
from db.roles import User, has_role

ACTING = "pitch_comment_acting"  # the comment whose actions are open


def facts(pitch: Pitch) -> None:
    st.title(pitch.title)
    if pitch.state == "draft":
        st.warning("Brouillon : vous seul·e (et les organisateurs) voyez cette fiche.",
                   icon=":material/edit_note:")
    lines = [("Axe", pitch.axis), ("Structure porteuse", pitch.carrier),
             ("Département", pitch.department), ("Groupe de travail", pitch.group_name),
             ("Statut", pitches.STATUS_LABELS[pitch.status]),
             ("Chef de projet", " · ".join(filter(None, [pitch.contact_name, pitch.contact_role,
                                                          pitch.contact_email]))),
             ("Calendrier", " → ".join(french_date(d) for d in (pitch.start_date,
                                                               pitch.end_date) if d)),
             ("Mots-clés", pitch.tags)]
    st.markdown("  \n".join(f"**{label}** : {escape(str(value))}" for label, value in lines
                            if value))
    st.caption(f"Fiche de {pitch.owner_name} · mise à jour le {french_date(pitch.updated_at)}")


def funders(pitch: Pitch) -> None:
    if pitch.budget_eur is None:
        return
    st.subheader(f"Budget : {pitches.euros(pitch.budget_eur)}")
    if not pitch.funders:
        return
    data = pd.DataFrame([{"Financeur": f.funder, "Montant": float(f.amount_eur)}
                         for f in pitch.funders])
    chart = alt.Chart(data).mark_bar(color="#1f5f8b").encode(
        x=alt.X("Montant:Q", title="Montant (€)", axis=alt.Axis(format="d")),
        y=alt.Y("Financeur:N", title=None, axis=alt.Axis(labelLimit=280)),
        tooltip=["Financeur", "Montant"]).properties(height=alt.Step(28))
    summary = "Financeurs : " + ", ".join(f"{f.funder} {pitches.euros(f.amount_eur)}"
                                          for f in pitch.funders) + "."
    st.vega_lite_chart(chart.to_dict(), width="stretch", alt=summary)
    st.caption(summary)


def sections(pitch: Pitch) -> None:
    for key, label in SECTIONS.items():
        if getattr(pitch, key):
            st.subheader(label)
            render(getattr(pitch, key))


def exports(pitch: Pitch) -> None:
    stem = f"fiche-{pitch.id}"
    a, b = st.columns(2)
    a.download_button("Télécharger en Markdown", pitch_exports.to_markdown(pitch),
                      file_name=f"{stem}.md", mime="text/markdown", icon=":material/download:")
    with b:
        downloads.button("la version imprimable", f"print_{pitch.id}_{pitch.updated_at}",
                         lambda: pitch_exports.to_html(pitch, {
                             k: to_html(getattr(pitch, k) or "") for k in SECTIONS}),
                         file_name=f"{stem}.html", mime="text/html")


def follow(pitch: Pitch, user: User) -> None:
    with transaction() as conn:
        following = pitch_talk.follows(conn, user=user, pitch_id=pitch.id)
        count = pitch_talk.count_followers(conn, pitch_id=pitch.id)
        names = (pitch_talk.list_followers(conn, actor=user, pitch_id=pitch.id)
                 if pitches.may_edit(user, pitch) else None)
    st.button("Ne plus suivre" if following else "Je suis intéressé·e",
              icon=":material/star:" if following else ":material/star_border:",
              key=f"follow_{pitch.id}", on_click=forms.submit(
                  "follow", partial(on_toggle_follow, user, pitch)))
    if names is not None:
        st.caption(f"Intéressé·es ({count}) : " + (", ".join(names) or "personne encore"))
    else:
        st.caption(f"{count} intéressé·e(s)")


@parts.part
def comments(pitch: Pitch, user: User) -> None:
    """The discussion and its box: a comment, an edit, « Actions » redraw this part only."""
    with transaction() as conn:
        found = pitch_talk.list_comments(conn, pitch_id=pitch.id, viewer=user)
        allowed = pitch_talk.may_comment(conn, user)
    st.subheader(f"Commentaires ({len(found)})")
    if not found:
        st.caption("Aucun commentaire : posez une question, partagez une expérience proche.")
    for comment in found:
        with st.container(border=True):
            st.caption(f"{comment.author_name}, le {moment(comment.created_at)}")
            if comment.hidden_reason:
                st.caption(f"Commentaire masqué par la modération : {comment.hidden_reason}")
                continue
            render(comment.body)
            _comment_actions(comment, user)
    if allowed:
        form = f"comment_{pitch.id}"
        st.text_area("Votre commentaire (Markdown)", key=f"{form}_body")
        forms.field_error(form, "body")
        forms.form_error(form)
        token = forms.token(form)
        st.button("Publier le commentaire", key=forms.send_key(form), on_click=forms.submit(
            form, partial(on_comment, user, pitch, form, token),
            success="Commentaire publié.", reset={"body": ""}))
    else:
        st.caption("Les commentaires sont réservés aux personnels des MD.")


def _comment_actions(comment: pitch_talk.Comment, user: User) -> None:
    """Edit, delete, hide: behind one « Actions » button, open for one comment at a time
    (drawn for every comment, they made a long discussion slow to redraw)."""
    form = f"c{comment.id}"
    mine = comment.author_id == user.id
    if not (mine or has_role(user, "organiser")):
        return
    opened = st.session_state.get(ACTING) == comment.id
    st.button("Fermer" if opened else "Actions", key=f"{form}_actions",
              icon=":material/close:" if opened else ":material/more_horiz:",
              on_click=partial(on_toggle_actions, None if opened else comment.id))
    if not opened:
        return
    with st.container(border=True):
        if comment.editable_by(user):
            st.text_area("Modifier (15 minutes)", value=comment.body, key=f"{form}_body")
            st.button("Enregistrer", key=f"{form}_edit", on_click=forms.submit(
                form, partial(on_edit_comment, user, comment)))
        if mine:
            st.button("Supprimer mon commentaire", key=f"{form}_delete", on_click=forms.submit(
                form, partial(on_delete_comment, user, comment)))
        if has_role(user, "organiser"):
            st.text_input("Raison du masquage", key=f"{form}_reason")
            st.button("Masquer", key=f"{form}_hide", on_click=forms.submit(
                form, partial(on_hide_comment, user, comment)))
    forms.form_error(form)


def on_toggle_follow(user: User, pitch: Pitch) -> None:
    """« Je suis intéressé·e » / « Ne plus suivre »."""
    write(partial(pitch_talk.toggle_follow, actor=user, pitch_id=pitch.id))


def on_comment(user: User, pitch: Pitch, form: str, token: str) -> None:
    """« Publier le commentaire »."""
    write(partial(pitch_talk.add_comment, actor=user, pitch_id=pitch.id,
                  body=st.session_state.get(f"{form}_body", "")), once=token)


def on_toggle_actions(comment_id: int | None) -> None:
    """« Actions » / « Fermer »: one comment's actions open at a time."""
    st.session_state[ACTING] = comment_id


def on_edit_comment(user: User, comment: pitch_talk.Comment) -> None:
    """« Enregistrer » (within 15 minutes)."""
    write(partial(pitch_talk.edit_comment, actor=user, comment_id=comment.id,
                  body=st.session_state[f"c{comment.id}_body"]))


def on_delete_comment(user: User, comment: pitch_talk.Comment) -> None:
    """« Supprimer mon commentaire »."""
    write(partial(pitch_talk.delete_comment, actor=user, comment_id=comment.id))


def on_hide_comment(user: User, comment: pitch_talk.Comment) -> None:
    """« Masquer » (organisers), with the reason shown in its place."""
    write(partial(pitch_talk.hide_comment, actor=user, comment_id=comment.id,
                  reason=st.session_state.get(f"c{comment.id}_reason", "")))
