"""A form's write happens once: each rendered form carries a token, and the write inserts
it in the same transaction. A double click sends the same token twice; the second insert
meets the primary key (even when both clicks run at once, on two processes) and the second
write is refused as `AlreadySubmitted`, with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

import sqlalchemy as sa

from db.engine import now
from db.errors import DomainError
from db.schema import form_submissions

T = TypeVar("T")
KEEP = timedelta(days=2)  # a token older than this cannot come back from an open page


class AlreadySubmitted(DomainError):
    """This very form was already submitted: its first submission did the work."""

    def __init__(self) -> None:
        super().__init__("Ce formulaire a déjà été envoyé.")


def claim(conn: sa.Connection, *, token: str) -> None:
    """Record `token` in the caller's transaction, or raise `AlreadySubmitted`."""
    conn.execute(form_submissions.delete().where(form_submissions.c.created_at < now() - KEEP))
    if conn.execute(sa.select(form_submissions.c.token).where(
            form_submissions.c.token == token)).first():
        raise AlreadySubmitted
    try:
        with conn.begin_nested():
            conn.execute(form_submissions.insert().values(token=token[:64], created_at=now()))
    except sa.exc.IntegrityError as error:  # the other click committed first
        raise AlreadySubmitted from error


def once(token: str, work: Callable[[sa.Connection], T]) -> Callable[[sa.Connection], T]:
    """`work` preceded by the claim of `token`, for `run_in_transaction`."""
    def guarded(conn: sa.Connection) -> T:
        claim(conn, token=token)
        return work(conn)
    return guarded
