"""Fixtures for the fault tests: servers that these tests own, restart and put a pooler in
front of (#14). They need root and Debian's PostgreSQL binaries; under CI their absence is a
failure, elsewhere a skip."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pg_cluster


def _require(reason: str | None) -> None:
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"requis sous CI : {reason}")
        pytest.skip(reason)


@pytest.fixture
def server_folder() -> Iterator[Path]:
    """Outside pytest's own tmp folder, which the postgres user may not enter."""
    folder = Path(tempfile.mkdtemp(prefix="coopmd-server-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def cluster(server_folder) -> Iterator[pg_cluster.Cluster]:
    """A PostgreSQL server of its own, on a free port, stopped at the end."""
    _require(pg_cluster.unavailable())
    server = pg_cluster.make_cluster(server_folder / "cluster")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pooler(cluster, server_folder) -> Iterator[pg_cluster.Bouncer]:
    """Debian's PgBouncer in transaction mode in front of `cluster` (as Supabase's pooler on
    port 6543 is): a transaction may run on any server connection, and nothing prepared or
    set on a session survives to the next one."""
    _require(pg_cluster.pgbouncer_unavailable())
    bouncer = pg_cluster.start_pgbouncer(server_folder / "pgbouncer", host="127.0.0.1",
                                         port=cluster.port, pool_size=20)
    try:
        yield bouncer
    finally:
        bouncer.stop()
