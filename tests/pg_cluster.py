"""A throwaway PostgreSQL cluster, and Debian's PgBouncer in front of one, for the tests that
restart a server or go through a transaction-mode pooler (#14). The shared server on 5432
is never restarted: other tests and sessions use it.

Both run as the `postgres` system user (initdb and pgbouncer refuse root), in a temporary
folder, on a free port, with trust authentication on 127.0.0.1 only.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.smtp import free_port


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else None


def unavailable() -> str | None:
    """Why a throwaway cluster cannot be made here, or None."""
    if not _bin("initdb"):
        return "initdb de PostgreSQL absent"
    if os.geteuid() != 0 or not shutil.which("runuser"):
        return "il faut root (runuser) pour lancer un serveur sous l'utilisateur postgres"
    return None


def _as_postgres(*command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["runuser", "-u", "postgres", "--", *command],
                          check=False, capture_output=True, text=True, timeout=120)
    if check and done.returncode:
        raise RuntimeError(f"{command[0]} : {done.stderr or done.stdout}")
    return done


@dataclass
class Cluster:
    """One initdb'd data folder and its server."""

    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        _as_postgres(str(_bin("pg_ctl")), "-D", str(self.folder / "data"), "-w", "-t", "60",
                     "-l", str(self.folder / "server.log"), *args)

    def start(self) -> None:
        self._ctl("-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                        "-c max_connections=120 -c fsync=off", "start")

    def restart(self, *, down: float) -> None:
        """A fast restart, as a failover or a maintenance would do it: every session is
        cut, and the server stays down `down` seconds before it starts again."""
        self._ctl("-m", "fast", "stop")
        time.sleep(down)
        self.start()

    def stop(self) -> None:
        self._ctl("-m", "immediate", "stop")


def make_cluster(folder: Path) -> Cluster:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.chown(folder, "postgres", "postgres")
    folder.parent.chmod(0o755)
    _as_postgres(str(_bin("initdb")), "-D", str(folder / "data"), "-A", "trust", "-U",
                 "postgres", "-E", "UTF8", "--locale", "C.UTF-8")
    cluster = Cluster(folder, free_port())
    cluster.start()
    return cluster


def pgbouncer_unavailable() -> str | None:
    if not shutil.which("pgbouncer") and not Path("/usr/sbin/pgbouncer").exists():
        return "pgbouncer absent : apt-get install pgbouncer"
    return unavailable()


@dataclass
class Bouncer:
    process: subprocess.Popen[bytes]
    port: int

    def url(self, database: str) -> str:
        """`pooler=transaction` tells `make_engine` to prepare no statement."""
        return (f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"
                "?pooler=transaction")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_pgbouncer(folder: Path, *, host: str, port: int, pool_size: int = 20) -> Bouncer:
    """PgBouncer in transaction mode in front of host:port, every database."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.chown(folder, "postgres", "postgres")
    listen = free_port()
    (folder / "users.txt").write_text('"postgres" ""\n')
    (folder / "pgbouncer.ini").write_text(
        f"[databases]\n* = host={host} port={port}\n"
        f"[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {listen}\n"
        f"unix_socket_dir = {folder}\nauth_type = trust\n"
        f"auth_file = {folder / 'users.txt'}\npool_mode = transaction\n"
        f"default_pool_size = {pool_size}\nmax_client_conn = 500\n"
        "ignore_startup_parameters = extra_float_digits,options\n")
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    process = subprocess.Popen(["runuser", "-u", "postgres", "--", binary,
                                str(folder / "pgbouncer.ini")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_listening(listen, process)
    return Bouncer(process, listen)


def _wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    import socket

    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError("pgbouncer s'est arrêté au démarrage")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("pgbouncer n'écoute pas")
