"""The forum as people read and write it: theme cards, thread cards, a thread, forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from components import charts, downloads, drafts, folds, forms, parts
from components.cards import bordered_card, french_date
from components.markdown import escape, render
from components.state import app_url, transaction, write
from db import forum
from db.forum import Theme, ThemeSummary, ThreadCard, mentions
from db.forum import answers as forum_answers
from db.forum import follows as forum_follows
from db.forum import moderation as forum_moderation
from db.forum import posts as forum_posts
from db.forum import synthesis as forum_synthesis
from db.forum import theme_admin as forum_themes
from db.roles import User, has_role


def theme_card(item: ThemeSummary) -> None:
    counts = ", ".join(f"{n} {forum.KIND_LABELS[k].lower()}" for k, n in item.counts.items())
    state = "ouvert" if item.open else "clos (lecture seule)"
    last = f" · dernière activité le {french_date(item.last_activity)}" if item.last_activity \
        else ""
    bordered_card(f"Thème {item.position} — {item.title}",
                  f"{state} · {counts or 'aucune contribution'}{last}", item.description,
                  link=("pages/forum.py", {"theme": str(item.id)}))


def thread_card(thread: ThreadCard, theme_id: int) -> None:
    """Its link keeps the theme: « Retour aux contributions » goes back to it."""
    waiting = " · en attente de validation" if thread.status == "pending" else ""
    state = f" · {forum_answers.STATES[thread.answer_state]}" if thread.answer_state else ""
    meta = (f"{forum.KIND_LABELS[thread.kind]}{state} · {thread.author_name}, le "
            f"{french_date(thread.created_at)} · +{thread.plus_ones} · {thread.replies} "
            f"réponse(s){waiting}")
    bordered_card(thread.title, meta, link=("pages/forum.py", {"theme": str(theme_id),
                                                                "sujet": str(thread.id)}))


def post(card: ThreadCard, user: User, *, thread_author: int,
         thread_id: int | None = None) -> None:
    """One message of a thread; `thread_author` may mark replies as useful; « Citer »
    puts it, quoted with a link back, in the thread's reply box (`thread_id`)."""
    head = card.kind != "reponse"
    with st.container(border=True):
        kind = forum.KIND_LABELS[card.kind]
        if card.useful:
            st.markdown(":green-badge[:material/check: Réponse utile]")
        st.caption(f"{kind} · {card.author_name}, le {french_date(card.created_at)}"
                   + (" · modifié" if card.edited_at else "")
                   + (" · en attente de validation" if card.status == "pending" else ""))
        render(card.body)
        _own_actions(card, user, head)
        if (not head and user.id == thread_author) or (not head and has_role(user, "organiser")):
            st.button("Retirer « réponse utile »" if card.useful else "Marquer comme réponse utile",
                      key=f"useful_{card.id}", on_click=forms.submit(
                          f"p{card.id}", partial(on_mark_useful, user, card)))
        if card.status != "published":
            return
        left, middle, right = st.columns([1, 1, 3])
        if thread_id is not None:
            middle.button("Citer", key=f"quote_{card.id}", icon=":material/format_quote:",
                          on_click=partial(on_quote, thread_id, card))
        own = card.author_id == user.id
        left.button(f"+1 ({card.plus_ones})", key=f"plus_{card.id}", disabled=own,
                    help="On ne soutient pas son propre message." if own else
                    "Soutenir ce message (cliquer à nouveau pour retirer)",
                    on_click=forms.submit(f"p{card.id}", partial(on_plus_one, user, card)))
        with right.popover("Signaler", icon=":material/flag:"):
            st.text_input("Pourquoi ce message pose-t-il problème ?", key=f"p{card.id}_reason")
            forms.field_error(f"p{card.id}", "reason")
            st.button("Envoyer le signalement", key=f"report_{card.id}", on_click=forms.submit(
                f"p{card.id}", partial(on_report, user, card),
                success="Merci : les organisateurs examineront ce message."))
        forms.form_error(f"p{card.id}")


def quote(thread_id: int, card: ThreadCard) -> str:
    """The message as a Markdown quote, with who wrote it and a link back to it."""
    lines = "\n".join(f"> {line}" if line else ">" for line in card.body.splitlines())
    return (f"> **{card.author_name}** a écrit ([voir le message]"
            f"(forum?sujet={thread_id})) :\n>\n{lines}\n\n")


def on_quote(thread_id: int, card: ThreadCard) -> None:
    """« Citer »: the quote goes at the end of what is being typed in the reply box."""
    key = f"reply_{thread_id}_body"
    typed = st.session_state.get(key) or ""
    st.session_state[key] = (typed.rstrip() + "\n\n" if typed.strip() else "") + \
        quote(thread_id, card)


def on_mention(form: str) -> None:
    """« Mentionner »: « @identifiant » goes at the end of the text, the box empties."""
    name = st.session_state.get(f"{form}_mention")
    if name:
        typed = (st.session_state.get(f"{form}_body") or "").rstrip()
        # after a quote, a line of its own: on the quote's last line it would be quoted
        after = "\n\n" if typed.splitlines()[-1:] and typed.splitlines()[-1].startswith(">") \
            else " "
        st.session_state[f"{form}_body"] = f"{typed}{after}@{name} ".lstrip()
        st.session_state[f"{form}_mention"] = None


def mention_box(user: User, form: str, thread_id: int) -> None:
    with transaction() as conn:
        people = mentions.list_mentionable(conn, viewer=user, thread_id=thread_id)
    if people:
        st.selectbox("Mentionner quelqu'un (il ou elle sera prévenu·e)", list(people),
                     key=f"{form}_mention", index=None, placeholder="Choisir une personne",
                     format_func=forms.label(people), on_change=on_mention, args=(form,))


def on_mark_useful(user: User, card: ThreadCard) -> None:
    """« Marquer comme réponse utile » (the thread's author or an organiser)."""
    write(partial(forum_posts.mark_useful, actor=user, reply_id=card.id,
                  useful=not card.useful))


def on_plus_one(user: User, card: ThreadCard) -> None:
    """« +1 », a second click takes it back."""
    write(partial(forum_posts.toggle_plus_one, actor=user, post_id=card.id))


def on_report(user: User, card: ThreadCard) -> None:
    """« Envoyer le signalement »."""
    write(partial(forum_moderation.report, actor=user, post_id=card.id,
                  reason=st.session_state.get(f"p{card.id}_reason", "")))


def on_edit_post(user: User, card: ThreadCard) -> None:
    """« Enregistrer » in « Modifier ou supprimer » (within 30 minutes)."""
    form = f"p{card.id}"
    write(partial(forum_posts.edit_own, actor=user, post_id=card.id,
                  body=st.session_state[f"{form}_body"],
                  title=st.session_state.get(f"{form}_title")))


def on_delete_post(user: User, card: ThreadCard) -> None:
    """« Supprimer mon message », once confirmed."""
    write(partial(forum_posts.delete_own, actor=user, post_id=card.id))


def _own_actions(card: ThreadCard, user: User, head: bool) -> None:
    if card.author_id != user.id:
        return
    form = f"p{card.id}"
    with st.popover("Modifier ou supprimer", icon=":material/edit:"):
        if head:
            st.text_input("Titre", value=card.title, key=f"{form}_title")
        st.text_area("Texte (modifiable 30 minutes)", value=card.body, key=f"{form}_body")
        forms.field_error(form, "body")
        st.button("Enregistrer", key=f"{form}_edit", on_click=forms.submit(
            form, partial(on_edit_post, user, card), success="Message modifié."))
        if st.checkbox("Je confirme la suppression", key=f"{form}_sure"):
            st.button("Supprimer mon message", key=f"{form}_delete", on_click=forms.submit(
                form, partial(on_delete_post, user, card), success="Message supprimé."))


def _posted(result: forum_posts.Posted | None) -> None:
    """None: a second click found the first one's post written (see `forms.submit`)."""
    if result is None:
        forms.flash("Message enregistré.")
        return
    forms.flash("Contribution publiée." if result.status == "published" else
                "Merci ! Votre première contribution sera visible après validation par un "
                "organisateur.")


# each field of a contribution and the value that empties its widget
CONTRIBUTION_BLANK = {"kind": forum.CONTRIBUTION_KINDS[0], "title": "", "body": "",
                      "organisation_type": None, "department_code": None, "tags": ""}
CONTRIBUTION_FIELDS = tuple(CONTRIBUTION_BLANK)
REPLY_BLANK = {"body": ""}


@st.cache_data(ttl=300, show_spinner=False, max_entries=50)
def theme_tags(theme_id: int) -> list[str]:
    """The keywords offered by a theme's filter: cached (reading them means reading every
    contribution), cleared when someone posts, at most five minutes stale otherwise."""
    with transaction() as conn:
        return forum.list_theme_tags(conn, theme_id=theme_id)


def contribute_form(user: User, theme_id: int, departments: dict[str, str]) -> None:
    """A new contribution; every change is saved as a draft (see components.drafts)."""
    form, fields = f"contribute_{theme_id}", CONTRIBUTION_FIELDS
    drafts.restore(user, form, fields)
    keep = drafts.saver(user, form, fields)
    forms.text_input(form, "title", "Titre", max_chars=200, on_change=keep)
    st.radio("Type de contribution", forum.CONTRIBUTION_KINDS, key=f"{form}_kind",
             format_func=forum.KIND_LABELS.get, horizontal=True, on_change=keep)
    st.text_area("Votre contribution (Markdown)", key=f"{form}_body", height=160,
                 on_change=keep)
    forms.field_error(form, "body")
    a, b = st.columns(2)
    a.selectbox("Votre structure (facultatif)", [None, *forum.ORGANISATION_TYPES],
                key=f"{form}_organisation_type", on_change=keep,
                placeholder="—", format_func=lambda x: forum.ORGANISATION_TYPES.get(x, "—"))
    b.selectbox("Département (facultatif)", [None, *departments], key=f"{form}_department_code",
                placeholder="—", format_func=lambda x: departments.get(x, "—"), on_change=keep)
    forms.text_input(form, "tags", "Mots-clés, séparés par des virgules (facultatif)",
                     max_chars=300, on_change=keep)
    if st.toggle("Aperçu", key=f"{form}_preview") and st.session_state.get(f"{form}_body"):
        with st.container(border=True):
            render(st.session_state[f"{form}_body"])
    forms.form_error(form)
    token = forms.token(form)
    st.button("Publier la contribution", type="primary", key=forms.send_key(form),
              on_click=forms.submit(form, partial(on_contribute, user, theme_id, form, token),
                                    on_success=partial(on_contributed, user, form)))
    drafts.notice(user, form, CONTRIBUTION_BLANK)


def on_contribute(user: User, theme_id: int, form: str, token: str) -> forum_posts.Posted:
    """« Publier la contribution »."""
    return write(partial(forum_posts.contribute, actor=user, theme_id=theme_id,
                         **forms.values(form, *CONTRIBUTION_FIELDS)), once=token)


def on_contributed(user: User, form: str, result: forum_posts.Posted | None) -> None:
    """Said, the draft gone, the theme's keywords read again."""
    _posted(result)
    drafts.discard(user, form, CONTRIBUTION_BLANK)
    theme_tags.clear()


@parts.part
def replies(user: User, head: ThreadCard) -> None:
    """A thread's replies and its reply box: a reply, a +1, a quote redraw this part only."""
    with transaction() as conn:
        answers = forum.list_replies(conn, viewer=user, post_id=head.id)
    st.subheader(f"Réponses ({len([a for a in answers if a.status == 'published'])})")
    for answer in answers:
        post(answer, user, thread_author=head.author_id,
             thread_id=head.id if head.status == "published" else None)
    if head.status == "published":
        reply_form(user, head.id)
    elif head.status == "hidden":
        st.caption("Ce sujet est masqué par la modération : ses réponses restent lisibles, "
                   "il n'en reçoit plus.")


def reply_form(user: User, thread_id: int) -> None:
    form = f"reply_{thread_id}"
    drafts.restore(user, form, ["body"])
    # folded: its list of everyone who reads the forum (2,300 people at region scale) sent
    # with every page of every thread held 500 kB per rerun in the server (#17: RSS)
    with folds.fold("Mentionner quelqu'un", key=f"{form}_mentions",
              icon=":material/alternate_email:") as opened:
        if opened:
            mention_box(user, form, thread_id)
    st.text_area("Répondre (Markdown)", key=f"{form}_body", height=100,
                 on_change=drafts.saver(user, form, ["body"]))
    forms.field_error(form, "body")
    forms.form_error(form)
    token = forms.token(form)
    st.button("Publier la réponse", key=forms.send_key(form), on_click=forms.submit(
        form, partial(on_reply, user, thread_id, form, token),
        on_success=partial(on_replied, user, form)))
    drafts.notice(user, form, REPLY_BLANK)


def on_reply(user: User, thread_id: int, form: str, token: str) -> forum_posts.Posted:
    """« Publier la réponse »."""
    return write(partial(forum_posts.reply, actor=user, post_id=thread_id,
                         body=st.session_state.get(f"{form}_body", "")), once=token)


def on_replied(user: User, form: str, result: forum_posts.Posted | None) -> None:
    _posted(result)
    drafts.discard(user, form, REPLY_BLANK)


def theme_form(user: User, item: Theme | None = None) -> None:
    """Create a theme (item None) or edit one, for organisers; close or reopen it."""
    form = f"theme_form_{item.id if item else 'new'}"
    if item and f"{form}_title" not in st.session_state:
        for field in ("title", "description", "opens_on", "closes_on"):
            st.session_state[f"{form}_{field}"] = getattr(item, field)
    forms.text_input(form, "title", "Titre du thème", max_chars=300)
    st.text_area("Description", key=f"{form}_description", height=90)
    a, b = st.columns(2)
    a.date_input("Ouverture (facultatif)", key=f"{form}_opens_on", value=None,
                 format="DD/MM/YYYY")
    b.date_input("Clôture (facultatif)", key=f"{form}_closes_on", value=None,
                 format="DD/MM/YYYY")
    forms.field_error(form, "closes_on")
    forms.form_error(form)
    if item is None:
        token = forms.token(form)
        st.button("Créer le thème", key=forms.send_key(form, "go"), on_click=forms.submit(
            form, partial(on_create_theme, user, form, token), success="Thème créé.",
            reset={"title": "", "description": "", "opens_on": None, "closes_on": None}))
        return
    st.button("Enregistrer le thème", key=f"{form}_go", on_click=forms.submit(
        form, partial(on_update_theme, user, item, form), success="Thème enregistré."))
    closing = item.status == "open"
    st.button("Clore le thème (lecture seule)" if closing else "Rouvrir le thème",
              key=f"{form}_state", on_click=forms.submit(
                  form, partial(on_set_theme_open, user, item, not closing),
                  success="Thème clos." if closing else "Thème rouvert."))


THEME_FIELDS = ("title", "description", "opens_on", "closes_on")


def on_create_theme(user: User, form: str, token: str) -> None:
    """« Créer le thème »."""
    write(partial(forum_themes.create_theme, actor=user,
                  **forms.values(form, *THEME_FIELDS)), once=token)


def on_update_theme(user: User, item: Theme, form: str) -> None:
    """« Enregistrer le thème »."""
    write(partial(forum_themes.update_theme, actor=user, theme_id=item.id,
                  **forms.values(form, *THEME_FIELDS)))


def on_set_theme_open(user: User, item: Theme, open_: bool) -> None:
    """« Clore le thème » / « Rouvrir le thème »."""
    write(partial(forum_themes.set_open, actor=user, theme_id=item.id, open_=open_))


def follow_button(user: User, *, theme_id: int | None = None,
                  post_id: int | None = None) -> None:
    """« Suivre » a theme or a thread: notifications for what gets published there."""
    with transaction() as conn:
        following = forum_follows.follows(conn, user=user, theme_id=theme_id, post_id=post_id)
    what = "ce thème" if theme_id else "ce sujet"
    st.button(f"Ne plus suivre {what}" if following else f"Suivre {what}",
              icon=":material/notifications_off:" if following else ":material/notifications:",
              key=f"follow_{theme_id}_{post_id}", on_click=forms.submit(
                  "forum_follow", partial(on_toggle_follow, user, theme_id, post_id)))


def on_toggle_follow(user: User, theme_id: int | None, post_id: int | None) -> None:
    """« Suivre » / « Ne plus suivre »."""
    write(partial(forum_follows.toggle, actor=user, theme_id=theme_id, post_id=post_id))


def synthesis(user: User, item: Theme) -> None:
    """What the working group needs for its roadmap: figures, the most supported
    propositions, and the whole theme to download (Markdown, CSV, XLSX)."""
    with transaction() as conn:
        summary = forum_synthesis.get_overview(conn, actor=user, theme_id=item.id)
    left, right = st.columns(2)
    with left:
        st.markdown("**Par type**")
        charts.contributions_by_kind(summary.by_kind, forum.KIND_LABELS)
    with right:
        st.markdown("**Au fil des mois**")
        charts.contributions_by_month(summary.by_month, forum.KIND_LABELS)
    st.markdown("**Propositions les plus soutenues**")
    if not summary.top_propositions:
        st.caption("Aucune proposition publiée pour l'instant.")
    for rank, card in enumerate(summary.top_propositions, 1):
        st.markdown(f"{rank}. {escape(card.title)} — :gray[+{card.plus_ones}, "
                    f"{card.replies} réponse(s), {escape(card.author_name)}]")
    _synthesis_downloads(user, item, f"{summary.total}_{summary.changed_at}")


def _synthesis_downloads(user: User, item: Theme, version: str) -> None:
    """The synthesis files, built on demand (links point to this app's forum)."""
    builders: dict[str, Callable[..., bytes | str]] = {
        "md": forum_synthesis.markdown, "csv": forum_synthesis.csv, "xlsx": forum_synthesis.xlsx}
    mimes = {"md": "text/markdown", "csv": "text/csv", "xlsx": forum_synthesis.XLSX}
    stamp = f"{item.id}_{version}"
    base_url = app_url()  # read here: the builder runs outside the page's run
    for column, (kind, label) in zip(st.columns(3), (("md", "Markdown"), ("csv", "CSV"),
                                                     ("xlsx", "XLSX")), strict=True):
        def build(kind: str = kind) -> bytes | str:
            with transaction() as conn:
                return builders[kind](conn, actor=user, theme_id=item.id, base_url=base_url)
        with column:
            downloads.button(f"la synthèse ({label})", f"synthesis_{kind}_{stamp}",
                             build, file_name=f"synthese-theme-{item.position}.{kind}",
                             mime=mimes[kind])
