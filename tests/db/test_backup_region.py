"""Backup round trip at the scale of one region (#14): the benchmark's dataset at scale 1
(30 accounts, 50 fiches and 500 comments, 5 days and 1,000 registrations, 2,000 forum
posts, 200 resources) plus 100 stored files, both ways: SQLite → PostgreSQL → SQLite and
PostgreSQL → SQLite → PostgreSQL, compared row by row and file by file."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest

from benchmarks.dataset import build
from db import backup, files
from db.engine import make_engine
from tests.conftest import _require_pg, empty_pg_schema
from tests.db.test_backup import _everything

FILES = 100


@contextlib.contextmanager
def _empty(kind: str, folder) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder}.db"
    else:
        with empty_pg_schema() as url:
            yield url


def _store_files(url: str, store: files.LocalStore) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        for n in range(FILES):
            files.save(conn, store, name=f"compte-rendu-{n}.pdf",
                       data=b"%PDF-1.4\n" + f"% {n}\n".encode() + b"0" * 2_000 + b"\n%%EOF\n")
    engine.dispose()


def _move(source_url: str, store: files.LocalStore, target_url: str,
          target_store: files.LocalStore) -> None:
    archive = io.BytesIO()
    source, target = make_engine(source_url), make_engine(target_url)
    backup.export(source, store, archive)
    archive.seek(0)
    backup.restore(target, target_store, archive)
    source.dispose()
    target.dispose()


def _files_of(url: str, store: files.LocalStore) -> dict[str, bytes]:
    engine = make_engine(url)
    keys = [row[-2] for row in _everything(engine)["files"]]
    engine.dispose()
    return {key: store.get(key) for key in keys if store.exists(key)}


@pytest.mark.parametrize("first, other", [("sqlite", "postgresql"), ("postgresql", "sqlite")])
def test_a_region_goes_there_and_back(request, tmp_path, first, other):
    _require_pg(request)
    stores = [files.LocalStore(tmp_path / f"files-{n}") for n in range(3)]
    with _empty(first, tmp_path / "a") as a, _empty(other, tmp_path / "b") as b, \
            _empty(first, tmp_path / "c") as c:
        build(a, scale=1)
        _store_files(a, stores[0])
        _move(a, stores[0], b, stores[1])
        _move(b, stores[1], c, stores[2])
        engines = [make_engine(url) for url in (a, b, c)]
        rows = [_everything(engine) for engine in engines]
        for engine in engines:
            engine.dispose()
        assert len(rows[0]["forum_posts"]) >= 2_000 and len(rows[0]["registrations"]) >= 1_000
        assert rows[1] == rows[0] and rows[2] == rows[0]
        stored = _files_of(a, stores[0])  # the dataset's own file rows have no bytes
        assert len(stored) == FILES and _files_of(c, stores[2]) == stored
