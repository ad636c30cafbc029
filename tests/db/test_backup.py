"""Backup and move (#14): the whole space into one archive and back, SQLite → PostgreSQL →
SQLite, compared row by row and file by file; an archive goes only into an empty base."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from db import backup, demo, resources
from db.engine import make_engine
from db.errors import ValidationError
from db.files import LocalStore
from db.schema import metadata
from tests.conftest import make_user
from tests.db.files_fixtures import PDF


def _everything(engine: sa.Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {table.name: [tuple(backup._encode(v) for v in row) for row in conn.execute(
                    sa.select(table).order_by(*(table.primary_key.columns or table.columns)))]
                for table in metadata.sorted_tables}


@pytest.fixture
def space(tmp_path, migrated_sqlite):
    """A SQLite space with the demo data and one uploaded PDF."""
    engine = make_engine(migrated_sqlite(tmp_path / "source.db"))
    store = LocalStore(tmp_path / "source-files")
    with engine.begin() as conn:
        admin = make_user(conn, "admin.coop", "admin")
        demo.load(conn, actor=admin)
        member = make_user(conn, "marie.dupont", "member", department_code="42")
        resources.create_resource(conn, store, actor=member, upload=resources.Upload(
            "guide.pdf", PDF), data=resources.ResourceInput(title="Guide", kind="guide"))
    yield engine, store
    engine.dispose()


def test_a_round_trip_through_the_other_database_keeps_every_row_and_file(
        space, empty_db_url, tmp_path, migrated_sqlite):
    source, source_store = space
    archive = io.BytesIO()
    written = backup.export(source, source_store, archive)
    assert written.rows["users"] >= 2 and written.files == 1

    middle, middle_store = make_engine(empty_db_url), LocalStore(tmp_path / "middle-files")
    archive.seek(0)
    backup.restore(middle, middle_store, archive)
    assert _everything(middle) == _everything(source)

    again = io.BytesIO()
    backup.export(middle, middle_store, again)
    back = make_engine(f"sqlite:///{tmp_path / 'back.db'}")
    back_store = LocalStore(tmp_path / "back-files")
    again.seek(0)
    backup.restore(back, back_store, again)
    assert _everything(back) == _everything(source)
    [key] = [row[-2] for row in _everything(back)["files"]]
    assert back_store.get(key) == source_store.get(key) == PDF
    with back.begin() as conn:  # the sequences moved past the restored ids
        make_user(conn, "nouvelle.venue", "member")
    for engine in (middle, back):
        engine.dispose()


def test_an_archive_goes_only_into_an_empty_base(space, tmp_path):
    source, store = space
    archive = io.BytesIO()
    backup.export(source, store, archive)
    archive.seek(0)
    with pytest.raises(ValidationError) as refused:
        backup.restore(source, store, archive)
    assert "n'est pas vide" in refused.value.errors["_form"]


def test_the_command_line_moves_a_space_from_sqlite_to_another_base(space, tmp_path, capsys):
    """The README's recipe: export from SQLite, import into an empty base by its URL."""
    source, _ = space
    archive = tmp_path / "sauvegarde.zip"
    backup.main(["export", str(archive), "--from", str(source.url),
                 "--files", str(tmp_path / "source-files")])
    target = f"sqlite:///{tmp_path / 'supabase-stand-in.db'}"
    backup.main(["import", str(archive), "--to", target, "--files", str(tmp_path / "moved")])
    assert "1 fichier (schéma" in capsys.readouterr().out
    moved = make_engine(target)
    assert _everything(moved) != {} and _everything(moved)["users"] == _everything(source)[
        "users"]
    moved.dispose()


def test_a_file_lost_from_the_store_is_named_not_fatal(space, tmp_path):
    source, store = space
    with source.connect() as conn:
        [key] = conn.exec_driver_sql("SELECT key FROM files").scalars().all()
    store.delete(key)
    summary = backup.export(source, store, io.BytesIO())
    assert (summary.files, summary.missing) == (0, (key,))
