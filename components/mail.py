"""Background work of one app process: sends the outbox when `[smtp]` settings exist
(secrets or env), and sends the days' reminders and the e-mail digests when they fall
due (each once, whatever the number of processes)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

import sqlalchemy as sa

from db import mailer
from db.engine import run_in_transaction

_wake = threading.Event()
INTERVAL = 30  # seconds between retries of messages that failed
REMINDERS_EVERY = 15 * 60  # seconds between two looks at the reminders due
# the first look waits: at start, on a region's database, it held up a fresh process's
# first visitor by half a second one start in two (#17, cold start)
REMINDERS_FIRST_AFTER = 60
log = logging.getLogger("coopmd")


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


def start_reminders(engine: sa.Engine) -> None:
    """One daemon thread per process: a minute after start, then every 15 minutes, the
    reminders that fell due (each is sent once whatever the number of processes:
    `db.events.messages`), the digests, and the kits' lapsed offers and late loans.
    `COOPMD_REMINDERS=off` stops it (the tests do, for their own databases)."""
    if os.environ.get("COOPMD_REMINDERS") == "off":
        return

    def loop() -> None:
        threading.Event().wait(REMINDERS_FIRST_AFTER)
        # imported here, a minute after start: they are not on the first visitor's path
        # (the digests' tokens bring PyJWT and its cryptography: 100 ms of every cold start)
        from db import digests, kits
        from db.events import messages

        while True:
            for job, name in ((messages.send_due_reminders, "rappels des journées"),
                              (digests.send_due, "résumés par courriel"),
                              (kits.sweep, "prêts de matériel")):
                try:
                    if run_in_transaction(engine, job):
                        wake()
                except Exception:  # a failed round must not end the thread
                    log.exception("%s : nouvel essai dans 15 minutes", name)
            threading.Event().wait(REMINDERS_EVERY)

    threading.Thread(target=loop, name="coopmd-reminders", daemon=True).start()
