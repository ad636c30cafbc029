"""Which database errors are a connection that went away, to be retried by
`run_in_transaction` (#14): a server restarting resets new connections too."""

from __future__ import annotations

import psycopg
import sqlalchemy as sa

from db.engine import lost_connection, make_engine, run_in_transaction

RESET = ('connection failed: connection to server at "127.0.0.1", port 42577 failed: '
         'Connection reset by peer\n\tIs the server running on that host and accepting '
         'TCP/IP connections?')
REFUSED_PASSWORD = ('connection failed: connection to server at "127.0.0.1", port 5432 '
                    'failed: FATAL:  password authentication failed for user "coopmd"')


def _failed(message: str) -> sa.exc.OperationalError:
    return sa.exc.OperationalError("SELECT 1", {}, psycopg.OperationalError(message))


def test_a_connection_reset_by_a_restarting_server_is_lost():
    assert lost_connection(_failed(RESET))


def test_a_refused_password_is_not_a_lost_connection():
    assert not lost_connection(_failed(REFUSED_PASSWORD))


def test_a_write_whose_connection_was_reset_is_tried_again(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/x.db")
    tries: list[int] = []

    def work(conn: sa.Connection) -> str:
        tries.append(1)
        if len(tries) == 1:
            raise _failed(RESET)
        return "écrit"

    assert run_in_transaction(engine, work) == "écrit"
    assert len(tries) == 2
    engine.dispose()
