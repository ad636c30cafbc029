"""A sender process for tests/faults/test_replicas.py: `python -m tests.faults.outbox_sender URL
PORT EXPECTED` sends the outbox until EXPECTED messages are sent (or 60 s have passed)."""

from __future__ import annotations

import sys
import time
from datetime import timedelta

import sqlalchemy as sa

from db import mailer
from db.engine import make_engine
from db.schema import outbox


def main(url: str, port: int, expected: int, backoff: float = 0.2) -> None:
    """`backoff`: the first retry's delay (30 s in the app; shorter here, the same
    doubling schedule)."""
    engine = make_engine(url)
    config = mailer.SmtpConfig(host="127.0.0.1", port=port, starttls=False)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        mailer.send_pending(engine, config, limit=10, timeout=2,
                            backoff=timedelta(seconds=backoff))
        with engine.connect() as conn:
            sent = conn.execute(sa.select(sa.func.count()).select_from(outbox)
                                .where(outbox.c.sent_at.is_not(None))).scalar_one()
        if sent >= expected:
            break
        time.sleep(0.05)
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
         *(float(a) for a in sys.argv[4:5]))
