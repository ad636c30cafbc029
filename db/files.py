"""One store for uploaded files: a local folder by default, a Supabase Storage bucket when
configured. Files are content-addressed (SHA-256): the same file sent twice is stored once,
and a file is deleted only when no resource or version uses it any more.

The type is checked by content, not by name: a `.pdf` that is really a program is refused.
A file written for a transaction that fails is removed again; a file whose last use is
deleted is removed only after the deletion has committed (see `db.engine.after_commit`).
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa

from db.engine import after_commit, now, on_rollback
from db.errors import NotFound, ValidationError
from db.schema import files, kit_photos, resource_versions, resources

MAX_BYTES = 25 * 1024 * 1024
ODF = "application/vnd.oasis.opendocument."
OOXML = "application/vnd.openxmlformats-officedocument."
EXTENSIONS = {
    "application/pdf": {"pdf"},
    ODF + "text": {"odt"}, ODF + "spreadsheet": {"ods"}, ODF + "presentation": {"odp"},
    OOXML + "wordprocessingml.document": {"docx"},
    OOXML + "spreadsheetml.sheet": {"xlsx"},
    OOXML + "presentationml.presentation": {"pptx"},
    "image/png": {"png"}, "image/jpeg": {"jpg", "jpeg"}, "application/zip": {"zip"},
}
ACCEPTED = "PDF, ODT/DOCX, ODS/XLSX, ODP/PPTX, PNG/JPG ou ZIP"
OOXML_PARTS = {"word/": "wordprocessingml.document", "xl/": "spreadsheetml.sheet",
               "ppt/": "presentationml.presentation"}


class Store(Protocol):
    backend: str

    def put(self, key: str, data: bytes, mime: str) -> None: ...
    def get(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...


class LocalStore:
    """`data/files/ab/abcdef…`: written to a temporary name, then renamed (never half a file)."""

    backend = "local"

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / key

    def put(self, key: str, data: bytes, mime: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.part")
        temporary.write_bytes(data)
        os.replace(temporary, path)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as error:
            raise NotFound("Ce fichier n'est plus disponible.") from error

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).exists()


class SupabaseStore:
    """A Supabase Storage bucket through supabase-py (service key: server side only)."""

    backend = "supabase"

    def __init__(self, url: str, key: str, bucket: str = "coopmd-files") -> None:
        from supabase import create_client

        self.bucket = create_client(url, key).storage.from_(bucket)

    def put(self, key: str, data: bytes, mime: str) -> None:
        self.bucket.upload(key, data, {"content-type": mime, "upsert": "true"})

    def get(self, key: str) -> bytes:
        return self.bucket.download(key)

    def delete(self, key: str) -> None:
        self.bucket.remove([key])


def make_store(*, supabase_url: str | None = None, supabase_key: str | None = None,
               bucket: str | None = None, root: str | Path = "data/files") -> Store:
    """Supabase Storage when both URL and key are given, the local folder otherwise."""
    if supabase_url and supabase_key:
        return SupabaseStore(supabase_url, supabase_key, bucket or "coopmd-files")
    return LocalStore(root)


def sniff(data: bytes) -> str | None:
    """The type the bytes really are (None: none we accept)."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in EXTENSIONS else "application/zip"
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML_PARTS.items():
                    if any(n.startswith(prefix) for n in names):
                        return OOXML + kind
    except zipfile.BadZipFile:
        return None
    return "application/zip"


def check(data: bytes, name: str) -> str:
    """The file's type, or a French message saying why it is refused."""
    extension = Path(name).suffix.lower().lstrip(".")
    if not data:
        problem = f"Le fichier « {name} » est vide."
    elif len(data) > MAX_BYTES:
        problem = (f"Le fichier fait {len(data) / 1024 / 1024:.1f} Mo : la limite est de "
                   f"{MAX_BYTES // 1024 // 1024} Mo.")
    elif not any(extension in found for found in EXTENSIONS.values()):
        problem = f"Ce type de fichier n'est pas accepté ({ACCEPTED})."
    else:
        kind = sniff(data)
        fits = kind is not None and (extension in EXTENSIONS[kind] or (
            extension == "zip" and kind.startswith((ODF, OOXML))))
        if fits and kind is not None:
            return kind
        problem = (f"Le contenu de « {name} » ne correspond pas à un fichier .{extension} : "
                   "envoi refusé.")
    raise ValidationError({"file": problem})


@dataclass(frozen=True)
class StoredFile:
    id: int
    sha256: str
    mime: str
    size: int


def save(conn: sa.Connection, store: Store, *, data: bytes, name: str) -> StoredFile:
    """Check and store a file once; the same bytes again give the same row."""
    mime = check(data, name)
    digest = hashlib.sha256(data).hexdigest()
    row = conn.execute(sa.select(files).where(files.c.sha256 == digest)).first()
    if row is not None:
        return StoredFile(row.id, row.sha256, row.mime, row.size)
    key = f"{digest[:2]}/{digest}"
    store.put(key, data, mime)
    on_rollback(conn, lambda: store.delete(key))
    file_id = conn.execute(files.insert().values(
        sha256=digest, name=name[:255], mime=mime, size=len(data), backend=store.backend,
        key=key, created_at=now()).returning(files.c.id)).scalar_one()
    return StoredFile(file_id, digest, mime, len(data))


def read(conn: sa.Connection, store: Store, *, file_id: int) -> tuple[bytes, str]:
    """(bytes, type) of a stored file."""
    row = conn.execute(sa.select(files.c.key, files.c.mime).where(files.c.id == file_id)
                       ).first()
    if row is None:
        raise NotFound("Ce fichier n'est plus disponible.")
    return store.get(row.key), row.mime


def release(conn: sa.Connection, store: Store, *, file_ids: set[int]) -> None:
    """Forget the files nobody uses any more (call after removing a use); their bytes go
    once the transaction has committed."""
    for file_id in file_ids:
        used = conn.execute(sa.select(sa.literal(1)).where(sa.or_(
            sa.exists().where(resources.c.file_id == file_id),
            sa.exists().where(resource_versions.c.file_id == file_id),
            sa.exists().where(kit_photos.c.file_id == file_id)))).first()
        if used:
            continue
        key = conn.execute(files.delete().where(files.c.id == file_id)
                           .returning(files.c.key)).scalar()
        if key:
            after_commit(conn, partial(store.delete, key))
