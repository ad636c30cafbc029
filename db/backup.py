"""The whole space in one archive, and back: every table and every stored file.

`python -m db.backup export FILE` writes a ZIP: `manifest.json` (format, schema revision,
row counts), one `tables/<name>.jsonl` per table in foreign-key order, and `files/<key>`
for each stored file. `python -m db.backup import FILE --to URL` migrates an empty database
(SQLite or PostgreSQL) to the same revision, inserts the rows with their ids, moves the
sequences past them, and puts the files in the target store. So moving from the embedded
SQLite to Supabase is an export, then an import into Supabase's connection string.
"""

from __future__ import annotations

import argparse
import base64
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from db import audit, migrate
from db.engine import database_url, make_engine, now
from db.errors import NotFound, ValidationError
from db.files import Store, make_store
from db.roles import User, require_role
from db.schema import files, metadata

FORMAT = 1
BATCH = 1_000
TAGS: dict[str, Callable[[str], Any]] = {
    "dt": datetime.fromisoformat, "d": date.fromisoformat, "t": time.fromisoformat,
    "dec": Decimal, "b64": base64.b64decode, "json": lambda value: value}


@dataclass(frozen=True)
class Summary:
    revision: str
    rows: dict[str, int]
    files: int
    missing: tuple[str, ...] = ()  # file rows whose content the store no longer has


def _encode(value: Any) -> Any:
    """JSON keeps str, int, float, bool and None; every other value is a one-key object
    naming its type (a JSON column's own object included), so nothing is guessed back."""
    if isinstance(value, dict | list):
        return {"json": value}
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, time):
        return {"t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"dec": str(value)}
    if isinstance(value, bytes):
        return {"b64": base64.b64encode(value).decode()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        [(tag, text)] = value.items()
        return TAGS[tag](text)
    return value


def _tables() -> list[sa.Table]:
    return list(metadata.sorted_tables)  # parents before children


def export(engine: sa.Engine, store: Store, out: IO[bytes]) -> Summary:
    """Write the archive to `out`, from one consistent read of the database."""
    counts: dict[str, int] = {}
    stored, missing = 0, []
    with engine.connect() as conn, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        revision = migrate.current_revision(engine) or ""
        for table in _tables():
            counts[table.name] = _export_table(conn, table, archive)
        for key in conn.execute(sa.select(files.c.key).order_by(files.c.id)).scalars():
            try:  # one lost file must not cost the whole backup: it is named instead
                archive.writestr(f"files/{key}", store.get(key))
                stored += 1
            except NotFound:
                missing.append(key)
        archive.writestr("manifest.json", json.dumps({
            "format": FORMAT, "revision": revision, "created_at": now().isoformat(),
            "rows": counts, "files": stored, "missing_files": missing}, indent=2))
    return Summary(revision, counts, stored, tuple(missing))


def _export_table(conn: sa.Connection, table: sa.Table, archive: zipfile.ZipFile) -> int:
    count = 0
    order = list(table.primary_key.columns) or list(table.columns)
    with archive.open(f"tables/{table.name}.jsonl", "w") as stream:
        for row in conn.execute(sa.select(table).order_by(*order)).mappings():
            line = {name: _encode(value) for name, value in row.items()}
            stream.write((json.dumps(line, ensure_ascii=False) + "\n").encode())
            count += 1
    return count


def _rows(archive: zipfile.ZipFile, table: sa.Table) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with archive.open(f"tables/{table.name}.jsonl") as stream:
        for line in stream:
            batch.append({k: _decode(v) for k, v in json.loads(line).items()})
            if len(batch) == BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def restore(engine: sa.Engine, store: Store, archive_file: IO[bytes]) -> Summary:
    """Load an archive into an empty database (migrated here to the archive's revision)."""
    with zipfile.ZipFile(archive_file) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT or manifest["revision"] != migrate.head_revision():
            raise ValidationError({"_form": (
                f"Cette sauvegarde (schéma {manifest.get('revision')}) ne correspond pas à "
                f"cette version de Coop'MD (schéma {migrate.head_revision()}) : mettez "
                "d'abord à jour l'application qui l'a produite, puis exportez à nouveau.")})
        migrate.upgrade(engine)
        with engine.begin() as conn:
            _refuse_if_not_empty(conn)
            _clear_seeds(conn)
            for table in _tables():
                for batch in _rows(archive, table):
                    conn.execute(table.insert(), batch)
            _move_sequences(conn)
            conn.execute(files.update().values(backend=store.backend))  # where they are now
        keys = [name for name in archive.namelist() if name.startswith("files/")]
        with engine.connect() as conn:
            mimes = dict(conn.execute(sa.select(files.c.key, files.c.mime)).tuples().all())
        for name in keys:
            key = name.removeprefix("files/")
            store.put(key, archive.read(name), mimes.get(key, "application/octet-stream"))
    return Summary(manifest["revision"], manifest["rows"], len(keys),
                   tuple(manifest.get("missing_files", ())))


# tables the migrations fill (reference data) and that a new space may already hold
SEEDED = ("departments", "forum_themes", "working_groups", "settings")


def _refuse_if_not_empty(conn: sa.Connection) -> None:
    for table in _tables():
        if table.name in SEEDED:
            continue
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            raise ValidationError({"_form": (
                f"La base de destination n'est pas vide (table « {table.name} ») : une "
                "sauvegarde se restaure dans une base neuve.")})


def _clear_seeds(conn: sa.Connection) -> None:
    """The archive brings its own reference rows (with their ids): the seeded copies go."""
    for table in reversed(_tables()):
        if table.name in SEEDED:
            conn.execute(table.delete())


def _move_sequences(conn: sa.Connection) -> None:
    """PostgreSQL: each id sequence past the restored ids (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" in table.c and isinstance(table.c.id.type, sa.Integer):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false) "
                f"WHERE pg_get_serial_sequence('{table.name}', 'id') IS NOT NULL")


def export_for(conn: sa.Connection, *, actor: User) -> None:
    """An administrator's export is recorded (the archive holds every account)."""
    require_role(actor, "admin")
    audit.record(conn, actor_id=actor.id, action="export_backup", entity="space",
                 entity_id=None)


def _store_from(root: str | None) -> Store:
    import os

    return make_store(supabase_url=os.environ.get("SUPABASE_URL"),
                      supabase_key=os.environ.get("SUPABASE_KEY"),
                      bucket=os.environ.get("COOPMD_STORAGE_BUCKET"),
                      root=root or os.environ.get("COOPMD_FILES_DIR") or "data/files")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m db.backup",
                                     description="Sauvegarder ou restaurer tout l'espace.")
    verbs = parser.add_subparsers(dest="verb", required=True)
    out = verbs.add_parser("export", help="écrire la sauvegarde dans FICHIER (.zip)")
    out.add_argument("file")
    out.add_argument("--from", dest="url", help="base à sauvegarder (défaut : celle de l'app)")
    out.add_argument("--files", help="dossier des fichiers (défaut : data/files)")
    into = verbs.add_parser("import", help="restaurer FICHIER dans une base vide")
    into.add_argument("file")
    into.add_argument("--to", dest="url", required=True, help="URL de la base de destination")
    into.add_argument("--files", help="dossier où remettre les fichiers (défaut : data/files)")
    args = parser.parse_args(argv)
    engine = make_engine(args.url or database_url())
    store = _store_from(args.files)
    if args.verb == "export":
        with Path(args.file).open("wb") as stream:
            done = export(engine, store, stream)
    else:
        with Path(args.file).open("rb") as stream:
            done = restore(engine, store, stream)
    engine.dispose()
    print(f"{sum(done.rows.values())} lignes dans {len(done.rows)} tables, {done.files} "
          f"fichier{'s' if done.files > 1 else ''} (schéma {done.revision}).")
    if done.missing:
        print(f"Attention : {len(done.missing)} fichier(s) introuvable(s) dans le stockage, "
              f"absents de la sauvegarde : {', '.join(done.missing[:10])}")


if __name__ == "__main__":
    main()
