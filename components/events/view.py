"""How a day looks to everyone: header, programme with places left, registration box."""

from __future__ import annotations

from functools import partial
from typing import Any

import sqlalchemy as sa
import streamlit as st

from components import forms
from components.cards import french_date, hour
from components.events import questions as day_questions
from components.markdown import escape, render
from components.state import app_url, transaction, write
from db import events
from db.events import Event, Slot, attestations, exports, questions, registrations
from db.events.answers import Answers
from db.roles import User


def header(event: Event) -> None:
    st.title(event.title)
    when = (f"{french_date(event.day, weekday=True).capitalize()}, de {hour(event.starts_at)} "
            f"à {hour(event.ends_at)}")
    where = ", ".join(filter(None, [event.place, event.address]))
    quota = (f" · au plus {event.md_quota} personne{'s' if event.md_quota > 1 else ''} par MD"
             if event.md_quota else "")
    st.markdown(f":material/event: **{when}**  \n:material/place: {escape(where)}  \n"
                f":material/groups: {events.AUDIENCES[event.audience]}{quota}")
    if event.status == "cancelled":
        st.error(f"Journée annulée. {event.cancel_message or ''}")
    elif reason := event.registration_state():
        st.info(reason, icon=":material/lock:")
    elif event.registration_closes_at:
        st.caption(f"Inscriptions ouvertes jusqu'au {french_date(event.registration_closes_at)}"
                   f" à {hour(event.registration_closes_at.time())}.")
    if event.description:
        render(event.description)


def atelier_label(atelier: events.Atelier) -> str:
    places = (f"{atelier.remaining} place{'s' if atelier.remaining > 1 else ''} "
              f"restante{'s' if atelier.remaining > 1 else ''}" if atelier.remaining else
              f"complet · liste d'attente ({atelier.waiting})")
    if atelier.md_quota and atelier.remaining:
        places += f", {atelier.md_quota} au plus par MD"
        if atelier.none_for_my_md:
            places += " : celles de votre MD sont prises (liste d'attente)"
    who = " – ".join(filter(None, [atelier.facilitator, atelier.room]))
    return f"{atelier.title}{' (' + who + ')' if who else ''} — {places}"


def programme(slots: list[Slot]) -> None:
    st.subheader("Programme")
    if not slots:
        st.info("Le programme n'est pas encore publié.")
    for slot in slots:
        until = f"–{hour(slot.ends_at)}" if slot.ends_at else ""
        st.markdown(f"**{hour(slot.starts_at)}{until}** · {escape(slot.title)}")
        if slot.description:
            with st.container():
                render(slot.description)
        for atelier in slot.ateliers:
            st.markdown(f"- {escape(atelier_label(atelier))}")


def choice_inputs(form: str, slots: list[Slot], current: dict[int, int],
                  wishes: dict[int, tuple[int, ...]] | None = None) -> None:
    """One atelier per choice slot; in a slot that takes ranked wishes, up to three in
    order of preference (the order they are picked in)."""
    for slot in (s for s in slots if s.is_choice and s.ateliers):
        ids = [a.id for a in slot.ateliers]
        labels = {a.id: atelier_label(a) for a in slot.ateliers}
        if slot.takes_wishes:
            st.multiselect(f"{slot.title} ({hour(slot.starts_at)}) : vos vœux, par ordre de "
                           "préférence", ids, key=f"{form}_wishes_{slot.id}",
                           max_selections=3, format_func=forms.label(labels),
                           default=list((wishes or {}).get(slot.id, ())),
                           placeholder="Votre 1er vœu, puis le 2e, puis le 3e",
                           help="Les organisateurs attribuent ensuite les ateliers en donnant "
                                "au plus grand nombre son premier vœu.")
            continue
        st.radio(f"{slot.title} ({hour(slot.starts_at)}) : un atelier", ids,
                 index=ids.index(current[slot.id]) if slot.id in current else None,
                 key=f"{form}_slot_{slot.id}", format_func=labels.get)
    forms.field_error(form, "choices")
    forms.field_error(form, "wishes")


def chosen(form: str, slots: list[Slot]) -> dict[int, int]:
    return {s.id: st.session_state[f"{form}_slot_{s.id}"] for s in slots
            if s.is_choice and not s.takes_wishes
            and st.session_state.get(f"{form}_slot_{s.id}") is not None}


def wished(form: str, slots: list[Slot]) -> dict[int, list[int]]:
    """The ranked wishes of the slots that take them, 1st first."""
    return {s.id: list(st.session_state.get(f"{form}_wishes_{s.id}") or [])
            for s in slots if s.takes_wishes}


def standard_inputs(form: str, event: Event, stored: registrations.Registration | None = None,
                    *, colleague: bool = False) -> None:
    """The usual questions the day asks (all four by default), in the first person or, for
    a colleague, the third; `stored` gives an edit form its values (own defaults)."""
    asks = event.standard_questions

    def start(value: object) -> dict[str, Any]:
        return {"value": value} if stored else {}

    if "lunch" in asks:
        st.checkbox("Déjeune sur place" if colleague else "Je déjeune sur place",
                    key=f"{form}_lunch", **start(stored and stored.lunch))
    if "dietary" in asks:
        forms.text_input(form, "dietary", ("Son régime" if colleague else "Régime")
                         + " alimentaire (facultatif)", max_chars=300,
                         **start(stored and (stored.dietary or "")))
    if "accessibility_needs" in asks:
        forms.text_input(form, "accessibility_needs", ("Ses besoins" if colleague else
                                                       "Besoins") + " d'accessibilité "
                         "(facultatif)", max_chars=500,
                         **start(stored and (stored.accessibility_needs or "")))
    if "comment" in asks and not colleague:
        st.text_area("Commentaire (facultatif)", key=f"{form}_comment",
                     **start(stored and (stored.comment or "")))


def registration_form(event: Event, slots: list[Slot], user: User,
                      asked: list[questions.Question]) -> None:
    form = f"register_{event.id}"
    token = forms.token(form)
    with st.form(form, enter_to_submit=False):
        st.subheader("M'inscrire")
        choice_inputs(form, slots, {})
        standard_inputs(form, event)
        day_questions.reply_inputs(form, asked)
        forms.form_error(form)
        st.form_submit_button("Valider mon inscription", type="primary",
                              key=forms.send_key(form), on_click=forms.submit(
                                  form, partial(on_register, user, event, slots, asked, form,
                                                token),
                                  success="Inscription enregistrée."))


def read_answers(form: str, asked: list[questions.Question]) -> Answers:
    """The four questions of every day and the day's own, as one `Answers`."""
    return forms.read(form, Answers,
                      replies=day_questions.replies(form, asked))


def on_register(user: User, event: Event, slots: list[Slot], asked: list[questions.Question],
                form: str, token: str) -> registrations.Registration:
    """« Valider mon inscription »."""
    return write(partial(registrations.register, actor=user, event_id=event.id,
                         choices=chosen(form, slots), wishes=wished(form, slots),
                         answers=read_answers(form, asked)), once=token)


def on_save_answers(user: User, registration: registrations.Registration,
                    asked: list[questions.Question], form: str) -> registrations.Registration:
    """« Enregistrer mes réponses »: until registrations close."""
    return write(partial(registrations.set_answers, actor=user,
                         registration_id=registration.id, answers=read_answers(form, asked)))


def answers_form(event: Event, registration: registrations.Registration, user: User,
                 asked: list[questions.Question]) -> None:
    """The usual questions and the day's own, as stored (the widgets' own defaults: see
    `components.events.forms.day_form`)."""
    form = f"answers_{registration.id}"
    with st.form(form, enter_to_submit=False):
        standard_inputs(form, event, registration)
        day_questions.reply_inputs(form, asked, registration.replies)
        forms.form_error(form)
        st.form_submit_button("Enregistrer mes réponses", key=forms.send_key(form),
                              on_click=forms.submit(form, partial(
                                  on_save_answers, user, registration, asked, form),
                                  success="Réponses enregistrées."))


STATUS_TEXT = {"confirmed": ":green[Confirmée]", "waitlisted": ":orange[En liste d'attente]"}


def my_registration(event: Event, slots: list[Slot], registration, user: User,
                    asked: list[questions.Question]) -> None:
    st.subheader("Mon inscription")
    if event.status == "cancelled":
        st.markdown("Statut : **:red[Annulée — la journée n'aura pas lieu]**")
    else:
        st.markdown(f"Statut : **{STATUS_TEXT[registration.status]}** · déjeuner : "
                    f"{'oui' if registration.lunch else 'non'}")
    ateliers = {a.id: a for slot in slots for a in slot.ateliers}
    for slot in (s for s in slots if s.takes_wishes and s.id in registration.wishes):
        ranked = ", ".join(f"{n}. {escape(ateliers[a].title)}" for n, a in enumerate(
            registration.wishes[slot.id], 1) if a in ateliers)
        st.markdown(f"- {escape(slot.title)} : vœux **{ranked}** — attribution à venir")
    for choice in registration.choices:
        rank = f" — position {choice.rank} en liste d'attente" if choice.rank else " — confirmé"
        held = ateliers.get(choice.atelier_id)
        if choice.rank and held and held.md_quota and held.remaining:  # places, not for my MD
            rank += f" (les {held.md_quota} places par MD sont prises)" \
                if held.md_quota > 1 else " (la place par MD est prise)"
        st.markdown(f"- Atelier : **{escape(choice.atelier_title)}**{rank}")
    _downloads(event, slots, registration)
    _attestation(event, registration, user)
    if reason := event.registration_state():
        if event.status != "cancelled" and not event.is_past():
            st.caption(f"{reason} Pour changer d'atelier ou annuler, écrivez aux "
                       "organisateurs : eux peuvent encore le faire.")
        return
    if event.standard_questions or asked:
        with st.expander("Mes réponses (déjeuner, régime, questions)"):
            answers_form(event, registration, user, asked)
    with st.expander("Changer d'atelier ou annuler"):
        change_form(event, slots, registration, user)


def on_change_ateliers(user: User, registration: registrations.Registration,
                       slots: list[Slot], form: str) -> str:
    """« Enregistrer le changement »: every slot's choice in one transaction; says where
    the person now stands in each atelier."""
    give_up = bool(st.session_state.get(f"{form}_give_up"))
    def work(conn: sa.Connection) -> str:
        for slot_id, atelier_id in chosen(form, slots).items():
            registrations.change_choice(conn, actor=user, registration_id=registration.id,
                                        slot_id=slot_id, atelier_id=atelier_id,
                                        give_up_place=give_up)
        for slot_id, ateliers in wished(form, slots).items():
            registrations.set_wishes(conn, actor=user, registration_id=registration.id,
                                     slot_id=slot_id, ateliers=ateliers)
        after = registrations.get_registration(conn, registration_id=registration.id)
        return "; ".join([f"« {c.atelier_title} » : " + (
            f"position {c.rank} en liste d'attente" if c.rank else "place confirmée")
            for c in after.choices] + ["vœux enregistrés"] * bool(after.wishes))
    return write(work)


def change_form(event: Event, slots: list[Slot], registration, user: User,
                whose: str | None = None) -> None:
    """Change atelier (never losing a confirmed place without saying so) or cancel;
    `whose` names the colleague when it is not one's own registration."""
    form = f"change_{registration.id}"
    mine = whose is None
    choice_inputs(form, slots, {c.slot_id: c.atelier_id for c in registration.choices},
                  registration.wishes)
    if "complet" in forms.errors(form).get("choices", ""):
        st.checkbox("J'accepte de perdre ma place confirmée" if mine else
                    f"J'accepte que {whose} perde sa place confirmée", key=f"{form}_give_up")
    st.button("Enregistrer le changement", key=f"{form}_go", on_click=forms.submit(
        form, partial(on_change_ateliers, user, registration, slots, form),
        on_success=on_changed))
    if registration.status == "waitlisted":
        st.caption("Pour quitter la liste d'attente, choisissez un atelier qui a encore "
                   "des places, ou annulez votre inscription.")
    sure = st.checkbox("Je confirme vouloir annuler mon inscription" if mine else
                       f"Je confirme vouloir annuler l'inscription de {whose}",
                       key=f"{form}_sure")
    st.button("Annuler mon inscription" if mine else "Annuler son inscription",
              key=f"{form}_cancel", disabled=not sure,
              on_click=forms.submit(form, partial(on_cancel_registration, user, registration),
                                    success="Inscription annulée : la place est proposée à "
                                            "la personne suivante."))
    forms.form_error(form)


def on_changed(told: str) -> None:
    forms.flash(f"Atelier modifié — {told}.")


def on_cancel_registration(user: User, registration: registrations.Registration) -> None:
    """« Annuler mon inscription », once confirmed."""
    write(partial(registrations.cancel, actor=user, registration_id=registration.id))


def _attestation(event: Event, registration, user: User) -> None:
    """From the day on, for a person marked present at the desk."""
    if registration.checked_in_at is None:
        return
    with transaction() as conn:
        ready = attestations.own_attestation(conn, user=user, event_id=event.id)
    if ready:
        name, pdf = ready
        st.download_button("Mon attestation de présence (PDF)", pdf, file_name=name,
                           mime="application/pdf", icon=":material/workspace_premium:",
                           on_click="ignore")


def _downloads(event: Event, slots: list[Slot], registration) -> None:
    """The day's .ics (a cancelled day's says so), and one per confirmed atelier."""
    link = app_url(f"events?event={event.id}")
    if event.is_past():
        return
    label = ("Retirer la journée de mon agenda (.ics d'annulation)"
             if event.status == "cancelled" else "Ajouter la journée à mon agenda (.ics)")
    st.download_button(label, exports.ics(event, url=link),
                       file_name=f"journee-{event.day:%Y-%m-%d}.ics", mime="text/calendar",
                       icon=":material/calendar_add_on:")
    by_id = {a.id: (a, s) for s in slots for a in s.ateliers}
    for choice in registration.choices if event.status != "cancelled" else ():
        if choice.rank:  # waiting: nothing to put in a diary yet
            continue
        atelier, slot = by_id[choice.atelier_id]
        data = exports.ics(event, url=link, atelier=(
            atelier.title, slot.starts_at, slot.ends_at or event.ends_at, atelier.room))
        st.download_button(f"Ajouter l'atelier « {atelier.title} » (.ics)", data,
                           file_name=f"atelier-{atelier.id}.ics", mime="text/calendar",
                           key=f"ics_{atelier.id}", icon=":material/calendar_add_on:")
