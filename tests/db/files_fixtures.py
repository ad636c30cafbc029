"""Small real files of each accepted type, built in memory (no binary fixtures in the repo)."""

from __future__ import annotations

import functools
import io
import zipfile

from openpyxl import Workbook

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x04\x00\x09\xfb\x03\xfd"
       b"\xe3U\xf2\x9c\x00\x00\x00\x00IEND\xaeB`\x82")
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


@functools.cache
def xlsx() -> bytes:
    """Built once per run: openpyxl stamps the current second into the file, and tests
    compare two uploads of « the same » file by their bytes."""
    book = Workbook()
    book.active.append(["Atelier", "Places"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("fiche.txt", "Fiche d'animation")
    return buffer.getvalue()
