"""In Chromium: an administrator downloads the whole space as one archive, from the
journal tab, and the archive holds every table and the manifest the import reads."""

from __future__ import annotations

import json
import zipfile

from tests.conftest import PASSWORD
from tests.e2e.conftest import ADMIN, sign_in


def test_an_admin_downloads_the_full_backup(live_engine, server, page, tmp_path):
    page.goto(server)
    sign_in(page, ADMIN, PASSWORD)
    page.goto(f"{server}/admin?section=Journal")
    page.get_by_text("Sauvegarde complète", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger la sauvegarde complète (.zip)").click()
    saved = tmp_path / "sauvegarde.zip"
    download.value.save_as(saved)
    assert download.value.suggested_filename.startswith("coopmd-sauvegarde-")
    with zipfile.ZipFile(saved) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["rows"]["users"] == 1
        assert f"{ADMIN}" in archive.read("tables/users.jsonl").decode()
    with live_engine.connect() as conn:  # who took a copy of every account is known
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE action = 'export_backup'").scalar_one() == 1
