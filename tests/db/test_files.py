"""The file store: types checked by content, sizes, the local folder for real, and the
Supabase Storage adapter against a local HTTP stub of the Storage API (no Supabase server
can run here: the stub checks the requests supabase-py sends)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from db import files
from db.errors import ValidationError
from tests.db import files_fixtures as sample


@pytest.mark.parametrize(("name", "data", "mime"), [
    ("guide.pdf", sample.PDF, "application/pdf"),
    ("affiche.PNG", sample.PNG, "image/png"),
    ("inscrits.xlsx", sample.xlsx(), files.OOXML + "spreadsheetml.sheet"),
    ("compte-rendu.odt", sample.odt(), files.ODF + "text"),
    ("fiches.zip", sample.plain_zip(), "application/zip"),
], ids=["pdf", "png", "xlsx", "odt", "zip"])  # the bytes vary by the second (zip dates)
def test_accepted_types_are_recognised_by_content(name, data, mime):
    assert files.check(data, name) == mime


@pytest.mark.parametrize(("name", "data", "message"), [
    ("guide.pdf", sample.ELF, "ne correspond pas à un fichier .pdf"),
    ("tableau.xlsx", sample.odt(), "ne correspond pas à un fichier .xlsx"),
    ("photo.jpg", sample.PNG, "ne correspond pas"),
    ("outil.exe", sample.ELF, "n'est pas accepté"),
    ("vide.pdf", b"", "est vide"),
    ("gros.pdf", b"%PDF-" + b"0" * (26 * 1024 * 1024), "la limite est de 25 Mo"),
], ids=["elf-as-pdf", "odt-as-xlsx", "png-as-jpg", "exe", "empty", "too-big"])
def test_refused_files_say_why(name, data, message):
    with pytest.raises(ValidationError) as caught:
        files.check(data, name)
    assert message in caught.value.errors["file"]


def test_local_store_writes_reads_and_deletes(tmp_path):
    store = files.LocalStore(tmp_path)
    store.put("ab/abc", sample.PDF, "application/pdf")
    assert store.get("ab/abc") == sample.PDF and store.exists("ab/abc")
    assert not list(tmp_path.rglob("*.part"))
    store.delete("ab/abc")
    store.delete("ab/abc")  # already gone: nothing to do
    assert not store.exists("ab/abc")


class StorageStub(BaseHTTPRequestHandler):
    """Answers like Supabase Storage and records every request."""
    objects: ClassVar[dict[str, bytes]] = {}
    seen: ClassVar[list[tuple[str, str, dict, bytes]]] = []

    def _record(self) -> bytes:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.seen.append((self.command, self.path, headers, body))
        return body

    def _answer(self, status: int, payload: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self) -> None:
        body = self._record()
        key = self.path.removeprefix("/storage/v1/object/")
        self.objects[key] = body
        self._answer(200, json.dumps({"Key": key}).encode())

    def do_GET(self) -> None:
        self._record()
        key = self.path.removeprefix("/storage/v1/object/")
        if key in self.objects:
            self._answer(200, b"%PDF-stored", "application/pdf")
        else:
            self._answer(404, b'{"error": "not_found"}')

    def do_DELETE(self) -> None:
        prefixes = json.loads(self._record())["prefixes"]
        self._answer(200, json.dumps([{"name": p} for p in prefixes]).encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def storage_stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StorageStub)
    StorageStub.objects, StorageStub.seen = {}, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", StorageStub.seen
    server.shutdown()


def test_supabase_store_sends_the_storage_api_requests(storage_stub):
    url, seen = storage_stub
    store = files.make_store(supabase_url=url, supabase_key="cle-service", bucket="coopmd")
    assert store.backend == "supabase"
    store.put("ab/abcdef", sample.PDF, "application/pdf")
    method, path, headers, body = seen[-1]
    assert (method, path) == ("POST", "/storage/v1/object/coopmd/ab/abcdef")
    assert headers["authorization"] == "Bearer cle-service"
    assert headers.get("apikey") == "cle-service", sorted(headers)
    assert headers["x-upsert"] == "true" and headers["content-type"].startswith("multipart/")
    assert sample.PDF in body and b"application/pdf" in body
    assert store.get("ab/abcdef") == b"%PDF-stored"
    assert seen[-1][:2] == ("GET", "/storage/v1/object/coopmd/ab/abcdef")
    store.delete("ab/abcdef")
    method, path, _, body = seen[-1]
    assert (method, path) == ("DELETE", "/storage/v1/object/coopmd")
    assert json.loads(body) == {"prefixes": ["ab/abcdef"]}


def test_without_supabase_settings_files_stay_local(tmp_path):
    assert isinstance(files.make_store(root=tmp_path), files.LocalStore)
    assert isinstance(files.make_store(supabase_url="", supabase_key="x", root=tmp_path),
                      files.LocalStore)
