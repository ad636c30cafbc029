"""Backup and restore of the « 10 × région » dataset with 1,000 stored files (#14):
export from SQLite, restore into an empty PostgreSQL and into an empty SQLite, in one run.
Targets: export < 60 s, each restore < 120 s.

Run: `python -m benchmarks.backup` (a few minutes on a 2-core machine, most of it building
the dataset).
"""

from __future__ import annotations

import tempfile
import time
from functools import partial
from pathlib import Path

from benchmarks.common import pg_schema_url
from benchmarks.dataset import build
from db import backup, files
from db.engine import make_engine

FILES = 1_000


def _store_files(url: str, store: files.LocalStore) -> None:
    """1,000 distinct small PDFs, stored the app's way (a `files` row and a blob each)."""
    engine = make_engine(url)
    with engine.begin() as conn:
        for n in range(FILES):
            data = b"%PDF-1.4\n" + f"% fichier {n}\n".encode() + b"0" * 20_000 + b"\n%%EOF\n"
            files.save(conn, store, data=data, name=f"document-{n}.pdf")
    engine.dispose()


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source_url, source_store = f"sqlite:///{root / 'region.db'}", files.LocalStore(
            root / "files")
        built = _timed(lambda: build(source_url))
        _store_files(source_url, source_store)
        archive = root / "sauvegarde.zip"
        source = make_engine(source_url)
        with archive.open("wb") as out:
            exported = _timed(lambda: backup.export(source, source_store, out))
        source.dispose()
        results = {"export (SQLite)": (exported, 60)}
        pg_url, drop = pg_schema_url()
        try:
            for label, url, store in (
                    ("restore into PostgreSQL", pg_url, files.LocalStore(root / "pg-files")),
                    ("restore into SQLite", f"sqlite:///{root / 'back.db'}",
                     files.LocalStore(root / "back-files"))):
                target = make_engine(url)
                with archive.open("rb") as stream:
                    results[label] = (_timed(partial(backup.restore, target, store, stream)),
                                      120)
                target.dispose()
        finally:
            drop()
        size = archive.stat().st_size / 1024 / 1024
    print(f"dataset built in {built:.0f} s; archive {size:.0f} MB ({FILES} files)")
    for label, (seconds, target) in results.items():
        verdict = "ok" if seconds < target else "TROP LENT"
        print(f"{label:<26} {seconds:7.1f} s   (cible < {target} s)  {verdict}")


if __name__ == "__main__":
    main()
