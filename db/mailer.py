"""Email through an outbox: messages are written in the same transaction as the change
they report, and sent later; a failing SMTP server loses nothing (retried, with the error).

Email is on only when the app was given SMTP settings (`configure`): the flag lives in the
settings table so that domain functions need no configuration of their own.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

import sqlalchemy as sa

from db import settings
from db.engine import now
from db.schema import outbox, users

ENABLED_KEY = "email_enabled"
PUBLIC_URL_KEY = "public_url"
MAX_ATTEMPTS = 8


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
            attachment: tuple[str, bytes] | None = None) -> bool:
    """Queue an email to this user when email is on; returns whether it was queued."""
    if not enabled(conn):
        return False
    address = conn.execute(sa.select(users.c.email).where(users.c.id == user_id)).scalar()
    name, data = attachment or (None, None)
    conn.execute(outbox.insert().values(to_email=address, subject=subject[:200], body=body,
                                        created_at=now(), attachment_name=name,
                                        attachment=data))
    return True


def _message(row: sa.Row, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, row.to_email, row.subject
    message.set_content(row.body)
    if row.attachment:
        message.add_attachment(row.attachment, maintype="text", subtype="calendar",
                               filename=row.attachment_name)
    return message


def send_pending(engine: sa.Engine, config: SmtpConfig, *, limit: int = 50,
                 timeout: float = 10) -> tuple[int, int]:
    """Send what waits in the outbox; returns (sent, failed). Each message is settled in
    its own transaction, so one bad address does not hold back the others."""
    with engine.connect() as conn:
        pending = conn.execute(sa.select(outbox).where(
            outbox.c.sent_at.is_(None), outbox.c.attempts < MAX_ATTEMPTS)
            .order_by(outbox.c.id).limit(limit)).all()
    sent = failed = 0
    for row in pending:
        try:
            with smtplib.SMTP(config.host, config.port, timeout=timeout) as smtp:
                if config.starttls:
                    smtp.starttls()
                if config.user:
                    smtp.login(config.user, config.password or "")
                smtp.send_message(_message(row, config.sender))
            values, sent = {"sent_at": now(), "last_error": None}, sent + 1
        except (OSError, smtplib.SMTPException) as error:
            values, failed = {"last_error": f"{type(error).__name__}: {error}"[:500]}, failed + 1
        with engine.begin() as conn:
            conn.execute(outbox.update().where(outbox.c.id == row.id)
                         .values(attempts=outbox.c.attempts + 1, **values))
    return sent, failed


def pending_count(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(outbox).where(
        outbox.c.sent_at.is_(None))).scalar_one()
