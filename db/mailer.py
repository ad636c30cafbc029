"""Email through an outbox: messages are written in the same transaction as the change
they report, and sent later, once: each app process's sender claims the rows it sends (a
lease), so N replicas never send a message twice; a failing SMTP server loses nothing
(retried on a schedule, then shown to admins with « Renvoyer »).

Email is on only when the app was given SMTP settings (`configure`): the flag lives in the
settings table so that domain functions need no configuration of their own.
"""

from __future__ import annotations

import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

import sqlalchemy as sa

from db import audit, settings
from db.engine import now
from db.roles import User, require_role
from db.schema import outbox, users

ENABLED_KEY = "email_enabled"
PUBLIC_URL_KEY = "public_url"
MAX_ATTEMPTS = 14  # with the backoff below: more than two days of trying
LEASE = timedelta(minutes=5)  # a claim longer than any batch: then another sender takes over
BACKOFF = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=6)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    sender: str = "Coop'MD <noreply@coopmd.fr>"
    starttls: bool = True


def configure(conn: sa.Connection, *, enabled: bool, public_url: str) -> None:
    """Called at start-up with what the app's configuration says."""
    settings.put(conn, ENABLED_KEY, "1" if enabled else "0")
    settings.put(conn, PUBLIC_URL_KEY, public_url if public_url.endswith("/") else public_url + "/")


def public_url(conn: sa.Connection) -> str:
    return settings.get(conn, PUBLIC_URL_KEY) or "http://localhost:8501/"


def enabled(conn: sa.Connection) -> bool:
    return settings.get(conn, ENABLED_KEY) == "1"


def enqueue(conn: sa.Connection, *, user_id: int, subject: str, body: str,
            attachment: tuple[str, bytes] | None = None,
            list_unsubscribe: str | None = None) -> bool:
    """Queue an email to this user when email is on; returns whether it was queued."""
    if not enabled(conn):
        return False
    address = conn.execute(sa.select(users.c.email).where(users.c.id == user_id)).scalar()
    name, data = attachment or (None, None)
    conn.execute(outbox.insert().values(to_email=address, subject=subject[:200], body=body,
                                        created_at=now(), attachment_name=name,
                                        attachment=data, list_unsubscribe=list_unsubscribe))
    return True


def message_id(row: sa.Row[Any]) -> str:
    """The same Message-ID for every attempt of one outbox row: a mail server or client
    that got it twice can tell it is one message."""
    return f"<outbox-{row.id}.{row.created_at:%Y%m%d%H%M%S}@coopmd>"


def _message(row: sa.Row[Any], sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, row.to_email, row.subject
    message["Message-ID"] = message_id(row)
    if row.list_unsubscribe:  # mail clients show « se désabonner » (RFC 2369)
        message["List-Unsubscribe"] = f"<{row.list_unsubscribe}>"
    message.set_content(row.body)
    if row.attachment:
        message.add_attachment(row.attachment, maintype="text", subtype="calendar",
                               filename=row.attachment_name)
    return message


def _due(at: datetime) -> sa.ColumnElement[bool]:
    """Not sent, attempts left, its retry time reached, and nobody's claim running."""
    return sa.and_(outbox.c.sent_at.is_(None), outbox.c.attempts < MAX_ATTEMPTS,
                   sa.or_(outbox.c.next_attempt_at.is_(None), outbox.c.next_attempt_at <= at),
                   sa.or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < at))


def claim(engine: sa.Engine, *, limit: int = 50, lease: timedelta = LEASE
          ) -> tuple[str, list[sa.Row[Any]]]:
    """Take up to `limit` due messages for this sender, atomically: on PostgreSQL the rows
    are locked and others skip them (`FOR UPDATE SKIP LOCKED`); SQLite runs one writer at a
    time (`BEGIN IMMEDIATE`). The claim lasts `lease`: if this sender dies, another one
    sends them once the lease has expired."""
    token = secrets.token_hex(16)
    at = now()
    with engine.begin() as conn:
        ids = conn.execute(sa.select(outbox.c.id).where(_due(at)).order_by(outbox.c.id)
                           .limit(limit).with_for_update(skip_locked=True)).scalars().all()
        if not ids:
            return token, []
        conn.execute(outbox.update().where(outbox.c.id.in_(ids))
                     .values(claim_token=token, claimed_until=at + lease))
        rows = conn.execute(sa.select(outbox).where(outbox.c.claim_token == token)
                            .order_by(outbox.c.id)).all()
    return token, list(rows)


def retry_delay(attempts: int, base: timedelta = BACKOFF) -> timedelta:
    """30 s, 1 min, 2 min… up to 6 h: an outage of hours loses nothing (MAX_ATTEMPTS
    attempts span more than two days)."""
    return min(base * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def _settle(engine: sa.Engine, row: sa.Row[Any], token: str, error: str | None,
            backoff: timedelta) -> None:
    """Only the claim's owner settles a row (a sender whose lease ran out does not)."""
    attempts = row.attempts + 1
    values = ({"sent_at": now(), "last_error": None} if error is None else
              {"last_error": error[:500], "next_attempt_at": now() + retry_delay(attempts,
                                                                                backoff)})
    with engine.begin() as conn:
        conn.execute(outbox.update().where(outbox.c.id == row.id,
                                           outbox.c.claim_token == token)
                     .values(attempts=attempts, claim_token=None, claimed_until=None, **values))


def send_pending(engine: sa.Engine, config: SmtpConfig, *, limit: int = 50,
                 timeout: float = 10, lease: timedelta = LEASE,
                 backoff: timedelta = BACKOFF) -> tuple[int, int]:
    """Send the messages this sender claims; returns (sent, failed). Each message is settled
    in its own transaction, so one bad address does not hold back the others."""
    token, claimed = claim(engine, limit=limit, lease=lease)
    sent = failed = 0
    for row in claimed:
        try:
            with smtplib.SMTP(config.host, config.port, timeout=timeout) as smtp:
                if config.starttls:
                    smtp.starttls()
                if config.user:
                    smtp.login(config.user, config.password or "")
                smtp.send_message(_message(row, config.sender))
            error, sent = None, sent + 1
        except (OSError, smtplib.SMTPException) as problem:
            error, failed = f"{type(problem).__name__}: {problem}", failed + 1
        _settle(engine, row, token, error, backoff)
    return sent, failed


@dataclass(frozen=True)
class Unsent:
    id: int
    to_email: str
    subject: str
    created_at: datetime
    attempts: int
    last_error: str | None


def list_unsent(conn: sa.Connection, *, actor: User) -> list[Unsent]:
    """« Courriels non envoyés »: the messages every attempt failed for (admins)."""
    require_role(actor, "admin")
    rows = conn.execute(sa.select(outbox).where(outbox.c.sent_at.is_(None),
                                                outbox.c.attempts >= MAX_ATTEMPTS)
                        .order_by(outbox.c.id.desc()).limit(200))
    return [Unsent(r.id, r.to_email, r.subject, r.created_at, r.attempts, r.last_error)
            for r in rows]


def resend(conn: sa.Connection, *, actor: User, outbox_id: int) -> None:
    """« Renvoyer »: the message gets all its attempts again, from now."""
    require_role(actor, "admin")
    conn.execute(outbox.update().where(outbox.c.id == outbox_id, outbox.c.sent_at.is_(None))
                 .values(attempts=0, next_attempt_at=None, claim_token=None,
                         claimed_until=None))
    audit.record(conn, actor_id=actor.id, action="resend_email", entity="outbox",
                 entity_id=outbox_id)


def pending_count(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(outbox).where(
        outbox.c.sent_at.is_(None))).scalar_one()
