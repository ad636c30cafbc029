"""In-app notifications (the bell in the sidebar)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db import mailer
from db.engine import now
from db.errors import ValidationError
from db.roles import User
from db.schema import notification_prefs, notifications

# what a person may tune (« Mon compte → Notifications »): each kind of notification
# belongs to one category; a kind in none is always said in the app and by e-mail
CATEGORIES: dict[str, tuple[str, frozenset[str]]] = {
    "inscriptions": ("Journées et inscriptions", frozenset({
        "confirmation", "waitlist", "promotion", "moved", "unregistered", "event_cancelled",
        "allocation", "day_message", "survey", "followup"})),
    "forum": ("Forum : thèmes et sujets suivis", frozenset({"forum"})),
    "mentions": ("Quand on me mentionne (@identifiant)", frozenset({"mention"})),
    "propositions": ("Réponses à mes propositions", frozenset({"proposition_answer"})),
    "feuille_de_route": ("Feuilles de route", frozenset({"roadmap"})),
    "groupes": ("Groupes de travail et fiches projet", frozenset({"group",
                                                                  "pitch_comment"})),
    "prets": ("Prêts de matériel (malles, expositions…)", frozenset({"kit"})),
    "moderation": ("Modération (organisateurs)", frozenset({"moderation", "post_hidden"})),
}
CHANNELS = {"both": "Dans Coop'MD et par courriel", "app": "Dans Coop'MD seulement",
            "email": "Par courriel seulement", "off": "Jamais"}


def category_of(kind: str) -> str | None:
    return next((key for key, (_, kinds) in CATEGORIES.items() if kind in kinds), None)


def channel(conn: sa.Connection, *, user_id: int, kind: str) -> str:
    """How this person wants this kind of notification (« both » unless they chose)."""
    category = category_of(kind)
    if category is None:
        return "both"
    return conn.execute(sa.select(notification_prefs.c.channel).where(
        notification_prefs.c.user_id == user_id,
        notification_prefs.c.category == category)).scalar() or "both"


def get_prefs(conn: sa.Connection, *, user: User) -> dict[str, str]:
    chosen = dict(conn.execute(sa.select(notification_prefs.c.category,
                                         notification_prefs.c.channel)
                               .where(notification_prefs.c.user_id == user.id)).tuples().all())
    return {key: chosen.get(key, "both") for key in CATEGORIES}


def set_prefs(conn: sa.Connection, *, actor: User, prefs: dict[str, str]) -> None:
    """The person's own choices, every category at once."""
    if any(k not in CATEGORIES or v not in CHANNELS for k, v in prefs.items()):
        raise ValidationError({"prefs": "Choix de notification inconnu."})
    conn.execute(notification_prefs.delete().where(notification_prefs.c.user_id == actor.id))
    rows = [{"user_id": actor.id, "category": k, "channel": v} for k, v in prefs.items()
            if v != "both"]
    if rows:
        conn.execute(notification_prefs.insert(), rows)


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    text: str
    link: str | None
    created_at: datetime
    read_at: datetime | None


def notify(conn: sa.Connection, *, user_id: int, kind: str, text: str,
           link: str | None = None, email_subject: str | None = None,
           attachment: tuple[str, bytes] | None = None) -> None:
    """In-app notification; also an email (through the outbox) when a subject is given
    and email is configured; each as the person chose for this kind (`channel`)."""
    chosen = channel(conn, user_id=user_id, kind=kind)
    if chosen in ("both", "app"):
        conn.execute(notifications.insert().values(user_id=user_id, kind=kind,
                                                   text=text[:300], link=link,
                                                   created_at=now()))
    if email_subject and chosen in ("both", "email"):
        body = text + (f"\n\nVoir sur Coop'MD : {mailer.public_url(conn)}{link}" if link
                       else "")
        mailer.enqueue(conn, user_id=user_id, subject=f"Coop'MD — {email_subject}",
                       body=body, attachment=attachment)


def unread_count(conn: sa.Connection, *, user: User) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(notifications).where(
        notifications.c.user_id == user.id, notifications.c.read_at.is_(None))).scalar_one()


def list_recent(conn: sa.Connection, *, user: User, limit: int = 20) -> list[Notification]:
    rows = conn.execute(sa.select(notifications).where(notifications.c.user_id == user.id)
                        .order_by(notifications.c.id.desc()).limit(limit))
    return [Notification(r.id, r.kind, r.text, r.link, r.created_at, r.read_at) for r in rows]


def mark_all_read(conn: sa.Connection, *, user: User) -> None:
    conn.execute(notifications.update().where(notifications.c.user_id == user.id,
                                              notifications.c.read_at.is_(None))
                 .values(read_at=now()))


def mark_read(conn: sa.Connection, *, user: User, ids: list[int]) -> None:
    """Only the user's own notifications: ids come from the browser."""
    conn.execute(notifications.update().where(notifications.c.user_id == user.id,
                                              notifications.c.id.in_(ids),
                                              notifications.c.read_at.is_(None))
                 .values(read_at=now()))
