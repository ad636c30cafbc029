"""E-mail digests: once a day or once a week, what a person was told in Coop'MD over the
period — new posts in the themes and threads they follow, replies, mentions, answers to
their propositions, their groups' fiches, roadmap changes — grouped by category, with
links, through the outbox. Each person's digest of a period is sent once, whatever the
number of app processes (a unique row per person and period). Each carries a signed,
one-use unsubscribe link that works without signing in (also as List-Unsubscribe).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import jwt
import sqlalchemy as sa

from db import audit, mailer, notifications, settings
from db.engine import PARIS, now, paris
from db.errors import ValidationError
from db.roles import User
from db.schema import digest_subscriptions, digests_sent, used_tokens, users
from db.schema import notifications as notification_rows

FREQUENCIES = {"daily": "Chaque jour", "weekly": "Chaque semaine (le lundi)"}
SENT_AT = time(7, 0)  # Paris time: the digest of the period ending then
KEY = "unsubscribe_key"
ALGORITHM = "HS256"
TOKEN_DAYS = 90


@dataclass(frozen=True)
class Digest:
    user_id: int
    start: datetime
    end: datetime
    sections: list[tuple[str, list[tuple[str, str | None]]]]  # (category, [(text, link)])

    @property
    def items(self) -> int:
        return sum(len(lines) for _, lines in self.sections)


def set_digest(conn: sa.Connection, *, actor: User, frequency: str | None) -> None:
    """The person's own choice: daily, weekly, or None (no digest)."""
    if frequency is not None and frequency not in FREQUENCIES:
        raise ValidationError({"frequency": "Fréquence inconnue."})
    conn.execute(digest_subscriptions.delete().where(
        digest_subscriptions.c.user_id == actor.id))
    if frequency:
        conn.execute(digest_subscriptions.insert().values(user_id=actor.id,
                                                          frequency=frequency,
                                                          created_at=now()))


def get_digest(conn: sa.Connection, *, user: User) -> str | None:
    return conn.execute(sa.select(digest_subscriptions.c.frequency).where(
        digest_subscriptions.c.user_id == user.id)).scalar()


def period(frequency: str, at: datetime) -> tuple[datetime, datetime]:
    """The last whole period before `at`: it ends at 7 h, Paris time, today (or yesterday
    before 7 h) for a daily digest, on the last Monday for a weekly one."""
    local = paris(at)  # naive, French wall-clock time
    end = local.replace(hour=SENT_AT.hour, minute=0, second=0, microsecond=0)
    if end > local:
        end -= timedelta(days=1)
    if frequency == "weekly":
        end -= timedelta(days=end.weekday())
    start = end - timedelta(days=1 if frequency == "daily" else 7)
    return start.replace(tzinfo=PARIS), end.replace(tzinfo=PARIS)


def build(conn: sa.Connection, *, user_id: int, start: datetime,
          end: datetime) -> Digest:
    """What the person was told in the app during [start, end), by category."""
    rows = conn.execute(sa.select(notification_rows.c.kind, notification_rows.c.text,
                                  notification_rows.c.link).where(
        notification_rows.c.user_id == user_id, notification_rows.c.created_at >= start,
        notification_rows.c.created_at < end).order_by(notification_rows.c.id))
    grouped: dict[str, list[tuple[str, str | None]]] = {}
    for row in rows:
        category = notifications.category_of(row.kind)
        title = notifications.CATEGORIES[category][0] if category else "Autres nouvelles"
        grouped.setdefault(title, []).append((row.text, row.link))
    order = [title for title, _ in notifications.CATEGORIES.values()] + ["Autres nouvelles"]
    return Digest(user_id, start, end, sorted(grouped.items(),
                                              key=lambda pair: order.index(pair[0])))


def text(digest: Digest, *, base: str, unsubscribe: str) -> tuple[str, str]:
    """(subject, body) in French; links are absolute (`base` is the app's address)."""
    lines = [(f"Bonjour,\n\nVoici ce qui s'est passé sur Coop'MD du "
              f"{paris(digest.start):%d/%m/%Y à %H h} au {paris(digest.end):%d/%m/%Y à %H h}.")]
    for title, items in digest.sections:
        lines.append(f"\n{title}\n" + "\n".join(
            f"- {said}" + (f"\n  {base}{link}" if link else "") for said, link in items))
    lines.append("\nPour choisir ce que vous recevez : Mon compte → Notifications.\n"
                 f"Ne plus recevoir ce résumé : {unsubscribe}")
    return f"Coop'MD — votre résumé ({digest.items} nouveauté(s))", "\n".join(lines)


def make_token(conn: sa.Connection, *, user_id: int) -> str:
    """A signed, one-use unsubscribe token naming this person (no sign-in needed)."""
    claims = {"sub": str(user_id), "purpose": "digest", "jti": secrets.token_hex(16),
              "exp": now() + timedelta(days=TOKEN_DAYS)}
    return jwt.encode(claims, settings.secret(conn, KEY), algorithm=ALGORITHM)


def unsubscribe(conn: sa.Connection, *, token: str) -> str:
    """Stop the digest of the person the token names; a forged, expired or used token is
    refused with nothing changed. Returns the French sentence to show."""
    try:
        claims: dict[str, Any] = jwt.decode(token, settings.secret(conn, KEY),
                                            algorithms=[ALGORITHM])
        user_id = int(claims["sub"])
        if claims.get("purpose") != "digest" or not claims.get("jti"):
            raise ValueError
    except (jwt.InvalidTokenError, ValueError, KeyError):
        raise ValidationError({"token": "Ce lien de désabonnement n'est pas valable "
                                        "(modifié ou expiré)."}) from None
    try:
        with conn.begin_nested():
            conn.execute(used_tokens.insert().values(jti=claims["jti"], used_at=now()))
    except sa.exc.IntegrityError:
        raise ValidationError({"token": "Ce lien de désabonnement a déjà servi."}) from None
    conn.execute(digest_subscriptions.delete().where(
        digest_subscriptions.c.user_id == user_id))
    audit.record(conn, actor_id=user_id, action="unsubscribe_digest", entity="user",
                 entity_id=user_id)
    return "C'est fait : vous ne recevrez plus le résumé par courriel de Coop'MD."


def send_due(conn: sa.Connection, *, at: datetime | None = None) -> int:
    """Every subscriber's digest of the last whole period, once each; an empty one is
    recorded, not sent. Returns the number of digests queued."""
    if not mailer.enabled(conn):
        return 0
    at, base, queued = at or now(), mailer.public_url(conn), 0
    for user_id, frequency in conn.execute(
            sa.select(digest_subscriptions.c.user_id, digest_subscriptions.c.frequency)
            .join(users, users.c.id == digest_subscriptions.c.user_id)
            .where(users.c.active.is_(True))).all():
        start, end = period(frequency, at)
        if conn.execute(sa.select(digests_sent.c.id).where(  # done: not built again
                digests_sent.c.user_id == user_id, digests_sent.c.period_end == end)).first():
            continue
        digest = build(conn, user_id=user_id, start=start, end=end)
        try:
            with conn.begin_nested():  # another process sent this one first: skip it
                conn.execute(digests_sent.insert().values(
                    user_id=user_id, period_end=end, items=digest.items, sent_at=now()))
        except sa.exc.IntegrityError:
            continue
        if digest.items:
            link = f"{base}unsubscribe?jeton={make_token(conn, user_id=user_id)}"
            subject, body = text(digest, base=base, unsubscribe=link)
            mailer.enqueue(conn, user_id=user_id, subject=subject, body=body,
                           list_unsubscribe=link)
            queued += 1
    return queued
