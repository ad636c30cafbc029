"""A fiche as Markdown and printable HTML; the filtered list as CSV and XLSX."""

from __future__ import annotations

import io

import openpyxl

from db import pitches
from db.pitches import browse as pitch_browse
from db.pitches import exports as pitch_exports


def _fiche(conn, member):
    return pitches.create_pitch(
        conn,
        actor=member,
        publish=True,
        data=pitches.FicheInput(
            title="Offre numérique & lecture",
            axis="Axe 1",
            summary="Des **ressources** pour tous.",
            budget_eur="35 000",
            department_code="82",
            funders=[
                {"funder": "État", "amount_eur": 17500},
                {"funder": "Département", "amount_eur": 17500},
            ],
        ),
    )


def test_markdown_and_printable_page(conn, member):
    fiche = _fiche(conn, member)
    text = pitch_exports.to_markdown(fiche)
    assert text.startswith("# Offre numérique & lecture\n")
    assert "- **Financeurs** : État : 17\u202f500 €; Département : 17\u202f500 €" in text
    assert "## Résumé\n\nDes **ressources** pour tous." in text
    page = pitch_exports.to_html(fiche, {"summary": "<p>Des <strong>ressources</strong></p>"})
    assert "<title>Offre numérique &amp; lecture</title>" in page
    assert 'lang="fr"' in page and "<h2>Résumé</h2>" in page


def test_filtered_list_exports_one_column_per_field(conn, member):
    _fiche(conn, member)
    pitches.create_pitch(
        conn,
        actor=member,
        publish=True,
        data=pitches.FicheInput(title="Autre fiche", summary="Rien.", department_code="42"),
    )
    chosen = pitch_browse.list_full_pitches(conn, viewer=member,
                               filters=pitch_browse.Filters(department_code="82"))
    rows = list(openpyxl.load_workbook(io.BytesIO(pitch_exports.to_xlsx(chosen)))
                .active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[0][0] == "Titre" and len(rows[0]) == len(
        pitch_exports.COLUMNS)
    assert rows[1][0] == "Offre numérique & lecture" and 35000.0 in rows[1]
    text = pitch_exports.to_csv(chosen).decode("utf-8")
    assert text.startswith("\ufeffTitre;Axe;") and text.count("\n") == 2
