"""Sends the outbox in the background when `[smtp]` settings exist (secrets or env)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import sqlalchemy as sa

from db import mailer

_wake = threading.Event()
INTERVAL = 30  # seconds between retries of messages that failed


def smtp_config(read: Callable[[str, str, str], str | None]) -> mailer.SmtpConfig | None:
    """`[smtp] host, port, user, password, from, starttls`, or COOPMD_SMTP_* variables."""
    host = read("smtp", "host", "COOPMD_SMTP_HOST")
    if not host:
        return None
    return mailer.SmtpConfig(
        host=host, port=int(read("smtp", "port", "COOPMD_SMTP_PORT") or 587),
        user=read("smtp", "user", "COOPMD_SMTP_USER"),
        password=read("smtp", "password", "COOPMD_SMTP_PASSWORD"),
        sender=read("smtp", "from", "COOPMD_SMTP_FROM") or "Coop'MD <noreply@coopmd.fr>",
        starttls=(read("smtp", "starttls", "COOPMD_SMTP_STARTTLS") or "true") != "false")


def start_sender(engine: sa.Engine, config: mailer.SmtpConfig) -> None:
    """One daemon thread per process: sends at once when woken, retries every 30 s."""

    def loop() -> None:
        while True:
            _wake.wait(INTERVAL)
            _wake.clear()
            try:
                mailer.send_pending(engine, config)
            except sa.exc.SQLAlchemyError:  # database briefly away: try again next round
                continue

    threading.Thread(target=loop, name="coopmd-mail", daemon=True).start()


def wake() -> None:
    """Ask the sender to look at the outbox now (after a write that may have queued mail)."""
    _wake.set()
